import { loadRequirementsFile } from '../catalogue/requirements-file';
import { citationsOf, citeReference, describeReference, joinCitations, parseReferences, Reference, referenceIndex, SOURCES } from './citations';

describe('references in the catalogue: parsed from requirements.tsv', () => {
  it('reads a source, its locator and its label, several separated by ";"', () => {
    expect(parseReferences('APPI art=28 para=1 [V]; PPC-GL sec=3-4-4(1) [S] ;TELECOM-GL [U]; APPI-ORDER art=10 item=1 [V]; GDPR art=28 para=3 point=a [V]')).toEqual([
      { source: 'APPI', article: '28', paragraph: '1', verification: 'verified' },
      { source: 'PPC-GL', section: '3-4-4(1)', verification: 'secondary' },
      { source: 'TELECOM-GL', verification: 'unverified' },
      { source: 'APPI-ORDER', article: '10', item: '1', verification: 'verified' },
      { source: 'GDPR', article: '28', paragraph: '3', point: 'a', verification: 'verified' },
    ]);
    expect(parseReferences('')).toEqual([]);
    expect(parseReferences('APPI  art=28\tpara=1   [V]')).toEqual([{ source: 'APPI', article: '28', paragraph: '1', verification: 'verified' }]);
  });

  it.each([
    ['an unknown source', 'PPC-GUIDE sec=1 [V]', 'unknown source "PPC-GUIDE" in "PPC-GUIDE sec=1 [V]"'],
    ['no label', 'APPI art=25', 'no verification label ([V], [S] or [U]) at the end of "APPI art=25"'],
    ['an unknown label', 'APPI art=25 [X]', 'no verification label ([V], [S] or [U]) at the end of "APPI art=25 [X]"'],
    ['an unknown part', 'APPI article=25 [V]', 'unexpected "article=25" in "APPI article=25 [V]"'],
    ['a part without a value', 'APPI art= [V]', 'unexpected "art=" in "APPI art= [V]"'],
    ['free text', 'APPI Art. 25 [V]', 'unexpected "Art." in "APPI Art. 25 [V]"'],
  ])('refuses %s', (_label, text, message) => {
    expect(() => parseReferences(text)).toThrow(message);
  });
});

