import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CronJob } from 'cron';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { wallClock } from '../rules/incident-obligations';
import { Clock } from './clock';
import { isUniqueViolation } from './database-errors';
import { ScheduledJobRun } from './scheduled-job-run.entity';

/** A job the app runs by the clock: what it does, and when. */
export interface ScheduledJob {
  /** Its name in the ledger and the logs, e.g. `compliance-daily-recompute`. */
  name: string;
  /** Once a day at `HH:mm`, or every few minutes (a divisor of 60), on the ORG_TIMEZONE wall clock. */
  when: { daily: string } | { everyMinutes: number };
  /** Also at start, in case the app was down at the time (the slot still runs only once). */
  atStart?: boolean;
  /** What it does; the fields it returns are logged with `done` (e.g. how many vendors). */
  run(): Promise<Record<string, unknown> | void>;
  /** The log messages of a run that finished and of one that failed. */
  done: string;
  failed: string;
}

export type SlotOutcome = 'ran' | 'failed' | 'taken' | 'stopped';

/** A run still marked running after this long is taken to be of an instance that died. */
const STALE_RUN_MS = 60 * 60 * 1000;

/**
 * Runs scheduled jobs (vendure's scheduled tasks, with a database ledger): cron in ORG_TIMEZONE
 * (SCHEDULER_ENABLED), one run of each slot across every instance — the first to insert the
 * ledger row of the slot runs it, a failed or abandoned run is taken over at the next tick — never
 * two runs of a job at once on one instance, errors logged (the job runs again at its next slot),
 * and on shutdown no new run starts while the one under way is awaited.
 */
@Injectable()
export class ScheduledJobs implements OnApplicationShutdown {
  private readonly logger = new Logger('ScheduledJobs');
  /** This process, in the ledger. */
  readonly instance = randomUUID();
  private readonly jobs = new Map<string, { job: ScheduledJob; cron: CronJob; running?: Promise<SlotOutcome> }>();
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Starts the job's timer (nothing with SCHEDULER_ENABLED=false), and a first run when `atStart`. */
  schedule(job: ScheduledJob): void {
    if (!this.config.schedulerEnabled || this.stopped) return;
    if (this.jobs.has(job.name)) throw new Error(`scheduled job ${job.name} is already scheduled`);
    const cron = CronJob.from({ cronTime: cronTimeOf(job.when), timeZone: this.config.orgTimezone, onTick: () => void this.runSlot(job.name), start: true });
    this.jobs.set(job.name, { job, cron });
    if (job.atStart) void this.runSlot(job.name);
  }

  /** When a job's timer fires: its cron expression and time zone (null when not scheduled here). */
  timerOf(name: string): { cron: string; timeZone: string } | null {
    const cron = this.jobs.get(name)?.cron;
    return cron ? { cron: String(cron.cronTime.source), timeZone: String(cron.cronTime.timeZone) } : null;
  }

  /** The next instants a job's timer fires. */
  nextRuns(name: string, count: number): Date[] {
    const cron = this.jobs.get(name)?.cron;
    return cron ? cron.nextDates(count).map((date) => date.toJSDate()) : [];
  }

  /** The names of the jobs whose timers run. */
  active(): string[] {
    return [...this.jobs].filter(([, entry]) => entry.cron.isActive).map(([name]) => name);
  }

  /**
   * Runs the job's current slot unless it is running here, another instance has it or it is done:
   * `ran`, `failed` (logged, left for the next tick), `taken` or `stopped` (shutting down).
   */
  runSlot(name: string): Promise<SlotOutcome> {
    const entry = this.jobs.get(name);
    if (!entry) throw new Error(`no scheduled job ${name}`);
    if (this.stopped) return Promise.resolve('stopped');
    entry.running ??= this.claimAndRun(entry.job).finally(() => (entry.running = undefined));
    return entry.running;
  }

  /** Stops one job's timer, and resolves when its run under way here (if any) has finished. */
  async stop(name: string): Promise<void> {
    const entry = this.jobs.get(name);
    if (!entry) return;
    void entry.cron.stop();
    this.jobs.delete(name);
    await entry.running;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const entry of this.jobs.values()) void entry.cron.stop();
    await Promise.all([...this.jobs.values()].map((entry) => entry.running));
  }

  private async claimAndRun(job: ScheduledJob): Promise<SlotOutcome> {
    const slot = this.slotOf(job.when);
    let claimed: boolean;
    try {
      claimed = await this.claim(job.name, slot);
    } catch (error) {
      this.logger.error({ message: job.failed, slot, error: messageOf(error) });
      return 'failed';
    }
    if (!claimed) return 'taken';
    const started = performance.now();
    try {
      const fields = (await job.run()) ?? {};
      await this.finish(job.name, slot, 'done', null);
      this.logger.log({ message: job.done, slot, ...fields, durationMs: Math.round(performance.now() - started) });
      return 'ran';
    } catch (error) {
      this.logger.error({ message: job.failed, slot, error: messageOf(error) });
      await this.finish(job.name, slot, 'failed', messageOf(error)).catch((ledgerError: unknown) =>
        this.logger.error({ message: 'scheduled job ledger not updated', job: job.name, slot, error: messageOf(ledgerError) }),
      );
      return 'failed';
    }
  }

  /** The slot now: the day (daily jobs) or the start of the current interval, on the ORG_TIMEZONE wall clock. */
  private slotOf(when: ScheduledJob['when']): string {
    const now = this.clock.now();
    if ('daily' in when) return this.clock.today();
    const [day, time] = wallClock(now, this.clock.timeZone).split(' ');
    const [hour, minute] = time.split(':').map(Number);
    return `${day} ${String(hour).padStart(2, '0')}:${String(minute - (minute % when.everyMinutes)).padStart(2, '0')}`;
  }

  /** Inserts the slot's row (portable: a unique key, no row lock), or takes over a failed or abandoned run. */
  private async claim(job: string, slot: string): Promise<boolean> {
    const now = this.clock.now();
    try {
      await this.dataSource.getRepository(ScheduledJobRun).insert({ id: randomUUID(), job, slot, status: 'running', instance: this.instance, startedAt: now, finishedAt: null, error: null });
      return true;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const retaken = await this.dataSource.createQueryBuilder().update(ScheduledJobRun)
      .set({ status: 'running', instance: this.instance, startedAt: now, finishedAt: null, error: null })
      .where('job = :job AND slot = :slot AND (status = :failed OR (status = :running AND startedAt < :stale))', {
        job, slot, failed: 'failed', running: 'running', stale: new Date(now.getTime() - STALE_RUN_MS),
      })
      .execute();
    return retaken.affected === 1;
  }

  private async finish(job: string, slot: string, status: 'done' | 'failed', error: string | null): Promise<void> {
    await this.dataSource.createQueryBuilder().update(ScheduledJobRun)
      .set({ status, finishedAt: this.clock.now(), error: error?.slice(0, 500) ?? null })
      .where('job = :job AND slot = :slot AND instance = :instance', { job, slot, instance: this.instance })
      .execute();
  }
}

function cronTimeOf(when: ScheduledJob['when']): string {
  if ('everyMinutes' in when) return `*/${when.everyMinutes} * * * *`;
  const [hour, minute] = when.daily.split(':').map(Number);
  return `${minute} ${hour} * * *`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
