import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CatalogueService } from '../catalogue/catalogue.service';
import { recordFingerprint, storedFingerprint } from '../database/derived-fingerprints';
import { runInTransaction } from '../database/transactions';
import { sha256Hex } from '../common/objects';
import { ChecklistItem } from './checklist.entity';
import { Contract } from './contract.entity';
import { ContractChecklistService } from './contract-checklist.service';

/**
 * At start: every contract has an item for every clause type (the compliance engine relies on it). A
 * clause type added to the catalogue by an upgrade gets a not-reviewed item on every existing
 * contract; the compliance engine recomputes those contracts' vendors in the same transaction.
 * Contracts are created with every item, so the check (a count over every item: seconds at 1.6
 * million items) runs only when the clause types differ from those of the last check.
 */
/** The backfill's name in derived_fingerprints. */
export const CHECKED_CLAUSE_TYPES = 'checklist-clause-types';

@Injectable()
export class ChecklistBackfill implements OnApplicationBootstrap {
  private readonly logger = new Logger(ChecklistBackfill.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalogue: CatalogueService,
    private readonly checklists: ContractChecklistService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const clauseTypes = this.catalogue.rules().clauseTypes.map((clauseType) => clauseType.code).sort();
    const fingerprint = sha256Hex(clauseTypes.join('\n'));
    if ((await storedFingerprint(this.dataSource, CHECKED_CLAUSE_TYPES)) === fingerprint) return;
    const clauseTypeCount = clauseTypes.length;
    const incomplete: Array<{ id: string }> = await this.dataSource
      .createQueryBuilder(Contract, 'contract')
      .leftJoin(ChecklistItem, 'item', 'item.contractId = contract.id')
      .select('contract.id', 'id')
      .groupBy('contract.id')
      .having('COUNT(item.id) < :clauseTypeCount', { clauseTypeCount })
      .getRawMany();
    await runInTransaction(this.dataSource, async (manager) => {
      if (incomplete.length > 0) await this.checklists.addMissingItems(manager, incomplete.map((contract) => contract.id));
      await recordFingerprint(manager, CHECKED_CLAUSE_TYPES, fingerprint);
    });
    if (incomplete.length > 0) this.logger.log({ message: 'checklist items added for new clause types', contracts: incomplete.length });
  }
}
