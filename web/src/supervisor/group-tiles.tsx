// One tile per group (R-SUP-1): queue length, the longest wait (amber/red past the shop's
// alert threshold), left messages, conversations in progress and agents online.
import type { GroupLive } from '../gen/kefu/v1/frames_pb';
import { shortDuration } from '../lib/format';
import { t } from '../lib/i18n';
import { waitLevel } from './wait-level';

export function GroupTiles({ groups, nowMs, alertSeconds }: { groups: GroupLive[]; nowMs: number; alertSeconds: number }) {
  return (
    <div class="tiles" data-testid="group-tiles">
      {groups.map((g) => {
        const oldest = Number(g.oldestQueuedAtMs);
        const waited = oldest ? nowMs - oldest : 0;
        const level = oldest ? waitLevel(waited, alertSeconds) : 'ok';
        return (
          <section
            key={g.group}
            class={`tile wait-${level}`}
            data-testid={`group-${g.group}`}
            data-queued={g.queued}
            data-in-progress={g.inProgress}
            data-online={g.agentsOnline}
            data-wait={level}
          >
            <h2>{g.displayName || g.group}</h2>
            <div class="tile-main">
              <span class="tile-figure">{g.queued}</span>
              <span class="tile-label">{t('supQueued')}</span>
              <span class={`tile-wait wait-${level}`} title={t('supLongestWait')}>
                {oldest ? shortDuration(waited) : '—'}
              </span>
            </div>
            <dl class="tile-facts">
              <dt>{t('supLeftMessages')}</dt>
              <dd>{g.leftMessages}</dd>
              <dt>{t('supInProgress')}</dt>
              <dd>{g.inProgress}</dd>
              <dt>{t('supOnline')}</dt>
              <dd>{g.agentsOnline}</dd>
            </dl>
          </section>
        );
      })}
    </div>
  );
}
