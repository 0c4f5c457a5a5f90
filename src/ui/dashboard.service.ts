import { Injectable } from '@nestjs/common';
import { ActionsService } from '../actions/actions.service';
import { ACTION_KINDS } from '../rules/actions';
import { Clock } from '../common/clock';
import { ComplianceService } from '../compliance/compliance.service';
import { ContractsService } from '../contracts/contracts.service';
import { addDays } from '../rules/calendar';
import { EXPIRY_WARNING_DAYS, noticeDeadline } from '../rules/contracts';
import { FlagCode } from '../rules/flags';
import { AUDIT_DUE_SOON_DAYS } from '../rules/supervision';
import { AuditsService } from '../supervision/audits.service';
import { VendorsService } from '../vendors/vendors.service';
import { IncidentsService } from '../incidents/incidents.service';

export interface Dashboard {
  today: string;
  byStatus: Array<{ key: string; count: number }>;
  byTier: Array<{ key: string; count: number }>;
  flagsByCode: Array<{ code: string; severity: string; count: number }>;
  auditsDue: Array<{ vendorId: string; vendorName: string; code: string; dueDate: string }>;
  contractsEnding: Array<{ id: string; title: string; vendorId: string; vendorName: string; expiresOn: string; autoRenew: boolean; noticeBy: string | null }>;
  openFindings: Array<{ key: string; count: number }>;
  /** Today's actions by kind (each links to /actions?kind=…, whose total it equals), kinds with none left out. */
  actions: { total: number; byKind: Array<{ kind: string; count: number }> };
  /** Open and contained incidents, the nearest deadline first (漏えい等). */
  incidents: Array<{ id: string; title: string; vendorId: string; vendorName: string; nextDeadline: string | null; remainingMs: number | null; overdue: boolean }>;
}

const LIST_LIMIT = 20;

/**
 * The dashboard's figures, each from the feature that owns it: the counts the compliance engine keeps
 * with the stored flags and actions (vendors by status and tier, flags by code, actions by kind), and
 * short lists read through indexes, so the page costs the same whatever the register's size.
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly clock: Clock,
    private readonly vendors: VendorsService,
    private readonly compliance: ComplianceService,
    private readonly contracts: ContractsService,
    private readonly audits: AuditsService,
    private readonly actions: ActionsService,
    private readonly incidents: IncidentsService,
  ) {}

  async load(): Promise<Dashboard> {
    const today = this.clock.today();
    const [vendorCounts, flagCounts, auditsDue, contractsEnding, openFindings, actionCounts, incidents] = await Promise.all([
      this.compliance.vendorCounts(),
      this.compliance.flagCounts(),
      this.compliance.auditsDueBy(addDays(today, AUDIT_DUE_SOON_DAYS), LIST_LIMIT),
      this.contracts.endingBetween(today, addDays(today, EXPIRY_WARNING_DAYS), LIST_LIMIT),
      this.audits.openFindingCounts(),
      this.actions.countsByKind(),
      this.incidents.openIncidents(LIST_LIMIT),
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
      actions: {
        total: ACTION_KINDS.reduce((sum, kind) => sum + actionCounts[kind], 0),
        byKind: ACTION_KINDS.filter((kind) => actionCounts[kind] > 0).map((kind) => ({ kind, count: actionCounts[kind] })),
      },
      incidents: incidents.map((incident) => {
        const remaining = incident.obligations.filter((obligation) => obligation.applies && obligation.remainingMs !== null).map((obligation) => obligation.remainingMs!);
        const nearest = remaining.length > 0 ? Math.min(...remaining) : null;
        return { id: incident.id, title: incident.title, vendorId: incident.vendorId, vendorName: incident.vendorName, nextDeadline: incident.nextDeadline, remainingMs: nearest, overdue: nearest !== null && nearest < 0 };
      }),
    };
  }
}
