import { gzipSync } from 'node:zlib';
import { signIn } from './ui/support';
import { activeVendor, newContract } from './support/factories';
import { bearer, createTestApp, TestApp } from './support/test-app';

/** superagent JSON-encodes a Buffer sent as application/json: this sends the bytes as they are. */
const asIs = ((bytes: Buffer) => bytes) as unknown as (body: unknown) => string;

/** Bad input of every shape is a 400 naming the problem, never a 500, and nothing secret is logged. */
describe('HTTP edges', () => {
  let t: TestApp;
  let admin: string;
  let compliance: string;
  let output: string[];
  let spy: jest.SpyInstance;
  beforeAll(async () => {
    output = [];
    spy = jest.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array) => {
      output.push(chunk.toString());
      return true;
    }) as typeof process.stdout.write);
    t = await createTestApp({ env: { LOG_LEVEL: 'log', LOG_FORMAT: 'json' } });
    // The API answers in the caller's language: these checks read its English.
    admin = await t.tokenFor('admin', 'en');
    compliance = await t.tokenFor('compliance');
  });
  afterAll(async () => {
    await t.close();
    spy.mockRestore();
  });

  it('never writes a calendar feed secret (or any token in a path) to the request log', async () => {
    const { url } = (await t.http.post('/api/v1/calendar/feed').set(...bearer(admin)).expect(201)).body;
    const path = new URL(url).pathname;
    const secret = /\/calendar\/(.+)\.ics$/.exec(path)![1];
    await t.http.get(path).expect(200);
    await t.http.get(`/calendar/${secret}x.ics`).expect(404);
    const logged = output.join('');
    expect(logged).toContain('"path":"/calendar/[redacted].ics"');
    expect(logged).not.toContain(secret);
  });

  it.each([
    '/api/v1/vendors', '/api/v1/users', '/api/v1/flags', '/api/v1/audits', '/api/v1/findings', '/api/v1/notifications', '/api/v1/audit-log',
  ])('answers GET %s?page=99999999999999999999 with 400 naming page', async (path) => {
    const response = await t.http.get(`${path}?page=99999999999999999999`).set(...bearer(admin));
    expect([response.status, response.body.message]).toEqual([400, ['page: must not be greater than 1000000']]);
  });

  it('answers a page of the admin UI with a page number past any list with 400, not a 500', async () => {
    const page = await signIn(t, 'admin');
    for (const path of ['/vendors', '/users', '/flags', '/audits', '/findings']) {
      const response = await page.get(`${path}?page=99999999999999999999`);
      expect([path, response.status]).toEqual([path, 400]);
    }
  });

  it('refuses 100,000 nested arrays in a 200 KB body with 400', async () => {
    const body = `{"name":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const response = await t.http.post('/api/v1/vendors').set(...bearer(compliance)).set('Content-Type', 'application/json').send(body);
    expect([response.status, response.body.message]).toEqual([400, ['body: nested more than 32 levels deep']]);
  });

  it('refuses a body that says gzip but is not with 400, and reads a real gzip body', async () => {
    const response = await t.http.post('/api/v1/vendors').set(...bearer(compliance)).set('Content-Type', 'application/json').set('Content-Encoding', 'gzip').send('{"name":"x"}');
    expect([response.status, response.body.message]).toEqual([400, ['body: not valid gzip data']]);
    const gzipped = await t.http.post('/api/v1/vendors').set(...bearer(compliance)).set('Content-Type', 'application/json').set('Content-Encoding', 'gzip')
      .serialize(asIs)
      .send(gzipSync(JSON.stringify({ name: '圧縮株式会社' })));
    expect([gzipped.status, gzipped.body.name]).toEqual([201, '圧縮株式会社']);
  });

  it('does not answer /API/v1/… (any case) to a session cookie: the page/API split ignores case as routing does', async () => {
    const page = await signIn(t, 'admin');
    for (const path of ['/API/v1/vendors', '/Api/V1/users']) {
      const response = await page.get(path);
      expect([path, response.status, response.body.message]).toEqual([path, 401, ['sign in first: send Authorization: Bearer <token>']]);
    }
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses a %s key as an unknown field, at any depth', async (key) => {
    const top = await t.http.post('/api/v1/vendors').set(...bearer(compliance)).set('Content-Type', 'application/json').send(`{"name":"原型株式会社","${key}":{"status":"active"}}`);
    expect([top.status, top.body.message]).toEqual([400, [`${key}: unknown field`]]);
    const vendor = await activeVendor(t);
    const nested = await t.http.post(`/api/v1/vendors/${vendor.id}/assessments`).set(...bearer(compliance)).set('Content-Type', 'application/json')
      .send(`{"kind":"selection","completedOn":"2020-01-01","outcome":"approved","items":[{"code":"security-measures","status":"confirmed","${key}":{"x":1}}]}`);
    expect([nested.status, nested.body.message]).toEqual([400, [`items.0.${key}: unknown field`]]);
  });

  describe('control characters, bidirectional overrides and lone surrogates are refused, naming the field', () => {
    const BAD = 'must not contain control characters, bidirectional overrides or invalid characters';
    it.each([
      ['NUL', 'Null\u0000 株式会社'],
      ['ESC', 'Esc\u001b[31m 株式会社'],
      ['RIGHT-TO-LEFT OVERRIDE', 'RTL \u202Egnp.exe\u202C'],
      ['a first-strong isolate', 'FSI \u2068x\u2069'],
      ['a lone surrogate', 'lone \ud800 surrogate'],
      ['a newline in a name', 'two\nlines'],
      ['U+FFFD', 'mojibake \uFFFD'],
      ['DEL', 'del\u007f'],
      ['a C1 control', 'c1\u0085'],
    ])('in a vendor name: %s', async (_label, name) => {
      const response = await t.http.post('/api/v1/vendors').set(...bearer(compliance)).set('Content-Type', 'application/json').send(JSON.stringify({ name }));
      expect([response.status, response.body.message]).toEqual([400, [`name: ${BAD}`]]);
    });

    it('in free text (services, a checklist note, a finding title, a user name), while tab and newline stay allowed in multi-line text', async () => {
      const vendor = await activeVendor(t);
      const services = await t.http.post('/api/v1/vendors').set(...bearer(compliance)).send({ name: '改行株式会社', services: 'line one\nline two\tcolumn' }).expect(201);
      expect(services.body.services).toBe('line one\nline two\tcolumn');
      const bidi = await t.http.patch(`/api/v1/vendors/${vendor.id}`).set(...bearer(compliance)).send({ version: vendor.version, services: 'ok \u202E evil' });
      expect([bidi.status, bidi.body.message]).toEqual([400, [`services: ${BAD}`]]);
      const contract = await newContract(t, vendor.id);
      const note = await t.http.put(`/api/v1/contracts/${contract.id}/checklist/audit-rights`).set(...bearer(await t.tokenFor('legal'))).send({ status: 'present', note: 'bell\u0007', version: 1 });
      expect([note.status, note.body.message]).toEqual([400, [`note: ${BAD}`]]);
      const user = await t.http.post('/api/v1/users').set(...bearer(admin)).send({ email: 'ctl@example.test', name: 'Ctl\u0000', role: 'viewer', password: 'a long enough password 1' });
      expect([user.status, user.body.message]).toEqual([400, [`name: ${BAD}`]]);
    });

    it('refuses a JSON body that is not valid UTF-8 instead of storing replacement characters', async () => {
      const body = Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xff, 0xfe]), Buffer.from('株式会社"}')]);
      const response = await t.http.post('/api/v1/vendors').set(...bearer(compliance)).set('Content-Type', 'application/json').serialize(asIs).send(body);
      expect([response.status, response.body.message]).toEqual([400, ['body: not valid UTF-8']]);
    });
  });
});
