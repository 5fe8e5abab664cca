// The month's scorecards (R-SCORE-1..5): each agent's parts (the supervisor-entered ones edited
// in place; every entry is kept by the server with who and when), bonus and deduction items,
// total, rank, commission and flags; CSV export.
import { useEffect, useState } from 'preact/hooks';
import { ScorecardListSchema, type ScorecardList, type ScorePartReport } from '../gen/kefu/v1/api_pb';
import { points } from '../lib/figures-format';
import { t } from '../lib/i18n';
import { yuan } from '../lib/orders';
import { failureText, type ShopApi } from './api';
import { localLabel } from './labels';

function PartCell({ part, onSave }: { part: ScorePartReport; onSave: (tenths: number) => Promise<void> }) {
  const [value, setValue] = useState(points(part.pointsTenths));
  useEffect(() => setValue(points(part.pointsTenths)), [part.pointsTenths]);
  const entered = part.source === 'supervisor';
  const who = part.entry?.enteredBy ? `${part.entry.enteredBy} ${new Date(Number(part.entry.enteredAtMs)).toLocaleString()}` : '';
  return (
    <span class={`part part-${part.status}`} data-part={part.id} title={[part.label, part.status, who].filter(Boolean).join(' · ')}>
      <span class="part-label">{localLabel(part.label || part.id)}</span>
      {entered ? (
        <form
          class="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void onSave(Math.round(Number(value) * 10));
          }}
        >
          <input type="number" step="0.1" min="0" max={part.maxTenths / 10} value={value} data-testid={`part-${part.id}`} onInput={(e) => setValue(e.currentTarget.value)} onBlur={() => value !== points(part.pointsTenths) && void onSave(Math.round(Number(value) * 10))} />
        </form>
      ) : (
        <span class="part-points">{part.status === 'no_data' ? '—' : points(part.pointsTenths)}</span>
      )}
      <span class="muted">/{points(part.maxTenths)}</span>
    </span>
  );
}

function thisMonth(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

export function ScorecardsView({ api, agentName }: { api: ShopApi; agentName: (id: string) => string }) {
  const [month, setMonth] = useState(thisMonth());
  const [list, setList] = useState<ScorecardList | null>(null);
  const [error, setError] = useState('');

  const load = async () => {
    setError('');
    try {
      setList(await api.get(ScorecardListSchema, 'scorecards', { month }));
    } catch (e) {
      setError(failureText(e));
    }
  };
  useEffect(() => void load(), [month]);

  const savePart = async (agent: string, part: string, tenths: number) => {
    try {
      await api.send('PUT', `scorecards/${month}/${encodeURIComponent(agent)}/parts/${encodeURIComponent(part)}`, { pointsTenths: tenths, note: '' });
      await load();
    } catch (e) {
      setError(failureText(e));
    }
  };

  const addAdjustment = async (agent: string, kind: string, reason: string) => {
    try {
      await api.send('POST', `scorecards/${month}/${encodeURIComponent(agent)}/adjustments`, { kind, reason, count: 1 });
      await load();
    } catch (e) {
      setError(failureText(e));
    }
  };

  return (
    <section class="report" data-testid="scorecards">
      <div class="toolbar">
        <label>
          {t('supMonth')} <input type="month" value={month} onInput={(e) => e.currentTarget.value && setMonth(e.currentTarget.value)} />
        </label>
        {list && (
          <span class="muted">
            {t('supTeamAverage')} {points(list.teamAverageTenths)}
          </span>
        )}
        <span class="spacer" />
        <button type="button" data-testid="scorecards-csv" onClick={() => api.download('scorecards', { month }, `scorecards-${month}.csv`).catch((e: unknown) => setError(failureText(e)))}>
          {t('supCsv')}
        </button>
      </div>
      {error && <p class="error" role="alert">{error}</p>}
      {list && (
        <div class="scroll">
          <table class="grid scorecards">
            <thead>
              <tr>
                <th>{t('agent')}</th>
                <th>{t('supParts')}</th>
                <th>{t('supAdjustments')}</th>
                <th class="num">{t('supTotal')}</th>
                <th class="num">{t('supRank')}</th>
                <th class="num">{t('supCommission')}</th>
                <th>{t('supFlags')}</th>
              </tr>
            </thead>
            <tbody>
              {list.scorecards.length === 0 && (
                <tr>
                  <td colSpan={7} class="empty">
                    {t('supNothing')}
                  </td>
                </tr>
              )}
              {list.scorecards.map((s) => (
                <tr key={s.agentId} data-agent-id={s.agentId}>
                  <td class="nowrap">
                    {agentName(s.agentId)} <span class="muted">{s.templateId}</span>
                  </td>
                  <td>
                    <div class="parts">
                      {s.parts.map((p) => (
                        <PartCell key={p.id} part={p} onSave={(tenths) => savePart(s.agentId, p.id, tenths)} />
                      ))}
                    </div>
                  </td>
                  <td class="small">
                    {s.adjustments.map((a, i) => (
                      <div key={i}>
                        {a.kind === 'bonus' ? '+5' : '−2'}×{a.count} {localLabel(a.reason)}
                      </div>
                    ))}
                    <form
                      class="inline-form adjust"
                      onSubmit={(e) => {
                        e.preventDefault();
                        const form = new FormData(e.currentTarget);
                        void addAdjustment(s.agentId, String(form.get('kind')), String(form.get('reason') ?? '').trim());
                        e.currentTarget.reset();
                      }}
                    >
                      <select name="kind" aria-label={t('supAdjustments')}>
                        <option value="bonus">+5</option>
                        <option value="deduction">−2</option>
                      </select>
                      <input name="reason" placeholder={t('supReason')} required />
                      <button type="submit" class="link-button">
                        + {t('supAdd')}
                      </button>
                    </form>
                  </td>
                  <td class="num strong" data-testid="total">
                    {points(s.totalTenths)}
                    {!s.complete && <span class="muted" title={t('supIncomplete')}>*</span>}
                  </td>
                  <td class="num">{s.monthlyRank || '—'}</td>
                  <td class="num nowrap" data-testid="commission">
                    {s.commissioned && s.commission ? (
                      <span title={`${t('supBase')} ${yuan(s.commission.baseFen)} · ${t('supExcluded')} ${yuan(s.commission.excludedFen)}`}>
                        {(s.commission.rateBp / 100).toFixed(2)}% · {yuan(s.commission.commissionFen)}
                      </span>
                    ) : (
                      <span class="muted">{t('supNoCommission')}</span>
                    )}
                  </td>
                  <td class="flags">
                    {s.under60 && <span class="tag tag-bad">{t('supUnder60')}</span>}
                    {s.failedTwoMonthsInARow && <span class="tag tag-bad">{t('supTwoMonths')}</span>}
                    {s.belowTeamAverage && <span class="tag tag-flag">{t('supBelowAverage')}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
