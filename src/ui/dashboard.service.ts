import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { addDays } from '../rules/calendar';
import { EXPIRY_WARNING_DAYS, noticeDeadline } from '../rules/contracts';
import { FLAG_SEVERITY, FlagCode } from '../rules/flags';
import { AUDIT_DUE_SOON_DAYS } from '../rules/supervision';
import { VendorsService } from '../vendors/vendors.service';

export interface Dashboard {
  today: string;
  byStatus: Array<{ key: string; count: number }>;
  byTier: Array<{ key: string; count: number }>;
  flagsByCode: Array<{ code: string; severity: string; count: number }>;
  auditsDue: Array<{ vendorId: string; vendorName: string; code: string; dueDate: string }>;
  contractsEnding: Array<{ id: string; title: string; vendorId: string; vendorName: string; expiresOn: string; autoRenew: boolean; noticeBy: string | null }>;
  openFindings: Array<{ key: string; count: number }>;
}

const LIST_LIMIT = 20;

/**
 * The dashboard's figures as aggregate queries over indexed columns and the stored flags
 * (vendor_flags, kept current by the compliance engine): the cost does not grow with a full load
 * of every vendor, so the page stays fast with 10,000 vendors.
 */
@Injectable()
export class DashboardService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly vendors: VendorsService,
  ) {}

  async load(): Promise<Dashboard> {
    const today = this.clock.today();
    const query = <T>(sql: string, parameters: unknown[] = []) => this.dataSource.query(sql, parameters) as Promise<T[]>;
    const [byStatus, byTier, flagsByCode, auditsDue, contractsEnding, openFindings] = await Promise.all([
      query<{ key: string; count: string }>('SELECT complianceStatus AS `key`, COUNT(*) AS count FROM vendors GROUP BY complianceStatus'),
      query<{ key: string; count: string }>('SELECT riskTier AS `key`, COUNT(*) AS count FROM vendors GROUP BY riskTier'),
      // By code only: the (code, vendorId) index covers it. Severity follows the code (domain.md), but
      // finding-overdue is critical only for high-severity findings: counted apart below.
      query<{ code: FlagCode; count: string }>('SELECT code, COUNT(*) AS count FROM vendor_flags GROUP BY code'),
      query<{ vendorId: string; code: string; dueDate: string }>(
        "SELECT vendorId, code, dueDate FROM vendor_flags WHERE code IN ('audit-overdue', 'audit-due-soon') AND dueDate <= ? ORDER BY dueDate ASC, vendorId ASC LIMIT " + LIST_LIMIT,
        [addDays(today, AUDIT_DUE_SOON_DAYS)],
      ),
      query<{ id: string; title: string; vendorId: string; vendorName: string; expiresOn: string; autoRenew: boolean | number; noticeDays: number | null }>(
        "SELECT c.id AS id, c.title AS title, c.vendorId AS vendorId, v.name AS vendorName, c.expiresOn AS expiresOn, c.autoRenew AS autoRenew, c.noticeDays AS noticeDays FROM contracts c INNER JOIN vendors v ON v.id = c.vendorId WHERE c.status = 'signed' AND c.expiresOn >= ? AND c.expiresOn <= ? ORDER BY c.expiresOn ASC, v.name ASC LIMIT " + LIST_LIMIT,
        [today, addDays(today, EXPIRY_WARNING_DAYS)],
      ),
      query<{ key: string; count: string }>("SELECT severity AS `key`, COUNT(*) AS count FROM findings WHERE status = 'open' GROUP BY severity"),
    ]);
    const [{ count: criticalFindings }] = await query<{ count: string }>("SELECT COUNT(*) AS count FROM vendor_flags WHERE code = 'finding-overdue' AND severity = 'critical'");
    const names = await this.vendors.namesOf([...new Set(auditsDue.map((row) => row.vendorId))]);
    const counts = (rows: Array<{ key: string; count: string }>, keys: readonly string[]) => keys.map((key) => ({ key, count: Number(rows.find((row) => row.key === key)?.count ?? 0) }));
    return {
      today,
      byStatus: counts(byStatus, ['non-compliant', 'at-risk', 'compliant', 'not-evaluated']),
      byTier: counts(byTier, ['high', 'medium', 'low']),
      flagsByCode: flagsByCode
        .map((row) => ({ code: row.code, count: Number(row.count), severity: row.code === 'finding-overdue' && Number(criticalFindings) > 0 ? 'critical' : FLAG_SEVERITY[row.code] }))
        .sort((a, b) => b.count - a.count),
      auditsDue: auditsDue.map((row) => ({ ...row, vendorName: names.get(row.vendorId) ?? '', dueDate: String(row.dueDate).slice(0, 10) })),
      contractsEnding: contractsEnding.map((row) => {
        const expiresOn = String(row.expiresOn).slice(0, 10);
        return { id: row.id, title: row.title, vendorId: row.vendorId, vendorName: row.vendorName, expiresOn, autoRenew: Boolean(Number(row.autoRenew)), noticeBy: noticeDeadline({ expiresOn, noticeDays: row.noticeDays === null ? null : Number(row.noticeDays) }) };
      }),
      openFindings: counts(openFindings, ['high', 'medium', 'low']),
    };
  }
}
