// The agent's workspace: presence, assigned conversations with unread counts, the open
// conversation's messages and a reply box.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ConversationStatus, ErrorCode, Presence, Role, type Message } from '../gen/kefu/v1/frames_pb';
import type { DurationFigure, FiguresReport, RatioFigure } from '../gen/kefu/v1/kpi_pb';
import { ChatClient, type ConversationState } from '../lib/chat-client';
import { Composer, ConnectionBadge, LangSwitch, MessageList } from '../lib/components';
import { ServerError, wsUrl } from '../lib/connection';
import { formatTime } from '../lib/format';
import { t, type TextKey } from '../lib/i18n';
import { compareMessageIds } from '../lib/message-ids';
import { exposeDebugHook } from '../lib/test-hook';
import { useChat } from '../lib/use-chat';
import { loadReadMarks, loadSelected, saveReadMarks, saveSelected, type AgentSession } from './session';

const presenceButtons: [Presence, TextKey][] = [
  [Presence.ONLINE, 'presenceOnline'],
  [Presence.AWAY, 'presenceAway'],
  [Presence.OFFLINE, 'presenceOffline'],
];

function lastActivity(c: ConversationState): string {
  const last = c.messages.at(-1)?.id ?? '';
  return compareMessageIds(last, c.conversation.lastMessageId) > 0 ? last : c.conversation.lastMessageId;
}

const seconds = (d?: DurationFigure) => (d && Number(d.count) > 0 ? `${(Number(d.averageMs) / 1000).toFixed(1)}s` : '—');
const percent = (r?: RatioFigure) =>
  r && Number(r.den) > 0 ? `${Math.round((100 * Number(r.num)) / Number(r.den))}%` : '—';

/** Today's figures (issue 5), as the server computes them from what happened. */
function TodayFigures({ report }: { report: FiguresReport }) {
  return (
    <span class="today-figures" data-testid="today-figures" data-receptions={String(report.receptions)}>
      {t('today')} · {t('receptions')} {String(report.receptions)} · {t('firstResponse')}{' '}
      {seconds(report.firstResponseAgent)} · {t('averageResponse')} {seconds(report.response)} ·{' '}
      {t('replyRate')} {percent(report.replyRate)}
    </span>
  );
}

