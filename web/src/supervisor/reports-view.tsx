// Reports (R-SUP-3): figures by period with drill-downs, the team with its low-performer flags,
// the monthly scorecards, and the routing audit of a conversation, as tabs of one view.
import { t, type TextKey } from '../lib/i18n';
import type { ShopApi } from './api';
import { AuditView } from './audit-view';
import { FiguresReportView, type ScopeChoice } from './figures-report';
import { ScorecardsView } from './scorecards-view';
import { TeamView } from './team-view';

export type ReportTab = 'figures' | 'team' | 'scorecards' | 'audit';
export const reportTabs: [ReportTab, TextKey, string][] = [
  ['figures', 'supFigures', 'Alt+F'],
  ['team', 'supTeam', 'Alt+T'],
  ['scorecards', 'supScorecards', 'Alt+C'],
  ['audit', 'supAudit', 'Alt+A'],
];

interface Props {
  api: ShopApi;
  tab: ReportTab;
  scopes: ScopeChoice;
  auditConversation: string;
  /** The shop's local date today (from the live figures), where report ranges end. */
  today: string;
  onTab: (tab: ReportTab) => void;
}

export function ReportsView({ api, tab, scopes, auditConversation, today, onTab }: Props) {
  const agentName = (id: string) => scopes.agents.find((a) => a.id === id)?.name ?? id;
  return (
    <div class="reports" data-testid="reports-view">
      <nav class="subtabs" role="tablist">
        {reportTabs.map(([id, label, key]) => (
          <button type="button" role="tab" key={id} class={tab === id ? 'active' : ''} aria-selected={tab === id} data-testid={`report-tab-${id}`} title={key} onClick={() => onTab(id)}>
            {t(label)}
          </button>
        ))}
      </nav>
      {tab === 'figures' && <FiguresReportView api={api} scopes={scopes} today={today} />}
      {tab === 'team' && <TeamView api={api} scopes={scopes} today={today} />}
      {tab === 'scorecards' && <ScorecardsView api={api} agentName={agentName} />}
      {tab === 'audit' && <AuditView key={auditConversation} api={api} initial={auditConversation} />}
    </div>
  );
}
