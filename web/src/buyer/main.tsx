// The buyer demo page: one conversation with the demo shop.
import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import {
  ConversationStatus,
  ErrorCode,
  Role,
  type Message,
  type QueueStatus,
} from '../gen/kefu/v1/frames_pb';
import type { Order } from '../gen/kefu/v1/orders_pb';
import { ChatClient } from '../lib/chat-client';
import { Composer, ConnectionBadge, LangSwitch, MessageList } from '../lib/components';
import { ServerError, type Connection } from '../lib/connection';
import { serverAddresses } from '../lib/server-list';
import { t, type TextKey } from '../lib/i18n';
import { compareMessageIds } from '../lib/message-ids';
import { orderStateText, yuan } from '../lib/orders';
import { exposeDebugHook } from '../lib/test-hook';
import { useChat } from '../lib/use-chat';
import '../styles/base.css';
import '../styles/buyer.css';
import { buyerToken } from './session';

async function helloAsBuyer(conn: Connection, client: ChatClient, setConversation: (id: string) => void) {
  let creds = await buyerToken();
  let welcome;
  try {
    welcome = await conn.request({ case: 'hello', value: { credential: { case: 'buyerToken', value: creds.token } } });
  } catch (error) {
    if (!(error instanceof ServerError && error.body.code === ErrorCode.UNAUTHENTICATED)) throw error;
    // The token was refused (expired, or the shop's secret changed): get a new one, once.
    creds = await buyerToken(true);
    welcome = await conn.request({ case: 'hello', value: { credential: { case: 'buyerToken', value: creds.token } } });
  }
  if (welcome.body.case !== 'welcome') throw new Error('expected Welcome');
  client.me = { role: Role.BUYER, id: welcome.body.value.userId };
  // R-ROUTE-3: the order the buyer opened the chat from decides the group, and is shown on top.
  const started = await conn.request({ case: 'startConversation', value: { orderId: openedFromOrder() } });
  if (started.body.case !== 'conversationStarted' || !started.body.value.conversation) {
    throw new Error('expected ConversationStarted');
  }
  client.upsertConversation(started.body.value.conversation);
  setConversation(started.body.value.conversation.id);
}

/** `buyer.html?order=<id>`: the chat was opened from this order's page. */
function openedFromOrder(): string {
  return new URLSearchParams(location.search).get('order') ?? '';
}

const statusText: Partial<Record<ConversationStatus, TextKey>> = {
  [ConversationStatus.QUEUED]: 'statusQueued',
  [ConversationStatus.ASSIGNED]: 'statusAssigned',
  [ConversationStatus.ENDED]: 'statusEnded',
};

/** Where the buyer stands while waiting (R-ROUTE-7), or that the message was left (R-ROUTE-9). */
function QueueLine({ queue }: { queue: QueueStatus }) {
  if (queue.leftMessage) {
    const next = Number(queue.nextServiceStartMs);
    return (
      <span data-testid="queue-status" data-left-message="true">
        <strong>{t('leaveMessageTitle')}</strong>
        {next > 0 && ` · ${t('serviceFrom', { time: new Date(next).toLocaleString() })}`}
        <br />
        {t('leaveMessageHint')}
      </span>
    );
  }
  const waitMs = Number(queue.estimatedWaitMs);
  return (
    <span data-testid="queue-status" data-position={queue.position}>
      {queue.position <= 1 ? t('queueNext') : t('queuePosition', { ahead: queue.position - 1 })}
      {waitMs > 0 && ` · ${t('queueWait', { minutes: Math.max(1, Math.round(waitMs / 60000)) })}`}
    </span>
  );
}


/** The order the chat was opened from, on top: what it is, its state and amount. */
function OrderBanner({ client, orderId }: { client: ChatClient; orderId: string }) {
  const [order, setOrder] = useState<Order | undefined>(undefined);
  useEffect(() => {
    if (client.state !== 'open' || order) return;
    client.connection
      .request({ case: 'getOrder', value: { orderId } })
      .then((answer) => answer.body.case === 'orderView' && setOrder(answer.body.value.order))
      .catch(() => undefined); // not the buyer's, or not known yet: the number alone is shown
  }, [orderId, client.state]);
  const first = order?.items[0];
  return (
    <div class="from-order" data-testid="from-order">
      <span class="muted">{t('fromOrder')}</span> <strong>{orderId}</strong>
      {order && (
        <>
          {' · '}
          {first?.title}
          {order.items.length > 1 && ` ${t('andMore', { n: order.items.length - 1 })}`} · {t(orderStateText[order.state])} ·{' '}
          <strong>{yuan(order.amountFen)}</strong>
          {order.shipping?.trackingNumber && ` · ${order.shipping.courier} ${order.shipping.trackingNumber}`}
        </>
      )}
    </div>
  );
}

