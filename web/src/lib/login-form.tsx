// The staff login form of the agent console and the supervisor page: the page's title on top,
// a notice (session expired, not a supervisor), and the login answer's errors.
import { useState } from 'preact/hooks';
import { LangSwitch } from './components';
import { HttpError } from './http';
import { t } from './i18n';
import type { SessionStore, StaffSession } from './session';

export interface LoginFormProps {
  title: string;
  sessions: SessionStore;
  notice: string;
  onLoggedIn: (s: StaffSession) => void;
}

export function LoginForm({ title, sessions, notice, onLoggedIn }: LoginFormProps) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      onLoggedIn(await sessions.login(name.trim(), password));
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
          <h1>{title}</h1>
          <LangSwitch />
        </div>
        {notice && (
          <p class="notice" data-testid="login-notice">
            {notice}
          </p>
        )}
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
