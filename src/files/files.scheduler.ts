import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { AppConfig } from '../config/app-config';
import { FileStorage } from './file-storage';
import { FilesService } from './files.service';

const JOB = 'files-daily-verification';

/**
 * Every night (03:30 in ORG_TIMEZONE) re-hashes a random sample of the stored files (FILES_VERIFY_SAMPLE)
 * — a mismatch or missing bytes is logged as an error — and removes stored objects that no version
 * refers to. Read-only apart from orphans older than a day, so several instances may all run it.
 */
@Injectable()
export class FilesScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Files');
  private running?: Promise<void>;

  constructor(
    private readonly files: FilesService,
    private readonly storage: FileStorage,
    private readonly registry: SchedulerRegistry,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.schedulerEnabled) return;
    const job = CronJob.from({ cronTime: '30 3 * * *', timeZone: this.config.orgTimezone, onTick: () => void this.run(), start: true });
    this.registry.addCronJob(JOB, job);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.running;
    this.storage.close();
  }

  run(): Promise<void> {
    this.running ??= (async () => {
      try {
        const verified = await this.files.verifySample();
        const swept = await this.files.sweepOrphans();
        this.logger.log({ message: 'stored files verified', ...verified, orphansRemoved: swept.removed });
      } catch (error) {
        this.logger.error({ message: 'file verification failed', error: error instanceof Error ? error.message : String(error) });
      }
    })().finally(() => (this.running = undefined));
    return this.running;
  }
}
