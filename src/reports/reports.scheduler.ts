import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ScheduledJobs } from '../common/scheduled-jobs';
import { BoardSnapshotsService } from './board-snapshots.service';

const JOB = 'board-report-daily-snapshot';

/**
 * Takes the board report's snapshot each day after the compliance recompute (00:05) in
 * ORG_TIMEZONE, and at start in case the app was down then (common/scheduled-jobs.ts: once a day
 * across instances). Repeating a day replaces its row.
 */
@Injectable()
export class ReportsScheduler implements OnApplicationBootstrap {
  constructor(
    private readonly snapshots: BoardSnapshotsService,
    private readonly jobs: ScheduledJobs,
  ) {}

  onApplicationBootstrap(): void {
    this.jobs.schedule({ name: JOB, when: { daily: '00:20' }, atStart: true, run: () => this.run(), done: 'board report snapshot taken', failed: 'board report snapshot failed' });
  }

  async run(): Promise<{ day: string; vendors: number }> {
    const snapshot = await this.snapshots.takeToday();
    return { day: snapshot.day, vendors: snapshot.counts.vendors };
  }
}
