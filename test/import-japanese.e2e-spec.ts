import { JA_HEADER, shiftJis, toCsvText } from './support/register-files';
import { bearer, createTestApp, TestApp } from './support/test-app';

/** A register kept by a Japanese team: Excel's Shift_JIS CSV, the labels the UI shows, country names and 和暦. */
describe('import of a register written in Japanese', () => {
  let t: TestApp;
  let compliance: string;
  beforeAll(async () => {
    t = await createTestApp();
    compliance = await t.tokenFor('compliance');
  });
  afterAll(() => t.close());

  const upload = (content: Buffer, query = '') =>
    t.http.post(`/api/v1/imports/vendors${query}`).set(...bearer(compliance)).attach('file', content, '委託先管理台帳.csv');
  const count = async (table: string) => Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

  const header = [...JA_HEADER, 'リスク区分(手動設定)', 'リスク区分の手動設定理由'];
  const rows = [
    [
      '株式会社アルファ', '', '日本', '日本、シンガポール', 'コールセンター運営', '顧客の個人情報;通信の秘密に係る情報', '12,000', 'はい', 'いいえ',
      'owner@example.test', '取引中', '令和元年5月1日', '業務委託契約書', '業務委託契約', '締結済み', '平成31年4月30日', '令和元年5月1日', '2029年3月31日', 'いいえ', '90',
      '', '',
    ],
    [
      'ベータ合同会社', '', 'シンガポール', 'アメリカ合衆国;Japan', '給与計算', '従業者の個人情報', '', 'いいえ', 'いいえ',
      '', '候補', '', '秘密保持契約書', '秘密保持契約', '起案中', '', '2024/4/1', '', '', '',
      '低', '社内規程に基づく判定',
    ],
  ];

  it('stores the codes and ISO dates the labels, names and era dates mean', async () => {
    const response = await upload(shiftJis(toCsvText(header, rows)), '?lang=ja').expect(200);
    expect(response.body).toMatchObject({ file: { encoding: 'shift_jis' }, errors: [], vendors: { created: 2 }, contracts: { created: 2 } });

    const vendors = (await t.http.get('/api/v1/vendors?sort=name').set(...bearer(compliance)).expect(200)).body.items;
    expect(vendors.map((vendor: any) => [vendor.name, vendor.country, vendor.dataLocations, vendor.dataCategories, vendor.dataSubjectCount, vendor.reentrustmentAllowed, vendor.status, vendor.activeSince, vendor.riskTierOverride])).toEqual([
      ['ベータ合同会社', 'SG', ['US', 'JP'], ['employee'], null, false, 'candidate', null, 'low'],
      ['株式会社アルファ', 'JP', ['JP', 'SG'], ['customer', 'communications'], 12000, true, 'active', '2019-05-01', null],
    ]);
    const contractsOf = async (vendor: any) => (await t.http.get(`/api/v1/vendors/${vendor.id}/contracts`).set(...bearer(compliance)).expect(200)).body.items;
    const contracts = [...(await contractsOf(vendors[0])), ...(await contractsOf(vendors[1]))];
    expect(contracts.map((contract: any) => [contract.title, contract.kind, contract.status, contract.signedOn, contract.effectiveFrom, contract.expiresOn, contract.autoRenew, contract.noticeDays])).toEqual([
      ['秘密保持契約書', 'nda', 'draft', null, '2024-04-01', null, false, null],
      ['業務委託契約書', 'entrustment', 'signed', '2019-04-30', '2019-05-01', '2029-03-31', false, 90],
    ]);
  });

  it('the same file with one unknown label is refused with a 400 naming row, column and the accepted values, and writes nothing', async () => {
    const before = [await count('vendors'), await count('contracts')];
    const changed = rows.map((row) => [...row]);
    changed[1][0] = '株式会社ガンマ';
    changed[1][10] = '取引停止';
    const response = await upload(shiftJis(toCsvText(header, changed)), '?lang=ja').expect(400);
    expect(response.body.message).toEqual(['3行目 取引状態「取引停止」: 次のいずれかを指定してください: 候補 (candidate), 取引中 (active), 終了手続中 (offboarding), 終了 (terminated)']);
    expect([await count('vendors'), await count('contracts')]).toEqual(before);

    const english = await upload(shiftJis(toCsvText(header, changed)), '?lang=en&dryRun=true').expect(200);
    expect(english.body.errors).toEqual([{ row: 3, column: 'status', header: '取引状態', value: '取引停止', reason: 'must be one of: candidate, active, offboarding, terminated' }]);
  });

  it.each([
    [11, '令和元年4月30日', '取引開始日', '実在する日付を 2024-04-01、2024/4/1、2024年4月1日、令和6年4月1日(令和・平成・昭和、元年も可)のいずれかの形式で入力してください'],
    [3, 'ジパング', 'データ所在国', '国名(日本語・英語、例: 日本、シンガポール)またはISO 3166-1 alpha-2の国コード(例: JP)を入力してください'],
    [13, '賃貸借契約', '契約種別', '次のいずれかを指定してください: 業務委託契約 (entrustment), データ処理契約(DPA) (dpa), 秘密保持契約 (nda), 基本契約 (msa), その他 (other)'],
  ])('column %i "%s" is refused naming %s', async (index, value, column, reason) => {
    const changed = rows.map((row) => [...row]);
    changed[0][index] = value;
    const response = await upload(shiftJis(toCsvText(header, changed)), '?lang=ja&dryRun=true').expect(200);
    expect(response.body.errors.map((error: any) => [error.row, error.header, error.value, error.reason])).toEqual([[2, column, value, reason]]);
  });
});
