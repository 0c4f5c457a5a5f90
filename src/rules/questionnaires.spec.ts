import {
  answerMeaning, Answers, ITEM_STATUSES, QUESTION_KINDS, QUESTIONNAIRE_PURPOSES, applyAnswers, contentProblems, evidencedItems, isAnswered, linkExpiresAt, LINK_GRACE_DAYS, missingRequired, openQuestionKeys, Question,
  QuestionnaireContent, questionsOf, readAnswer, TEXT_ANSWER_MAX,
} from './questionnaires';

const text = (ja: string) => ({ ja, en: `${ja} (en)` });
const q = (key: string, kind: Question['kind'], extra: Partial<Question> = {}): Question => ({ key, kind, text: text(key), required: false, ...extra });
const yesNo = (key: string, extra: Partial<Question> = {}) => q(key, 'yes-no', extra);
const choice = (key: string, extra: Partial<Question> = {}) =>
  q(key, 'choice', { choices: [{ key: 'a', label: text('A') }, { key: 'b', label: text('B'), itemStatus: 'not-applicable' }, { key: 'c', label: text('C'), itemStatus: 'not-confirmed' }], ...extra });

const CONTENT: QuestionnaireContent = {
  sections: [
    { key: 's1', title: text('組織'), questions: [yesNo('policy', { required: true, evidences: 'basic-policy' }), choice('abroad', { evidences: 'external-environment' }), q('staff', 'number', { required: true })] },
    { key: 's2', title: text('記録'), questions: [q('since', 'date'), q('notes', 'text', { required: true }), q('rules', 'file', { required: true, evidences: 'handling-rules' })] },
  ],
};
const ALL = ['policy', 'abroad', 'staff', 'since', 'notes', 'rules'];

describe('vocabulary', () => {
  it('knows three item statuses, six kinds of question and three purposes', () => {
    expect(ITEM_STATUSES).toEqual(['confirmed', 'not-confirmed', 'not-applicable']);
    expect(QUESTION_KINDS).toEqual(['yes-no', 'choice', 'text', 'date', 'number', 'file']);
    expect(QUESTIONNAIRE_PURPOSES).toEqual(['selection', 'periodic', 'evidence']);
  });
});

describe('a link expires at the end of the grace period after the due date', () => {
  it.each([
    ['Asia/Tokyo', '2026-05-31', 14, '2026-06-14T15:00:00.000Z'],
    ['Asia/Tokyo', '2026-05-31', 0, '2026-05-31T15:00:00.000Z'],
    ['UTC', '2026-12-25', 7, '2027-01-02T00:00:00.000Z'],
  ])('in %s, due %s with %i days of grace: until %s', (zone, due, grace, expected) => {
    expect(linkExpiresAt(due, zone, grace).toISOString()).toBe(expected);
  });

  it('gives 14 days of grace by default', () => {
    expect(LINK_GRACE_DAYS).toBe(14);
    expect(linkExpiresAt('2026-05-31', 'Asia/Tokyo').toISOString()).toBe('2026-06-14T15:00:00.000Z');
  });
});

describe('questions and the ones open for answering', () => {
  it('lists every question in order', () => {
    expect(questionsOf(CONTENT).map((question) => question.key)).toEqual(ALL);
  });

  it.each([
    ['all questions before any clarification', null, ALL],
    ['only the reopened ones, in the questionnaire order', ['notes', 'policy', 'unknown'], ['policy', 'notes']],
    ['none when nothing is reopened', [], []],
  ] as const)('%s', (_label, reopened, expected) => {
    expect(openQuestionKeys(CONTENT, reopened as readonly string[] | null)).toEqual(expected);
  });

  it.each([
    [undefined, false], ['', false], [[], false], ['no', true], [0, true], [['file-1'], true], ['x', true],
  ] as const)('an answer %j is given: %s', (value, expected) => {
    expect(isAnswered(value as never)).toBe(expected);
  });
});

