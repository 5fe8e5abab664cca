// How long the buyer has been waiting for a human answer (issue 6): from the oldest buyer
// message after the last human reply of the shop (R-KPI-3's round), on the server's clock.
import { MessageKind, Role, type Message } from '../gen/kefu/v1/frames_pb';

/** R-KPI-3's default thresholds: amber past the fast reply time, red past the slow one. */
export const amberAfterMs = 30_000;
export const redAfterMs = 180_000;

/** When the oldest unanswered buyer message was sent (ms), or 0 when nothing waits. */
export function unansweredSince(messages: Message[]): number {
  let since = 0;
  for (const m of messages) {
    if (m.senderRole === Role.BUYER) {
      if (!since) since = Number(m.sentAtMs);
    } else if (m.senderRole === Role.AGENT && m.kind === MessageKind.HUMAN) {
      since = 0;
    }
  }
  return since;
}

export function waitLevel(waitedMs: number): 'ok' | 'amber' | 'red' {
  return waitedMs >= redAfterMs ? 'red' : waitedMs >= amberAfterMs ? 'amber' : 'ok';
}
