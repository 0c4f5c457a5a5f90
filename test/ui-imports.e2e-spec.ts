import { bearer, createTestApp, TestApp } from './support/test-app';
import { binary, JA_HEADER, registerRows, shiftJis, toCsvText } from './support/register-files';
import { PageSession, signIn } from './ui/support';

/** Import and export in the admin UI: the import page (dry run, errors in the user's language, atomic run) and the export links. */
describe('admin UI: import and export pages', () => {
  let t: TestApp;
  let compliance: PageSession;
  let admin: PageSession;
  let viewer: PageSession;
  beforeAll(async () => {
    t = await createTestApp();
    compliance = await signIn(t, 'compliance');
    admin = await signIn(t, 'admin'); // speaks Japanese
    viewer = await signIn(t, 'viewer');
  });
  afterAll(() => t.close());

  const vendors = async (): Promise<number> => Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM vendors'))[0].n);
  const upload = (session: PageSession, file: Buffer, name: string, dryRun: boolean, csrf = session.csrf) => {
    const request = t.http.post(`/imports?_csrf=${encodeURIComponent(csrf)}`).set('Cookie', session.cookie).attach('file', file, name);
    return dryRun ? request.field('dryRun', 'true') : request;
  };

  it('checks a Shift_JIS file in a dry run, lists the bad row in Japanese, writes nothing, then imports the corrected file', async () => {
    const rows = registerRows(12, '画面取込');
    rows[4][1] = '1234567890123'; // a 法人番号 with a wrong check digit, on spreadsheet row 6
    const bad = shiftJis(toCsvText(JA_HEADER, rows));

    const dry = await upload(admin, bad, '台帳.csv', true).expect(400);
    expect(dry.text).toContain('data-testid="import-errors"');
    const errorRows = [...dry.text.matchAll(/<tr><td>(\d+)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g)];
    expect(errorRows.map((match) => [match[1], match[2], match[3]])).toEqual([['6', '法人番号', '1234567890123']]);
    expect(errorRows[0][4]).toMatch(/[ぁ-んァ-ン一-龥]/); // the reason is in Japanese
    const real = await upload(admin, bad, '台帳.csv', false).expect(400);
    expect(real.text).toContain('何も書き込んでいません');
    expect(await vendors()).toBe(0);

    rows[4][1] = '';
    const good = shiftJis(toCsvText(JA_HEADER, rows));
    const imported = await upload(admin, good, '台帳.csv', false).expect(200);
    expect(imported.text).toMatch(/data-testid="vendors-created">12</);
    expect(await vendors()).toBe(12);
    const again = await upload(admin, good, '台帳.csv', false).expect(200);
    expect(again.text).toMatch(/data-testid="vendors-created">0</);
    expect(await vendors()).toBe(12);

    // The audit log names the person who imported, with the counts.
    const trail = await t.http.get('/api/v1/audit-log').query({ action: 'import' }).set(...bearer(await t.tokenFor('admin'))).expect(200);
    expect(trail.body.items[1]).toMatchObject({ actor: { email: 'admin@example.test' }, summary: expect.objectContaining({ rows: 12 }) });
  });

  it('refuses an upload without the session CSRF token, and a viewer sees exports but no import form', async () => {
    const file = Buffer.from(toCsvText(JA_HEADER, registerRows(1, 'CSRF')), 'utf8');
    await upload(compliance, file, 'x.csv', false, 'forged-token').expect(403);
    await t.http.post('/imports').set('Cookie', compliance.cookie).attach('file', file, 'x.csv').expect(403);
    await upload(viewer, file, 'x.csv', false).expect(403);
    expect(await vendors()).toBe(12);
    const page = await viewer.get('/imports').expect(200);
    expect(page.text).not.toContain('data-testid="import-file"');
    expect((await compliance.get('/imports').expect(200)).text).toContain('data-testid="import-file"');
    expect(page.text).toContain('href="/exports/vendors?format=xlsx"');
  });

  it('downloads the template and the exports (the list filters apply) with the session', async () => {
    const template = await viewer.get('/imports/template?format=csv&lang=ja').buffer(true).parse(binary).expect(200);
    expect(template.headers['content-disposition']).toMatch(/attachment/);
    expect((template.body as Buffer).toString('utf8')).toContain('委託先名');
    const xlsx = await viewer.get('/exports/vendors?format=xlsx&q=画面取込00001').buffer(true).parse(binary).expect(200);
    expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
    const csv = await viewer.get('/vendors/export.csv?q=画面取込00001').buffer(true).parse(binary).expect(200);
    const lines = (csv.body as Buffer).toString('utf8').split('\r\n').filter(Boolean);
    expect(lines[0].charCodeAt(0)).toBe(0xfeff);
    expect(lines).toHaveLength(2); // the header and the one vendor searched for
    expect(lines[1]).toMatch(/^画面取込00001,/);
    await viewer.get('/exports/everything').expect(404);
  });
});
