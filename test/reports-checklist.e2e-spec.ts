import ExcelJS from 'exceljs';
import { activeVendor, newContract, review, reviews } from './support/factories';
import { binary } from './support/register-files';
import { bearer, createTestApp, TestApp, USER_PASSWORD } from './support/test-app';
import { signInAs } from './ui/support';

interface ChecklistItem { clauseType: string; titleJa: string; titleEn: string; required: boolean; requiredBy: string[]; status: string; section: string | null; note: string | null; reviewedBy: string | null; reviewedAt: string | null }

async function sheetRows(body: Buffer): Promise<{ name: string; rows: Array<Array<string | null>> }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const rows: Array<Array<string | null>> = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    rows.push(Array.from({ length: 10 }, (_, index) => {
      const value = row.getCell(index + 1).value;
      return value === null || value === undefined ? null : String(value);
    }));
  });
  return { name: sheet.name, rows };
}

const wallClock = (iso: string) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
/** The same instant as a Japanese reader writes it: 2026年11月30日 09:15. */
const wallClockJa = (iso: string) => wallClock(iso).replace(/^(\d{4})-(\d{2})-(\d{2}) /, (_all, year: string, month: string, day: string) => `${year}年${Number(month)}月${Number(day)}日 `);

describe('a contract\'s checklist as .xlsx in the reader\'s language', () => {
  let t: TestApp;
  let contractId: string;
  let checklist: { approvedBy: string; approvedAt: string; items: ChecklistItem[] };

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await t.tokenFor('admin');
    await t.http.post('/api/v1/users').set(...bearer(admin)).send({ email: 'houmu@example.test', name: '法務', role: 'legal', locale: 'ja', password: USER_PASSWORD }).expect(201);
    const vendor = await activeVendor(t, { name: '株式会社チェック', dataCategories: ['communications'] });
    contractId = (await newContract(t, vendor.id, { title: '業務委託契約書' })).id;
    const first = (await t.http.get(`/api/v1/contracts/${contractId}/checklist`).set(...bearer(admin)).expect(200)).body as { items: ChecklistItem[] };
    const required = first.items.filter((item) => item.required).map((item) => item.clauseType);
    await review(t, contractId, { ...reviews(required, 'present'), 'audit-rights': 'partial' });
    const legal = await t.tokenFor('legal');
    const noted = await t.http.put(`/api/v1/contracts/${contractId}/checklist/audit-rights`).set(...bearer(legal))
      .send({ status: 'partial', section: '第15条', note: '=立入監査は年1回まで', version: (await t.http.get(`/api/v1/contracts/${contractId}/checklist`).set(...bearer(legal))).body.version }).expect(200);
    // A required clause type reviewed as partial is signed off only as an exception, with a note saying why it is accepted.
    const approved = await t.http.post(`/api/v1/contracts/${contractId}/checklist/approve`).set(...bearer(legal))
      .send({ version: noted.body.version, exceptions: [{ clauseType: 'audit-rights', note: '監査権の範囲は限定的だが、年1回で足りると判断' }] }).expect(200);
    expect(approved.body.approvalExceptions).toEqual([{ clauseType: 'audit-rights', status: 'partial', note: '監査権の範囲は限定的だが、年1回で足りると判断' }]);
    checklist = (await t.http.get(`/api/v1/contracts/${contractId}/checklist`).set(...bearer(admin)).expect(200)).body;
  });
  afterAll(() => t.close());

  it('writes every clause type with required and why, the review, the sign-off and the exceptions, in Japanese', async () => {
    const response = await t.http.get(`/api/v1/contracts/${contractId}/checklist.xlsx?lang=ja`).set(...bearer(await t.tokenFor('viewer'))).buffer(true).parse(binary).expect(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="checklist-${contractId.slice(0, 8)}.xlsx"`);
    const { name, rows } = await sheetRows(response.body as Buffer);
    expect(name).toBe('チェックリスト');
    expect(rows[0]).toEqual(['条項の種類', '必須', '必須の理由\uff08根拠と参照\uff09', '確認結果', '条項の位置', 'メモ', '確認者', '確認日時', '承認', '例外']);
    expect(rows.length - 1).toBe(checklist.items.length);
    const approval = `${wallClockJa(checklist.approvedAt)} legal@example.testが承認`;
    const statuses: Record<string, string> = { present: 'あり', partial: '一部あり', missing: 'なし', 'not-reviewed': '未確認' };
    const expected = checklist.items.map((item) => [
      item.titleJa,
      item.required ? '必須' : '任意',
      item.required ? expect.stringMatching(/^[^A-Za-z]+必須\uff08.+\uff09$/) : null,
      statuses[item.status],
      item.section,
      // A note that starts with "=" is written as text, never as a formula.
      item.clauseType === 'audit-rights' ? "'=立入監査は年1回まで" : item.note,
      item.reviewedBy,
      item.reviewedAt ? wallClockJa(item.reviewedAt) : null,
      approval,
      // The sign-off's exception note, on the clause type it accepts.
      item.clauseType === 'audit-rights' ? '監査権の範囲は限定的だが、年1回で足りると判断' : null,
    ]);
    expect(rows.slice(1)).toEqual(expected);
    // Required and why: the basis (legal-model.md §2: with policyPromises, 3-4-4(2) is binding as company policy) and the
    // requirements by their Japanese title and citation, rendered in Japanese (§9).
    const auditRights = rows.find((row) => row[0] === checklist.items.find((item) => item.clauseType === 'audit-rights')!.titleJa)!;
    expect(auditRights[2]).toBe('自社方針により必須\uff08取扱状況の合理的把握\uff08通則ガイドライン3-4-4(2)\uff09\uff09');
  });

  it('follows the signed-in user\'s language on the page download, and the API caller\'s by default', async () => {
    const session = await signInAs(t, 'houmu@example.test', USER_PASSWORD);
    expect((await session.get(`/contracts/${contractId}`).expect(200)).text).toContain(`href="/contracts/${contractId}/checklist.xlsx"`);
    const ja = await sheetRows((await session.get(`/contracts/${contractId}/checklist.xlsx`).buffer(true).parse(binary).expect(200)).body as Buffer);
    expect(ja.rows[0][0]).toBe('条項の種類');
    const en = await sheetRows((await t.http.get(`/api/v1/contracts/${contractId}/checklist.xlsx`).set(...bearer(await t.tokenFor('viewer'))).buffer(true).parse(binary).expect(200)).body as Buffer);
    expect(en.name).toBe('Checklist');
    expect(en.rows[0]).toEqual(['Clause type', 'Required', 'Why (basis and references)', 'Review status', 'Section', 'Note', 'Reviewed by', 'Reviewed at', 'Sign-off', 'Exceptions']);
    const first = checklist.items[0];
    expect(en.rows[1].slice(0, 2)).toEqual([`${first.titleEn} (${first.titleJa})`, first.required ? 'Required' : 'Not required']);
    // The sign-off's exception note is written as recorded, whatever the reader's language.
    const auditRights = checklist.items.find((item) => item.clauseType === 'audit-rights')!;
    expect(en.rows.find((row) => row[0] === `${auditRights.titleEn} (${auditRights.titleJa})`)!.slice(3, 10)).toEqual(['partial', '第15条', "'=立入監査は年1回まで", 'legal@example.test', wallClock(auditRights.reviewedAt!), `Signed off by legal@example.test at ${wallClock(checklist.approvedAt)}`, '監査権の範囲は限定的だが、年1回で足りると判断']);
  });

  it('refuses an unknown language naming the field, and an unknown contract with 404', async () => {
    const viewer = await t.tokenFor('viewer');
    const bad = await t.http.get(`/api/v1/contracts/${contractId}/checklist.xlsx?lang=fr`).set(...bearer(viewer)).expect(400);
    expect(bad.body.message).toEqual(['lang: must be one of the following values: ja, en']);
    await t.http.get('/api/v1/contracts/00000000-0000-4000-8000-000000000000/checklist.xlsx').set(...bearer(viewer)).expect(404);
  });
});
