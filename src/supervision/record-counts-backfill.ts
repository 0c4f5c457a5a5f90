import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { recordFingerprint, storedFingerprint } from '../database/derived-fingerprints';
import { runInTransaction } from '../database/transactions';
import { recountRecords } from './record-counts';

/** The counts' name in derived_fingerprints, and what they count (another value makes a start count them anew). */
export const RECORD_COUNTS = 'supervision-record-counts';
const COUNTED_BY = 'audits by status; findings by status and severity';

/**
 * At start, before serving: the audits and findings are counted from the records when they never were
 * (the migration that added audit_counts and finding_counts starts them empty, and so does a restored
 * backup taken before the first start). The fingerprint is written first, in the same transaction, so
 * instances starting together on MySQL/MariaDB take turns (the second counts again, exactly).
 */
@Injectable()
export class RecordCountsBackfill implements OnApplicationBootstrap {
  private readonly logger = new Logger(RecordCountsBackfill.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    if ((await storedFingerprint(this.dataSource, RECORD_COUNTS)) === COUNTED_BY) return;
    await runInTransaction(this.dataSource, async (manager) => {
      await recordFingerprint(manager, RECORD_COUNTS, COUNTED_BY);
      await recountRecords(manager);
    });
    this.logger.log({ message: 'audits and findings counted' });
  }
}
