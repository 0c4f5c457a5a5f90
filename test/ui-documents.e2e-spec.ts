import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispositionName, pdfOf } from './support/documents';
import { activeVendor, newContract } from './support/factories';
import { binary } from './support/register-files';
import { bearer, createTestApp, TestApp } from './support/test-app';
import { PageSession, signIn } from './ui/support';

/** Documents in the admin UI, through the pages as a browser without scripts uses them. */
describe('admin UI: documents and evidence', () => {
  let t: TestApp;
  let legal: PageSession;
  let compliance: PageSession;
  let viewer: PageSession;
  let admin: PageSession;
  let folder: string;
  beforeAll(async () => {
    t = await createTestApp();
    folder = mkdtempSync(join(tmpdir(), 'ui-documents-'));
    legal = await signIn(t, 'legal');
    compliance = await signIn(t, 'compliance');
    viewer = await signIn(t, 'viewer');
    admin = await signIn(t, 'admin'); // speaks Japanese
  });
  afterAll(async () => {
    await t.close();
    rmSync(folder, { recursive: true, force: true });
  });

  /** Posts the page's own upload form: its action (with the CSRF token in the query string) and a file. */
  const submitUpload = async (session: PageSession, pagePath: string, bytes: Buffer, name: string, fields: Record<string, string> = {}) => {
    const page = await session.get(pagePath).expect(200);
    const action = /<form method="post" action="([^"]+)" enctype="multipart\/form-data"/.exec(page.text)?.[1];
    if (!action) throw new Error(`no upload form on ${pagePath}`);
    let request = t.http.post(action.replace(/&amp;/g, '&')).set('Cookie', session.cookie);
    for (const [field, value] of Object.entries(fields)) request = request.field(field, value);
    return request.attach('file', bytes, name);
  };
  const sha256sum = (bytes: Buffer) => {
    const path = join(folder, `f-${Math.random().toString(36).slice(2)}`);
    writeFileSync(path, bytes);
    return execFileSync('sha256sum', [path]).toString().split(' ')[0];
  };
  const rows = async () => Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM file_versions'))[0].n);

  it('shows the contract\'s current document beside the clauses, uploaded from the checklist page, with its SHA-256', async () => {
    const vendor = await activeVendor(t);
    const contract = await newContract(t, vendor.id);
    const empty = await legal.get(`/contracts/${contract.id}`).expect(200);
    expect(empty.text).toContain('data-testid="no-contract-document"');
    expect(empty.text).toContain('No document is attached to this contract yet.');
    expect(empty.text).toMatch(/<div class="checklist-layout">[\s\S]*<tr data-clause=[\s\S]*<aside class="contract-document"/);

    const bytes = pdfOf('業務委託契約書', 12_345);
    const uploaded = await submitUpload(legal, `/contracts/${contract.id}`, bytes, '業務委託契約書（署名済）.pdf');
    expect([uploaded.status, uploaded.headers.location]).toEqual([303, `/contracts/${contract.id}?notice=documentUploaded`]);

    const page = await legal.get(uploaded.headers.location).expect(200);
    expect(page.text).toContain('<p class="notice" role="status">Uploaded.</p>');
    const aside = page.text.slice(page.text.indexOf('<aside class="contract-document"'));
    expect(aside).toMatch(/<a href="\/files\/[0-9a-f-]{36}\/download" data-testid="current-document">業務委託契約書（署名済）\.pdf<\/a>/);
    expect(/data-testid="current-sha256">([0-9a-f]{64})</.exec(aside)?.[1]).toBe(sha256sum(bytes));
    expect(aside).toContain('12,345 bytes');
    expect(aside).toMatch(/<iframe class="document-preview" src="\/files\/[0-9a-f-]{36}\/view" title="Preview of 業務委託契約書（署名済）\.pdf"><\/iframe>/);

    // Downloaded from the page, the same bytes and the same name.
    const fileId = /\/files\/([0-9a-f-]{36})\/download/.exec(aside)![1];
    const download = await viewer.get(`/files/${fileId}/download`).buffer(true).parse(binary).expect(200);
    expect(Buffer.compare(download.body, bytes)).toBe(0);
    expect(dispositionName(download.headers['content-disposition'])).toBe('業務委託契約書（署名済）.pdf');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    const view = await viewer.get(`/files/${fileId}/view`).buffer(true).parse(binary).expect(200);
    expect(view.headers['content-disposition']).toMatch(/^inline; /);
    expect(view.headers['content-security-policy']).toMatch(/^default-src 'none'; .*frame-ancestors 'self'/);
  });

  it('lists every version with uploader, time, size, type, name and SHA-256; a second upload is version 2 and version 1 stays downloadable', async () => {
    const vendor = await activeVendor(t);
    const audit = (await t.http.post(`/api/v1/vendors/${vendor.id}/audits`).set(...bearer(await t.tokenFor('compliance'))).send({ kind: 'remote', scheduledFor: '2026-02-10' }).expect(201)).body;
    const path = `/audits/${audit.id}/documents`;
    expect((await compliance.get(path).expect(200)).text).toContain('No documents yet.');
    const first = pdfOf('report v1', 2000);
    const second = pdfOf('report v2', 2500);
    expect((await submitUpload(compliance, path, first, '監査報告書.pdf', { title: 'リモート監査報告書' })).headers.location).toBe(`${path}?notice=uploaded`);
    const documentId = /<option value="([0-9a-f-]{36})">the next version of “リモート監査報告書”<\/option>/.exec((await compliance.get(path)).text)?.[1];
    expect(documentId).toBeDefined();
    await submitUpload(compliance, path, second, '監査報告書_訂正.pdf', { documentId: documentId! });

    const page = await viewer.get(path).expect(200);
    expect(page.text).toContain('Documents of the audit: remote 2026-02-10');
    const versions = [...page.text.matchAll(/<tr data-file="([0-9a-f-]{36})">\s*<td>(\d+)<\/td>\s*<td data-testid="file-name">([^<]+)<\/td>\s*<td>([^<]+)<\/td>\s*<td class="num">([^<]+)<\/td>\s*<td><code class="hash" data-testid="sha256">([0-9a-f]{64})<\/code><\/td>\s*<td>([^<]+)<br><span class="muted">([^<]+)<\/span><\/td>\s*<td>(\d{4}-\d\d-\d\d \d\d:\d\d)<\/td>\s*<td data-testid="file-status">(?:<strong>)?([^<]+)/g)];
    expect(versions.map((match) => match.slice(2, 9).concat(match[10]))).toEqual([
      ['2', '監査報告書_訂正.pdf', 'application/pdf', '2,500 bytes', sha256sum(second), 'Test compliance', 'compliance@example.test', 'current'],
      ['1', '監査報告書.pdf', 'application/pdf', '2,000 bytes', sha256sum(first), 'Test compliance', 'compliance@example.test', 'earlier version'],
    ]);
    const firstDownload = await viewer.get(`/files/${versions[1][1]}/download`).buffer(true).parse(binary).expect(200);
    expect(Buffer.compare(firstDownload.body, first)).toBe(0);

    // The vendor page links each record to its documents, with the count.
    const vendorPage = await viewer.get(`/vendors/${vendor.id}`).expect(200);
    expect(vendorPage.text).toContain(`<a href="/audits/${audit.id}/documents" data-testid="documents-link">Documents (1)</a>`);
  });

  it('lets a viewer read and download but shows no upload control, and refuses a viewer\'s upload and a forged POST (403), storing nothing', async () => {
    const vendor = await activeVendor(t);
    const contract = await newContract(t, vendor.id);
    await submitUpload(legal, `/contracts/${contract.id}/documents`, pdfOf('x', 500), 'contract.pdf');
    const before = await rows();
    const page = await viewer.get(`/contracts/${contract.id}/documents`).expect(200);
    expect(page.text).toContain('data-testid="download"');
    expect(page.text).not.toContain('enctype="multipart/form-data"');
    expect(page.text).not.toContain('data-testid="supersede"');
    expect(page.text).not.toContain('data-testid="delete-file"');
    expect((await viewer.get(`/contracts/${contract.id}`).expect(200)).text).not.toContain('data-testid="upload-form"');

    const asViewer = await t.http.post(`/contracts/${contract.id}/documents?_csrf=${encodeURIComponent(viewer.csrf)}`).set('Cookie', viewer.cookie).attach('file', pdfOf('v', 100), 'viewer.pdf');
    expect(asViewer.status).toBe(403);
    expect(asViewer.text).toContain('You may not do this');
    const forged = await t.http.post(`/contracts/${contract.id}/documents`).set('Cookie', legal.cookie).attach('file', pdfOf('f', 100), 'forged.pdf');
    expect(forged.status).toBe(403);
    const wrongToken = await t.http.post(`/contracts/${contract.id}/documents?_csrf=${encodeURIComponent(viewer.csrf)}`).set('Cookie', legal.cookie).attach('file', pdfOf('f', 100), 'forged.pdf');
    expect(wrongToken.status).toBe(403);
    // Legal writes contracts, not supervision records.
    const audit = (await t.http.post(`/api/v1/vendors/${vendor.id}/audits`).set(...bearer(await t.tokenFor('compliance'))).send({ kind: 'remote', scheduledFor: '2026-03-01' }).expect(201)).body;
    expect((await legal.get(`/audits/${audit.id}/documents`).expect(200)).text).not.toContain('data-testid="upload-form"');
    expect((await t.http.post(`/audits/${audit.id}/documents?_csrf=${encodeURIComponent(legal.csrf)}`).set('Cookie', legal.cookie).attach('file', pdfOf('l', 100), 'l.pdf')).status).toBe(403);
    expect(await rows()).toBe(before);
  });

  it('renders a file name with markup as text, never as HTML', async () => {
    const vendor = await activeVendor(t);
    const contract = await newContract(t, vendor.id);
    const name = '"><img src=x onerror=alert(1)><svg onload=alert(2)>.pdf';
    const response = await submitUpload(legal, `/contracts/${contract.id}/documents`, pdfOf('xss', 300), name);
    expect(response.status).toBe(303);
    for (const path of [`/contracts/${contract.id}/documents`, `/contracts/${contract.id}`]) {
      const page = await viewer.get(path).expect(200);
      expect(page.text).not.toContain('<img src=x');
      expect(page.text).not.toContain('<svg onload');
      expect(page.text).toContain('&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;&lt;svg onload&#x3D;alert(2)&gt;.pdf');
    }
    const fileId = /\/files\/([0-9a-f-]{36})\/download/.exec((await viewer.get(`/contracts/${contract.id}/documents`)).text)![1];
    const download = await viewer.get(`/files/${fileId}/download`).buffer(true).parse(binary).expect(200);
    expect(dispositionName(download.headers['content-disposition'])).toBe(name);
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="[^"]*"; filename\*=/);
  });

  it('says in the user\'s language why a file is refused, and keeps nothing', async () => {
    const vendor = await activeVendor(t);
    const contract = await newContract(t, vendor.id);
    const before = await rows();
    const refused = await submitUpload(admin, `/contracts/${contract.id}/documents`, Buffer.from('<!doctype html><html><body>偽の契約書</body></html>'), '契約書.pdf');
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('ファイル: ファイル名は .pdf ですが、中身は text/html です。保存していません');
    expect(refused.text).toContain('契約の書類');
    const empty = await submitUpload(legal, `/contracts/${contract.id}/documents`, Buffer.alloc(0), 'empty.pdf');
    expect([empty.status, empty.text.includes('file: the file is empty')]).toEqual([400, true]);
    expect(await rows()).toBe(before);
  });

  it('marks a version superseded and lets an admin delete one with a reason, from the page', async () => {
    const vendor = await activeVendor(t);
    const certificate = (await t.http.post(`/api/v1/vendors/${vendor.id}/certificates`).set(...bearer(await t.tokenFor('compliance'))).send({ kind: 'privacy-mark', number: '10823456', validUntil: '2027-06-30' }).expect(201)).body;
    const path = `/certificates/${certificate.id}/documents`;
    await submitUpload(compliance, path, pdfOf('pmark', 900), 'Pマーク登録証.pdf');
    let page = await compliance.get(path).expect(200);
    expect(page.text).toContain('Documents of the certificate: Privacy Mark (プライバシーマーク) 10823456 2027-06-30');
    const fileId = /<tr data-file="([0-9a-f-]{36})">/.exec(page.text)![1];
    const version = new RegExp(`action="/files/${fileId}/supersede"[\\s\\S]*?name="version" value="(\\d+)"`).exec(page.text)![1];
    const superseded = await compliance.post(`/files/${fileId}/supersede`, { version, note: '更新後の登録証に差し替え' }).expect(303);
    expect(superseded.headers.location).toBe(`${path}?notice=superseded`);
    page = await compliance.get(superseded.headers.location).expect(200);
    expect(page.text).toMatch(/data-testid="file-status">superseded<br><span class="muted">Superseded by Test compliance at \d{4}-\d\d-\d\d \d\d:\d\d — 更新後の登録証に差し替え/);
    // The stale form again: a conflict, shown on the page.
    const stale = await compliance.post(`/files/${fileId}/supersede`, { version }).expect(409);
    expect(stale.text).toContain('data-testid="documents-problem"');

    await compliance.post(`/files/${fileId}/delete`, { reason: 'x' }).expect(403);
    const noReason = await admin.post(`/files/${fileId}/delete`, { reason: '' }).expect(400);
    expect(noReason.text).toContain('data-testid="documents-problem"');
    const deleted = await admin.post(`/files/${fileId}/delete`, { reason: '別の委託先の登録証だった' }).expect(303);
    page = await admin.get(deleted.headers.location).expect(200);
    expect(page.text).toContain('削除しました。操作履歴にSHA-256と理由が残ります。');
    expect(page.text).toContain('書類はまだありません。');
  });

  it('shows the verification result and a missing file plainly (410), never an error 500', async () => {
    const vendor = await activeVendor(t);
    const contract = await newContract(t, vendor.id);
    const bytes = pdfOf('verify me', 700);
    await submitUpload(legal, `/contracts/${contract.id}/documents`, bytes, '覚書.pdf');
    const fileId = /<tr data-file="([0-9a-f-]{36})">/.exec((await viewer.get(`/contracts/${contract.id}/documents`)).text)![1];
    const ok = await viewer.get(`/files/${fileId}/verify`).expect(200);
    expect(ok.text).toContain('The stored bytes match the SHA-256 recorded at upload.');
    expect(ok.text).toContain(`data-testid="actual-sha256">${sha256sum(bytes)}<`);

    const { FileStorage } = await import('../src/files/file-storage');
    await t.app.get(FileStorage).remove(sha256sum(bytes));
    const missing = await viewer.get(`/files/${fileId}/download`).expect(410);
    expect(missing.text).toContain('The content of this file is missing');
    expect(missing.text).toContain('file: the stored content of “覚書.pdf” (version 1) is missing; an administrator must restore it from the backup');
    expect((await viewer.get(`/files/${fileId}/verify`).expect(200)).text).toContain('The stored bytes are missing. Restore this file from the backup.');
  });

  it('serves the drag-and-drop script from the app itself, which the page\'s policy allows', async () => {
    const script = await viewer.get('/assets/documents-upload.js').expect(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    expect(script.text).toContain('dataTransfer');
    const vendor = await activeVendor(t);
    const contract = await newContract(t, vendor.id);
    const page = await legal.get(`/contracts/${contract.id}/documents`).expect(200);
    expect(page.text).toContain('<script src="/assets/documents-upload.js" defer></script>');
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
    expect(page.text).toMatch(/<input id="document-file" name="file" type="file" required/);
  });
});
