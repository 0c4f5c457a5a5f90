import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthenticatedUser } from '../common/authenticated-user';
import { ConflictError, ValidationError } from '../common/domain-errors';
import { Problem, term } from '../common/problems';
import { VendorDependents } from '../vendors/vendor-dependents';
import { recordCreated } from '../audit-log/audit-trail';
import { runInTransaction } from '../database/transactions';
import { HOME_COUNTRY } from '../rules/vendor-facts';
import { CreateAssessmentDto } from './dto/supervision.dto';
import { Assessment } from './supervision.entities';
import { recordView } from './supervision-support';
import { VendorsService } from '../vendors/vendors.service';

@Injectable()
export class AssessmentsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly vendors: VendorsService,
    private readonly dependents: VendorDependents,
  ) {}

  /**
   * PPC GL 3-4-4(1): a vendor is selected after it is checked, so a rejected selection assessment
   * keeps it a candidate. A missing assessment
   * does not block (the flag says so); a newer approval lifts the rejection.
   */
  onModuleInit(): void {
    this.dependents.checksActivation(async (manager, vendorId) => {
      const latest = await manager.findOne(Assessment, { where: { vendorId, kind: 'selection' }, order: { completedOn: 'DESC', createdAt: 'DESC' } });
      if (latest?.outcome === 'rejected') {
        throw new ConflictError({ field: 'status', code: 'selection-rejected', params: { date: String(latest.completedOn).slice(0, 10) } });
      }
    });
  }

  async list(vendorId: string) {
    await this.vendors.get(vendorId);
    const rows = await this.dataSource.getRepository(Assessment).find({ where: { vendorId }, order: { completedOn: 'DESC', createdAt: 'DESC' } });
    return rows.map((row) => recordView(row));
  }

  /**
   * PPC GL 3-4-4(1): an `approved` outcome with an item not confirmed is a contradiction (400);
   * `approved-with-conditions` names its conditions and their due date.
   */
  async create(vendorId: string, input: CreateAssessmentDto, actor: AuthenticatedUser) {
    await this.vendors.get(vendorId);
    const saved = await runInTransaction(this.dataSource, (manager) => this.record(manager, vendorId, input, actor.id));
    return recordView(saved);
  }

  /**
   * Records an assessment in the caller's transaction, refused as create() refuses (e.g. a
   * questionnaire's acceptance records the assessment its answers became, with the acceptance).
   */
  async record(manager: EntityManager, vendorId: string, input: CreateAssessmentDto, recordedById: string): Promise<Assessment> {
    const items = input.items ?? [];
    const problems: Problem[] = [];
    const codes = items.map((item) => item.code);
    const repeated = codes.filter((code, index) => codes.indexOf(code) !== index);
    if (repeated.length > 0) problems.push({ field: 'items', code: 'assessment-item-repeated', params: { codes: [...new Set(repeated)] } });
    const unconfirmed = items.filter((item) => item.status === 'not-confirmed').map((item) => item.code);
    if (input.outcome === 'approved' && unconfirmed.length > 0) {
      problems.push({ field: 'outcome', code: 'approved-with-unconfirmed', params: { codes: unconfirmed } });
    }
    const countries = input.countries ?? [];
    if (input.kind === 'foreign-regime') {
      if (countries.length === 0) problems.push({ field: 'countries', code: 'countries-required' });
      if (countries.includes(HOME_COUNTRY)) problems.push({ field: 'countries', code: 'countries-not-japan' });
    } else if (countries.length > 0) {
      problems.push({ field: 'countries', code: 'countries-only-foreign-regime' });
    }
    const conditional = { outcome: term('ui.enum.assessmentOutcome.approved-with-conditions') };
    if (input.outcome === 'approved-with-conditions') {
      if (!input.conditions) problems.push({ field: 'conditions', code: 'conditions-required', params: conditional });
      if (!input.conditionsDueOn) problems.push({ field: 'conditionsDueOn', code: 'conditions-required', params: conditional });
    } else if (input.conditions || input.conditionsDueOn) {
      problems.push({ field: input.conditions ? 'conditions' : 'conditionsDueOn', code: 'conditions-only-with', params: conditional });
    }
    if (problems.length > 0) throw new ValidationError(problems);
    const row = await manager.save(
      Object.assign(new Assessment(), {
        vendorId,
        kind: input.kind,
        completedOn: input.completedOn,
        outcome: input.outcome,
        notes: input.notes ?? null,
        conditions: input.conditions ?? null,
        conditionsDueOn: input.conditionsDueOn ?? null,
        items,
        countries,
        recordedById,
      }),
    );
    await recordCreated(manager, 'assessment', row);
    return row;
  }
}
