import { ApprovalItem, checkApproval } from './checklist-approval';

const item = (clauseType: string, status: ApprovalItem['status'], required = true): ApprovalItem => ({ clauseType, status, required });

describe('checklist sign-off: gaps only as recorded exceptions', () => {
  it('signs off a checklist whose required items are all present, with no exceptions', () => {
    expect(checkApproval([item('a', 'present'), item('b', 'present'), item('x', 'missing', false), item('y', 'not-reviewed', false)], [])).toEqual({ ok: true, exceptions: [] });
  });

  it('refuses while a required item is not reviewed, naming every one (optional items do not count)', () => {
    expect(checkApproval([item('a', 'not-reviewed'), item('b', 'missing'), item('c', 'not-reviewed'), item('d', 'not-reviewed', false)], [{ clauseType: 'b', note: '次回更新で追加' }]))
      .toEqual({ ok: false, reason: 'not-reviewed', clauseTypes: ['a', 'c'] });
  });

  it('refuses missing and partial required items without a note, naming each with its status', () => {
    expect(checkApproval([item('a', 'missing'), item('b', 'partial'), item('c', 'present')], [])).toEqual({
      ok: false, reason: 'exceptions', missing: [{ clauseType: 'a', status: 'missing' }, { clauseType: 'b', status: 'partial' }], unexpected: [],
    });
  });

  it('a blank note is no note', () => {
    expect(checkApproval([item('a', 'missing')], [{ clauseType: 'a', note: '   ' }])).toEqual({ ok: false, reason: 'exceptions', missing: [{ clauseType: 'a', status: 'missing' }], unexpected: [] });
  });

  it('refuses a note for an item that needs none (present, optional or unknown)', () => {
    expect(checkApproval([item('a', 'present'), item('x', 'missing', false), item('b', 'partial')], [
      { clauseType: 'a', note: 'n' }, { clauseType: 'x', note: 'n' }, { clauseType: 'zzz', note: 'n' }, { clauseType: 'b', note: 'ok' },
    ])).toEqual({ ok: false, reason: 'exceptions', missing: [], unexpected: ['a', 'x', 'zzz'] });
  });

  it('with a note per gap: approved with exceptions, in checklist order, notes trimmed', () => {
    expect(checkApproval([item('a', 'partial'), item('b', 'present'), item('c', 'missing')], [
      { clauseType: 'c', note: ' 別途覚書で手当て予定 ' }, { clauseType: 'a', note: 'リスク受容（法務部長承認）' },
    ])).toEqual({
      ok: true,
      exceptions: [
        { clauseType: 'a', status: 'partial', note: 'リスク受容（法務部長承認）' },
        { clauseType: 'c', status: 'missing', note: '別途覚書で手当て予定' },
      ],
    });
  });
});
