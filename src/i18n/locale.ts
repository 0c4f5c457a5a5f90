/** The languages of the UI, the e-mails and the exports (each user has one). */
export const LOCALES = ['ja', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
