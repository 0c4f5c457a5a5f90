import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { newAudit, newFinding, newVendor, review } from './support/factories';
import { binary, EN_HEADER, registerRows, toCsvText, utf8 } from './support/register-files';
import { bearer, createTestApp, TestApp } from './support/test-app';

const COMPUTED = 3; // riskTier, complianceStatus, flags: written by the export, ignored by the import

/** The register out as CSV and .xlsx, and back in. */
describe('exports', () => {
  let t: TestApp;
  let compliance: string;
  beforeAll(async () => {
    t = await createTestApp();
    compliance = await t.tokenFor('compliance');
    const rows = registerRows(60, '株式会社出力');
    rows.push([...rows[0].slice(0, 12), '覚書', 'dpa', 'signed', '2021-03-01', '2021-04-01', '', 'TRUE', '']);
    await t.http.post('/api/v1/imports/vendors').set(...bearer(compliance)).attach('file', utf8(toCsvText(EN_HEADER, rows)), 'register.csv').expect(200);
  });
  afterAll(() => t.close());

  const download = async (app: TestApp, path: string) => {
    const response = await app.http.get(path).set(...bearer(await app.tokenFor('viewer'))).buffer(true).parse(binary).expect(200);
    return { body: response.body as Buffer, headers: response.headers };
  };
  const csvRows = (body: Buffer) => parse(body.toString('utf8'), { bom: true }) as string[][];

  it('writes the vendor register as CSV that Excel opens: UTF-8 with BOM, CRLF, a file name', async () => {
    const { body, headers } = await download(t, '/api/v1/exports/vendors?format=csv&values=codes');
    expect(headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(headers['content-disposition']).toMatch(/^attachment; filename="vendors-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(body.toString('utf8')).toContain('\r\n');
    expect(body.toString('utf8').replace(/\r\n/g, '')).not.toContain('\n');
    const [header, ...rows] = csvRows(body);
    expect(header.slice(0, 3)).toEqual(['Vendor name', 'Corporate number', 'Country']);
    expect(header.slice(-3)).toEqual(['Risk tier', 'Compliance status', 'Flags']);
    expect(rows).toHaveLength(61); // 60 vendors, one of them with two contracts
    const first = rows.find((row) => row[0] === '株式会社出力00002')!;
    // Payment data: high tier (PPC Rules Art. 7(ii), legal-model.md §7).
    expect(first.slice(-3, -1)).toEqual(['high', 'non-compliant']);
    // Active since 2020-04-01 without a contract, a selection assessment or an audit (high tier: every 12 months).
    expect(first[first.length - 1].split(';')).toEqual(['audit-overdue', 'no-contract', 'selection-missing']);
    // For people (the default), in the caller's language: English labels.
    const [, ...labelled] = csvRows((await download(t, '/api/v1/exports/vendors?format=csv')).body);
    expect(labelled.find((row) => row[0] === '株式会社出力00002')!.slice(-3)).toEqual(['high', 'non-compliant', 'audit overdue; no contract in force; no selection assessment']);
  });

  it('uses the caller\'s language for the headers, or ?lang=', async () => {
    const [header] = csvRows((await download(t, '/api/v1/exports/vendors?lang=ja')).body);
    expect(header.slice(0, 3)).toEqual(['委託先名', '法人番号', '所在国']);
  });

  it('respects the list\'s filters', async () => {
    const high = csvRows((await download(t, '/api/v1/exports/vendors?riskTier=high&sort=-name&values=codes')).body).slice(1);
    const list = (await t.http.get('/api/v1/vendors?riskTier=high&sort=-name&pageSize=200').set(...bearer(compliance)).expect(200)).body;
    // Payment, communications or sensitive data: every 5th vendor from the 2nd, the 3rd and the 5th of the 60.
    expect(list.total).toBe(36);
    expect([...new Set(high.map((row) => row[0]))]).toEqual(list.items.map((vendor: { name: string }) => vendor.name));
    expect(high.filter((row) => row[row.length - 3] !== 'high')).toEqual([]);
    const candidates = csvRows((await download(t, '/api/v1/exports/vendors?status=candidate&q=出力0001')).body).slice(1);
    expect(candidates.map((row) => row[0])).toEqual(['株式会社出力00011', '株式会社出力00016']);
    const flagged = csvRows((await download(t, '/api/v1/exports/vendors?flag=no-contract&values=codes')).body).slice(1);
    const withoutContract = (await t.http.get('/api/v1/vendors?flag=no-contract&pageSize=200').set(...bearer(compliance)).expect(200)).body;
    // Active (4 in 5) and without a contract (every other one): 24 of the 60.
    expect(withoutContract.total).toBe(24);
    expect(flagged.map((row) => row[0])).toEqual(withoutContract.items.map((vendor: { name: string }) => vendor.name));
    expect(flagged.filter((row) => !row[row.length - 1].split(';').includes('no-contract'))).toEqual([]);
    await t.http.get('/api/v1/exports/vendors?format=pdf').set(...bearer(compliance)).expect(400);
  });

  it('round trip: export → import into an empty database reproduces the register; importing it again changes nothing', async () => {
    const exported = (await download(t, '/api/v1/exports/vendors?format=csv')).body;
    const xlsx = (await download(t, '/api/v1/exports/vendors?format=xlsx')).body;
    const before = await t.dataSource.query('SELECT id, version, updatedAt FROM vendors ORDER BY id');
    const again = await t.http.post('/api/v1/imports/vendors').set(...bearer(compliance)).attach('file', exported, 'vendors.csv').expect(200);
    expect(again.body.vendors).toEqual({ created: 0, updated: 0, unchanged: 60 });
    expect(again.body.contracts).toEqual({ created: 0, updated: 0, unchanged: 31 });
    expect(await t.dataSource.query('SELECT id, version, updatedAt FROM vendors ORDER BY id')).toEqual(before);

    const empty = await createTestApp();
    try {
      const admin = await empty.tokenFor('admin');
      const imported = await empty.http.post('/api/v1/imports/vendors').set(...bearer(admin)).attach('file', exported, 'vendors.csv').expect(200);
      expect(imported.body.vendors).toEqual({ created: 60, updated: 0, unchanged: 0 });
      const reproduced = (await download(empty, '/api/v1/exports/vendors?format=csv')).body;
      expect(csvRows(reproduced).map((row) => row.slice(0, -COMPUTED))).toEqual(csvRows(exported).map((row) => row.slice(0, -COMPUTED)));
      // Same facts, same computed risk tier (compliance also matches: no supervision records in either).
      expect(csvRows(reproduced)).toEqual(csvRows(exported));
      const fromXlsx = await empty.http.post('/api/v1/imports/vendors').set(...bearer(admin)).attach('file', xlsx, 'vendors.xlsx').expect(200);
      expect(fromXlsx.body).toMatchObject({ errors: [], vendors: { created: 0, updated: 0, unchanged: 60 }, contracts: { created: 0, updated: 0, unchanged: 31 } });
    } finally {
      await empty.close();
    }
  });

  it('neutralises cells that a spreadsheet would run as a formula, in CSV and .xlsx', async () => {
    await newVendor(t, { name: '=HYPERLINK("http://evil.example","open")', services: '+cmd|calc', ownerEmail: null });
    await newVendor(t, { name: '@SUM(A1)', services: '-2+3' });
    const rows = csvRows((await download(t, '/api/v1/exports/vendors?q=HYPERLINK')).body).slice(1);
    expect(rows.map((row) => [row[0], row[4]])).toEqual([['\'=HYPERLINK("http://evil.example","open")', "'+cmd|calc"]]);
    const at = csvRows((await download(t, '/api/v1/exports/vendors?q=SUM')).body).slice(1);
    expect(at.map((row) => [row[0], row[4]])).toEqual([["'@SUM(A1)", "'-2+3"]]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await download(t, '/api/v1/exports/vendors?format=xlsx&q=SUM')).body as never);
    const cell = workbook.worksheets[0].getCell('A2');
    expect([cell.type, cell.value]).toEqual([ExcelJS.ValueType.String, "'@SUM(A1)"]);
    expect(workbook.worksheets[0].getCell('A1').value).toBe('Vendor name');
  });

  it('writes contracts with their checklist as a matrix, one column per clause type', async () => {
    const vendor = (await t.http.get('/api/v1/vendors?q=株式会社出力00005').set(...bearer(compliance)).expect(200)).body.items[0];
    const [contract] = (await t.http.get(`/api/v1/vendors/${vendor.id}/contracts`).set(...bearer(compliance)).expect(200)).body.items;
    await review(t, contract.id, { 'scope-purpose': 'present', 'audit-rights': 'partial' });
    for (const format of ['csv', 'xlsx']) {
      const { body, headers } = await download(t, `/api/v1/exports/contracts?format=${format}&q=株式会社出力00005&values=codes`);
      expect(headers['content-disposition']).toMatch(new RegExp(`filename="contract-checklists-\\d{4}-\\d{2}-\\d{2}\\.${format}"`));
      let table: string[][];
      if (format === 'csv') table = csvRows(body);
      else {
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(body as never);
        table = [];
        workbook.worksheets[0].eachRow((row) => table.push((row.values as unknown[]).slice(1).map((value) => (value === null || value === undefined ? '' : String(value)))));
      }
      const [header, row] = table;
      expect(table).toHaveLength(2);
      expect(header.slice(0, 3)).toEqual(['Vendor name', 'Corporate number', 'Contract title']);
      const column = (title: string) => row[header.indexOf(title)];
      expect(header).toHaveLength(12 + 19);
      expect(column('Scope and purpose')).toBe('present');
      expect(column('Audit rights')).toBe('partial');
      expect(column('Security measures')).toBe('not-reviewed');
      // This vendor handles customer and sensitive data, no communications: secrecy of communications is not required of it.
      expect(column('Secrecy of communications')).toBe('(not-reviewed)');
      expect(column('In force')).toMatch(/^(TRUE|true)$/);
    }
  });

  it('writes audits with their findings', async () => {
    const vendor = (await t.http.get('/api/v1/vendors?q=株式会社出力00002').set(...bearer(compliance)).expect(200)).body.items[0];
    const audit = await newAudit(t, vendor.id, { kind: 'on-site', scheduledFor: '2027-01-15' });
    await newFinding(t, audit.id, { title: 'アクセスログの保存期間が不足', severity: 'high', dueOn: '2027-03-31' });
    await newFinding(t, audit.id, { title: '=1+1 looks like a formula', severity: 'low', dueOn: '2027-04-30' });
    const other = (await t.http.get('/api/v1/vendors?q=株式会社出力00003').set(...bearer(compliance)).expect(200)).body.items[0];
    await newAudit(t, other.id, { kind: 'remote', scheduledFor: '2027-02-01' });
    const [header, ...rows] = csvRows((await download(t, '/api/v1/exports/audits?lang=ja')).body);
    expect(header.slice(0, 4)).toEqual(['委託先名', '法人番号', '監査種別', '監査状態']);
    // A Japanese export: labels, not codes, in the enumerated cells (kind, status, severity).
    expect(rows.map((row) => [row[0], row[2], row[3], row[9], row[10]])).toEqual([
      ['株式会社出力00002', '実地監査', '予定', 'アクセスログの保存期間が不足', '高'],
      ['株式会社出力00002', '実地監査', '予定', "'=1+1 looks like a formula", '低'],
      ['株式会社出力00003', 'リモート監査', '予定', '', ''],
    ]);
    // …and the machine-readable one (values=codes) keeps the API's codes whatever the language.
    const codes = csvRows((await download(t, '/api/v1/exports/audits?lang=ja&values=codes')).body).slice(1);
    expect(codes.map((row) => [row[2], row[3], row[10]])).toEqual([['on-site', 'planned', 'high'], ['on-site', 'planned', 'low'], ['remote', 'planned', '']]);
    const filtered = csvRows((await download(t, '/api/v1/exports/audits?q=株式会社出力00003')).body).slice(1);
    expect(filtered).toHaveLength(1);
  });
});
