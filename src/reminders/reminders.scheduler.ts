import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ScheduledJobs } from '../common/scheduled-jobs';
import { AppConfig } from '../config/app-config';
import { RemindersService } from './reminders.service';

export const REMINDER_JOB = 'reminders-daily';

/**
 * Runs the reminder job daily at REMINDER_TIME in ORG_TIMEZONE, once a day across instances
 * (common/scheduled-jobs.ts); the ledger's unique key and the delivery claim make a second run harmless anyway.
 */
@Injectable()
export class RemindersScheduler implements OnApplicationBootstrap {
  constructor(
    private readonly reminders: RemindersService,
    private readonly jobs: ScheduledJobs,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.jobs.schedule({
      name: REMINDER_JOB,
      when: { daily: this.config.reminderTime },
      run: async () => ({ ...(await this.reminders.run()) }),
      done: 'reminder run done',
      failed: 'reminder run failed',
    });
  }
}
