import { CLAUSE_TYPES } from '../src/rules/clause-types';
import { createTestApp, TestApp } from './support/test-app';
import { activeVendor, newContract, review } from './support/factories';
import { PageSession, signIn } from './ui/support';

describe('admin UI: contracts and legal\'s clause checklist', () => {
  let t: TestApp;
  let legal: PageSession;
  let viewer: PageSession;
  beforeAll(async () => {
    t = await createTestApp();
    legal = await signIn(t, 'legal');
    viewer = await signIn(t, 'viewer');
  });
  afterAll(() => t.close());

  it('records a contract through the form, with inline errors for bad dates', async () => {
    const vendor = await activeVendor(t);
    const bad = await legal.post(`/vendors/${vendor.id}/contracts`, { title: '業務委託契約書', kind: 'entrustment', status: 'signed', effectiveFrom: '2024-13-01' }).expect(400);
    expect(bad.text).toMatch(/id="effectiveFrom"[^>]*aria-invalid="true"/);
    expect(bad.text).toContain('value="業務委託契約書"');
    const created = await legal.post(`/vendors/${vendor.id}/contracts`, { title: '業務委託契約書', kind: 'entrustment', status: 'signed', effectiveFrom: '2024-04-01', noticeDays: '30', expiresOn: '2099-03-31' }).expect(303);
    expect(created.headers.location).toMatch(/^\/contracts\/[0-9a-f-]{36}$/);
    const page = await legal.get(created.headers.location).expect(200);
    expect(page.text.match(/<tr data-clause=/g)).toHaveLength(CLAUSE_TYPES.length);
    expect(page.text).toContain('name="status__scope-purpose"');
  });

  it('saves the checklist, marks required rows with why, and clears the missing-clause flag', async () => {
    const vendor = await activeVendor(t, { dataCategories: ['communications'] });
    const contract = await newContract(t, vendor.id);
    const before = await legal.get(`/vendors/${vendor.id}`).expect(200);
    expect(before.text).toContain('data-flag="missing-clause:communications-secrecy"');
    const page = await legal.get(`/contracts/${contract.id}`).expect(200);
    expect(page.text).toMatch(/data-clause="communications-secrecy">[\s\S]*?required[\s\S]*?TBA Art\. 4/);
    const form: Record<string, string> = { version: '1' };
    for (const match of page.text.matchAll(/data-clause="([a-z-]+)"/g)) form[`status__${match[1]}`] = 'present';
    form['section__communications-secrecy'] = '第12条';
    await legal.post(`/contracts/${contract.id}/checklist`, form).expect(303);
    const after = await legal.get(`/vendors/${vendor.id}`).expect(200);
    expect(after.text).not.toContain('data-flag="missing-clause');
    const saved = await legal.get(`/contracts/${contract.id}`).expect(200);
    expect(saved.text).toContain('value="第12条"');
    await legal.post(`/contracts/${contract.id}/checklist/approve`, { version: saved.text.match(/name="version" value="(\d+)"/)![1] }).expect(303);
    expect((await legal.get(`/contracts/${contract.id}`).expect(200)).text).toContain('Approved by Test legal');
  });

  it('shows a version conflict plainly, keeping the input and showing what is stored now', async () => {
    const vendor = await activeVendor(t);
    const contract = await newContract(t, vendor.id);
    await review(t, contract.id, { 'audit-rights': 'partial' }); // someone else, after the page was opened at version 1
    const conflict = await legal.post(`/contracts/${contract.id}/checklist`, { version: '1', 'status__audit-rights': 'present', 'section__audit-rights': '第9条', 'note__audit-rights': '監査条項あり' }).expect(409);
    expect(conflict.text).toContain('data-testid="conflict"');
    expect(conflict.text).toContain('value="第9条"');
    expect(conflict.text).toContain('監査条項あり');
    expect(conflict.text).toMatch(/Stored now: partial/);
    expect(conflict.text).toContain('name="version" value="2"');
  });

  it('refuses approval while required rows are not reviewed, saying which', async () => {
    const vendor = await activeVendor(t);
    const contract = await newContract(t, vendor.id);
    const refused = await legal.post(`/contracts/${contract.id}/checklist/approve`, { version: '1' }).expect(409);
    expect(refused.text).toContain('required clause types not reviewed yet');
  });

  it('shows a viewer the checklist read-only and refuses forged writes', async () => {
    const vendor = await activeVendor(t);
    const contract = await newContract(t, vendor.id);
    const page = await viewer.get(`/contracts/${contract.id}`).expect(200);
    expect(page.text).not.toContain('<select');
    expect(page.text).not.toContain('data-testid="approve-checklist"');
    // Legal gets one review select per clause type and the sign-off button on the same page.
    const writable = await legal.get(`/contracts/${contract.id}`).expect(200);
    expect(writable.text.match(/<select[^>]*name="status__/g)).toHaveLength(CLAUSE_TYPES.length);
    expect(writable.text).toContain('data-testid="approve-checklist"');
    await viewer.post(`/contracts/${contract.id}/checklist`, { version: '1', 'status__audit-rights': 'present' }).expect(403);
    await viewer.post(`/contracts/${contract.id}/checklist/approve`, { version: '1' }).expect(403);
    await viewer.get(`/vendors/${vendor.id}/contracts/new`).expect(403);
  });
});
