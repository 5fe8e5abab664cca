import { useState } from 'preact/hooks';
import { HttpError } from '../lib/http';
import { t } from '../lib/i18n';
import { LangSwitch } from '../lib/components';
import { login, type AgentSession } from './session';

export function LoginForm({ notice, onLoggedIn }: { notice: string; onLoggedIn: (s: AgentSession) => void }) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      onLoggedIn(await login(name.trim(), password));
    } catch (err) {
      setError(err instanceof HttpError && err.status === 401 ? t('loginFailed') : t('loginError'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="login-page">
      <form class="login" onSubmit={submit} data-testid="login-form">
        <div class="login-head">
          <h1>{t('agentTitle')}</h1>
          <LangSwitch />
        </div>
        {notice && <p class="notice">{notice}</p>}
        <label>
          {t('loginName')}
          <input name="login" autocomplete="username" value={name} onInput={(e) => setName(e.currentTarget.value)} required />
        </label>
        <label>
          {t('password')}
          <input
            name="password"
            type="password"
            autocomplete="current-password"
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
            required
          />
        </label>
        {error && (
          <p class="error" data-testid="login-error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('loggingIn') : t('login')}
        </button>
      </form>
    </div>
  );
}
