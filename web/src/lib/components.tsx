// Small views both pages use: language switch, connection badge, message list, composer.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Message } from '../gen/kefu/v1/frames_pb';
import type { Outgoing } from './chat-client';
import type { ConnectionState } from './connection';
import { formatTime } from './format';
import { lang, setLang, t, type TextKey } from './i18n';

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

export function ConnectionBadge({ state }: { state: ConnectionState }) {
  return (
    <span class={`conn conn-${state}`} data-testid="connection" data-state={state}>
      <span class="conn-dot" />
      {t(stateText[state])}
    </span>
  );
}

export interface MessageListProps {
  messages: Message[];
  pending: Outgoing[];
  isMine: (m: Message) => boolean;
  senderLabel: (m: Message) => string;
}

export function MessageList({ messages, pending, isMine, senderLabel }: MessageListProps) {
  const bottom = useRef<HTMLDivElement>(null);
  const count = messages.length + pending.length;
  useEffect(() => bottom.current?.scrollIntoView({ block: 'end' }), [count]);
  return (
    <div class="messages" data-testid="messages">
      {count === 0 && <div class="messages-empty">{t('noMessages')}</div>}
      {messages.map((m) => (
        <div key={m.id} class={`msg ${isMine(m) ? 'msg-mine' : 'msg-theirs'}`} data-message-id={m.id}>
          <div class="msg-meta">
            <span class="msg-sender">{senderLabel(m)}</span>
            <time>{formatTime(m.sentAtMs)}</time>
          </div>
          <div class="msg-text">{m.text}</div>
        </div>
      ))}
      {pending.map((o) => (
        <div key={o.clientMessageId} class={`msg msg-mine msg-pending ${o.failed ? 'msg-failed' : ''}`} data-pending={o.clientMessageId}>
          <div class="msg-meta">
            <span class="msg-sender">{t('you')}</span>
            <span>{o.failed ? t('failed') : t('sending')}</span>
          </div>
          <div class="msg-text">{o.text}</div>
        </div>
      ))}
      <div ref={bottom} />
    </div>
  );
}

export function Composer({ placeholder, disabled, onSend }: { placeholder: string; disabled?: boolean; onSend: (text: string) => void }) {
  const [text, setText] = useState('');
  const submit = () => {
    const value = text.trim();
    if (!value || disabled) return;
    onSend(value);
    setText('');
  };
  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <textarea
        data-testid="composer-input"
        rows={2}
        value={text}
        placeholder={placeholder}
        disabled={disabled}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          // Enter sends; Shift+Enter is a new line; composing Chinese with an IME is left alone.
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            submit();
          }
        }}
      />
      <button type="submit" data-testid="composer-send" disabled={disabled || !text.trim()}>
        {t('send')}
      </button>
    </form>
  );
}
