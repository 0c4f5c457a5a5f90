/**
 * RFC 4180 CSV with a BOM so Excel opens Japanese text as UTF-8. A cell that a spreadsheet would run
 * as a formula (starting with = + - @ or a control character) is prefixed with ' (CSV injection).
 */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string>>): string {
  return '\uFEFF' + rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
