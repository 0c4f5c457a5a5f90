/**
 * A line chart of daily counts as SVG data for the view (drawn on the server: no script, no chart
 * library, nothing fetched, so the CSP holds and it prints). Each series has a polyline and a dot
 * per day with its value; colours come from CSS classes (print.css).
 */
export interface TrendChart {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  yTicks: Array<{ y: number; label: string; labelX: number }>;
  xLabels: Array<{ x: number; label: string }>;
  series: Array<{ key: string; label: string; cssClass: string; points: string; dots: Array<{ x: number; y: number; day: string; value: number }> }>;
}

const WIDTH = 640;
const HEIGHT = 240;
const PLOT = { left: 44, right: WIDTH - 16, top: 12, bottom: HEIGHT - 28 };
/** How many day labels fit under the axis. */
const MAX_X_LABELS = 8;
const PALETTE = 5;

export function trendChart(days: readonly string[], series: ReadonlyArray<{ key: string; label: string; values: readonly number[] }>): TrendChart {
  // At least 4, so that the ticks of small counts are whole numbers (0, 1, 2, 3, 4).
  const max = niceMax(Math.max(4, ...series.flatMap((line) => line.values)));
  const x = (index: number) => (days.length <= 1 ? (PLOT.left + PLOT.right) / 2 : PLOT.left + (index * (PLOT.right - PLOT.left)) / (days.length - 1));
  const y = (value: number) => PLOT.bottom - (value / max) * (PLOT.bottom - PLOT.top);
  const round = (value: number) => Math.round(value * 10) / 10;
  const step = Math.max(1, Math.ceil(days.length / MAX_X_LABELS));
  return {
    width: WIDTH,
    height: HEIGHT,
    plot: PLOT,
    yTicks: [0, 0.25, 0.5, 0.75, 1].map((share) => ({ y: round(y(max * share)), label: String(Math.round(max * share)), labelX: PLOT.left - 6 })),
    xLabels: days.flatMap((day, index) => (index % step === 0 || index === days.length - 1 ? [{ x: round(x(index)), label: day.slice(5) }] : [])),
    series: series.map((line, index) => {
      const dots = line.values.map((value, day) => ({ x: round(x(day)), y: round(y(value)), day: days[day], value }));
      return { key: line.key, label: line.label, cssClass: `series-${index % PALETTE}`, points: dots.map((dot) => `${dot.x},${dot.y}`).join(' '), dots };
    }),
  };
}

/** 1, 2, 5 × 10^n at or above the largest value, so the ticks are round numbers. */
function niceMax(value: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const nice = [1, 2, 4, 8, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= value) ?? 10 * magnitude;
  return nice;
}
