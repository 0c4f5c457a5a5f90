import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { MB, MemoryWatch } from './support/memory-watch';
import { EN_HEADER, registerRows } from './support/register-files';
import { bearer, createTestApp, TestApp } from './support/test-app';
import { bombPayload, honestEntry, readZipEntries, writeZip, ZipEntrySpec } from './support/zip-files';

/**
 * An .xlsx is a zip, and a zip's headers are whatever its author wrote. The reader must cap the bytes
 * it actually inflates, not trust the sizes the archive declares: a 1 MB upload can unpack to 1 GB.
 * Whatever comes in, the answer is a 400 naming the file, and memory stays within a fixed budget.
 */
const MEMORY_BUDGET = 300 * MB;
const TOO_LARGE = 'file: the workbook is too large once unpacked (at most 48 MB)';

describe('.xlsx zip bombs and lying headers', () => {
  let t: TestApp;
  let compliance: string;
  let base: Array<{ name: string; content: Buffer }>;
  let bombs: Record<number, ReturnType<typeof bombPayload>>;
  let watch: MemoryWatch;
  beforeEach(async () => {
    // Idle is measured anew for each test, once the test's own files are built.
    watch = await MemoryWatch.start();
  });
  afterEach(() => watch.stop());

  beforeAll(async () => {
    t = await createTestApp();
    compliance = await t.tokenFor('compliance');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('台帳');
    sheet.addRow(EN_HEADER);
    for (const row of registerRows(3)) sheet.addRow(row);
    base = await readZipEntries(Buffer.from(await workbook.xlsx.writeBuffer()));
    bombs = { 80: bombPayload(80), 300: bombPayload(300), 1024: bombPayload(1024) };
  }, 120_000);
  afterAll(() => t.close());

  const upload = (content: Buffer, query = '?dryRun=true&lang=en') =>
    t.http.post(`/api/v1/imports/vendors${query}`).set(...bearer(compliance)).attach('file', content, 'register.xlsx');

  /** The base workbook with one entry replaced by a bomb whose headers claim `declared` bytes. */
  const withBomb = (name: string, megabytes: number, declared: number | 'truth'): Buffer => {
    const bomb = bombs[megabytes];
    const entries: ZipEntrySpec[] = base.map((entry) => honestEntry(entry.name, entry.content));
    const bombEntry: ZipEntrySpec = { name, stored: bomb.stored, method: 8, declaredSize: declared === 'truth' ? bomb.size : declared, crc: bomb.crc };
    const at = entries.findIndex((entry) => entry.name === name);
    if (at >= 0) entries[at] = bombEntry;
    else entries.push(bombEntry);
    return writeZip(entries);
  };

  it('reads the untouched workbook (the attacks below start from a file that imports)', async () => {
    const response = await upload(writeZip(base.map((entry) => honestEntry(entry.name, entry.content)))).expect(200);
    expect(response.body).toMatchObject({ rows: 3, vendors: { created: 3, updated: 0, unchanged: 0 } });
  });

  it('reads the largest register the import takes (20,000 rows, dry run) within the same memory budget', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('台帳');
    sheet.addRow(EN_HEADER);
    // ASCII only: exceljs's writer itself garbles multi-byte characters that straddle its chunks in a
    // file this large (U+FFFD in sharedStrings.xml), which the import would rightly refuse.
    for (const row of registerRows(20_000, 'Test Vendor Co. ')) sheet.addRow(row.map((cell) => cell.replace(/[^\x00-\x7f]/g, 'x')));
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    await watch.restart();
    const response = await upload(file);
    process.stdout.write(`20,000-row .xlsx dry run: peak ${Math.round(watch.peakAboveIdle() / MB)} MB above idle\n`);
    expect([response.status, response.body.rows, response.body.errors]).toEqual([200, 20_000, []]);
    expect(watch.peakAboveIdle()).toBeLessThan(MEMORY_BUDGET);
  }, 300_000);

  it('refuses a 1 MB file whose worksheet claims 2 KB but inflates to 1 GB, without inflating it', async () => {
    const file = withBomb('xl/worksheets/sheet1.xml', 1024, 2_000);
    expect(file.length).toBeLessThan(2 * MB);
    await watch.restart();
    const response = await upload(file);
    process.stdout.write(`one 1 GB bomb: peak ${Math.round(watch.peakAboveIdle() / MB)} MB above idle\n`);
    expect(watch.peakAboveIdle()).toBeLessThan(MEMORY_BUDGET);
    expect([response.status, response.body.message]).toEqual([400, [TOO_LARGE]]);
  }, 120_000);

  it('refuses three such files sent at once by one user (the crash: three parallel dry runs)', async () => {
    const files = ['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml', 'xl/styles.xml'].map((name) => withBomb(name, 1024, 4_096));
    await watch.restart();
    const responses = await Promise.all(files.map((file) => upload(file)));
    expect(responses.map((response) => [response.status, response.body.message])).toEqual(files.map(() => [400, [TOO_LARGE]]));
    expect(watch.peakAboveIdle()).toBeLessThan(MEMORY_BUDGET);
  }, 120_000);

  it('refuses a bomb in an entry the spreadsheet library would not even look at', async () => {
    const response = await upload(withBomb('xl/media/image1.png', 300, 1_000));
    expect([response.status, response.body.message]).toEqual([400, [TOO_LARGE]]);
  }, 60_000);

  it('property: bombs, lying sizes, shifted offsets and flipped bytes → always a 400 naming the file, memory within budget', async () => {
    const names = ['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml', 'xl/styles.xml', '[Content_Types].xml', 'xl/workbook.xml', 'docProps/app.xml', 'xl/media/x.bin'];
    // Each defect alone now and then, so bombs also meet otherwise intact archives.
    const rarely = <T>(arbitrary: fc.Arbitrary<T>) => fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary, weight: 1 });
    const attack = fc.record({
      target: fc.constantFrom(...names),
      bomb: fc.constantFrom(0, 80, 300, 1024),
      declared: fc.oneof({ arbitrary: fc.constant<'truth'>('truth'), weight: 2 }, { arbitrary: fc.constantFrom(0, 1, 0xffffffff), weight: 1 }, { arbitrary: fc.integer({ min: 0, max: 100_000 }), weight: 1 }),
      localDeclared: rarely(fc.integer({ min: 0, max: 0xffffffff })),
      prefix: rarely(fc.uint8Array({ minLength: 1, maxLength: 64 })),
      flips: fc.oneof({ arbitrary: fc.constant([] as Array<[number, number]>), weight: 4 }, { arbitrary: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 3 }), weight: 1 }),
      truncate: rarely(fc.nat()),
    }).filter((a) => a.bomb > 0 || a.declared !== 'truth' || a.prefix !== undefined || a.truncate !== undefined);
    await fc.assert(
      fc.asyncProperty(attack, async (a) => {
        const entries: ZipEntrySpec[] = base.map((entry) => honestEntry(entry.name, entry.content));
        let at = entries.findIndex((entry) => entry.name === a.target);
        if (at < 0) at = entries.push(honestEntry(a.target, Buffer.from('<x/>'))) - 1;
        const entry = entries[at];
        if (a.bomb > 0) Object.assign(entry, { stored: bombs[a.bomb].stored, crc: bombs[a.bomb].crc, declaredSize: bombs[a.bomb].size });
        const truth = entry.declaredSize;
        if (a.declared !== 'truth') entry.declaredSize = a.declared === truth ? truth + 1 : a.declared;
        if (a.localDeclared !== undefined) entry.localDeclaredSize = a.localDeclared;
        const prefix = a.prefix ? Buffer.from(a.prefix) : undefined;
        let file = writeZip(entries, { prefix, shiftOffsets: prefix?.length });
        // Flipped bytes land in the central directory and the end record (the headers), where lies live.
        const directoryStart = file.length - Math.min(file.length, 22 + 46 * entries.length + 400);
        for (const [position, mask] of a.flips) file[directoryStart + (position % (file.length - directoryStart))] ^= mask;
        if (a.truncate !== undefined) file = file.subarray(0, Math.max(4, file.length - 1 - (a.truncate % file.length)));
        const response = await upload(file);
        expect(response.status).toBe(400);
        expect(response.body.message).toEqual([expect.stringMatching(/^file: /)]);
        expect(watch.peakAboveIdle()).toBeLessThan(MEMORY_BUDGET);
      }),
      { numRuns: 60, seed: 20261130 },
    );
  }, 300_000);
});
