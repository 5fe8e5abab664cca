// The supervisor page (主管台): the staff login form until there is a session of a supervisor,
// then the dashboard, reports and configuration. An agent's login is told the page is for
// supervisors only and sent back to the agent console.
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../lib/i18n';
import { LoginForm } from '../lib/login-form';
import { SessionStore, type StaffSession } from '../lib/session';
import { useLang } from '../lib/use-chat';
import '../styles/base.css';
import '../styles/supervisor.css';
import { SupervisorApp } from './app';

const sessions = new SessionStore('kefu.supervisor.session');

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
        onLoggedIn={(s) => {
          setNotice('');
          if (s.supervisor) return setSession(s);
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
