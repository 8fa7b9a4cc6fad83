/**
 * O2: the week and month charts, a chunk of their own (with uPlot) loaded only when the reports
 * overview shows them, so the JavaScript a tablet loads first does not grow. Each chart is a figure
 * whose caption names it; the panel beside it holds the same figures as a table and a summary.
 */
import { useId, useMemo } from 'react';
import type { DaySeriesPoint } from '../../db/queries/report-queries';
import { useT } from '../../i18n/use-t';
import { ChartCanvas, type ChartSeries } from './chart-canvas';

// Okabe-Ito colours: told apart with the common colour-vision deficiencies, dark enough on white.
const BLUE = '#0072B2';
const VERMILLION = '#D55E00';
const GREEN = '#009E73';
const PURPLE = '#CC79A7';
const GREY = '#55606E';

function ChartFigure({ title, days, series }: { title: string; days: string[]; series: ChartSeries[] }) {
  const captionId = useId();
  return (
    <figure className="report-chart" aria-labelledby={captionId}>
      <figcaption id={captionId}>{title}</figcaption>
      <ChartCanvas days={days} series={series} />
    </figure>
  );
}

/** The three charts of `points`: entries per day by kind, handovers on time and late, discrepancies. */
export default function ReportCharts({ points }: { points: readonly DaySeriesPoint[] }) {
  const t = useT();
  const charts = useMemo(() => {
    const f = points.map((p) => p.figures);
    const other = f.map((x) => x.entries - x.complaints - x.repairs - (x.byKind['emergency'] ?? 0));
    return {
      days: points.map((p) => p.day),
      entries: [
        { label: t('reports.fig.complaints'), color: VERMILLION, values: f.map((x) => x.complaints) },
        { label: t('reports.fig.repairs'), color: BLUE, values: f.map((x) => x.repairs), dash: [6, 3] },
        {
          label: t('reports.fig.emergencies'),
          color: PURPLE,
          values: f.map((x) => x.byKind['emergency'] ?? 0),
          dash: [2, 3],
        },
        { label: t('reports.charts.other'), color: GREY, values: other.map((n) => Math.max(0, n)), dash: [10, 4] },
      ],
      handovers: [
        { label: t('reports.fig.handoversOnTime'), color: GREEN, values: f.map((x) => x.handoversOnTime), bars: true },
        {
          label: t('reports.fig.handoversLate'),
          color: VERMILLION,
          values: f.map((x) => x.handoversLate),
          dash: [4, 3],
        },
      ],
      discrepancies: [
        { label: t('reports.fig.discrepancies'), color: BLUE, values: f.map((x) => x.discrepancies), bars: true },
      ],
    };
  }, [points, t]);
  return (
    <div className="report-charts">
      <ChartFigure title={t('reports.charts.entries')} days={charts.days} series={charts.entries} />
      <ChartFigure title={t('reports.charts.handovers')} days={charts.days} series={charts.handovers} />
      <ChartFigure title={t('reports.charts.discrepancies')} days={charts.days} series={charts.discrepancies} />
    </div>
  );
}
