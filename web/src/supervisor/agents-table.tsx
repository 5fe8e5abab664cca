// The agents as they are now (R-SUP-1): presence (changed inline), shift and auto-extension,
// load against capacity (capacity changed inline), today's figures, the R-KPI-8 flag, the
// conversations waiting longest on them, and today's rota (edited inline).
import { useState } from 'preact/hooks';
import { Presence, type AgentLive, type WaitingConversation } from '../gen/kefu/v1/frames_pb';
import { percent, seconds } from '../lib/figures-format';
import { clockTime, localDate, shortDuration } from '../lib/format';
import { t, type TextKey } from '../lib/i18n';
import { shiftName } from '../lib/shifts';
import { useEscape, useFocusOnMount } from '../lib/use-focus';
import { failureText, type ShopApi } from './api';
import { waitLevel } from './wait-level';

const presences: [Presence, TextKey][] = [
  [Presence.ONLINE, 'presenceOnline'],
  [Presence.AWAY, 'presenceAway'],
  [Presence.OFFLINE, 'presenceOffline'],
];

/** An inline editor's input: focused when it appears, Escape gives up the edit. */
function FocusedInput({ onEscape, ...attrs }: { onEscape: () => void } & Record<string, unknown>) {
  const ref = useFocusOnMount<HTMLInputElement>();
  useEscape(onEscape);
  return <input ref={ref} {...attrs} />;
}

interface Props {
  agents: AgentLive[];
  api: ShopApi;
  nowMs: number;
  alertSeconds: number;
  shiftIds: string[];
  onMonitor: (w: WaitingConversation) => void;
  onError: (text: string) => void;
}

