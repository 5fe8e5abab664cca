// The chat state both pages share: conversations and their messages, kept in order and
// each shown once (deduplicated by message id), resumed after a reconnect from the last
// message id the server sent us, and an outbox of messages not yet acknowledged, resent
// with the same clientMessageId after a reconnect until the server acks them.
import { create } from '@bufbuild/protobuf';
import {
  ConversationStatus,
  MessageSchema,
  MessageKind,
  type Conversation,
  type QueueStatus,
  type Message,
  type Role,
  type ServerFrame,
} from '../gen/kefu/v1/frames_pb';
import { Connection, ConnectionLost, ServerError, type ConnectionState, type RequestBody } from './connection';
import { compareMessageIds, newClientMessageId } from './message-ids';

export interface Outgoing {
  clientMessageId: string;
  conversationId: string;
  text: string;
  imageUrl: string;
  createdAtMs: number;
  failed: boolean;
}

export interface ConversationState {
  conversation: Conversation;
  /** Stored messages in id order, each once. */
  messages: Message[];
  /** The last id the server sent us: where a resync starts. Acks never move it. */
  lastSeenId: string;
  /** While it waits: the place in the queue, or a left message (R-ROUTE-7, R-ROUTE-9). */
  queue?: QueueStatus;
  /** How far each side has read (issue 6), as the server last told us. */
  buyerReadId: string;
  agentReadId: string;
  /** The other party is typing, until this time (ms, local clock). */
  peerTypingUntil: number;
}

/** A typing hint lasts this long unless renewed (the typer renews it while typing). */
export const typingHoldMs = 7_000;

export interface ChatClientOptions {
  /** The server addresses to use, in order (lib/server-list.ts). */
  urls: string[];
  /** Authenticates on a fresh socket and registers the conversations to follow. */
  hello: (conn: Connection, client: ChatClient) => Promise<void>;
  /** Pushed frames other than messages (ConversationAssigned, PresenceChanged, ...). */
  onPush?: (frame: ServerFrame, client: ChatClient) => void;
  /** hello failed: return false to stop reconnecting. */
  onHelloFailed?: (error: unknown) => boolean;
  /**
   * The request that brings a conversation's messages after afterMessageId and keeps them
   * coming: syncConversation for its parties (the default); a supervisor's page watches
   * conversations it is no party to with monitorConversation instead.
   */
  resumeRequest?: (conversationId: string, afterMessageId: string) => RequestBody;
}

const syncRequest = (conversationId: string, afterMessageId: string): RequestBody => ({
  case: 'syncConversation',
  value: { conversationId, afterMessageId },
});

const retryDelayMs = 2_000;

