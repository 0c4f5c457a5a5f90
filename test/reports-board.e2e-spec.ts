import ExcelJS from 'exceljs';
import { BoardSnapshotsService } from '../src/reports/board-snapshots.service';
import { FLAG_CODES } from '../src/rules/flags';
import { INCIDENT_KINDS } from '../src/rules/incident-obligations';
import { COMPLIANCE_STATUSES, RISK_TIERS, VENDOR_STATUSES } from '../src/rules/vendor-facts';
import { today } from './support/factories';
import { binary } from './support/register-files';
import { ADMIN_EMAIL, ADMIN_PASSWORD, bearer, createTestApp, TestApp } from './support/test-app';
import { signInAs } from './ui/support';

const DAY = 86_400_000;

interface Counts {
  vendors: number; byStatus: Record<string, number>; byCompliance: Record<string, number>; byTier: Record<string, number>; flags: Record<string, number>;
  auditsCompleted: number; auditsDue: number; findingsOpened: number; findingsClosed: number; findingsOpen: number;
  incidents: Incidents;
}
interface Incidents { open: number; byKind: Record<string, number>; authorityReportsMade: number; authorityReportsOverdue: number }
interface Report { from: string; asOf: string; incidents: Incidents; days: Array<{ day: string; counts: Counts }>; remediation: { day: string | null; total: number; vendors: Array<{ vendorId: string; name: string; riskTier: string; reasons: Array<{ code: string; severity: string; message: string }> }> } }

/** The numbers of a day in the .xlsx's column order. */
const numbersOf = (counts: Counts) => [
  counts.vendors, ...VENDOR_STATUSES.map((key) => counts.byStatus[key]), ...COMPLIANCE_STATUSES.map((key) => counts.byCompliance[key]), ...RISK_TIERS.map((key) => counts.byTier[key]),
  ...FLAG_CODES.map((key) => counts.flags[key]), counts.auditsCompleted, counts.auditsDue, counts.findingsOpened, counts.findingsClosed, counts.findingsOpen,
  counts.incidents.open, ...INCIDENT_KINDS.map((kind) => counts.incidents.byKind[kind]), counts.incidents.authorityReportsMade, counts.incidents.authorityReportsOverdue,
];

async function sheets(body: Buffer): Promise<Array<{ name: string; rows: unknown[][] }>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  return workbook.worksheets.map((sheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return { name: sheet.name, rows };
  });
}

