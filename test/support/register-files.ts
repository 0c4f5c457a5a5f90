import iconv from 'iconv-lite';
import { corporateNumberCheckDigit } from '../../src/rules/corporate-number';

/** The n-th of a series of valid 法人番号 (with a valid check digit), distinct from CORPORATE_NUMBERS. */
export function corporateNumber(n: number): string {
  const base = String(500_000_000_000 + n).padStart(12, '0');
  return `${corporateNumberCheckDigit(base)}${base}`;
}

export const EN_HEADER = [
  'Vendor name', 'Corporate number', 'Country', 'Data locations', 'Services', 'Data categories', 'Data subjects', 'Re-entrustment allowed', 'GDPR applies',
  'Owner e-mail', 'Status', 'Active since', 'Contract title', 'Contract kind', 'Contract status', 'Signed on', 'Effective from', 'Expires on', 'Auto-renew', 'Notice days',
];
export const JA_HEADER = [
  '委託先名', '法人番号', '所在国', 'データ所在国', '委託業務', '取扱データ区分', '本人の数', '再委託可否', 'GDPR適用',
  '担当者メール', '取引状態', '取引開始日', '契約名', '契約種別', '契約状態', '締結日', '契約開始日', '契約満了日', '自動更新', '解約通知期間(日)',
];

/** A register of `count` vendors (every other one with a contract), cells in EN_HEADER / JA_HEADER order. */
export function registerRows(count: number, prefix = '株式会社テスト委託先'): string[][] {
  const categories = ['customer', 'employee;payment', 'communications', '', 'sensitive;customer'];
  return Array.from({ length: count }, (_, index) => {
    const withContract = index % 2 === 0;
    return [
      `${prefix}${String(index + 1).padStart(5, '0')}`, index % 3 === 2 ? '' : corporateNumber(index), index % 10 === 9 ? 'US' : 'JP', index % 10 === 9 ? 'US;JP' : 'JP',
      'ホスティング運用、「保守」', categories[index % categories.length], String((index * 37) % 200_000), index % 4 === 0 ? 'TRUE' : 'FALSE', 'FALSE',
      `owner${index}@example.com`, index % 5 === 0 ? 'candidate' : 'active', index % 5 === 0 ? '' : '2020/4/1',
      withContract ? '業務委託契約書' : '', withContract ? 'entrustment' : '', withContract ? 'signed' : '', withContract ? '2020-03-15' : '',
      withContract ? '2020-04-01' : '', withContract && index % 4 === 0 ? '2030-03-31' : '', withContract ? 'FALSE' : '', withContract ? '90' : '',
    ];
  });
}

export function toCsvText(header: string[], rows: string[][]): string {
  const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return [header, ...rows].map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n';
}

export const utf8Bom = (text: string): Buffer => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
export const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
export const shiftJis = (text: string): Buffer => iconv.encode(text, 'cp932');

/** supertest: keep a binary response as a Buffer. */
export function binary(response: any, done: (error: Error | null, body: any) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
}
