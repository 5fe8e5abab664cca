// The supervisor page (主管台): the staff login form until there is a session of a supervisor,
// then the dashboard, reports and configuration. An agent's login is told the page is for
// supervisors only and sent back to the agent console.
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { HttpError, requestJson } from '../lib/http';
import { t } from '../lib/i18n';
import { LoginForm } from '../lib/login-form';
import { SessionStore, type StaffSession } from '../lib/session';
import { useLang } from '../lib/use-chat';
import '../styles/base.css';
import '../styles/supervisor.css';
import { SupervisorApp } from './app';

const sessions = new SessionStore('kefu.supervisor.session');

/**
 * The login answer does not say whether the account supervises; every supervisor route
 * answers an agent 403. The audit of a conversation that does not exist is the cheapest one.
 */
async function isSupervisor(session: StaffSession): Promise<boolean> {
  try {
    await requestJson('GET', `/api/shops/${encodeURIComponent(session.shopId)}/audit?conversation=0`, undefined, session.token);
    return true;
  } catch (e) {
    if (e instanceof HttpError && e.status === 403) return false;
    throw e;
  }
}

function SupervisorPage() {
  useLang();
  const [session, setSession] = useState<StaffSession | null>(sessions.load());
  const [notice, setNotice] = useState('');
  document.title = t('supTitle');
  if (!session) {
    return (
      <LoginForm
        title={t('supTitle')}
        sessions={sessions}
        notice={notice}
        onLoggedIn={async (s) => {
          setNotice('');
          if (await isSupervisor(s).catch(() => true)) return setSession(s);
          // An agent: end the session at once and say why.
          sessions.logout();
          setNotice(t('supOnly'));
        }}
      />
    );
  }
  return (
    <SupervisorApp
      key={session.token}
      session={session}
      onLogout={(expired) => {
        sessions.logout();
        setNotice(expired ? t('sessionExpired') : '');
        setSession(null);
      }}
    />
  );
}

render(<SupervisorPage />, document.getElementById('app')!);