describe('board report: daily snapshots, trend charts and the numbers as .xlsx', () => {
  let t: TestApp;
  const days: string[] = [];
  /** A fresh admin token: moving the clock a day ends the earlier ones (12-hour tokens). */
  const admin = async () => (await t.http.post('/api/v1/auth/login').send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }).expect(200)).body.token as string;
  const snapshot = () => t.app.get(BoardSnapshotsService).takeToday();

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.advance(-2 * DAY);
    // Day 1: an active vendor without a contract (要是正), a candidate, an audit with an open finding.
    days.push(today(t));
    let token = await admin();
    const post = async (path: string, body: object) => (await t.http.post(path).set(...bearer(token)).send(body).expect(201)).body;
    const active = await post('/api/v1/vendors', { name: '株式会社ボード', status: 'active', dataCategories: ['customer'] });
    await post('/api/v1/vendors', { name: '候補株式会社' });
    const audit = await post(`/api/v1/vendors/${active.id}/audits`, { kind: 'remote', scheduledFor: days[0] });
    const finding = await post(`/api/v1/audits/${audit.id}/findings`, { title: '委託先の教育記録がない', severity: 'medium', dueOn: '2099-01-31' });
    // A leak of 要配慮個人情報 learned of ten days before: its 速報 to the authority (the 総合通信局 for a carrier) is overdue.
    const hoursAgo = (hours: number) => new Date(t.clock.now().getTime() - hours * 3_600_000).toISOString();
    const leak = await post(`/api/v1/vendors/${active.id}/incidents`, { title: '健康診断データの誤送信', kind: 'leak', notifiedAt: hoursAgo(240), sensitiveData: true, dataCategories: ['sensitive'], personsAffected: 3 });
    await snapshot();

    // Day 2: a third vendor; the finding is resolved.
    t.clock.advance(DAY);
    days.push(today(t));
    token = await admin();
    await post('/api/v1/vendors', { name: '第三株式会社', status: 'active' });
    await t.http.patch(`/api/v1/findings/${finding.id}`).set(...bearer(token)).send({ version: finding.version, status: 'resolved', resolutionNote: '教育記録を入手' }).expect(200);
    // The 速報 is made (late); a lost document (three ordinary records: nothing to report) is learned of.
    await post(`/api/v1/incidents/${leak.id}/reports`, { obligation: 'appi-preliminary', submittedAt: hoursAgo(0), submittedBy: '佐藤' });
    await post(`/api/v1/vendors/${active.id}/incidents`, { title: '書類の紛失', kind: 'loss', notifiedAt: hoursAgo(0), dataCategories: ['customer'], personsAffected: 3 });
    await snapshot();

    // Day 3: the job runs twice (a restart): still one row for the day.
    t.clock.advance(DAY);
    days.push(today(t));
    await snapshot();
    await snapshot();
  });
  afterAll(() => t.close());

  const report = async (query: string, token?: string) => (await t.http.get(`/api/v1/reports/board?${query}`).set(...bearer(token ?? (await admin()))).expect(200)).body as Report;

  it('stores one snapshot per day and reports the three days with their counts', async () => {
    const body = await report(`from=${days[0]}&asOf=${days[2]}&lang=ja`);
    expect([body.from, body.asOf]).toEqual([days[0], days[2]]);
    expect(body.days.map((point) => point.day)).toEqual(days);
    expect(body.days.map((point) => point.counts.vendors)).toEqual([2, 3, 3]);
    expect(body.days.map((point) => point.counts.byStatus)).toEqual([
      { candidate: 1, active: 1, offboarding: 0, terminated: 0 },
      { candidate: 1, active: 2, offboarding: 0, terminated: 0 },
      { candidate: 1, active: 2, offboarding: 0, terminated: 0 },
    ]);
    expect(body.days.map((point) => [point.counts.findingsOpened, point.counts.findingsClosed, point.counts.findingsOpen])).toEqual([[1, 0, 1], [1, 1, 0], [1, 1, 0]]);
    expect(body.days.map((point) => point.counts.byCompliance['non-compliant'])).toEqual([1, 2, 2]);
    expect(body.days.map((point) => point.counts.flags['no-contract'])).toEqual([1, 2, 2]);
    // Incidents: open, learned of that day by kind, reports to the authority made that day and overdue at the end of it.
    const none = { leak: 0, loss: 0, damage: 0, 'unauthorised-access': 0 };
    expect(body.days.map((point) => point.counts.incidents)).toEqual([
      { open: 1, byKind: none, authorityReportsMade: 0, authorityReportsOverdue: 1 },
      { open: 2, byKind: { ...none, loss: 1 }, authorityReportsMade: 1, authorityReportsOverdue: 0 },
      { open: 2, byKind: none, authorityReportsMade: 0, authorityReportsOverdue: 0 },
    ]);
    // The period's own counts: the leak was learned of before it, the loss within it.
    expect(body.incidents).toEqual({ open: 2, byKind: { ...none, loss: 1 }, authorityReportsMade: 1, authorityReportsOverdue: 0 });
    // 要是正 on the last day: both active vendors lack a contract, with the reason in Japanese.
    expect(body.remediation.day).toBe(days[2]);
    expect(body.remediation.vendors.map((vendor) => vendor.name)).toEqual(['株式会社ボード', '第三株式会社']);
    for (const vendor of body.remediation.vendors) {
      expect(vendor.reasons.map((reason) => reason.code)).toContain('no-contract');
      expect(vendor.reasons.find((reason) => reason.code === 'no-contract')!.message).toBe(
        'この委託先と契約期間中の契約がありません。委託した個人データの安全管理を確保する契約期間中の契約が必要です(法令上の義務: 個人情報保護法第25条、通則ガイドライン3-4-4(2))。締結済みの契約を登録するか、既存の契約の状態と期間を確認してください。',
      );
    }
  });

  it('shows "as it was" on an earlier day: the period up to asOf and that day\'s 要是正 list', async () => {
    const body = await report(`asOf=${days[1]}`);
    expect(body.days.map((point) => point.day)).toEqual(days.slice(0, 2));
    expect(body.remediation.day).toBe(days[1]);
    expect(body.remediation.vendors.map((vendor) => vendor.name)).toEqual(['株式会社ボード', '第三株式会社']);
    const first = await report(`from=${days[0]}&asOf=${days[0]}`);
    expect(first.remediation.vendors.map((vendor) => vendor.name)).toEqual(['株式会社ボード']);
    // As it was on the first day: the 速報 made on the second day was still overdue at its end.
    expect(first.incidents).toEqual({ open: 1, byKind: { leak: 0, loss: 0, damage: 0, 'unauthorised-access': 0 }, authorityReportsMade: 0, authorityReportsOverdue: 1 });
  });

  it('draws each chart with the three days as points (SVG from the server, no script)', async () => {
    const body = await report(`from=${days[0]}&asOf=${days[2]}`);
    const session = await signInAs(t, ADMIN_EMAIL, ADMIN_PASSWORD);
    const html = (await session.get(`/reports/board?from=${days[0]}&asOf=${days[2]}`).expect(200)).text;
    expect(html).not.toContain('<script');
    expect([...html.matchAll(/data-testid="chart-([a-z]+)"/g)].map((match) => match[1])).toEqual(['compliance', 'tiers', 'flags', 'audits', 'findings', 'incidents']);
    const series = (key: string) => {
      const group = new RegExp(`<g class="series-\\d" data-series="${key}">([\\s\\S]*?)</g>`).exec(html)?.[1] ?? '';
      return [...group.matchAll(/<circle [^>]*data-day="([^"]+)" data-value="(\d+)"/g)].map((match) => [match[1], Number(match[2])]);
    };
    expect(series('non-compliant')).toEqual(body.days.map((point) => [point.day, point.counts.byCompliance['non-compliant']]));
    expect(series('findingsOpen')).toEqual(days.map((day, index) => [day, [1, 0, 0][index]]));
    expect(series('no-contract')).toEqual(days.map((day, index) => [day, [1, 2, 2][index]]));
    expect(series('incidentsOpen')).toEqual(days.map((day, index) => [day, [1, 2, 2][index]]));
    expect(series('authorityReportsOverdue')).toEqual(days.map((day, index) => [day, [1, 0, 0][index]]));
    const incidents = /data-testid="incidents">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
    expect(/<h2>([^<]*)<\/h2>/.exec(incidents)?.[1]).toBe(`漏えい等の事案\uff08${days[0]}から${days[2]}まで\uff09`);
    expect([...incidents.matchAll(/<th scope="row">([^<]*)<\/th><td class="num">(\d+)<\/td>/g)].map((match) => [match[1], Number(match[2])])).toEqual([
      ['対応中の事案', 2], ['把握した事案: 漏えい', 0], ['把握した事案: 滅失', 1], ['把握した事案: 毀損', 0], ['把握した事案: 不正アクセス等', 0],
      ['当局（個人情報保護委員会・総務省）への報告: 実施', 1], ['当局への報告: 期限超過', 0],
    ]);
    expect(/data-testid="board-intro">([^<]*)</.exec(html)?.[1]).toBe(`${days[0]}から${days[2]}までの日次集計\uff08記録された3日分\uff09。要是正の委託先は${days[2]}までの最後の記録日のものです。`);
    expect(html).toContain(`要是正の委託先\uff08${days[2]}時点\uff09`);
    expect(html.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&')).toContain(`href="/reports/board.xlsx?from=${days[0]}&asOf=${days[2]}"`);
    expect((await session.get('/').expect(200)).text).toContain('href="/reports/board"');
  });

  it('writes the same numbers to .xlsx as the API counts, and the 要是正 vendors with their reasons', async () => {
    const token = await admin();
    const body = await report(`from=${days[0]}&asOf=${days[2]}&lang=ja`, token);
    const response = await t.http.get(`/api/v1/reports/board.xlsx?from=${days[0]}&asOf=${days[2]}&lang=ja`).set(...bearer(token)).buffer(true).parse(binary).expect(200);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="board-report-${days[0]}-${days[2]}.xlsx"`);
    const [counts, remediation, incidents] = await sheets(response.body as Buffer);
    expect(incidents).toEqual({ name: '期間中の漏えい等', rows: [
      ['項目', '件数'], ['対応中の事案', 2], ['把握した事案: 漏えい', 0], ['把握した事案: 滅失', 1], ['把握した事案: 毀損', 0], ['把握した事案: 不正アクセス等', 0],
      ['当局（個人情報保護委員会・総務省）への報告: 実施', 1], ['当局への報告: 期限超過', 0],
    ] });
    expect(counts.name).toBe('日次集計');
    expect(counts.rows[0].slice(0, 3)).toEqual(['日付', '委託先数', '状態: 候補']);
    expect(counts.rows[0]).toHaveLength(1 + numbersOf(body.days[0].counts).length);
    expect(counts.rows.slice(1)).toEqual(body.days.map((point) => [point.day, ...numbersOf(point.counts)]));
    expect(remediation.name).toBe('要是正の委託先');
    expect(remediation.rows[0]).toEqual(['日付', '委託先', 'リスク区分', '理由']);
    expect(remediation.rows.slice(1)).toEqual(body.remediation.vendors.map((vendor) => [days[2], vendor.name, { low: '低', medium: '中', high: '高' }[vendor.riskTier], vendor.reasons.map((reason) => reason.message).join('\n')]));
  });

  it('refuses a period that ends before it starts or is too long, or a date that is no date, naming the field in the caller\'s language', async () => {
    const token = await admin();
    const backwards = await t.http.get(`/api/v1/reports/board?from=${days[2]}&asOf=${days[0]}`).set(...bearer(token)).expect(400);
    // The administrator reads Japanese.
    expect(backwards.body.message).toEqual(['asOf: 開始より前にはできません']);
    const tooLong = await t.http.get('/api/v1/reports/board?from=2020-01-01&asOf=2026-03-31').set(...bearer(token)).expect(400);
    expect(tooLong.body.message).toEqual(['from: 期間は731日までです']);
    const english = await t.http.get('/api/v1/reports/board?from=2020-01-01&asOf=2026-03-31').set(...bearer(await t.tokenFor('viewer'))).expect(400);
    expect(english.body.message).toEqual(['from: the period may be at most 731 days']);
    const invalid = await t.http.get('/api/v1/reports/board?asOf=2026-02-30').set(...bearer(token)).expect(400);
    expect(invalid.body.message).toEqual(['asOf: 実在する日付をYYYY-MM-DDの形式で入力してください']);
  });

  it('names the first 100 要是正 vendors, highest risk tier first, and says how many there were, linking to all of them', async () => {
    const token = await admin();
    // A hundred more active vendors without a contract (要是正), one of them of the high tier (by its communications data).
    for (let index = 0; index < 100; index += 1) {
      await t.http.post('/api/v1/vendors').set(...bearer(token)).send({ name: `要是正 ${String(index).padStart(3, '0')}`, status: 'active', dataCategories: [index === 99 ? 'communications' : 'customer'] }).expect(201);
    }
    await snapshot();
    const body = await report(`from=${days[0]}&asOf=${days[2]}&lang=ja`, token);
    expect([body.remediation.total, body.remediation.vendors.length, body.days.at(-1)!.counts.byCompliance['non-compliant']]).toEqual([102, 100, 102]);
    const high = body.remediation.vendors.filter((vendor) => vendor.riskTier === 'high').map((vendor) => vendor.name);
    expect(high).toContain('要是正 099');
    expect(body.remediation.vendors.slice(0, high.length).map((vendor) => vendor.name)).toEqual(high);
    const session = await signInAs(t, ADMIN_EMAIL, ADMIN_PASSWORD);
    const html = (await session.get(`/reports/board?from=${days[0]}&asOf=${days[2]}`).expect(200)).text;
    expect(html).toContain('<p data-testid="remediation-more">要是正の委託先102社のうち、リスク区分の高い100社を示しています。 <a href="/vendors?complianceStatus=non-compliant&amp;sort=-riskTier">委託先一覧ですべて見る</a></p>');
    expect(html.match(/<tr><td>[^<]+<\/td><td>(?:高|中|低)<\/td>/g)).toHaveLength(100);
  });
});
