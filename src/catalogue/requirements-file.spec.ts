import { CLAUSE_TYPES, CONDITIONS } from '../rules/clause-types';
import { DUTIES, FRAMEWORKS } from './dto/catalogue.dto';
import { loadRequirementsFile, parseRequirementsTsv } from './requirements-file';

describe('the shipped catalogue (legal-model.md §8)', () => {
  const requirements = loadRequirementsFile();
  const byId = new Map(requirements.map((row) => [row.id, row]));
  const cited = (id: string) => byId.get(id)!.references.map(({ source, article, paragraph, item, point, section, verification }) =>
    [source, article ?? section ?? '', paragraph ?? '', item ?? point ?? '', verification[0].toUpperCase()].filter(Boolean).join(' '));

  it('has the 59 requirements of requirements.tsv with unique ids, the first edition\'s 52 ids kept', () => {
    expect(requirements).toHaveLength(59);
    expect(new Set(requirements.map((row) => row.id)).size).toBe(59);
    expect(requirements.map((row) => row.id).filter((id) => ['appi.reentrust-terms', 'appi.joint-use', 'appi.provision', 'iso.5.23', 'mn.reentrust-permission', 'mn.supervision', 'mn.contract-items'].includes(id)))
      .toHaveLength(7);
  });

  it('names only known clause types, duties, frameworks and conditions', () => {
    const clauseCodes = new Set(CLAUSE_TYPES.map((clauseType) => clauseType.code));
    for (const row of requirements) {
      expect(FRAMEWORKS).toContain(row.framework);
      for (const condition of row.applies.split(/[+|]/)) expect([row.id, CONDITIONS.includes(condition as never)]).toEqual([row.id, true]);
      expect(row.satisfiedBy.length).toBeGreaterThan(0);
      expect(row.references.length).toBeGreaterThan(0);
      for (const target of row.satisfiedBy) {
        const [kind, code] = target.split(':');
        if (kind === 'clause') expect(clauseCodes).toContain(code);
        else expect([kind, DUTIES.includes(code as (typeof DUTIES)[number])]).toEqual(['duty', true]);
      }
    }
  });

  it('binds each row as its basis says (legal-model.md §2): statutes and guideline duties critical, certifications warnings, recommendations info', () => {
    for (const row of requirements) {
      const expected = { statute: ['critical'], guideline: ['critical'], policy: ['critical', 'warning'], certification: ['warning'], recommended: ['info'] }[row.basis];
      expect([row.id, expected.includes(row.severity)]).toEqual([row.id, true]);
    }
  });

  it('applies JIS Q 15001 only with the Privacy Mark, ISO/IEC 27001 only with ISMS, the telecom rows only to a carrier, the My Number rows only to My Number data', () => {
    const framework = (name: string) => requirements.filter((row) => row.framework === name);
    for (const row of framework('JIS')) expect([row.id, row.basis, row.applies.split('|').every((alternative) => alternative.startsWith('privacy-mark+'))]).toEqual([row.id, 'certification', true]);
    for (const row of framework('ISO')) expect([row.id, row.basis, row.applies.startsWith('isms+')]).toEqual([row.id, 'certification', true]);
    for (const row of framework('Telecom')) expect([row.id, row.applies.startsWith('telecom-carrier+')]).toEqual([row.id, true]);
    for (const row of framework('MyNumber')) expect([row.id, row.applies]).toEqual([row.id, 'my-number+entrustment']);
  });

  it.each([
    ['appi.end-of-contract: 通則GL 10-5(4) 手法の例示 [S], not "practice"', 'appi.end-of-contract', ['PPC-GL 10-5(4) S']],
    ['appi.foreign-basis: Art. 28(1), PPC Rules 15–17, Q&A 12-1, 12-4, 12-7, 12-11', 'appi.foreign-basis',
      ['APPI 28 1 V', 'APPI-RULES 15 V', 'APPI-RULES 16 V', 'APPI-RULES 17 V', 'PPC-QA 12-1 V', 'PPC-QA 12-4 V', 'PPC-QA 12-7 V', 'PPC-QA 12-11 V']],
    ['appi.foreign-followup: Art. 28(3), PPC Rules 18, 外国提供編GL 6', 'appi.foreign-followup', ['APPI 28 3 V', 'APPI-RULES 18 V', 'PPC-GL-FOREIGN 6 V']],
    ['appi.external-environment: Art. 32(1)(4), 令10条1号, 通則GL 10-7, Q&A 9-4, 10-25', 'appi.external-environment',
      ['APPI 32 1 4 V', 'APPI-ORDER 10 1 V', 'PPC-GL 10-7 V', 'PPC-QA 9-4 V', 'PPC-QA 10-25 V']],
    ['appi.sensitive-any-leak: PPC Rules 7(i), (ii), (iii)', 'appi.sensitive-any-leak', ['APPI 26 1 V', 'APPI-RULES 7 1 V', 'APPI-RULES 7 2 V', 'APPI-RULES 7 3 V']],
    ['appi.incident-notice: the report items of PPC Rules 8(1) and the vendor\'s notice (Rules 9)', 'appi.incident-notice', ['APPI 26 1 V', 'APPI-RULES 8 1 V', 'APPI-RULES 9 V', 'PPC-GL 3-5-3-5 V']],
    ['appi.retention-erasure: the telecom guideline\'s retention article, its number unverified', 'appi.retention-erasure', ['APPI 22 V', 'TELECOM-GL U']],
    ['tel.secrecy: TBA Art. 4(1), (2) and the 2022 telecom guideline', 'tel.secrecy', ['TBA 4 1 V', 'TBA 4 2 V', 'TELECOM-GL V']],
    ['tel.supervision: the article number unverified', 'tel.supervision', ['TELECOM-GL U']],
    ['tel.purpose-consent: no URL, the MIC document as a secondary source', 'tel.purpose-consent', ['TBA 4 1 V', 'MIC-CONSENT S']],
    ['jis.reentrust: JIS Q 15001:2017 c), and the 2023 edition without item letters', 'jis.reentrust', ['JIS-Q-15001:2017 A.3.4.3.4 c V', 'JIS-Q-15001:2023 V']],
    ['iso.5.20: JIS Q 27001:2023 5.20', 'iso.5.20', ['JIS-Q-27001 5.20 V']],
    ['iso.5.23: cloud services', 'iso.5.23', ['JIS-Q-27001 5.23 V']],
    ['gdpr.transfers: the Supplementary Rules (4), unverified', 'gdpr.transfers', ['GDPR 44 V', 'GDPR 45 V', 'GDPR 46 V', 'EU-SUPPLEMENTARY-RULES (4) U']],
    ['mn.reentrust-permission: 番号法 Art. 10(1)', 'mn.reentrust-permission', ['MYNUMBER 10 1 V']],
    ['mn.supervision: 番号法 Art. 11 and the My Number guideline', 'mn.supervision', ['MYNUMBER 11 V', 'MYNUMBER-GL 第4-2-(1) S']],
  ])('%s', (_label, id, expected) => {
    expect(cited(id)).toEqual(expected);
  });

  it.each([
    ['appi.sensitive-any-leak', 'entrustment+sensitive|entrustment+payment', 'statute'],
    ['appi.foreign-basis', 'foreign-recipient+entrustment|foreign-recipient+joint-use|foreign-recipient+provision', 'statute'],
    ['appi.foreign-followup', 'foreign-recipient+equivalent-system', 'statute'],
    ['appi.external-environment', 'abroad+entrustment|abroad+cloud-no-handling', 'guideline'],
    ['appi.selection', 'entrustment', 'guideline'],
    ['appi.security-measures', 'entrustment', 'policy'],
    ['appi.periodic-audit', 'entrustment', 'policy'],
    ['appi.reentrust-approval', 'entrustment+reentrustment', 'policy'],
    ['appi.cloud-classification', 'cloud-no-handling', 'guideline'],
    ['appi.joint-use', 'joint-use', 'recommended'],
  ])('%s applies when %s, as a %s', (id, applies, basis) => {
    expect([byId.get(id)!.applies, byId.get(id)!.basis]).toEqual([applies, basis]);
  });

  it('requires the My Number contract items of 特定個人情報GL 第4-2-(1), the two new clause types included', () => {
    expect(byId.get('mn.contract-items')!.satisfiedBy).toEqual([
      'clause:staff-confidentiality', 'clause:no-removal', 'clause:use-limitation', 'clause:reentrustment', 'clause:incident-notification',
      'clause:breach-remedies', 'clause:return-deletion', 'clause:staff-training', 'clause:handling-reports',
    ]);
  });

  it('has the clause types, each satisfying at least one requirement', () => {
    expect(CLAUSE_TYPES).toHaveLength(19);
    for (const clauseType of CLAUSE_TYPES) {
      expect([clauseType.code, requirements.some((row) => row.satisfiedBy.includes(`clause:${clauseType.code}`))]).toEqual([clauseType.code, true]);
    }
  });

  it.each([
    ['a wrong header', 'id\tframework\n', 'requirements.tsv: unexpected header ["id","framework"]'],
    ['a row with too few cells', 'id\tframework\ttitle_ja\ttitle_en\trequirement\treferences\tapplies\tbasis\tseverity\tsatisfied_by\nx\tAPPI\n', 'requirements.tsv line 2: 2 cells, expected 10'],
    ['an unknown basis', 'id\tframework\ttitle_ja\ttitle_en\trequirement\treferences\tapplies\tbasis\tseverity\tsatisfied_by\nx\tAPPI\tt\tt\tr\tAPPI art=25 [V]\talways\tlaw\tcritical\tduty:audit\n',
      'requirements.tsv line 2: basis "law" is not one of statute, guideline, policy, certification, recommended'],
    ['an unknown severity', 'id\tframework\ttitle_ja\ttitle_en\trequirement\treferences\tapplies\tbasis\tseverity\tsatisfied_by\nx\tAPPI\tt\tt\tr\tAPPI art=25 [V]\talways\tstatute\trequired\tduty:audit\n',
      'requirements.tsv line 2: severity "required" is not one of critical, warning, info'],
    ['a recommendation that would count', 'id\tframework\ttitle_ja\ttitle_en\trequirement\treferences\tapplies\tbasis\tseverity\tsatisfied_by\nx\tAPPI\tt\tt\tr\tAPPI art=25 [V]\talways\trecommended\twarning\tduty:audit\n',
      'requirements.tsv line 2: basis "recommended" with severity "warning": recommended rows, and only they, are info'],
    ['a binding row that would not count', 'id\tframework\ttitle_ja\ttitle_en\trequirement\treferences\tapplies\tbasis\tseverity\tsatisfied_by\nx\tAPPI\tt\tt\tr\tAPPI art=25 [V]\talways\tstatute\tinfo\tduty:audit\n',
      'requirements.tsv line 2: basis "statute" with severity "info": recommended rows, and only they, are info'],
    ['a raw reference', 'id\tframework\ttitle_ja\ttitle_en\trequirement\treferences\tapplies\tbasis\tseverity\tsatisfied_by\nx\tAPPI\tt\tt\tr\tpractice [secondary]\talways\tstatute\tcritical\tduty:audit\n',
      'requirements.tsv line 2: unknown source "practice" in "practice [secondary]"'],
  ])('refuses %s', (_label, text, message) => {
    expect(() => parseRequirementsTsv(text)).toThrow(message);
  });
});
