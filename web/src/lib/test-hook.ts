// window.kefuDebug.drop(ms): drop this page's connection for ms, to watch it resume and
// resend (used by tests/browser; harmless: a user can only disconnect themselves).
import type { ChatClient } from './chat-client';

declare global {
  interface Window {
    kefuDebug?: { drop: (holdMs: number) => void };
  }
}

export function exposeDebugHook(client: ChatClient): void {
  window.kefuDebug = { drop: (holdMs) => client.connection.dropFor(holdMs) };
}
