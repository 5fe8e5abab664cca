// The shop's configuration (issue 7): the whole ShopSettings as a form, saved with the version
// it was read at. A 400 shows next to the field it names; a 409 means someone else saved in
// between: reload and redo. The change log (who changed what, when) is below.
import { create } from '@bufbuild/protobuf';
import { useEffect, useState } from 'preact/hooks';
import { ConfigChangeListSchema, ShopSettingsSchema, AgentCapacitySchema, type ConfigChange, type ShopSettings } from '../gen/kefu/v1/api_pb';
import { BlackoutConfigSchema, GroupSchema, QuickReplyConfigSchema, RotaEntrySchema, ScorePartWeightSchema, ShiftConfigSchema, type ScorePartWeight } from '../gen/kefu/v1/config_pb';
import { formatTime } from '../lib/format';
import { HttpError } from '../lib/http';
import { t } from '../lib/i18n';
import { failureText, type ShopApi } from './api';
import { Field, ListEditor, MapEditor, Section, sameField, type Column, type FieldError } from './field-editors';

const num = (v: string) => Math.max(0, Math.floor(Number(v) || 0));

/** R-ROUTE-2's order states, in the order an order goes through them. */
// The scorecard weights of either group kind (R-SCORE-1): the same two columns.
const weightColumns = (): Column<ScorePartWeight>[] => [
  { key: 'part', label: t('supPart'), width: '110px', get: (x) => x.part, set: (x, v) => (x.part = v.trim()) },
  { key: 'pointsTenths', label: t('supPointsTenths'), type: 'number', width: '70px', get: (x) => x.pointsTenths, set: (x, v) => (x.pointsTenths = num(v)) },
];

const orderStates = ['none', 'created', 'paid', 'shipped', 'delivered', 'completed', 'after_sale', 'closed'];

