import { ADMIN_EMAIL, bearer, createTestApp, TestApp, USER_PASSWORD } from './support/test-app';
import { CORPORATE_NUMBERS, newContract, newVendor, review, today } from './support/factories';
import { fieldsNamed } from './support/problems';

/** The audit trail: who changed what, when, field by field; append-only; in the change's transaction. */
describe('audit log (監査ログ)', () => {
  let t: TestApp;
  let compliance: string;
  beforeAll(async () => {
    t = await createTestApp();
    compliance = await t.tokenFor('compliance');
  });
  afterAll(() => t.close());

  const trail = async (query: Record<string, string>, token = compliance) =>
    (await t.http.get('/api/v1/audit-log').query(query).set(...bearer(token)).expect(200)).body;
  const rows = async (): Promise<number> => Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM audit_log'))[0].n);

  it('records a vendor created, updated and deleted with the actor and field-level before/after', async () => {
    const vendor = await newVendor(t, { name: '監査ログ株式会社', dataCategories: ['customer'] });
    await t.http.patch(`/api/v1/vendors/${vendor.id}`).set(...bearer(compliance))
      .send({ services: 'データセンター運用', dataCategories: ['customer', 'communications'], version: vendor.version }).expect(200);
    await t.http.delete(`/api/v1/vendors/${vendor.id}`).set(...bearer(compliance)).expect(204);

    const page = await trail({ entityType: 'vendor', entityId: vendor.id });
    expect(page.total).toBe(3);
    const [deleted, updated, created] = page.items; // newest first
    const actor = { id: expect.any(String), email: 'compliance@example.test' };

    expect(created).toMatchObject({ action: 'create', entityType: 'vendor', entityId: vendor.id, actor });
    expect(created.changes.name).toEqual({ before: null, after: '監査ログ株式会社' });
    expect(created.changes.dataCategories).toEqual({ before: null, after: ['customer'] });

    expect(updated).toMatchObject({ action: 'update', actor });
    // Only what changed: the two fields sent, and what the app derived from them (risk tier, reasons).
    expect(updated.changes.services).toEqual({ before: 'hosting operations', after: 'データセンター運用' });
    expect(updated.changes.dataCategories).toEqual({ before: ['customer'], after: ['customer', 'communications'] });
    expect(updated.changes.riskTier).toEqual({ before: 'medium', after: 'high' });
    expect(updated.changes).not.toHaveProperty('name');
    expect(updated.changes).not.toHaveProperty('version');

    expect(deleted).toMatchObject({ action: 'delete', actor });
    expect(deleted.changes.name).toEqual({ before: '監査ログ株式会社', after: null });
    expect(Date.parse(deleted.at)).toBeGreaterThanOrEqual(Date.parse(created.at));
  });

  it('records checklist reviews and legal sign-off as the reviewer', async () => {
    const vendor = await newVendor(t);
    const contract = await newContract(t, vendor.id);
    const checklist = await review(t, contract.id, { 'scope-purpose': 'present' });
    const legal = await t.tokenFor('legal');
    const required = checklist.items.filter((item: { required: boolean; status: string }) => item.required && item.status === 'not-reviewed');
    let current = checklist;
    for (const item of required) {
      current = (await t.http.put(`/api/v1/contracts/${contract.id}/checklist/${item.clauseType}`).set(...bearer(legal))
        .send({ status: 'present', version: current.version }).expect(200)).body;
    }
    await t.http.post(`/api/v1/contracts/${contract.id}/checklist/approve`).set(...bearer(legal)).send({ version: current.version }).expect(200);

    const contractTrail = await trail({ entityType: 'contract', entityId: contract.id });
    expect(contractTrail.items).toEqual([expect.objectContaining({ action: 'create', actor: { id: expect.any(String), email: 'legal@example.test' } })]);
    const checklistTrail = await trail({ entityType: 'checklist', entityId: contract.id });
    expect(checklistTrail.items[0]).toMatchObject({ action: 'approve', changes: { approvedById: { before: null, after: expect.any(String) } } });
    const firstReview = checklistTrail.items[checklistTrail.items.length - 1];
    expect(firstReview).toMatchObject({
      action: 'update',
      changes: { 'scope-purpose.status': { before: 'not-reviewed', after: 'present' }, 'scope-purpose.section': { before: null, after: '第1条' } },
    });
  });

  it('records sign-in, failed sign-in and sign-out, and never keeps a password or what was typed for an unknown account', async () => {
    const before = await rows();
    await t.http.post('/api/v1/auth/login').send({ email: 'viewer@example.test', password: 'not the password at all' }).expect(401);
    await t.http.post('/api/v1/auth/login').send({ email: 'nobody-here@example.test', password: 'a secret typed by mistake' }).expect(401);
    await t.tokenFor('viewer');
    const token = (await t.http.post('/api/v1/auth/login').send({ email: 'viewer@example.test', password: USER_PASSWORD }).expect(200)).body.token;
    await t.http.post('/api/v1/auth/logout').set(...bearer(token)).expect(204);

    const failed = await trail({ action: 'sign-in-failed' });
    expect(failed.items.map((entry: { summary: { reason: string } }) => entry.summary.reason)).toEqual(['unknown-account', 'unknown-account']);
    const signIns = await trail({ actor: 'viewer@example.test', action: 'sign-in' });
    expect(signIns.total).toBe(2); // the factory's and this test's
    const signOut = await trail({ actor: 'viewer@example.test', action: 'sign-out' });
    expect(signOut.items).toEqual([expect.objectContaining({ entityType: 'user', entityId: signIns.items[0].entityId })]);

    const wrongPassword = await (async () => {
      await t.http.post('/api/v1/auth/login').send({ email: 'viewer@example.test', password: 'wrong again, but known account' }).expect(401);
      return (await trail({ action: 'sign-in-failed', actor: 'viewer@example.test' })).items[0];
    })();
    expect(wrongPassword).toMatchObject({ entityType: 'user', summary: { reason: 'wrong-password' }, actor: { email: 'viewer@example.test' } });

    const text = JSON.stringify(await t.dataSource.query('SELECT * FROM audit_log'));
    for (const secret of ['not the password at all', 'a secret typed by mistake', 'nobody-here@example.test', USER_PASSWORD]) expect(text).not.toContain(secret);
    expect(await rows()).toBeGreaterThan(before);
  });

  it('keeps password hashes out of the trail: a password change shows only that it changed', async () => {
    const admin = await t.tokenFor('admin');
    const created = (await t.http.post('/api/v1/users').set(...bearer(admin))
      .send({ email: 'new.lawyer@example.test', name: '新任 弁護士', role: 'legal', locale: 'ja', password: 'first password of twelve' }).expect(201)).body;
    await t.http.patch(`/api/v1/users/${created.id}`).set(...bearer(admin)).send({ password: 'second password of twelve', version: created.version }).expect(200);
    const page = await trail({ entityType: 'user', entityId: created.id }, admin);
    const [update, create] = page.items.filter((entry: { action: string }) => ['create', 'update'].includes(entry.action));
    expect(create.changes.passwordHash).toEqual({ before: null, after: '***' });
    expect(update.changes).toEqual({ passwordHash: { before: '***', after: '***' } });
    expect(create.actor.email).toBe(ADMIN_EMAIL);
  });

  it('writes nothing when the change is refused: the entry shares the change’s transaction', async () => {
    await newVendor(t, { corporateNumber: CORPORATE_NUMBERS[1] });
    const before = await rows();
    await t.http.post('/api/v1/vendors').set(...bearer(compliance)).send({ name: '重複', corporateNumber: CORPORATE_NUMBERS[1] }).expect(409);
    const vendor = await newVendor(t);
    const after = await rows();
    await t.http.patch(`/api/v1/vendors/${vendor.id}`).set(...bearer(compliance)).send({ name: 'stale', version: vendor.version + 5 }).expect(409);
    await t.http.patch(`/api/v1/vendors/${vendor.id}`).set(...bearer(compliance)).send({ riskTierOverride: 'low', version: vendor.version }).expect(400);
    expect(after).toBe(before + 1);
    expect(await rows()).toBe(after);
  });

  it('is append-only: no statement may update or delete an entry, whichever way it is sent', async () => {
    const count = await rows();
    await expect(t.dataSource.query("UPDATE audit_log SET action = 'create'")).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(t.dataSource.createQueryBuilder().delete().from('audit_log').execute()).rejects.toThrow(/append-only/);
    await expect(t.dataSource.createQueryBuilder().update('audit_log').set({ action: 'x' }).execute()).rejects.toThrow(/append-only/);
    expect(await rows()).toBe(count);
    // And the API has no write route for it (the access matrix checks every route the app has).
    await t.http.delete('/api/v1/audit-log').set(...bearer(await t.tokenFor('admin'))).expect(404);
  });

  it('filters by date range in ORG_TIMEZONE and refuses bad filters with a 400 naming them', async () => {
    const all = await trail({ pageSize: '1' });
    expect(all.total).toBeGreaterThan(0);
    expect((await trail({ from: today(t), to: today(t), pageSize: '1' })).total).toBe(all.total);
    expect((await trail({ to: '2020-01-01' })).total).toBe(0);
    expect((await trail({ from: new Date(Date.now() + 60_000).toISOString() })).total).toBe(0);
    const bad = await t.http.get('/api/v1/audit-log').query({ from: 'yesterday', to: '2026-02-30' }).set(...bearer(compliance)).expect(400);
    expect(fieldsNamed(bad.body.message)).toEqual(['from']); // the format is checked first; 'to' only once 'from' reads
    const noSuchDay = await t.http.get('/api/v1/audit-log').query({ to: '2026-02-30' }).set(...bearer(compliance)).expect(400);
    expect(noSuchDay.body.message).toEqual(['to: 2026-02-30 is not a real date or instant']);
    const reversed = await t.http.get('/api/v1/audit-log').query({ from: '2026-11-02', to: '2026-11-01' }).set(...bearer(compliance)).expect(400);
    expect(reversed.body.message).toEqual(['to: must not be before from']);
    await t.http.get('/api/v1/audit-log').set(...bearer(await t.tokenFor('legal'))).expect(403);
    await t.http.get('/api/v1/audit-log').set(...bearer(await t.tokenFor('viewer'))).expect(403);
  });
});
