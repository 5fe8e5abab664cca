// The agent's login session (lib/session.ts) and, per tab, which conversation is open and
// what has been read.
import { SessionStore, type StaffSession } from '../lib/session';

export type AgentSession = StaffSession;

const selectedKey = 'kefu.agent.selected';
const readKey = 'kefu.agent.read';

export const agentSessions = new SessionStore('kefu.agent.session', [selectedKey, readKey]);

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
