// Beside the conversation (R-ORDER-2): the buyer's orders with state, items, amounts and
// shipping, contact data as the server masked it (R-MSG-6), and the order notes (R-NOTE-1):
// red for pre-sale information, yellow for after-sale results. An edit names the version it
// changes; when someone else changed the note first, their version is shown next to the
// agent's text, which stays in the box: nothing typed is lost.
import { useState } from 'preact/hooks';
import { ErrorCode } from '../gen/kefu/v1/frames_pb';
import { NoteFlag, OrderState, type OrderNote, type OrderView } from '../gen/kefu/v1/orders_pb';
import type { ChatClient } from '../lib/chat-client';
import { ServerError } from '../lib/connection';
import { formatTime } from '../lib/format';
import { t, type TextKey } from '../lib/i18n';
import { orderStateText, yuan } from '../lib/orders';


function flagClass(flag: NoteFlag): string {
  return flag === NoteFlag.RED ? 'flag-red' : flag === NoteFlag.YELLOW ? 'flag-yellow' : 'flag-other';
}

/** An agent's display name from their id (the console knows its colleagues). */
type NameOf = (agentId: string) => string;

interface Draft {
  noteId: string;
  version: number;
  text: string;
  flag: NoteFlag;
  /** Someone else's version that won the race: shown until the agent saves again. */
  conflict?: OrderNote;
}

function NoteEditor({ client, orderId, draft, nameOf, onDone }: { client: ChatClient; orderId: string; draft: Draft; nameOf: NameOf; onDone: () => void }) {
  const [d, setD] = useState<Draft>(draft);
  const [error, setError] = useState('');
  const save = async () => {
    try {
      await client.connection.request({
        case: 'saveNote',
        value: { orderId, noteId: d.noteId, text: d.text, flag: d.flag, expectedVersion: d.version },
      });
      onDone();
    } catch (e) {
      if (e instanceof ServerError && e.body.code === ErrorCode.CONFLICT && e.body.currentNote) {
        // Keep the agent's text; adopt the current version so the next save is a deliberate edit.
        const current = e.body.currentNote;
        setD({ ...d, version: current.version, conflict: current });
        setError('');
      } else {
        setError((e as Error).message);
      }
    }
  };
  return (
    <form
      class="note-editor"
      data-testid="note-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {d.conflict && (
        <div class="conflict" data-testid="note-conflict">
          <strong>{t('noteConflict', { who: nameOf(d.conflict.editedBy || d.conflict.authorId) })}</strong>
          <div class={`note ${flagClass(d.conflict.flag)}`}>{d.conflict.text}</div>
          <span class="muted">{t('noteConflictHint')}</span>
        </div>
      )}
      <div class="flags" role="radiogroup">
        {[
          [NoteFlag.RED, 'flagRed'],
          [NoteFlag.YELLOW, 'flagYellow'],
        ].map(([flag, key]) => (
          <label key={flag} class={`flag-choice ${flagClass(flag as NoteFlag)}`}>
            <input type="radio" name="flag" checked={d.flag === flag} onChange={() => setD({ ...d, flag: flag as NoteFlag })} />
            {t(key as TextKey)}
          </label>
        ))}
      </div>
      <textarea data-testid="note-text" rows={2} value={d.text} onInput={(e) => setD({ ...d, text: e.currentTarget.value })} />
      <div class="row">
        <button type="submit" data-testid="note-save" disabled={!d.text.trim()}>
          {d.conflict ? t('noteSaveOver') : t('save')}
        </button>
        <button type="button" class="link-button" onClick={onDone}>
          {t('cancel')}
        </button>
        {error && <span class="error">{error}</span>}
      </div>
    </form>
  );
}

function OrderCard({ client, view, nameOf, onChanged, focusNote }: { client: ChatClient; view: OrderView; nameOf: NameOf; onChanged: () => void; focusNote: boolean }) {
  const [editing, setEditing] = useState<Draft | null>(null);
  const o = view.order!;
  const c = o.contact;
  return (
    <article class="order" data-order-id={o.orderId}>
      <header>
        <span class="order-id">{o.orderId}</span>
        <span class={`order-state state-${OrderState[o.state].toLowerCase()}`}>{t(orderStateText[o.state])}</span>
        <span class="amount">{yuan(o.amountFen)}</span>
      </header>
      <ul class="items">
        {o.items.map((i, n) => (
          <li key={n}>
            {i.title} <span class="muted">{i.sku}</span> × {i.quantity} <span class="muted">{yuan(i.priceFen)}</span>
          </li>
        ))}
      </ul>
      {o.shipping && (o.shipping.courier || o.shipping.trackingNumber) && (
        <div class="shipping">
          {t('shipping')} {o.shipping.courier} {o.shipping.trackingNumber}
        </div>
      )}
      {c && (c.name || c.phone || c.address) && (
        <div class="contact" data-masked={view.contactMasked ? 'true' : 'false'} title={view.contactMasked ? t('maskedHint') : ''}>
          {c.name} {c.phone} {c.address}
        </div>
      )}
      <div class="muted">{t('updated')} {formatTime(o.updatedAtMs)}</div>
      <ul class="notes">
        {view.notes.map((n) => (
          <li key={n.id} class={`note ${flagClass(n.flag)}`} data-note-id={n.id} data-flag={NoteFlag[n.flag]}>
            <span class="note-text">
              <span class={`flag-chip ${flagClass(n.flag)}`}>{n.flag === NoteFlag.RED ? t('flagRedShort') : n.flag === NoteFlag.YELLOW ? t('flagYellowShort') : t('flagOtherShort')}</span> {n.text}
            </span>
            <span class="note-meta">
              {nameOf(n.editedBy || n.authorId)} · {formatTime(n.editedAtMs || n.createdAtMs)} · v{n.version}
              <button
                type="button"
                class="link-button"
                onClick={() => setEditing({ noteId: n.id, version: n.version, text: n.text, flag: n.flag })}
              >
                {t('edit')}
              </button>
            </span>
          </li>
        ))}
      </ul>
      {editing ? (
        <NoteEditor
          client={client}
          orderId={o.orderId}
          draft={editing}
          nameOf={nameOf}
          onDone={() => {
            setEditing(null);
            onChanged();
          }}
        />
      ) : (
        <button
          type="button"
          class="link-button"
          data-testid="note-add"
          data-focus={focusNote ? 'true' : undefined}
          onClick={() => setEditing({ noteId: '', version: 0, text: '', flag: o.state >= OrderState.SHIPPED && o.state !== OrderState.CLOSED ? NoteFlag.YELLOW : NoteFlag.RED })}
        >
          + {t('noteAdd')}
        </button>
      )}
    </article>
  );
}

export function OrderPanel({ client, orders, nameOf, onChanged }: { client: ChatClient; orders: OrderView[] | undefined; nameOf: NameOf; onChanged: () => void }) {
  if (!orders) return <p class="muted">{t('loading')}</p>;
  if (orders.length === 0) return <p class="muted">{t('noOrders')}</p>;
  return (
    <div class="orders" data-testid="orders">
      {orders.map((v, i) => (
        <OrderCard key={v.order?.orderId} client={client} view={v} nameOf={nameOf} onChanged={onChanged} focusNote={i === 0} />
      ))}
    </div>
  );
}
