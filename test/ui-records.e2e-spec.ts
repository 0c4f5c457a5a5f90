import { bearer, createTestApp, TestApp } from './support/test-app';
import { addMonths } from '../src/rules/calendar';
import { newContract, newVendor, today } from './support/factories';
import { PageSession, signIn } from './ui/support';

describe('admin UI: forms for subcontractors, certificates, deletion certificates, contracts and user roles', () => {
  let t: TestApp;
  let compliance: PageSession;
  let viewer: PageSession;
  const api = async (path: string) => (await t.http.get(`/api/v1${path}`).set(...bearer(await t.tokenFor('viewer'))).expect(200)).body.items;
  beforeAll(async () => {
    t = await createTestApp();
    compliance = await signIn(t, 'compliance');
    viewer = await signIn(t, 'viewer');
  });
  afterAll(() => t.close());

  it('registers subcontractors (pending with an objection deadline, or approved), keeping invalid input inline', async () => {
    const vendor = await newVendor(t, { status: 'active', reentrustmentAllowed: true });
    const page = await compliance.get(`/vendors/${vendor.id}`).expect(200);
    expect(page.text).toContain(`href="/vendors/${vendor.id}/subcontractors/new"`);
    const empty = await compliance.get(`/vendors/${vendor.id}/subcontractors/new`).expect(200);
    expect(empty.text).toContain(`<form method="post" action="/vendors/${vendor.id}/subcontractors"`);
    expect(['name', 'country', 'services', 'parentId', 'approvedOn', 'approvedBy'].filter((field) => !empty.text.includes(`name="${field}"`))).toEqual([]);

    const invalid = await compliance.post(`/vendors/${vendor.id}/subcontractors`, { name: '', country: 'XX', services: 'データセンター運用' }).expect(400);
    expect(invalid.text).toMatch(/id="name"[^>]*aria-invalid="true"/);
    expect(invalid.text).toMatch(/id="country-error"/);
    expect(invalid.text).toContain('データセンター運用');

    await compliance.post(`/vendors/${vendor.id}/subcontractors`, { name: '株式会社再委託', country: 'jp', services: 'データセンター運用' }).expect(303);
    const [pending] = await api(`/vendors/${vendor.id}/subcontractors`);
    expect(pending).toMatchObject({ name: '株式会社再委託', country: 'JP', status: 'pending' });
    expect(pending.objectionDeadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const form = await compliance.get(`/vendors/${vendor.id}/subcontractors/new`).expect(200);
    expect(form.text).toContain(`<option value="${pending.id}"`);
    await compliance.post(`/vendors/${vendor.id}/subcontractors`, { name: '孫請け', country: 'US', services: 'バックアップ', parentId: pending.id, approvedOn: '2024-01-10', approvedBy: '法務部' }).expect(303);
    const rows = await api(`/vendors/${vendor.id}/subcontractors`);
    expect(rows[1]).toMatchObject({ name: '孫請け', parentId: pending.id, status: 'approved', approvedOn: '2024-01-10', approvedBy: '法務部', depth: 2, objectionDeadline: null });

    const shown = await viewer.get(`/vendors/${vendor.id}`).expect(200);
    expect(shown.text).toContain('株式会社再委託');
    expect(shown.text).toContain('孫請け');
  });

  it('approves, objects (with a required reason) and withdraws subcontractors; a stale version keeps the input', async () => {
    const vendor = await newVendor(t, { status: 'active', reentrustmentAllowed: true });
    await compliance.post(`/vendors/${vendor.id}/subcontractors`, { name: '承認する先', country: 'JP', services: 'x' }).expect(303);
    await compliance.post(`/vendors/${vendor.id}/subcontractors`, { name: '異議を出す先', country: 'JP', services: 'y' }).expect(303);
    const [first, second] = await api(`/vendors/${vendor.id}/subcontractors`);
    const page = await compliance.get(`/vendors/${vendor.id}`).expect(200);
    expect(page.text).toContain(`action="/subcontractors/${first.id}"`);
    expect(page.text).toContain('data-testid="object-subcontractor"');

    await compliance.post(`/subcontractors/${first.id}`, { version: String(first.version), status: 'approved' }).expect(303);
    const noReason = await compliance.post(`/subcontractors/${second.id}`, { version: String(second.version), status: 'objected', objectionReason: '' }).expect(400);
    expect(noReason.text).toMatch(/id="objectionReason-error"/);
    await compliance.post(`/subcontractors/${second.id}`, { version: String(second.version), status: 'objected', objectionReason: '所在国の制度が不明' }).expect(303);

    const stale = await compliance.post(`/subcontractors/${second.id}`, { version: String(second.version), status: 'withdrawn', objectionReason: '私の入力' }).expect(409);
    expect(stale.text).toContain('class="conflict"');
    expect(stale.text).toContain('私の入力');
    expect(stale.text).toContain('所在国の制度が不明');
    const rows = await api(`/vendors/${vendor.id}/subcontractors`);
    expect(rows.map((row: { status: string }) => row.status)).toEqual(['approved', 'objected']);
    await compliance.post(`/subcontractors/${second.id}`, { version: String(rows[1].version), status: 'withdrawn' }).expect(303);
    expect((await api(`/vendors/${vendor.id}/subcontractors`))[1]).toMatchObject({ status: 'withdrawn', objectionReason: '所在国の制度が不明' });
  });

  it('offers exactly the moves the subcontractor lifecycle allows, and refuses a forged withdrawn → approved (409)', async () => {
    const vendor = await newVendor(t, { status: 'active', reentrustmentAllowed: true });
    for (const name of ['保留中の先', '承認済みの先', '異議の先', '終了した先']) {
      await compliance.post(`/vendors/${vendor.id}/subcontractors`, { name, country: 'JP', services: 'x' }).expect(303);
    }
    const byName = async () => Object.fromEntries((await api(`/vendors/${vendor.id}/subcontractors`)).map((row: { name: string }) => [row.name, row]));
    const { 承認済みの先: approved, 異議の先: objected, 終了した先: withdrawn } = await byName();
    await compliance.post(`/subcontractors/${approved.id}`, { version: '1', status: 'approved' }).expect(303);
    await compliance.post(`/subcontractors/${objected.id}`, { version: '1', status: 'objected', objectionReason: '理由' }).expect(303);
    await compliance.post(`/subcontractors/${withdrawn.id}`, { version: '1', status: 'approved' }).expect(303);
    await compliance.post(`/subcontractors/${withdrawn.id}`, { version: '2', status: 'withdrawn' }).expect(303);

    const page = (await compliance.get(`/vendors/${vendor.id}`).expect(200)).text;
    const table = page.slice(page.indexOf('data-testid="subcontractors"'));
    const controlsOf = (name: string) => {
      const row = table.split('<tr>').find((cells) => cells.includes(`<td>${name} `))!;
      return [...row.matchAll(/data-testid="(\w+)-subcontractor"/g)].map((match) => match[1]);
    };
    expect(controlsOf('保留中の先')).toEqual(['approve', 'object']);
    expect(controlsOf('承認済みの先')).toEqual(['withdraw']);
    expect(controlsOf('異議の先')).toEqual(['withdraw']);
    expect(controlsOf('終了した先')).toEqual([]);

    // A forged post of a move the page does not offer: refused, shown on the subcontractor's page, nothing written.
    const forged = await compliance.post(`/subcontractors/${withdrawn.id}`, { version: '3', status: 'approved' }).expect(409);
    expect(forged.text).toContain('data-testid="stored-subcontractor"');
    expect(forged.text).not.toContain(`action="/subcontractors/${withdrawn.id}"`);
    const refused = await compliance.post(`/subcontractors/${objected.id}`, { version: '1', status: 'approved' }).expect(409);
    expect([...refused.text.matchAll(/<option value="(\w+)"/g)].map((match) => match[1])).toEqual(['withdrawn']);
    const stored = await byName();
    expect(Object.keys(stored).sort().map((name) => [name, stored[name].status])).toEqual([['保留中の先', 'pending'], ['異議の先', 'objected'], ['承認済みの先', 'approved'], ['終了した先', 'withdrawn']].sort());
  });

  it('offers on the vendor, audit and finding forms the current status and only the lifecycle moves from it', async () => {
    const optionsIn = (html: string, selectId: string) => {
      const select = new RegExp(`<select id="${selectId}"[^>]*>([\\s\\S]*?)</select>`).exec(html)![1];
      return [...select.matchAll(/<option value="([\w-]+)"/g)].map((match) => match[1]);
    };
    const vendor = await newVendor(t, { status: 'active' });
    expect(optionsIn((await compliance.get(`/vendors/${vendor.id}/edit`).expect(200)).text, 'status')).toEqual(['active', 'offboarding']);
    expect(optionsIn((await compliance.get('/vendors/new').expect(200)).text, 'status')).toEqual(['candidate', 'active', 'offboarding', 'terminated']);

    await compliance.post(`/vendors/${vendor.id}/audits`, { kind: 'remote', scheduledFor: '2024-06-01' }).expect(303);
    const auditId = /href="\/audits\/([0-9a-f-]{36})\/edit"/.exec((await compliance.get(`/vendors/${vendor.id}`).expect(200)).text)![1];
    expect(optionsIn((await compliance.get(`/audits/${auditId}/edit`).expect(200)).text, 'status')).toEqual(['planned', 'in-progress', 'completed', 'cancelled']);
    await compliance.post(`/audits/${auditId}`, { version: '1', status: 'in-progress' }).expect(303);
    expect(optionsIn((await compliance.get(`/audits/${auditId}/edit`).expect(200)).text, 'status')).toEqual(['in-progress', 'completed', 'cancelled']);
    await compliance.post(`/audits/${auditId}`, { version: '2', status: 'completed', completedOn: '2024-06-02', result: 'minor-issues' }).expect(303);
    expect(optionsIn((await compliance.get(`/audits/${auditId}/edit`).expect(200)).text, 'status')).toEqual(['completed']);

    await compliance.post(`/audits/${auditId}/findings`, { title: '選択肢の確認', severity: 'low', dueOn: '2099-01-31' }).expect(303);
    const [finding] = await api(`/audits/${auditId}/findings`);
    await compliance.post(`/findings/${finding.id}`, { version: '1', status: 'resolved', resolutionNote: '対応済み', back: '/findings' }).expect(303);
    const list = (await compliance.get('/findings?status=resolved').expect(200)).text;
    const row = list.split('<tr>').find((cells) => cells.includes(`action="/findings/${finding.id}"`))!;
    expect([...row.matchAll(/<option value="([\w-]+)"/g)].map((match) => match[1])).toEqual(['resolved', 'open']);
  });

  it('shows a planned audit on its day of the month calendar, Monday first', async () => {
    const vendor = await newVendor(t, { name: '暦の委託先', status: 'active' });
    await compliance.post(`/vendors/${vendor.id}/audits`, { kind: 'on-site', scheduledFor: '2026-02-01' }).expect(303);
    const page = (await compliance.get('/audits?view=calendar&month=2026-02').expect(200)).text;
    expect(page).toContain('href="/audits?view=calendar&amp;month=2026-01"');
    expect(page).toContain('href="/audits?view=calendar&amp;month=2026-03"');
    const firstWeek = /<tbody>\s*<tr>([\s\S]*?)<\/tr>/.exec(page)![1].split('<td>').slice(1);
    expect(firstWeek.map((cell) => /<strong>(\d+)<\/strong>/.exec(cell)?.[1] ?? '')).toEqual(['', '', '', '', '', '', '1']);
    expect(firstWeek[6]).toContain(`<a href="/vendors/${vendor.id}">暦の委託先</a>`);
    // A month that is not YYYY-MM shows the current month instead of an error.
    const fallback = (await compliance.get('/audits?view=calendar&month=2026-13').expect(200)).text;
    expect(fallback).toContain(`href="/audits?view=calendar&amp;month=${addMonths(`${today(t).slice(0, 7)}-01`, 1).slice(0, 7)}"`);
  });

  it('records a certificate and a deletion certificate, with invalid input shown inline and kept', async () => {
    const vendor = await newVendor(t, { status: 'active' });
    const contract = await newContract(t, vendor.id, { title: '対象の契約' });
    const page = await compliance.get(`/vendors/${vendor.id}`).expect(200);
    expect(page.text).toContain(`href="/vendors/${vendor.id}/certificates/new"`);
    expect(page.text).toContain(`href="/vendors/${vendor.id}/deletion-certificates/new"`);
    const certificateForm = await compliance.get(`/vendors/${vendor.id}/certificates/new`).expect(200);
    expect(certificateForm.text).toContain(`<form method="post" action="/vendors/${vendor.id}/certificates"`);
    expect(['kind', 'issuer', 'number', 'scope', 'validUntil'].filter((field) => !certificateForm.text.includes(`name="${field}"`))).toEqual([]);

    const badCertificate = await compliance.post(`/vendors/${vendor.id}/certificates`, { kind: 'iso27001', issuer: 'JQA', number: 'IS 12345', validUntil: '2027-02-30' }).expect(400);
    expect(badCertificate.text).toMatch(/id="validUntil"[^>]*aria-invalid="true"/);
    expect(badCertificate.text).toContain('value="IS 12345"');
    expect(badCertificate.text).toMatch(/value="iso27001" selected/);
    await compliance.post(`/vendors/${vendor.id}/certificates`, { kind: 'iso27001', issuer: 'JQA', number: 'IS 12345', scope: '本社', validUntil: '2027-09-30' }).expect(303);
    expect(await api(`/vendors/${vendor.id}/certificates`)).toEqual([expect.objectContaining({ kind: 'iso27001', issuer: 'JQA', number: 'IS 12345', scope: '本社', validUntil: '2027-09-30' })]);

    const form = await compliance.get(`/vendors/${vendor.id}/deletion-certificates/new`).expect(200);
    expect(form.text).toContain(`<option value="${contract.id}"`);
    const badDeletion = await compliance.post(`/vendors/${vendor.id}/deletion-certificates`, { receivedOn: '', contractId: contract.id, note: '消去済み' }).expect(400);
    expect(badDeletion.text).toMatch(/id="receivedOn"[^>]*aria-invalid="true"/);
    expect(badDeletion.text).toContain('消去済み');
    expect(badDeletion.text).toContain(`value="${contract.id}" selected`);
    const other = await newContract(t, (await newVendor(t)).id);
    const foreign = await compliance.post(`/vendors/${vendor.id}/deletion-certificates`, { receivedOn: '2024-05-01', contractId: other.id }).expect(400);
    expect(foreign.text).toMatch(/id="contractId-error"/);
    await compliance.post(`/vendors/${vendor.id}/deletion-certificates`, { receivedOn: '2024-05-01', contractId: contract.id, note: '消去済み' }).expect(303);
    expect(await api(`/vendors/${vendor.id}/deletion-certificates`)).toEqual([expect.objectContaining({ receivedOn: '2024-05-01', contractId: contract.id, note: '消去済み' })]);

    const shown = await viewer.get(`/vendors/${vendor.id}`).expect(200);
    expect(shown.text).toContain('IS 12345');
    expect(shown.text).toContain('2024-05-01 (対象の契約) — 消去済み');
  });

  it('edits a contract (allowed status moves only); invalid input and a stale version keep what was typed', async () => {
    const legal = await signIn(t, 'legal');
    const vendor = await newVendor(t, { status: 'active' });
    const contract = await newContract(t, vendor.id, { title: '編集前の契約', status: 'in-review', signedOn: null });
    const page = await legal.get(`/vendors/${vendor.id}`).expect(200);
    expect(page.text).toContain(`href="/contracts/${contract.id}/edit"`);
    expect((await legal.get(`/contracts/${contract.id}`).expect(200)).text).toContain(`href="/contracts/${contract.id}/edit"`);
    expect((await viewer.get(`/contracts/${contract.id}`).expect(200)).text).not.toContain('data-testid="edit-contract"');
    expect((await legal.get(`/contracts/${contract.id}`).expect(200)).text).toContain('data-testid="edit-contract"');
    const form = await legal.get(`/contracts/${contract.id}/edit`).expect(200);
    expect(form.text).toContain('value="編集前の契約"');
    expect(form.text).toContain('name="version" value="1"');
    const fields = { title: '変更後の契約', kind: 'entrustment', status: 'signed', signedOn: '2020-03-15', effectiveFrom: '2020-04-01', expiresOn: '2027-03-31', autoRenew: 'true', noticeDays: '90', governingLaw: '日本法', documentRef: 'DMS-1' };

    const invalid = await legal.post(`/contracts/${contract.id}`, { ...fields, version: '1', effectiveFrom: '', noticeDays: 'abc' }).expect(400);
    expect(invalid.text).toMatch(/id="effectiveFrom"[^>]*aria-invalid="true"/);
    expect(invalid.text).toMatch(/id="noticeDays-error"/);
    expect(invalid.text).toContain('value="変更後の契約"');
    expect(invalid.text).toContain('value="abc"');

    await legal.post(`/contracts/${contract.id}`, { ...fields, version: '1' }).expect(303);
    expect((await t.http.get(`/api/v1/contracts/${contract.id}`).set(...bearer(await t.tokenFor('viewer'))).expect(200)).body).toMatchObject({
      title: '変更後の契約', status: 'signed', expiresOn: '2027-03-31', autoRenew: true, noticeDays: 90, governingLaw: '日本法', documentRef: 'DMS-1', version: 2,
    });
    expect((await legal.get(`/vendors/${vendor.id}`).expect(200)).text).toContain('変更後の契約');

    const signed = await legal.get(`/contracts/${contract.id}/edit`).expect(200);
    expect(signed.text).not.toContain('<option value="draft"');
    expect(signed.text).toContain('<option value="terminated"');
    const backwards = await legal.post(`/contracts/${contract.id}`, { ...fields, version: '2', status: 'draft' }).expect(409);
    expect(backwards.text).toMatch(/id="status-error"/);

    const stale = await legal.post(`/contracts/${contract.id}`, { ...fields, version: '1', title: '私の変更' }).expect(409);
    expect(stale.text).toContain('class="conflict"');
    expect(stale.text).toContain('value="私の変更"');
    expect(stale.text).toMatch(/data-testid="stored-contract"[\s\S]*変更後の契約/);
    expect(stale.text).toContain('name="version" value="2"');
    await viewer.post(`/contracts/${contract.id}`, { ...fields, version: '2' }).expect(403);
  });

  it('changes a user\'s role and language on the users page; the last admin and a stale version are refused inline', async () => {
    const admin = await signIn(t, 'admin');
    await t.tokenFor('legal');
    const users = async () => (await t.http.get('/api/v1/users?pageSize=100').set(...bearer(await t.tokenFor('admin'))).expect(200)).body.items as Array<Record<string, any>>;
    const legalUser = (await users()).find((user) => user.email === 'legal@example.test')!;
    const page = await admin.get('/users').expect(200);
    expect(page.text).toContain(`id="role-${legalUser.id}"`);

    const invalid = await admin.post(`/users/${legalUser.id}`, { version: String(legalUser.version), role: 'owner', locale: 'en' }).expect(400);
    expect(invalid.text).toMatch(new RegExp(`id="user-${legalUser.id}-error"`));
    await admin.post(`/users/${legalUser.id}`, { version: String(legalUser.version), role: 'compliance', locale: 'en' }).expect(303);
    const changed = (await users()).find((user) => user.id === legalUser.id)!;
    expect(changed).toMatchObject({ role: 'compliance', locale: 'en', active: true, version: legalUser.version + 1 });

    const stale = await admin.post(`/users/${legalUser.id}`, { version: String(legalUser.version), role: 'viewer', locale: 'ja' }).expect(409);
    const row = new RegExp(`id="role-${legalUser.id}"[^>]*aria-invalid="true"[\\s\\S]*?<option value="viewer" selected>`);
    expect(stale.text).toMatch(row);
    expect(stale.text).toMatch(new RegExp(`id="user-${legalUser.id}-error"`));

    // The refusal's English wording is checked: the first admin reads this page in English (the Japanese walk test reads it in Japanese).
    await t.setLocale('admin', 'en');
    const me = (await users()).find((user) => user.role === 'admin' && user.active)!;
    expect((await users()).filter((user) => user.role === 'admin' && user.active)).toHaveLength(1);
    const last = await admin.post(`/users/${me.id}`, { version: String(me.version), role: 'viewer', locale: me.locale }).expect(409);
    expect(last.text).toMatch(new RegExp(`id="user-${me.id}-error"[^>]*>[^<]*last active admin`));
    expect(last.text).toMatch(new RegExp(`id="role-${me.id}"[^>]*aria-invalid="true"[\\s\\S]*?<option value="viewer" selected>`));
    expect((await users()).find((user) => user.id === me.id)).toMatchObject({ role: 'admin' });
    await admin.post(`/users/${legalUser.id}`, { version: String(changed.version), role: 'legal', locale: 'ja' }).expect(303);

    await viewer.get('/users').expect(403);
    await viewer.post(`/users/${legalUser.id}`, { version: String(changed.version + 1), role: 'admin' }).expect(403);
    await compliance.post(`/users/${legalUser.id}`, { version: String(changed.version + 1), role: 'admin' }).expect(403);
    expect((await users()).find((user) => user.id === legalUser.id)).toMatchObject({ role: 'legal' });
  });

  it('shows a viewer none of the new controls, and refuses a viewer\'s forged posts', async () => {
    const vendor = await newVendor(t, { status: 'active', reentrustmentAllowed: true });
    await newContract(t, vendor.id);
    await compliance.post(`/vendors/${vendor.id}/subcontractors`, { name: '閲覧者テスト', country: 'JP', services: 'x' }).expect(303);
    // An approved one as well: only an approved subcontractor can be withdrawn (再委託終了), so the withdraw control shows on it.
    await compliance.post(`/vendors/${vendor.id}/subcontractors`, { name: '承認済みの再委託先', country: 'JP', services: 'x', approvedOn: '2024-04-01', approvedBy: '法務部' }).expect(303);
    const row = (await api(`/vendors/${vendor.id}/subcontractors`)).find((subcontractor: { name: string }) => subcontractor.name === '閲覧者テスト');
    const page = await viewer.get(`/vendors/${vendor.id}`).expect(200);
    expect(page.text).toContain('閲覧者テスト');
    const controls = ['new-subcontractor', 'approve-subcontractor', 'withdraw-subcontractor', 'object-subcontractor', 'new-certificate', 'new-deletion', 'edit-contract']
      .map((control) => `data-testid="${control}"`).concat(`action="/subcontractors/${row.id}"`);
    expect(controls.filter((control) => page.text.includes(control))).toEqual([]);
    // The same page shows compliance every one of them.
    const writers = await compliance.get(`/vendors/${vendor.id}`).expect(200);
    expect(controls.filter((control) => !writers.text.includes(control))).toEqual([]);
    await viewer.post(`/vendors/${vendor.id}/subcontractors`, { name: '偽造', country: 'JP', services: 'x' }).expect(403);
    await viewer.post(`/subcontractors/${row.id}`, { version: String(row.version), status: 'approved' }).expect(403);
    await viewer.post(`/vendors/${vendor.id}/certificates`, { kind: 'soc2', validUntil: '2027-01-01' }).expect(403);
    await viewer.post(`/vendors/${vendor.id}/deletion-certificates`, { receivedOn: '2024-01-01' }).expect(403);
    expect(await api(`/vendors/${vendor.id}/subcontractors`)).toHaveLength(2);
    expect(await api(`/vendors/${vendor.id}/certificates`)).toHaveLength(0);
  });
});
