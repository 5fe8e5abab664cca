// One WebSocket to the server speaking binary protobuf frames (ClientFrame / ServerFrame).
// It numbers requests, matches answers to them by request id, and reconnects with
// exponential backoff. What to do after (re)connecting (hello, resync, resend) belongs to
// the caller's onOpen; the connection only counts as "open" once that has succeeded.
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
  url: string;
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

  constructor(private readonly options: ConnectionOptions) {}

  get state(): ConnectionState {
    return this.stateValue;
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
    this.setState(this.attempts === 0 ? 'connecting' : 'reconnecting');
    const socket = new WebSocket(this.options.url);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    socket.onopen = () => {
      this.options.onOpen(this).then(
        () => {
          if (this.socket !== socket) return;
          this.attempts = 0;
          this.startHeartbeat(socket);
          this.setState('open');
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
      this.dispatch(frame);
    };
    socket.onclose = () => {
      this.stopHeartbeat();
      if (this.socket !== socket) return;
      this.socket = null;
      this.failPending();
      if (!this.stopped) this.scheduleReconnect();
    };
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

  private scheduleReconnect(): void {
    this.attempts += 1;
    this.setState('reconnecting');
    // Exponential backoff with jitter, so many clients do not come back in one wave.
    const ceiling = Math.min(maxBackoffMs, minBackoffMs * 2 ** (this.attempts - 1));
    const delay = Math.max(ceiling / 2 + Math.random() * (ceiling / 2), this.holdUntil - Date.now());
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

  private setState(state: ConnectionState): void {
    if (state === this.stateValue) return;
    this.stateValue = state;
    this.options.onState?.(state);
  }
}