describe('reading what the form sent (strings) for a question', () => {
  it.each([
    ['yes-no', 'yes', { value: 'yes' }],
    ['yes-no', ' no ', { value: 'no' }],
    ['yes-no', 'maybe', { problem: 'not-a-choice' }],
    ['yes-no', '', { value: null }],
    ['yes-no', undefined, { value: null }],
    ['yes-no', '   ', { value: null }],
    ['choice', 'b', { value: 'b' }],
    ['choice', 'z', { problem: 'not-a-choice' }],
    ['date', '2026-02-28', { value: '2026-02-28' }],
    ['date', '2026-02-29', { problem: 'not-a-date' }],
    ['date', '28/02/2026', { problem: 'not-a-date' }],
    ['number', '42', { value: 42 }],
    ['number', '-3.25', { value: -3.25 }],
    ['number', '1e3', { problem: 'not-a-number' }],
    ['number', '12 people', { problem: 'not-a-number' }],
    ['number', '1234567890123456', { problem: 'not-a-number' }],
    ['number', '1.1234567', { problem: 'not-a-number' }],
    ['number', '123456789012345.123456', { value: 123456789012345.123456 }],
    ['text', ' 規程あり <b>x</b> ', { value: '規程あり <b>x</b>' }],
    ['text', 'あ'.repeat(TEXT_ANSWER_MAX), { value: 'あ'.repeat(TEXT_ANSWER_MAX) }],
    ['text', 'あ'.repeat(TEXT_ANSWER_MAX + 1), { problem: 'too-long' }],
    ['file', 'anything', { value: null }],
  ] as const)('%s %j → %j', (kind, raw, expected) => {
    const question = kind === 'choice' ? choice('q') : q('q', kind);
    expect(readAnswer(question, raw)).toEqual(expected);
  });

  it('refuses every choice of a choice question without choices', () => {
    expect(readAnswer(q('q', 'choice'), 'a')).toEqual({ problem: 'not-a-choice' });
  });
});

describe('saving a draft', () => {
  const previous: Answers = { policy: 'yes', staff: 3, rules: ['f1'], notes: '前回' };

  it('replaces the open answers with what was typed, clears emptied ones, keeps files and closed answers', () => {
    const { answers, problems } = applyAnswers(CONTENT, previous, { policy: 'no', staff: '', since: '2026-01-15', rules: 'ignored', notes: '今回' }, ['policy', 'staff', 'since', 'rules']);
    expect(answers).toEqual({ policy: 'no', since: '2026-01-15', rules: ['f1'], notes: '前回' });
    expect(problems).toEqual({});
    expect(previous).toEqual({ policy: 'yes', staff: 3, rules: ['f1'], notes: '前回' });
  });

  it('names each answer it cannot keep, and keeps the previous answer for it', () => {
    const { answers, problems } = applyAnswers(CONTENT, previous, { policy: 'perhaps', staff: 'many', abroad: 'a', since: '2026-13-01' }, ALL);
    expect(problems).toEqual({ policy: 'not-a-choice', staff: 'not-a-number', since: 'not-a-date' });
    expect(answers).toEqual({ policy: 'yes', staff: 3, rules: ['f1'], abroad: 'a' });
  });
});

describe('submitting: the required open questions must be answered', () => {
  it.each([
    ['nothing answered', {}, ALL, ['policy', 'staff', 'notes', 'rules']],
    ['a file question needs a file', { policy: 'no', staff: 0, notes: 'x', rules: [] }, ALL, ['rules']],
    ['all required answered', { policy: 'no', staff: 0, notes: 'x', rules: ['f'] }, ALL, []],
    ['only open questions count (a clarification round)', {}, ['notes', 'since'], ['notes']],
  ] as const)('%s', (_label, answers, open, expected) => {
    expect(missingRequired(CONTENT, answers as Answers, open)).toEqual(expected);
  });
});

