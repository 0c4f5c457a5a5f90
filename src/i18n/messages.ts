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
  },
} as const;

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every key of the catalogue, checked at compile time. */
export type MessageKey = Leaves<(typeof MESSAGES)['en']>;