export function AgentsTable({ agents, api, nowMs, alertSeconds, shiftIds, onMonitor, onError }: Props) {
  const [editing, setEditing] = useState<{ agent: string; what: 'capacity' | 'rota' } | null>(null);

  const put = async (path: string, body: unknown) => {
    try {
      await api.send('PUT', path, body);
      setEditing(null);
    } catch (e) {
      onError(failureText(e));
    }
  };

  return (
    <table class="grid agents" data-testid="agents-table">
      <thead>
        <tr>
          <th>{t('agent')}</th>
          <th>{t('supPresence')}</th>
          <th>{t('supShift')}</th>
          <th>{t('supLoad')}</th>
          <th class="num">{t('receptions')}</th>
          <th class="num">{t('firstResponse')}</th>
          <th class="num">{t('averageResponse')}</th>
          <th class="num">{t('replyRate')}</th>
          <th>{t('supWaitingOn')}</th>
          <th>{t('supRota')}</th>
        </tr>
      </thead>
      <tbody>
        {agents.map((a) => {
          const edit = editing?.agent === a.agentId ? editing.what : null;
          const full = a.capacity > 0 && a.load >= a.capacity;
          return (
            <tr key={a.agentId} data-agent-id={a.agentId} data-presence={a.presence} data-load={a.load} data-capacity={a.capacity} class={a.enabled ? '' : 'disabled'}>
              <td class="nowrap">
                <span class="agent-name">{a.displayName || a.agentId}</span> <span class="muted">{a.group}</span>
                {a.lowPerformer && (
                  <span class="tag tag-flag" data-testid="low-performer" title={a.lowPerformerReason || t('supLowPerformer')}>
                    {t('supLowPerformerShort')}
                  </span>
                )}
              </td>
              <td>
                <select
                  class={`presence-select presence-${a.presence}`}
                  data-testid="presence-select"
                  value={a.presence}
                  aria-label={t('supPresence')}
                  onChange={(e) => void put(`agents/${encodeURIComponent(a.agentId)}/presence`, { presence: `PRESENCE_${Presence[Number(e.currentTarget.value)]}` })}
                >
                  {a.presence === Presence.UNSPECIFIED && <option value={Presence.UNSPECIFIED}>—</option>}
                  {presences.map(([p, key]) => (
                    <option key={p} value={p}>
                      {t(key)}
                    </option>
                  ))}
                </select>
              </td>
              <td class="nowrap">
                {a.shift?.shiftId ? (
                  <span class={a.shift.onShift ? '' : 'muted'} data-on-shift={a.shift.onShift ? 'true' : 'false'}>
                    {a.shift.onShift ? '' : `${t('shiftNext')} `}
                    {shiftName(a.shift.shiftId)}
                    {Number(a.shift.endMs - a.shift.startMs) < 24 * 3600_000 && ` ${clockTime(a.shift.startMs)}–${clockTime(a.shift.endMs)}`}
                  </span>
                ) : (
                  <span class="muted">{t('noShift')}</span>
                )}
                {Number(a.extendedUntilMs) > 0 && (
                  <span class="tag" title={t('supExtendedHint')}>
                    {t('supExtended', { time: clockTime(a.extendedUntilMs) })}
                  </span>
                )}
              </td>
              <td class="nowrap">
                {edit === 'capacity' ? (
                  <form
                    class="inline-form"
                    onSubmit={(e) => {
                      e.preventDefault();
                      const value = Number(new FormData(e.currentTarget).get('capacity'));
                      void put(`agents/${encodeURIComponent(a.agentId)}/capacity`, { capacity: value });
                    }}
                  >
                    <FocusedInput name="capacity" type="number" min={1} max={100} value={a.capacity} data-testid="capacity-input" onEscape={() => setEditing(null)} />
                    <button type="submit">{t('save')}</button>
                  </form>
                ) : (
                  <button type="button" class="load" data-testid="load" title={t('supEditCapacity')} onClick={() => setEditing({ agent: a.agentId, what: 'capacity' })}>
                    <span class={`load-bar ${full ? 'full' : ''}`}>
                      <span style={{ width: `${a.capacity ? Math.min(100, (100 * a.load) / a.capacity) : 0}%` }} />
                    </span>
                    {a.load}/{a.capacity}
                  </button>
                )}
              </td>
              <td class="num" data-testid="receptions">{String(a.today?.receptions ?? 0)}</td>
              <td class="num">{seconds(a.today?.firstResponseAgent)}</td>
              <td class="num">{seconds(a.today?.response)}</td>
              <td class="num">{percent(a.today?.replyRate)}</td>
              <td>
                {a.waiting.map((w) => {
                  const waited = nowMs - Number(w.waitingSinceMs);
                  return (
                    <button type="button" key={w.conversationId} class={`chip wait-${waitLevel(waited, alertSeconds)}`} data-conversation-id={w.conversationId} title={`${w.buyerId} · ${t('supMonitor')}`} onClick={() => onMonitor(w)}>
                      {w.buyerId} {shortDuration(waited)}
                    </button>
                  );
                })}
              </td>
              <td class="nowrap">
                {edit === 'rota' ? (
                  <form
                    class="inline-form"
                    onSubmit={(e) => {
                      e.preventDefault();
                      const form = new FormData(e.currentTarget);
                      const shifts = String(form.get('shifts') ?? '').split(/[\s,，]+/).filter(Boolean);
                      void put(`rota/${form.get('date')}/${encodeURIComponent(a.agentId)}`, { shifts });
                    }}
                  >
                    <input name="date" type="date" value={a.today?.from || localDate(nowMs)} required />
                    <FocusedInput name="shifts" list="shift-ids" placeholder={t('supRotaHint')} data-testid="rota-input" onEscape={() => setEditing(null)} />
                    <button type="submit">{t('save')}</button>
                  </form>
                ) : (
                  <button type="button" class="link-button" onClick={() => setEditing({ agent: a.agentId, what: 'rota' })}>
                    {t('supEditRota')}
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
      <datalist id="shift-ids">
        {shiftIds.map((id) => (
          <option key={id} value={id} />
        ))}
      </datalist>
    </table>
  );
}
