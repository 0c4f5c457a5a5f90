import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { contractQueuesFingerprint, rewriteAllContractQueues } from '../contracts/contract-queues';
import { recordFingerprint, storedFingerprint } from '../database/derived-fingerprints';
import { runInTransaction } from '../database/transactions';

/** The queue entries' name in derived_fingerprints. */
const CONTRACT_QUEUES = 'contract-queue-entries';

/**
 * At start, before serving: legal's queue entries are written anew for every contract when they were
 * derived by other rules than these, or never (the migration that added them starts them empty).
 */
@Injectable()
export class ContractQueuesBackfill implements OnApplicationBootstrap {
  private readonly logger = new Logger(ContractQueuesBackfill.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    const fingerprint = contractQueuesFingerprint();
    if ((await storedFingerprint(this.dataSource, CONTRACT_QUEUES)) === fingerprint) return;
    const contracts = await rewriteAllContractQueues(this.dataSource, (work) => runInTransaction(this.dataSource, work));
    await runInTransaction(this.dataSource, (manager) => recordFingerprint(manager, CONTRACT_QUEUES, fingerprint));
    this.logger.log({ message: 'contract queue entries written', contracts });
  }
}
