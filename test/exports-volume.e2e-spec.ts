import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { seedRegister } from '../src/bench/seed-register';
import { ComplianceService } from '../src/compliance/compliance.service';
import { binary } from './support/register-files';
import { bearer, createTestApp, TestApp } from './support/test-app';

/**
 * A large register out as .xlsx and CSV with Japanese text everywhere, read back cell by cell: what
 * the database holds, in order, never a U+FFFD (a character cut between two chunks of a writer's or
 * a reader's buffer), and the .xlsx imports back as the same register (nothing to change). 3,000
 * vendors cross every chunk the exports work in (500 vendors read, 500 rows written at a time) and
 * the streams' 16 KB buffers hundreds of times; the register's size itself (100,000 vendors: first
 * byte, memory) is the benchmark's (npm run bench), not a test's.
 */
const VENDORS = 3_000;

describe(`exports of ${VENDORS} vendors with Japanese text`, () => {
  let t: TestApp;
  let viewer: string;
  let expected: Array<{ name: string; services: string; title: string }>;

  beforeAll(async () => {
    t = await createTestApp();
    viewer = await t.tokenFor('viewer');
    await seedRegister(t.dataSource, VENDORS);
    // Long Japanese text in every row (the seed's names are short): services, different in each row, and the contract title.
    const text = "'データセンターの運用・保守、「バックアップ」と監視（２４時間）、個人情報の取扱いを含む'";
    await t.dataSource.query(`UPDATE vendors SET services = ${t.database.kind === 'sqlite' ? `${text} || substr(id, 1, 8)` : `CONCAT(${text}, SUBSTR(id, 1, 8))`}`);
    await t.dataSource.query("UPDATE contracts SET title = '業務委託契約書（個人情報の取扱いに関する覚書を含む）'");
    await t.app.get(ComplianceService).recomputeAll();
    const rows: Array<{ name: string; services: string; title: string }> = await t.dataSource.query(
      'SELECT v.name AS name, v.services AS services, c.title AS title FROM vendors v JOIN contracts c ON c.vendorId = v.id ORDER BY v.name, v.id',
    );
    expected = rows;
  }, 300_000);
  afterAll(() => t.close());

  const download = async (path: string) =>
    (await t.http.get(path).set(...bearer(viewer)).buffer(true).parse(binary).expect(200)).body as Buffer;
  const replacement = (cells: unknown[][]) => cells.flat().filter((cell) => typeof cell === 'string' && cell.includes('\uFFFD'));

  it('writes every row of the .xlsx as stored, without a replacement character, and it imports back unchanged', async () => {
    const file = await download('/api/v1/exports/vendors?format=xlsx&lang=ja');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const cells: unknown[][] = [];
    sheet.eachRow((row) => cells.push((row.values as unknown[]).slice(1)));
    const [header, ...rows] = cells;
    expect(header.slice(0, 5)).toEqual(['委託先名', '法人番号', '所在国', 'データ所在国', '委託業務']);
    expect(replacement(cells)).toEqual([]);
    const titleAt = (header as string[]).indexOf('契約名');
    expect(rows.map((row) => ({ name: row[0], services: row[4], title: row[titleAt] }))).toEqual(expected);

    const imported = await t.http.post('/api/v1/imports/vendors?dryRun=true').set(...bearer(await t.tokenFor('compliance'))).attach('file', file, 'register.xlsx').expect(200);
    expect([imported.body.errors, imported.body.vendors, imported.body.contracts]).toEqual([[], { created: 0, updated: 0, unchanged: VENDORS }, { created: 0, updated: 0, unchanged: VENDORS }]);
  }, 300_000);

  it('writes every row of the CSV as stored', async () => {
    const rows = parse((await download('/api/v1/exports/vendors?format=csv&lang=ja')).toString('utf8'), { bom: true }) as string[][];
    const [header, ...data] = rows;
    expect(replacement(rows)).toEqual([]);
    const titleAt = header.indexOf('契約名');
    expect(data.map((row) => ({ name: row[0], services: row[4], title: row[titleAt] }))).toEqual(expected);
  }, 120_000);
});
