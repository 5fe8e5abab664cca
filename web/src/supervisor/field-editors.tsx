// Small editors the configuration form is made of. Every input is named by its path in
// ShopSettings as the server names a field at fault ("shifts[1].start", "waitAlertSeconds"),
// so a 400 answer's error shows next to that input.
import type { ComponentChildren } from 'preact';
import { t } from '../lib/i18n';

export interface FieldError {
  field: string;
  message: string;
}

/**
 * Does the server's field name this input's path? camelCase or snake_case alike; a field inside
 * the input's value ("rota[0].shifts[1]" for the input "rota[0].shifts") counts as the input.
 */
export function sameField(field: string, path: string): boolean {
  const norm = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  const f = norm(field);
  const p = norm(path);
  return f === p || f.startsWith(`${p}[`);
}

/** The error when it names path (exact: not a field inside it, for a section's own line). */
export function ErrorAt({ path, error, exact }: { path: string; error: FieldError | null; exact?: boolean }) {
  if (!error || !(exact ? error.field === path : sameField(error.field, path))) return null;
  return (
    <span class="field-error" role="alert" data-testid="field-error" data-field={path}>
      {error.message}
    </span>
  );
}

interface InputProps {
  path: string;
  value: string | number;
  error: FieldError | null;
  type?: 'text' | 'number';
  placeholder?: string;
  width?: string;
  onChange: (value: string) => void;
}

export function Field({ path, value, error, type = 'text', placeholder, width, onChange }: InputProps) {
  const bad = !!error && sameField(error.field, path);
  return (
    <span class={`field ${bad ? 'field-bad' : ''}`}>
      <input
        name={path}
        inputMode={type === 'number' ? 'numeric' : undefined}
        pattern={type === 'number' ? '[0-9]*' : undefined}
        value={value}
        placeholder={placeholder}
        style={width ? { width } : undefined}
        aria-invalid={bad}
        onInput={(e) => onChange(e.currentTarget.value)}
      />
      <ErrorAt path={path} error={error} />
    </span>
  );
}

/** A section of the form with its own error line (for errors naming the whole list). */
export function Section({ title, path, error, hint, children }: { title: string; path: string; error: FieldError | null; hint?: string; children: ComponentChildren }) {
  return (
    <fieldset class="settings-section" data-section={path}>
      <legend>{title}</legend>
      {hint && <p class="muted small">{hint}</p>}
      <ErrorAt path={path} error={error} exact />
      {children}
    </fieldset>
  );
}

export interface Column<T> {
  key: string;
  label: string;
  type?: 'text' | 'number';
  width?: string;
  get: (item: T) => string | number;
  set: (item: T, value: string) => void;
}

/** A list of rows (groups, shifts, quick replies...): edit in place, add, remove. */
export function ListEditor<T>({ path, items, columns, error, make, onChange }: { path: string; items: T[]; columns: Column<T>[]; error: FieldError | null; make: () => T; onChange: () => void }) {
  return (
    <table class="grid list-editor" data-list={path}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.key}>{c.label}</th>
          ))}
          <th />
        </tr>
      </thead>
      <tbody>
        {items.map((item, i) => (
          <tr key={i}>
            {columns.map((c) => (
              <td key={c.key}>
                <Field
                  path={`${path}[${i}].${c.key}`}
                  type={c.type}
                  width={c.width}
                  value={c.get(item)}
                  error={error}
                  onChange={(v) => {
                    c.set(item, v);
                    onChange();
                  }}
                />
              </td>
            ))}
            <td>
              <button
                type="button"
                class="link-button"
                aria-label={t('supRemove')}
                onClick={() => {
                  items.splice(i, 1);
                  onChange();
                }}
              >
                ✕
              </button>
            </td>
          </tr>
        ))}
        <tr>
          <td colSpan={columns.length + 1}>
            <button
              type="button"
              class="link-button"
              onClick={() => {
                items.push(make());
                onChange();
              }}
            >
              + {t('supAdd')}
            </button>
          </td>
        </tr>
      </tbody>
    </table>
  );
}

interface MapEditorProps {
  path: string;
  map: Record<string, string | number>;
  keyLabel: string;
  valueLabel: string;
  numeric?: boolean;
  /** Keys in this order first (a map has none of its own). */
  keyOrder?: string[];
  /** The values to pick from (a select instead of a text box). */
  choices?: string[];
  error: FieldError | null;
  onChange: () => void;
}

/** A map<string, string|number> as key → value rows. */
export function MapEditor({ path, map, keyLabel, valueLabel, numeric, keyOrder = [], choices, error, onChange }: MapEditorProps) {
  const rank = (k: string) => (keyOrder.includes(k) ? keyOrder.indexOf(k) : keyOrder.length);
  const rows = Object.entries(map).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
  return (
    <table class="grid list-editor" data-list={path}>
      <thead>
        <tr>
          <th>{keyLabel}</th>
          <th>{valueLabel}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k}>
            <td>{k}</td>
            <td>
              {choices ? (
                <span class="field">
                  <select
                    name={`${path}[${k}]`}
                    value={String(v)}
                    onChange={(e) => {
                      map[k] = e.currentTarget.value;
                      onChange();
                    }}
                  >
                    {!choices.includes(String(v)) && <option value={String(v)}>{String(v) || '—'}</option>}
                    {choices.map((c) => (
                      <option key={c} value={c}>
                        {c}
                      </option>
                    ))}
                  </select>
                  <ErrorAt path={`${path}[${k}]`} error={error} />
                </span>
              ) : (
                <Field
                  path={`${path}[${k}]`}
                  type={numeric ? 'number' : 'text'}
                  value={v}
                  error={error}
                  onChange={(value) => {
                    map[k] = numeric ? Number(value) : value;
                    onChange();
                  }}
                />
              )}
            </td>
            <td>
              <button
                type="button"
                class="link-button"
                aria-label={t('supRemove')}
                onClick={() => {
                  delete map[k];
                  onChange();
                }}
              >
                ✕
              </button>
            </td>
          </tr>
        ))}
        <tr>
          <td colSpan={3}>
            <form
              class="inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                e.stopPropagation();
                const key = String(new FormData(e.currentTarget).get('key') ?? '').trim();
                if (key && !(key in map)) {
                  map[key] = numeric ? 0 : '';
                  onChange();
                }
                e.currentTarget.reset();
              }}
            >
              <input name="key" placeholder={keyLabel} />
              <button type="submit" class="link-button">
                + {t('supAdd')}
              </button>
            </form>
          </td>
        </tr>
      </tbody>
    </table>
  );
}
