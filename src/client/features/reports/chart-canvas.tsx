import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useT } from '../../i18n/use-t';

/** One series of a chart: its label, colour, whether drawn as bars, and a dash so colour is not the only cue. */
export interface ChartSeries {
  label: string;
  color: string;
  values: number[];
  bars?: boolean;
  dash?: number[];
}

const HEIGHT = 220;

/** Whether this browser can draw on a canvas (not so in some embedded or test browsers). */
function canDraw(): boolean {
  try {
    return document.createElement('canvas').getContext('2d') !== null;
  } catch {
    return false;
  }
}

/**
 * A uPlot chart of day-by-day values (`days` as `yyyy-MM-dd`). Decorative for assistive technology
 * (the figure's table says the same); where the browser cannot draw it (no canvas), it says so.
 */
export function ChartCanvas({ days, series }: { days: readonly string[]; series: readonly ChartSeries[] }) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  const [drawable] = useState(canDraw);
  useEffect(() => {
    const el = box.current;
    if (el === null || !drawable) return;
    // x: each day's UTC midnight in seconds, shown in UTC, so the axis reads the building day's date.
    const xs = days.map(
      (d) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 1000,
    );
    let plot: uPlot | null = null;
    try {
      plot = new uPlot(
        {
          width: Math.max(280, el.clientWidth || 600),
          height: HEIGHT,
          tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'UTC'),
          scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
          axes: [{}, { values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? String(v) : '')) }],
          series: [
            {},
            ...series.map((s) => ({
              label: s.label,
              stroke: s.color,
              width: 2,
              ...(s.dash ? { dash: s.dash } : {}),
              ...(s.bars
                ? { fill: `${s.color}99`, paths: uPlot.paths.bars!({ size: [0.6, 48] }) }
                : { points: { size: 6 } }),
            })),
          ],
        },
        [xs, ...series.map((s) => s.values)],
        el,
      );
    } catch (e) {
      // The table beside the chart holds the same figures; a chart that cannot draw loses nothing.
      console.warn('chart not drawn', e);
    }
    return () => plot?.destroy();
  }, [days, series, drawable]);
  return (
    <>
      <div ref={box} className="report-chart-canvas" aria-hidden="true" />
      {!drawable ? <p className="hint">{t('reports.charts.unavailable')}</p> : null}
    </>
  );
}
