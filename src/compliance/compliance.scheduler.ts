import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { performance } from 'node:perf_hooks';
import { AppConfig } from '../config/app-config';
import { SubcontractorsService } from '../supervision/subcontractors.service';
import { ComplianceService } from './compliance.service';

const JOB = 'compliance-daily-recompute';

/**
 * Flags move with the calendar (a contract ends, 90 days get closer) without any write, so the
 * stored statuses and flags are recomputed each day just after midnight in ORG_TIMEZONE, and once at
 * start in case the app was down at midnight. First, subcontractors whose objection period passed with
 * no objection are recorded as deemed authorised (legal-model.md §5). Idempotent: several instances may
 * run it. Stored flags that are missing (the first start after the migration that reshaped them) are
 * recomputed before the app serves (so are the audit dates after the migration that added them), whether or not this instance runs the scheduler.
 */
@Injectable()
export class ComplianceScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ComplianceScheduler.name);
  private running?: Promise<void>;

  constructor(
    private readonly compliance: ComplianceService,
    private readonly subcontractors: SubcontractorsService,
    private readonly registry: SchedulerRegistry,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const missing = (await this.compliance.storedFlagsMissing()) || (await this.compliance.auditDatesMissing());
    if (missing) {
      this.logger.log({ message: 'stored flags or audit dates missing: recomputing every vendor before serving' });
      await this.run();
    }
    if (!this.config.schedulerEnabled) return;
    const job = CronJob.from({ cronTime: '5 0 * * *', timeZone: this.config.orgTimezone, onTick: () => this.run(), start: true });
    this.registry.addCronJob(JOB, job);
    if (!missing) void this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.running;
  }

  run(): Promise<void> {
    const started = performance.now();
    this.running ??= this.subcontractors
      .deemExpiredObjectionPeriods()
      .then((deemed) => (deemed > 0 ? this.logger.log({ message: 'subcontractors deemed authorised', subcontractors: deemed }) : undefined))
      .then(() => this.compliance.recomputeAll())
      .then((count) => this.logger.log({ message: 'compliance recomputed', vendors: count, durationMs: Math.round(performance.now() - started) }))
      .catch((error: unknown) => this.logger.error({ message: 'compliance recompute failed', error: error instanceof Error ? error.message : String(error) }))
      .finally(() => (this.running = undefined));
    return this.running;
  }
}
