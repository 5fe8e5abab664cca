// Figures by period (R-SUP-3): day, month, quarter or year over a range of local days, for the
// shop, a group or an agent; every figure opens the drill-down list that makes it; CSV export.
import { useEffect, useState } from 'preact/hooks';
import { DrilldownReportSchema, FiguresReportListSchema, type DrilldownReport } from '../gen/kefu/v1/api_pb';
import type { FiguresReport } from '../gen/kefu/v1/kpi_pb';
import { t, type TextKey } from '../lib/i18n';
import { failureText, type ShopApi } from './api';
import { DrilldownList } from './drilldown-list';
import { figureColumns, type FigureColumn } from './figure-columns';

export type Granularity = 'day' | 'month' | 'quarter' | 'year';
const granularities: [Granularity, TextKey][] = [
  ['day', 'supByDay'],
  ['month', 'supByMonth'],
  ['quarter', 'supByQuarter'],
  ['year', 'supByYear'],
];

export interface ScopeChoice {
  groups: { id: string; name: string }[];
  agents: { id: string; name: string }[];
}

interface Drill {
  report: DrilldownReport;
  column: FigureColumn;
  period: FiguresReport;
}

/** The range a period starts with, ending today (the shop's local date): a week of days, the
 * year so far by month or quarter, three years by year. */
export function defaultRange(by: Granularity, today: string): { from: string; to: string } {
  const [y, m, d] = today.split('-').map(Number);
  if (by === 'day') {
    const week = new Date(Date.UTC(y, m - 1, d - 6));
    return { from: week.toISOString().slice(0, 10), to: today };
  }
  return { from: `${by === 'year' ? y - 2 : y}-01-01`, to: today };
}

/** "group:presale" / "agent:a1" / "" (the shop) → the query's agent= or group=. */
function scopeQuery(scope: string): Record<string, string> {
  const [kind, id] = scope.split(':');
  return kind === 'group' ? { group: id } : kind === 'agent' ? { agent: id } : {};
}

export function FiguresReportView({ api, scopes, today }: { api: ShopApi; scopes: ScopeChoice; today: string }) {
  const [by, setBy] = useState<Granularity>('day');
  const [from, setFrom] = useState(defaultRange('day', today).from);
  const [to, setTo] = useState(today);
  const choose = (g: Granularity) => {
    const range = defaultRange(g, today);
    setBy(g);
    setFrom(range.from);
    setTo(range.to);
  };
  const [scope, setScope] = useState('');
  const [reports, setReports] = useState<FiguresReport[] | null>(null);
  const [drill, setDrill] = useState<Drill | null>(null);
  const [error, setError] = useState('');
  const query = { ...scopeQuery(scope), from, to: to || from, by };
  // Newest period first: the one a supervisor looks at.
  const shown = reports ? [...reports].reverse() : null;

  const load = async () => {
    setError('');
    try {
      const list = await api.get(FiguresReportListSchema, 'figures', query);
      setReports(list.reports);
      setDrill(null);
    } catch (e) {
      setError(failureText(e));
    }
  };
  useEffect(() => void load(), [by, scope, from, to]);

  const openDrill = async (period: FiguresReport, column: FigureColumn) => {
    try {
      const report = await api.get(DrilldownReportSchema, 'figures/drilldown', { ...scopeQuery(scope), from: period.from, to: period.to });
      setDrill({ report, column, period });
    } catch (e) {
      setError(failureText(e));
    }
  };

  return (
    <section class="report" data-testid="figures-report">
      <form class="toolbar" onSubmit={(e) => (e.preventDefault(), void load())}>
        <div class="segmented" role="group" aria-label={t('supPeriod')}>
          {granularities.map(([g, label]) => (
            <button type="button" key={g} class={by === g ? 'active' : ''} aria-pressed={by === g} data-testid={`by-${g}`} onClick={() => choose(g)}>
              {t(label)}
            </button>
          ))}
        </div>
        <label>
          {t('supFrom')} <input type="date" value={from} onInput={(e) => setFrom(e.currentTarget.value)} data-testid="report-from" />
        </label>
        <label>
          {t('supTo')} <input type="date" value={to} onInput={(e) => setTo(e.currentTarget.value)} />
        </label>
        <label>
          {t('supScope')}{' '}
          <select value={scope} onChange={(e) => setScope(e.currentTarget.value)} data-testid="report-scope">
            <option value="">{t('supShop')}</option>
            {scopes.groups.map((g) => (
              <option key={g.id} value={`group:${g.id}`}>
                {t('supGroup')} · {g.name}
              </option>
            ))}
            {scopes.agents.map((a) => (
              <option key={a.id} value={`agent:${a.id}`}>
                {t('agent')} · {a.name}
              </option>
            ))}
          </select>
        </label>
        <span class="spacer" />
        <button type="button" data-testid="figures-csv" onClick={() => api.download('figures', query, `figures-${by}.csv`).catch((e: unknown) => setError(failureText(e)))}>
          {t('supCsv')}
        </button>
      </form>
      {error && <p class="error" role="alert">{error}</p>}
      {shown && (
        <div class="scroll">
          <table class="grid figures" data-testid="figures-table">
            <thead>
              <tr>
                <th>{t('supPeriod')}</th>
                {figureColumns.map((c) => (
                  <th key={c.id} class="num">
                    {t(c.label)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.length === 0 && (
                <tr>
                  <td colSpan={figureColumns.length + 1} class="empty">
                    {t('supNothing')}
                  </td>
                </tr>
              )}
              {shown.map((r) => (
                <tr key={r.from} data-from={r.from}>
                  <th>{r.from === r.to ? r.from : `${r.from} – ${r.to}`}</th>
                  {figureColumns.map((c) => (
                    <td key={c.id} class="num">
                      <button type="button" class={`cell-link ${/^(0|—|¥0\.00|0\/0)$/.test(c.value(r)) ? 'zero' : ''}`} data-figure={c.id} onClick={() => void openDrill(r, c)}>
                        {c.value(r)}
                      </button>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {drill && (
        <DrilldownList
          report={drill.report}
          list={drill.column.drill}
          title={`${t(drill.column.label)} · ${drill.period.from}${drill.period.to !== drill.period.from ? ` – ${drill.period.to}` : ''}`}
          onClose={() => setDrill(null)}
        />
      )}
    </section>
  );
}
