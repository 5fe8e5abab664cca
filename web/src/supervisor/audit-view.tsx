// The routing audit of one conversation (README: GET audit?conversation=): every decision, the
// group and why, the agent and the rule, who else was eligible and why others were not.
import { useState } from 'preact/hooks';
import { AuditListSchema, type AuditEntry } from '../gen/kefu/v1/api_pb';
import { formatTime } from '../lib/format';
import { t } from '../lib/i18n';
import { failureText, type ShopApi } from './api';

/** "a=1; b=; c=x" (a decision's reasons in one field) → its non-empty pairs; else null. */
function pairs(value: string): [string, string][] | null {
  if (!value.includes('; ') || !value.includes('=')) return null;
  return value
    .split('; ')
    .map((p) => p.split('=', 2) as [string, string])
    .filter(([, v]) => v !== undefined && v !== '');
}

/** A stream id "1732350000000-0" carries the time it was written. */
const entryTime = (id: string) => formatTime(Number(id.split('-')[0]));

export function AuditView({ api, initial }: { api: ShopApi; initial: string }) {
  const [conversation, setConversation] = useState(initial);
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState('');

  const load = async (id: string) => {
    setError('');
    try {
      setEntries((await api.get(AuditListSchema, 'audit', { conversation: id.trim() })).entries);
    } catch (e) {
      setError(failureText(e));
    }
  };

  return (
    <section class="report" data-testid="audit">
      <form class="toolbar" onSubmit={(e) => (e.preventDefault(), void load(conversation))}>
        <label>
          {t('supConversation')} <input value={conversation} onInput={(e) => setConversation(e.currentTarget.value)} placeholder={t('supConversationId')} data-testid="audit-conversation" required />
        </label>
        <button type="submit" class="primary" data-testid="audit-load">
          {t('supLookUp')}
        </button>
      </form>
      {error && <p class="error" role="alert">{error}</p>}
      {entries && entries.length === 0 && <p class="empty">{t('supNothing')}</p>}
      {entries && entries.length > 0 && (
        <ol class="audit-list" data-testid="audit-entries" data-count={entries.length}>
          {entries.map((e) => (
            <li key={e.id} class="audit-entry">
              <time>{entryTime(e.id)}</time>
              <dl>
                {Object.entries(e.fields).map(([k, v]) => (
                  <>
                    <dt key={`${k}-k`}>{k}</dt>
                    <dd key={`${k}-v`} data-field={k}>
                      {pairs(v)?.map(([pk, pv]) => (
                        <span key={pk} class="audit-pair">
                          <span class="muted">{pk}</span> {pv}
                        </span>
                      )) ?? v}
                    </dd>
                  </>
                ))}
              </dl>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
