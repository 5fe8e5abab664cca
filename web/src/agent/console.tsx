// The agent's workspace (工作台): header with presence, shift and today's figures; the list of
// active conversations with waiting times and unread counts, due follow-ups; the open
// conversation with typing and read state; quick replies; and the buyer's orders, notes and
// earlier conversations beside it. Everything live over the WebSocket; a reload resumes.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  ConversationStatus,
  ErrorCode,
  HandoverKind,
  Presence,
  Role,
  type BuyerHistory,
  type Colleague,
  type GroupInfo,
  type Message,
  type QuickReply,
  type ShiftInfo,
} from '../gen/kefu/v1/frames_pb';
import type { FiguresReport } from '../gen/kefu/v1/kpi_pb';
import type { FollowUp, OrderView } from '../gen/kefu/v1/orders_pb';
import { ChatClient, type ConversationState } from '../lib/chat-client';
import { Composer, ConnectionBadge, LangSwitch, MessageList, ShortcutsDialog } from '../lib/components';
import { ServerError } from '../lib/connection';
import { serverAddresses } from '../lib/server-list';
import { formatTime, shortDuration } from '../lib/format';
import { shiftName } from '../lib/shifts';
import { lang, t, type TextKey } from '../lib/i18n';
import { compareMessageIds } from '../lib/message-ids';
import { exposeDebugHook } from '../lib/test-hook';
import { useChat } from '../lib/use-chat';
import { chime, titleWith } from './alerts';
import { FollowUpDialog, HandoverDialog, TransferDialog } from './dialogs';
import { TodayFigures } from './figures';
import { OrderPanel } from './order-panel';
import { QuickReplyManager, QuickReplyPicker, matchReplies, slashQuery } from './quick-replies';
import { loadReadMarks, loadSelected, saveReadMarks, saveSelected, type AgentSession } from './session';
import { defaultThresholds, thresholdsOf, unansweredSince, waitLevel, type WaitThresholds } from './waiting';

const presenceButtons: [Presence, TextKey, string][] = [
  [Presence.ONLINE, 'presenceOnline', 'Alt+1'],
  [Presence.AWAY, 'presenceAway', 'Alt+2'],
  [Presence.OFFLINE, 'presenceOffline', 'Alt+3'],
];

function lastActivity(c: ConversationState): string {
  const last = c.messages.at(-1)?.id ?? '';
  return compareMessageIds(last, c.conversation.lastMessageId) > 0 ? last : c.conversation.lastMessageId;
}

const isEnded = (c: ConversationState) => c.conversation.status === ConversationStatus.ENDED;

/** Who needs the agent first: open before ended; among open ones, the buyer waiting longest for
 * an answer, then new ones without messages, then the most recently active. */
function byUrgency(a: ConversationState, b: ConversationState): number {
  if (isEnded(a) !== isEnded(b)) return isEnded(a) ? 1 : -1;
  const wa = unansweredSince(a.messages);
  const wb = unansweredSince(b.messages);
  if (wa && wb) return wa - wb;
  if (wa || wb) return wa ? -1 : 1;
  return compareMessageIds(lastActivity(b), lastActivity(a));
}

type DialogKind = 'transfer' | 'followUp' | 'handover' | 'quickReplies' | 'help' | null;

interface Staff {
  shift?: ShiftInfo;
  colleagues: Colleague[];
  groups: GroupInfo[];
  group: string;
  waits: WaitThresholds;
}


