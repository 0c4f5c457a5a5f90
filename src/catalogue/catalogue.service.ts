import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, Not, In } from 'typeorm';
import { isUniqueViolation } from '../common/database-errors';
import { runInTransaction } from '../database/transactions';
import { Catalogue } from '../rules/applicability';
import { CLAUSE_TYPES } from '../rules/clause-types';
import { ClauseTypeRecord } from './clause-type.entity';
import { RequirementRecord } from './requirement.entity';
import { loadRequirementsFile, RequirementDefinition } from './requirements-file';

export interface RequirementFilter {
  framework?: string;
  clauseType?: string;
  duty?: string;
  applies?: string;
  basis?: string;
}

/** The shipped catalogue: the rules' plain data, each requirement with its structured references. */
export type ShippedCatalogue = Omit<Catalogue, 'requirements'> & { requirements: readonly RequirementDefinition[] };

/**
 * The shipped reference data: clause types (rules/clause-types.ts) and requirements (requirements.tsv).
 * Loaded into the database at every start, idempotently: rows are inserted or brought up to date
 * by id, so ids stay stable and a restart or a second instance changes nothing.
 */
@Injectable()
export class CatalogueService implements OnApplicationBootstrap {
  private readonly logger = new Logger(CatalogueService.name);

  private shipped?: ShippedCatalogue;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The shipped catalogue as plain data for the rules (the same rows the database holds). */
  rules(): ShippedCatalogue {
    this.shipped ??= { clauseTypes: CLAUSE_TYPES, requirements: loadRequirementsFile() };
    return this.shipped;
  }

  async onApplicationBootstrap(): Promise<void> {
    const requirements = this.rules().requirements as RequirementDefinition[];
    try {
      await runInTransaction(this.dataSource, (manager) => this.sync(manager, requirements));
    } catch (error) {
      // Another instance loaded the same rows at the same moment: one more pass finds them in place.
      if (!isUniqueViolation(error)) throw error;
      await runInTransaction(this.dataSource, (manager) => this.sync(manager, requirements));
    }
  }

  async clauseTypes(): Promise<ClauseTypeRecord[]> {
    return this.dataSource.getRepository(ClauseTypeRecord).find({ order: { sortOrder: 'ASC' } });
  }

  async requirements(filter: RequirementFilter = {}): Promise<RequirementRecord[]> {
    const rows = await this.dataSource.getRepository(RequirementRecord).find({ order: { sortOrder: 'ASC' } });
    return rows.filter(
      (row) =>
        (!filter.framework || row.framework.toLowerCase() === filter.framework.toLowerCase()) &&
        (!filter.clauseType || row.satisfiedBy.includes(`clause:${filter.clauseType}`)) &&
        (!filter.duty || row.satisfiedBy.includes(`duty:${filter.duty}`)) &&
        (!filter.applies || row.applies.split(/[+|]/).includes(filter.applies)) &&
        (!filter.basis || row.basis === filter.basis),
    );
  }

  private async sync(manager: EntityManager, requirements: RequirementDefinition[]): Promise<void> {
    const clauseRows = CLAUSE_TYPES.map((definition, index) => Object.assign(new ClauseTypeRecord(), { ...definition, sortOrder: index + 1 }));
    const requirementRows = requirements.map((definition, index) => Object.assign(new RequirementRecord(), { ...definition, sortOrder: index + 1 }));
    const changed =
      (await upsertChanged(manager, ClauseTypeRecord, clauseRows, (row) => row.code)) +
      (await upsertChanged(manager, RequirementRecord, requirementRows, (row) => row.id));
    await manager.delete(ClauseTypeRecord, { code: Not(In(clauseRows.map((row) => row.code))) });
    await manager.delete(RequirementRecord, { id: Not(In(requirementRows.map((row) => row.id))) });
    if (changed > 0) this.logger.log({ message: 'catalogue loaded', clauseTypes: clauseRows.length, requirements: requirementRows.length, changedRows: changed });
  }
}

async function upsertChanged<T extends object>(
  manager: EntityManager,
  entity: new () => T,
  rows: T[],
  keyOf: (row: T) => string,
): Promise<number> {
  const existing = new Map((await manager.find(entity)).map((row) => [keyOf(row), row]));
  const changed = rows.filter((row) => {
    const current = existing.get(keyOf(row));
    return !current || JSON.stringify(normalise(current)) !== JSON.stringify(normalise(row));
  });
  if (changed.length > 0) await manager.save(entity, changed);
  return changed.length;
}

function normalise(row: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).sort(([a], [b]) => a.localeCompare(b)));
}
