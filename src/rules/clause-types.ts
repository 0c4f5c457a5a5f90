/**
 * 条項類型: what legal reviews in each contract (domain.md, "Clause types"; legal-model.md §4, §6).
 * One clause can satisfy several frameworks at once; the checklist is per clause type. Order is
 * display order (clause types added later come last, so existing checklists keep their order).
 */
export const CONDITIONS = [
  'always',
  // How the vendor relates to the data (legal-model.md §4): exactly one holds.
  'entrustment', 'cloud-no-handling', 'joint-use', 'provision',
  // The data it handles.
  'communications', 'sensitive', 'payment', 'my-number',
  // Abroad (legal-model.md §3): foreign handling, a foreign recipient, and its transfer basis.
  'abroad', 'foreign-recipient', 'equivalent-system',
  'reentrustment', 'gdpr',
  // The organisation's profile (legal-model.md §1).
  'telecom-carrier', 'privacy-mark', 'isms',
] as const;
export type Condition = (typeof CONDITIONS)[number];

export interface ClauseTypeDefinition {
  code: string;
  titleJa: string;
  titleEn: string;
  /**
   * When the clause type is required (an applies expression, like a requirement's: conditions joined
   * by "+" must all hold, alternatives separated by "|"), provided an applicable requirement cites it.
   */
  requiredWhen: string;
  description: string;
}

/**
 * The code and the condition that makes each clause type required are what the rules read; the
 * titles and description are display text (shown to people, never compared), so they are left out
 * of mutation testing at the line.
 */
export const CLAUSE_TYPES: readonly ClauseTypeDefinition[] = [
  { code: 'scope-purpose', requiredWhen: 'entrustment',
    // Stryker disable next-line StringLiteral: display text
    titleJa: '委託業務の範囲・目的', titleEn: 'Scope and purpose', description: 'Scope, purpose and documented instructions for the entrusted work.' },
  { code: 'use-limitation', requiredWhen: 'entrustment',
    // Stryker disable next-line StringLiteral: display text
    titleJa: '目的外利用・突合の禁止', titleEn: 'Use limitation', description: 'No use outside the work, no matching with other data, no copying outside scope.' },
  { code: 'security-measures', requiredWhen: 'entrustment',
    // Stryker disable next-line StringLiteral: display text
    titleJa: '安全管理措置', titleEn: 'Security measures', description: 'Agreed security measures.' },
  { code: 'staff-confidentiality', requiredWhen: 'entrustment',
    // Stryker disable next-line StringLiteral: display text
    titleJa: '従業者の守秘義務', titleEn: 'Staff confidentiality', description: "Confidentiality of the vendor's staff." },
  { code: 'communications-secrecy', requiredWhen: 'entrustment+communications',
    // Stryker disable next-line StringLiteral: display text
    titleJa: '通信の秘密の保護', titleEn: 'Secrecy of communications', description: 'Secrecy of communications, binding everyone engaged in the work, during and after the engagement.' },
  { code: 'reentrustment', requiredWhen: 'entrustment',
    // Stryker disable next-line StringLiteral: display text
    titleJa: '再委託の条件', titleEn: 'Re-entrustment', description: 'Re-entrustment: prohibited, or only with approval (or within an objection period) and the same obligations imposed on the subcontractor.' },
  { code: 'handling-reports', requiredWhen: 'entrustment',
    // Stryker disable next-line StringLiteral: display text
    titleJa: '取扱状況の報告', titleEn: 'Handling reports', description: 'What the vendor reports on handling, and how often.' },
  { code: 'audit-rights', requiredWhen: 'entrustment',
    // Stryker disable next-line StringLiteral: display text
    titleJa: '監査(実地監査を含む)', titleEn: 'Audit rights', description: 'Periodic and ad-hoc audits, on-site or remote.' },
  { code: 'incident-notification', requiredWhen: 'entrustment',
    // Stryker disable next-line StringLiteral: display text
    titleJa: '事故時の報告・連絡', titleEn: 'Incident notification', description: 'First notice of a leak or suspected leak within about 24 hours, with the facts known at the time for the regulator report.' },
  { code: 'breach-remedies', requiredWhen: 'entrustment',
    // Stryker disable next-line StringLiteral: display text
    titleJa: '契約違反時の措置', titleEn: 'Breach remedies', description: 'Consequences of breaking the terms (correction, suspension, termination, damages).' },
  { code: 'retention-erasure', requiredWhen: 'entrustment',
    // Stryker disable next-line StringLiteral: display text
    titleJa: '保存期間と消去', titleEn: 'Retention and erasure', description: 'Follow the retention schedule; erase once no longer needed.' },
  { code: 'return-deletion', requiredWhen: 'entrustment',
    // Stryker disable next-line StringLiteral: display text
    titleJa: '終了時の返却・消去', titleEn: 'Return or deletion at end', description: 'Return or erase at the end, with a deletion certificate.' },
  { code: 'responsibilities', requiredWhen: 'entrustment',
    // Stryker disable next-line StringLiteral: display text
    titleJa: '責任分担', titleEn: 'Responsibilities', description: 'Responsibilities of each party.' },
  { code: 'data-location', requiredWhen: 'entrustment+abroad|cloud-no-handling+abroad',
    // Stryker disable next-line StringLiteral: display text
    titleJa: '取扱国・越境移転', titleEn: 'Data location and transfers', description: 'The countries where the data is handled (including by subcontractors), and the basis for providing it to a foreign recipient.' },
  { code: 'data-subject-requests', requiredWhen: 'entrustment+gdpr',
    // Stryker disable next-line StringLiteral: display text
    titleJa: '本人請求への協力', titleEn: 'Data-subject requests', description: 'Help answer data-subject requests.' },
  { code: 'compliance-assistance', requiredWhen: 'entrustment+gdpr',
    // Stryker disable next-line StringLiteral: display text
    titleJa: '義務履行への協力', titleEn: 'Compliance assistance', description: 'Help with security, breach notification, DPIA.' },
  { code: 'no-removal', requiredWhen: 'entrustment+my-number',
    // Stryker disable next-line StringLiteral: display text
    titleJa: '事業所内からの持出しの禁止', titleEn: 'No removal from the premises', description: 'My Number data (特定個人情報) is not taken out of the vendor\'s premises.' },
  { code: 'staff-training', requiredWhen: 'entrustment+my-number',
    // Stryker disable next-line StringLiteral: display text
    titleJa: '従業者に対する監督・教育', titleEn: 'Staff supervision and training', description: 'The vendor supervises and trains the staff who handle the data.' },
  { code: 'no-handling', requiredWhen: 'cloud-no-handling',
    // Stryker disable next-line StringLiteral: display text
    titleJa: '個人データを取り扱わない旨', titleEn: 'No handling by the provider', description: 'The contract says the provider does not handle the personal data it stores, and access to it is controlled.' },
];