export function AgentConsole({ session, onLogout }: { session: AgentSession; onLogout: (expired: boolean) => void }) {
  const [presence, setPresence] = useState<Presence>(Presence.UNSPECIFIED);
  const [figures, setFigures] = useState<FiguresReport | undefined>(undefined);
  const [selected, setSelected] = useState(loadSelected());
  const [readMarks, setReadMarks] = useState(loadReadMarks());

  const client = useMemo(
    () =>
      new ChatClient({
        url: wsUrl(),
        hello: async (conn, c) => {
          const answer = await conn.request({
            case: 'hello',
            value: { credential: { case: 'agentSessionToken', value: session.token }, shopId: session.shopId },
          });
          if (answer.body.case !== 'welcome') throw new Error('expected Welcome');
          const welcome = answer.body.value;
          c.me = { role: Role.AGENT, id: welcome.userId };
          setPresence(welcome.presence);
          welcome.conversations.forEach((conv) => c.upsertConversation(conv));
          // Today's figures, then pushed whenever they change (again after every reconnect).
          const watched = await conn.request({ case: 'watchFigures', value: {} });
          if (watched.body.case === 'figuresUpdate') setFigures(watched.body.value.report);
        },
        onHelloFailed: (error) => {
          const expired = error instanceof ServerError && error.body.code === ErrorCode.UNAUTHENTICATED;
          if (expired) onLogout(true);
          return !expired;
        },
        onPush: (frame) => {
          if (frame.body.case === 'presenceChanged') setPresence(frame.body.value.presence);
          if (frame.body.case === 'figuresUpdate') setFigures(frame.body.value.report);
        },
      }),
    [session],
  );
  useChat(client);
  useEffect(() => {
    exposeDebugHook(client);
    client.start();
    return () => client.stop();
  }, [client]);

  const conversations = client
    .allConversations()
    .sort((a, b) => compareMessageIds(lastActivity(b), lastActivity(a)));
  const open = selected ? client.conversation(selected) : undefined;

  // What is on screen is read: move the open conversation's read mark to its last message.
  const openLast = open?.messages.at(-1)?.id ?? '';
  useEffect(() => {
    if (!selected || !openLast || readMarks[selected] === openLast) return;
    const next = { ...readMarks, [selected]: openLast };
    setReadMarks(next);
    saveReadMarks(next);
  }, [selected, openLast]);

  const unread = (c: ConversationState) => {
    const mark = readMarks[c.conversation.id] ?? '';
    return c.messages.filter((m) => m.senderRole === Role.BUYER && compareMessageIds(m.id, mark) > 0).length;
  };

  const choosePresence = async (p: Presence) => {
    try {
      const answer = await client.connection.request({ case: 'setPresence', value: { presence: p } });
      if (answer.body.case === 'presenceChanged') setPresence(answer.body.value.presence);
    } catch (error) {
      console.warn('setPresence failed', error);
    }
  };

  const select = (id: string) => {
    setSelected(id);
    saveSelected(id);
  };

  const isMine = (m: Message) => m.senderRole === Role.AGENT;
  const senderLabel = (m: Message) =>
    m.senderRole === Role.BUYER
      ? t('buyer')
      : m.senderRole === Role.AGENT
        ? m.senderId === session.agentId
          ? session.displayName || t('you')
          : m.senderId
        : t('system');

  return (
    <div class="console">
      <header class="bar">
        <h1>{t('agentTitle')}</h1>
        <span class="who" data-testid="agent-name">
          {session.displayName} · {session.agentId}
        </span>
        <div class="presence" role="group" data-testid="presence" data-presence={presence}>
          {presenceButtons.map(([p, key]) => (
            <button
              type="button"
              key={p}
              class={`presence-${Presence[p].toLowerCase()} ${presence === p ? 'active' : ''}`}
              data-testid={`presence-${Presence[p].toLowerCase()}`}
              aria-pressed={presence === p}
              disabled={client.state !== 'open'}
              onClick={() => choosePresence(p)}
            >
              {t(key)}
            </button>
          ))}
        </div>
        <ConnectionBadge state={client.state} />
        {figures && <TodayFigures report={figures} />}
        <span class="spacer" />
        <LangSwitch />
        <button type="button" class="link-button" onClick={() => onLogout(false)}>
          {t('logout')}
        </button>
      </header>
      <main class="workspace">
        <nav class="conv-list" data-testid="conversation-list">
          <h2>
            {t('conversations')} <span class="count">{conversations.length}</span>
          </h2>
          {conversations.length === 0 && <p class="empty">{t('noConversations')}</p>}
          {conversations.map((c) => {
            const n = unread(c);
            const last = c.messages.at(-1);
            return (
              <button
                type="button"
                key={c.conversation.id}
                class={`conv ${c.conversation.id === selected ? 'selected' : ''}`}
                data-conversation-id={c.conversation.id}
                onClick={() => select(c.conversation.id)}
              >
                <span class="conv-title">
                  <span class="conv-buyer">{c.conversation.buyerId}</span>
                  {last && <time>{formatTime(last.sentAtMs)}</time>}
                </span>
                <span class="conv-preview">
                  <span class="conv-text">{last?.text ?? ''}</span>
                  {n > 0 && (
                    <span class="unread" data-testid="unread">
                      {n}
                    </span>
                  )}
                </span>
              </button>
            );
          })}
        </nav>
        <section class="thread">
          {open ? (
            <>
              <div class="thread-head">
                <strong>{open.conversation.buyerId}</strong>
                {open.conversation.orderId && (
                  <span>
                    {t('order')} {open.conversation.orderId}
                  </span>
                )}
                {open.conversation.status === ConversationStatus.ENDED ? (
                  <span>{t('statusEnded')}</span>
                ) : (
                  <button
                    type="button"
                    class="link-button"
                    data-testid="end-conversation"
                    title={t('endConversationHint')}
                    onClick={() =>
                      void client.connection
                        .request({ case: 'endConversation', value: { conversationId: open.conversation.id } })
                        .catch(() => undefined)
                    }
                  >
                    {t('endConversation')}
                  </button>
                )}
              </div>
              <MessageList
                messages={open.messages}
                pending={client.pendingIn(open.conversation.id)}
                isMine={isMine}
                senderLabel={senderLabel}
              />
              <Composer
                placeholder={t('replyPlaceholder')}
                disabled={open.conversation.status === ConversationStatus.ENDED}
                onSend={(text) => client.send(open.conversation.id, text)}
              />
            </>
          ) : (
            <p class="empty thread-empty">{t('selectConversation')}</p>
          )}
        </section>
      </main>
    </div>
  );
}
