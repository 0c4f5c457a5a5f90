import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ScheduledJobs } from '../common/scheduled-jobs';
import { FileStorage } from './file-storage';
import { FilesService } from './files.service';

const JOB = 'files-daily-verification';

/**
 * Every night (03:30 in ORG_TIMEZONE, once across instances: common/scheduled-jobs.ts) re-hashes a
 * random sample of the stored files (FILES_VERIFY_SAMPLE) — a mismatch or missing bytes is logged as
 * an error — and removes stored objects that no version refers to (only orphans older than a day).
 */
@Injectable()
export class FilesScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly files: FilesService,
    private readonly storage: FileStorage,
    private readonly jobs: ScheduledJobs,
  ) {}

  onApplicationBootstrap(): void {
    this.jobs.schedule({ name: JOB, when: { daily: '03:30' }, run: () => this.run(), done: 'stored files verified', failed: 'file verification failed' });
  }

  async onApplicationShutdown(): Promise<void> {
    // Before the storage closes: no new run, and the one under way finished.
    await this.jobs.stop(JOB);
    this.storage.close();
  }

  async run(): Promise<Record<string, unknown>> {
    const verified = await this.files.verifySample();
    const swept = await this.files.sweepOrphans();
    return { ...verified, orphansRemoved: swept.removed };
  }
}
