/**
 * The one message catalogue (ja and en). Keys are stable; templates use {{name}} placeholders and
 * are filled by the Translator, never assembled by string concatenation.
 */
export const MESSAGES = {
  ja: {
    riskTier: {
      low: '低',
      medium: '中',
      high: '高',
      summary: 'リスク区分「{{tier}}」: {{reasons}}',
      overridden: 'リスク区分「{{tier}}」(手動設定。算定結果は「{{computed}}」): {{reason}}',
    },
    riskReason: {
      'data-category': '{{category}}を取り扱う',
      abroad: '外国で取り扱う(所在国またはデータ所在地が日本以外)',
      'subjects-over': '本人の数が{{threshold}}人を超える',
      'no-risk-factor': '高・中リスクの要因なし',
    },
    dataCategory: {
      customer: '顧客の個人情報',
      employee: '従業者の個人情報',
      sensitive: '要配慮個人情報',
      communications: '通信の秘密に係る情報',
      payment: '決済情報',
      'my-number': '特定個人情報(マイナンバー)',
    },
    because: {
      always: 'すべての委託先で',
      communications: '通信の秘密に係る情報を取り扱うため',
      sensitive: '要配慮個人情報を取り扱うため',
      abroad: '外国で取り扱うため',
      reentrustment: '再委託を認めているため',
      gdpr: 'GDPRが適用されるため',
    },
    flag: {
      'no-contract': 'この委託先と有効な委託契約がありません。個人データの取扱いを委託するには、安全管理を確保する契約が必要です({{references}})。締結済みの契約を登録するか、既存の契約の状態と期間を確認してください。',
      'missing-clause': {
        missing: '有効な契約({{contracts}})のいずれにも「{{clause}}」の条項がありません。{{because}}必須の条項です({{references}})。覚書等で追加してください。',
        'not-reviewed': '有効な契約({{contracts}})で「{{clause}}」の条項がまだ確認されていません。{{because}}必須の条項です({{references}})。法務部門がチェックリストで確認してください。',
      },
      'partial-clause': '「{{clause}}」の条項は一部しか定められていません(最良の確認結果: 一部あり。契約: {{contracts}})。{{because}}必須の条項です({{references}})。不足している内容を補ってください。',
      'contract-expiring': {
        plain: '契約「{{contract}}」は{{date}}に満了し(残り{{days}}日)、自動更新されません。更新しなければ有効な契約がなくなります({{references}})。',
        withNotice: '契約「{{contract}}」は{{date}}に満了し(残り{{days}}日)、自動更新されません。解約通知期限は{{noticeBy}}です。更新しなければ有効な契約がなくなります({{references}})。',
      },
      'selection-missing': 'この委託先は取引中ですが、承認された委託先選定評価がありません。個人データの取扱いを委託する前に、委託先の安全管理措置を確認する必要があります({{references}})。以前に実施済みであれば、その評価結果を登録してください。',
      'audit-overdue': '定期監査の期限({{date}})を過ぎています。リスク区分「{{tier}}」では{{since}}から{{months}}か月ごとに取扱状況を確認する必要があります({{references}})。監査を計画し、実施してください。',
      'audit-due-soon': '次回の定期監査の期限は{{date}}です(リスク区分「{{tier}}」: {{since}}から{{months}}か月)({{references}})。今のうちに計画してください。',
      'finding-overdue': '監査の指摘事項「{{title}}」(重要度: {{severity}})は対応期限{{date}}を過ぎても完了していません({{references}})。是正を完了するか、リスク受容を記録してください。',
      'subcontractor-unapproved': {
        pending: '再委託先「{{name}}」(第{{depth}}次)が承認されていません({{references}})。承認するか、異議を記録してください。',
        objected: '再委託先「{{name}}」(第{{depth}}次)には異議を述べましたが、使用中のまま登録されています({{references}})。利用停止を確認し、取下げとして記録してください。',
        'not-allowed': '再委託を認めていないのに、再委託先「{{name}}」(第{{depth}}次)が登録されています({{references}})。再委託をやめさせるか、契約を変更して再委託を認めてください。',
      },
      'certificate-expired': '{{kind}}の有効期限({{date}})が切れています。更新後の証明書を入手するか、認証を失ったことを記録してください。',
      'foreign-review-overdue': {
        never: '外国で取り扱う委託先ですが、外国の制度等の確認(外的環境の把握)の記録がありません。少なくとも12か月ごとに確認する必要があります({{references}})。',
        overdue: '外国の制度等の前回の確認は{{last}}で、次回の期限{{date}}を過ぎています({{references}})。改めて確認してください。',
      },
      'deletion-certificate-missing': '取引を終了した委託先ですが、廃棄証明書を受領していません。個人データの返却・消去が確認できていません({{references}})。証明書を取り付けてください。',
    },
    findingSeverity: { low: '低', medium: '中', high: '高' },
    calendar: {
      name: '委託先監督',
      plannedAudit: '監査予定: {{vendor}}',
      auditDue: '監査期限: {{vendor}}',
      contractExpires: '契約満了: {{vendor}}「{{contract}}」',
      noticeDeadline: '解約通知期限: {{vendor}}「{{contract}}」',
      findingDue: '指摘事項の期限: {{vendor}}「{{finding}}」',
      certificateExpires: '認証の期限: {{vendor}} {{kind}}',
    },
    certificateKind: {
      'privacy-mark': 'プライバシーマーク',
      iso27001: 'ISO/IEC 27001(ISMS)',
      iso27701: 'ISO/IEC 27701',
      soc2: 'SOC 2',
      ismap: 'ISMAP',
      other: '第三者認証',
    },
    clauseTitle: '{{ja}}',
    quoted: '「{{text}}」',
  },
  en: {
    riskTier: {
      low: 'low',
      medium: 'medium',
      high: 'high',
      summary: 'Risk tier "{{tier}}": {{reasons}}',
      overridden: 'Risk tier "{{tier}}" (set by hand; computed "{{computed}}"): {{reason}}',
    },
    riskReason: {
      'data-category': 'handles {{category}}',
      abroad: 'handled abroad (country or a data location other than Japan)',
      'subjects-over': 'more than {{threshold}} data subjects',
      'no-risk-factor': 'no high- or medium-risk factor',
    },
    dataCategory: {
      customer: 'customer personal data',
      employee: 'employee personal data',
      sensitive: 'special-care personal data (要配慮個人情報)',
      communications: 'communications data (通信の秘密)',
      payment: 'payment data',
      'my-number': 'My Number data (特定個人情報)',
    },
    because: {
      always: 'for every vendor',
      communications: 'because the vendor handles communications data (通信の秘密)',
      sensitive: 'because the vendor handles special-care personal data (要配慮個人情報)',
      abroad: 'because the data is handled abroad',
      reentrustment: 'because re-entrustment (再委託) is allowed',
      gdpr: 'because the GDPR applies',
    },
    flag: {
      'no-contract': 'There is no contract in force with this vendor. Entrusting personal data requires a contract that secures it ({{references}}). Register the signed contract, or check the status and dates of the existing one.',
      'missing-clause': {
        missing: 'No contract in force ({{contracts}}) contains the clause “{{clause}}”. It is required {{because}} ({{references}}). Add it, e.g. by an amendment (覚書).',
        'not-reviewed': 'The clause “{{clause}}” has not been reviewed in any contract in force ({{contracts}}), so nobody has confirmed it is there. It is required {{because}} ({{references}}). Legal should review it on the checklist.',
      },
      'partial-clause': 'The clause “{{clause}}” is only partly covered (best review: partial; contracts: {{contracts}}). It is required {{because}} ({{references}}). Close the gap.',
      'contract-expiring': {
        plain: 'The contract “{{contract}}” ends on {{date}} (in {{days}} days) and does not renew automatically. Without a renewal there will be no contract in force ({{references}}).',
        withNotice: 'The contract “{{contract}}” ends on {{date}} (in {{days}} days) and does not renew automatically; notice must be given by {{noticeBy}}. Without a renewal there will be no contract in force ({{references}}).',
      },
      'selection-missing': 'This vendor is active but has no approved selection assessment (委託先選定評価). Its security measures must be confirmed before personal data is entrusted to it ({{references}}). If it was vetted earlier, record that assessment.',
      'audit-overdue': 'The periodic audit is overdue: it was due on {{date}}. Risk tier “{{tier}}” needs one every {{months}} months, counted from {{since}} ({{references}}). Plan and carry out an audit.',
      'audit-due-soon': 'The next periodic audit is due on {{date}} (risk tier “{{tier}}”: every {{months}} months from {{since}}) ({{references}}). Plan it now.',
      'finding-overdue': 'The audit finding “{{title}}” (severity {{severity}}) was due on {{date}} and is still open ({{references}}). Resolve it, or record that the risk is accepted.',
      'subcontractor-unapproved': {
        pending: 'The subcontractor (再委託先) “{{name}}” (tier {{depth}} of the chain) has not been approved ({{references}}). Approve it or record an objection.',
        objected: 'We objected to the subcontractor (再委託先) “{{name}}” (tier {{depth}}), but it is still recorded as in use ({{references}}). Confirm the vendor stopped using it and mark it withdrawn.',
        'not-allowed': 'Re-entrustment is not allowed, yet the subcontractor (再委託先) “{{name}}” (tier {{depth}}) is recorded ({{references}}). Have the vendor stop it, or allow re-entrustment by amending the contract.',
      },
      'certificate-expired': 'The {{kind}} certificate expired on {{date}}. Obtain the renewed certificate, or record that the vendor no longer holds it.',
      'foreign-review-overdue': {
        never: 'The vendor handles the data abroad, but no review of the foreign regime (外的環境の把握) is recorded. It must be reviewed at least every 12 months ({{references}}).',
        overdue: 'The foreign regime was last reviewed on {{last}}; the next review was due on {{date}} ({{references}}). Review it again.',
      },
      'deletion-certificate-missing': 'The vendor is terminated, but no deletion certificate (廃棄証明書) has been received, so return or erasure of the data is not proven ({{references}}). Obtain the certificate.',
    },
    findingSeverity: { low: 'low', medium: 'medium', high: 'high' },
    calendar: {
      name: 'Vendor oversight',
      plannedAudit: 'Audit planned: {{vendor}}',
      auditDue: 'Audit due: {{vendor}}',
      contractExpires: 'Contract ends: {{vendor}} “{{contract}}”',
      noticeDeadline: 'Notice deadline: {{vendor}} “{{contract}}”',
      findingDue: 'Finding due: {{vendor}} “{{finding}}”',
      certificateExpires: 'Certificate expires: {{vendor}} {{kind}}',
    },
    certificateKind: {
      'privacy-mark': 'Privacy Mark (プライバシーマーク)',
      iso27001: 'ISO/IEC 27001 (ISMS)',
      iso27701: 'ISO/IEC 27701',
      soc2: 'SOC 2',
      ismap: 'ISMAP',
      other: 'third-party',
    },
    clauseTitle: '{{en}} ({{ja}})',
    quoted: '“{{text}}”',
  },
} as const;

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every key of the catalogue, checked at compile time. */
export type MessageKey = Leaves<(typeof MESSAGES)['en']>;
