// Small views both pages use: language switch, connection badge, message list, composer.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { MessageKind, type Message } from '../gen/kefu/v1/frames_pb';
import type { Outgoing } from './chat-client';
import type { Connection, ConnectionState } from './connection';
import { formatTime } from './format';
import { lang, setLang, t, type TextKey } from './i18n';
import { imageToDataUrl } from './image';
import { compareMessageIds } from './message-ids';

export function LangSwitch() {
  return (
    <button type="button" class="link-button" data-testid="lang-switch" onClick={() => setLang(lang() === 'zh' ? 'en' : 'zh')}>
      {t('language')}
    </button>
  );
}

const stateText: Record<ConnectionState, TextKey> = {
  connecting: 'connConnecting',
  open: 'connOpen',
  reconnecting: 'connReconnecting',
  closed: 'connClosed',
};

/** What the badge says: the state, and while a reconnect waits, in how many seconds. */
function connectionText(connection: Connection, now: number): string {
  const state = connection.state;
  const waitS = Math.ceil((connection.retryAt - now) / 1000);
  if (state === 'reconnecting' && connection.moving)
    return connection.retryAt > now ? t('connMovingIn', { s: waitS }) : t('connMoving');
  if (state === 'reconnecting' && connection.retryAt > now) return t('connReconnectingIn', { s: waitS });
  return t(stateText[state]);
}

