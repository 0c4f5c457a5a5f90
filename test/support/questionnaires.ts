import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import type { QuestionnaireDetail } from '../../src/questionnaires/questionnaires.service';
import type { ContactView } from '../../src/questionnaires/vendor-contacts.service';
import type { TemplateView } from '../../src/questionnaires/questionnaire-templates.service';
import { addDays } from '../../src/rules/calendar';
import { today } from './factories';
import { bearer, TestApp } from './test-app';

/**
 * Questionnaires through the front door: contacts and sending by the JSON API as compliance, the
 * vendor's side through the link of the e-mail that was sent (the only place the token exists).
 */

let sequence = 0;

export async function newContact(t: TestApp, vendorId: string, input: Partial<{ name: string; email: string; locale: 'ja' | 'en' }> = {}): Promise<ContactView> {
  sequence += 1;
  const response = await t.http.post(`/api/v1/vendors/${vendorId}/contacts`).set(...bearer(await t.tokenFor('compliance')))
    .send({ name: `担当者 ${sequence}`, email: `contact${sequence}@vendor.example`, ...input });
  if (response.status !== 201) throw new Error(`contact not created: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as ContactView;
}

/** A built-in template by key: selection-check, handling-report, my-number-supplement. */
export async function templateOf(t: TestApp, key: string): Promise<TemplateView> {
  const list = (await t.http.get('/api/v1/questionnaire-templates?pageSize=200').set(...bearer(await t.tokenFor('viewer'))).expect(200)).body as { items: TemplateView[] };
  const template = list.items.find((item) => item.key === key);
  if (!template) throw new Error(`no built-in template ${key}`);
  return template;
}

/** Sends a template (by id, or a built-in one by key: the selection check unless told) to the contact, due in 14 days unless told. */
export async function sendQuestionnaire(
  t: TestApp, vendorId: string, contactId: string, input: Partial<{ template: string; templateId: string; dueOn: string; message: string }> = {},
): Promise<QuestionnaireDetail> {
  const templateId = input.templateId ?? (await templateOf(t, input.template ?? 'selection-check')).id;
  const response = await t.http.post(`/api/v1/vendors/${vendorId}/questionnaires`).set(...bearer(await t.tokenFor('compliance')))
    .send({ templateId, contactId, dueOn: input.dueOn ?? addDays(today(t), 14), ...(input.message ? { message: input.message } : {}) });
  if (response.status !== 201) throw new Error(`questionnaire not sent: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as QuestionnaireDetail;
}

export interface Link {
  questionnaireId: string;
  token: string;
  path: string;
}

const LINK = /\/q\/([0-9a-f-]{36})\/([A-Za-z0-9_-]{43})/g;

/** Every questionnaire link in a text (an e-mail's plain-text body). */
export function linksIn(text: string): Link[] {
  return [...text.matchAll(LINK)].map((match) => ({ questionnaireId: match[1], token: match[2], path: match[0] }));
}

/** The one link of an e-mail. */
export function linkIn(text: string): Link {
  const links = linksIn(text);
  if (links.length !== 1) throw new Error(`expected one questionnaire link, found ${links.length} in: ${text}`);
  return links[0];
}

/** The e-mails the app wrote to DATA_DIR/outbox (no SMTP_URL), oldest first, for one recipient. */
export async function outbox(t: TestApp, recipient: string): Promise<Array<{ subject: string; text: string; html: string }>> {
  const folder = join(t.config.dataDir, 'outbox');
  let names: string[] = [];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const mails = await Promise.all(names.map(async (name) => ({ name, mail: await simpleParser(readFileSync(join(folder, name))) })));
  return mails
    .filter(({ mail }) => (Array.isArray(mail.to) ? mail.to : [mail.to]).some((to) => to?.value.some((address) => address.address === recipient)))
    .sort((a, b) => (a.mail.date?.getTime() ?? 0) - (b.mail.date?.getTime() ?? 0))
    .map(({ mail }) => ({ subject: mail.subject ?? '', text: mail.text ?? '', html: typeof mail.html === 'string' ? mail.html : '' }));
}

/** The answer page behind a link, as a browser without a session gets it: its CSRF token and the version it shows. */
export async function answerPage(t: TestApp, link: Link, forwardedFor?: string) {
  const request = t.http.get(link.path);
  if (forwardedFor) request.set('X-Forwarded-For', forwardedFor);
  const page = await request;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? null;
  const version = /name="version" value="(\d+)"/.exec(page.text)?.[1] ?? null;
  return { status: page.status, text: page.text, csrf, version, cookies: page.headers['set-cookie'] };
}

/** Saves the answer form as the page posts it (multipart, CSRF token in the action's query string). */
export async function postAnswers(t: TestApp, link: Link, fields: Record<string, string | string[]>, options: { intent?: 'draft' | 'submit'; files?: Array<{ question: string; name: string; bytes: Buffer }> } = {}) {
  const page = await answerPage(t, link);
  if (!page.csrf || !page.version) throw new Error(`the answer page has no form (${page.status}): ${page.text.slice(0, 300)}`);
  let request = t.http.post(`${link.path}?_csrf=${encodeURIComponent(page.csrf)}`).field('version', page.version).field('intent', options.intent ?? 'draft');
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) request = request.field(name, item);
  }
  for (const file of options.files ?? []) request = request.attach(`file__${file.question}`, file.bytes, file.name);
  return request;
}

/** Answers for every required question of the built-in selection check: all yes (or the confirming choice). */
export const SELECTION_CHECK_ANSWERS: Record<string, string> = {
  'basic-policy': 'yes', 'handling-rules': 'yes', 'org-structure': 'yes', 'org-operation': 'yes', 'org-inventory': 'yes', 'org-incident': 'yes', 'org-review': 'yes',
  'responsible-person': '情報システム部 部長 山田太郎', 'staff-training': 'yes', 'staff-confidentiality': 'yes', 'physical-areas': 'yes', 'physical-theft': 'yes',
  'physical-carrying': 'yes', 'physical-disposal': 'yes', 'technical-access': 'yes', 'technical-authentication': 'yes', 'technical-intrusion': 'yes',
  'technical-leakage': 'yes', 'foreign-handling': 'no', certified: 'yes', reentrustment: 'no', 'incident-history': 'none',
};
