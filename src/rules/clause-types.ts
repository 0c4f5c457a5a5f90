/**
 * 条項類型: what legal reviews in each contract (domain.md, "Clause types"). One clause can
 * satisfy several frameworks at once; the checklist is per clause type. Order is display order.
 */
export const CONDITIONS = ['always', 'communications', 'sensitive', 'abroad', 'reentrustment', 'gdpr', 'telecom-carrier', 'privacy-mark', 'isms'] as const;
export type Condition = (typeof CONDITIONS)[number];

export interface ClauseTypeDefinition {
  code: string;
  titleJa: string;
  titleEn: string;
  requiredWhen: Condition;
  description: string;
  references: string;
}

/**
 * The code and the condition that makes each clause type required are what the rules read; the
 * titles, description and references are display text (shown to people, never compared), so they are
 * left out of mutation testing at the line.
 */
export const CLAUSE_TYPES: readonly ClauseTypeDefinition[] = [
  { code: 'scope-purpose', requiredWhen: 'always',
    // Stryker disable next-line StringLiteral: display text
    titleJa: '委託業務の範囲・目的', titleEn: 'Scope and purpose', description: 'Scope, purpose and documented instructions for the entrusted work.', references: 'APPI Art. 27(5)(1); JIS b); GDPR 28(3) chapeau, (a); ISO 5.20' },
  { code: 'use-limitation', requiredWhen: 'always',
    // Stryker disable next-line StringLiteral: display text
    titleJa: '目的外利用・突合の禁止', titleEn: 'Use limitation', description: 'No use outside the work, no matching with other data, no copying outside scope.', references: 'PPC Q&A 5-26-2, 7-42, 7-43; JIS b); GDPR 28(3)(a), 28(10)' },
  { code: 'security-measures', requiredWhen: 'always',
    // Stryker disable next-line StringLiteral: display text
    titleJa: '安全管理措置', titleEn: 'Security measures', description: 'Agreed security measures.', references: 'APPI Art. 23, 25, PPC GL 3-4-4(2); JIS b); GDPR 28(3)(c), Art. 32; ISO 5.20' },
  { code: 'staff-confidentiality', requiredWhen: 'always',
    // Stryker disable next-line StringLiteral: display text
    titleJa: '従業者の守秘義務', titleEn: 'Staff confidentiality', description: "Confidentiality of the vendor's staff.", references: 'PPC GL §10; JIS b); GDPR 28(3)(b)' },
  { code: 'communications-secrecy', requiredWhen: 'communications',
    // Stryker disable next-line StringLiteral: display text
    titleJa: '通信の秘密の保護', titleEn: 'Secrecy of communications', description: 'Secrecy of communications, during and after the engagement.', references: 'TBA Art. 4; telecom guideline' },
  { code: 'reentrustment', requiredWhen: 'always',
    // Stryker disable next-line StringLiteral: display text
    titleJa: '再委託の条件', titleEn: 'Re-entrustment', description: 'Re-entrustment: prohibited, or only with prior approval and the same obligations flowed down.', references: 'PPC GL 3-4-4(3); JIS c); GDPR 28(2), (3)(d), 28(4); ISO 5.21' },
  { code: 'handling-reports', requiredWhen: 'always',
    // Stryker disable next-line StringLiteral: display text
    titleJa: '取扱状況の報告', titleEn: 'Handling reports', description: 'What the vendor reports on handling, and how often.', references: 'PPC GL 3-4-4(2); JIS d); GDPR 28(3)(h)' },
  { code: 'audit-rights', requiredWhen: 'always',
    // Stryker disable next-line StringLiteral: display text
    titleJa: '監査・立入検査', titleEn: 'Audit rights', description: 'Periodic and ad-hoc audits and inspections, on-site or remote.', references: 'PPC GL 3-4-4(2)(3); JIS e); GDPR 28(3)(h); ISO 5.20, 5.22' },
  { code: 'incident-notification', requiredWhen: 'always',
    // Stryker disable next-line StringLiteral: display text
    titleJa: '事故時の報告・連絡', titleEn: 'Incident notification', description: 'Prompt notice of leaks and incidents, with the facts needed for regulators.', references: 'APPI Art. 26(1); PPC rules Art. 9; JIS g); TBA Art. 28; GDPR 28(3)(f), 33(2)' },
  { code: 'breach-remedies', requiredWhen: 'always',
    // Stryker disable next-line StringLiteral: display text
    titleJa: '契約違反時の措置', titleEn: 'Breach remedies', description: 'Consequences of breaking the terms (correction, suspension, termination, damages).', references: 'JIS f)' },
  { code: 'retention-erasure', requiredWhen: 'always',
    // Stryker disable next-line StringLiteral: display text
    titleJa: '保存期間と消去', titleEn: 'Retention and erasure', description: 'Follow the retention schedule; erase once no longer needed.', references: 'APPI Art. 22; telecom GL Art. 38 (logs); JIS b)' },
  { code: 'return-deletion', requiredWhen: 'always',
    // Stryker disable next-line StringLiteral: display text
    titleJa: '終了時の返却・消去', titleEn: 'Return or deletion at end', description: 'Return or erase at the end, with a deletion certificate.', references: 'JIS b), h); GDPR 28(3)(g)' },
  { code: 'responsibilities', requiredWhen: 'always',
    // Stryker disable next-line StringLiteral: display text
    titleJa: '責任分担', titleEn: 'Responsibilities', description: 'Responsibilities of each party.', references: 'JIS a); GDPR 28(3) chapeau' },
  { code: 'data-location', requiredWhen: 'abroad',
    // Stryker disable next-line StringLiteral: display text
    titleJa: '取扱国・越境移転', titleEn: 'Data location and transfers', description: 'Countries of handling; APPI-equivalent measures or consent basis for foreign handling.', references: 'APPI Art. 28; PPC rules Art. 16–18; GDPR Ch. V' },
  { code: 'data-subject-requests', requiredWhen: 'gdpr',
    // Stryker disable next-line StringLiteral: display text
    titleJa: '本人請求への協力', titleEn: 'Data-subject requests', description: 'Help answer data-subject requests.', references: 'GDPR 28(3)(e)' },
  { code: 'compliance-assistance', requiredWhen: 'gdpr',
    // Stryker disable next-line StringLiteral: display text
    titleJa: '義務履行への協力', titleEn: 'Compliance assistance', description: 'Help with security, breach notification, DPIA.', references: 'GDPR 28(3)(f)' },
];
