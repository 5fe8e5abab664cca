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
