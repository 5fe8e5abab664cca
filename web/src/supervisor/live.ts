// The supervisor's live connection (R-SUP-1, R-SUP-2): one ChatClient (lib/chat-client.ts)
// that says hello with the session, watches the dashboard (a DashboardUpdate answers, then new
// ones are pushed: nothing is polled), and follows the conversations the supervisor monitors
// with monitorConversation, resumed after a reconnect from the last message id seen.
import { create } from '@bufbuild/protobuf';
import {
  ConversationSchema,
  ConversationStatus,
  ErrorCode,
  Role,
  TransferKind,
  type DashboardUpdate,
  type QueueSample,
  type WaitingConversation,
} from '../gen/kefu/v1/frames_pb';
import { ChatClient } from '../lib/chat-client';
import { ServerError } from '../lib/connection';
import { serverAddresses } from '../lib/server-list';
import type { StaffSession } from '../lib/session';

/** The chart keeps this much history (the server keeps six hours of samples). */
const sampleHoldMs = 6 * 3600_000;

export type LiveAccess = 'unknown' | 'granted' | 'forbidden';

export class SupervisorLive {
  readonly chat: ChatClient;
  dashboard: DashboardUpdate | undefined;
  samples: QueueSample[] = [];
  access: LiveAccess = 'unknown';
  /** Server time minus local time, from the welcome: waits are measured on the server's clock. */
  clockOffsetMs = 0;
  /** Conversations joined (the supervisor may write into them). */
  readonly joined = new Set<string>();
  private readonly listeners = new Set<() => void>();

  constructor(
    session: StaffSession,
    private readonly onExpired: () => void,
  ) {
    this.chat = new ChatClient({
      urls: serverAddresses(),
      resumeRequest: (conversationId, afterMessageId) => ({
        case: 'monitorConversation',
        value: { conversationId, afterMessageId },
      }),
      hello: async (conn, chat) => {
        const answer = await conn.request({
          case: 'hello',
          value: { credential: { case: 'agentSessionToken', value: session.token }, shopId: session.shopId },
        });
        if (answer.body.case !== 'welcome') throw new Error('expected Welcome');
        const welcome = answer.body.value;
        chat.me = { role: welcome.role || Role.SUPERVISOR, id: welcome.userId };
        this.clockOffsetMs = Number(welcome.serverTimeMs) - Date.now();
        await this.watch();
        // Joins do not survive the socket: join again what was joined.
        await Promise.all([...this.joined].map((id) => conn.request({ case: 'joinConversation', value: { conversationId: id } }).catch(() => undefined)));
      },
      onHelloFailed: (error) => {
        const expired = error instanceof ServerError && error.body.code === ErrorCode.UNAUTHENTICATED;
        if (expired) this.onExpired();
        return !expired && this.access !== 'forbidden';
      },
      onPush: (frame, chat) => {
        const body = frame.body;
        if (body.case === 'dashboardUpdate') this.apply(body.value, false);
        // A monitored conversation moved: the panel shows who has it now.
        if (body.case === 'conversationTransferred') {
          const state = chat.conversation(body.value.conversationId);
          if (state) {
            state.conversation.agentId = body.value.toAgentId;
            if (body.value.toGroup) state.conversation.group = body.value.toGroup;
          }
        }
        if (body.case === 'conversationJoined' && body.value.left && body.value.supervisorId === chat.me?.id) this.joined.delete(body.value.conversationId);
        this.changed();
      },
    });
    this.chat.subscribe(() => this.changed());
  }

  start(): void {
    this.chat.start();
  }

  stop(): void {
    this.chat.stop();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  nowMs(): number {
    return Date.now() + this.clockOffsetMs;
  }

  /** Starts following a conversation read-only (its messages stream into chat). */
  monitor(w: WaitingConversation): void {
    this.chat.upsertConversation(
      create(ConversationSchema, {
        id: w.conversationId,
        buyerId: w.buyerId,
        agentId: w.agentId,
        group: w.group,
        status: w.agentId ? ConversationStatus.ASSIGNED : ConversationStatus.QUEUED,
      }),
    );
  }

  async unmonitor(conversationId: string): Promise<void> {
    if (this.joined.has(conversationId)) await this.join(conversationId, true);
    this.chat.forget(conversationId);
    if (this.chat.state === 'open') {
      await this.chat.connection.request({ case: 'monitorConversation', value: { conversationId, stop: true } }).catch(() => undefined);
    }
  }

  async join(conversationId: string, leave = false): Promise<void> {
    await this.chat.connection.request({ case: 'joinConversation', value: { conversationId, leave } });
    if (leave) this.joined.delete(conversationId);
    else this.joined.add(conversationId);
    this.changed();
  }

  async reassign(conversationId: string, toAgentId: string, note: string): Promise<void> {
    await this.chat.connection.request({
      case: 'transferConversation',
      value: { conversationId, kind: TransferKind.REASSIGN, toAgentId, note },
    });
  }

  private async watch(): Promise<void> {
    try {
      const answer = await this.chat.connection.request({ case: 'watchDashboard', value: {} });
      if (answer.body.case === 'dashboardUpdate') this.apply(answer.body.value, true);
      this.access = 'granted';
    } catch (error) {
      if (error instanceof ServerError && error.body.code === ErrorCode.FORBIDDEN) {
        this.access = 'forbidden';
        this.changed();
      }
      throw error;
    }
  }

  /** The first answer brings the last hours of samples; later pushes only the new ones. */
  private apply(update: DashboardUpdate, first: boolean): void {
    this.dashboard = update;
    const cutoff = Number(update.asOfMs) - sampleHoldMs;
    const kept = first ? [] : this.samples;
    const seen = new Set(kept.map((s) => `${s.group}@${s.atMs}`));
    const fresh = update.samples.filter((s) => !seen.has(`${s.group}@${s.atMs}`));
    this.samples = [...kept, ...fresh].filter((s) => Number(s.atMs) >= cutoff).sort((a, b) => Number(a.atMs - b.atMs));
    this.changed();
  }

  private changed(): void {
    this.listeners.forEach((l) => l());
  }
}
