import { CLAUSE_TYPES } from '../src/rules/clause-types';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { newVendor } from './support/factories';
import { binary, corporateNumber, EN_HEADER, JA_HEADER, registerRows, shiftJis, toCsvText, utf8, utf8Bom } from './support/register-files';
import { bearer, createTestApp, TestApp } from './support/test-app';

/** The vendor register (委託先管理台帳) in and out as CSV and .xlsx. */
describe('bulk import and export of the vendor register', () => {
  let t: TestApp;
  let compliance: string;
  beforeAll(async () => {
    t = await createTestApp();
    compliance = await t.tokenFor('compliance');
  });
  afterAll(() => t.close());

  const upload = (content: Buffer, name = 'register.csv', query = '') =>
    t.http.post(`/api/v1/imports/vendors${query}`).set(...bearer(compliance)).attach('file', content, name);
  const count = async (table: string) => Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  const snapshot = async () =>
    (await t.dataSource.query('SELECT id, version, updatedAt FROM vendors ORDER BY id')).concat(await t.dataSource.query('SELECT id, version, updatedAt FROM contracts ORDER BY id'));

  describe('a 500-row register with 3 bad rows', () => {
    const rows = registerRows(500);
    const bad = rows.map((row) => [...row]);
    bad[41][1] = '1234567890123'; // row 43: check digit wrong
    bad[199][10] = 'retired'; // row 201: unknown status
    bad[350][16] = '2020-02-30'; // row 352: no such date (its contract starts on it)

    it('dry run lists exactly those 3 rows with column, value and reason, and writes nothing', async () => {
      const response = await upload(utf8(toCsvText(EN_HEADER, bad)), 'register.csv', '?dryRun=true').expect(200);
      expect(response.body.dryRun).toBe(true);
      expect(response.body.written).toBe(false);
      expect(response.body.rows).toBe(500);
      expect(response.body.errors.map((error: any) => [error.row, error.column, error.value])).toEqual([
        [43, 'corporateNumber', '1234567890123'],
        [201, 'status', 'retired'],
        [352, 'contractEffectiveFrom', '2020-02-30'],
      ]);
      expect(response.body.errors[1].reason).toBe('must be one of: candidate, active, offboarding, terminated');
      expect(response.body.errors[0].header).toBe('Corporate number');
      expect(await count('vendors')).toBe(0);
    });

    it('gives the reasons in the caller\'s language (?lang=ja)', async () => {
      const response = await upload(utf8(toCsvText(JA_HEADER, bad)), 'register.csv', '?dryRun=true&lang=ja').expect(200);
      expect(response.body.errors.map((error: any) => error.reason)).toEqual([
        '13桁で、チェックデジットが正しい法人番号を入力してください',
        '次のいずれかを指定してください: 候補 (candidate), 取引中 (active), 終了手続中 (offboarding), 終了 (terminated)',
        '実在する日付を 2024-04-01、2024/4/1、2024年4月1日、令和6年4月1日(令和・平成・昭和、元年も可)のいずれかの形式で入力してください',
      ]);
      expect(response.body.errors[0].header).toBe('法人番号');
    });

    it('the real run is refused with a 400 naming each problem, and writes nothing', async () => {
      const response = await upload(utf8(toCsvText(EN_HEADER, bad))).expect(400);
      expect(response.body.message).toEqual([
        'row 43, Corporate number "1234567890123": must be a 13-digit corporate number (法人番号) with a valid check digit',
        'row 201, Status "retired": must be one of: candidate, active, offboarding, terminated',
        'row 352, Effective from "2020-02-30": must be a real date as 2024-04-01, 2024/4/1, 2024年4月1日 or an era date 令和6年4月1日 (令和, 平成, 昭和, 元年)',
      ]);
      expect(await count('vendors')).toBe(0);
      expect(await count('contracts')).toBe(0);
    });

    it('the corrected file imports: 500 vendors, 250 contracts, each with its checklist, statuses computed', async () => {
      const response = await upload(utf8(toCsvText(EN_HEADER, rows))).expect(200);
      expect(response.body).toMatchObject({ dryRun: false, written: true, rows: 500, errors: [], vendors: { created: 500, updated: 0, unchanged: 0 }, contracts: { created: 250 } });
      expect(await count('vendors')).toBe(500);
      expect(await count('contracts')).toBe(250);
      expect(await count('checklist_items')).toBe(250 * CLAUSE_TYPES.length);
      expect(Number((await t.dataSource.query("SELECT COUNT(*) AS n FROM vendors WHERE complianceStatus = 'not-evaluated' AND status <> 'candidate'"))[0].n)).toBe(0);
      const trail = (await t.http.get('/api/v1/audit-log?entityType=vendor-register').set(...bearer(compliance)).expect(200)).body;
      expect(trail.items).toHaveLength(1); // the refused run above left no entry
      expect(trail.items[0]).toMatchObject({
        action: 'import', entityId: null, actor: { email: 'compliance@example.test' },
        summary: { fileName: 'register.csv', format: 'csv', encoding: 'utf-8', rows: 500, vendors: { created: 500, updated: 0, unchanged: 0 }, contracts: { created: 250, updated: 0, unchanged: 0 } },
      });
      // …and each record written has its own entry from the vendor and contract services.
      expect((await t.http.get('/api/v1/audit-log?entityType=vendor&pageSize=1').set(...bearer(compliance)).expect(200)).body.total).toBe(500);
      expect((await t.http.get('/api/v1/audit-log?entityType=contract&pageSize=1').set(...bearer(compliance)).expect(200)).body.total).toBe(250);
      const vendor = (await t.http.get(`/api/v1/vendors?q=${corporateNumber(0)}`).set(...bearer(compliance)).expect(200)).body.items[0];
      expect(vendor).toMatchObject({ name: '株式会社テスト委託先00001', country: 'JP', dataCategories: ['customer'], reentrustmentAllowed: true, status: 'candidate', riskTier: 'medium' });
    });

    it('importing it again changes nothing: no version or updatedAt moves', async () => {
      const before = await snapshot();
      const response = await upload(utf8(toCsvText(EN_HEADER, rows))).expect(200);
      expect(response.body.vendors).toEqual({ created: 0, updated: 0, unchanged: 500 });
      expect(response.body.contracts).toEqual({ created: 0, updated: 0, unchanged: 250 });
      expect(await snapshot()).toEqual(before);
    });

    it('Shift_JIS (CP932) and UTF-8 with BOM give identical results', async () => {
      const changed = rows.map((row) => [...row]);
      changed[0][4] = '①データセンター運用(髙橋・﨑)'; // CP932-only characters
      const text = toCsvText(JA_HEADER, changed);
      const sjis = await upload(shiftJis(text), 'register-sjis.csv', '?dryRun=true').expect(200);
      const bom = await upload(utf8Bom(text), 'register-bom.csv', '?dryRun=true').expect(200);
      expect(sjis.body.file.encoding).toBe('shift_jis');
      expect(bom.body.file.encoding).toBe('utf-8-bom');
      const { file: _a, ...sjisResult } = sjis.body;
      const { file: _b, ...bomResult } = bom.body;
      expect(sjisResult).toEqual(bomResult);
      expect(sjisResult.vendors).toEqual({ created: 0, updated: 1, unchanged: 499 });
      await upload(shiftJis(text), 'register-sjis.csv').expect(200);
      const vendor = (await t.http.get(`/api/v1/vendors?q=${corporateNumber(0)}`).set(...bearer(compliance)).expect(200)).body.items[0];
      expect(vendor.services).toBe('①データセンター運用(髙橋・﨑)');
      expect((await upload(utf8Bom(text), 'register-bom.csv').expect(200)).body.vendors).toEqual({ created: 0, updated: 0, unchanged: 500 });
    });
  });

  describe('matching and the services\' rules', () => {
    it('matches by 法人番号 (a renamed vendor is updated, not duplicated), else by exact name', async () => {
      const byNumber = await newVendor(t, { name: '旧商号株式会社', corporateNumber: corporateNumber(90001) });
      const byName = await newVendor(t, { name: '名前だけ株式会社' });
      const file = toCsvText(['委託先名', '法人番号', '委託業務'], [
        ['新商号株式会社', corporateNumber(90001), 'renamed'],
        ['名前だけ株式会社', corporateNumber(90002), 'now with a number'],
      ]);
      const response = await upload(utf8(file)).expect(200);
      expect(response.body.vendors).toEqual({ created: 0, updated: 2, unchanged: 0 });
      expect(response.body.items.map((item: any) => item.vendor.id)).toEqual([byNumber.id, byName.id]);
      const renamed = (await t.http.get(`/api/v1/vendors/${byNumber.id}`).set(...bearer(compliance)).expect(200)).body;
      expect(renamed).toMatchObject({ name: '新商号株式会社', services: 'renamed', version: 2 });
      const numbered = (await t.http.get(`/api/v1/vendors/${byName.id}`).set(...bearer(compliance)).expect(200)).body;
      expect(numbered).toMatchObject({ corporateNumber: corporateNumber(90002), version: 2 });
    });

    it('refuses what the API refuses: a lifecycle move, an override without reason, a contract ending before it starts', async () => {
      const terminated = await newVendor(t, { name: '終了済み株式会社', status: 'terminated' });
      const file = toCsvText(['Vendor name', 'Status', 'Risk tier override', 'Contract title', 'Contract kind', 'Effective from', 'Expires on'], [
        ['終了済み株式会社', 'active', '', '', '', '', ''],
        ['上書き株式会社', 'candidate', 'high', '', '', '', ''],
        ['契約株式会社', '', '', 'NDA', 'nda', '2024-04-01', '2024-03-31'],
        ['契約株式会社', '', '', 'NDA', 'nda', '2024-04-01', ''],
        ['契約だけ株式会社', '', '', '', 'dpa', '2024-04-01', ''],
      ]);
      const response = await upload(utf8(file), 'register.csv', '?dryRun=true').expect(200);
      expect(response.body.errors.map((error: any) => [error.row, error.column, error.reason])).toEqual([
        [2, 'status', 'a vendor cannot move from terminated to active (allowed: -)'],
        [3, 'riskTierOverrideReason', 'a written reason is required to override the risk tier'],
        [4, 'contractExpiresOn', 'must not be before the effective date (2024-04-01)'],
        [5, 'contractTitle', 'the same contract (vendor and title) is already on row 4'],
        [6, 'contractTitle', 'contract cells are filled in but the contract title is missing'],
      ]);
      expect((await t.http.get(`/api/v1/vendors/${terminated.id}`).set(...bearer(compliance)).expect(200)).body.status).toBe('terminated');
    });

    it('requires the same vendor cells on the rows of one vendor', async () => {
      const file = toCsvText(['Vendor name', 'Corporate number', 'Country', 'Contract title', 'Contract kind', 'Effective from'], [
        ['二契約株式会社', corporateNumber(90010), 'JP', 'A', 'entrustment', '2024-04-01'],
        ['二契約株式会社', corporateNumber(90010), '', 'B', 'dpa', '2024-04-01'],
        ['二契約株式会社', corporateNumber(90010), 'US', 'C', 'nda', '2024-04-01'],
      ]);
      const dry = await upload(utf8(file), 'register.csv', '?dryRun=true').expect(200);
      expect(dry.body.errors.map((error: any) => [error.row, error.column, error.reason])).toEqual([[4, 'country', 'differs from row 2 of the same vendor ("JP")']]);
      const fixed = file.replace(',US,C', ',,C');
      const response = await upload(utf8(fixed)).expect(200);
      expect(response.body.vendors).toEqual({ created: 1, updated: 0, unchanged: 0 });
      expect(response.body.contracts).toEqual({ created: 3, updated: 0, unchanged: 0 });
    });
  });

  it('reads an .xlsx as Excel users type it: numbers, dates and booleans as cells, Japanese headers', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('台帳');
    sheet.addRow(['委託先名', '法人番号', '取引状態', '取引開始日', '再委託可否', '本人の数', '取扱データ区分', '契約名', '契約種別', '契約開始日', '自動更新']);
    sheet.addRow(['エクセル株式会社', 7000012050002, 'active', new Date(Date.UTC(2019, 3, 1)), true, 1500, 'customer、employee', '基本契約', 'msa', new Date(Date.UTC(2019, 3, 1)), false]);
    sheet.addRow([]);
    const response = await upload(Buffer.from(await workbook.xlsx.writeBuffer()), 'register.xlsx').expect(200);
    expect(response.body).toMatchObject({ file: { format: 'xlsx', encoding: null }, rows: 1, vendors: { created: 1 }, contracts: { created: 1 } });
    const vendor = (await t.http.get(`/api/v1/vendors/${response.body.items[0].vendor.id}`).set(...bearer(compliance)).expect(200)).body;
    expect(vendor).toMatchObject({ corporateNumber: '7000012050002', status: 'active', activeSince: '2019-04-01', reentrustmentAllowed: true, dataSubjectCount: 1500, dataCategories: ['customer', 'employee'], riskTier: 'medium' });
    const [contract] = (await t.http.get(`/api/v1/vendors/${vendor.id}/contracts`).set(...bearer(compliance)).expect(200)).body.items;
    expect(contract).toMatchObject({ title: '基本契約', kind: 'msa', status: 'draft', effectiveFrom: '2019-04-01', autoRenew: false });
  });

  describe('malformed files get a 400 naming the problem', () => {
    const cases: Array<[string, Buffer, string, RegExp]> = [
      ['not a spreadsheet (PNG)', Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'), 'logo.csv', /^file: not a CSV or Excel/],
      ['a PDF named .xlsx', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'register.xlsx', /^file: cannot be read as an Excel/],
      ['a damaged .xlsx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]), 'register.xlsx', /^file: cannot be read as an Excel/],
      ['a legacy .xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(100)]), 'register.xls', /^file: the old Excel format \(\.xls\)/],
      ['an empty file', Buffer.alloc(0), 'register.csv', /^file: no header row/],
      ['a header only', utf8('Vendor name,Status\r\n'), 'register.csv', /^file: no data rows/],
      ['wrong headers', utf8('Vendor,Colour\r\nA,red\r\n'), 'register.csv', /^file: the header "Vendor" of column A is not a column/],
      ['no name column', utf8('Status\r\nactive\r\n'), 'register.csv', /^file: the required column "Vendor name" is missing/],
      ['a broken quote', utf8('Vendor name,Services\r\n"A,"unterminated\r\n'), 'register.csv', /^file: malformed CSV/],
      ['formula injection', utf8('Vendor name,Services\r\nA,"=HYPERLINK(""http://evil.example"",""click"")"\r\n'), 'register.csv', /^row 2, Services: starts with a character that spreadsheets run as a formula/],
      ['formula injection with @', utf8('Vendor name,Services\r\n@SUM(1+1),x\r\n'), 'register.csv', /^row 2, Vendor name: starts with a character/],
    ];
    it.each(cases)('%s', async (_label, content, name, message) => {
      const before = await count('vendors');
      for (const query of ['', '?dryRun=true']) {
        const response = await upload(content, name, query);
        expect([response.status, response.body.message?.[0]]).toEqual([400, expect.stringMatching(message)]);
      }
      expect(await count('vendors')).toBe(before);
    });

    it('a formula in an .xlsx cell', async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('x');
      sheet.addRow(['Vendor name', 'Services']);
      sheet.addRow(['数式株式会社', { formula: 'HYPERLINK("http://evil.example","x")' }]);
      const response = await upload(Buffer.from(await workbook.xlsx.writeBuffer()), 'register.xlsx').expect(400);
      expect(response.body.message[0]).toMatch(/^row 2, Services: starts with a character that spreadsheets run as a formula/);
    });

    it('no file, another field, a file over 10 MB, more than 20,000 rows', async () => {
      const none = await t.http.post('/api/v1/imports/vendors').set(...bearer(compliance)).field('dryRun', 'true').expect(400);
      expect(none.body.message).toEqual(['file: send the spreadsheet in the multipart field "file"']);
      const other = await t.http.post('/api/v1/imports/vendors').set(...bearer(compliance)).attach('upload', utf8('Vendor name\r\nA\r\n'), 'a.csv').expect(400);
      expect(other.body.message).toEqual(['file: send the spreadsheet in the multipart field "file"']);
      const big = await upload(Buffer.alloc(10 * 1024 * 1024 + 1, 'a'), 'big.csv');
      expect([big.status, big.body.message]).toEqual([400, ['file: files larger than 10 MB cannot be imported']]);
      const many = toCsvText(['Vendor name'], Array.from({ length: 20_001 }, (_, index) => [`多行${index}`]));
      const rows = await upload(utf8(many), 'many.csv', '?dryRun=true').expect(400);
      expect(rows.body.message).toEqual(['file: it has 20001 rows; at most 20000 can be imported at once, so split the file']);
      const ja = await upload(Buffer.alloc(10 * 1024 * 1024 + 1, 'a'), 'big.csv', '?lang=ja').expect(400);
      expect(ja.body.message).toEqual(['file: 10MBを超えるファイルは取り込めません']);
    });

    it('random files and random cells: never a 5xx, and a refused file writes nothing', async () => {
      const headers = ['Vendor name', '法人番号', 'status', 'Country', 'Data categories', 'Contract title', 'contractKind', 'Effective from', 'Notice days', 'Colour'];
      const cell = fc.oneof(
        fc.constantFrom('', ' ', 'active', 'JP', 'customer;payment', '2024-04-01', '2024/02/30', '7000012050002', '-1', '=1', '@x', '"', '""', '\r\n', 'TRUE', '株式会社', 'x'.repeat(300)),
        fc.string({ maxLength: 12 }),
      );
      const file = fc.oneof(
        fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes)),
        fc.string({ maxLength: 400 }).map((text) => utf8(text)),
        fc
          .tuple(fc.subarray(headers, { minLength: 1 }), fc.array(fc.array(cell, { maxLength: 10 }), { maxLength: 6 }))
          .map(([header, rows]) => utf8(toCsvText(header, rows.map((row) => row.slice(0, header.length))))),
      );
      await fc.assert(
        fc.asyncProperty(file, fc.boolean(), async (content, dryRun) => {
          const [vendors, contracts] = [await count('vendors'), await count('contracts')];
          const response = await upload(content, 'fuzz.csv', dryRun ? '?dryRun=true' : '');
          if (response.status >= 500) throw new Error(`${response.status}: ${JSON.stringify(response.body)}`);
          expect([200, 400, 409]).toContain(response.status);
          if (response.status !== 200 || dryRun) expect([await count('vendors'), await count('contracts')]).toEqual([vendors, contracts]);
        }),
        { numRuns: 80, seed: 20261128 },
      );
    });

    it('only compliance and admin may import', async () => {
      await t.http.post('/api/v1/imports/vendors').set(...bearer(await t.tokenFor('legal'))).attach('file', utf8('Vendor name\r\nA\r\n'), 'a.csv').expect(403);
      await t.http.post('/api/v1/imports/vendors').set(...bearer(await t.tokenFor('viewer'))).attach('file', utf8('Vendor name\r\nA\r\n'), 'a.csv').expect(403);
    });
  });

  describe('template', () => {
    it.each(['ja', 'en'] as const)('the %s CSV template has headers with their allowed values and an example row that imports as it is', async (lang) => {
      const response = await t.http.get(`/api/v1/imports/vendors/template?format=csv&lang=${lang}`).set(...bearer(compliance)).expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      expect(response.headers['content-disposition']).toBe(`attachment; filename="vendor-register-template-${lang}.csv"`);
      const body = Buffer.from(response.text, 'utf8');
      expect(response.text.startsWith('\uFEFF')).toBe(true);
      const [header, example] = parse(response.text, { bom: true }) as string[][];
      expect(header[0]).toBe(lang === 'ja' ? '委託先名 [必須; 200文字以内]' : 'Vendor name [required; up to 200 characters]');
      expect(header).toContain(
        lang === 'ja'
          ? '取引状態 [候補 (candidate), 取引中 (active), 終了手続中 (offboarding), 終了 (terminated) のいずれか(表示名またはコード)]'
          : 'Status [one of candidate, active, offboarding, terminated (label or code)]',
      );
      expect(header).toContain(
        lang === 'ja'
          ? '取引開始日 [2024-04-01、2024/4/1、2024年4月1日、令和6年4月1日(令和・平成・昭和、元年も可)]'
          : 'Active since [2024-04-01, 2024/4/1, 2024年4月1日 or an era date 令和6年4月1日 (令和, 平成, 昭和, 元年)]',
      );
      expect(example[0]).toBe(lang === 'ja' ? '株式会社サンプルデータセンター' : 'Sample Data Center K.K.');
      // The example row is filled in as a person would: labels and country names in the template's language.
      expect(example.slice(2, 6)).toEqual(
        lang === 'ja'
          ? ['日本', '日本;シンガポール', 'ホスティング基盤の運用保守', '顧客の個人情報;通信の秘密に係る情報']
          : ['Japan', 'Japan;Singapore', 'Operation of the hosting platform', 'customer personal data;communications data (通信の秘密)'],
      );
      // By header, not position: the register gained columns (relationship, transferBasis, subcontractorApproval, reading, retention period).
      const cell = (label: string) => example[header.findIndex((name) => name === label || name.startsWith(`${label} [`))];
      expect(cell(lang === 'ja' ? '取引状態' : 'Status')).toBe(lang === 'ja' ? '取引中' : 'active');
      expect(cell(lang === 'ja' ? 'フリガナ' : 'Reading (フリガナ)')).toBe(lang === 'ja' ? 'サンプルデータセンター' : '');
      expect(cell(lang === 'ja' ? '保存期間' : 'Retention period')).toBe(lang === 'ja' ? '契約終了後30日' : '30 days after the contract ends');
      const imported = await upload(body, 'template.csv', '?dryRun=true').expect(200);
      expect(imported.body.errors).toEqual([]);
      expect(imported.body.contracts.created + imported.body.contracts.unchanged).toBe(1);
    });

    it('the .xlsx template has a sheet listing every column, and imports as it is', async () => {
      const response = await t.http.get('/api/v1/imports/vendors/template?format=xlsx&lang=ja').set(...bearer(compliance)).buffer(true).parse(binary).expect(200);
      expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.body);
      expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['委託先管理台帳', '入力値の説明']);
      expect(workbook.worksheets[1].getRow(2).values).toEqual([undefined, '委託先名', 'name', '必須; 200文字以内', '株式会社サンプルデータセンター']);
      const imported = await upload(response.body, 'template.xlsx', '?dryRun=true').expect(200);
      expect(imported.body.errors).toEqual([]);
      expect(imported.body.file.format).toBe('xlsx');
    });
  });
});
