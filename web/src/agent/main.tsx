// The agent console page: the login form until there is a session, then the console.
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../lib/i18n';
import { useLang } from '../lib/use-chat';
import '../styles/base.css';
import '../styles/agent.css';
import { AgentConsole } from './console';
import { LoginForm } from '../lib/login-form';
import { agentSessions, type AgentSession } from './session';

function AgentApp() {
  useLang();
  const [session, setSession] = useState<AgentSession | null>(agentSessions.load());
  const [notice, setNotice] = useState('');
  document.title = t('agentTitle');
  if (!session) {
    return (
      <LoginForm
        title={t('agentTitle')}
        sessions={agentSessions}
        notice={notice}
        onLoggedIn={(s) => {
          setNotice('');
          setSession(s);
        }}
      />
    );
  }
  return (
    <AgentConsole
      key={session.token}
      session={session}
      onLogout={(expired) => {
        agentSessions.logout();
        setNotice(expired ? t('sessionExpired') : '');
        setSession(null);
      }}
    />
  );
}

render(<AgentApp />, document.getElementById('app')!);
