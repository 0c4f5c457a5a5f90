import { DESIGNATED_COUNTRIES, foreignHandlingCountries, isAbroad, isForeignRecipient } from './vendor-facts';

describe('foreign recipient (APPI Art. 28; legal-model.md §3.1): where the vendor entity is', () => {
  it.each([
    ['a Japanese vendor', 'JP', false],
    ['a US vendor', 'US', true],
    ['a Singapore vendor', 'SG', true],
    ['a French vendor (EEA: designated, PPC Rules Art. 15)', 'FR', false],
    ['a UK vendor (designated)', 'GB', false],
    ['a Norwegian vendor (EEA, not EU)', 'NO', false],
    ['a Swiss vendor (neither EEA nor UK)', 'CH', true],
    ['a Greek vendor (GR, not EL)', 'GR', false],
  ])('%s (%s) → %s', (_label, country, expected) => {
    expect(isForeignRecipient({ country })).toBe(expected);
  });

  it('designates the 27 EU member states, Iceland, Liechtenstein, Norway and the UK, and nothing else', () => {
    expect([...DESIGNATED_COUNTRIES].sort()).toEqual([
      'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GB', 'GR', 'HR', 'HU', 'IE', 'IS', 'IT', 'LI', 'LT', 'LU', 'LV', 'MT', 'NL', 'NO', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
    ]);
    for (const country of ['JP', 'US', 'CH', 'SG', 'EL', 'UK']) expect(DESIGNATED_COUNTRIES.has(country)).toBe(false);
  });
});

describe('foreign handling (通則GL 10-7; legal-model.md §3.2): every country other than Japan where the data is handled', () => {
  const facts = (country: string, dataLocations: string[] = [], subcontractorCountries: string[] = []) => ({ country, dataLocations, subcontractorCountries });
  it.each([
    ['all in Japan', facts('JP', ['JP'], ['JP']), []],
    ['a Japanese vendor storing data in Singapore', facts('JP', ['JP', 'SG']), ['SG']],
    ['a Japanese vendor with a US subcontractor', facts('JP', ['JP'], ['US']), ['US']],
    ['a French vendor with data in France', facts('FR', ['FR']), ['FR']],
    ['each country once, in order: vendor, data locations, subcontractors', facts('US', ['SG', 'US', 'JP'], ['DE', 'SG']), ['US', 'SG', 'DE']],
    ['no data location recorded', facts('JP'), []],
  ])('%s → %j', (_label, input, expected) => {
    expect(foreignHandlingCountries(input)).toEqual(expected);
    expect(isAbroad(input)).toBe(expected.length > 0);
  });
});
