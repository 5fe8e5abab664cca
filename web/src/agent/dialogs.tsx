// The agent's actions on a conversation that need a few words: transfer or escalate with a
// note (R-ROUTE-10), a follow-up with a due time (R-MSG-4), and the shift's handover (R-SHIFT-5).
import { useState } from 'preact/hooks';
import { HandoverKind, TransferKind, type Colleague, type GroupInfo } from '../gen/kefu/v1/frames_pb';
import type { ChatClient, ConversationState } from '../lib/chat-client';
import { t } from '../lib/i18n';

function Dialog({ title, testid, children }: { title: string; testid: string; children: preact.ComponentChildren }) {
  return (
    <div class="overlay">
      <div class="dialog" role="dialog" aria-label={title} data-testid={testid}>
        <h3>{title}</h3>
        {children}
      </div>
    </div>
  );
}

export function TransferDialog({ client, conversationId, colleagues, groups, myGroup, onClose }: {
  client: ChatClient;
  conversationId: string;
  colleagues: Colleague[];
  groups: GroupInfo[];
  myGroup: string;
  onClose: (done: boolean) => void;
}) {
  const agents = colleagues.filter((c) => !c.supervisor);
  const [kind, setKind] = useState<TransferKind>(TransferKind.TO_AGENT);
  const [agent, setAgent] = useState(agents.find((c) => c.group === myGroup)?.id ?? agents[0]?.id ?? '');
  const [group, setGroup] = useState(groups.find((g) => g.id !== myGroup)?.id ?? '');
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      await client.connection.request({
        case: 'transferConversation',
        value: {
          conversationId,
          kind,
          toAgentId: kind === TransferKind.TO_AGENT ? agent : '',
          toGroup: kind === TransferKind.TO_GROUP ? group : '',
          note,
        },
      });
      onClose(true);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <Dialog title={t('transfer')} testid="transfer-dialog">
      <form onSubmit={submit} class="form">
        <div class="row">
          {[
            [TransferKind.TO_AGENT, t('transferToAgent')],
            [TransferKind.TO_GROUP, t('transferToGroup')],
            [TransferKind.ESCALATE, t('escalate')],
          ].map(([k, label]) => (
            <label key={k}>
              <input type="radio" name="kind" checked={kind === k} onChange={() => setKind(k as TransferKind)} /> {label}
            </label>
          ))}
        </div>
        {kind === TransferKind.TO_AGENT && (
          <select data-testid="transfer-agent" value={agent} onChange={(e) => setAgent(e.currentTarget.value)}>
            {agents.map((c) => (
              <option key={c.id} value={c.id}>
                {c.displayName} ({c.id} · {groups.find((g) => g.id === c.group)?.displayName || c.group})
              </option>
            ))}
          </select>
        )}
        {kind === TransferKind.TO_GROUP && (
          <select data-testid="transfer-group" value={group} onChange={(e) => setGroup(e.currentTarget.value)}>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.displayName || g.id}
              </option>
            ))}
          </select>
        )}
        <textarea data-testid="transfer-note" rows={3} placeholder={t('transferNote')} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        {error && <div class="error">{error}</div>}
        <div class="dialog-actions">
          <button type="button" onClick={() => onClose(false)}>
            {t('cancel')}
          </button>
          <button type="submit" class="primary" data-testid="transfer-submit" disabled={!note.trim()}>
            {kind === TransferKind.ESCALATE ? t('escalate') : t('transfer')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** A datetime-local value for a time in ms (local time). */
function localInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function FollowUpDialog({ client, conversation, nowMs, onClose }: { client: ChatClient; conversation: ConversationState; nowMs: number; onClose: (done: boolean) => void }) {
  const [text, setText] = useState('');
  // R-MSG-4: answer within 24 h; two hours is a sensible default promise.
  const [due, setDue] = useState(localInput(nowMs + 2 * 3600_000));
  const [error, setError] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      await client.connection.request({
        case: 'setFollowUp',
        value: {
          conversationId: conversation.conversation.id,
          orderId: conversation.conversation.orderId,
          text,
          dueAtMs: BigInt(new Date(due).getTime()),
        },
      });
      onClose(true);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <Dialog title={t('followUp')} testid="follow-up-dialog">
      <form onSubmit={submit} class="form">
        <textarea rows={3} placeholder={t('followUpText')} value={text} onInput={(e) => setText(e.currentTarget.value)} />
        <label>
          {t('dueAt')}{' '}
          <input type="datetime-local" value={due} min={localInput(nowMs)} max={localInput(nowMs + 24 * 3600_000)} onInput={(e) => setDue(e.currentTarget.value)} />
        </label>
        <span class="muted">{t('followUpHint')}</span>
        {error && <div class="error">{error}</div>}
        <div class="dialog-actions">
          <button type="button" onClick={() => onClose(false)}>
            {t('cancel')}
          </button>
          <button type="submit" class="primary" disabled={!text.trim()}>
            {t('save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

interface ItemDraft {
  kind: HandoverKind;
  conversationId: string;
  text: string;
}

/** Pre-filled with the open conversations and the follow-ups still to do; the agent edits. */
export function HandoverDialog({ client, drafts, onClose }: { client: ChatClient; drafts: ItemDraft[]; onClose: (done: boolean) => void }) {
  const [items, setItems] = useState<ItemDraft[]>(drafts.length ? drafts : [{ kind: HandoverKind.OPEN_QUESTION, conversationId: '', text: '' }]);
  const [error, setError] = useState('');
  const set = (i: number, patch: Partial<ItemDraft>) => setItems(items.map((it, n) => (n === i ? { ...it, ...patch } : it)));
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      await client.connection.request({ case: 'writeHandover', value: { items: items.filter((i) => i.text.trim()) } });
      onClose(true);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <Dialog title={t('handover')} testid="handover-dialog">
      <form onSubmit={submit} class="form">
        {items.map((it, i) => (
          <div class="row" key={i}>
            <select value={it.kind} onChange={(e) => set(i, { kind: Number(e.currentTarget.value) as HandoverKind })}>
              <option value={HandoverKind.OPEN_QUESTION}>{t('openQuestion')}</option>
              <option value={HandoverKind.PENDING_FOLLOW_UP}>{t('pendingFollowUp')}</option>
            </select>
            <input class="grow" value={it.text} onInput={(e) => set(i, { text: e.currentTarget.value })} />
            <button type="button" class="link-button" onClick={() => setItems(items.filter((_, n) => n !== i))}>
              {t('delete')}
            </button>
          </div>
        ))}
        <button type="button" class="link-button" onClick={() => setItems([...items, { kind: HandoverKind.OPEN_QUESTION, conversationId: '', text: '' }])}>
          + {t('add')}
        </button>
        {error && <div class="error">{error}</div>}
        <div class="dialog-actions">
          <button type="button" onClick={() => onClose(false)}>
            {t('cancel')}
          </button>
          <button type="submit" class="primary" disabled={!items.some((i) => i.text.trim())}>
            {t('handoverSubmit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
