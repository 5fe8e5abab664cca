// The live view (R-SUP-1, R-SUP-2): group tiles and the queue chart on top, the agents below,
// and on the right the alerts and the waiting conversations, or the monitored conversation.
// Everything comes from the pushed DashboardUpdate; the clock only ages the waits on screen.
import { create } from '@bufbuild/protobuf';
import { WaitingConversationSchema, type WaitingConversation } from '../gen/kefu/v1/frames_pb';
import { t } from '../lib/i18n';
import { AgentsTable } from './agents-table';
import { AlertsList } from './alerts-list';
import type { ShopApi } from './api';
import { GroupTiles } from './group-tiles';
import type { SupervisorLive } from './live';
import { MonitorPanel } from './monitor-panel';
import { QueueChart } from './queue-chart';
import { QueueList } from './queue-list';

interface Props {
  live: SupervisorLive;
  api: ShopApi;
  monitored: string;
  shiftIds: string[];
  onMonitored: (conversationId: string) => void;
  onError: (text: string) => void;
}

export function LiveView({ live, api, monitored, shiftIds, onMonitored, onError }: Props) {
  const d = live.dashboard;
  if (!d) return <p class="empty page-empty">{live.access === 'forbidden' ? t('supOnly') : t('connConnecting')}</p>;
  const nowMs = live.nowMs();
  const alertSeconds = d.waitAlertSeconds || 60;
  const names = Object.fromEntries(d.groups.map((g) => [g.group, g.displayName || g.group]));
  const agentName = (id: string) => d.agents.find((a) => a.agentId === id)?.displayName || id;

  const monitor = (w: WaitingConversation) => {
    if (monitored && monitored !== w.conversationId) void live.unmonitor(monitored);
    live.monitor(w);
    onMonitored(w.conversationId);
  };
  const monitorId = (conversationId: string) => {
    const known = [...d.groups.flatMap((g) => g.waiting), ...d.agents.flatMap((a) => a.waiting)].find((w) => w.conversationId === conversationId);
    monitor(known ?? create(WaitingConversationSchema, { conversationId }));
  };

  return (
    <div class="live" data-testid="live-view" data-as-of={String(d.asOfMs)}>
      <div class="live-main">
        <div class="live-top">
          <GroupTiles groups={d.groups} nowMs={nowMs} alertSeconds={alertSeconds} />
          <QueueChart samples={live.samples} groups={d.groups.map((g) => g.group)} names={names} />
        </div>
        <div class="live-agents">
          <AgentsTable agents={d.agents} api={api} nowMs={nowMs} alertSeconds={alertSeconds} shiftIds={shiftIds} onMonitor={monitor} onError={onError} />
        </div>
      </div>
      <div class="live-side">
        {monitored && live.chat.conversation(monitored) ? (
          <MonitorPanel
            live={live}
            conversationId={monitored}
            agents={d.agents}
            onError={onError}
            onClose={() => {
              void live.unmonitor(monitored);
              onMonitored('');
            }}
          />
        ) : (
          <>
            <AlertsList alerts={d.alerts} nowMs={nowMs} agentName={agentName} groupName={(g) => names[g] ?? g} onOpen={monitorId} />
            <QueueList groups={d.groups} nowMs={nowMs} alertSeconds={alertSeconds} onMonitor={monitor} />
          </>
        )}
      </div>
    </div>
  );
}