export class ChatClient {
  readonly connection: Connection;
  /** Who we are, for marking our own messages and for acked messages we synthesise. */
  me: { role: Role; id: string } | null = null;
  private readonly conversations = new Map<string, ConversationState>();
  private readonly seen = new Map<string, Set<string>>();
  private readonly syncing = new Set<string>();
  private readonly outbox = new Map<string, Outgoing>();
  private readonly inFlight = new Set<string>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: ChatClientOptions) {
    this.connection = new Connection({
      urls: options.urls,
      onOpen: (conn) => this.afterConnect(conn),
      onFrame: (frame) => this.onFrame(frame),
      onState: () => this.changed(),
      onOpenFailed: options.onHelloFailed,
    });
  }

  start(): void {
    this.connection.start();
  }

  stop(): void {
    this.connection.stop();
  }

  get state(): ConnectionState {
    return this.connection.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  conversation(id: string): ConversationState | undefined {
    return this.conversations.get(id);
  }

  allConversations(): ConversationState[] {
    return [...this.conversations.values()];
  }

  /** Messages of a conversation still waiting for their ack, oldest first. */
  pendingIn(conversationId: string): Outgoing[] {
    return [...this.outbox.values()].filter((o) => o.conversationId === conversationId);
  }

  /** Adds or updates a conversation; a new one is synced from its start. */
  upsertConversation(conversation: Conversation): void {
    const existing = this.conversations.get(conversation.id);
    if (existing) {
      existing.conversation = conversation;
      this.changed();
      return;
    }
    this.conversations.set(conversation.id, {
      conversation,
      messages: [],
      lastSeenId: '',
      buyerReadId: '',
      agentReadId: '',
      peerTypingUntil: 0,
    });
    this.seen.set(conversation.id, new Set());
    this.changed();
    if (this.connection.state === 'open') void this.sync(conversation.id);
  }

  /** Stops following a conversation (transferred away): its messages leave the screen. */
  forget(conversationId: string): void {
    this.conversations.delete(conversationId);
    this.seen.delete(conversationId);
    this.changed();
  }

  /** Queues a message and sends it; it stays in the outbox until acked. */
  send(conversationId: string, text: string, imageUrl = ''): void {
    const out: Outgoing = {
      clientMessageId: newClientMessageId(),
      conversationId,
      text,
      imageUrl,
      createdAtMs: Date.now(),
      failed: false,
    };
    this.outbox.set(out.clientMessageId, out);
    this.changed();
    if (this.connection.state === 'open') void this.transmit(out);
  }

  /** Asks for everything after the last message id we saw; MessageEvents arrive via onFrame. */
  async sync(conversationId: string): Promise<void> {
    const state = this.conversations.get(conversationId);
    if (!state || this.syncing.has(conversationId)) return;
    this.syncing.add(conversationId);
    try {
      const resume = this.options.resumeRequest ?? syncRequest;
      await this.connection.request(resume(conversationId, state.lastSeenId));
    } catch (error) {
      if (!(error instanceof ConnectionLost)) console.warn('sync failed', conversationId, error);
    } finally {
      this.syncing.delete(conversationId);
    }
  }

  /** Tells the other party we see everything up to messageId; the answer moves our marks. */
  async markRead(conversationId: string, messageId: string): Promise<void> {
    if (!messageId || this.connection.state !== 'open') return;
    try {
      const answer = await this.connection.request({ case: 'markRead', value: { conversationId, messageId } });
      if (answer.body.case === 'readState') this.applyReadState(answer.body.value);
    } catch (error) {
      if (!(error instanceof ConnectionLost)) console.warn('markRead failed', error);
    }
  }

  /** A typing hint for the other party: a failure only means they see no hint. */
  setTyping(conversationId: string, typing: boolean): void {
    if (this.connection.state !== 'open') return;
    void this.connection.request({ case: 'setTyping', value: { conversationId, typing } }).catch(() => undefined);
  }

  /** Is the other party of this conversation typing now? */
  peerTyping(conversationId: string): boolean {
    return (this.conversations.get(conversationId)?.peerTypingUntil ?? 0) > Date.now();
  }

  private applyReadState(r: { conversationId: string; buyerReadId: string; agentReadId: string }): void {
    const state = this.conversations.get(r.conversationId);
    if (!state) return;
    if (compareMessageIds(r.buyerReadId, state.buyerReadId) > 0) state.buyerReadId = r.buyerReadId;
    if (compareMessageIds(r.agentReadId, state.agentReadId) > 0) state.agentReadId = r.agentReadId;
    this.changed();
  }

  private async afterConnect(conn: Connection): Promise<void> {
    this.syncing.clear();
    this.inFlight.clear();
    await this.options.hello(conn, this);
    // Resume every conversation we follow from the last id we saw, then resend what was
    // never acked: the server recognises a resend by its clientMessageId.
    await Promise.all([...this.conversations.keys()].map((id) => this.sync(id)));
    for (const out of this.outbox.values()) if (!out.failed) void this.transmit(out);
  }

  private async transmit(out: Outgoing): Promise<void> {
    if (this.inFlight.has(out.clientMessageId)) return;
    this.inFlight.add(out.clientMessageId);
    try {
      const answer = await this.connection.request({
        case: 'sendMessage',
        value: {
          conversationId: out.conversationId,
          clientMessageId: out.clientMessageId,
          text: out.text,
          imageUrl: out.imageUrl,
        },
      });
      if (answer.body.case === 'ack') this.acked(out, answer.body.value.messageId);
    } catch (error) {
      if (error instanceof ServerError && !error.body.retryable) {
        out.failed = true;
        this.changed();
      } else if (!(error instanceof ConnectionLost)) {
        // Retryable (storage busy, the server behind or over a rate) or timed out: try again
        // with the same clientMessageId, no sooner than the server asked.
        const asked = error instanceof ServerError ? Number(error.body.retryAfterMs) : 0;
        setTimeout(() => {
          if (this.outbox.has(out.clientMessageId) && this.connection.state === 'open') void this.transmit(out);
        }, Math.max(retryDelayMs, asked));
      }
      // ConnectionLost: afterConnect resends it.
    } finally {
      this.inFlight.delete(out.clientMessageId);
    }
  }

  private acked(out: Outgoing, messageId: string): void {
    if (!this.outbox.delete(out.clientMessageId)) return;
    // Show it as stored at once; the server's own MessageEvent for it is then a duplicate.
    if (this.me && messageId) {
      this.addMessage(
        create(MessageSchema, {
          id: messageId,
          conversationId: out.conversationId,
          senderRole: this.me.role,
          senderId: this.me.id,
          kind: MessageKind.HUMAN,
          text: out.text,
          imageUrl: out.imageUrl,
          clientMessageId: out.clientMessageId,
          sentAtMs: BigInt(out.createdAtMs),
        }),
        false,
      );
    }
    this.changed();
  }

  private onFrame(frame: ServerFrame): void {
    if (frame.body.case === 'message' && frame.body.value.message) {
      this.addMessage(frame.body.value.message, true);
      return;
    }
    if (frame.body.case === 'conversationAssigned' && frame.body.value.conversation) {
      this.upsertConversation(frame.body.value.conversation);
      const state = this.conversations.get(frame.body.value.conversation.id);
      if (state) state.queue = undefined;
    }
    if (frame.body.case === 'queueStatus') {
      const state = this.conversations.get(frame.body.value.conversationId);
      if (state) {
        state.queue = frame.body.value;
        this.changed();
      }
    }
    if (frame.body.case === 'readState') this.applyReadState(frame.body.value);
    if (frame.body.case === 'typingChanged') {
      const state = this.conversations.get(frame.body.value.conversationId);
      if (state && frame.body.value.role !== this.me?.role) {
        state.peerTypingUntil = frame.body.value.typing ? Date.now() + typingHoldMs : 0;
        this.changed();
        if (frame.body.value.typing) setTimeout(() => this.changed(), typingHoldMs + 50);
      }
    }
    if (frame.body.case === 'conversationEnded') {
      const state = this.conversations.get(frame.body.value.conversationId);
      if (state) {
        state.conversation.status = ConversationStatus.ENDED;
        state.queue = undefined;
        this.changed();
      }
    }
    this.options.onPush?.(frame, this);
  }

  private addMessage(message: Message, fromServer: boolean): void {
    const state = this.conversations.get(message.conversationId);
    if (!state) return; // not a conversation we follow (yet): its sync will bring it
    if (fromServer && compareMessageIds(message.id, state.lastSeenId) > 0) state.lastSeenId = message.id;
    // Our own message came back before its ack: it is stored, so it leaves the outbox.
    if (this.me && message.senderId === this.me.id && message.clientMessageId) {
      this.outbox.delete(message.clientMessageId);
    }
    const seen = this.seen.get(message.conversationId)!;
    if (seen.has(message.id)) {
      if (fromServer) this.replace(state, message); // the server's copy has the true time
      this.changed();
      return;
    }
    seen.add(message.id);
    if (this.me && message.senderRole !== this.me.role) state.peerTypingUntil = 0;
    const list = state.messages;
    let at = list.length;
    while (at > 0 && compareMessageIds(list[at - 1].id, message.id) > 0) at--;
    list.splice(at, 0, message);
    this.changed();
  }

  private replace(state: ConversationState, message: Message): void {
    const i = state.messages.findIndex((m) => m.id === message.id);
    if (i >= 0) state.messages[i] = message;
  }

  private changed(): void {
    this.listeners.forEach((l) => l());
  }
}
