import { addDays, addMonths } from '../src/rules/calendar';
import { ContractQueuesBackfill } from '../src/work-queues/contract-queues-backfill';
import { activeVendor, newAudit, newContract, newFinding, newIncident, newSubcontractor, newVendor, newAssessment, CONFIRMED_ITEMS, review, reviews, today } from './support/factories';
import { linkIn, newContact, outbox, postAnswers, SELECTION_CHECK_ANSWERS, sendQuestionnaire } from './support/questionnaires';
import { bearer, createTestApp, TestApp } from './support/test-app';
import { PageSession, signIn } from './ui/support';

interface WorkItem { vendorId: string; vendorName: string; subject: string | null; dueDate: string | null; href: string }
interface Summary { id: string; role: string; unit: string; count: number; href: string }

/**
 * Work queues by role (GET /api/v1/work-queues, the dashboard): legal's contracts to review, review
 * again and renew; compliance's candidates, unplanned audits, overdue findings, objection periods,
 * open incidents and questionnaires to review; an owner's open items. Each count equals its list.
 */
describe('work queues by role', () => {
  let t: TestApp;
  let compliance: string;
  let page: PageSession;
  let asOf: string;
  const ids: Record<string, string> = {};

  const summary = async (token = compliance) => ((await t.http.get('/api/v1/work-queues').set(...bearer(token)).expect(200)).body as { items: Summary[] }).items;
  const queue = async (id: string, query = '', token = compliance) => (await t.http.get(`/api/v1/work-queues/${id}${query}`).set(...bearer(token)).expect(200)).body as { items: WorkItem[]; total: number };

  beforeAll(async () => {
    t = await createTestApp();
    compliance = await t.tokenFor('compliance');
    // The administrator reads the pages in Japanese (the default locale).
    page = await signIn(t, 'admin');
    asOf = today(t);
    const legal = await t.tokenFor('legal');

    // Legal. A contract nobody has reviewed (owned by the compliance user: their open items).
    const aoba = await activeVendor(t, { name: 'あおば通信株式会社', ownerEmail: 'compliance@example.test' });
    ids.aoba = aoba.id;
    ids.neverReviewed = (await newContract(t, aoba.id, { title: '未確認の契約', retentionPeriod: '契約終了後30日' })).id;
    // A contract signed off, then changed: the change cleared the sign-off.
    const iroha = await activeVendor(t, { name: 'いろは運用株式会社' });
    ids.iroha = iroha.id;
    const signedOff = await newContract(t, iroha.id, { title: '再確認の契約', retentionPeriod: '契約終了後30日' });
    const required = ((await t.http.get(`/api/v1/vendors/${iroha.id}/compliance`).set(...bearer(compliance)).expect(200)).body.requiredClauseTypes as Array<{ code: string }>).map((clause) => clause.code);
    const reviewed = await review(t, signedOff.id, reviews(required, 'present'));
    await t.http.post(`/api/v1/contracts/${signedOff.id}/checklist/approve`).set(...bearer(legal)).send({ version: reviewed.version }).expect(200);
    await review(t, signedOff.id, { [required[0]]: 'partial' });
    ids.reReview = signedOff.id;
    // Renewals: one ending in 60 days, one renewing itself whose notice deadline is in 80 days, one whose deadline is in 170 days.
    const umi = await activeVendor(t, { name: 'うみ物流株式会社' });
    const reviewOne = async (contractId: string) => review(t, contractId, { [required[0]]: 'present' });
    const ending = await newContract(t, umi.id, { title: '期間満了の契約', expiresOn: addDays(asOf, 60) });
    const renewing = await newContract(t, umi.id, { title: '自動更新の契約', expiresOn: addDays(asOf, 200), autoRenew: true, noticeDays: 120 });
    const later = await newContract(t, umi.id, { title: '先の契約', expiresOn: addDays(asOf, 200), noticeDays: 30 });
    for (const contract of [ending, renewing, later]) await reviewOne(contract.id);
    Object.assign(ids, { umi: umi.id, ending: ending.id, renewing: renewing.id });

    // Compliance. A candidate without a selection assessment, and one with.
    ids.candidate = (await newVendor(t, { name: 'えがお候補株式会社', status: 'candidate' })).id;
    const selected = await newVendor(t, { name: 'おおぞら候補株式会社', status: 'candidate' });
    await newAssessment(t, selected.id, { kind: 'selection', completedOn: asOf, outcome: 'approved', items: CONFIRMED_ITEMS });
    // Audits: a medium-tier vendor due in 30 days, unplanned; another due the same day with an audit planned.
    const activeSince = addDays(addMonths(asOf, -24), 30);
    ids.kaede = (await activeVendor(t, { name: 'かえで会計株式会社', dataCategories: ['customer'], activeSince })).id;
    const kiri = await activeVendor(t, { name: 'きり事務株式会社', dataCategories: ['customer'], activeSince });
    ids.kiri = kiri.id;
    const planned = await newAudit(t, kiri.id, { scheduledFor: addDays(asOf, 20) });
    // An overdue finding (on the planned audit) and one not yet due.
    await newFinding(t, planned.id, { title: '鍵管理の不備', severity: 'medium', dueOn: addDays(asOf, -5) });
    await newFinding(t, planned.id, { title: 'ログ保存の不足', severity: 'medium', dueOn: addDays(asOf, 5) });
    // A subcontractor announced 3 days ago under a 14-day objection period.
    const kumo = await activeVendor(t, { name: 'くも開発株式会社', reentrustmentAllowed: true, subcontractorApproval: 'objection-period' });
    ids.kumo = kumo.id;
    await newSubcontractor(t, kumo.id, { name: '通知済み再委託先', announcedOn: addDays(asOf, -3) });
    // An open incident.
    const incident = await newIncident(t, aoba.id, { title: '誤送信の事案' });
    ids.incident = incident.id;
    // The incident brings あおば's audit forward to 30 days after it was learned of (the date the plan and the vendor page show).
    ids.incidentAuditDue = addDays(new Intl.DateTimeFormat('en-CA', { timeZone: t.config.orgTimezone }).format(new Date(incident.awareAt)), 30);
    // A questionnaire its vendor has submitted (awaiting review), and one still out.
    const contact = await newContact(t, iroha.id, { email: 'tantou@iroha.example' });
    const sent = await sendQuestionnaire(t, iroha.id, contact.id);
    const submitted = await postAnswers(t, linkIn((await outbox(t, contact.email)).at(-1)!.text), SELECTION_CHECK_ANSWERS, { intent: 'submit' });
    expect(submitted.status).toBe(303);
    ids.questionnaire = sent.id;
    await sendQuestionnaire(t, iroha.id, (await newContact(t, iroha.id, { email: 'other@iroha.example' })).id);
  });
  afterAll(() => t.close());

  it('counts each queue and lists exactly its members, each linking to the page that fixes it', async () => {
    const queues = await summary();
    expect(queues.map((entry) => [entry.role, entry.id, entry.count, entry.unit, entry.href])).toEqual([
      ['legal', 'contracts-never-reviewed', 1, 'items', '/work-queues/contracts-never-reviewed'],
      ['legal', 'contracts-re-review', 1, 'items', '/work-queues/contracts-re-review'],
      ['legal', 'contracts-renewal', 2, 'items', '/work-queues/contracts-renewal'],
      ['compliance', 'candidates-awaiting-selection', 1, 'vendors', '/work-queues/candidates-awaiting-selection'],
      ['compliance', 'audits-due-unplanned', 2, 'vendors', '/work-queues/audits-due-unplanned'],
      ['compliance', 'findings-overdue', 1, 'items', '/work-queues/findings-overdue'],
      ['compliance', 'subcontractors-objection-period', 1, 'items', '/work-queues/subcontractors-objection-period'],
      ['compliance', 'incidents-open', 1, 'items', '/work-queues/incidents-open'],
      ['compliance', 'questionnaires-awaiting-review', 1, 'items', '/work-queues/questionnaires-awaiting-review'],
      ['owner', 'my-open-items', (await t.http.get('/api/v1/actions?mine=true').set(...bearer(compliance)).expect(200)).body.total, 'items', '/actions?mine=true'],
    ]);
    expect(queues.at(-1)!.count).toBeGreaterThan(0);

    const lines = async (id: string) => {
      const list = await queue(id);
      expect([id, list.total]).toEqual([id, queues.find((entry) => entry.id === id)!.count]);
      return list.items.map((item) => [item.vendorName, item.subject, item.dueDate, item.href]);
    };
    expect(await lines('contracts-never-reviewed')).toEqual([['あおば通信株式会社', '未確認の契約', null, `/contracts/${ids.neverReviewed}`]]);
    expect(await lines('contracts-re-review')).toEqual([['いろは運用株式会社', '再確認の契約', null, `/contracts/${ids.reReview}`]]);
    expect(await lines('contracts-renewal')).toEqual([
      ['うみ物流株式会社', '期間満了の契約', addDays(asOf, 60), `/contracts/${ids.ending}`],
      ['うみ物流株式会社', '自動更新の契約', addDays(asOf, 80), `/contracts/${ids.renewing}`],
    ]);
    expect(await lines('candidates-awaiting-selection')).toEqual([['えがお候補株式会社', null, null, `/vendors/${ids.candidate}/assessments/new`]]);
    expect(await lines('audits-due-unplanned')).toEqual([
      ['あおば通信株式会社', null, ids.incidentAuditDue, `/vendors/${ids.aoba}/audits/new`],
      ['かえで会計株式会社', null, addDays(asOf, 30), `/vendors/${ids.kaede}/audits/new`],
    ].sort((a, b) => String(a[2]).localeCompare(String(b[2]))));
    expect(await lines('findings-overdue')).toEqual([['きり事務株式会社', '鍵管理の不備', addDays(asOf, -5), '/findings?status=open']]);
    expect(await lines('subcontractors-objection-period')).toEqual([['くも開発株式会社', '通知済み再委託先', addDays(asOf, 11), `/vendors/${ids.kumo}`]]);
    expect(await lines('incidents-open')).toEqual([['あおば通信株式会社', '誤送信の事案', null, `/incidents/${ids.incident}`]]);
    expect(await lines('questionnaires-awaiting-review')).toEqual([['いろは運用株式会社', '委託先評価チェックシート', null, `/questionnaires/${ids.questionnaire}`]]);
    const mine = await queue('my-open-items');
    expect(mine.items.map((item) => item.vendorName)).toEqual(Array(mine.total).fill('あおば通信株式会社'));
  });

  it('shows the queues on the dashboard in Japanese, each count linking to a list of exactly that many lines', async () => {
    const html = (await page.get('/').expect(200)).text;
    const shown = [...html.matchAll(/<tr data-queue="([a-z-]+)"><td><a href="([^"]+)">([^<]+)<\/a><\/td><td class="num">([^<]+)<\/td><\/tr>/g)].map((match) => [match[1], match[2].replace(/&amp;/g, '&').replace(/&#x3D;/g, '='), match[3], match[4]]);
    const mine = (await t.http.get('/api/v1/actions?mine=true').set(...bearer(await t.tokenFor('admin'))).expect(200)).body.total as number;
    expect(shown).toEqual([
      ['contracts-never-reviewed', '/work-queues/contracts-never-reviewed', '未確認の契約', '1 件'],
      ['contracts-re-review', '/work-queues/contracts-re-review', '変更後に再確認が必要な契約', '1 件'],
      ['contracts-renewal', '/work-queues/contracts-renewal', '90日以内の更新・解約通知期限', '2 件'],
      ['candidates-awaiting-selection', '/work-queues/candidates-awaiting-selection', '選定評価待ちの候補', '1 社'],
      ['audits-due-unplanned', '/work-queues/audits-due-unplanned', '90日以内に監査期限が来る未計画の委託先', '2 社'],
      ['findings-overdue', '/work-queues/findings-overdue', '期限超過の指摘事項', '1 件'],
      ['subcontractors-objection-period', '/work-queues/subcontractors-objection-period', '異議申立期間中の再委託先', '1 件'],
      ['incidents-open', '/work-queues/incidents-open', '対応中の漏えい等事案', '1 件'],
      ['questionnaires-awaiting-review', '/work-queues/questionnaires-awaiting-review', '確認待ちの質問票', '1 件'],
      ['my-open-items', '/actions?mine=true', '担当委託先のやること', `${mine} 件`],
    ]);
    for (const [id, href, , count] of shown.slice(0, -1)) {
      const list = (await page.get(href).expect(200)).text;
      const rows = list.match(/data-testid="work-item-link"/g) ?? [];
      expect([id, list.match(/<p data-testid="work-queue-total">([^<]+)<\/p>/)?.[1], rows.length]).toEqual([id, count, Number(count.split(' ')[0])]);
    }
    const renewals = (await page.get('/work-queues/contracts-renewal').expect(200)).text;
    expect([...renewals.matchAll(/<tr data-vendor="[0-9a-f-]{36}"><td>([^<]*)<\/td><td><a href="\/vendors\/[0-9a-f-]{36}">([^<]+)<\/a><\/td><td><a href="([^"]+)" data-testid="work-item-link">([^<]+)<\/a>/g)].map((match) => match.slice(1))).toEqual([
      [addDays(asOf, 60), 'うみ物流株式会社', `/contracts/${ids.ending}`, '期間満了の契約'],
      [addDays(asOf, 80), 'うみ物流株式会社', `/contracts/${ids.renewing}`, '自動更新の契約'],
    ]);
    // The administrator owns no vendor: their own queue is empty, as is the list it opens.
    expect(mine).toBe(0);
    expect((await page.get('/actions?mine=true').expect(200)).text).toContain('<p data-testid="actions-total">0 件</p>');
  });

  it('leaves a queue once the work is done, and names an unknown queue as such', async () => {
    const legal = await t.tokenFor('legal');
    const checklist = await review(t, ids.neverReviewed, { 'scope-purpose': 'present' });
    expect(checklist.items.find((item) => item.clauseType === 'scope-purpose')?.status).toBe('present');
    await newAudit(t, ids.kaede, { scheduledFor: addDays(asOf, 25) });
    await newAudit(t, ids.aoba, { scheduledFor: addDays(asOf, 20) });
    const counts = Object.fromEntries((await summary()).map((entry) => [entry.id, entry.count]));
    expect([counts['contracts-never-reviewed'], counts['audits-due-unplanned']]).toEqual([0, 0]);
    expect((await queue('contracts-never-reviewed', '', legal)).items).toEqual([]);
    const unknown = await t.http.get('/api/v1/work-queues/everything').set(...bearer(compliance)).expect(404);
    expect(unknown.body.message).toEqual(['work queue everything not found']);
    expect((await page.get('/work-queues/everything').expect(404)).text).toContain('作業キュー');
  });

  it('pages the open incidents and the candidates in vendor-name order, leaving out the closed incidents and the selected candidates', async () => {
    const closedOne = await newIncident(t, ids.umi, { title: '終了した事案' });
    await t.http.patch(`/api/v1/incidents/${closedOne.id}`).set(...bearer(compliance)).send({ version: closedOne.version, status: 'closed' }).expect(200);
    const contained = await newIncident(t, ids.umi, { title: '封じ込めた事案' });
    await t.http.patch(`/api/v1/incidents/${contained.id}`).set(...bearer(compliance)).send({ version: contained.version, status: 'contained' }).expect(200);
    const second = await newIncident(t, ids.aoba, { title: '二件目の事案' });
    const laterCandidate = await newVendor(t, { name: 'あいうえ候補株式会社', status: 'candidate' });
    const counts = Object.fromEntries((await summary()).map((entry) => [entry.id, entry.count]));
    expect([counts['incidents-open'], counts['candidates-awaiting-selection']]).toEqual([3, 2]);
    // あおば's two (by title), then うみ's contained one; the closed one nowhere.
    const incidentPages = await Promise.all([1, 2, 3, 4].map((n) => queue('incidents-open', `?page=${n}&pageSize=1`)));
    expect(incidentPages.map((list) => [list.total, list.items.map((item) => [item.vendorName, item.subject, item.href])])).toEqual([
      [3, [['あおば通信株式会社', '二件目の事案', `/incidents/${second.id}`]]],
      [3, [['あおば通信株式会社', '誤送信の事案', `/incidents/${ids.incident}`]]],
      [3, [['うみ物流株式会社', '封じ込めた事案', `/incidents/${contained.id}`]]],
      [3, []],
    ]);
    expect((await queue('candidates-awaiting-selection')).items.map((item) => [item.vendorName, item.href])).toEqual([
      ['あいうえ候補株式会社', `/vendors/${laterCandidate.id}/assessments/new`],
      ['えがお候補株式会社', `/vendors/${ids.candidate}/assessments/new`],
    ]);
    // The dashboard lists the incidents not yet closed (soonest deadline first), never the closed one.
    const html = (await page.get('/').expect(200)).text;
    expect([html.includes('二件目の事案'), html.includes('誤送信の事案'), html.includes('封じ込めた事案'), html.includes('終了した事案')]).toEqual([true, true, true, false]);
  });

  it("keeps legal's queues and the dashboard's contracts ending with each change they are read from: a page of a queue, a renamed vendor, a contract ended, and at start", async () => {
    const legal = await t.tokenFor('legal');
    const renewals = async (query = '') => (await queue('contracts-renewal', query, legal)).items.map((item) => [item.vendorName, item.subject, item.dueDate]);
    expect([await renewals('?page=2&pageSize=1'), (await queue('contracts-renewal', '?page=2&pageSize=1', legal)).total]).toEqual([[['うみ物流株式会社', '自動更新の契約', addDays(asOf, 80)]], 2]);
    // The dashboard's contracts ending within 90 days: the one ending in 60 days (the others end in 200).
    const ending = async () => {
      const section = (await page.get('/').expect(200)).text.split('<section aria-labelledby="contracts-ending">')[1].split('</section>')[0];
      return [...section.matchAll(/<tr><td>([^<]*)<\/td><td>([^<]*)<\/td><td><a href="\/vendors\/[0-9a-f-]{36}">([^<]+)<\/a><\/td><td><a href="([^"]+)">([^<]+)<\/a>/g)].map((match) => match.slice(1));
    };
    expect(await ending()).toEqual([[addDays(asOf, 60), '', 'うみ物流株式会社', `/contracts/${ids.ending}`, '期間満了の契約']]);
    // The vendor renamed: its contracts' lines say the new name at once (and keep the queue's order by it).
    const umi = (await t.http.get(`/api/v1/vendors/${ids.umi}`).set(...bearer(compliance)).expect(200)).body as { version: number };
    await t.http.patch(`/api/v1/vendors/${ids.umi}`).set(...bearer(compliance)).send({ name: 'わかば物流株式会社', version: umi.version }).expect(200);
    expect(await renewals()).toEqual([
      ['わかば物流株式会社', '期間満了の契約', addDays(asOf, 60)],
      ['わかば物流株式会社', '自動更新の契約', addDays(asOf, 80)],
    ]);
    expect(await ending()).toEqual([[addDays(asOf, 60), '', 'わかば物流株式会社', `/contracts/${ids.ending}`, '期間満了の契約']]);
    // A contract ended: it leaves the renewals.
    const ended = (await t.http.get(`/api/v1/contracts/${ids.ending}`).set(...bearer(legal)).expect(200)).body as { version: number };
    await t.http.patch(`/api/v1/contracts/${ids.ending}`).set(...bearer(legal)).send({ status: 'terminated', version: ended.version }).expect(200);
    expect(await renewals()).toEqual([['わかば物流株式会社', '自動更新の契約', addDays(asOf, 80)]]);
    expect(await ending()).toEqual([]);
    // A draft nobody has reviewed joins the first queue, in the order of its vendor's name.
    const draft = await newContract(t, ids.kaede, { title: '新しい契約', status: 'draft' });
    expect((await queue('contracts-never-reviewed', '', legal)).items.map((item) => [item.vendorName, item.subject, item.href])).toEqual([['かえで会計株式会社', '新しい契約', `/contracts/${draft.id}`]]);
    // At start, entries derived by other rules (or none, after the migration) are written anew.
    const before = await summary(legal);
    await t.dataSource.query('DELETE FROM contract_queue_entries');
    await t.dataSource.query('DELETE FROM renewal_due_counts');
    await t.dataSource.query("UPDATE derived_fingerprints SET fingerprint = 'other rules' WHERE name = 'contract-queue-entries'");
    expect((await summary(legal)).filter((entry) => entry.role === 'legal').map((entry) => entry.count)).toEqual([0, 0, 0]);
    await t.app.get(ContractQueuesBackfill).onApplicationBootstrap();
    expect(await summary(legal)).toEqual(before);
    expect(before.filter((entry) => entry.role === 'legal').map((entry) => entry.count)).toEqual([1, 1, 1]);
    // Renewals counted by other rules (under other keys) are counted again from nothing.
    await t.dataSource.query('UPDATE renewal_due_counts SET contracts = contracts + 3');
    await t.dataSource.query("UPDATE derived_fingerprints SET fingerprint = 'other rules' WHERE name = 'contract-queue-entries'");
    expect((await summary(legal)).find((entry) => entry.id === 'contracts-renewal')?.count).toBe(4);
    await t.app.get(ContractQueuesBackfill).onApplicationBootstrap();
    expect(await summary(legal)).toEqual(before);
  });
});
