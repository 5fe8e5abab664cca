// One WebSocket to the server speaking binary protobuf frames (ClientFrame / ServerFrame).
// It numbers requests, matches answers to them by request id, and reconnects with
// exponential backoff and jitter, over a list of server addresses (issue 9): each failure
// moves to the next address, and a node that drains (the Draining frame, close code 1012)
// sends us to the next one after the wait it asked for. What to do after (re)connecting
// (hello, resync, resend) belongs to the caller's onOpen; the connection only counts as
// "open" once that has succeeded.
import { create, fromBinary, toBinary, type MessageInitShape } from '@bufbuild/protobuf';
import {
  ClientFrameSchema,
  PingSchema,
  ServerFrameSchema,
  type Error as ErrorBody,
  type ServerFrame,
} from '../gen/kefu/v1/frames_pb';

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** A request body: one case of ClientFrame's oneof, as an init shape (plain object). */
export type RequestBody = Exclude<MessageInitShape<typeof ClientFrameSchema>['body'], undefined | { case: undefined }>;

/** The server answered a request with an Error frame. */
export class ServerError extends Error {
  constructor(readonly body: ErrorBody) {
    super(body.text || `server error ${body.code}`);
  }
}

/** The connection dropped before the answer came. */
export class ConnectionLost extends Error {
  constructor() {
    super('connection lost');
  }
}

export interface ConnectionOptions {
  /** The WebSocket URLs to try, in order (lib/server-list.ts); at least one. */
  urls: string[];
  /** Runs after every (re)connect; the connection is "open" once it resolves. */
  onOpen: (conn: Connection) => Promise<void>;
  /** Every frame that is not the final answer of a request: pushes and MessageEvents. */
  onFrame: (frame: ServerFrame) => void;
  onState?: (state: ConnectionState) => void;
  /** onOpen failed: return false to stop reconnecting (e.g. the credentials are bad). */
  onOpenFailed?: (error: unknown) => boolean;
}

