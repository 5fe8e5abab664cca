// A monitored conversation (R-SUP-2), live and read-only beside the dashboard; once joined the
// supervisor gets a reply box. Reassigning opens a dialog of the shop's agents.
import { useState } from 'preact/hooks';
import { ConversationStatus, Role, type AgentLive, type Message } from '../gen/kefu/v1/frames_pb';
import { Composer, MessageList } from '../lib/components';
import { t } from '../lib/i18n';
import { ReassignDialog } from './reassign-dialog';
import type { SupervisorLive } from './live';

interface Props {
  live: SupervisorLive;
  conversationId: string;
  agents: AgentLive[];
  onClose: () => void;
  onError: (text: string) => void;
}

export function MonitorPanel({ live, conversationId, agents, onClose, onError }: Props) {
  const [reassigning, setReassigning] = useState(false);
  const state = live.chat.conversation(conversationId);
  if (!state) return null;
  const conv = state.conversation;
  const joined = live.joined.has(conversationId);
  const me = live.chat.me;
  const agentName = (id: string) => agents.find((a) => a.agentId === id)?.displayName || id;
  // A join's system message carries the supervisor's id: it is the system's, not theirs.
  const mine = (m: Message) => !!me && m.senderId === me.id && m.senderRole !== Role.SYSTEM;
  const label = (m: Message) =>
    mine(m) ? t('supMe') : m.senderRole === Role.BUYER ? t('buyer') : m.senderRole === Role.SYSTEM ? t('system') : m.senderRole === Role.SUPERVISOR ? `${t('supervisorRole')} ${m.senderId}` : agentName(m.senderId);
  const act = (p: Promise<unknown>) => p.catch((e: unknown) => onError(e instanceof Error ? e.message : String(e)));

  return (
    <aside class="monitor" data-testid="monitor" data-conversation-id={conversationId} data-joined={joined ? 'true' : 'false'}>
      <header class="monitor-head">
        <div class="grow">
          <strong>{conv.buyerId || conversationId}</strong>
          <div class="muted small">
            #{conversationId} · {conv.agentId ? agentName(conv.agentId) : t('supInQueue')}
            {conv.status === ConversationStatus.ENDED && ` · ${t('endedTag')}`}
          </div>
        </div>
        <button type="button" data-testid="reassign" title="Alt+R" onClick={() => setReassigning(true)}>
          {t('supReassign')}
        </button>
        <button type="button" data-testid="join" class={joined ? '' : 'primary'} title="Alt+J" onClick={() => act(live.join(conversationId, joined))}>
          {joined ? t('supLeave') : t('supJoin')}
        </button>
        <button type="button" class="link-button" aria-label={t('close')} onClick={onClose}>
          ✕
        </button>
      </header>
      <MessageList messages={state.messages} pending={live.chat.pendingIn(conversationId)} isMine={mine} senderLabel={label} />
      {joined ? (
        <Composer placeholder={t('replyPlaceholder')} disabled={conv.status === ConversationStatus.ENDED} onSend={(text, image) => live.chat.send(conversationId, text, image)} />
      ) : (
        <p class="monitor-readonly muted">{t('supReadOnly')}</p>
      )}
      {reassigning && (
        <ReassignDialog
          agents={agents.filter((a) => a.agentId !== conv.agentId)}
          onCancel={() => setReassigning(false)}
          onReassign={async (to, note) => {
            await live.reassign(conversationId, to, note);
            setReassigning(false);
          }}
        />
      )}
    </aside>
  );
}
