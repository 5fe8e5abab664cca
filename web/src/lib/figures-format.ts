// How KPI figures read on screen (agent header, supervisor dashboard and reports): an
// undefined figure (no rounds, a zero denominator) is "—", never 0.
import type { DurationFigure, RatioFigure } from '../gen/kefu/v1/kpi_pb';

export const seconds = (d?: DurationFigure) => (d && Number(d.count) > 0 ? `${(Number(d.averageMs) / 1000).toFixed(1)}s` : '—');

export const percent = (r?: RatioFigure) => (r && Number(r.den) > 0 ? `${Math.round((100 * Number(r.num)) / Number(r.den))}%` : '—');

/** Tenths of a point: 855 → "85.5". */
export const points = (tenths: number) => (tenths / 10).toFixed(1);
