// R-MSG-3 quick replies: "/" and a few letters in the reply box opens the picker, arrows move,
// Enter or Tab inserts. The list is the shop's library, then the agent's own, which the agent
// can add to and remove from here.
import { useState } from 'preact/hooks';
import type { QuickReply } from '../gen/kefu/v1/frames_pb';
import type { ChatClient } from '../lib/chat-client';
import { t } from '../lib/i18n';

/** The replies whose shortcut or text contains the query (case-insensitive), shortcut hits first. */
export function matchReplies(replies: QuickReply[], query: string): QuickReply[] {
  const q = query.toLowerCase();
  const byShortcut = replies.filter((r) => r.shortcut.toLowerCase().startsWith(q));
  const byText = replies.filter((r) => !byShortcut.includes(r) && (r.text.toLowerCase().includes(q) || r.shortcut.toLowerCase().includes(q)));
  return [...byShortcut, ...byText];
}

/** The query when the box holds only "/letters", else null. */
export function slashQuery(text: string): string | null {
  const m = /^\/(\S*)$/.exec(text);
  return m ? m[1] : null;
}

export function QuickReplyPicker({ matches, active, onPick }: { matches: QuickReply[]; active: number; onPick: (r: QuickReply) => void }) {
  return (
    <ul class="qr-picker" data-testid="quick-reply-picker" role="listbox">
      {matches.length === 0 && <li class="empty">{t('quickReplyNone')}</li>}
      {matches.slice(0, 8).map((r, i) => (
        <li
          key={r.id}
          role="option"
          aria-selected={i === active}
          class={i === active ? 'active' : ''}
          data-shortcut={r.shortcut}
          onMouseDown={(e) => {
            e.preventDefault();
            onPick(r);
          }}
        >
          <kbd>/{r.shortcut}</kbd> <span>{r.text}</span> {!r.shared && <em>{t('quickReplyMine')}</em>}
        </li>
      ))}
    </ul>
  );
}

/** The agent's own quick replies: add and delete (the shop's are read-only). */
export function QuickReplyManager({ client, replies, onChange, onClose }: { client: ChatClient; replies: QuickReply[]; onChange: (r: QuickReply[]) => void; onClose: () => void }) {
  const [shortcut, setShortcut] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const apply = async (body: Parameters<ChatClient['connection']['request']>[0]) => {
    try {
      const answer = await client.connection.request(body);
      if (answer.body.case === 'quickReplyList') onChange(answer.body.value.replies);
      setError('');
      return true;
    } catch (e) {
      setError((e as Error).message);
      return false;
    }
  };
  return (
    <div class="dialog" role="dialog" aria-label={t('quickReplies')} data-testid="quick-reply-manager">
      <h3>{t('quickReplies')}</h3>
      <ul class="qr-list">
        {replies.map((r) => (
          <li key={r.id}>
            <kbd>/{r.shortcut}</kbd> <span>{r.text}</span>{' '}
            {r.shared ? (
              <em>{t('quickReplyShop')}</em>
            ) : (
              <button type="button" class="link-button" onClick={() => void apply({ case: 'deleteQuickReply', value: { id: r.id } })}>
                {t('delete')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <form
        class="row"
        onSubmit={async (e) => {
          e.preventDefault();
          if (await apply({ case: 'saveQuickReply', value: { id: '', shortcut, text } })) {
            setShortcut('');
            setText('');
          }
        }}
      >
        <input class="short" placeholder={t('quickReplyShortcut')} value={shortcut} onInput={(e) => setShortcut(e.currentTarget.value)} />
        <input class="grow" placeholder={t('quickReplyText')} value={text} onInput={(e) => setText(e.currentTarget.value)} />
        <button type="submit" disabled={!text.trim()}>
          {t('add')}
        </button>
      </form>
      {error && <div class="error">{error}</div>}
      <div class="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('close')}
        </button>
      </div>
    </div>
  );
}