function ShiftLabel({ shift, nowMs }: { shift?: ShiftInfo; nowMs: number }) {
  if (!shift?.shiftId) return <span class="shift muted" data-testid="shift">{t('noShift')}</span>;
  const name = shiftName(shift.shiftId);
  const left = Number(shift.endMs) - nowMs;
  const allDay = Number(shift.endMs) - Number(shift.startMs) >= 24 * 3600_000;
  const ending = shift.onShift && !allDay && left < 30 * 60_000;
  const hhmm = (ms: bigint) => new Date(Number(ms)).toLocaleTimeString(lang() === 'zh' ? 'zh-CN' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
  return (
    <span class={`shift ${ending ? 'shift-ending' : ''}`} data-testid="shift" data-on-shift={shift.onShift ? 'true' : 'false'}>
      {shift.onShift ? '' : `${t('shiftNext')} `}
      {name}
      {!allDay && ` ${hhmm(shift.startMs)}–${hhmm(shift.endMs)}`}
      {ending && ` · ${t('shiftEndsIn', { time: shortDuration(left) })}`}
    </span>
  );
}

export function AgentConsole({ session, onLogout }: { session: AgentSession; onLogout: (expired: boolean) => void }) {
  const [presence, setPresence] = useState<Presence>(Presence.UNSPECIFIED);
  const [figures, setFigures] = useState<FiguresReport | undefined>(undefined);
  const [staff, setStaff] = useState<Staff>({ colleagues: [], groups: [], group: session.group, waits: defaultThresholds });
  const [selected, setSelected] = useState(loadSelected());
  const [readMarks, setReadMarks] = useState(loadReadMarks());
  const [quickReplies, setQuickReplies] = useState<QuickReply[]>([]);
  const [followUps, setFollowUps] = useState<FollowUp[]>([]);
  const [orders, setOrders] = useState<Record<string, OrderView[]>>({});
  const [history, setHistory] = useState<Record<string, BuyerHistory>>({});
  const [dialog, setDialog] = useState<DialogKind>(null);
  const [notice, setNotice] = useState('');
  const [tab, setTab] = useState<'orders' | 'history'>('orders');
  const [, setTick] = useState(0);
  const clockOffset = useRef(0);
  const inputRef = useRef<HTMLTextAreaElement | null>(null);
  const alerts = useRef({ unseen: 0 });
  const selectedRef = useRef(selected);
  selectedRef.current = selected;

  const client = useMemo(() => {
    const c: ChatClient = new ChatClient({
      urls: serverAddresses(),
      hello: async (conn, chat) => {
        const answer = await conn.request({
          case: 'hello',
          value: { credential: { case: 'agentSessionToken', value: session.token }, shopId: session.shopId },
        });
        if (answer.body.case !== 'welcome') throw new Error('expected Welcome');
        const welcome = answer.body.value;
        chat.me = { role: Role.AGENT, id: welcome.userId };
        clockOffset.current = Number(welcome.serverTimeMs) - Date.now();
        setPresence(welcome.presence);
        setStaff({
          shift: welcome.shift,
          colleagues: welcome.colleagues,
          groups: welcome.groups,
          group: welcome.group || session.group,
          waits: thresholdsOf(welcome.fastReplySeconds, welcome.slowReplySeconds),
        });
        welcome.conversations.forEach((conv) => chat.upsertConversation(conv));
        // Today's figures, then pushed whenever they change (again after every reconnect).
        const watched = await conn.request({ case: 'watchFigures', value: {} });
        if (watched.body.case === 'figuresUpdate') setFigures(watched.body.value.report);
        const replies = await conn.request({ case: 'listQuickReplies', value: {} });
        if (replies.body.case === 'quickReplyList') setQuickReplies(replies.body.value.replies);
        void refreshFollowUps();
      },
      onHelloFailed: (error) => {
        const expired = error instanceof ServerError && error.body.code === ErrorCode.UNAUTHENTICATED;
        if (expired) onLogout(true);
        return !expired;
      },
      onPush: (frame, chat) => {
        const body = frame.body;
        if (body.case === 'presenceChanged') setPresence(body.value.presence);
        if (body.case === 'figuresUpdate') setFigures(body.value.report);
        if (body.case === 'conversationAssigned' && !frame.requestId) notifyNew();
        if (body.case === 'message' && body.value.message?.senderRole === Role.BUYER && chat.conversation(body.value.message.conversationId)) {
          const m = body.value.message;
          if (m.conversationId !== selectedRef.current || document.hidden) notifyNew();
        }
        if (body.case === 'conversationTransferred') dropConversation(body.value.conversationId);
        if (body.case === 'orderUpdated' || body.case === 'noteSaved') void refreshOrders(selectedRef.current);
      },
    });
    return c;
  }, [session]);
  useChat(client);

  function notifyNew() {
    chime();
    if (document.hidden) alerts.current.unseen += 1;
    setTick((n) => n + 1);
  }

  function dropConversation(id: string) {
    client.forget(id);
    if (selectedRef.current === id) select('');
  }

  async function refreshFollowUps() {
    try {
      const answer = await client.connection.request({ case: 'listFollowUps', value: {} });
      if (answer.body.case === 'followUpList') setFollowUps(answer.body.value.followUps);
    } catch {
      // Shown again on the next refresh.
    }
  }

  async function refreshOrders(conversationId: string) {
    if (!conversationId || client.state !== 'open') return;
    try {
      const answer = await client.connection.request({ case: 'listOrders', value: { conversationId } });
      if (answer.body.case === 'orderList') {
        const list = answer.body.value.orders;
        setOrders((o) => ({ ...o, [conversationId]: list }));
      }
    } catch (e) {
      console.warn('listOrders failed', e);
    }
  }

  async function refreshHistory(conversationId: string) {
    if (!conversationId || client.state !== 'open') return;
    try {
      const answer = await client.connection.request({ case: 'listBuyerHistory', value: { conversationId } });
      if (answer.body.case === 'buyerHistory') {
        const h = answer.body.value;
        setHistory((o) => ({ ...o, [conversationId]: h }));
      }
    } catch (e) {
      console.warn('listBuyerHistory failed', e);
    }
  }

  useEffect(() => {
    exposeDebugHook(client);
    client.start();
    // Waiting times, typing hints and due follow-ups move with the clock.
    const timer = setInterval(() => setTick((n) => n + 1), 1000);
    const followUpTimer = setInterval(() => void refreshFollowUps(), 60_000);
    const visible = () => {
      if (!document.hidden) alerts.current.unseen = 0;
      setTick((n) => n + 1);
    };
    document.addEventListener('visibilitychange', visible);
    return () => {
      clearInterval(timer);
      clearInterval(followUpTimer);
      document.removeEventListener('visibilitychange', visible);
      client.stop();
    };
  }, [client]);

  const nowMs = Date.now() + clockOffset.current;
  const conversations = client.allConversations().sort(byUrgency);
  const open = selected ? client.conversation(selected) : undefined;
  const connected = client.state === 'open';

  // Orders and history of the open conversation: fetched when it opens and after a reconnect.
  useEffect(() => {
    if (!connected || !selected) return;
    void refreshOrders(selected);
    void refreshHistory(selected);
  }, [selected, connected]);

  // What is on screen is read: move the read mark, here and on the server (the buyer sees it).
  const openLast = open?.messages.at(-1)?.id ?? '';
  useEffect(() => {
    if (!selected || !openLast || document.hidden) return;
    if (readMarks[selected] !== openLast) {
      const next = { ...readMarks, [selected]: openLast };
      setReadMarks(next);
      saveReadMarks(next);
    }
    if (compareMessageIds(openLast, open?.agentReadId ?? '') > 0) void client.markRead(selected, openLast);
  }, [selected, openLast, connected, document.hidden]);

  const unread = (c: ConversationState) => {
    const local = readMarks[c.conversation.id] ?? '';
    const mark = compareMessageIds(local, c.agentReadId) > 0 ? local : c.agentReadId;
    return c.messages.filter((m) => m.senderRole === Role.BUYER && compareMessageIds(m.id, mark) > 0).length;
  };
  const totalUnread = conversations.reduce((n, c) => n + unread(c), 0);
  document.title = titleWith(t('agentTitle'), Math.max(totalUnread, alerts.current.unseen), t('newMessages'));

  const choosePresence = async (p: Presence) => {
    try {
      const answer = await client.connection.request({ case: 'setPresence', value: { presence: p } });
      if (answer.body.case === 'presenceChanged') setPresence(answer.body.value.presence);
    } catch (error) {
      setNotice((error as Error).message);
    }
  };

  function select(id: string) {
    setSelected(id);
    saveSelected(id);
    setTimeout(() => inputRef.current?.focus(), 0);
  }

  const endOpen = async () => {
    if (!open) return;
    try {
      await client.connection.request({ case: 'endConversation', value: { conversationId: open.conversation.id } });
    } catch (e) {
      setNotice((e as Error).message);
    }
  };

  // Keyboard shortcuts for the common actions (listed under "?" in the header).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && dialog) return setDialog(null);
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const ids = conversations.map((c) => c.conversation.id);
      const at = ids.indexOf(selected);
      const act: Record<string, () => void> = {
        ArrowDown: () => ids.length && select(ids[Math.min(ids.length - 1, at + 1)]),
        ArrowUp: () => ids.length && select(ids[Math.max(0, at - 1)]),
        '1': () => void choosePresence(Presence.ONLINE),
        '2': () => void choosePresence(Presence.AWAY),
        '3': () => void choosePresence(Presence.OFFLINE),
        t: () => open && setDialog('transfer'),
        f: () => open && setDialog('followUp'),
        e: () => void endOpen(),
        h: () => setDialog('handover'),
        q: () => setDialog('quickReplies'),
        n: () => (document.querySelector('[data-testid=note-add][data-focus=true]') as HTMLElement | null)?.click(),
      };
      const action = act[e.key] ?? act[e.key.toLowerCase()];
      if (action) {
        e.preventDefault();
        action();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const isMine = (m: Message) => m.senderRole === Role.AGENT;
  const nameOf = (id: string) => (id === session.agentId ? session.displayName || t('you') : staff.colleagues.find((c) => c.id === id)?.displayName || id);
  const groupName = (id: string) => staff.groups.find((g) => g.id === id)?.displayName || id;
  const senderLabel = (m: Message) =>
    m.senderRole === Role.BUYER ? t('buyer') : m.senderRole === Role.AGENT ? nameOf(m.senderId) : m.senderRole === Role.SUPERVISOR ? `${t('supervisorRole')} ${nameOf(m.senderId)}` : t('system');

  const due = followUps.filter((f) => !Number(f.doneAtMs));
  const handoverDrafts = [
    ...conversations.filter((c) => !isEnded(c)).map((c) => ({ kind: HandoverKind.OPEN_QUESTION, conversationId: c.conversation.id, text: `${c.conversation.buyerId}: ${c.messages.filter((m) => m.senderRole === Role.BUYER && m.text).at(-1)?.text ?? ''}` })),
    ...due.map((f) => ({ kind: HandoverKind.PENDING_FOLLOW_UP, conversationId: f.conversationId, text: `${f.buyerId}: ${f.text}` })),
  ];

  // The quick reply picker state lives here: it needs the list and the reply box.
  const [pickIndex, setPickIndex] = useState(0);
  const [insert, setInsert] = useState<{ text: string; n: number } | undefined>(undefined);

  return (
    <div class="console">
      <header class="bar">
        <h1>{t('agentTitle')}</h1>
        <span class="who" data-testid="agent-name">
          {session.displayName} · {groupName(staff.group)}
        </span>
        <div class="presence" role="group" data-testid="presence" data-presence={presence}>
          {presenceButtons.map(([p, key, shortcut]) => (
            <button
              type="button"
              key={p}
              class={`presence-${Presence[p].toLowerCase()} ${presence === p ? 'active' : ''}`}
              data-testid={`presence-${Presence[p].toLowerCase()}`}
              aria-pressed={presence === p}
              title={shortcut}
              disabled={!connected}
              onClick={() => choosePresence(p)}
            >
              {t(key)}
            </button>
          ))}
        </div>
        <ShiftLabel shift={staff.shift} nowMs={nowMs} />
        {figures && <TodayFigures report={figures} />}
        <span class="spacer" />
        <ConnectionBadge connection={client.connection} />
        <button type="button" class="link-button" data-testid="open-handover" onClick={() => setDialog('handover')} title="Alt+H">
          {t('handover')}
        </button>
        <button type="button" class="link-button" onClick={() => setDialog('quickReplies')} title="Alt+Q">
          {t('quickReplies')}
        </button>
        <button type="button" class="link-button" aria-label={t('shortcuts')} onClick={() => setDialog('help')}>
          ?
        </button>
        <LangSwitch />
        <button type="button" class="link-button" onClick={() => onLogout(false)}>
          {t('logout')}
        </button>
      </header>
      {notice && (
        <div class="notice" role="alert" onClick={() => setNotice('')}>
          {notice}
        </div>
      )}
      <main class="workspace">
        <nav class="conv-list" data-testid="conversation-list">
          <h2>
            {t('conversations')} <span class="count">{conversations.length}</span>
          </h2>
          {conversations.length === 0 && <p class="empty">{t('noConversations')}</p>}
          {conversations.map((c) => {
            const n = unread(c);
            const last = c.messages.at(-1);
            const ended = isEnded(c);
            const since = ended ? 0 : unansweredSince(c.messages);
            const waited = since ? nowMs - since : 0;
            const level = since ? waitLevel(waited, staff.waits) : 'ok';
            const left = c.conversation.routedBy.startsWith('R-ROUTE-9');
            return (
              <button
                type="button"
                key={c.conversation.id}
                class={`conv ${c.conversation.id === selected ? 'selected' : ''} wait-${level} ${ended ? 'conv-ended' : ''}`}
                data-conversation-id={c.conversation.id}
                data-wait={level}
                title={c.conversation.buyerId}
                onClick={() => select(c.conversation.id)}
              >
                <span class="conv-title">
                  <span class="conv-buyer">{c.conversation.buyerId}</span>
                  {c.conversation.group !== staff.group && <span class="tag">{groupName(c.conversation.group)}</span>}
                  {left && <span class="tag tag-left">{t('leftMessageTag')}</span>}
                  {c.conversation.transferredFrom && <span class="tag">{t('transferredTag')}</span>}
                  {ended && <span class="tag tag-ended">{t('endedTag')}</span>}
                  {since > 0 ? (
                    <span class={`wait wait-${level}`} data-testid="wait" title={t('waitingHint')}>
                      {shortDuration(waited)}
                    </span>
                  ) : (
                    last && <time>{formatTime(last.sentAtMs)}</time>
                  )}
                </span>
                <span class="conv-preview">
                  <span class="conv-text">{client.peerTyping(c.conversation.id) ? t('typing') : last?.imageUrl && !last.text ? `[${t('image')}]` : (last?.text ?? '')}</span>
                  {n > 0 && (
                    <span class="unread" data-testid="unread">
                      {n}
                    </span>
                  )}
                </span>
              </button>
            );
          })}
          <h2>
            {t('followUps')} <span class="count">{due.length}</span>
          </h2>
          <ul class="follow-ups" data-testid="follow-ups">
            {due.length === 0 && <li class="empty">{t('noFollowUps')}</li>}
            {due.map((f) => {
              const overdue = Number(f.dueAtMs) < nowMs;
              return (
                <li key={f.id} class={overdue ? 'overdue' : ''}>
                  <span class="fu-text" title={f.text}>
                    {f.buyerId}: {f.text}
                  </span>
                  <span class="fu-meta">
                    {overdue ? t('overdue') : t('dueAt')} {formatTime(f.dueAtMs)}
                    <button
                      type="button"
                      class="link-button"
                      onClick={async () => {
                        await client.connection.request({ case: 'completeFollowUp', value: { followUpId: f.id } }).catch((e: Error) => setNotice(e.message));
                        void refreshFollowUps();
                      }}
                    >
                      {t('done')}
                    </button>
                  </span>
                </li>
              );
            })}
          </ul>
        </nav>
        <section class="thread">
          {open ? (
            <>
              <div class="thread-head">
                <strong data-testid="thread-buyer">{open.conversation.buyerId}</strong>
                <span class="muted">{groupName(open.conversation.group)}</span>
                {open.conversation.orderId && (
                  <span class="muted">
                    {t('order')} {open.conversation.orderId}
                  </span>
                )}
                <span class="spacer" />
                {open.conversation.status === ConversationStatus.ENDED ? (
                  <span>{t('statusEnded')}</span>
                ) : (
                  <span class="actions">
                    <button type="button" data-testid="open-transfer" title="Alt+T" onClick={() => setDialog('transfer')}>
                      {t('transfer')}
                    </button>
                    <button type="button" data-testid="open-follow-up" title="Alt+F" onClick={() => setDialog('followUp')}>
                      {t('followUp')}
                    </button>
                    <button type="button" data-testid="end-conversation" title={`${t('endConversationHint')} (Alt+E)`} onClick={() => void endOpen()}>
                      {t('endConversation')}
                    </button>
                  </span>
                )}
              </div>
              {open.conversation.transferredFrom && (
                <div class="transfer-note" data-testid="transfer-note">
                  {t('transferredFrom', { who: nameOf(open.conversation.transferredFrom) })}: {open.conversation.transferNote}
                </div>
              )}
              <MessageList
                messages={open.messages}
                pending={client.pendingIn(open.conversation.id)}
                isMine={isMine}
                senderLabel={senderLabel}
                peerReadId={open.buyerReadId}
                peerTyping={client.peerTyping(open.conversation.id)}
                typingLabel={t('buyerTyping')}
              />
              <Composer
                placeholder={t('replyPlaceholder')}
                disabled={open.conversation.status === ConversationStatus.ENDED}
                inputRef={inputRef}
                insert={insert}
                onSend={(text, image) => client.send(open.conversation.id, text, image)}
                onTyping={(typing) => client.setTyping(open.conversation.id, typing)}
                onKey={(e, text) => {
                  const q = slashQuery(text);
                  if (q === null) return false;
                  const matches = matchReplies(quickReplies, q);
                  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                    e.preventDefault();
                    setPickIndex((i) => Math.max(0, Math.min(matches.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1))));
                    return true;
                  }
                  if ((e.key === 'Enter' || e.key === 'Tab') && !e.isComposing && matches.length) {
                    e.preventDefault();
                    setInsert({ text: matches[Math.min(pickIndex, matches.length - 1)].text, n: (insert?.n ?? 0) + 1 });
                    setPickIndex(0);
                    return true;
                  }
                  if (e.key === 'Escape') {
                    e.preventDefault();
                    setInsert({ text: '', n: (insert?.n ?? 0) + 1 });
                    return true;
                  }
                  return false;
                }}
                above={(text) => {
                  const q = slashQuery(text);
                  if (q === null) return null;
                  const matches = matchReplies(quickReplies, q);
                  return (
                    <QuickReplyPicker
                      matches={matches}
                      active={Math.min(pickIndex, Math.max(0, matches.length - 1))}
                      onPick={(r) => {
                        setInsert({ text: r.text, n: (insert?.n ?? 0) + 1 });
                        setPickIndex(0);
                      }}
                    />
                  );
                }}
              />
            </>
          ) : (
            <p class="empty thread-empty">{t('selectConversation')}</p>
          )}
        </section>
        {open && (
          <aside class="side" data-testid="side-panel">
            <div class="tabs" role="tablist">
              <button type="button" role="tab" aria-selected={tab === 'orders'} class={tab === 'orders' ? 'active' : ''} onClick={() => setTab('orders')}>
                {t('orders')}
              </button>
              <button type="button" role="tab" aria-selected={tab === 'history'} class={tab === 'history' ? 'active' : ''} data-testid="history-tab" onClick={() => setTab('history')}>
                {t('history')} {history[open.conversation.id] ? `(${history[open.conversation.id].conversations.length})` : ''}
              </button>
            </div>
            {tab === 'orders' ? (
              <OrderPanel client={client} orders={orders[open.conversation.id]} nameOf={nameOf} onChanged={() => void refreshOrders(open.conversation.id)} />
            ) : (
              <div class="history" data-testid="history">
                {(history[open.conversation.id]?.conversations ?? []).length === 0 && <p class="muted">{t('noHistory')}</p>}
                {(history[open.conversation.id]?.conversations ?? []).map((p) => (
                  <details key={p.conversation?.id} class="past">
                    <summary>
                      {formatTime(p.conversation?.createdAtMs ?? 0n)} · {nameOf(p.conversation?.agentId ?? '')} · {p.messages.length} {t('messagesCount')}
                    </summary>
                    {p.messages.map((m) => (
                      <div key={m.id} class={`past-msg ${m.senderRole === Role.BUYER ? 'from-buyer' : ''}`}>
                        <time>{formatTime(m.sentAtMs)}</time> {m.imageUrl && !m.text ? `[${t('image')}]` : m.text}
                      </div>
                    ))}
                  </details>
                ))}
              </div>
            )}
          </aside>
        )}
      </main>
      {dialog === 'transfer' && open && (
        <TransferDialog
          client={client}
          conversationId={open.conversation.id}
          colleagues={staff.colleagues}
          groups={staff.groups}
          myGroup={staff.group}
          onClose={(done) => {
            setDialog(null);
            if (done) dropConversation(open.conversation.id);
          }}
        />
      )}
      {dialog === 'followUp' && open && (
        <FollowUpDialog
          client={client}
          conversation={open}
          nowMs={nowMs}
          onClose={(done) => {
            setDialog(null);
            if (done) void refreshFollowUps();
          }}
        />
      )}
      {dialog === 'handover' && (
        <HandoverDialog
          client={client}
          drafts={handoverDrafts}
          onClose={(done) => {
            setDialog(null);
            if (done) setNotice(t('handoverSaved'));
          }}
        />
      )}
      {dialog === 'quickReplies' && (
        <div class="overlay">
          <QuickReplyManager client={client} replies={quickReplies} onChange={setQuickReplies} onClose={() => setDialog(null)} />
        </div>
      )}
      {dialog === 'help' && (
        <ShortcutsDialog
          keys={[
            ['Alt+↑ / Alt+↓', 'keyPrevNext'],
            ['Alt+1 / 2 / 3', 'keyPresence'],
            ['/ + letters, ↑↓, Enter', 'keyQuickReply'],
            ['Alt+T', 'transfer'],
            ['Alt+F', 'followUp'],
            ['Alt+E', 'endConversation'],
            ['Alt+N', 'noteAdd'],
            ['Alt+H', 'handover'],
            ['Alt+Q', 'quickReplies'],
            ['Esc', 'close'],
          ]}
          onClose={() => setDialog(null)}
        />
      )}
    </div>
  );
}
