// The conversations waiting in the queues, longest first (GroupLive.waiting), each with its
// wait against the alert threshold; a click opens it in the monitor, where it can be
// reassigned.
import type { GroupLive, WaitingConversation } from '../gen/kefu/v1/frames_pb';
import { shortDuration } from '../lib/format';
import { t } from '../lib/i18n';
import { waitLevel } from './wait-level';

interface Props {
  groups: GroupLive[];
  nowMs: number;
  alertSeconds: number;
  onMonitor: (w: WaitingConversation) => void;
}

export function QueueList({ groups, nowMs, alertSeconds, onMonitor }: Props) {
  const waiting = groups.flatMap((g) => g.waiting.map((w) => ({ w, name: g.displayName || g.group })));
  waiting.sort((a, b) => Number(a.w.waitingSinceMs - b.w.waitingSinceMs));
  return (
    <section class="panel queue-list" data-testid="queue-list">
      <h2>
        {t('supWaiting')} <span class="count">{waiting.length}</span>
      </h2>
      {waiting.length === 0 && <p class="empty">{t('supNobodyWaiting')}</p>}
      <ul>
        {waiting.map(({ w, name }) => {
          const waited = nowMs - Number(w.waitingSinceMs);
          const level = waitLevel(waited, alertSeconds);
          return (
            <li key={w.conversationId}>
              <button type="button" class={`row-button wait-${level}`} data-conversation-id={w.conversationId} onClick={() => onMonitor(w)}>
                <span class="tag">{name}</span>
                <span class="grow">{w.buyerId}</span>
                {w.leftMessage && <span class="tag tag-left">{t('leftMessageTag')}</span>}
                {w.agentId && <span class="muted">{w.agentId}</span>}
                <span class={`wait wait-${level}`}>{shortDuration(waited)}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
