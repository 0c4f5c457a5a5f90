import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { AppConfig } from '../config/app-config';
import { RemindersService } from './reminders.service';

export const REMINDER_JOB = 'reminders-daily';

/**
 * Runs the reminder job daily at REMINDER_TIME in ORG_TIMEZONE. Several instances may all run it:
 * the ledger's unique key and the delivery claim make a second run harmless.
 */
@Injectable()
export class RemindersScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RemindersScheduler.name);
  private running?: Promise<unknown>;

  constructor(
    private readonly reminders: RemindersService,
    private readonly registry: SchedulerRegistry,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.schedulerEnabled) return;
    const [hour, minute] = this.config.reminderTime.split(':').map(Number);
    const job = CronJob.from({ cronTime: `${minute} ${hour} * * *`, timeZone: this.config.orgTimezone, onTick: () => this.tick(), start: true });
    this.registry.addCronJob(REMINDER_JOB, job);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.reminders
      .run()
      .catch((error: unknown) => this.logger.error({ message: 'reminder run failed', error: error instanceof Error ? error.message : String(error) }))
      .finally(() => (this.running = undefined));
  }
}
