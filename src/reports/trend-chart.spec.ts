import { trendChart } from './trend-chart';

describe('trendChart: daily counts as SVG coordinates', () => {
  it('puts one dot per day per series, left to right, higher values higher up', () => {
    const chart = trendChart(['2026-03-29', '2026-03-30', '2026-03-31'], [
      { key: 'a', label: 'A', values: [0, 2, 4] },
      { key: 'b', label: 'B', values: [4, 4, 1] },
    ]);
    expect(chart.series.map((line) => line.dots.map((dot) => [dot.day, dot.value]))).toEqual([
      [['2026-03-29', 0], ['2026-03-30', 2], ['2026-03-31', 4]],
      [['2026-03-29', 4], ['2026-03-30', 4], ['2026-03-31', 1]],
    ]);
    const [a] = chart.series;
    expect(a.dots.map((dot) => dot.x)).toEqual([chart.plot.left, (chart.plot.left + chart.plot.right) / 2, chart.plot.right]);
    // The top of the scale is 4: 0 on the axis, 4 at the top, 2 half-way.
    expect(a.dots.map((dot) => dot.y)).toEqual([chart.plot.bottom, (chart.plot.bottom + chart.plot.top) / 2, chart.plot.top]);
    expect(a.points).toBe(a.dots.map((dot) => `${dot.x},${dot.y}`).join(' '));
    expect(chart.series.map((line) => line.cssClass)).toEqual(['series-0', 'series-1']);
    expect(chart.yTicks.map((tick) => tick.label)).toEqual(['0', '1', '2', '3', '4']);
    expect(chart.xLabels.map((label) => label.label)).toEqual(['03-29', '03-30', '03-31']);
  });

  it('centres a single day and keeps a scale of 4 for small counts', () => {
    const chart = trendChart(['2026-03-31'], [{ key: 'a', label: 'A', values: [0] }]);
    expect(chart.series[0].dots).toEqual([{ x: (chart.plot.left + chart.plot.right) / 2, y: chart.plot.bottom, day: '2026-03-31', value: 0 }]);
    expect(chart.yTicks.map((tick) => tick.label)).toEqual(['0', '1', '2', '3', '4']);
  });

  it('labels at most about eight days under the axis, always the last one', () => {
    const days = Array.from({ length: 30 }, (_, index) => `2026-04-${String(index + 1).padStart(2, '0')}`);
    const chart = trendChart(days, [{ key: 'a', label: 'A', values: days.map((_, index) => index) }]);
    expect(chart.xLabels.map((label) => label.label)).toEqual(['04-01', '04-05', '04-09', '04-13', '04-17', '04-21', '04-25', '04-29', '04-30']);
    expect(chart.yTicks.at(-1)!.label).toBe('40');
  });
});
