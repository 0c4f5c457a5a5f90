import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { isUniqueViolation } from '../common/database-errors';
import { ComplianceService } from '../compliance/compliance.service';
import { runInTransaction } from '../database/transactions';
import { Audit, Finding } from '../supervision/supervision.entities';
import { Vendor } from '../vendors/vendor.entity';
import { boardCounts } from './board-counts';
import { ReportSnapshot } from './report-snapshot.entity';

/**
 * The daily snapshot of the board report's counts: every vendor evaluated on the day by the
 * compliance rules, the audits and findings as recorded. One row per day: a second run the same
 * day (another instance, a restart) replaces that day's row, so the job is safe to repeat.
 */
@Injectable()
export class BoardSnapshotsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly compliance: ComplianceService,
    private readonly clock: Clock,
  ) {}

  /** Takes today's snapshot (ORG_TIMEZONE) and returns it. */
  async takeToday(): Promise<ReportSnapshot> {
    const day = this.clock.today();
    const [evaluations, vendors, audits, findings] = await Promise.all([
      this.compliance.evaluateAll(day),
      this.dataSource.getRepository(Vendor).find({ select: { id: true, name: true, status: true, riskTier: true } }),
      this.dataSource.getRepository(Audit).find({ select: { id: true, status: true, completedOn: true } }),
      this.dataSource.getRepository(Finding).find({ select: { id: true, closedOn: true } }),
    ]);
    const evaluated = new Map(evaluations.map((row) => [row.vendorId, row.evaluation]));
    const { counts, remediation } = boardCounts(
      {
        vendors: vendors.flatMap((vendor) => {
          const evaluation = evaluated.get(vendor.id);
          return evaluation ? [{ id: vendor.id, name: vendor.name, status: vendor.status, riskTier: vendor.riskTier, evaluation }] : [];
        }),
        audits: audits.map((audit) => ({ status: audit.status, completedOn: audit.completedOn ? String(audit.completedOn).slice(0, 10) : null })),
        findings: findings.map((finding) => ({ closedOn: finding.closedOn ? String(finding.closedOn).slice(0, 10) : null })),
      },
      day,
    );
    const values = { counts, remediation, takenAt: this.clock.now() };
    const store = () =>
      runInTransaction(this.dataSource, async (manager) => {
        const existing = await manager.findOne(ReportSnapshot, { where: { day } });
        return manager.save(ReportSnapshot, existing ? Object.assign(existing, values) : Object.assign(new ReportSnapshot(), { day, ...values }));
      });
    try {
      return await store();
    } catch (error) {
      // Another instance stored the day between our read and insert: replace its row instead.
      if (!isUniqueViolation(error)) throw error;
      return store();
    }
  }

  /** The stored days from `from` to `to`, oldest first. */
  async between(from: string, to: string): Promise<ReportSnapshot[]> {
    return this.dataSource
      .getRepository(ReportSnapshot)
      .createQueryBuilder('snapshot')
      .where('snapshot.day >= :from AND snapshot.day <= :to', { from, to })
      .orderBy('snapshot.day', 'ASC')
      .getMany();
  }
}
