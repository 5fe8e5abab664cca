// How long the buyer has been waiting for a human answer (issue 6): from the oldest buyer
// message after the last human reply of the shop (R-KPI-3's round), on the server's clock.
import { MessageKind, Role, type Message } from '../gen/kefu/v1/frames_pb';

/** The shop's R-KPI-3 thresholds (Welcome carries the shop's own): amber past the fast reply
 * time, red past the slow one. Until the Welcome arrives, R-KPI-3's defaults. */
export interface WaitThresholds {
  amberAfterMs: number;
  redAfterMs: number;
}
export const defaultThresholds: WaitThresholds = { amberAfterMs: 30_000, redAfterMs: 180_000 };

/** The shop's thresholds from the Welcome's seconds (0 = not sent: the defaults). */
export function thresholdsOf(fastReplySeconds: number, slowReplySeconds: number): WaitThresholds {
  if (!fastReplySeconds || !slowReplySeconds) return defaultThresholds;
  return { amberAfterMs: fastReplySeconds * 1000, redAfterMs: slowReplySeconds * 1000 };
}

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

export function waitLevel(waitedMs: number, limits: WaitThresholds): 'ok' | 'amber' | 'red' {
  return waitedMs >= limits.redAfterMs ? 'red' : waitedMs >= limits.amberAfterMs ? 'amber' : 'ok';
}
