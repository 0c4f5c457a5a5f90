import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { ComplianceService } from '../compliance/compliance.service';
import { ContractsService } from '../contracts/contracts.service';
import { addDays } from '../rules/calendar';
import { EXPIRY_WARNING_DAYS, noticeDeadline } from '../rules/contracts';
import { FlagCode } from '../rules/flags';
import { AUDIT_DUE_SOON_DAYS } from '../rules/supervision';
import { AuditsService } from '../supervision/audits.service';
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
 * The dashboard's figures, each from the feature that owns it: aggregate queries over indexed
 * columns and the stored flags (vendor_flags, kept current by the compliance engine), so the cost
 * does not grow with a full load of every vendor and the page stays fast with 10,000 vendors.
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly clock: Clock,
    private readonly vendors: VendorsService,
    private readonly compliance: ComplianceService,
    private readonly contracts: ContractsService,
    private readonly audits: AuditsService,
  ) {}

  async load(): Promise<Dashboard> {
    const today = this.clock.today();
    const [vendorCounts, flagCounts, auditsDue, contractsEnding, openFindings] = await Promise.all([
      this.vendors.counts(),
      this.compliance.flagCounts(),
      this.compliance.auditsDueBy(addDays(today, AUDIT_DUE_SOON_DAYS), LIST_LIMIT),
      this.contracts.endingBetween(today, addDays(today, EXPIRY_WARNING_DAYS), LIST_LIMIT),
      this.audits.openFindingCounts(),
    ]);
    const names = await this.vendors.namesOf([...new Set(auditsDue.map((row) => row.vendorId))]);
    const counts = (found: Map<string, number>, keys: readonly string[]) => keys.map((key) => ({ key, count: found.get(key) ?? 0 }));
    return {
      today,
      byStatus: counts(vendorCounts.byComplianceStatus, ['non-compliant', 'at-risk', 'compliant', 'not-evaluated']),
      byTier: counts(vendorCounts.byRiskTier, ['high', 'medium', 'low']),
      // Each code in the colour of its most serious flag today (a flag's severity follows what it cites).
      flagsByCode: [...flagCounts.byCode].sort((a, b) => b.count - a.count),
      auditsDue: auditsDue.map((row) => ({ ...row, vendorName: names.get(row.vendorId) ?? '' })),
      contractsEnding: contractsEnding.map(({ noticeDays, ...row }) => ({ ...row, noticeBy: noticeDeadline({ expiresOn: row.expiresOn, noticeDays }) })),
      openFindings: counts(openFindings, ['high', 'medium', 'low']),
    };
  }
}
