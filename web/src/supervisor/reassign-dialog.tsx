// Reassign a conversation (R-SUP-2, TransferConversation kind REASSIGN) to one of the shop's
// agents, with an optional note for the receiver; online agents with room are listed first.
import { useState } from 'preact/hooks';
import { Presence, type AgentLive } from '../gen/kefu/v1/frames_pb';
import { t } from '../lib/i18n';
import { useEscape, useFocusOnMount } from '../lib/use-focus';

interface Props {
  agents: AgentLive[];
  onCancel: () => void;
  onReassign: (toAgentId: string, note: string) => Promise<void>;
}

const room = (a: AgentLive) => (a.presence === Presence.ONLINE ? 0 : 1) * 1000 + a.load - a.capacity;

export function ReassignDialog({ agents, onCancel, onReassign }: Props) {
  const sorted = [...agents].filter((a) => a.enabled).sort((a, b) => room(a) - room(b));
  const [to, setTo] = useState(sorted[0]?.agentId ?? '');
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const first = useFocusOnMount<HTMLSelectElement>();
  useEscape(onCancel);
  return (
    <div class="overlay" role="dialog" aria-label={t('supReassign')}>
      <form
        class="dialog form reassign"
        data-testid="reassign-dialog"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError('');
          try {
            await onReassign(to, note.trim());
          } catch (err) {
            setError(err instanceof Error ? err.message : String(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        <h3>{t('supReassign')}</h3>
        <label>
          {t('supReassignTo')}
          <select ref={first} data-testid="reassign-agent" value={to} onChange={(e) => setTo(e.currentTarget.value)}>
            {sorted.map((a) => (
              <option key={a.agentId} value={a.agentId}>
                {a.displayName || a.agentId} · {a.group} · {a.presence === Presence.ONLINE ? t('presenceOnline') : a.presence === Presence.AWAY ? t('presenceAway') : t('presenceOffline')} · {a.load}/{a.capacity}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('supNote')}
          <textarea rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        </label>
        {error && <p class="error">{error}</p>}
        <div class="dialog-actions">
          <button type="button" onClick={onCancel}>
            {t('cancel')}
          </button>
          <button type="submit" class="primary" data-testid="reassign-confirm" disabled={!to || busy}>
            {t('supReassign')}
          </button>
        </div>
      </form>
    </div>
  );
}
