/**
 * 法人番号 (corporate number): 13 digits, a check digit followed by 12 base digits.
 * With the base digits numbered n = 1..12 from the right, P(n) the digit and Q(n) = 1 for odd n
 * and 2 for even n: check digit = 9 − (Σ P(n)·Q(n) mod 9). (法人番号の指定等に関する省令 第2条)
 */
export function corporateNumberCheckDigit(base12: string): number {
  if (!/^\d{12}$/.test(base12)) throw new RangeError('base must be 12 digits');
  let sum = 0;
  for (let n = 1; n <= 12; n += 1) {
    const digit = Number(base12[12 - n]);
    sum += digit * (n % 2 === 1 ? 1 : 2);
  }
  return 9 - (sum % 9);
}

export function isValidCorporateNumber(value: string): boolean {
  if (!/^\d{13}$/.test(value)) return false;
  return Number(value[0]) === corporateNumberCheckDigit(value.slice(1));
}
