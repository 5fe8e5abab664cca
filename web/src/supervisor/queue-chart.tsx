// The queue over the last hours (R-SUP-1), from DashboardUpdate.samples: per group its queue
// length (left axis) and longest wait in minutes (right axis, dashed). uPlot draws on a canvas;
// the chart is rebuilt when the groups change and fed new data otherwise.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { QueueSample } from '../gen/kefu/v1/frames_pb';
import { clockTime } from '../lib/format';
import { lang, t } from '../lib/i18n';

const palette = ['#1f6feb', '#8250df', '#1a7f37', '#bf8700', '#cf222e'];

/** Columns for uPlot: shared times (s), then queued and wait (min) per group; gaps are null. */
function columns(samples: QueueSample[], groups: string[]): uPlot.AlignedData {
  const times = [...new Set(samples.map((s) => Number(s.atMs)))].sort((a, b) => a - b);
  const index = new Map(times.map((ms, i) => [ms, i]));
  const series = groups.flatMap(() => [new Array<number | null>(times.length).fill(null), new Array<number | null>(times.length).fill(null)]);
  for (const s of samples) {
    const g = groups.indexOf(s.group);
    const i = index.get(Number(s.atMs));
    if (g < 0 || i === undefined) continue;
    series[2 * g][i] = s.queued;
    series[2 * g + 1][i] = Number(s.longestWaitMs) / 60_000;
  }
  return [times.map((ms) => ms / 1000), ...series];
}

export function QueueChart({ samples, groups, names }: { samples: QueueSample[]; groups: string[]; names: Record<string, string> }) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  // Rebuilt when the groups or the language change (labels are drawn into the chart).
  const key = `${groups.join(',')}|${lang()}`;

  useEffect(() => {
    if (!box.current) return;
    const opts: uPlot.Options = {
      width: box.current.clientWidth || 400,
      height: 150,
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false } },
      // At least the last hour and a few units tall, so a young chart reads as "quiet", not as
      // one point stretched over the whole width.
      scales: {
        x: { time: true, range: (_u, min, max) => [Math.min(min, max - 3600), max] },
        y: { range: (_u, _min, max) => [0, Math.max(5, max)] },
        wait: { range: (_u, _min, max) => [0, Math.max(2, max)] },
      },
      axes: [
        { size: 28, font: '11px system-ui', values: (_u, splits) => splits.map((sec) => clockTime(sec * 1000)) },
        { label: t('supQueued'), size: 40, font: '11px system-ui', labelFont: '11px system-ui', labelSize: 14 },
        { scale: 'wait', side: 1, label: t('supWaitMinutes'), size: 40, font: '11px system-ui', labelFont: '11px system-ui', labelSize: 14, grid: { show: false } },
      ],
      series: [
        {},
        ...groups.flatMap((g, i) => [
          { label: `${names[g] ?? g} ${t('supQueued')}`, stroke: palette[i % palette.length], width: 1.5, spanGaps: true },
          { label: `${names[g] ?? g} ${t('supWaitShort')}`, stroke: palette[i % palette.length], width: 1, dash: [4, 3], scale: 'wait', spanGaps: true },
        ]),
      ],
    };
    plot.current = new uPlot(opts, columns(samples, groups), box.current);
    const resize = new ResizeObserver(() => {
      if (box.current && plot.current) plot.current.setSize({ width: box.current.clientWidth, height: 150 });
    });
    resize.observe(box.current);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, [key]);

  useEffect(() => {
    plot.current?.setData(columns(samples, groups));
  }, [samples]);

  return (
    <div class="queue-chart" data-testid="queue-chart" data-samples={samples.length}>
      <div ref={box} />
      {samples.length === 0 && <p class="muted chart-empty">{t('supNoSamples')}</p>}
    </div>
  );
}
