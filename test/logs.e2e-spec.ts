import { bearer, createTestApp, TestApp } from './support/test-app';
import { CORPORATE_NUMBERS, newAssessment, newAudit, newContract, newFinding, newVendor } from './support/factories';

/**
 * The process logs carry no personal data at info level — no names, e-mails,
 * notes or free text — while they still say what happened (method, path, status, counts, ids).
 */
describe('logs carry no personal data at info level', () => {
  let t: TestApp;
  let output: string[];
  const spies: jest.SpyInstance[] = [];

  beforeAll(async () => {
    output = [];
    for (const stream of [process.stdout, process.stderr]) {
      spies.push(jest.spyOn(stream, 'write').mockImplementation(((chunk: string | Uint8Array) => {
        output.push(chunk.toString());
        return true;
      }) as typeof stream.write));
    }
    t = await createTestApp({ env: { LOG_LEVEL: 'log', LOG_FORMAT: 'json' } });
  });
  afterAll(async () => {
    await t.close();
    spies.forEach((spy) => spy.mockRestore());
  });

  const PERSONAL = {
    vendorName: '個人情報テスト株式会社',
    ownerEmail: 'taro.yamada@vendor.example',
    services: '山田太郎様の顧客データ処理',
    note: '担当者 佐藤花子 090-1234-5678',
    findingOwner: 'hanako.sato@vendor.example',
    findingTitle: '鈴木一郎のアクセス権が残存',
    unknownAccount: 'someone.unknown@example.test',
    typedPassword: 'typed-password-never-logged',
    search: '個人情報テスト',
  };

  interface RequestLine { message: 'request'; method: string; path: string; status: number; durationMs: number; userId?: string }
  /** The request logger's lines: `{level, pid, timestamp, message: {message: "request", …}, context: "HTTP"}`. */
  const requestLines = (): RequestLine[] =>
    output.join('').split('\n').filter((line) => line.startsWith('{')).map((line) => (JSON.parse(line) as { message: unknown }).message)
      .filter((message): message is RequestLine => typeof message === 'object' && message !== null && (message as { message?: unknown }).message === 'request');

  it('logs each request, the reminder run and the failures without a name, an e-mail or a note', async () => {
    const compliance = await t.tokenFor('compliance');
    const legal = await t.tokenFor('legal');
    const viewer = await t.tokenFor('viewer');
    const complianceId = (await t.http.get('/api/v1/auth/me').set(...bearer(compliance)).expect(200)).body.id;
    await t.http.post('/api/v1/auth/login').send({ email: PERSONAL.unknownAccount, password: PERSONAL.typedPassword }).expect(401);
    const vendor = await newVendor(t, {
      name: PERSONAL.vendorName, corporateNumber: CORPORATE_NUMBERS[3], ownerEmail: PERSONAL.ownerEmail, services: PERSONAL.services,
      status: 'active', dataCategories: ['customer'],
    });
    // Refused input echoes nothing into the log either (the response names the field, the log only the status).
    await t.http.post('/api/v1/vendors').set(...bearer(compliance)).send({ name: PERSONAL.vendorName, corporateNumber: CORPORATE_NUMBERS[3] }).expect(409);
    await t.http.post('/api/v1/vendors').set(...bearer(compliance)).send({ name: PERSONAL.vendorName, ownerEmail: 'not-an-email' }).expect(400);
    await t.http.post('/api/v1/vendors').set(...bearer(viewer)).send({ name: PERSONAL.vendorName }).expect(403);
    await t.http.get('/api/v1/vendors/00000000-0000-4000-8000-000000000000').set(...bearer(viewer)).expect(404);
    await t.http.get('/api/v1/vendors').query({ q: PERSONAL.search }).set(...bearer(compliance)).expect(200);
    const contract = await newContract(t, vendor.id);
    await t.http.put(`/api/v1/contracts/${contract.id}/checklist/scope-purpose`).set(...bearer(legal)).send({ status: 'partial', note: PERSONAL.note, version: 1 }).expect(200);
    await newAssessment(t, vendor.id, { kind: 'selection', completedOn: '2020-01-10', outcome: 'approved', notes: PERSONAL.note });
    const audit = await newAudit(t, vendor.id, { kind: 'remote', scheduledFor: '2020-02-01' });
    await newFinding(t, audit.id, { title: PERSONAL.findingTitle, severity: 'high', dueOn: '2020-03-01', ownerEmail: PERSONAL.findingOwner });
    // The reminder run (no SMTP: written to the outbox folder) sends to the owners named above.
    const run = (await t.http.post('/api/v1/reminders/run').set(...bearer(await t.tokenFor('admin'))).send({}).expect(200)).body;
    expect(run.created).toBeGreaterThan(0);

    const logged = output.join('');
    // The capture works: the lines are there, with the facts an operator needs.
    expect(logged).toContain('"message":"request"');
    expect(logged).toContain('"path":"/api/v1/vendors"');
    expect(logged).toContain('"message":"reminders run"');
    expect(logged).toContain(vendor.id);
    // Each failure provoked above has its line: method, path (never the query), status and who, if anyone signed in.
    const lines = requestLines();
    const of = (method: string, path: string) => lines.filter((line) => line.method === method && line.path === path).map(({ status, userId }) => ({ status, userId }));
    expect(of('POST', '/api/v1/auth/login').filter((line) => line.status === 401)).toEqual([{ status: 401, userId: undefined }]);
    const viewerId = (await t.http.get('/api/v1/auth/me').set(...bearer(viewer)).expect(200)).body.id;
    expect(of('POST', '/api/v1/vendors')).toEqual([
      { status: 201, userId: complianceId }, { status: 409, userId: complianceId }, { status: 400, userId: complianceId }, { status: 403, userId: viewerId },
    ]);
    expect(of('GET', '/api/v1/vendors/00000000-0000-4000-8000-000000000000')).toEqual([{ status: 404, userId: viewerId }]);
    expect(of('GET', '/api/v1/vendors')).toEqual([{ status: 200, userId: complianceId }]);
    for (const [kind, value] of Object.entries(PERSONAL)) expect([kind, logged.includes(value)]).toEqual([kind, false]);
    expect(logged).not.toMatch(/@example\.test/); // not even the signed-in users' e-mails
  });
});
