import { Translator } from '../i18n/translator';
import { ConflictError, InvalidMoveError, NotFoundError, ValidationError, VersionConflictError } from './domain-errors';
import { ProblemRenderer, term } from './problems';

const translator = new Translator();
const en = new ProblemRenderer(translator, 'en');
const ja = new ProblemRenderer(translator, 'ja');

describe('problems rendered from the catalogue', () => {
  it('a record that is not there names its kind in the reader\'s language', () => {
    const [problem] = new NotFoundError('vendor', 'v-1').problems;
    expect([en.line(problem), ja.line(problem)]).toEqual(['vendor v-1 not found', '委託先(v-1)が見つかりません']);
  });

  it('a stale version names the field, with and without the current version', () => {
    expect(new VersionConflictError('contract', 'c-1', 1, 2).problems.map((problem) => en.line(problem))).toEqual([
      'version: contract c-1 was changed by someone else (you sent version 1, the current version is 2); reload it and apply your change again',
    ]);
    expect(new VersionConflictError('settings', 'main', 3).problems.map((problem) => en.line(problem))).toEqual([
      'version: settings main was changed by someone else (you sent version 3); reload it and apply your change again',
    ]);
    expect(ja.reason(new VersionConflictError('contract', 'c-1', 1, 2).problems[0])).toBe(
      'この契約(c-1)は、開いた後にほかの人が変更しました(送信した版: 1、現在の版: 2)。読み込み直してから、もう一度変更してください',
    );
  });

  it('a refused move lists the allowed statuses by their labels, joined as the language joins them', () => {
    const early = new InvalidMoveError('subcontractor', 'pending', 'withdrawn');
    expect([early.code, en.line(early.problems[0])]).toEqual(['invalid-transition', 'status: a subcontractor cannot move from pending to re-entrustment ended (allowed: approved, objected)']);
    expect(ja.reason(early.problems[0])).toBe('再委託先の状態は「承認待ち」から「再委託終了」へは変えられません(変更できる状態: 承認済み、異議あり)');
    const final = new InvalidMoveError('audit', 'completed', 'planned');
    expect([final.code, en.line(final.problems[0])]).toEqual(['invalid-transition', 'status: an audit cannot move from completed to planned (it is final)']);
  });

  it('values given in both languages (a clause type) and nested terms', () => {
    const error = new ConflictError({ field: 'items', code: 'checklist-incomplete', params: { clauseTypes: [{ en: 'scope-purpose', ja: '委託の範囲・目的' }, { en: 'use-limitation', ja: '目的外利用の禁止' }] } });
    expect(en.line(error.problems[0])).toBe('items: required clause types not reviewed yet: scope-purpose, use-limitation');
    expect(ja.reason(error.problems[0])).toBe('必須の条項でまだ確認していないものがあります: 委託の範囲・目的、目的外利用の禁止');
    const kept = new ConflictError({ field: 'records', code: 'vendor-has-records', params: { records: [term('error.recordCount', { records: term('error.records.assessment'), count: 1 })] } }, 'kept-record');
    expect([kept.code, en.line(kept.problems[0]), ja.reason(kept.problems[0])]).toEqual([
      'kept-record',
      'records: this vendor has assessments (1); records are kept, so the vendor is kept too',
      'この委託先には評価(1件)があります。記録は保存されるため、委託先も削除できません',
    ]);
  });

  it('a page lists a problem with its field\'s label where the catalogue has one, else the reason alone', () => {
    const error = new ValidationError([{ field: 'status', code: 'resolution-note-required', params: { status: term('ui.enum.findingStatus.resolved') } }, { field: 'resolutionNote', code: 'validation.isNotEmpty' }]);
    expect(error.problems.map((problem) => ja.labelled(problem))).toEqual(['状態: 指摘事項を「是正済み」にするには、対応内容を記入してください', '入力してください']);
    expect(error.problems.map((problem) => en.labelled(problem))).toEqual(['status: required to mark a finding resolved', 'should not be empty']);
  });

  it('an error\'s own message is codes and fields, never a sentence (what the logs show)', () => {
    expect(new InvalidMoveError('vendor', 'active', 'candidate').message).toBe('invalid-transition: status invalid-transition');
  });
});
