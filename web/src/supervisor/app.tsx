// The supervisor's page once logged in: a header with the views (live, reports, configuration),
// the connection state and the language switch; the chosen view below. The live connection
// stays up whichever view is shown, so the live view is current the moment it comes back.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ShopSettingsSchema } from '../gen/kefu/v1/api_pb';
import { ConnectionBadge, LangSwitch, ShortcutsDialog } from '../lib/components';
import { localDate } from '../lib/format';
import { t, type TextKey } from '../lib/i18n';
import type { StaffSession } from '../lib/session';
import { useLang } from '../lib/use-chat';
import { ShopApi } from './api';
import { SupervisorLive } from './live';
import { LiveView } from './live-view';
import { ReportsView, type ReportTab } from './reports-view';
import { SettingsView } from './settings-view';
import { shortcutList, shortcutOf } from './shortcuts';

type View = 'live' | 'reports' | 'settings';
const views: [View, TextKey, string][] = [
  ['live', 'supLive', 'Alt+1'],
  ['reports', 'supReports', 'Alt+2'],
  ['settings', 'supSettings', 'Alt+3'],
];

const viewOfHash = (): View => {
  const h = location.hash.slice(1);
  return h === 'reports' || h === 'settings' ? h : 'live';
};

export function SupervisorApp({ session, onLogout }: { session: StaffSession; onLogout: (expired: boolean) => void }) {
  useLang();
  const live = useMemo(() => new SupervisorLive(session, () => onLogout(true)), [session]);
  const api = useMemo(() => new ShopApi(session), [session]);
  const [, setVersion] = useState(0);
  const [view, setView] = useState<View>(viewOfHash());
  const [reportTab, setReportTab] = useState<ReportTab>('figures');
  const [monitored, setMonitored] = useState('');
  const [help, setHelp] = useState(false);
  const [notice, setNotice] = useState('');
  const [shiftIds, setShiftIds] = useState<string[]>([]);

  useEffect(() => {
    const off = live.subscribe(() => setVersion((n) => n + 1));
    live.start();
    // Waits on screen age with the clock; the data itself is pushed.
    const timer = setInterval(() => setVersion((n) => n + 1), 1000);
    // The shop's shift ids, for the rota editor's suggestions (a hint: failing is harmless).
    api.get(ShopSettingsSchema, 'settings').then(
      (s) => setShiftIds(s.shifts.map((x) => x.id)),
      () => undefined,
    );
    return () => {
      off();
      clearInterval(timer);
      live.stop();
    };
  }, [live]);

  const show = (v: View) => {
    setView(v);
    history.replaceState(null, '', `#${v}`);
  };
  const showReport = (tab: ReportTab) => {
    show('reports');
    setReportTab(tab);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = shortcutOf(e);
      if (!action) return;
      const click = (sel: string) => document.querySelector<HTMLElement>(sel)?.click();
      switch (action) {
        case 'live':
        case 'reports':
        case 'settings':
          show(action);
          break;
        case 'figures':
        case 'team':
        case 'scorecards':
        case 'audit':
          showReport(action);
          break;
        case 'join':
          click('[data-testid=join]');
          break;
        case 'reassign':
          click('[data-testid=reassign]');
          break;
        case 'save':
          click('[data-testid=settings-save]');
          break;
        case 'close':
          if (help) setHelp(false);
          else if (document.querySelector('.overlay')) return; // the dialog handles its own Esc
          else if (monitored) {
            void live.unmonitor(monitored);
            setMonitored('');
          }
          break;
        case 'help':
          setHelp((h) => !h);
          break;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [help, monitored, live]);

  const d = live.dashboard;
  const scopes = {
    groups: (d?.groups ?? []).map((g) => ({ id: g.group, name: g.displayName || g.group })),
    agents: (d?.agents ?? []).map((a) => ({ id: a.agentId, name: a.displayName || a.agentId })),
  };
  document.title = t('supTitle');
  // Today in the shop's time zone: the live figures are today's; else the browser's date.
  const today = d?.agents.find((a) => a.today?.from)?.today?.from || localDate(Date.now());

  return (
    <div class="supervisor">
      <header class="bar">
        <h1>{t('supTitle')}</h1>
        <span class="who" data-testid="supervisor-name">
          {session.displayName} · {session.shopId}
        </span>
        <nav class="tabs" role="tablist">
          {views.map(([id, label, key]) => (
            <button type="button" role="tab" key={id} class={view === id ? 'active' : ''} aria-selected={view === id} data-testid={`view-${id}`} title={key} onClick={() => show(id)}>
              {t(label)}
            </button>
          ))}
        </nav>
        <span class="spacer" />
        <ConnectionBadge connection={live.chat.connection} />
        <button type="button" class="link-button" aria-label={t('shortcuts')} data-testid="help" onClick={() => setHelp(true)}>
          ?
        </button>
        <LangSwitch />
        <button type="button" class="link-button" onClick={() => onLogout(false)}>
          {t('logout')}
        </button>
      </header>
      {notice && (
        <div class="notice" role="alert" data-testid="notice" onClick={() => setNotice('')}>
          {notice}
        </div>
      )}
      <main class="sup-main">
        {view === 'live' && <LiveView live={live} api={api} monitored={monitored} shiftIds={shiftIds} onMonitored={setMonitored} onError={setNotice} />}
        {view === 'reports' && <ReportsView api={api} tab={reportTab} scopes={scopes} auditConversation={monitored} today={today} onTab={setReportTab} />}
        {view === 'settings' && <SettingsView api={api} onSaved={(s) => setShiftIds(s.shifts.map((x) => x.id))} />}
      </main>
      {help && <ShortcutsDialog keys={shortcutList} onClose={() => setHelp(false)} />}
    </div>
  );
}
