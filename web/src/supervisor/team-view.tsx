// The team compared (R-KPI-8, R-SUP-3): each agent's figures over a range of days and the
// low-performer flags (reply rate or reception below the team's average: review the logs).
import { useEffect, useState } from 'preact/hooks';
import { TeamFiguresSchema, type TeamFigures } from '../gen/kefu/v1/api_pb';
import { percent, seconds } from '../lib/figures-format';
import { t } from '../lib/i18n';
import { failureText, type ShopApi } from './api';
import type { ScopeChoice } from './figures-report';

export function TeamView({ api, scopes, today }: { api: ShopApi; scopes: ScopeChoice; today: string }) {
  const [group, setGroup] = useState('');
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [team, setTeam] = useState<TeamFigures | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    setError('');
    api.get(TeamFiguresSchema, 'figures/team', { group, from, to }).then(setTeam, (e: unknown) => setError(failureText(e)));
  }, [group, from, to]);

  const agentName = (id: string) => scopes.agents.find((a) => a.id === id)?.name ?? id;
  return (
    <section class="report" data-testid="team">
      <div class="toolbar">
        <label>
          {t('supGroup')}{' '}
          <select value={group} onChange={(e) => setGroup(e.currentTarget.value)}>
            <option value="">{t('supShop')}</option>
            {scopes.groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('supFrom')} <input type="date" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
        </label>
        <label>
          {t('supTo')} <input type="date" value={to} onInput={(e) => setTo(e.currentTarget.value)} />
        </label>
        {team && (
          <span class="muted">
            {t('supTeamAverages', {
              rate: team.hasReplyRateAverage ? `${(Number(team.replyRateAveragePpm) / 10_000).toFixed(1)}%` : '—',
              receptions: (Number(team.receptionsAverageMilli) / 1000).toFixed(1),
            })}
          </span>
        )}
      </div>
      {error && <p class="error" role="alert">{error}</p>}
      {team && (
        <div class="scroll">
          <table class="grid">
            <thead>
              <tr>
                <th>{t('agent')}</th>
                <th class="num">{t('receptions')}</th>
                <th class="num">{t('firstResponse')}</th>
                <th class="num">{t('averageResponse')}</th>
                <th class="num">{t('replyRate')}</th>
                <th class="num">{t('supSatisfaction')}</th>
                <th>{t('supFlags')}</th>
              </tr>
            </thead>
            <tbody>
              {team.members.map((m) => (
                <tr key={m.report?.scope} data-agent-id={m.report?.scope}>
                  <td>{agentName(m.report?.scope ?? '')}</td>
                  <td class="num">{String(m.report?.receptions ?? 0)}</td>
                  <td class="num">{seconds(m.report?.firstResponseAgent)}</td>
                  <td class="num">{seconds(m.report?.response)}</td>
                  <td class="num">{percent(m.report?.replyRate)}</td>
                  <td class="num">{percent(m.report?.satisfaction)}</td>
                  <td class="flags">
                    {m.replyRateBelowAverage && <span class="tag tag-flag">{t('supReplyRateBelow')}</span>}
                    {m.receptionBelowAverage && <span class="tag tag-flag">{t('supReceptionBelow')}</span>}
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
