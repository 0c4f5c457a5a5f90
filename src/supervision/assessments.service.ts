import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthenticatedUser } from '../common/authenticated-user';
import { ValidationError } from '../common/domain-errors';
import { recordCreated } from '../audit-log/audit-trail';
import { runInTransaction, touchVendor } from '../database/transactions';
import { CreateAssessmentDto } from './dto/supervision.dto';
import { Assessment } from './supervision.entities';
import { existingVendor, recordView } from './supervision-support';

@Injectable()
export class AssessmentsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(vendorId: string) {
    await existingVendor(this.dataSource, vendorId);
    const rows = await this.dataSource.getRepository(Assessment).find({ where: { vendorId }, order: { completedOn: 'DESC', createdAt: 'DESC' } });
    return rows.map((row) => recordView(row));
  }

  /**
   * PPC GL 3-4-4(1): an `approved` outcome with an item not confirmed is a contradiction (400);
   * `approved-with-conditions` names its conditions and their due date.
   */
  async create(vendorId: string, input: CreateAssessmentDto, actor: AuthenticatedUser) {
    await existingVendor(this.dataSource, vendorId);
    const items = input.items ?? [];
    const problems: string[] = [];
    const codes = items.map((item) => item.code);
    const repeated = codes.filter((code, index) => codes.indexOf(code) !== index);
    if (repeated.length > 0) problems.push(`items: each code once (repeated: ${[...new Set(repeated)].join(', ')})`);
    const unconfirmed = items.filter((item) => item.status === 'not-confirmed').map((item) => item.code);
    if (input.outcome === 'approved' && unconfirmed.length > 0) {
      problems.push(`outcome: cannot be approved while items are not confirmed (${unconfirmed.join(', ')}); use approved-with-conditions or rejected`);
    }
    if (input.outcome === 'approved-with-conditions') {
      if (!input.conditions) problems.push('conditions: required with approved-with-conditions');
      if (!input.conditionsDueOn) problems.push('conditionsDueOn: required with approved-with-conditions');
    } else if (input.conditions || input.conditionsDueOn) {
      problems.push(`${input.conditions ? 'conditions' : 'conditionsDueOn'}: only with approved-with-conditions`);
    }
    if (problems.length > 0) throw new ValidationError(problems);
    const saved = await runInTransaction(this.dataSource, async (manager) => {
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
          recordedById: actor.id,
        }),
      );
      await recordCreated(manager, 'assessment', row);
      touchVendor(manager, vendorId);
      return row;
    });
    return recordView(saved);
  }
}
