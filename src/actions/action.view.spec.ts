import { Translator } from '../i18n/translator';
import { Action } from '../rules/actions';
import { renderAction } from './action.view';

const review = (overrides: Partial<Action>): Action => ({
  kind: 'review-contract', vendorId: 'v1', vendorName: '株式会社あいう', severity: 'critical', riskTier: 'high', dueDate: null, daysOverdue: 0,
  responsibleRole: 'legal', responsiblePerson: null, target: { page: 'contract', id: 'c1' }, flagCodes: ['missing-clause'], flagCount: 14,
  variants: { 'not-reviewed': 14 }, subject: '業務委託契約書', refId: null, ...overrides,
});

describe('the line of a contract review', () => {
  const translator = new Translator();

  it.each([
    ['clause types only', 'ja', {}, '契約「業務委託契約書」の条項を確認してください（未確認の条項類型 14 件）'],
    ['clause types only', 'en', {}, 'Review the contract “業務委託契約書” (14 clause types not reviewed)'],
    ['and no retention period', 'ja', { flagCodes: ['missing-clause', 'retention-period-missing'], flagCount: 15, variants: { 'not-reviewed': 14, 'retention-period-missing': 1 } }, '契約「業務委託契約書」の条項を確認してください（未確認の条項類型 14 件、保存期間の記録なし）'],
    ['and no retention period', 'en', { flagCodes: ['missing-clause', 'retention-period-missing'], flagCount: 15, variants: { 'not-reviewed': 14, 'retention-period-missing': 1 } }, 'Review the contract “業務委託契約書” (14 clause types not reviewed and no retention period)'],
    ['no retention period alone', 'ja', { severity: 'warning', flagCodes: ['retention-period-missing'], flagCount: 1, variants: { 'retention-period-missing': 1 } }, '契約「業務委託契約書」の条項を確認してください（保存期間の記録なし）'],
    ['several contracts', 'ja', { subject: null, target: { page: 'vendor', id: 'v1' }, flagCodes: ['missing-clause', 'partial-clause', 'retention-period-missing'], variants: { missing: 2, partial: 1, 'retention-period-missing': 2 } }, '契約期間中の契約の条項を確認してください（記載なし 2 件、一部のみ 1 件、保存期間の記録なし）'],
  ] as Array<[string, 'ja' | 'en', Partial<Action>, string]>)('%s (%s)', (_label, locale, overrides, message) => {
    expect(renderAction(review(overrides), locale, translator).message).toBe(message);
  });

  it('links to the page that fixes it', () => {
    expect(renderAction(review({}), 'ja', translator).href).toBe('/contracts/c1');
    expect(renderAction(review({ kind: 'record-transfer-basis', target: { page: 'vendor-edit', id: 'v1' } }), 'ja', translator)).toMatchObject({
      href: '/vendors/v1/edit', message: '外国にある第三者への提供の根拠（個人情報保護法第28条）を記録してください',
    });
  });
});
