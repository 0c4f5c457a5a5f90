import { EntityManager, In } from 'typeorm';
import { auditDueDates, latestCertificates } from '../compliance/supervision-facts';
import { VendorFlag } from '../compliance/vendor-flag.entity';
import { Contract } from '../contracts/contract.entity';
import { noticeDeadline } from '../rules/contracts';
import { ReminderFacts } from '../rules/reminders';
import { SupervisionSettings } from '../rules/supervision';
import { Audit, Certificate, Finding, Subcontractor } from '../supervision/supervision.entities';
import { User } from '../users/user.entity';
import { Vendor } from '../vendors/vendor.entity';

/** The facts the reminder rules need, in a fixed number of queries. */
export async function loadReminderFacts(manager: EntityManager, asOf: string, settings: SupervisionSettings): Promise<ReminderFacts> {
  const [vendors, auditsDue, contracts, findings, certificates, subcontractors, missing, users, plannedAudits] = await Promise.all([
    manager.find(Vendor, { select: { id: true, name: true, status: true, ownerEmail: true } }),
    auditDueDates(manager, settings),
    manager.createQueryBuilder(Contract, 'contract').where("contract.status = 'signed' AND contract.expiresOn IS NOT NULL AND contract.expiresOn >= :asOf", { asOf }).getMany(),
    manager.findBy(Finding, { status: 'open' }),
    manager.find(Certificate),
    // Only an objection period has a deadline to object by (legal-model.md §5); prior approval waits for a decision.
    manager.createQueryBuilder(Subcontractor, 's').innerJoin(Vendor, 'v', 'v.id = s.vendorId')
      .where("s.status = 'pending' AND s.objectionDeadline IS NOT NULL AND v.subcontractorApproval = 'objection-period'").getMany(),
    manager.createQueryBuilder(VendorFlag, 'flag').select('flag.vendorId', 'vendorId').addSelect('COUNT(*)', 'count').where("flag.code = 'missing-clause'").groupBy('flag.vendorId').getRawMany<{ vendorId: string; count: string | number }>(),
    manager.find(User, { where: { active: true }, select: { email: true, role: true } }),
    manager.find(Audit, { where: { status: In(['planned', 'in-progress']) }, select: { id: true, vendorId: true, kind: true, scheduledFor: true, auditorEmail: true } }),
  ]);
  return {
    vendors,
    auditsDue,
    contracts: contracts.map((contract) => ({
      id: contract.id,
      vendorId: contract.vendorId,
      title: contract.title,
      // An automatically renewed contract does not end: only its notice deadline matters.
      expiresOn: contract.autoRenew ? null : contract.expiresOn,
      noticeDeadline: noticeDeadline(contract),
    })),
    findings: findings.map(({ id, vendorId, title, dueOn, ownerEmail }) => ({ id, vendorId, title, dueOn, ownerEmail })),
    certificates: latestCertificates(certificates).map(({ id, vendorId, kind, validUntil }) => ({ id, vendorId, kind, validUntil })),
    subcontractors: subcontractors.map(({ id, vendorId, name, objectionDeadline }) => ({ id, vendorId, name, objectionDeadline: objectionDeadline! })),
    plannedAudits: plannedAudits.map(({ id, vendorId, kind, scheduledFor, auditorEmail }) => ({ id, vendorId, kind, scheduledFor, auditorEmail })),
    missingClauses: missing.map((row) => ({ vendorId: row.vendorId, count: Number(row.count) })),
    compliance: users.filter((user) => user.role === 'compliance').map((user) => user.email),
    legal: users.filter((user) => user.role === 'legal').map((user) => user.email),
  };
}
