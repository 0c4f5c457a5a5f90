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