describe('what an answer means for the item its question evidences', () => {
  it.each([
    [yesNo('x'), 'yes', 'confirmed'],
    [yesNo('x'), 'no', 'not-confirmed'],
    [yesNo('x', { answerMeans: { no: 'not-applicable' } }), 'no', 'not-applicable'],
    [yesNo('x', { answerMeans: { no: 'not-applicable' } }), 'yes', 'confirmed'],
    [yesNo('x', { answerMeans: { yes: 'not-confirmed' } }), 'yes', 'not-confirmed'],
    [yesNo('x', { answerMeans: { yes: 'not-confirmed' } }), 'no', 'not-confirmed'],
    [yesNo('x', { answerMeans: { yes: 'not-applicable', no: 'confirmed' } }), 'no', 'confirmed'],
    [choice('x'), 'a', 'confirmed'],
    [choice('x'), 'b', 'not-applicable'],
    [choice('x'), 'c', 'not-confirmed'],
    [choice('x'), 'gone', 'confirmed'],
    [q('x', 'choice'), 'a', 'confirmed'],
    [q('x', 'file'), ['f1'], 'confirmed'],
    [q('x', 'text'), 'いいえ', 'confirmed'],
    [q('x', 'number'), 0, 'confirmed'],
    [q('x', 'date'), '2026-01-01', 'confirmed'],
  ] as const)('%#: %j answered %j → %s', (question, value, expected) => {
    expect(answerMeaning(question as Question, value as never)).toBe(expected);
  });
});

describe('the assessment items accepted answers set', () => {
  const content: QuestionnaireContent = {
    sections: [
      {
        key: 's',
        title: text('s'),
        questions: [
          yesNo('policy', { evidences: 'basic-policy' }),
          yesNo('training', { evidences: 'human' }),
          yesNo('nda', { evidences: 'human' }),
          yesNo('foreign', { evidences: 'external-environment', answerMeans: { no: 'not-applicable' } }),
          choice('subcontract', { evidences: 'reentrustment-handling' }),
          choice('subcontract2', { evidences: 'reentrustment-handling' }),
          q('certs', 'file', { evidences: 'certifications' }),
          q('plain', 'text'),
        ],
      },
    ],
  };

  it('sets each evidenced item from its answers, in the order first evidenced, leaving unanswered items out', () => {
    const items = evidencedItems(content, { policy: 'yes', training: 'yes', nda: 'no', foreign: 'no', subcontract: 'b', subcontract2: 'b', certs: [], plain: 'x' });
    expect(items.map(({ code, status }) => [code, status])).toEqual([
      ['basic-policy', 'confirmed'],
      ['human', 'not-confirmed'],
      ['external-environment', 'not-applicable'],
      ['reentrustment-handling', 'not-applicable'],
    ]);
    expect(items[1].answers.map(({ question, value, meaning }) => [question.key, value, meaning])).toEqual([['training', 'yes', 'confirmed'], ['nda', 'no', 'not-confirmed']]);
  });

  it.each([
    ['one not confirmed makes the item not confirmed, whatever the order', { subcontract: 'c', subcontract2: 'a' }, 'not-confirmed'],
    ['… also last', { subcontract: 'a', subcontract2: 'c' }, 'not-confirmed'],
    ['not applicable only when every answer says so', { subcontract: 'b', subcontract2: 'a' }, 'confirmed'],
    ['… in either order', { subcontract: 'a', subcontract2: 'b' }, 'confirmed'],
    ['one answer alone decides', { subcontract2: 'b' }, 'not-applicable'],
  ] as const)('%s', (_label, answers, expected) => {
    expect(evidencedItems(content, answers)).toEqual([expect.objectContaining({ code: 'reentrustment-handling', status: expected })]);
  });

  it('counts a file question with files as evidence', () => {
    expect(evidencedItems(content, { certs: ['v1', 'v2'] })).toEqual([
      { code: 'certifications', status: 'confirmed', answers: [{ question: content.sections[0].questions[6], value: ['v1', 'v2'], meaning: 'confirmed' }] },
    ]);
  });

  it('sets nothing without answers', () => {
    expect(evidencedItems(content, {})).toEqual([]);
  });
});

