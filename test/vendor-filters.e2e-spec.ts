import ExcelJS from 'exceljs';
import { EntitySubscriberInterface } from 'typeorm';
import * as flagRules from '../src/rules/flags';
import { activeVendor, AuditRecord, newAudit, newContract, newSubcontractor, newVendor, today } from './support/factories';
import { fieldsNamed } from './support/problems';
import { binary } from './support/register-files';
import { bearer, createTestApp, TestApp } from './support/test-app';
import { PageSession, signIn } from './ui/support';

/**
 * Questions across vendors: "which vendors handle communications data abroad, and were last audited
 * before 2026?" answered the same through the admin page, the JSON API and the .xlsx export (one
 * filter object, one query), from the stored audit dates the compliance engine keeps.
 */
describe('vendor list filters across vendors', () => {
  let t: TestApp;
  let viewer: string;
  let compliance: string;
  let page: PageSession;
  const QUESTION = 'dataCategory=communications&abroad=true&lastAuditBefore=2026-01-01';

  /** A completed audit on `completedOn` (recorded after the fact: planned → completed). */
  const completedAudit = async (vendorId: string, completedOn: string): Promise<AuditRecord> => {
    const audit = await newAudit(t, vendorId, { kind: 'remote', scheduledFor: completedOn });
    const response = await t.http.patch(`/api/v1/audits/${audit.id}`).set(...bearer(compliance)).send({ status: 'completed', completedOn, result: 'satisfactory', version: audit.version });
    if (response.status !== 200) throw new Error(`audit not completed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as AuditRecord;
  };

  beforeAll(async () => {
    t = await createTestApp();
    viewer = await t.tokenFor('viewer');
    compliance = await t.tokenFor('compliance');
    page = await signIn(t, 'viewer');
    // Matches: data located in Singapore; the vendor itself in the US; abroad only through a subcontractor in the US.
    const located = await activeVendor(t, { name: 'フィルタA通信', dataCategories: ['communications'], dataLocations: ['JP', 'SG'] });
    await completedAudit(located.id, '2025-06-01');
    const foreign = await activeVendor(t, { name: 'フィルタB通信', country: 'US', dataCategories: ['communications', 'customer'], transferBasis: 'consent' });
    await completedAudit(foreign.id, '2024-12-01');
    const subcontracted = await activeVendor(t, { name: 'フィルタC通信', dataCategories: ['communications'], reentrustmentAllowed: true });
    await newSubcontractor(t, subcontracted.id, { country: 'US', approvedOn: '2025-01-10', approvedBy: '法務部' });
    await completedAudit(subcontracted.id, '2025-03-01');
    // Near misses: audited on the day itself; no communications data; only Japan (its US subcontractor withdrawn); never audited.
    const onTheDay = await activeVendor(t, { name: 'フィルタD通信', dataCategories: ['communications'], dataLocations: ['SG'] });
    await completedAudit(onTheDay.id, '2026-01-01');
    const customers = await activeVendor(t, { name: 'フィルタE顧客', dataCategories: ['customer'], dataLocations: ['SG'] });
    await completedAudit(customers.id, '2025-01-15');
    const domestic = await activeVendor(t, { name: 'フィルタF通信', dataCategories: ['communications'], reentrustmentAllowed: true });
    const withdrawn = await newSubcontractor(t, domestic.id, { country: 'US', approvedOn: '2025-01-10', approvedBy: '法務部' });
    await t.http.patch(`/api/v1/subcontractors/${withdrawn.id}`).set(...bearer(compliance)).send({ status: 'withdrawn', version: withdrawn.version }).expect(200);
    await newSubcontractor(t, domestic.id, { country: 'JP', approvedOn: '2025-01-10', approvedBy: '法務部' });
    await completedAudit(domestic.id, '2025-02-01');
    await activeVendor(t, { name: 'フィルタG通信', dataCategories: ['communications'], dataLocations: ['SG'] });
  }, 60_000);
  afterAll(() => t.close());

  const EXPECTED = ['フィルタA通信', 'フィルタB通信', 'フィルタC通信'];

  it('answers the question through the API, the page and the .xlsx export with the same vendors', async () => {
    const api = (await t.http.get(`/api/v1/vendors?${QUESTION}`).set(...bearer(viewer)).expect(200)).body;
    expect(api.items.map((vendor: { name: string }) => vendor.name)).toEqual(EXPECTED);
    expect(api.total).toBe(3);
    expect(api.items.map((vendor: { lastAuditOn: string }) => vendor.lastAuditOn)).toEqual(['2025-06-01', '2024-12-01', '2025-03-01']);

    const html = (await page.get(`/vendors?${QUESTION}`).expect(200)).text;
    const rows = [...html.matchAll(/<tr><td><a href="\/vendors\/[0-9a-f-]{36}">([^<]+)<\/a><\/td>.*?<\/tr>/g)];
    expect(rows.map((row) => row[1])).toEqual(EXPECTED);
    // The page shows the stored dates: last audit, then the next one due (high tier: 12 months later).
    expect(rows[0][0]).toContain('<td>2025-06-01</td><td>2026-06-01</td>');

    const response = await t.http.get(`/api/v1/exports/vendors?format=xlsx&${QUESTION}`).set(...bearer(viewer)).buffer(true).parse(binary).expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as never);
    const names: string[] = [];
    workbook.worksheets[0].eachRow((row, number) => void (number > 1 && names.push(String(row.getCell(1).value))));
    expect(names).toEqual(EXPECTED);
  });

  it('sorts by the next audit due and the last audit, vendors without one last', async () => {
    const names = async (sort: string) => (await t.http.get(`/api/v1/vendors?q=フィルタ&sort=${sort}`).set(...bearer(viewer)).expect(200)).body.items.map((vendor: { name: string }) => vendor.name);
    expect(await names('lastAuditOn')).toEqual(['フィルタB通信', 'フィルタE顧客', 'フィルタF通信', 'フィルタC通信', 'フィルタA通信', 'フィルタD通信', 'フィルタG通信']);
    expect(await names('-lastAuditOn')).toEqual(['フィルタD通信', 'フィルタA通信', 'フィルタC通信', 'フィルタF通信', 'フィルタE顧客', 'フィルタB通信', 'フィルタG通信']);
    // Never audited, active today: due 12 months (high tier) after activation, before every audited vendor.
    expect((await names('nextAuditDue'))[0]).toBe('フィルタB通信');
    expect(await names('nextAuditDue')).toHaveLength(7);
  });

  it('filters by country wherever the data is handled, relationship, re-entrustment, owner and contract state', async () => {
    const names = async (query: string) => (await t.http.get(`/api/v1/vendors?q=フィルタ&${query}`).set(...bearer(viewer)).expect(200)).body.items.map((vendor: { name: string }) => vendor.name);
    expect(await names('country=US')).toEqual(['フィルタB通信', 'フィルタC通信']);
    expect(await names('country=sg,US')).toEqual(['フィルタA通信', 'フィルタB通信', 'フィルタC通信', 'フィルタD通信', 'フィルタE顧客', 'フィルタG通信']);
    expect(await names('abroad=false')).toEqual(['フィルタF通信']);
    expect(await names('reentrustmentAllowed=true')).toEqual(['フィルタC通信', 'フィルタF通信']);
    expect(await names('relationship=joint-use')).toEqual([]);
    const owned = await newVendor(t, { name: 'フィルタH所有', ownerEmail: 'Sato@Example.test' });
    expect(await names('owner=sato@example.test')).toEqual([owned.name]);
    const expiring = await activeVendor(t, { name: 'フィルタI契約' });
    const end = new Date(`${today(t)}T00:00:00Z`);
    end.setUTCDate(end.getUTCDate() + 20);
    await newContract(t, expiring.id, { expiresOn: end.toISOString().slice(0, 10) });
    expect(await names('contract=expiring&expiringWithinDays=30')).toEqual(['フィルタI契約']);
    expect(await names('contract=expiring&expiringWithinDays=10')).toEqual([]);
    expect(await names('contract=in-force')).toEqual(['フィルタI契約']);
    expect(await names('contract=none&status=active')).toEqual(['フィルタA通信', 'フィルタB通信', 'フィルタC通信', 'フィルタD通信', 'フィルタE顧客', 'フィルタF通信', 'フィルタG通信']);
  });

  it('refuses a bad filter value with a 400 naming the field', async () => {
    for (const [query, field] of [
      ['dataCategory=telepathy', 'dataCategory'], ['country=XX', 'country'], ['abroad=maybe', 'abroad'], ['relationship=friend', 'relationship'],
      ['reentrustmentAllowed=1', 'reentrustmentAllowed'], ['owner=not-an-address', 'owner'], ['contract=soon', 'contract'], ['expiringWithinDays=-1', 'expiringWithinDays'],
      ['lastAuditBefore=2026-02-30', 'lastAuditBefore'], ['lastAuditAfter=yesterday', 'lastAuditAfter'], ['nextAuditDueBefore=2026/01/01', 'nextAuditDueBefore'], ['sort=nextAudit', 'sort'],
    ]) {
      const response = await t.http.get(`/api/v1/vendors?${query}`).set(...bearer(viewer)).expect(400);
      expect(fieldsNamed(response.body.message)).toEqual([field]);
      await t.http.get(`/api/v1/exports/vendors?${query}`).set(...bearer(viewer)).expect(400);
    }
  });

  it('stores the next audit due in the transaction that completes an audit', async () => {
    const vendor = await activeVendor(t, { name: 'フィルタJ監査', dataCategories: ['customer'], activeSince: '2024-04-01' });
    const before = (await t.http.get(`/api/v1/vendors/${vendor.id}`).set(...bearer(viewer)).expect(200)).body;
    // Medium tier (customer data): every 24 months from activation.
    expect([before.lastAuditOn, before.nextAuditDue]).toEqual([null, '2026-04-01']);
    await completedAudit(vendor.id, '2025-10-01');
    const after = (await t.http.get(`/api/v1/vendors/${vendor.id}`).set(...bearer(viewer)).expect(200)).body;
    expect([after.lastAuditOn, after.nextAuditDue]).toEqual(['2025-10-01', '2027-10-01']);
    // Derived, like the compliance status: the vendor's own version is untouched, and the engine's view agrees.
    expect(after.version).toBe(before.version);
    expect((await t.http.get(`/api/v1/vendors/${vendor.id}/compliance`).set(...bearer(viewer)).expect(200)).body.nextAuditDue).toBe('2027-10-01');
  });

  it('filters without evaluating any vendor, in a fixed number of queries whatever the register size', async () => {
    let queries = 0;
    const counter: EntitySubscriberInterface = { beforeQuery: () => void (queries += 1) };
    t.dataSource.subscribers.push(counter);
    const evaluations = jest.spyOn(flagRules, 'evaluateVendor');
    try {
      const measure = async () => {
        queries = 0;
        evaluations.mockClear();
        await t.http.get(`/api/v1/vendors?${QUESTION}&country=SG,US&contract=none&sort=nextAuditDue`).set(...bearer(viewer)).expect(200);
        const api = { queries, evaluated: evaluations.mock.calls.length };
        queries = 0;
        await page.get(`/vendors?${QUESTION}&contract=none&sort=-lastAuditOn`).expect(200);
        return { api, page: { queries, evaluated: evaluations.mock.calls.length - api.evaluated } };
      };
      const small = await measure();
      for (let i = 0; i < 10; i += 1) await newVendor(t, { name: `フィルタ追加${i}`, dataCategories: ['communications'], dataLocations: ['SG'] });
      const large = await measure();
      expect(small.api.evaluated).toBe(0);
      expect(small.page.evaluated).toBe(0);
      expect(large).toEqual(small);
    } finally {
      evaluations.mockRestore();
      t.dataSource.subscribers.splice(t.dataSource.subscribers.indexOf(counter), 1);
    }
  });
});
