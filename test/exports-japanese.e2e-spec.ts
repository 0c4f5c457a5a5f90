import { parse } from 'csv-parse/sync';
import { activeVendor, newAudit, newContract, newFinding, newSubcontractor } from './support/factories';
import { binary } from './support/register-files';
import { bearer, createTestApp, TestApp } from './support/test-app';

/**
 * A Japanese export is for people: every enumerated cell holds the label the UI shows (from the one
 * message catalogue), countries their Japanese names, booleans はい/いいえ; the machine-readable export
 * (values=codes) keeps the API's codes. Either imports back unchanged.
 */
describe('exports in Japanese', () => {
  let t: TestApp;
  let compliance: string;
  let jaViewer: string;
  beforeAll(async () => {
    t = await createTestApp();
    compliance = await t.tokenFor('compliance');
    jaViewer = await t.tokenFor('viewer', 'ja');
    await t.setLocale('viewer', 'ja');
    const vendor = await activeVendor(t, {
      name: '株式会社和文出力', corporateNumber: '7000012050002', country: 'US', dataLocations: ['US', 'SG'], dataCategories: ['communications', 'customer'],
      reentrustmentAllowed: true, transferBasis: 'consent', ownerEmail: 'sato@example.test', activeSince: '2024-04-01', services: '通信ログの保管',
    });
    await newSubcontractor(t, vendor.id, { country: 'SG', approvedOn: '2025-01-10', approvedBy: '法務部' });
    await newContract(t, vendor.id, { title: '業務委託契約書', kind: 'entrustment', status: 'signed', signedOn: '2024-03-15', effectiveFrom: '2024-04-01', autoRenew: true });
    const audit = await newAudit(t, vendor.id, { kind: 'on-site', scheduledFor: '2025-05-01' });
    await t.http.patch(`/api/v1/audits/${audit.id}`).set(...bearer(compliance)).send({ status: 'completed', completedOn: '2025-05-01', result: 'minor-issues', version: audit.version }).expect(200);
    await newFinding(t, audit.id, { title: 'ログの保存期間', severity: 'medium', dueOn: '2099-12-31' });
  }, 60_000);
  afterAll(() => t.close());

  const csv = async (path: string, token = jaViewer) =>
    parse((await t.http.get(path).set(...bearer(token)).buffer(true).parse(binary).expect(200)).body.toString('utf8'), { bom: true }) as string[][];

  /** Every cell of the register's one row, by its Japanese header. */
  const register = async (query: string) => {
    const [header, ...rows] = await csv(`/api/v1/exports/vendors?q=和文出力${query}`);
    expect(rows).toHaveLength(1);
    return Object.fromEntries(header.map((title, index) => [title, rows[0][index]]));
  };

  it('the register: labels, country names and はい/いいえ in the user\'s language, with the audit dates', async () => {
    expect(await register('')).toEqual({
      委託先名: '株式会社和文出力', 法人番号: '7000012050002', 所在国: 'アメリカ合衆国', データ所在国: 'アメリカ合衆国、シンガポール', 委託業務: '通信ログの保管',
      取扱データ区分: '通信の秘密に係る情報、顧客の個人情報', 本人の数: '', 再委託可否: 'はい', GDPR適用: 'いいえ', '関係の区分(委託に当たるか)': '委託',
      '外国にある第三者への提供の根拠(個人情報保護法第28条)': '本人の同意', 再委託の承認方法: '事前承認', 担当者メール: 'sato@example.test', 担当者氏名: '', 取引状態: '取引中',
      取引開始日: '2024-04-01', 'リスク区分(手動設定)': '', リスク区分の手動設定理由: '', フリガナ: '', 契約名: '業務委託契約書', 契約種別: '業務委託契約',
      契約状態: '締結済み', 締結日: '2024-03-15', 契約開始日: '2024-04-01', 契約満了日: '', 自動更新: 'はい', '解約通知期間(日)': '', 準拠法: '',
      契約書の保管場所: '', 保存期間: '', 前回監査日: '2025-05-01', 次回監査期限: '2026-05-01', リスク区分: '高', 遵守状況: '要是正',
      警告: '監査期限超過、外的環境の把握なし、必須条項の不足、保存期間の記録なし',
    });
    // lang=ja gives the same file to an English-speaking user.
    expect(await csv('/api/v1/exports/vendors?q=和文出力&lang=ja', compliance)).toEqual(await csv('/api/v1/exports/vendors?q=和文出力'));
  });

  it('the machine-readable export keeps codes, alpha-2 countries and TRUE/FALSE', async () => {
    const cells = await register('&values=codes');
    expect([cells.所在国, cells.データ所在国, cells.取扱データ区分, cells.再委託可否, cells['関係の区分(委託に当たるか)'], cells.取引状態, cells.契約種別, cells.リスク区分, cells.遵守状況, cells.警告]).toEqual([
      'US', 'US;SG', 'communications;customer', 'TRUE', 'entrustment', 'active', 'entrustment', 'high', 'non-compliant',
      'audit-overdue;external-environment-missing;missing-clause;retention-period-missing',
    ]);
  });

  it('the contract checklists and the audits: review statuses, kinds and results as labels', async () => {
    const [header, row] = await csv('/api/v1/exports/contracts?q=和文出力');
    const cell = (title: string) => row[header.indexOf(title)];
    expect([cell('契約種別'), cell('契約状態'), cell('自動更新'), cell('有効')]).toEqual(['業務委託契約', '締結済み', 'はい', 'はい']);
    expect(cell('通信の秘密の保護')).toBe('未確認');
    const [, audit] = await csv('/api/v1/exports/audits?q=和文出力');
    expect(audit.slice(2, 6)).toEqual(['実地監査', '完了', '2025-05-01', '2025-05-01']);
    expect([audit[6], audit[10], audit[14]]).toEqual(['軽微な問題', '中', '未完了']);
  });

  it('a Japanese export imports back as the same register', async () => {
    const file = (await t.http.get('/api/v1/exports/vendors?q=和文出力').set(...bearer(jaViewer)).buffer(true).parse(binary).expect(200)).body as Buffer;
    const imported = await t.http.post('/api/v1/imports/vendors?dryRun=true').set(...bearer(compliance)).attach('file', file, 'register.csv').expect(200);
    expect(imported.body).toMatchObject({ errors: [], vendors: { created: 0, updated: 0, unchanged: 1 }, contracts: { created: 0, updated: 0, unchanged: 1 } });
  });
});
