import ExcelJS from 'exceljs';
import { activeVendor, newAssessment, newSubcontractor, newVendor, today } from './support/factories';
import { binary } from './support/register-files';
import { ADMIN_EMAIL, ADMIN_PASSWORD, bearer, createTestApp, TestApp } from './support/test-app';
import { signInAs } from './ui/support';

interface Disclosure {
  asOf: string;
  countries: Array<{ country: string; name: string; reviewedOn: string | null; vendorCount: number; vendors: Array<{ id: string; name: string }> }>;
  unreviewed: string[];
  draft: { ja: string; en: string };
}

const DRAFT_JA =
  '（外的環境の把握）\n当社は、ドイツ、シンガポール及びアメリカ合衆国において個人データを取り扱っています（個人データの取扱いを委託している事業者及びその再委託先の所在国並びに個人データを保管するサーバの所在国を含みます。）。' +
  '当社は、これらの国における個人情報の保護に関する制度を把握した上で、安全管理措置を実施しています。';
const DRAFT_EN =
  '(Understanding the external environment)\nThe Company handles personal data in Germany, Singapore, and United States of America (including the countries where the businesses entrusted with the handling of personal data and their subcontractors are located, and where the servers storing personal data are located). ' +
  'The Company implements its security control measures after understanding the systems for the protection of personal information in those countries.';

