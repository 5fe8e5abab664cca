// Today's figures in the header (issue 5), as the server computes them from what happened.
import type { FiguresReport } from '../gen/kefu/v1/kpi_pb';
import { percent, seconds } from '../lib/figures-format';
import { t } from '../lib/i18n';

export function TodayFigures({ report }: { report: FiguresReport }) {
  return (
    <span class="today-figures" data-testid="today-figures" data-receptions={String(report.receptions)}>
      {t('today')} · {t('receptions')} {String(report.receptions)} · {t('firstResponse')} {seconds(report.firstResponseAgent)} · {t('averageResponse')}{' '}
      {seconds(report.response)} · {t('replyRate')} {percent(report.replyRate)}
    </span>
  );
}
