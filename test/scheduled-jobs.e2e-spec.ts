import { Logger } from '@nestjs/common';
import { ScheduledJob, ScheduledJobs } from '../src/common/scheduled-jobs';
import { AppConfig } from '../src/config/app-config';
import { createTestApp, TestApp } from './support/test-app';

const DAY = 24 * 60 * 60 * 1000;

/**
 * The helper every scheduled job runs on (compliance recompute, reminders, incident clock, board
 * report snapshot, file verification): two app instances on one database — two ScheduledJobs with
 * their own ledger identity — run each slot once, a failure is logged and taken over, and shutdown
 * stops the timers and waits for the run under way.
 */
describe('scheduled jobs: once per slot across instances, errors survived, stopped on shutdown', () => {
  let t: TestApp;
  const started: ScheduledJobs[] = [];
  const instance = (schedulerEnabled = true) => {
    const jobs = new ScheduledJobs(t.dataSource, t.clock, { ...t.config, schedulerEnabled } as AppConfig);
    started.push(jobs);
    return jobs;
  };
  const ledger = async (job: string) =>
    ((await t.dataSource.query('SELECT slot, status, error FROM scheduled_job_runs WHERE job = ? ORDER BY slot', [job])) as Array<{ slot: string; status: string; error: string | null }>)
      .map((row) => ({ ...row }));

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((jobs) => jobs.onApplicationShutdown()));
  });
  afterAll(() => t.close());

  it('runs a daily job once a day although two instances tick, and again the next day', async () => {
    const runs: string[] = [];
    const job = (name: string): ScheduledJob => ({ name: 'test-daily', when: { daily: '00:05' }, run: async () => void runs.push(name), done: 'test done', failed: 'test failed' });
    const [a, b] = [instance(), instance()];
    a.schedule(job('a'));
    b.schedule(job('b'));

    const first = await Promise.all([a.runSlot('test-daily'), b.runSlot('test-daily')]);
    expect([...first].sort()).toEqual(['ran', 'taken']);
    expect(runs).toHaveLength(1);
    expect(await Promise.all([a.runSlot('test-daily'), b.runSlot('test-daily')])).toEqual(['taken', 'taken']);
    expect(runs).toHaveLength(1);

    t.clock.advance(DAY);
    const next = await Promise.all([b.runSlot('test-daily'), a.runSlot('test-daily')]);
    expect([...next].sort()).toEqual(['ran', 'taken']);
    expect(runs).toHaveLength(2);
    const today = t.clock.today();
    const yesterday = new Intl.DateTimeFormat('en-CA', { timeZone: t.config.orgTimezone }).format(new Date(t.clock.now().getTime() - DAY));
    expect(await ledger('test-daily')).toEqual([
      { slot: yesterday, status: 'done', error: null },
      { slot: today, status: 'done', error: null },
    ]);
  });

  it('a job that runs every 15 minutes has one slot per quarter hour', async () => {
    let count = 0;
    const quarter: ScheduledJob = { name: 'test-quarter', when: { everyMinutes: 15 }, run: async () => ({ count: ++count }), done: 'quarter done', failed: 'quarter failed' };
    const [jobs, other] = [instance(), instance()];
    jobs.schedule(quarter);
    other.schedule(quarter);
    expect(await jobs.runSlot('test-quarter')).toBe('ran');
    expect(await other.runSlot('test-quarter')).toBe('taken');
    t.clock.advance(15 * 60 * 1000);
    expect(await jobs.runSlot('test-quarter')).toBe('ran');
    const slots = (await ledger('test-quarter')).map((row) => row.slot);
    expect(slots).toHaveLength(2);
    for (const slot of slots) expect(slot).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:(00|15|30|45)$/);
    expect(slots[0]).not.toBe(slots[1]);
    expect(count).toBe(2);
  });

  it('survives an error: logged, recorded as failed, and the next tick (any instance) runs the slot again', async () => {
    const errors: unknown[] = [];
    const spy = jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => void errors.push(message));
    let calls = 0;
    const job: ScheduledJob = {
      name: 'test-flaky',
      when: { daily: '03:30' },
      run: async () => {
        calls += 1;
        if (calls === 1) throw new Error('database went away');
        return { calls };
      },
      done: 'flaky done',
      failed: 'flaky failed',
    };
    const [a, b] = [instance(), instance()];
    a.schedule(job);
    b.schedule(job);
    try {
      expect(await a.runSlot('test-flaky')).toBe('failed');
      expect(errors).toEqual([expect.objectContaining({ message: 'flaky failed', error: 'database went away' })]);
      expect(await ledger('test-flaky')).toEqual([{ slot: t.clock.today(), status: 'failed', error: 'database went away' }]);

      expect(await b.runSlot('test-flaky')).toBe('ran');
      expect(await a.runSlot('test-flaky')).toBe('taken');
    } finally {
      spy.mockRestore();
    }
    expect(calls).toBe(2);
    expect(await ledger('test-flaky')).toEqual([{ slot: t.clock.today(), status: 'done', error: null }]);
  });

  it('stops on shutdown: timers stopped, the run under way awaited, no run after', async () => {
    let finish!: () => void;
    const events: string[] = [];
    const jobs = instance();
    jobs.schedule({
      name: 'test-slow',
      when: { daily: '08:00' },
      run: () => new Promise<void>((resolve) => (finish = () => (events.push('run finished'), resolve()))),
      done: 'slow done',
      failed: 'slow failed',
    });
    expect(jobs.active()).toEqual(['test-slow']);
    const running = jobs.runSlot('test-slow');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const shutdown = jobs.onApplicationShutdown().then(() => events.push('shut down'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(events).toEqual([]);
    expect(jobs.active()).toEqual([]);
    finish();
    await shutdown;
    expect(await running).toBe('ran');
    expect(events).toEqual(['run finished', 'shut down']);
    t.clock.advance(DAY);
    expect(await jobs.runSlot('test-slow')).toBe('stopped');
  });

  it('schedules nothing where SCHEDULER_ENABLED=false', () => {
    const jobs = instance(false);
    jobs.schedule({ name: 'test-off', when: { daily: '00:05' }, atStart: true, run: async () => undefined, done: 'off done', failed: 'off failed' });
    expect(jobs.active()).toEqual([]);
  });
});