describe('a template content: what the DTO shape cannot check', () => {
  const ITEMS = ['basic-policy', 'human'];
  const valid: QuestionnaireContent = {
    sections: [
      { key: 's1', title: text('s1'), questions: [yesNo('a', { evidences: 'human', answerMeans: { no: 'not-applicable' } }), choice('b')] },
      { key: 's2', title: text('s2'), questions: [q('c', 'text', { evidences: 'basic-policy' })] },
    ],
  };

  it('finds nothing wrong with a valid content', () => {
    expect(contentProblems(valid, ITEMS)).toEqual([]);
  });

  it('takes two choices as enough', () => {
    const two: QuestionnaireContent = { sections: [{ key: 's', title: text('s'), questions: [q('x', 'choice', { choices: [{ key: 'a', label: text('a') }, { key: 'b', label: text('b') }] })] }] };
    expect(contentProblems(two, ITEMS)).toEqual([]);
  });

  it.each([
    ['no sections', { sections: [] }, [{ path: 'content.sections', code: 'no-sections' }]],
    ['a section without questions', { sections: [{ key: 's', title: text('s'), questions: [] }] }, [{ path: 'content.sections.0.questions', code: 'no-questions' }]],
    [
      'a repeated section key',
      { sections: [valid.sections[0], { ...valid.sections[1], key: 's1' }] },
      [{ path: 'content.sections.1.key', code: 'duplicate-key', params: { key: 's1' } }],
    ],
    [
      'a repeated question key, across sections',
      { sections: [valid.sections[0], { ...valid.sections[1], questions: [q('a', 'text')] }] },
      [{ path: 'content.sections.1.questions.0.key', code: 'duplicate-key', params: { key: 'a' } }],
    ],
    [
      'a choice question with one choice',
      { sections: [{ key: 's', title: text('s'), questions: [q('x', 'choice', { choices: [{ key: 'a', label: text('a') }] })] }] },
      [{ path: 'content.sections.0.questions.0.choices', code: 'choices-needed' }],
    ],
    ['a choice question without choices', { sections: [{ key: 's', title: text('s'), questions: [q('x', 'choice')] }] }, [{ path: 'content.sections.0.questions.0.choices', code: 'choices-needed' }]],
    [
      'choices on a text question',
      { sections: [{ key: 's', title: text('s'), questions: [q('x', 'text', { choices: [{ key: 'a', label: text('a') }] })] }] },
      [{ path: 'content.sections.0.questions.0.choices', code: 'choices-not-allowed' }],
    ],
    [
      'a repeated choice key',
      { sections: [{ key: 's', title: text('s'), questions: [q('x', 'choice', { choices: [{ key: 'a', label: text('a') }, { key: 'b', label: text('b') }, { key: 'a', label: text('c') }] })] }] },
      [{ path: 'content.sections.0.questions.0.choices', code: 'duplicate-choice', params: { key: 'a' } }],
    ],
    [
      'an unknown assessment item',
      { sections: [{ key: 's', title: text('s'), questions: [q('x', 'text', { evidences: 'physical' })] }] },
      [{ path: 'content.sections.0.questions.0.evidences', code: 'unknown-item', params: { key: 'physical' } }],
    ],
    [
      'answer meanings on a question that is not yes/no',
      { sections: [{ key: 's', title: text('s'), questions: [choice('x', { answerMeans: {} })] }] },
      [{ path: 'content.sections.0.questions.0.answerMeans', code: 'means-not-allowed' }],
    ],
  ] as Array<[string, QuestionnaireContent, unknown]>)('refuses %s', (_label, content, expected) => {
    expect(contentProblems(content, ITEMS)).toEqual(expected);
  });

  it('reports every problem, not only the first', () => {
    const content: QuestionnaireContent = { sections: [{ key: 's', title: text('s'), questions: [q('x', 'choice', { evidences: 'nope' }), q('x', 'date', { answerMeans: { yes: 'confirmed' } })] }] };
    expect(contentProblems(content, ITEMS).map((problem) => `${problem.path} ${problem.code}`)).toEqual([
      'content.sections.0.questions.0.choices choices-needed',
      'content.sections.0.questions.0.evidences unknown-item',
      'content.sections.0.questions.1.key duplicate-key',
      'content.sections.0.questions.1.answerMeans means-not-allowed',
    ]);
  });
});
