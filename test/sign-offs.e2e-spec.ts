import { activeVendor, newAudit, newContract, newFinding, review, reviews, today } from './support/factories';
import { bearer, createTestApp, TestApp } from './support/test-app';
import { fieldsNamed } from './support/problems';
import { PageSession, signIn } from './ui/support';

/**
 * Sign-offs and closures that mean something: legal approves required clause types that are missing
 * or partial only as recorded exceptions; an audit is completed only with a result; a finding has a
 * description and a corrective action plan, and its closure says who closed it and when.
 */
describe('sign-off and completion that mean something', () => {
  let t: TestApp;
  let legal: string;
  let compliance: string;
  let legalPage: PageSession;
  let compliancePage: PageSession;

  beforeAll(async () => {
    t = await createTestApp();
    legal = await t.tokenFor('legal');
    compliance = await t.tokenFor('compliance');
    legalPage = await signIn(t, 'legal');
    compliancePage = await signIn(t, 'compliance');
  });
  afterAll(() => t.close());

  /** A contract whose required clause types are present except audit-rights (missing) and handling-reports (partial). */
  const contractWithGaps = async () => {
    const vendor = await activeVendor(t, { dataCategories: ['customer'] });
    const contract = await newContract(t, vendor.id);
    const checklist = (await t.http.get(`/api/v1/contracts/${contract.id}/checklist`).set(...bearer(legal)).expect(200)).body as { items: Array<{ clauseType: string; required: boolean }> };
    const required = checklist.items.filter((item) => item.required).map((item) => item.clauseType);
    expect(required).toEqual(expect.arrayContaining(['audit-rights', 'handling-reports', 'scope-purpose']));
    const reviewed = await review(t, contract.id, { ...reviews(required, 'present'), 'audit-rights': 'missing', 'handling-reports': 'partial' });
    return { contractId: contract.id, version: reviewed.version };
  };
  const approve = (contractId: string, body: object) => t.http.post(`/api/v1/contracts/${contractId}/checklist/approve`).set(...bearer(legal)).send(body);

  it('refuses a sign-off over missing or partial required clause types without a note per item, naming them', async () => {
    const { contractId, version } = await contractWithGaps();
    const refused = await approve(contractId, { version }).expect(400);
    expect(fieldsNamed(refused.body.message)).toEqual(['exceptions.handling-reports', 'exceptions.audit-rights']);

    // One note is not enough; a note for a present clause type is refused too.
    const partly = await approve(contractId, { version, exceptions: [{ clauseType: 'audit-rights', note: '覚書で追加予定' }, { clauseType: 'scope-purpose', note: '不要' }] }).expect(400);
    expect(fieldsNamed(partly.body.message)).toEqual(['exceptions.handling-reports', 'exceptions.scope-purpose']);
    const blank = await approve(contractId, { version, exceptions: [{ clauseType: 'audit-rights', note: '  ' }, { clauseType: 'handling-reports', note: 'x' }] }).expect(400);
    expect(fieldsNamed(blank.body.message)).toEqual(['exceptions.0.note']);

    // Nothing was written.
    const unchanged = (await t.http.get(`/api/v1/contracts/${contractId}/checklist`).set(...bearer(legal)).expect(200)).body;
    expect(unchanged).toMatchObject({ version, approvedBy: null, approvalExceptions: [] });
  });

  it('approves with exceptions: recorded on the checklist, in its history and audit trail, and cleared by a later change', async () => {
    const { contractId, version } = await contractWithGaps();
    const approved = await approve(contractId, {
      version, exceptions: [{ clauseType: 'handling-reports', note: ' 年次報告で代替（法務部長了承） ' }, { clauseType: 'audit-rights', note: '次回更新時に監査条項を追加する覚書を締結予定' }],
    }).expect(200);
    expect(approved.body).toMatchObject({
      version: version + 1, approvedBy: 'legal@example.test',
      approvalExceptions: [
        { clauseType: 'handling-reports', status: 'partial', note: '年次報告で代替（法務部長了承）' },
        { clauseType: 'audit-rights', status: 'missing', note: '次回更新時に監査条項を追加する覚書を締結予定' },
      ],
    });
    const history = (await t.http.get(`/api/v1/contracts/${contractId}/checklist/history`).set(...bearer(legal)).expect(200)).body;
    expect(history[0]).toMatchObject({ kind: 'approved', actor: 'legal@example.test', details: { version: version + 1, exceptions: approved.body.approvalExceptions } });
    const trail = (await t.http.get(`/api/v1/audit-log?entityType=checklist&entityId=${contractId}`).set(...bearer(await t.tokenFor('admin'))).expect(200)).body.items;
    expect(trail[0]).toMatchObject({ action: 'approve', changes: { approvalExceptions: { before: null, after: approved.body.approvalExceptions } } });

    // The checklist page, in Japanese (legal's own locale is English: the admin reads it).
    const page = (await (await signIn(t, 'admin')).get(`/contracts/${contractId}`).expect(200)).text;
    expect(page).toMatch(/<dd data-testid="approval">Test legal が [^<]+ に例外付きで承認/);
    expect(page).toContain('<ul data-testid="approval-exceptions"><li>取扱状況の報告（一部あり）: 年次報告で代替（法務部長了承）</li><li>監査(実地監査を含む)（なし）: 次回更新時に監査条項を追加する覚書を締結予定</li></ul>');
    expect(page).toMatch(/<ul data-testid="checklist-history"><li>[^<]+ Test legal: 例外付きで承認<\/li>/);

    // Any later review clears the sign-off and its exceptions.
    await review(t, contractId, { 'audit-rights': 'present' });
    expect((await t.http.get(`/api/v1/contracts/${contractId}/checklist`).set(...bearer(legal)).expect(200)).body).toMatchObject({ approvedBy: null, approvalExceptions: [] });
  });

  it('on the checklist page: refused without the notes (the items marked), approved with them', async () => {
    const { contractId, version } = await contractWithGaps();
    const form = (await legalPage.get(`/contracts/${contractId}`).expect(200)).text;
    expect([...form.matchAll(/<textarea id="exception-([a-z-]+)" name="exception__\1"/g)].map((match) => match[1])).toEqual(['handling-reports', 'audit-rights']);

    const refused = await legalPage.post(`/contracts/${contractId}/checklist/approve`, { version: String(version), 'exception__audit-rights': '覚書で追加予定' }).expect(400);
    expect(refused.text).toContain('data-testid="exceptions-problem">Each required clause type reviewed as missing or partial needs an exception note before the checklist can be approved.</p>');
    expect(refused.text).toMatch(/name="exception__handling-reports" rows="2" data-testid="exception-handling-reports" aria-invalid="true"><\/textarea><span class="field-error">An exception note is required\.<\/span>/);
    expect(refused.text).toContain('data-testid="exception-audit-rights">覚書で追加予定</textarea>');

    await legalPage.post(`/contracts/${contractId}/checklist/approve`, { version: String(version), 'exception__audit-rights': '覚書で追加予定', 'exception__handling-reports': '年次報告で代替' }).expect(303);
    expect((await legalPage.get(`/contracts/${contractId}`).expect(200)).text).toMatch(/<dd data-testid="approval">Approved with exceptions by Test legal at /);
  });

  it('refuses to complete an audit without a result (API and page)', async () => {
    const vendor = await activeVendor(t);
    const audit = await newAudit(t, vendor.id);
    const refused = await t.http.patch(`/api/v1/audits/${audit.id}`).set(...bearer(compliance)).send({ version: audit.version, status: 'completed', completedOn: today(t) }).expect(400);
    expect(fieldsNamed(refused.body.message)).toEqual(['result']);
    const page = await compliancePage.post(`/audits/${audit.id}`, { version: String(audit.version), status: 'completed', completedOn: today(t), result: '' }).expect(400);
    expect(page.text).toContain('<span class="field-error" id="result-error">');
    const stored = (await t.http.get(`/api/v1/audits/${audit.id}`).set(...bearer(compliance)).expect(200)).body;
    expect(stored).toMatchObject({ status: 'planned', result: null, version: audit.version });
    await t.http.patch(`/api/v1/audits/${audit.id}`).set(...bearer(compliance)).send({ version: audit.version, status: 'completed', result: 'satisfactory' }).expect(200);
  });

  it('keeps a finding\'s description and corrective action plan, and who closed it and when', async () => {
    const vendor = await activeVendor(t, { name: '是正確認株式会社' });
    const audit = await newAudit(t, vendor.id);
    const finding = await newFinding(t, audit.id, { title: 'ログ保存期間不足', description: 'アクセスログが30日で消去されていた', correctiveActionPlan: '保存期間を1年に延長（2027年1月末まで）' });
    expect(finding).toMatchObject({ description: 'アクセスログが30日で消去されていた', correctiveActionPlan: '保存期間を1年に延長（2027年1月末まで）', closedBy: null, closedAt: null });

    const before = Date.now();
    const closed = (await t.http.patch(`/api/v1/findings/${finding.id}`).set(...bearer(compliance)).send({ version: finding.version, status: 'resolved', resolutionNote: '設定変更を確認' }).expect(200)).body;
    expect(closed).toMatchObject({ status: 'resolved', closedOn: today(t), closedBy: 'compliance@example.test', resolutionNote: '設定変更を確認' });
    expect(Date.parse(closed.closedAt)).toBeGreaterThanOrEqual(before - 1000);

    const admin = await signIn(t, 'admin');
    const list = (await admin.get('/findings?status=resolved').expect(200)).text;
    expect(list).toContain('<span class="muted" data-testid="finding-description">内容: アクセスログが30日で消去されていた</span>');
    expect(list).toContain('<span class="muted" data-testid="finding-plan">是正計画: 保存期間を1年に延長（2027年1月末まで）</span>');
    expect(list).toMatch(/<span data-testid="finding-closed">compliance@example\.test が [^<]+ に完了: 設定変更を確認<\/span>/);

    // Reopened: no longer closed by anyone.
    const reopened = (await t.http.patch(`/api/v1/findings/${finding.id}`).set(...bearer(compliance)).send({ version: closed.version, status: 'open' }).expect(200)).body;
    expect(reopened).toMatchObject({ status: 'open', closedBy: null, closedAt: null, closedOn: null });
  });
});
