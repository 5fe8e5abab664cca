// What needs the supervisor now (R-SUP-1): long waits, overdue follow-ups, idle agents. The
// text is the page's own (the server's Chinese text is for logs); a row with a conversation
// opens it in the monitor.
import { AlertKind, type DashboardAlert } from '../gen/kefu/v1/frames_pb';
import { shortDuration } from '../lib/format';
import { t, type TextKey } from '../lib/i18n';

const kindText: Record<AlertKind, TextKey> = {
  [AlertKind.UNSPECIFIED]: 'supAlert',
  [AlertKind.LONG_WAIT]: 'supAlertLongWait',
  [AlertKind.OVERDUE_FOLLOW_UP]: 'supAlertFollowUp',
  [AlertKind.IDLE_AGENT]: 'supAlertIdle',
};

interface Props {
  alerts: DashboardAlert[];
  nowMs: number;
  agentName: (id: string) => string;
  groupName: (id: string) => string;
  onOpen: (conversationId: string) => void;
}

export function AlertsList({ alerts, nowMs, agentName, groupName, onOpen }: Props) {
  return (
    <section class="panel alerts" data-testid="alerts" data-count={alerts.length}>
      <h2>
        {t('supAlerts')} <span class="count">{alerts.length}</span>
      </h2>
      {alerts.length === 0 && <p class="empty">{t('supNoAlerts')}</p>}
      <ul>
        {alerts.map((a, i) => (
          <li key={`${a.kind}-${a.conversationId}-${a.agentId}-${i}`} class={`alert alert-${AlertKind[a.kind]?.toLowerCase()}`} data-kind={a.kind}>
            <span class="alert-kind">{t(kindText[a.kind] ?? 'supAlert')}</span>
            <span class="alert-who">
              {[a.group && groupName(a.group), a.agentId && agentName(a.agentId)].filter(Boolean).join(' · ')}
            </span>
            <span class="alert-since">{Number(a.sinceMs) ? shortDuration(nowMs - Number(a.sinceMs)) : ''}</span>
            {a.conversationId && (
              <button type="button" class="link-button" onClick={() => onOpen(a.conversationId)}>
                {t('supMonitor')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
