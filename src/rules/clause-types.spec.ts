import { loadRequirementsFile } from '../catalogue/requirements-file';
import { CLAUSE_TYPES, CONDITIONS } from './clause-types';

describe('clause types (条項類型) and the catalogue that cites them', () => {
  const requirements = loadRequirementsFile();
  const cited = new Set(requirements.flatMap((requirement) => requirement.satisfiedBy).filter((target) => target.startsWith('clause:')).map((target) => target.slice('clause:'.length)));

  it('has a unique code and known conditions in each clause type\'s requiredWhen', () => {
    const codes = CLAUSE_TYPES.map((clauseType) => clauseType.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const clauseType of CLAUSE_TYPES) {
      for (const condition of clauseType.requiredWhen.split(/[+|]/)) expect(CONDITIONS).toContain(condition);
    }
  });

  it('adds the My Number clause types and the cloud no-handling clause at the end (existing checklists keep their order)', () => {
    expect(CLAUSE_TYPES.slice(-3).map((clauseType) => [clauseType.code, clauseType.requiredWhen])).toEqual([
      ['no-removal', 'entrustment+my-number'], ['staff-training', 'entrustment+my-number'], ['no-handling', 'cloud-no-handling'],
    ]);
  });

  it('cites only clause types that exist, and every clause type is cited by a requirement', () => {
    expect([...cited].filter((code) => !CLAUSE_TYPES.some((clauseType) => clauseType.code === code))).toEqual([]);
    expect(CLAUSE_TYPES.map((clauseType) => clauseType.code).filter((code) => !cited.has(code))).toEqual([]);
  });

  it('gives every clause type its titles and description', () => {
    for (const clauseType of CLAUSE_TYPES) {
      expect([clauseType.titleJa, clauseType.titleEn, clauseType.description].every((text) => text.length > 0)).toBe(true);
    }
  });
});
