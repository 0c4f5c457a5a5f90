import { corporateNumberCheckDigit, isValidCorporateNumber } from './corporate-number';

describe('法人番号 check digit', () => {
  it.each([
    ['7000012050002', '国税庁 (published example)'],
    ['1180301018771', 'published example'],
    ['4000012090001', '財務省'],
    ['2000012010019', '内閣府'],
  ])('accepts %s (%s)', (number) => {
    expect(isValidCorporateNumber(number)).toBe(true);
  });

  it.each([
    ['8000012050002', 'wrong check digit'],
    ['7000012050003', 'one base digit changed'],
    ['700001205000', '12 digits'],
    ['70000120500021', '14 digits'],
    ['700001205000a', 'a letter'],
    ['７００００１２０５０００２', 'full-width digits'],
    ['', 'empty'],
  ])('rejects %s (%s)', (number) => {
    expect(isValidCorporateNumber(number)).toBe(false);
  });

  it('computes 9 − (Σ P(n)·Q(n) mod 9) over the base digits', () => {
    expect(corporateNumberCheckDigit('000012050002')).toBe(7);
    expect(corporateNumberCheckDigit('180301018771')).toBe(1);
    expect(() => corporateNumberCheckDigit('123')).toThrow(new RangeError('base must be 12 digits'));
    expect(() => corporateNumberCheckDigit('0000120500021')).toThrow(RangeError);
    expect(() => corporateNumberCheckDigit('x00012050002')).toThrow(RangeError);
    expect(() => corporateNumberCheckDigit('00001205000x')).toThrow(RangeError);
  });
});
