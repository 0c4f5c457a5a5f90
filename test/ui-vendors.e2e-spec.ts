import { bearer, createTestApp, TestApp } from './support/test-app';
import { CORPORATE_NUMBERS, newContract, newVendor } from './support/factories';
import { PageSession, signIn } from './ui/support';

describe('admin UI: vendor register pages', () => {
  let t: TestApp;
  let compliance: PageSession;
  let viewer: PageSession;
  beforeAll(async () => {
    t = await createTestApp();
    compliance = await signIn(t, 'compliance');
    viewer = await signIn(t, 'viewer');
  });
  afterAll(() => t.close());

  it('creates a vendor through the form, and shows invalid input inline with what was typed kept', async () => {
    const invalid = await compliance.post('/vendors', { name: '', corporateNumber: '1234567890123', country: 'JP', services: '保守', dataCategories: ['communications'] }).expect(400);
    expect(invalid.text).toMatch(/id="name"[^>]*aria-invalid="true"/);
    expect(invalid.text).toMatch(/id="corporateNumber-error"/);
    expect(invalid.text).toContain('value="1234567890123"');
    expect(invalid.text).toMatch(/value="communications" checked/);
    const created = await compliance.post('/vendors', { name: '株式会社テスト通信', corporateNumber: CORPORATE_NUMBERS[0], country: 'jp', dataLocations: 'JP, US', services: '保守', dataCategories: ['communications', 'customer'], status: 'active' }).expect(303);
    const page = await compliance.get(created.headers.location).expect(200);
    expect(page.text).toContain('株式会社テスト通信');
    expect(page.text).toContain('Risk tier &quot;high&quot;');
    expect(page.text).toContain('data-flag="no-contract"');
    const api = await t.http.get(`/api/v1/${created.headers.location.slice(1)}`).set(...bearer(await t.tokenFor('viewer'))).expect(200);
    expect(api.body).toMatchObject({ dataLocations: ['JP', 'US'], dataCategories: ['communications', 'customer'], reentrustmentAllowed: false });
  });

  it('edits a vendor, and on a stale version keeps the input and shows what is stored now', async () => {
    const vendor = await newVendor(t, { name: '編集前' });
    const form = await compliance.get(`/vendors/${vendor.id}/edit`).expect(200);
    expect(form.text).toContain('value="編集前"');
    await compliance.post(`/vendors/${vendor.id}`, { version: '1', name: '編集後', country: 'JP', status: 'candidate', services: 'x' }).expect(303);
    const stale = await compliance.post(`/vendors/${vendor.id}`, { version: '1', name: '私の変更', country: 'JP', status: 'candidate', services: 'x' }).expect(409);
    expect(stale.text).toContain('value="私の変更"');
    expect(stale.text).toContain('編集後');
    expect(stale.text).toContain('class="conflict"');
  });

  it('lists vendors with search, filters, sort and paging, and exports CSV', async () => {
    for (let index = 0; index < 3; index += 1) await newVendor(t, { name: `一覧テスト ${index}`, dataCategories: ['sensitive'] });
    const list = await viewer.get('/vendors?q=一覧テスト&riskTier=high&sort=-name').expect(200);
    const names = [...list.text.matchAll(/>(一覧テスト \d)</g)].map((match) => match[1]);
    expect(names).toEqual(['一覧テスト 2', '一覧テスト 1', '一覧テスト 0']);
    const csv = await viewer.get('/vendors/export.csv?q=一覧テスト').expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.split('\r\n').filter(Boolean)).toHaveLength(4);
    // A refused filter is named on the page, in the reader's language.
    expect((await viewer.get('/vendors?riskTier=extreme').expect(400)).text).toMatch(/<ul class="problems"><li>Risk tier: must be one of the following values: [a-z, ]+<\/li><\/ul>/);
  });

  it('shows the columns the user chose, in the list\'s order, and keeps them in the pager; an unknown column is a 400', async () => {
    await newVendor(t, { name: '列選択テスト株式会社', country: 'SG', dataCategories: ['communications', 'customer'], ownerEmail: 'yamada@outside.example', ownerName: '山田 太郎' });
    const chosen = (await viewer.get('/vendors?q=列選択テスト&columns=dataCategories&columns=owner,country').expect(200)).text;
    const headers = [...chosen.matchAll(/<th scope="col">([^<]+)<\/th>/g)].map((match) => match[1]);
    expect(headers).toEqual(['Vendor name', 'Country', 'Owner', 'Data categories']);
    expect(chosen).toMatch(/<tr><td><a href="\/vendors\/[0-9a-f-]{36}">列選択テスト株式会社<\/a><\/td><td>Singapore<\/td><td>山田 太郎<\/td><td>communications data \(通信の秘密\), customer personal data<\/td><\/tr>/);
    const checked = [...chosen.matchAll(/<input type="checkbox" name="columns" value="(\w+)" checked>/g)].map((match) => match[1]);
    expect(checked).toEqual(['country', 'owner', 'dataCategories']);

    // None chosen: the usual columns; and the pager keeps a choice.
    const usual = (await viewer.get('/vendors?q=列選択テスト').expect(200)).text;
    expect([...usual.matchAll(/<th scope="col">([^<]+)<\/th>/g)].map((match) => match[1])).toEqual(['Vendor name', 'Corporate number', 'Status', 'Risk tier', 'Compliance', 'Last audit', 'Next audit due', 'Updated']);
    for (let index = 0; index < 51; index += 1) await newVendor(t, { name: `列ページ ${String(index).padStart(2, '0')}` });
    const paged = (await viewer.get('/vendors?q=列ページ&columns=country').expect(200)).text;
    expect(paged).toContain('href="/vendors?q&#x3D;%E5%88%97%E3%83%9A%E3%83%BC%E3%82%B8&amp;columns&#x3D;country&amp;page&#x3D;2" rel="next"');

    const bad = await viewer.get('/vendors?columns=country,secret').expect(400);
    expect(bad.text).toContain('<ul class="problems"><li>Columns shown: must be one of the following values: corporateNumber, country, owner, dataCategories, relationship, status, riskTier, complianceStatus, lastAuditOn, nextAuditDue, updatedAt</li></ul>');
  });

  it('shows the vendor page with contracts and explained flags citing requirements', async () => {
    const vendor = await newVendor(t, { status: 'active', dataCategories: ['communications'] });
    const contract = await newContract(t, vendor.id);
    const page = await viewer.get(`/vendors/${vendor.id}`).expect(200);
    expect(page.text).toContain(`href="/contracts/${contract.id}"`);
    expect(page.text).toContain('data-flag="missing-clause:communications-secrecy"');
    expect(page.text).toMatch(/TBA Art\. 4/);
  });

  it('plans and records an audit and records a selection assessment from the vendor page', async () => {
    const vendor = await newVendor(t, { status: 'active' });
    expect((await compliance.get(`/vendors/${vendor.id}`).expect(200)).text).toContain('data-flag="selection-missing"');
    const bad = await compliance.post(`/vendors/${vendor.id}/assessments`, { kind: 'selection', completedOn: '', outcome: 'approved' }).expect(400);
    expect(bad.text).toMatch(/id="completedOn"[^>]*aria-invalid="true"/);
    await compliance.post(`/vendors/${vendor.id}/assessments`, { kind: 'selection', completedOn: '2024-01-10', outcome: 'approved', notes: '書面確認' }).expect(303);
    expect((await compliance.get(`/vendors/${vendor.id}`).expect(200)).text).not.toContain('data-flag="selection-missing"');
    await compliance.post(`/vendors/${vendor.id}/audits`, { kind: 'remote', scheduledFor: '2024-06-01' }).expect(303);
    const page = await compliance.get(`/vendors/${vendor.id}`).expect(200);
    const auditId = /href="\/audits\/([0-9a-f-]{36})\/edit"/.exec(page.text)![1];
    const future = await compliance.post(`/audits/${auditId}`, { version: '1', status: 'completed', completedOn: '2999-06-02', result: 'satisfactory' }).expect(400);
    expect(future.text).toMatch(/id="completedOn-error"[^>]*>cannot be in the future/);
    expect(future.text).toContain('value="2999-06-02"');
    await compliance.post(`/audits/${auditId}`, { version: '1', status: 'completed', completedOn: '2024-06-02', result: 'satisfactory', summary: '問題なし' }).expect(303);
    const stale = await compliance.post(`/audits/${auditId}`, { version: '1', status: 'completed', summary: '別の変更' }).expect(409);
    expect(stale.text).toContain('class="conflict"');
    const audits = await t.http.get(`/api/v1/vendors/${vendor.id}/audits`).set(...bearer(await t.tokenFor('viewer'))).expect(200);
    expect(audits.body.items[0]).toMatchObject({ status: 'completed', result: 'satisfactory' });

    // A finding on the audit, then closed from the findings list (a note is required to close it).
    const noTitle = await compliance.post(`/audits/${auditId}/findings`, { title: '', severity: 'high', dueOn: '2020-01-31' }).expect(400);
    expect(noTitle.text).toMatch(/id="title"[^>]*aria-invalid="true"/);
    await compliance.post(`/audits/${auditId}/findings`, { title: 'ログ保管期間の不足', severity: 'high', dueOn: '2020-01-31' }).expect(303);
    expect((await compliance.get(`/vendors/${vendor.id}`).expect(200)).text).toContain('data-flag="finding-overdue"');
    const findings = await compliance.get('/findings?status=open').expect(200);
    const findingId = /action="\/findings\/([0-9a-f-]{36})"/.exec(findings.text)![1];
    const refused = await compliance.post(`/findings/${findingId}`, { version: '1', status: 'resolved', back: '/findings' }).expect(400);
    // Shown on the finding's own form: the choice kept, the message beside the note field.
    expect(refused.text).toMatch(/<option value="resolved" selected>/);
    expect(refused.text).toMatch(/id="resolutionNote"[^>]*aria-invalid="true"/);
    expect(refused.text).toContain('id="resolutionNote-error"');
    const staleFinding = await compliance.post(`/findings/${findingId}`, { version: '7', status: 'risk-accepted', resolutionNote: '受容する', back: '/findings' }).expect(409);
    expect(staleFinding.text).toContain('class="conflict"');
    expect(staleFinding.text).toContain('受容する');
    await compliance.post(`/findings/${findingId}`, { version: '1', status: 'resolved', resolutionNote: '保管期間を1年に変更', back: '/findings' }).expect(303);
    expect((await compliance.get(`/vendors/${vendor.id}`).expect(200)).text).not.toContain('data-flag="finding-overdue"');
    expect((await viewer.get('/findings').expect(200)).text).not.toContain(`action="/findings/${findingId}"`);
    expect((await compliance.get('/findings').expect(200)).text).toContain(`action="/findings/${findingId}"`);
    await viewer.post(`/findings/${findingId}`, { version: '2', status: 'open' }).expect(403);
  });

  it('shows a viewer no edit controls, where compliance sees each of them, and refuses a forged POST (403)', async () => {
    const vendor = await newVendor(t);
    const controls = ['edit-vendor', 'new-contract', 'plan-audit', 'record-assessment'].map((control) => `data-testid="${control}"`);
    const page = await viewer.get(`/vendors/${vendor.id}`).expect(200);
    expect(controls.filter((control) => page.text.includes(control))).toEqual([]);
    const writers = await compliance.get(`/vendors/${vendor.id}`).expect(200);
    expect(controls.filter((control) => !writers.text.includes(control))).toEqual([]);
    await viewer.post(`/vendors/${vendor.id}/audits`, { kind: 'remote', scheduledFor: '2024-06-01' }).expect(403);
    expect((await viewer.get('/vendors').expect(200)).text).not.toContain('data-testid="new-vendor"');
    expect((await compliance.get('/vendors').expect(200)).text).toContain('data-testid="new-vendor"');
    await viewer.get(`/vendors/${vendor.id}/edit`).expect(403);
    await viewer.post(`/vendors/${vendor.id}`, { version: '1', name: 'forged', country: 'JP' }).expect(403);
    await viewer.post('/vendors', { name: 'forged', country: 'JP' }).expect(403);
  });

  it('shows the vendor\'s audit trail (who changed which field) to compliance, not to a viewer', async () => {
    const vendor = await newVendor(t, { name: '履歴テスト' });
    await compliance.post(`/vendors/${vendor.id}`, { version: '1', name: '履歴テスト改', country: 'JP', status: 'candidate', services: 'hosting operations' }).expect(303);
    const page = await compliance.get(`/vendors/${vendor.id}`).expect(200);
    const trail = page.text.slice(page.text.indexOf('data-testid="vendor-history"'));
    expect(trail).toContain('<td>Test compliance</td>'); // the actor by name, not by e-mail address
    expect(trail).toContain('<li>Vendor name: 履歴テスト → 履歴テスト改</li>');
    expect(trail).toMatch(/>updated</);
    expect(trail).toMatch(/>created</);
    expect((await viewer.get(`/vendors/${vendor.id}`).expect(200)).text).not.toContain('data-testid="vendor-history"');
  });

  it('shows form errors in the user\'s language: Japanese for a Japanese-speaking user', async () => {
    const admin = await signIn(t, 'admin'); // the first admin speaks Japanese
    const invalid = await admin.post('/vendors', { name: '', corporateNumber: '1234567890123', country: 'ジパング', ownerEmail: 'nobody', services: 'x' }).expect(400);
    const errorOf = (id: string) => new RegExp(`id="${id}-error">([^<]*)<`).exec(invalid.text)?.[1];
    expect(errorOf('name')).toBe('入力してください');
    expect(errorOf('corporateNumber')).toBe('正しい法人番号(13桁、チェックディジット付き)を入力してください');
    expect(errorOf('country')).toBe('ISO 3166-1の2文字の国コード(例: JP)で入力してください');
    expect(errorOf('ownerEmail')).toBe('メールアドレスの形式で入力してください');
    // An English-speaking user keeps the validators' English.
    const english = await compliance.post('/vendors', { name: '', services: 'x' }).expect(400);
    expect(english.text).not.toContain('入力してください');
  });
});
