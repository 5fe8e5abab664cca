// The agent's login session, kept in sessionStorage: a reload stays logged in, closing the
// tab logs out. Also remembers, per tab, which conversation is open and what has been read.
import { postJson } from '../lib/http';

export interface AgentSession {
  token: string;
  agentId: string;
  shopId: string;
  displayName: string;
  group: string;
  expiresAtMs: string | number;
}

const sessionKey = 'kefu.agent.session';
const selectedKey = 'kefu.agent.selected';
const readKey = 'kefu.agent.read';

export function loadSession(): AgentSession | null {
  try {
    const s = JSON.parse(sessionStorage.getItem(sessionKey) ?? 'null') as AgentSession | null;
    if (!s?.token) return null;
    if (Number(s.expiresAtMs) && Number(s.expiresAtMs) < Date.now()) return null;
    return s;
  } catch {
    return null;
  }
}

export async function login(loginName: string, password: string): Promise<AgentSession> {
  const session = await postJson<AgentSession>('/api/login', { login: loginName, password });
  sessionStorage.setItem(sessionKey, JSON.stringify(session));
  return session;
}

export function logout(): void {
  // Ends the session on the server too (its sockets elsewhere close); the page forgets it
  // whatever the answer, so a server out of reach never keeps anyone logged in here.
  const token = loadSession()?.token;
  if (token) {
    void fetch('/api/logout', { method: 'POST', headers: { Authorization: `Bearer ${token}` } }).catch(
      () => undefined,
    );
  }
  sessionStorage.removeItem(sessionKey);
  sessionStorage.removeItem(selectedKey);
  sessionStorage.removeItem(readKey);
}

export function loadSelected(): string {
  return sessionStorage.getItem(selectedKey) ?? '';
}

export function saveSelected(id: string): void {
  sessionStorage.setItem(selectedKey, id);
}

/** conversation id → the last message id the agent has seen on screen. */
export function loadReadMarks(): Record<string, string> {
  try {
    return JSON.parse(sessionStorage.getItem(readKey) ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}

export function saveReadMarks(marks: Record<string, string>): void {
  sessionStorage.setItem(readKey, JSON.stringify(marks));
}
