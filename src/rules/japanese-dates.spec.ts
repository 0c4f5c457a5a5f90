import { ERAS, parseJapaneseDate } from './japanese-dates';

describe('dates as Japanese registers write them', () => {
  it.each([
    ['2024-04-01', '2024-04-01'],
    ['2024-4-1', '2024-04-01'],
    ['2024/4/1', '2024-04-01'],
    ['2024/04/01', '2024-04-01'],
    ['2024.4.1', '2024-04-01'],
    ['2024年4月1日', '2024-04-01'],
    ['2024年12月31日', '2024-12-31'],
    ['２０２４年４月１日', '2024-04-01'],
    ['２０２４／４／１', '2024-04-01'],
    [' 2024 年 4 月 1 日 ', '2024-04-01'],
    ['2024-02-29', '2024-02-29'],
    ['令和6年4月1日', '2024-04-01'],
    ['令和６年４月１日', '2024-04-01'],
    ['令和 6年 4月 1日', '2024-04-01'],
    ['令和元年5月1日', '2019-05-01'],
    ['令和1年5月1日', '2019-05-01'],
    ['令和元年12月31日', '2019-12-31'],
    ['令和2年1月1日', '2020-01-01'],
    ['令和10年2月3日', '2028-02-03'],
    ['令和99年12月31日', '2117-12-31'],
    ['平成元年1月8日', '1989-01-08'],
    ['平成1年1月8日', '1989-01-08'],
    ['平成2年4月1日', '1990-04-01'],
    ['平成31年4月30日', '2019-04-30'],
    ['平成30年12月31日', '2018-12-31'],
    ['平成12年2月29日', '2000-02-29'],
    ['昭和元年12月25日', '1926-12-25'],
    ['昭和1年12月31日', '1926-12-31'],
    ['昭和2年1月1日', '1927-01-01'],
    ['昭和39年10月10日', '1964-10-10'],
    ['昭和63年2月29日', '1988-02-29'],
    ['昭和64年1月7日', '1989-01-07'],
    ['昭和６４年１月７日', '1989-01-07'],
  ])('reads %s as %s', (text, date) => {
    expect(parseJapaneseDate(text)).toBe(date);
  });

  it.each([
    ['', 'empty'],
    ['2024-04', 'no day'],
    ['2024/4/1/1', 'four parts'],
    ['2024-4/1', 'mixed separators'],
    ['2024-13-01', 'no 13th month'],
    ['2025-02-29', 'not a leap year'],
    ['2024年4月31日', 'April has 30 days'],
    ['2024年4月1', 'no 日'],
    ['2024年4月1日x', 'trailing text'],
    ['x2024-04-01', 'leading text'],
    ['24/4/1', 'two-digit year'],
    ['2024/123/1', 'three-digit month'],
    ['2024/1/123', 'three-digit day'],
    ['4/1/2024', 'American order'],
    ['平成31年5月1日', 'after the end of 平成 (that day is 令和元年5月1日)'],
    ['平成32年1月1日', 'no 平成32年'],
    ['令和元年4月30日', 'before the start of 令和 (平成31年4月30日)'],
    ['平成元年1月7日', 'before the start of 平成 (昭和64年1月7日)'],
    ['令和0年5月1日', 'no year 0'],
    ['平成0年12月31日', 'no year 0'],
    ['令和6年2月30日', 'no 30 February'],
    ['令和6年13月1日', 'no 13th month'],
    ['令和100年1月1日', 'three-digit era year'],
    ['昭和64年1月8日', 'after the end of 昭和 (that day is 平成元年1月8日)'],
    ['昭和65年1月1日', 'no 昭和65年'],
    ['昭和元年12月24日', 'before the start of 昭和 (that day is 大正15年12月24日)'],
    ['昭和0年12月31日', 'no year 0'],
    ['昭和62年2月29日', 'not a leap year (1987)'],
    ['大正15年12月24日', 'an era the register does not use'],
    ['大化元年1月1日', 'an unknown era'],
    ['R6.4.1', 'the abbreviated era'],
    ['令和6/4/1', 'an era year with slashes'],
    ['令和元年', 'no month and day'],
    ['6年4月1日', 'no era'],
    ['1令和6年4月1日', 'a digit before the era'],
    ['令和6年4月1日x', 'trailing text after an era date'],
    ['令和6年4月31日', 'no 31 April in an era date'],
  ])('refuses %s (%s)', (text) => {
    expect(parseJapaneseDate(text)).toBeNull();
  });

  it('knows the eras by their first and last day', () => {
    expect(ERAS).toEqual([
      { name: '昭和', firstDay: '1926-12-25', lastDay: '1989-01-07' },
      { name: '平成', firstDay: '1989-01-08', lastDay: '2019-04-30' },
      { name: '令和', firstDay: '2019-05-01', lastDay: null },
    ]);
  });
});
