import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { AppConfig } from '../config/app-config';
import { BoardSnapshotsService } from './board-snapshots.service';

const JOB = 'board-report-daily-snapshot';

/**
 * Takes the board report's snapshot each day after the compliance recompute (00:05) in
 * ORG_TIMEZONE, and once at start in case the app was down then. Repeating a day replaces its row.
 */
@Injectable()
export class ReportsScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReportsScheduler.name);
  private running?: Promise<void>;

  constructor(
    private readonly snapshots: BoardSnapshotsService,
    private readonly registry: SchedulerRegistry,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.schedulerEnabled) return;
    const job = CronJob.from({ cronTime: '20 0 * * *', timeZone: this.config.orgTimezone, onTick: () => this.run(), start: true });
    this.registry.addCronJob(JOB, job);
    void this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.running;
  }

  run(): Promise<void> {
    this.running ??= this.snapshots
      .takeToday()
      .then((snapshot) => this.logger.log({ message: 'board report snapshot taken', day: snapshot.day, vendors: snapshot.counts.vendors }))
      .catch((error: unknown) => this.logger.error({ message: 'board report snapshot failed', error: error instanceof Error ? error.message : String(error) }))
      .finally(() => (this.running = undefined));
    return this.running;
  }
}