export function ConnectionBadge({ connection }: { connection: Connection }) {
  const state = connection.state;
  const [now, setNow] = useState(Date.now());
  const counting = state === 'reconnecting' && connection.retryAt > now;
  useEffect(() => {
    // The countdown ("reconnecting in N s") moves on its own while a retry waits.
    if (!counting) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [counting, connection.retryAt]);
  const shownNow = Math.max(now, Date.now());
  return (
    <span
      class={`conn conn-${state}`}
      data-testid="connection"
      data-state={state}
      data-moving={connection.moving ? 'true' : 'false'}
      data-address={connection.address}
      title={connection.address}
    >
      <span class="conn-dot" />
      {connectionText(connection, shownNow)}
    </span>
  );
}

export interface MessageListProps {
  messages: Message[];
  pending: Outgoing[];
  isMine: (m: Message) => boolean;
  senderLabel: (m: Message) => string;
  /** The other party has read up to this id: my messages up to it show "read". */
  peerReadId?: string;
  peerTyping?: boolean;
  typingLabel?: string;
}

function Picture({ url }: { url: string }) {
  return (
    <a class="msg-image" href={url} target="_blank" rel="noopener noreferrer">
      <img src={url} alt={t('image')} loading="lazy" referrerpolicy="no-referrer" />
    </a>
  );
}

export function MessageList({ messages, pending, isMine, senderLabel, peerReadId, peerTyping, typingLabel }: MessageListProps) {
  const bottom = useRef<HTMLDivElement>(null);
  const count = messages.length + pending.length;
  useEffect(() => bottom.current?.scrollIntoView({ block: 'end' }), [count, peerTyping]);
  return (
    <div class="messages" data-testid="messages">
      {count === 0 && <div class="messages-empty">{t('noMessages')}</div>}
      {messages.map((m) => {
        const mine = isMine(m);
        const auto = m.kind === MessageKind.AUTO_REPLY || m.kind === MessageKind.SYSTEM;
        const read = mine && peerReadId !== undefined && compareMessageIds(m.id, peerReadId) <= 0;
        return (
          <div key={m.id} class={`msg ${mine ? 'msg-mine' : 'msg-theirs'} ${auto ? 'msg-auto' : ''}`} data-message-id={m.id}>
            <div class="msg-meta">
              <span class="msg-sender">{senderLabel(m)}</span>
              <time>{formatTime(m.sentAtMs)}</time>
              {mine && peerReadId !== undefined && (
                <span class={`msg-read ${read ? 'is-read' : ''}`} data-read={read ? 'true' : 'false'}>
                  {read ? t('read') : t('unreadMark')}
                </span>
              )}
            </div>
            {m.imageUrl && <Picture url={m.imageUrl} />}
            {m.text && <div class="msg-text">{m.text}</div>}
          </div>
        );
      })}
      {pending.map((o) => (
        <div key={o.clientMessageId} class={`msg msg-mine msg-pending ${o.failed ? 'msg-failed' : ''}`} data-pending={o.clientMessageId}>
          <div class="msg-meta">
            <span class="msg-sender">{t('you')}</span>
            <span>{o.failed ? t('failed') : t('sending')}</span>
          </div>
          {o.imageUrl && <Picture url={o.imageUrl} />}
          {o.text && <div class="msg-text">{o.text}</div>}
        </div>
      ))}
      {peerTyping && (
        <div class="typing" data-testid="typing">
          {typingLabel ?? t('typing')}
        </div>
      )}
      <div ref={bottom} />
    </div>
  );
}

export interface ComposerProps {
  placeholder: string;
  disabled?: boolean;
  onSend: (text: string, imageUrl?: string) => void;
  /** Called while the user types (true) and when they stop or send (false). */
  onTyping?: (typing: boolean) => void;
  /** Lets the agent console take keys first (the quick reply picker); true = handled. */
  onKey?: (e: KeyboardEvent, text: string, setText: (t: string) => void) => boolean;
  /** Text to put into the box (a picked quick reply), with a counter so the same text twice works. */
  insert?: { text: string; n: number };
  /** Shown above the box (the quick reply picker). */
  above?: (text: string, setText: (t: string) => void) => preact.ComponentChildren;
  sendLabel?: string;
  inputRef?: { current: HTMLTextAreaElement | null };
}

/** Typing stops counting after this long without a key; while it goes on, the hint is
 * renewed this often (the other side drops it after typingHoldMs without renewal). */
const typingIdleMs = 5_000;
const typingRenewMs = 4_000;

export function Composer({ placeholder, disabled, onSend, onTyping, onKey, insert, above, sendLabel, inputRef }: ComposerProps) {
  const [text, setText] = useState('');
  const [imageError, setImageError] = useState('');
  const typing = useRef<{ on: boolean; sentAt: number; timer?: ReturnType<typeof setTimeout> }>({ on: false, sentAt: 0 });
  const file = useRef<HTMLInputElement>(null);
  const stopTyping = () => {
    clearTimeout(typing.current.timer);
    if (typing.current.on) onTyping?.(false);
    typing.current.on = false;
  };
  // A layout effect, not a plain one: the inserted text must be in the box before the next key
  // is handled, or a quick second Enter would still see "/letters" instead of the reply.
  useLayoutEffect(() => {
    if (insert) setText(insert.text);
  }, [insert?.n]);
  useEffect(() => stopTyping, []);
  const changed = (value: string) => {
    setText(value);
    if (!onTyping) return;
    if (value && (!typing.current.on || Date.now() - typing.current.sentAt > typingRenewMs)) {
      typing.current.on = true;
      typing.current.sentAt = Date.now();
      onTyping(true);
    }
    clearTimeout(typing.current.timer);
    typing.current.timer = setTimeout(stopTyping, typingIdleMs);
  };
  const submit = () => {
    const value = text.trim();
    if (!value || disabled) return;
    onSend(value);
    setText('');
    stopTyping();
  };
  const pickImage = async (f: File | undefined) => {
    if (!f) return;
    try {
      onSend('', await imageToDataUrl(f));
      setImageError('');
    } catch {
      setImageError(t('imageFailed'));
    }
  };
  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {above?.(text, setText)}
      <div class="composer-row">
        <textarea
          data-testid="composer-input"
          ref={inputRef}
          rows={2}
          value={text}
          placeholder={placeholder}
          disabled={disabled}
          onInput={(e) => changed(e.currentTarget.value)}
          onPaste={(e) => {
            const item = [...(e.clipboardData?.files ?? [])].find((f) => f.type.startsWith('image/'));
            if (item) {
              e.preventDefault();
              void pickImage(item);
            }
          }}
          onKeyDown={(e) => {
            if (onKey?.(e, text, changed)) return;
            // Enter sends; Shift+Enter is a new line; composing Chinese with an IME is left alone.
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
              e.preventDefault();
              submit();
            }
          }}
        />
        <div class="composer-actions">
          <button type="button" class="icon-button" title={t('sendImage')} data-testid="composer-image" disabled={disabled} onClick={() => file.current?.click()}>
            {t('imageButton')}
          </button>
          <input
            ref={file}
            type="file"
            accept="image/png,image/jpeg,image/gif,image/webp"
            hidden
            data-testid="composer-file"
            onChange={(e) => {
              void pickImage(e.currentTarget.files?.[0]);
              e.currentTarget.value = '';
            }}
          />
          <button type="submit" data-testid="composer-send" disabled={disabled || !text.trim()}>
            {sendLabel ?? t('send')}
          </button>
        </div>
      </div>
      {imageError && <div class="error">{imageError}</div>}
    </form>
  );
}

/** The `?` dialog: each shortcut with what it does. A click anywhere closes it. */
export function ShortcutsDialog({ keys, onClose }: { keys: [string, TextKey][]; onClose: () => void }) {
  return (
    <div class="overlay" onClick={onClose}>
      <div class="dialog" role="dialog" aria-label={t('shortcuts')} data-testid="shortcuts">
        <h3>{t('shortcuts')}</h3>
        <table class="shortcuts">
          <tbody>
            {keys.map(([k, label]) => (
              <tr key={k}>
                <td>
                  <kbd>{k}</kbd>
                </td>
                <td>{t(label)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