/** R-MSG-5: at the end of every conversation the buyer is invited to rate it, 1 to 5. */
function RatingBar({ client, conversationId }: { client: ChatClient; conversationId: string }) {
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [saved, setSaved] = useState(0);
  const [failed, setFailed] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (score < 1) return;
    try {
      await client.connection.request({ case: 'rateConversation', value: { conversationId, score, comment } });
      setSaved(score);
      setFailed(false);
    } catch {
      setFailed(true);
    }
  };
  return (
    <form class="rating" data-testid="rating" data-saved={saved || undefined} onSubmit={submit}>
      <span>{saved ? t('ratingThanks') : t('ratingInvite')}</span>
      <span class="stars" role="radiogroup" aria-label={t('ratingInvite')}>
        {[1, 2, 3, 4, 5].map((n) => (
          <button
            type="button"
            key={n}
            role="radio"
            aria-checked={score === n}
            class={n <= score ? 'star on' : 'star'}
            data-score={n}
            title={t(`rating${n}` as TextKey)}
            onClick={() => setScore(n)}
          >
            ★
          </button>
        ))}
      </span>
      <input
        name="comment"
        maxLength={200}
        placeholder={t('ratingComment')}
        value={comment}
        onInput={(e) => setComment((e.target as HTMLInputElement).value)}
      />
      <button type="submit" disabled={score < 1}>
        {saved ? t('ratingChange') : t('ratingSubmit')}
      </button>
      {failed && <span class="error">{t('ratingFailed')}</span>}
    </form>
  );
}

function BuyerApp() {
  const [conversationId, setConversationId] = useState('');
  const [, setTick] = useState(0);
  const client = useMemo(
    () => new ChatClient({ urls: serverAddresses(), hello: (conn, c) => helloAsBuyer(conn, c, setConversationId) }),
    [],
  );
  useChat(client);
  useEffect(() => {
    exposeDebugHook(client);
    client.start();
    return () => client.stop();
  }, [client]);

  document.title = t('buyerTitle');
  const state = conversationId ? client.conversation(conversationId) : undefined;
  const status = state?.conversation.status;
  const leaving = status === ConversationStatus.QUEUED && !!state?.queue?.leftMessage;
  // What is on screen is read: the agent sees the buyer has read the answer.
  const lastId = state?.messages.at(-1)?.id ?? '';
  useEffect(() => {
    if (!conversationId || !lastId || document.hidden || client.state !== 'open') return;
    if (compareMessageIds(lastId, state?.buyerReadId ?? '') > 0) void client.markRead(conversationId, lastId);
  }, [conversationId, lastId, client.state]);
  useEffect(() => {
    // A typing hint expires on its own: re-render when it may have.
    const timer = setInterval(() => conversationId && client.peerTyping(conversationId) !== undefined && setTick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, [conversationId]);
  const isMine = (m: Message) => m.senderRole === Role.BUYER;
  const senderLabel = (m: Message) =>
    m.senderRole === Role.BUYER ? t('you') : m.senderRole === Role.AGENT ? t('agent') : m.senderRole === Role.SUPERVISOR ? t('supervisorRole') : t('system');

  return (
    <div class="buyer">
      <header class="bar">
        <h1>{t('buyerTitle')}</h1>
        <ConnectionBadge connection={client.connection} />
        <span class="spacer" />
        <LangSwitch />
      </header>
      <div class="status" data-testid="conversation-status" data-status={status ?? ''}>
        {status === ConversationStatus.QUEUED && state?.queue ? (
          <QueueLine queue={state.queue} />
        ) : status === undefined ? (
          t('statusStarting')
        ) : (
          t(statusText[status] ?? 'statusStarting')
        )}
      </div>
      {(state?.conversation.orderId || openedFromOrder()) && (
        <OrderBanner client={client} orderId={state?.conversation.orderId || openedFromOrder()} />
      )}
      <MessageList
        messages={state?.messages ?? []}
        pending={conversationId ? client.pendingIn(conversationId) : []}
        isMine={isMine}
        senderLabel={senderLabel}
        peerReadId={state?.conversation.agentId ? state.agentReadId : undefined}
        peerTyping={conversationId ? client.peerTyping(conversationId) : false}
        typingLabel={t('agentTyping')}
      />
      {status === ConversationStatus.ENDED && <RatingBar client={client} conversationId={conversationId} />}
      <Composer
        placeholder={leaving ? t('leaveMessagePlaceholder') : t('inputPlaceholder')}
        sendLabel={leaving ? t('leaveMessageSend') : undefined}
        disabled={!conversationId || status === ConversationStatus.ENDED}
        onSend={(text, image) => client.send(conversationId, text, image)}
        onTyping={(typing) => client.setTyping(conversationId, typing)}
      />
    </div>
  );
}

render(<BuyerApp />, document.getElementById('app')!);
