// How long a buyer has waited, against the shop's wait_alert_seconds (R-SUP-1): amber past the
// threshold, red past twice it (the threshold is the shop's; "twice" is the page's reading).
export type WaitLevel = 'ok' | 'amber' | 'red';

export function waitLevel(waitedMs: number, alertSeconds: number): WaitLevel {
  const limit = (alertSeconds || 60) * 1000;
  return waitedMs >= 2 * limit ? 'red' : waitedMs >= limit ? 'amber' : 'ok';
}
