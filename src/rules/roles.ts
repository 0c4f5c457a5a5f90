/** The four roles of the app (viewer reads; legal, compliance and admin write what their work needs). */
export const ROLES = ['viewer', 'legal', 'compliance', 'admin'] as const;
export type Role = (typeof ROLES)[number];