describe('references rendered per locale (legal-model.md §9)', () => {
  const ref = (reference: Omit<Reference, 'verification'>, verification: Reference['verification'] = 'verified'): Reference => ({ ...reference, verification } as Reference);
  it.each([
    [ref({ source: 'APPI', article: '25' }), '個人情報保護法第25条', 'APPI Art. 25'],
    [ref({ source: 'APPI', article: '28', paragraph: '1' }), '個人情報保護法第28条第1項', 'APPI Art. 28(1)'],
    [ref({ source: 'APPI', article: '27', paragraph: '5', item: '1' }), '個人情報保護法第27条第5項第1号', 'APPI Art. 27(5) item 1'],
    [ref({ source: 'APPI-ORDER', article: '10', item: '1' }), '個人情報保護法施行令第10条第1号', 'APPI Cabinet Order Art. 10 item 1'],
    [ref({ source: 'APPI-RULES', article: '18' }), '施行規則第18条', 'PPC Rules Art. 18'],
    [ref({ source: 'TBA', article: '4', paragraph: '1' }), '電気通信事業法第4条第1項', 'TBA Art. 4(1)'],
    [ref({ source: 'GDPR', article: '28', paragraph: '3', point: 'a' }), 'GDPR第28条第3項(a)', 'GDPR Art. 28(3)(a)'],
    [ref({ source: 'PPC-GL', section: '3-4-4' }), '通則ガイドライン3-4-4', 'PPC General Guidelines 3-4-4'],
    [ref({ source: 'PPC-GL', section: '10-5(4)' }, 'secondary'), '通則ガイドライン10-5(4)', 'PPC General Guidelines 10-5(4)'],
    [ref({ source: 'PPC-QA', section: '12-7' }), '個人情報保護法ガイドラインQ&A 12-7', 'PPC Q&A 12-7'],
    [ref({ source: 'MYNUMBER-GL', section: '第4-2-(1)' }, 'secondary'), '特定個人情報ガイドライン(事業者編)第4-2-(1)', 'My Number Guidelines (Businesses) 第4-2-(1)'],
    [ref({ source: 'JIS-Q-15001:2017', section: 'A.3.4.3.4', point: 'b' }), 'JIS Q 15001:2017 A.3.4.3.4 b)', 'JIS Q 15001:2017 A.3.4.3.4 b)'],
    [ref({ source: 'JIS-Q-15001:2023' }), 'JIS Q 15001:2023 附属書A 委託先の監督', 'JIS Q 15001:2023 Annex A, supervision of contractors'],
    [ref({ source: 'JIS-Q-27001', section: '5.20' }), 'JIS Q 27001:2023 附属書A 5.20', 'ISO/IEC 27001:2022 Annex A 5.20'],
    [ref({ source: 'TELECOM-GL' }), '電気通信事業ガイドライン', 'Telecom Guidelines'],
    // Never an unverified number: the source alone.
    [ref({ source: 'TELECOM-GL', article: '12' }, 'unverified'), '電気通信事業ガイドライン', 'Telecom Guidelines'],
    [ref({ source: 'PPC-QA', section: '5-26-2' }, 'unverified'), '個人情報保護法ガイドラインQ&A', 'PPC Q&A'],
  ])('%j → 「%s」, "%s"', (reference, ja, en) => {
    expect(citeReference(reference, 'ja')).toBe(ja);
    expect(citeReference(reference, 'en')).toBe(en);
  });

  it.each([
    [ref({ source: 'APPI', article: '28', paragraph: '1' }), '個人情報の保護に関する法律第28条第1項', 'Act on the Protection of Personal Information (APPI) Art. 28(1)'],
    [ref({ source: 'TELECOM-GL', article: '12' }, 'unverified'),
      '電気通信事業における個人情報等の保護に関するガイドライン(令和4年、個人情報保護委員会・総務省)(条番号確認中)',
      'Guidelines on the Protection of Personal Information in Telecommunications Business (PPC and MIC, 2022) (article number being confirmed)'],
    [ref({ source: 'PPC-QA', section: '7-42' }, 'unverified'), '「個人情報の保護に関する法律についてのガイドライン」に関するQ&A(番号確認中)', 'PPC Q&A on the APPI Guidelines (number being confirmed)'],
    [ref({ source: 'EU-SUPPLEMENTARY-RULES', section: '(4)' }, 'unverified'),
      '個人情報の保護に関する法律に係るEU及び英国域内から十分性認定により移転を受けた個人データの取扱いに関する補完的ルール(番号確認中)',
      'Supplementary Rules for personal data received from the EU and the UK based on an adequacy decision (number being confirmed)'],
    [ref({ source: 'MIC-CONSENT' }, 'unverified'), '総務省「同意取得の在り方に関する参照文書」(2021年)', 'MIC reference document on how to obtain consent (2021)'],
    [ref({ source: 'MIC-CONSENT' }, 'secondary'), '総務省「同意取得の在り方に関する参照文書」(2021年)', 'MIC reference document on how to obtain consent (2021)'],
  ])('on the catalogue page: %j → 「%s」, "%s"', (reference, ja, en) => {
    expect(describeReference(reference, 'ja')).toBe(ja);
    expect(describeReference(reference, 'en')).toBe(en);
  });

  const index = referenceIndex([
    { id: 'appi.supervision', references: [ref({ source: 'APPI', article: '25' })] },
    { id: 'appi.selection', references: [ref({ source: 'PPC-GL', section: '3-4-4(1)' }), ref({ source: 'APPI', article: '25' })] },
    { id: 'tel.supervision', references: [ref({ source: 'TELECOM-GL', article: '12' }, 'unverified')] },
    { id: 'tel.log-retention', references: [ref({ source: 'TELECOM-GL', article: '38' }, 'unverified')] },
  ]);

  it.each([
    ['in the order given, each once', ['appi.selection', 'appi.supervision'], ['通則ガイドライン3-4-4(1)', '個人情報保護法第25条']],
    ['two unverified articles of one guideline: its name once', ['tel.supervision', 'tel.log-retention'], ['電気通信事業ガイドライン']],
    ['an id the catalogue does not know: nothing', ['gone', 'appi.supervision'], ['個人情報保護法第25条']],
    ['none', [], []],
  ])('cites %s', (_label, ids, expected) => {
    expect(citationsOf(ids, index, 'ja')).toEqual(expected);
  });

  it('joins citations inside a sentence in each language', () => {
    expect(joinCitations(['個人情報保護法第25条', '通則ガイドライン3-4-4'], 'ja')).toBe('個人情報保護法第25条、通則ガイドライン3-4-4');
    expect(joinCitations(['APPI Art. 25', 'PPC General Guidelines 3-4-4'], 'en')).toBe('APPI Art. 25; PPC General Guidelines 3-4-4');
    expect(joinCitations([], 'en')).toBe('');
  });

  describe('every reference of the shipped catalogue', () => {
    const requirements = loadRequirementsFile();
    const references = requirements.flatMap((requirement) => requirement.references);
    it.each(['ja', 'en'] as const)('reads as a citation in %s: no URL, no label, no code-like token, no unverified number', (locale) => {
      expect(references.length).toBeGreaterThan(100);
      const cited = references.map((reference) => citeReference(reference, locale));
      expect(cited.filter((text) => /https?:|\[|secondary|unverified|=|\b[a-z]+-[a-z]+\b|[a-z]+\.[a-z]/.test(text))).toEqual([]);
      const unverified = references.filter((reference) => reference.verification === 'unverified');
      expect(unverified.length).toBeGreaterThan(0);
      for (const reference of unverified) expect(citeReference(reference, locale)).toBe(SOURCES[reference.source].name[locale]);
    });

    it('has a source the renderer names for each, and a label', () => {
      for (const reference of references) {
        expect(Object.keys(SOURCES)).toContain(reference.source);
        expect(['verified', 'secondary', 'unverified']).toContain(reference.verification);
      }
    });
  });
});