describe('外的環境の把握: the countries where personal data is handled, their regime reviews and the privacy policy draft', () => {
  let t: TestApp;
  let token: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    token = await t.tokenFor('viewer');
    // A Japanese vendor storing in Singapore with a US subcontractor: foreign handling, no foreign recipient.
    const test = await activeVendor(t, { name: '株式会社テスト', dataLocations: ['JP', 'SG'] });
    await newSubcontractor(t, test.id, { country: 'US', approvedOn: '2025-01-10', approvedBy: '法務部' });
    await newAssessment(t, test.id, { kind: 'foreign-regime', completedOn: '2025-06-01', outcome: 'approved', countries: ['SG'] });
    await newAssessment(t, test.id, { kind: 'foreign-regime', completedOn: '2024-06-01', outcome: 'approved', countries: ['SG'] });
    // A US vendor: its country is the United States, never reviewed.
    const cloud = await activeVendor(t, { name: 'エーシー・クラウド合同会社', country: 'US', dataLocations: ['US'], transferBasis: 'consent' });
    // A German vendor whose review was recorded with another vendor's: the regime is the country's.
    const german = await activeVendor(t, { name: 'ベルリン株式会社', country: 'DE', dataLocations: ['DE'] });
    const other = await newVendor(t, { name: '国内株式会社' });
    await newAssessment(t, other.id, { kind: 'foreign-regime', completedOn: '2025-10-01', outcome: 'approved', countries: ['DE'] });
    // Not in the list: a candidate storing in China (handles nothing yet), joint use in Korea (no entrustment).
    await newVendor(t, { name: '候補株式会社', dataLocations: ['CN'] });
    await activeVendor(t, { name: '共同利用株式会社', country: 'KR', relationship: 'joint-use' });
    Object.assign(ids, { test: test.id, cloud: cloud.id, german: german.id });
  });
  afterAll(() => t.close());

  const disclosure = async (query = '') => (await t.http.get(`/api/v1/reports/external-environment${query}`).set(...bearer(token)).expect(200)).body as Disclosure;

  it('lists each country once, with its last review or none, and the vendors that bring it in', async () => {
    const body = await disclosure('?lang=ja');
    expect(body.asOf).toBe(today(t));
    expect(body.countries).toEqual([
      { country: 'DE', name: 'ドイツ', reviewedOn: '2025-10-01', vendorCount: 1, vendors: [{ id: ids.german, name: 'ベルリン株式会社' }] },
      { country: 'SG', name: 'シンガポール', reviewedOn: '2025-06-01', vendorCount: 1, vendors: [{ id: ids.test, name: '株式会社テスト' }] },
      { country: 'US', name: 'アメリカ合衆国', reviewedOn: null, vendorCount: 2, vendors: [{ id: ids.cloud, name: 'エーシー・クラウド合同会社' }, { id: ids.test, name: '株式会社テスト' }] },
    ]);
    expect(body.unreviewed).toEqual(['US']);
    expect(body.draft).toEqual({ ja: DRAFT_JA, en: DRAFT_EN });
    expect((await disclosure('?lang=en')).countries.map((entry) => entry.name)).toEqual(['Germany', 'Singapore', 'United States of America']);
  });

  it('as it was on an earlier day: reviews completed later do not count', async () => {
    const body = await disclosure('?asOf=2025-07-01');
    expect(body.countries.map((entry) => [entry.country, entry.reviewedOn])).toEqual([['DE', null], ['SG', '2025-06-01'], ['US', null]]);
    expect(body.unreviewed).toEqual(['DE', 'US']);
    // The US subcontractor was announced today: on 2025-07-01 the US came in through the US vendor only.
    expect(body.countries[2].vendors.map((vendor) => vendor.name)).toEqual(['エーシー・クラウド合同会社']);
  });

  it('refuses a date that is no date, naming the field', async () => {
    const response = await t.http.get('/api/v1/reports/external-environment?asOf=2025-02-30').set(...bearer(token)).expect(400);
    expect(response.body.message).toEqual([expect.stringMatching(/^asOf: /)]);
  });

  it('shows the page with 「未確認」, the internal list of vendors, and the draft in either language', async () => {
    const session = await signInAs(t, ADMIN_EMAIL, ADMIN_PASSWORD);
    const html = (await session.get('/reports/external-environment').expect(200)).text;
    const rows = [...html.matchAll(/<tr data-country="([A-Z]{2})"><td>([^<]*)<\/td><td>([^<]*)<\/td><td class="num">(\d+)<\/td><td>(.*?)<\/td><\/tr>/g)]
      .map((match) => [match[1], match[2], match[3], Number(match[4]), [...match[5].matchAll(/>([^<]+)<\/a>/g)].map((name) => name[1])]);
    expect(rows).toEqual([
      ['DE', 'ドイツ', '2025-10-01', 1, ['ベルリン株式会社']],
      ['SG', 'シンガポール', '2025-06-01', 1, ['株式会社テスト']],
      ['US', 'アメリカ合衆国', '未確認', 2, ['エーシー・クラウド合同会社', '株式会社テスト']],
    ]);
    expect(/data-testid="unreviewed">([^<]*)</.exec(html)?.[1]).toBe('次の国は制度の確認が記録されていません：アメリカ合衆国。公表の前に確認してください。');
    expect(/data-testid="draft-ja">([^<]*)</.exec(html)?.[1]).toBe(DRAFT_JA);
    // The Japanese page shows no English sentence: the English draft is a link away (the page with lang=en).
    expect(html).not.toContain('data-testid="draft-en"');
    const links = html.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
    expect(/<a href="([^"]*)" data-testid="other-draft">([^<]*)</.exec(links)?.slice(1)).toEqual([`/reports/external-environment?asOf=${today(t)}&lang=en`, '英語の文案']);
    expect(links).toContain(`href="/reports/external-environment.xlsx?asOf=${today(t)}&lang=ja"`);
    expect(links).toContain(`href="/reports/external-environment.txt?asOf=${today(t)}&lang=ja"`);
    const english = (await session.get(`/reports/external-environment?asOf=${today(t)}&lang=en`).expect(200)).text;
    expect(/data-testid="draft-en">([^<]*)</.exec(english)?.[1]).toBe(DRAFT_EN);
    expect(/<a href="([^"]*)" data-testid="other-draft">([^<]*)</.exec(english.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&'))?.slice(1)).toEqual([`/reports/external-environment?asOf=${today(t)}&lang=ja`, '日本語の文案']);
    expect((await session.get('/').expect(200)).text).toContain('href="/reports/external-environment"');
  });

  it('exports the list and the draft as .xlsx, and the draft as text', async () => {
    const response = await t.http.get(`/api/v1/reports/external-environment.xlsx?lang=ja&asOf=${today(t)}`).set(...bearer(token)).buffer(true).parse(binary).expect(200);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="external-environment-${today(t)}.xlsx"`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as ArrayBuffer);
    const sheet = (index: number) => {
      const rows: unknown[][] = [];
      workbook.worksheets[index].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      return { name: workbook.worksheets[index].name, rows };
    };
    expect(sheet(0)).toEqual({
      name: '外国',
      rows: [
        ['国', '制度の確認日', '委託先数', '取り扱う委託先'],
        ['ドイツ', '2025-10-01', 1, 'ベルリン株式会社'],
        ['シンガポール', '2025-06-01', 1, '株式会社テスト'],
        ['アメリカ合衆国', '未確認', 2, 'エーシー・クラウド合同会社\n株式会社テスト'],
      ],
    });
    expect(sheet(1)).toEqual({ name: '文案', rows: [['プライバシーポリシー文案（安全管理措置：外的環境の把握）'], ...DRAFT_JA.split('\n').map((line) => [line])] });

    const text = await t.http.get('/api/v1/reports/external-environment.txt?lang=en').set(...bearer(token)).buffer(true).parse(binary).expect(200);
    expect(text.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect((text.body as Buffer).toString('utf8')).toBe(`${DRAFT_EN.replace('\n', '\r\n')}\r\n`);
  });
});
