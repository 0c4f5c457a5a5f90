/**
 * A horizontal bar chart as SVG data for the view (no script, no chart library, nothing fetched):
 * the template draws the bars; colours come from CSS classes (app.css), text stays readable.
 */
export interface BarChart {
  width: number;
  height: number;
  bars: Array<{ key: string; label: string; count: number; y: number; width: number; textY: number; countX: number }>;
}

const LABEL_WIDTH = 150;
const BAR_AREA = 300;
const ROW = 28;

export function barChart(rows: Array<{ key: string; label: string; count: number }>): BarChart {
  const max = Math.max(1, ...rows.map((row) => row.count));
  return {
    width: LABEL_WIDTH + BAR_AREA + 60,
    height: rows.length * ROW + 8,
    bars: rows.map((row, index) => {
      const width = Math.round((row.count / max) * BAR_AREA);
      return { ...row, y: index * ROW + 4, width, textY: index * ROW + 22, countX: LABEL_WIDTH + width + 6 };
    }),
  };
}
