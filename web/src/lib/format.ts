import { lang } from './i18n';

/** A message time: hh:mm today, else the date too. */
export function formatTime(ms: number | bigint): string {
  const date = new Date(Number(ms));
  const locale = lang() === 'zh' ? 'zh-CN' : 'en-GB';
  const today = new Date().toDateString() === date.toDateString();
  return today
    ? date.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleString(locale, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

/** "45s", "3m", "1h05m": short enough for a list row. */
export function shortDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** hh:mm of a time, in the page's language. */
export function clockTime(ms: number | bigint): string {
  return new Date(Number(ms)).toLocaleTimeString(lang() === 'zh' ? 'zh-CN' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
}

/** YYYY-MM-DD of a time in the browser's time zone. */
export function localDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
