// Today's figures in the header (issue 5), as the server computes them from what happened.
import type { DurationFigure, FiguresReport, RatioFigure } from '../gen/kefu/v1/kpi_pb';
import { t } from '../lib/i18n';

const seconds = (d?: DurationFigure) => (d && Number(d.count) > 0 ? `${(Number(d.averageMs) / 1000).toFixed(1)}s` : '—');
const percent = (r?: RatioFigure) => (r && Number(r.den) > 0 ? `${Math.round((100 * Number(r.num)) / Number(r.den))}%` : '—');

export function TodayFigures({ report }: { report: FiguresReport }) {
  return (
    <span class="today-figures" data-testid="today-figures" data-receptions={String(report.receptions)}>
      {t('today')} · {t('receptions')} {String(report.receptions)} · {t('firstResponse')} {seconds(report.firstResponseAgent)} · {t('averageResponse')}{' '}
      {seconds(report.response)} · {t('replyRate')} {percent(report.replyRate)}
    </span>
  );
}
