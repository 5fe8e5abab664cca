// The supervisor page's keys: Alt+1/2/3 switch views, Alt+F/T/C/A the report tabs, Alt+J / Alt+R
// join or reassign the monitored conversation, Alt+S saves the configuration, Esc closes,
// "?" (outside a text field) lists them.
import type { TextKey } from '../lib/i18n';

export const shortcutList: [string, TextKey][] = [
  ['Alt+1', 'supLive'],
  ['Alt+2', 'supReports'],
  ['Alt+3', 'supSettings'],
  ['Alt+F / T / C / A', 'supReportTabsKey'],
  ['Alt+J', 'supJoin'],
  ['Alt+R', 'supReassign'],
  ['Alt+S', 'save'],
  ['Esc', 'close'],
  ['?', 'shortcuts'],
];

export type ShortcutAction = 'live' | 'reports' | 'settings' | 'figures' | 'team' | 'scorecards' | 'audit' | 'join' | 'reassign' | 'save' | 'close' | 'help';

const altKeys: Record<string, ShortcutAction> = {
  '1': 'live',
  '2': 'reports',
  '3': 'settings',
  f: 'figures',
  t: 'team',
  c: 'scorecards',
  a: 'audit',
  j: 'join',
  r: 'reassign',
  s: 'save',
};

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

/** The action a key press asks for, or null. Uses e.code for Alt+letters (Alt changes e.key on macOS). */
export function shortcutOf(e: KeyboardEvent): ShortcutAction | null {
  if (e.altKey && !e.ctrlKey && !e.metaKey) {
    const key = e.code.startsWith('Digit') ? e.code.slice(5) : e.code.startsWith('Key') ? e.code.slice(3).toLowerCase() : '';
    return altKeys[key] ?? null;
  }
  if (e.key === 'Escape') return 'close';
  if (e.key === '?' && !typing(e.target)) return 'help';
  return null;
}
