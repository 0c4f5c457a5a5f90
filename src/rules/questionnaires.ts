import { addDays, isCalendarDate, startOfDay } from './calendar';

/**
 * Vendor questionnaires (委託先評価チェックシート, 取扱状況の報告) as plain data: a template's content
 * (sections and questions), the answers a vendor gives through its link, and what accepted answers
 * mean for an assessment's items (PPC GL 3-4-4(1): the selection check confirms, per measure of
 * 通則GL 10, that the vendor takes it). No framework, no database.
 */
export const QUESTION_KINDS = ['yes-no', 'choice', 'text', 'date', 'number', 'file'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export type ItemStatus = 'confirmed' | 'not-confirmed' | 'not-applicable';
export const ITEM_STATUSES: readonly ItemStatus[] = ['confirmed', 'not-confirmed', 'not-applicable'];

/** What a template's acceptance records: a selection assessment, a periodic one, or none (the answers are kept as evidence). */
export const QUESTIONNAIRE_PURPOSES = ['selection', 'periodic', 'evidence'] as const;
export type QuestionnairePurpose = (typeof QUESTIONNAIRE_PURPOSES)[number];

export interface LocalisedText {
  ja: string;
  en: string;
}

export interface Choice {
  key: string;
  label: LocalisedText;
  /** What choosing it means for the assessment item the question evidences (default: confirmed). */
  itemStatus?: ItemStatus;
}

export interface Question {
  /** Unique within the template; answers are kept under it. */
  key: string;
  kind: QuestionKind;
  text: LocalisedText;
  help?: LocalisedText;
  required: boolean;
  /** choice questions: two or more. */
  choices?: Choice[];
  /** The assessment item (selection item code) the answer is evidence for. */
  evidences?: string;
  /** yes-no questions: what each answer means for that item (default: yes confirmed, no not confirmed). */
  answerMeans?: { yes?: ItemStatus; no?: ItemStatus };
}

export interface Section {
  key: string;
  title: LocalisedText;
  questions: Question[];
}

export interface QuestionnaireContent {
  sections: Section[];
}

/** yes-no: "yes" | "no"; choice: the choice's key; text; date: YYYY-MM-DD; number; file: the file (version) ids. */
export type AnswerValue = string | number | string[];
export type Answers = Record<string, AnswerValue>;

/** Why an answer cannot be kept: the page says so next to the question, in the contact's language. */
export type AnswerProblem = 'required' | 'not-a-choice' | 'not-a-date' | 'not-a-number' | 'too-long';

export const TEXT_ANSWER_MAX = 4000;
/** Up to 15 digits and 6 decimals, so the number survives a JSON round trip exactly. */
const NUMBER_PATTERN = /^-?\d{1,15}(\.\d{1,6})?$/;

/**
 * The link stays usable for a grace period after the due date (a vendor a little late can still
 * answer); then compliance re-sends with a new due date.
 */
export const LINK_GRACE_DAYS = 14;

/** The instant a link expires: the end of the last day of grace after the due date, in the organisation's zone. */
export function linkExpiresAt(dueOn: string, timeZone: string, graceDays = LINK_GRACE_DAYS): Date {
  return startOfDay(addDays(dueOn, graceDays + 1), timeZone);
}

/** Every question of the content, in order. */
export function questionsOf(content: QuestionnaireContent): Question[] {
  return content.sections.flatMap((section) => section.questions);
}

/** The questions the vendor may answer now: all of them, or (a clarification round) only those reopened. */
export function openQuestionKeys(content: QuestionnaireContent, reopened: readonly string[] | null): string[] {
  const keys = questionsOf(content).map((question) => question.key);
  return reopened === null ? keys : keys.filter((key) => reopened.includes(key));
}

/** An answer is given when it holds something (a file question: at least one file). */
export function isAnswered(value: AnswerValue | undefined): value is AnswerValue {
  if (value === undefined) return false;
  return Array.isArray(value) ? value.length > 0 : String(value) !== '';
}

/**
 * Reads the form's text for one question (HTML sends strings): the value to keep, nothing (an empty
 * field clears the answer) or why it cannot be kept. File questions are not read from text.
 */
export function readAnswer(question: Question, raw: string | undefined): { value: AnswerValue | null } | { problem: AnswerProblem } {
  const text = (raw ?? '').trim();
  if (text === '') return { value: null };
  switch (question.kind) {
    case 'yes-no':
      return text === 'yes' || text === 'no' ? { value: text } : { problem: 'not-a-choice' };
    case 'choice':
      return question.choices?.some((choice) => choice.key === text) ? { value: text } : { problem: 'not-a-choice' };
    case 'date':
      return isCalendarDate(text) ? { value: text } : { problem: 'not-a-date' };
    case 'number':
      return NUMBER_PATTERN.test(text) ? { value: Number(text) } : { problem: 'not-a-number' };
    case 'text':
      return text.length <= TEXT_ANSWER_MAX ? { value: text } : { problem: 'too-long' };
    case 'file':
      return { value: null };
  }
}

/**
 * A draft saved from the form: the open questions' answers replaced by what was typed (file
 * questions keep theirs), the others kept as they are; with the problems by question key.
 */
export function applyAnswers(
  content: QuestionnaireContent,
  previous: Readonly<Answers>,
  typed: Readonly<Record<string, string | undefined>>,
  open: readonly string[],
): { answers: Answers; problems: Record<string, AnswerProblem> } {
  const answers: Answers = { ...previous };
  const problems: Record<string, AnswerProblem> = {};
  for (const question of questionsOf(content)) {
    if (!open.includes(question.key) || question.kind === 'file') continue;
    const read = readAnswer(question, typed[question.key]);
    if ('problem' in read) problems[question.key] = read.problem;
    else if (read.value === null) delete answers[question.key];
    else answers[question.key] = read.value;
  }
  return { answers, problems };
}

/** Submitting: every required question that is open must be answered. */
export function missingRequired(content: QuestionnaireContent, answers: Readonly<Answers>, open: readonly string[]): string[] {
  return questionsOf(content)
    .filter((question) => question.required && open.includes(question.key) && !isAnswered(answers[question.key]))
    .map((question) => question.key);
}

/** What one answer says about the item its question evidences. */
export function answerMeaning(question: Question, value: AnswerValue): ItemStatus {
  if (question.kind === 'yes-no') {
    const means = question.answerMeans ?? {};
    return value === 'yes' ? means.yes ?? 'confirmed' : means.no ?? 'not-confirmed';
  }
  // A choice says what it means; a document, a date, a number or a text given as evidence shows the item.
  return question.choices?.find((choice) => choice.key === value)?.itemStatus ?? 'confirmed';
}

export interface EvidencedItem {
  code: string;
  status: ItemStatus;
  /** The answered questions that evidence it, in the questionnaire's order, with their answers and meanings. */
  answers: Array<{ question: Question; value: AnswerValue; meaning: ItemStatus }>;
}

/**
 * The assessment items the accepted answers set (evidence = the answers): an item is not confirmed
 * when any answer says so, not applicable when every answer says so, confirmed otherwise. Items no
 * answered question evidences are left out (not recorded, rather than recorded as seen).
 */
export function evidencedItems(content: QuestionnaireContent, answers: Readonly<Answers>): EvidencedItem[] {
  const items = new Map<string, EvidencedItem>();
  for (const question of questionsOf(content)) {
    const value = answers[question.key];
    if (!question.evidences || !isAnswered(value)) continue;
    const meaning = answerMeaning(question, value);
    const item = items.get(question.evidences) ?? { code: question.evidences, status: meaning, answers: [] };
    item.answers.push({ question, value, meaning });
    item.status = combined(item.answers.map((answer) => answer.meaning));
    items.set(question.evidences, item);
  }
  return [...items.values()];
}

function combined(meanings: readonly ItemStatus[]): ItemStatus {
  if (meanings.includes('not-confirmed')) return 'not-confirmed';
  return meanings.every((meaning) => meaning === 'not-applicable') ? 'not-applicable' : 'confirmed';
}

/** A problem of a template's content: where (a JSON path) and which, for the catalogue's message. */
export interface ContentProblem {
  path: string;
  code: 'no-sections' | 'no-questions' | 'duplicate-key' | 'choices-needed' | 'choices-not-allowed' | 'duplicate-choice' | 'unknown-item' | 'means-not-allowed';
  params?: Record<string, string>;
}

/** What the DTO's shape cannot say: keys unique, choices where (and only where) they belong, known items. */
export function contentProblems(content: QuestionnaireContent, itemCodes: readonly string[]): ContentProblem[] {
  const problems: ContentProblem[] = [];
  if (content.sections.length === 0) problems.push({ path: 'content.sections', code: 'no-sections' });
  const sectionKeys = new Set<string>();
  const questionKeys = new Set<string>();
  content.sections.forEach((section, s) => {
    const at = `content.sections.${s}`;
    if (sectionKeys.has(section.key)) problems.push({ path: `${at}.key`, code: 'duplicate-key', params: { key: section.key } });
    sectionKeys.add(section.key);
    if (section.questions.length === 0) problems.push({ path: `${at}.questions`, code: 'no-questions' });
    section.questions.forEach((question, q) => {
      const path = `${at}.questions.${q}`;
      if (questionKeys.has(question.key)) problems.push({ path: `${path}.key`, code: 'duplicate-key', params: { key: question.key } });
      questionKeys.add(question.key);
      const choices = question.choices ?? [];
      if (question.kind === 'choice' && choices.length < 2) problems.push({ path: `${path}.choices`, code: 'choices-needed' });
      if (question.kind !== 'choice' && choices.length > 0) problems.push({ path: `${path}.choices`, code: 'choices-not-allowed' });
      const choiceKeys = choices.map((choice) => choice.key);
      const repeated = choiceKeys.find((key, index) => choiceKeys.indexOf(key) !== index);
      if (repeated !== undefined) problems.push({ path: `${path}.choices`, code: 'duplicate-choice', params: { key: repeated } });
      if (question.evidences !== undefined && !itemCodes.includes(question.evidences)) problems.push({ path: `${path}.evidences`, code: 'unknown-item', params: { key: question.evidences } });
      if (question.answerMeans !== undefined && question.kind !== 'yes-no') problems.push({ path: `${path}.answerMeans`, code: 'means-not-allowed' });
    });
  });
  return problems;
}
