// A staff login session (agents and supervisors both log in with POST /api/login), kept in
// sessionStorage under a key of the page's own: a reload stays logged in, closing the tab logs
// out, and the agent console and the supervisor page of one tab keep separate sessions.
import { postJson } from './http';

export interface StaffSession {
  token: string;
  agentId: string;
  shopId: string;
  displayName: string;
  group: string;
  expiresAtMs: string | number;
  /** The account supervises (R-ROLE-4); absent for agents (protobuf's JSON leaves out false). */
  supervisor?: boolean;
}

export class SessionStore {
  /** storageKey: where this page keeps its session; extraKeys: page state that ends with it. */
  constructor(
    private readonly storageKey: string,
    private readonly extraKeys: string[] = [],
  ) {}

  load(): StaffSession | null {
    try {
      const s = JSON.parse(sessionStorage.getItem(this.storageKey) ?? 'null') as StaffSession | null;
      if (!s?.token) return null;
      if (Number(s.expiresAtMs) && Number(s.expiresAtMs) < Date.now()) return null;
      return s;
    } catch {
      return null;
    }
  }

  async login(loginName: string, password: string): Promise<StaffSession> {
    const session = await postJson<StaffSession>('/api/login', { login: loginName, password });
    sessionStorage.setItem(this.storageKey, JSON.stringify(session));
    return session;
  }

  logout(): void {
    // Ends the session on the server too (its sockets elsewhere close); the page forgets it
    // whatever the answer, so a server out of reach never keeps anyone logged in here.
    const token = this.load()?.token;
    if (token) {
      void fetch('/api/logout', { method: 'POST', headers: { Authorization: `Bearer ${token}` } }).catch(
        () => undefined,
      );
    }
    sessionStorage.removeItem(this.storageKey);
    this.extraKeys.forEach((k) => sessionStorage.removeItem(k));
  }
}