export function SettingsView({ api, onSaved }: { api: ShopApi; onSaved?: (s: ShopSettings) => void }) {
  const [settings, setSettings] = useState<ShopSettings | null>(null);
  const [changes, setChanges] = useState<ConfigChange[]>([]);
  const [error, setError] = useState<FieldError | null>(null);
  const [notice, setNotice] = useState('');
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  const [, setEdits] = useState(0);
  const edited = () => setEdits((n) => n + 1);

  const load = async () => {
    setError(null);
    setConflict(false);
    try {
      const s = await api.get(ShopSettingsSchema, 'settings');
      setSettings(s);
      setChanges((await api.get(ConfigChangeListSchema, 'settings/changes', { limit: '50' })).changes);
    } catch (e) {
      setError({ field: '', message: failureText(e) });
    }
  };
  useEffect(() => void load(), []);

  const save = async () => {
    if (!settings) return;
    setBusy(true);
    setError(null);
    setNotice('');
    try {
      const saved = await api.send('PUT', 'settings', api.jsonOf(ShopSettingsSchema, settings), ShopSettingsSchema);
      if (saved) {
        setSettings(saved);
        onSaved?.(saved);
      }
      setNotice(t('supSaved'));
      setChanges((await api.get(ConfigChangeListSchema, 'settings/changes', { limit: '50' })).changes);
    } catch (e) {
      if (e instanceof HttpError && e.status === 409) setConflict(true);
      else if (e instanceof HttpError && e.status === 400) {
        setError({ field: e.field, message: e.message });
        // Bring the field at fault into view.
        requestAnimationFrame(() => {
          const input = [...document.querySelectorAll<HTMLInputElement>('.settings input[name], .settings select[name]')].find((i) => sameField(e.field, i.name));
          const target = input ?? document.querySelector(`.settings [data-section="${e.field.split(/[[.]/)[0]}"]`);
          target?.scrollIntoView({ block: 'center' });
          input?.focus();
        });
      } else setError({ field: '', message: failureText(e) });
    } finally {
      setBusy(false);
    }
  };

  if (!settings) return <p class="empty page-empty">{error ? <span class="error">{error.message}</span> : t('connConnecting')}</p>;
  const s = settings;
  // An error no input or section shows goes in the banner on top.
  const unplaced =
    !!error?.field &&
    ![...document.querySelectorAll<HTMLInputElement>('.settings input[name], .settings select[name]')].some((i) => sameField(error.field, i.name)) &&
    !document.querySelector(`.settings [data-section="${CSS.escape(error.field)}"]`);

  return (
    <div class="settings-page">
      <div class="settings" data-testid="settings" data-version={String(s.version)}>
        {/* The toolbar and what went wrong stay in view while the form scrolls. */}
        <div class="settings-head">
          <div class="toolbar">
            <strong>{t('supSettings')}</strong>
            <span class="muted">
              {t('supVersion')} {String(s.version)}
            </span>
            <span class="spacer" />
            {notice && <span class="ok-text">{notice}</span>}
            <button type="button" onClick={() => void load()}>
              {t('supReload')}
            </button>
            <button type="button" class="primary" data-testid="settings-save" disabled={busy} onClick={() => void save()} title="Alt+S">
              {t('save')}
            </button>
          </div>
          {conflict && (
            <p class="banner banner-bad" role="alert" data-testid="settings-conflict">
              {t('supConflict')}{' '}
              <button type="button" onClick={() => void load()}>
                {t('supReload')}
              </button>
            </p>
          )}
          {error && (!error.field || unplaced) && (
            <p class="banner banner-bad" role="alert" data-testid="settings-error">
              {error.field && <code>{error.field}</code>} {error.message}
            </p>
          )}
        </div>
        <div class="settings-grid">
          <Section title={t('supGeneral')} path="general" error={error}>
            <label class="row">
              {t('supWaitAlert')}
              <Field path="waitAlertSeconds" type="number" value={s.waitAlertSeconds} error={error} onChange={(v) => ((s.waitAlertSeconds = num(v)), edited())} />
            </label>
            <label class="row">
              {t('supDefaultCapacity')}
              <Field path="defaultCapacity" type="number" value={s.defaultCapacity} error={error} onChange={(v) => ((s.defaultCapacity = num(v)), edited())} />
            </label>
            <label class="row">
              {t('supFastReply')}
              <Field path="fastReplySeconds" type="number" value={s.fastReplySeconds} error={error} onChange={(v) => ((s.fastReplySeconds = num(v)), edited())} />
            </label>
            <label class="row">
              {t('supSlowReply')}
              <Field path="slowReplySeconds" type="number" value={s.slowReplySeconds} error={error} onChange={(v) => ((s.slowReplySeconds = num(v)), edited())} />
            </label>
            <label class="row">
              {t('supAutoGreeting')}
              <Field path="autoGreeting" value={s.autoGreeting} error={error} width="260px" onChange={(v) => ((s.autoGreeting = v), edited())} />
            </label>
          </Section>
          <Section title={t('supGroups')} path="groups" error={error}>
            <ListEditor
              path="groups"
              items={s.groups}
              error={error}
              make={() => create(GroupSchema)}
              onChange={edited}
              columns={[
                { key: 'id', label: 'id', width: '90px', get: (g) => g.id, set: (g, v) => (g.id = v.trim()) },
                { key: 'displayName', label: t('supName'), width: '90px', get: (g) => g.displayName, set: (g, v) => (g.displayName = v) },
              ]}
            />
          </Section>
          <Section title={t('supBindings')} path="bindings" error={error} hint={t('supBindingsHint')}>
            <MapEditor
              path="bindings"
              map={s.bindings}
              keyLabel={t('supOrderState')}
              valueLabel={t('supGroup')}
              keyOrder={orderStates}
              choices={s.groups.map((g) => g.id).filter(Boolean)}
              error={error}
              onChange={edited}
            />
          </Section>
          <Section title={t('supShifts')} path="shifts" error={error}>
            <ListEditor
              path="shifts"
              items={s.shifts}
              error={error}
              make={() => create(ShiftConfigSchema)}
              onChange={edited}
              columns={[
                { key: 'id', label: 'id', width: '70px', get: (x) => x.id, set: (x, v) => (x.id = v.trim()) },
                { key: 'name', label: t('supName'), width: '70px', get: (x) => x.name, set: (x, v) => (x.name = v) },
                { key: 'start', label: t('supStart'), width: '64px', get: (x) => x.start, set: (x, v) => (x.start = v.trim()) },
                { key: 'end', label: t('supEnd'), width: '64px', get: (x) => x.end, set: (x, v) => (x.end = v.trim()) },
              ]}
            />
          </Section>
          <Section title={t('supCapacities')} path="capacities" error={error} hint={t('supCapacitiesHint')}>
            <ListEditor
              path="capacities"
              items={s.capacities}
              error={error}
              make={() => create(AgentCapacitySchema)}
              onChange={edited}
              columns={[
                { key: 'agentId', label: t('agent'), width: '110px', get: (x) => x.agentId, set: (x, v) => (x.agentId = v.trim()) },
                { key: 'capacity', label: t('supCapacity'), type: 'number', width: '60px', get: (x) => x.capacity, set: (x, v) => (x.capacity = num(v)) },
              ]}
            />
            <MapEditor path="capacityPerLevel" map={s.capacityPerLevel} keyLabel={t('supLevel')} valueLabel={t('supCapacity')} numeric error={error} onChange={edited} />
          </Section>
          <Section title={t('supRotaTitle')} path="rota" error={error}>
            <ListEditor
              path="rota"
              items={s.rota}
              error={error}
              make={() => create(RotaEntrySchema)}
              onChange={edited}
              columns={[
                { key: 'agentId', label: t('agent'), width: '100px', get: (x) => x.agentId, set: (x, v) => (x.agentId = v.trim()) },
                { key: 'date', label: t('supDay'), width: '100px', get: (x) => x.date, set: (x, v) => (x.date = v.trim()) },
                { key: 'shifts', label: t('supShifts'), width: '110px', get: (x) => x.shifts.join(' '), set: (x, v) => (x.shifts = v.split(/[\s,，]+/).filter(Boolean)) },
              ]}
            />
          </Section>
          <Section title={t('quickReplies')} path="quickReplies" error={error}>
            <ListEditor
              path="quickReplies"
              items={s.quickReplies}
              error={error}
              make={() => create(QuickReplyConfigSchema)}
              onChange={edited}
              columns={[
                { key: 'shortcut', label: t('supShortcut'), width: '70px', get: (x) => x.shortcut, set: (x, v) => (x.shortcut = v.trim()) },
                { key: 'text', label: t('supText'), width: '260px', get: (x) => x.text, set: (x, v) => (x.text = v) },
              ]}
            />
          </Section>
          <Section title={t('supWeightsPresale')} path="presaleWeights" error={error} hint={t('supWeightsHint')}>
            <ListEditor
              path="presaleWeights"
              items={s.presaleWeights}
              error={error}
              make={() => create(ScorePartWeightSchema)}
              onChange={edited}
              columns={weightColumns()}
            />
          </Section>
          <Section title={t('supWeightsAftersale')} path="aftersaleWeights" error={error} hint={t('supWeightsHint')}>
            <ListEditor
              path="aftersaleWeights"
              items={s.aftersaleWeights}
              error={error}
              make={() => create(ScorePartWeightSchema)}
              onChange={edited}
              columns={weightColumns()}
            />
          </Section>
          <Section title={t('supBlackouts')} path="blackouts" error={error} hint={t('supBlackoutsHint')}>
            <ListEditor
              path="blackouts"
              items={s.blackouts}
              error={error}
              make={() => create(BlackoutConfigSchema)}
              onChange={edited}
              columns={[
                { key: 'name', label: t('supName'), width: '90px', get: (x) => x.name, set: (x, v) => (x.name = v) },
                { key: 'start', label: t('supStart'), width: '64px', get: (x) => x.start, set: (x, v) => (x.start = v.trim()) },
                { key: 'end', label: t('supEnd'), width: '64px', get: (x) => x.end, set: (x, v) => (x.end = v.trim()) },
              ]}
            />
          </Section>
        </div>
      </div>
      <ChangeLog changes={changes} />
    </div>
  );
}

function ChangeLog({ changes }: { changes: ConfigChange[] }) {
  return (
    <section class="panel change-log" data-testid="change-log" data-count={changes.length}>
      <h2>
        {t('supChangeLog')} <span class="count">{changes.length}</span>
      </h2>
      {changes.length === 0 && <p class="empty">{t('supNoChanges')}</p>}
      <ol>
        {changes.map((c) => (
          <li key={String(c.version)}>
            <div class="muted small">
              v{String(c.version)} · {formatTime(c.atMs)} · {c.byName || c.byAgentId}
            </div>
            <ul>
              {c.changes.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}
