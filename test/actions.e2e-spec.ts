import { addDays, addMonths } from '../src/rules/calendar';
import { activeVendor, newAssessment, newAudit, newContract, review, reviews, today } from './support/factories';
import { bearer, createTestApp, TestApp } from './support/test-app';
import { fieldsNamed } from './support/problems';
import { PageSession, signIn } from './ui/support';

interface ActionItem {
  kind: string; vendorId: string; vendorName: string; severity: string; riskTier: string; dueDate: string | null; daysOverdue: number;
  responsibleRole: string; responsiblePerson: string | null; flagCount: number; message: string; href: string;
}

/**
 * The action list (GET /api/v1/actions, /actions): one line per thing to do, most urgent first, each
 * linking to the page that fixes it; fixing it removes the line. The dashboard's counts equal the lists.
 */
describe('action list: what to do first', () => {
  let t: TestApp;
  let viewer: string;
  let admin: PageSession;
  let asOf: string;
  const ids: Record<'contract' | 'audit' | 'foreign' | 'contractOfContractVendor' | 'contractOfAuditVendor' | 'contractOfForeignVendor', string> = {} as never;
  let required: Record<'contract' | 'audit' | 'foreign', string[]>;
  let foreignVersion: number;

  const actions = async (query = '', token = viewer) => (await t.http.get(`/api/v1/actions${query}`).set(...bearer(token)).expect(200)).body as { items: ActionItem[]; total: number; page: number; pageSize: number };
  const requiredOf = async (vendorId: string) =>
    ((await t.http.get(`/api/v1/vendors/${vendorId}/compliance`).set(...bearer(viewer)).expect(200)).body.requiredClauseTypes as Array<{ code: string }>).map((clause) => clause.code);
  /** The rows of the /actions page: kind, vendor, link, message (as the user sees them). */
  const pageRows = (html: string) =>
    [...html.matchAll(/<tr data-action="([a-z-]+)" data-vendor="([0-9a-f-]{36})"><td class="sev-[a-z]+">[^<]+<\/td><td><a href="([^"]+)" data-testid="action-link">([^<]+)<\/a>/g)]
      .map((match) => ({ kind: match[1], vendorId: match[2], href: match[3].replace(/&amp;/g, '&'), message: match[4] }));

  beforeAll(async () => {
    t = await createTestApp();
    viewer = await t.tokenFor('viewer');
    admin = await signIn(t, 'admin');
    asOf = today(t);

    // 1. A vendor whose one contract in force has none of its 14 required clause types reviewed (high tier:
    // communications, and my-number data, whose contract needs two more types, 番号法 Art. 11). The contract
    // records its retention period (legal-model.md §7), so the review is all that is left to do.
    const contractVendor = await activeVendor(t, { name: 'あおば通信株式会社', dataCategories: ['communications', 'my-number'], ownerEmail: 'compliance@example.test' });
    ids.contract = contractVendor.id;
    ids.contractOfContractVendor = (await newContract(t, contractVendor.id, { retentionPeriod: '契約終了後30日' })).id;

    // 2. A vendor whose periodic audit is 43 days overdue (medium tier: 24 months since activation).
    const auditVendor = await activeVendor(t, { name: 'いずみ運用株式会社', dataCategories: ['customer'], activeSince: addDays(addMonths(asOf, -24), -43) });
    ids.audit = auditVendor.id;
    ids.contractOfAuditVendor = (await newContract(t, auditVendor.id)).id;

    // 3. A foreign recipient (a US entity, legal-model.md §3) with no transfer basis recorded (high tier: abroad).
    // The external environment of the US is on record, so recording the basis is the one thing left to do.
    const foreignVendor = await activeVendor(t, { name: 'かもめクラウド Inc.', country: 'US', dataCategories: ['customer'] });
    ids.foreign = foreignVendor.id;
    foreignVersion = foreignVendor.version;
    ids.contractOfForeignVendor = (await newContract(t, foreignVendor.id)).id;
    await newAssessment(t, ids.foreign, { kind: 'foreign-regime', completedOn: asOf, outcome: 'approved', countries: ['US'] });

    required = { contract: await requiredOf(ids.contract), audit: await requiredOf(ids.audit), foreign: await requiredOf(ids.foreign) };
    await review(t, ids.contractOfAuditVendor, reviews(required.audit, 'present'));
    await review(t, ids.contractOfForeignVendor, reviews(required.foreign, 'present'));
  });
  afterAll(() => t.close());

  it('lists exactly three items, most urgent first, each linking to the page that fixes it', async () => {
    expect(required.contract.length).toBe(14);
    const list = await actions();
    expect(list.total).toBe(3);
    expect(list.items.map((item) => [item.vendorName, item.kind, item.severity, item.riskTier, item.dueDate, item.daysOverdue, item.responsibleRole, item.responsiblePerson, item.flagCount, item.href])).toEqual([
      ['いずみ運用株式会社', 'conduct-audit', 'critical', 'medium', addDays(asOf, -43), 43, 'compliance', null, 1, `/vendors/${ids.audit}/audits/new`],
      ['あおば通信株式会社', 'review-contract', 'critical', 'high', null, 0, 'legal', 'compliance@example.test', required.contract.length, `/contracts/${ids.contractOfContractVendor}`],
      ['かもめクラウド Inc.', 'record-transfer-basis', 'critical', 'high', null, 0, 'compliance', null, 1, `/vendors/${ids.foreign}/edit`],
    ]);
    // The viewer's language is English.
    expect(list.items[1].message).toBe(`Review the contract “業務委託契約書” (${required.contract.length} clause types not reviewed)`);

    // The page, in Japanese: the same three lines, and each link opens a page (200) for a user who can fix it.
    const rows = pageRows((await admin.get('/actions').expect(200)).text);
    expect(rows).toEqual([
      { kind: 'conduct-audit', vendorId: ids.audit, href: `/vendors/${ids.audit}/audits/new`, message: '定期監査を実施し、結果を記録してください' },
      { kind: 'review-contract', vendorId: ids.contract, href: `/contracts/${ids.contractOfContractVendor}`, message: `契約「業務委託契約書」の条項を確認してください（未確認の条項類型 ${required.contract.length} 件）` },
      { kind: 'record-transfer-basis', vendorId: ids.foreign, href: `/vendors/${ids.foreign}/edit`, message: '外国にある第三者への提供の根拠（個人情報保護法第28条）を記録してください' },
    ]);
    for (const row of rows) await admin.get(row.href).expect(200);
    // The transfer basis is a field of the vendor's edit form.
    expect((await admin.get(rows[2].href).expect(200)).text).toContain('<select id="transferBasis" name="transferBasis">');
  });

  it('filters by mine, role, kind and tier, in the API and on the page', async () => {
    const vendorsOf = async (query: string, token = viewer) => (await actions(query, token)).items.map((item) => item.vendorName);
    expect(await vendorsOf('?mine=true', await t.tokenFor('compliance'))).toEqual(['あおば通信株式会社']);
    expect(await vendorsOf('?mine=true')).toEqual([]);
    expect(await vendorsOf('?role=legal')).toEqual(['あおば通信株式会社']);
    expect(await vendorsOf('?role=compliance')).toEqual(['いずみ運用株式会社', 'かもめクラウド Inc.']);
    expect(await vendorsOf('?kind=conduct-audit')).toEqual(['いずみ運用株式会社']);
    expect(await vendorsOf('?kind=resolve-flag')).toEqual([]);
    expect(await vendorsOf('?riskTier=high')).toEqual(['あおば通信株式会社', 'かもめクラウド Inc.']);
    expect(await vendorsOf('?riskTier=high&role=compliance')).toEqual(['かもめクラウド Inc.']);
    // Another day: evaluated on that date (in a year the audit vendor is a year later overdue, the others have audits due too).
    const later = await actions(`?asOf=${addDays(asOf, 10)}&kind=conduct-audit`);
    expect(later.items.map((item) => [item.vendorName, item.daysOverdue])).toEqual([['いずみ運用株式会社', 53]]);
    expect(pageRows((await admin.get('/actions?riskTier=high&role=compliance').expect(200)).text).map((row) => row.vendorId)).toEqual([ids.foreign]);

    const refused = await t.http.get('/api/v1/actions?kind=dance&riskTier=extreme&mine=yes').set(...bearer(viewer)).expect(400);
    expect(fieldsNamed(refused.body.message)).toEqual(['mine', 'kind', 'riskTier']);
    expect((await admin.get('/actions?kind=dance').expect(400)).text).toContain('<ul class="problems"><li>種類: 選択肢の中から選んでください</li></ul>');
  });

  it('follows the vendor: a new owner, tier or name moves its stored action, and the counts with it', async () => {
    const adminToken = await t.tokenFor('admin');
    const change = async (body: Record<string, unknown>) => {
      const { version } = (await t.http.get(`/api/v1/vendors/${ids.audit}`).set(...bearer(adminToken)).expect(200)).body as { version: number };
      await t.http.patch(`/api/v1/vendors/${ids.audit}`).set(...bearer(adminToken)).send({ version, ...body }).expect(200);
    };
    const line = async (query: string, token = viewer) => (await actions(query, token)).items.map((item) => `${item.vendorName}/${item.riskTier}`);
    await change({ ownerEmail: 'compliance@example.test', riskTierOverride: 'high', riskTierOverrideReason: '重要な委託先', name: 'いずみ運用株式会社(新)' });
    expect(await line('?mine=true', await t.tokenFor('compliance'))).toEqual(['いずみ運用株式会社(新)/high', 'あおば通信株式会社/high']);
    expect(await line('?riskTier=high')).toEqual(['いずみ運用株式会社(新)/high', 'あおば通信株式会社/high', 'かもめクラウド Inc./high']);
    expect((await actions('?riskTier=medium')).total).toBe(0);
    expect((await actions('?riskTier=high')).total).toBe(3);
    // The dashboard's vendors by tier: each count links to the vendor list of that tier, whose total it equals.
    const tiers = async () => Object.fromEntries([...(await admin.get('/').expect(200)).text.matchAll(/<a href="\/vendors\?riskTier=([a-z]+)">[^<]+<\/a><\/td><td class="num">(\d+)<\/td>/g)].map((match) => [match[1], Number(match[2])]));
    // Both read the stored counts: the vendors' own rows say what they must be.
    const listed = async (tier: string) => {
      const total = (await t.http.get(`/api/v1/vendors?riskTier=${tier}`).set(...bearer(viewer)).expect(200)).body.total as number;
      expect([tier, total]).toEqual([tier, Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM vendors WHERE riskTier = ?', [tier]))[0].n)]);
      return total;
    };
    const before = await tiers();
    expect(before).toEqual({ high: await listed('high'), medium: await listed('medium'), low: await listed('low') });
    await change({ ownerEmail: null, riskTierOverride: null, riskTierOverrideReason: null, name: 'いずみ運用株式会社' });
    expect(await line('?mine=true', await t.tokenFor('compliance'))).toEqual(['あおば通信株式会社/high']);
    expect(await line('?riskTier=medium')).toEqual(['いずみ運用株式会社/medium']);
    expect((await actions('?riskTier=high')).total).toBe(2);
    const after = await tiers();
    expect(after).toEqual({ high: before.high - 1, medium: before.medium + 1, low: before.low });
    expect(after).toEqual({ high: await listed('high'), medium: await listed('medium'), low: await listed('low') });
  });

  it('shows counts on the dashboard equal to the lists they link to', async () => {
    const html = (await admin.get('/').expect(200)).text;
    const table = /<table data-testid="dashboard-actions">([\s\S]*?)<\/table>/.exec(html)![1];
    const counts = [...table.matchAll(/<a href="\/actions(?:\?kind=([a-z-]+))?">[^<]+<\/a><\/td><td class="num">(\d+)<\/td>/g)].map((match) => [match[1] ?? 'all', Number(match[2])] as const);
    expect(counts).toEqual([['review-contract', 1], ['conduct-audit', 1], ['record-transfer-basis', 1], ['all', 3]]);
    for (const [kind, count] of counts) {
      const page = (await admin.get(kind === 'all' ? '/actions' : `/actions?kind=${kind}`).expect(200)).text;
      expect(pageRows(page)).toHaveLength(count);
      expect(page).toContain(`<p data-testid="actions-total">${count} 件</p>`);
    }
  });

  it('removes each item once it is fixed', async () => {
    const kinds = async () => (await actions()).items.map((item) => `${item.kind}:${item.vendorName}`);

    // Legal reviews every required clause type of the contract.
    await review(t, ids.contractOfContractVendor, reviews(required.contract, 'present'));
    expect(await kinds()).toEqual(['conduct-audit:いずみ運用株式会社', 'record-transfer-basis:かもめクラウド Inc.']);

    // Compliance plans the audit: the item now opens that audit, and completing it with a result removes the item.
    const audit = await newAudit(t, ids.audit, { scheduledFor: asOf });
    expect((await actions('?kind=conduct-audit')).items.map((item) => item.href)).toEqual([`/audits/${audit.id}/edit`]);
    await admin.get(`/audits/${audit.id}/edit`).expect(200);
    await t.http.patch(`/api/v1/audits/${audit.id}`).set(...bearer(await t.tokenFor('compliance')))
      .send({ version: audit.version, status: 'completed', completedOn: asOf, result: 'satisfactory' }).expect(200);
    expect(await kinds()).toEqual(['record-transfer-basis:かもめクラウド Inc.']);

    // Compliance records the transfer basis, the vendor's 基準適合体制: that item goes, and the basis brings its own
    // duty, the check of the recipient's measures and the foreign regime (規則18, a review other than the external
    // environment's), a new line until it is on record.
    await t.http.patch(`/api/v1/vendors/${ids.foreign}`).set(...bearer(await t.tokenFor('compliance'))).send({ version: foreignVersion, transferBasis: 'equivalent-system' }).expect(200);
    const followUp = (await actions()).items;
    expect(followUp.map((item) => [item.kind, item.vendorName, item.href])).toEqual([['review-foreign-regime', 'かもめクラウド Inc.', `/vendors/${ids.foreign}/assessments/new`]]);
    await admin.get(followUp[0].href).expect(200);
    await newAssessment(t, ids.foreign, { kind: 'equivalent-measures-review', completedOn: asOf, outcome: 'approved' });
    expect(await actions()).toEqual({ items: [], total: 0, page: 1, pageSize: 50 });
    expect((await admin.get('/actions').expect(200)).text).toContain('やることはありません。');
    expect((await admin.get('/').expect(200)).text).toMatch(/<a href="\/actions">すべて<\/a><\/td><td class="num">0<\/td>/);
  });
});
