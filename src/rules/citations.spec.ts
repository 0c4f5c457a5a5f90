import { loadRequirementsFile } from '../catalogue/requirements-file';
import { citation, citationIndex, citationsOf, joinCitations } from './citations';

describe('citations of requirements', () => {
  it.each([
    ['APPI', 'Art. 25', 'APPI Art. 25'],
    ['JIS', 'b)', 'JIS Q 15001 b)'],
    ['GDPR', '28(3)(a)', 'GDPR 28(3)(a)'],
    ['ISO', 'A.5.20', 'ISO/IEC 27001 A.5.20'],
    ['Telecom', 'TBA Art. 4(1)(2)', 'TBA Art. 4(1)(2)'],
    ['Other', 'Art. 1', 'Art. 1'],
  ])('%s %s → %s', (framework, reference, expected) => {
    expect(citation({ framework, reference })).toBe(expected);
  });

  const index = citationIndex([
    { id: 'appi.supervision', framework: 'APPI', reference: 'Art. 25' },
    { id: 'jis.security', framework: 'JIS', reference: 'b)' },
    { id: 'appi.supervision-again', framework: 'APPI', reference: 'Art. 25' },
    { id: 'tel.secrecy', framework: 'Telecom', reference: 'TBA Art. 4' },
  ]);

  it.each([
    ['in the order given', ['jis.security', 'appi.supervision'], undefined, ['JIS Q 15001 b)', 'APPI Art. 25']],
    ['each citation once', ['appi.supervision', 'appi.supervision-again', 'tel.secrecy'], undefined, ['APPI Art. 25', 'TBA Art. 4']],
    ['an unknown id as itself', ['gone.requirement', 'tel.secrecy'], undefined, ['gone.requirement', 'TBA Art. 4']],
    ['none: nothing', [], undefined, []],
    ['none, with a basis: the basis', [], 'JIS f)', ['JIS f)']],
    ['none, with an empty basis: nothing', [], '', []],
    ['none, with no basis: nothing', [], null, []],
    ['some, with a basis: the requirements only', ['tel.secrecy'], 'JIS f)', ['TBA Art. 4']],
  ] as const)('cites %s', (_label, ids, basis, expected) => {
    expect(citationsOf(ids, index, basis)).toEqual(expected);
  });

  it('joins citations inside a sentence with semicolons', () => {
    expect(joinCitations(['APPI Art. 25', 'JIS Q 15001 b)'])).toBe('APPI Art. 25; JIS Q 15001 b)');
    expect(joinCitations([])).toBe('');
  });

  it('cites every shipped requirement with its framework named once', () => {
    const requirements = loadRequirementsFile();
    const cited = citationIndex(requirements);
    expect(cited.size).toBe(requirements.length);
    expect(cited.get('appi.supervision')).toBe('APPI Art. 25');
    expect(cited.get('iso.5.20')).toMatch(/^ISO\/IEC 27001 A\.5\.20/);
    expect(cited.get('tel.secrecy')).toMatch(/^TBA Art\. 4/);
  });
});
