// The server labels score parts and items in both languages, "Team monthly task (团队月度任务)":
// the page shows the half in its own language.
import { lang } from '../lib/i18n';

export function localLabel(label: string): string {
  const m = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(label);
  if (!m) return label;
  const [, english, chinese] = m;
  return lang() === 'zh' ? chinese : english;
}
