import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CatalogueService } from '../catalogue/catalogue.service';
import { runInTransaction } from '../database/transactions';
import { ChecklistItem } from './checklist.entity';
import { Contract } from './contract.entity';
import { ContractChecklistService } from './contract-checklist.service';

/**
 * At start: every contract has an item for every clause type (the compliance engine relies on it). A
 * clause type added to the catalogue by an upgrade gets a not-reviewed item on every existing
 * contract; the compliance engine recomputes those contracts' vendors in the same transaction.
 */
@Injectable()
export class ChecklistBackfill implements OnApplicationBootstrap {
  private readonly logger = new Logger(ChecklistBackfill.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalogue: CatalogueService,
    private readonly checklists: ContractChecklistService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const clauseTypeCount = this.catalogue.rules().clauseTypes.length;
    const incomplete: Array<{ id: string }> = await this.dataSource
      .createQueryBuilder(Contract, 'contract')
      .leftJoin(ChecklistItem, 'item', 'item.contractId = contract.id')
      .select('contract.id', 'id')
      .groupBy('contract.id')
      .having('COUNT(item.id) < :clauseTypeCount', { clauseTypeCount })
      .getRawMany();
    if (incomplete.length === 0) return;
    await runInTransaction(this.dataSource, (manager) => this.checklists.addMissingItems(manager, incomplete.map((contract) => contract.id)));
    this.logger.log({ message: 'checklist items added for new clause types', contracts: incomplete.length });
  }
}
