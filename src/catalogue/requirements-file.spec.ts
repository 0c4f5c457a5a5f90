import { CLAUSE_TYPES, CONDITIONS } from '../rules/clause-types';
import { DUTIES, FRAMEWORKS } from './dto/catalogue.dto';
import { loadRequirementsFile } from './requirements-file';

describe('the shipped catalogue', () => {
  const requirements = loadRequirementsFile();

  it('has the 52 requirements of requirements.tsv with unique ids', () => {
    expect(requirements).toHaveLength(52);
    expect(new Set(requirements.map((row) => row.id)).size).toBe(52);
  });

  it('names only known clause types, duties, frameworks and conditions', () => {
    const clauseCodes = new Set(CLAUSE_TYPES.map((clauseType) => clauseType.code));
    for (const row of requirements) {
      expect(FRAMEWORKS).toContain(row.framework);
      for (const condition of row.applies.split('+')) expect(CONDITIONS).toContain(condition);
      expect(row.satisfiedBy.length).toBeGreaterThan(0);
      for (const target of row.satisfiedBy) {
        const [kind, code] = target.split(':');
        if (kind === 'clause') expect(clauseCodes).toContain(code);
        else expect([kind, DUTIES.includes(code as (typeof DUTIES)[number])]).toEqual(['duty', true]);
      }
    }
  });

  it('has the 16 clause types of domain.md, each satisfying at least one requirement', () => {
    expect(CLAUSE_TYPES).toHaveLength(16);
    for (const clauseType of CLAUSE_TYPES) {
      expect(requirements.some((row) => row.satisfiedBy.includes(`clause:${clauseType.code}`))).toBe(true);
    }
  });
});
