import { EntityManager, In, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { depthsOf } from '../rules/subcontractor-chain';
import { nextAuditDue, SelectionItem, SupervisionFacts, SupervisionSettings } from '../rules/supervision';
import { Vendor } from '../vendors/vendor.entity';
import { Assessment, Audit, Certificate, DeletionCertificate, Finding, Subcontractor } from '../supervision/supervision.entities';
import { Incident } from '../incidents/incident.entities';

export type SupervisionRecords = SupervisionFacts;

/** A vendor's records before any is added (fresh lists: they are filled in place). */
function noRecords(): SupervisionRecords {
  return { selections: [], externalEnvironmentReviews: [], transferReviews: [], completedAudits: [], openFindings: [], subcontractors: [], certificates: [], deletionCertificates: 0, incidents: [] };
}

/**
 * The supervision records of some vendors (or all) as they stood on `asOf`, in one query per kind
 * of record whatever the number of vendors: a record counts from its own date (completedOn,
 * receivedOn, approvedOn) and a finding is open until its closing date.
 */
export async function loadSupervisionRecords(manager: EntityManager, asOf: string, vendorIds?: readonly string[]): Promise<Map<string, SupervisionRecords>> {
  const scoped = <T extends ObjectLiteral>(query: SelectQueryBuilder<T>, alias: string) =>
    vendorIds ? query.andWhere(`${alias}.vendorId IN (:...vendorIds)`, { vendorIds }) : query;
  const [assessments, audits, findings, subcontractors, certificates, deletions, incidents] = await Promise.all([
    scoped(
      manager.createQueryBuilder(Assessment, 'a').select(['a.vendorId', 'a.kind', 'a.outcome', 'a.completedOn', 'a.items', 'a.countries'])
        .where("a.kind IN ('selection', 'foreign-regime', 'equivalent-measures-review') AND a.completedOn <= :asOf", { asOf }),
      'a',
    ).getMany(),
    scoped(manager.createQueryBuilder(Audit, 'au').select(['au.vendorId', 'au.completedOn']).where("au.status = 'completed' AND au.completedOn <= :asOf", { asOf }), 'au').getMany(),
    scoped(
      manager.createQueryBuilder(Finding, 'f').select(['f.id', 'f.vendorId', 'f.title', 'f.severity', 'f.dueOn'])
        .where("(f.status = 'open' OR f.closedOn > :asOf)", { asOf }),
      'f',
    ).getMany(),
    scoped(
      manager.createQueryBuilder(Subcontractor, 's').select(['s.id', 's.vendorId', 's.parentId', 's.name', 's.country', 's.status', 's.approvedOn', 's.objectionDeadline'])
        .where('s.announcedOn <= :asOf', { asOf }),
      's',
    ).getMany(),
    scoped(manager.createQueryBuilder(Certificate, 'c').select(['c.id', 'c.vendorId', 'c.kind', 'c.validUntil']), 'c').getMany(),
    scoped(manager.createQueryBuilder(DeletionCertificate, 'd').select(['d.vendorId']).where('d.receivedOn <= :asOf', { asOf }), 'd').getMany(),
    scoped(manager.createQueryBuilder(Incident, 'i').select(['i.vendorId', 'i.awareOn']).where('i.awareOn <= :asOf', { asOf }), 'i').getMany(),
  ]);

  const records = new Map<string, SupervisionRecords>();
  const of = (vendorId: string): SupervisionRecords => {
    let entry = records.get(vendorId);
    if (!entry) records.set(vendorId, (entry = noRecords()));
    return entry;
  };
  for (const assessment of assessments) {
    const { completedOn } = assessment;
    if (assessment.kind === 'foreign-regime') of(assessment.vendorId).externalEnvironmentReviews.push({ completedOn, countries: assessment.countries });
    else if (assessment.kind === 'equivalent-measures-review') of(assessment.vendorId).transferReviews.push(completedOn);
    else if (assessment.outcome !== 'rejected') {
      const items: SelectionItem[] = assessment.items.map(({ code, status, note }) => ({ code, status, note: note ?? null }));
      of(assessment.vendorId).selections.push({ completedOn, outcome: assessment.outcome, items });
    }
  }
  for (const audit of audits) of(audit.vendorId).completedAudits.push(audit.completedOn!);
  for (const finding of findings) of(finding.vendorId).openFindings.push({ id: finding.id, title: finding.title, severity: finding.severity, dueOn: finding.dueOn });
  const depths = depthsOf(subcontractors);
  for (const subcontractor of subcontractors) {
    // Approved later than asOf: on that day it was still waiting for approval.
    const status = subcontractor.status === 'approved' && subcontractor.approvedOn && subcontractor.approvedOn > asOf ? 'pending' : subcontractor.status;
    of(subcontractor.vendorId).subcontractors.push({
      id: subcontractor.id, name: subcontractor.name, country: subcontractor.country, status, depth: depths.get(subcontractor.id) ?? 1, objectionDeadline: subcontractor.objectionDeadline,
    });
  }
  for (const certificate of latestCertificates(certificates)) {
    of(certificate.vendorId).certificates.push({ id: certificate.id, kind: certificate.kind, validUntil: certificate.validUntil });
  }
  for (const deletion of deletions) of(deletion.vendorId).deletionCertificates += 1;
  for (const incident of incidents) of(incident.vendorId).incidents.push(incident.awareOn);
  return records;
}

/** A renewed certificate is recorded as a new one: only the latest of each kind per vendor counts. */
export function latestCertificates<T extends { vendorId: string; kind: string; validUntil: string }>(certificates: readonly T[]): T[] {
  const latest = new Map<string, T>();
  for (const certificate of certificates) {
    const key = `${certificate.vendorId}/${certificate.kind}`;
    const current = latest.get(key);
    if (!current || certificate.validUntil > current.validUntil) latest.set(key, certificate);
  }
  return [...latest.values()];
}

/**
 * When each active or offboarding vendor's next periodic audit is due (its tier's interval after the
 * last completed audit, or after activation; sooner after an incident): three queries, for the
 * reminders and the calendar.
 */
export async function auditDueDates(manager: EntityManager, settings: SupervisionSettings): Promise<Array<{ vendorId: string; dueDate: string }>> {
  const [vendors, audits, incidents] = await Promise.all([
    manager.find(Vendor, { where: { status: In(['active', 'offboarding']) }, select: { id: true, riskTier: true, activeSince: true } }),
    manager.createQueryBuilder(Audit, 'audit').select(['audit.vendorId', 'audit.completedOn']).where("audit.status = 'completed'").getMany(),
    manager.createQueryBuilder(Incident, 'incident').select(['incident.vendorId', 'incident.awareOn']).getMany(),
  ]);
  const completed = new Map<string, string[]>();
  for (const audit of audits) {
    const dates = completed.get(audit.vendorId);
    if (dates) dates.push(audit.completedOn!);
    else completed.set(audit.vendorId, [audit.completedOn!]);
  }
  const incidentDays = new Map<string, string[]>();
  for (const incident of incidents) incidentDays.set(incident.vendorId, [...(incidentDays.get(incident.vendorId) ?? []), incident.awareOn]);
  return vendors.flatMap((vendor) => {
    const dueDate = nextAuditDue(vendor, completed.get(vendor.id) ?? [], settings, incidentDays.get(vendor.id));
    return dueDate ? [{ vendorId: vendor.id, dueDate }] : [];
  });
}