interface Pending {
  resolve: (frame: ServerFrame) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

const minBackoffMs = 500;
const maxBackoffMs = 10_000;
const requestTimeoutMs = 15_000;
/** Well inside the server's default heartbeat timeout of 45 s. */
const heartbeatMs = 15_000;
/** WebSocket close code "service restart" (RFC 6455 §7.4): the node drains (issue 9). */
const closeServiceRestart = 1012;
/** A 1012 close without a Draining frame before it: come back within this, spread at random. */
const restartSpreadMs = 1_500;

/** The wait before reconnect attempt n (1, 2, ...): 0.5 s doubling to 10 s, the upper half at random. */
export function backoffMs(attempt: number, random = Math.random): number {
  const ceiling = Math.min(maxBackoffMs, minBackoffMs * 2 ** Math.max(0, attempt - 1));
  return ceiling / 2 + random() * (ceiling / 2);
}

export function wsUrl(path = '/ws'): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${path}`;
}

export class Connection {
  private socket: WebSocket | null = null;
  private pending = new Map<string, Pending>();
  private nextRequest = 1;
  private attempts = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private stateValue: ConnectionState = 'closed';
  private holdUntil = 0;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private readonly urls: string[];
  private index = 0;
  private everOpen = false;
  private retryAtValue = 0;
  private movingValue = false;
  /** Told Draining: reconnect (elsewhere) at this time once the server has closed. */
  private drainReconnectAt: number | null = null;

  constructor(private readonly options: ConnectionOptions) {
    this.urls = options.urls.length > 0 ? [...options.urls] : [wsUrl()];
  }

  get state(): ConnectionState {
    return this.stateValue;
  }

  /** The address in use, or to be tried next. */
  get address(): string {
    return this.urls[this.index];
  }

  /** When the next attempt starts (ms since the epoch); 0 when none is waiting. */
  get retryAt(): number {
    return this.retryAtValue;
  }

  /** The server we were on is going away (Draining or 1012): we move to another. */
  get moving(): boolean {
    return this.movingValue;
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.stopHeartbeat();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.socket?.close();
    this.socket = null;
    this.failPending();
    this.setState('closed');
  }

  /**
   * Drops the socket as a network failure would and stays away for holdMs before the usual
   * reconnect: lets tests (and people trying the pages) exercise resume and resend.
   */
  dropFor(holdMs: number): void {
    this.holdUntil = Date.now() + holdMs;
    this.socket?.close();
  }

  /**
   * Sends a request and resolves with its final answer: the first frame with its request id
   * that is not a MessageEvent (those stream to onFrame, as sync answers do). An Error frame
   * rejects with ServerError.
   */
  request(body: RequestBody): Promise<ServerFrame> {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return Promise.reject(new ConnectionLost());
    const requestId = `r${this.nextRequest++}`;
    const frame = create(ClientFrameSchema, { requestId, body });
    return new Promise<ServerFrame>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        reject(new Error(`request ${body.case} timed out`));
      }, requestTimeoutMs);
      this.pending.set(requestId, { resolve, reject, timer });
      socket.send(toBinary(ClientFrameSchema, frame));
    });
  }

  private connect(): void {
    this.retryAtValue = 0;
    this.setState(this.everOpen || this.attempts > 0 ? 'reconnecting' : 'connecting', true);
    const socket = new WebSocket(this.address);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    socket.onopen = () => {
      this.options.onOpen(this).then(
        () => {
          // Told Draining meanwhile: this node is going; the next one will be open.
          if (this.socket !== socket || this.drainReconnectAt !== null) return;
          this.attempts = 0;
          this.everOpen = true;
          this.movingValue = false;
          this.startHeartbeat(socket);
          this.setState('open', true);
        },
        (error: unknown) => {
          if (this.socket !== socket) return;
          const retry = this.options.onOpenFailed?.(error) ?? true;
          if (retry) socket.close();
          else this.stop();
        },
      );
    };
    socket.onmessage = (event) => {
      if (!(event.data instanceof ArrayBuffer)) return; // we speak binary only
      let frame: ServerFrame;
      try {
        frame = fromBinary(ServerFrameSchema, new Uint8Array(event.data));
      } catch {
        return; // a frame we cannot decode tells us nothing
      }
      if (frame.body.case === 'draining') return this.onDraining(frame.body.value.reconnectAfterMs);
      this.dispatch(frame);
    };
    socket.onclose = (event) => {
      this.stopHeartbeat();
      if (this.socket !== socket) return;
      this.socket = null;
      this.failPending();
      if (this.stopped) return;
      // Every failure moves on to the next address; with one address, that is the same one.
      this.index = (this.index + 1) % this.urls.length;
      if (this.drainReconnectAt !== null || event.code === closeServiceRestart) {
        // The node drained: the others are fine, so no backoff, only the wait it asked for
        // (spread, so its thousands of clients do not arrive at once).
        const at = this.drainReconnectAt ?? Date.now() + Math.random() * restartSpreadMs;
        this.drainReconnectAt = null;
        this.movingValue = true;
        this.attempts = 0;
        this.scheduleReconnect(Math.max(0, at - Date.now()));
        return;
      }
      this.attempts += 1;
      this.scheduleReconnect(backoffMs(this.attempts));
    };
  }

  /**
   * The node is shutting down (issue 9). It still answers what we asked before and then
   * closes; meanwhile nothing new is sent (the state is no longer open), and once it has
   * closed we go to the next address after the wait it gave us.
   */
  private onDraining(reconnectAfterMs: number): void {
    this.drainReconnectAt = Date.now() + reconnectAfterMs;
    this.movingValue = true;
    this.setState('reconnecting', true);
  }

  private dispatch(frame: ServerFrame): void {
    const pending = frame.requestId ? this.pending.get(frame.requestId) : undefined;
    if (!pending || frame.body.case === 'message') {
      this.options.onFrame(frame);
      return;
    }
    this.pending.delete(frame.requestId);
    clearTimeout(pending.timer);
    if (frame.body.case === 'error') pending.reject(new ServerError(frame.body.value));
    else pending.resolve(frame);
  }

  /** Exponential backoff with jitter (backoffMs), so many clients do not come back in one wave. */
  private scheduleReconnect(waitMs: number): void {
    const delay = Math.max(waitMs, this.holdUntil - Date.now());
    this.retryAtValue = Date.now() + delay;
    this.setState('reconnecting', true);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) this.connect();
    }, delay);
  }

  /**
   * The server routes only to agents whose connection shows life (R-SHIFT-4: a dead
   * connection is detected by missed heartbeats), so a quiet but open console pings.
   */
  private startHeartbeat(socket: WebSocket): void {
    this.stopHeartbeat();
    this.heartbeat = setInterval(() => {
      if (this.socket !== socket) return this.stopHeartbeat();
      this.request({ case: 'ping', value: create(PingSchema, {}) }).catch(() => undefined);
    }, heartbeatMs);
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  private failPending(): void {
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new ConnectionLost());
    }
    this.pending.clear();
  }

  /** details: the address, retry time or moving flag may have changed with it. */
  private setState(state: ConnectionState, details = false): void {
    if (state === this.stateValue && !details) return;
    this.stateValue = state;
    this.options.onState?.(state);
  }
}
