import { EntityManager, In } from 'typeorm';
import { factsOf, Incident, IncidentObligation } from '../incidents/incident.entities';
import { IncidentRecord } from '../rules/incident-flags';
import { ObligationCode } from '../rules/incident-obligations';

/**
 * The incidents (漏えい等) of some vendors (or all) that are not closed, with the obligations already
 * reported or closed as not required: what the incident rules (rules/incident-flags.ts) judge against
 * the clock. Two queries whatever the number of vendors.
 */
export async function loadIncidentRecords(manager: EntityManager, vendorIds?: readonly string[]): Promise<Map<string, IncidentRecord[]>> {
  const byVendor = new Map<string, IncidentRecord[]>();
  if (vendorIds && vendorIds.length === 0) return byVendor;
  const incidentQuery = manager.createQueryBuilder(Incident, 'incident').where("incident.status <> 'closed'");
  if (vendorIds) incidentQuery.andWhere('incident.vendorId IN (:...vendorIds)', { vendorIds });
  const incidents = await incidentQuery.getMany();
  if (incidents.length === 0) return byVendor;
  const settled = await manager.find(IncidentObligation, {
    where: { incidentId: In(incidents.map((incident) => incident.id)), status: In(['reported', 'not-required']) },
    select: { incidentId: true, code: true },
  });
  const settledBy = new Map<string, Set<ObligationCode>>();
  for (const row of settled) {
    const codes = settledBy.get(row.incidentId) ?? new Set<ObligationCode>();
    codes.add(row.code as ObligationCode);
    settledBy.set(row.incidentId, codes);
  }
  for (const incident of incidents) {
    const record: IncidentRecord = { id: incident.id, title: incident.title, status: incident.status, settled: settledBy.get(incident.id) ?? new Set(), ...factsOf(incident) };
    const list = byVendor.get(incident.vendorId);
    if (list) list.push(record);
    else byVendor.set(incident.vendorId, [record]);
  }
  return byVendor;
}

/**
 * The vendors with an incident that is not closed: their deadlines run by the hour, so the 15-minute
 * job recomputes them (an incident closes only once every obligation is settled).
 */
export async function vendorsWithOpenIncidents(manager: EntityManager): Promise<string[]> {
  const rows: Array<{ vendorId: string }> = await manager
    .createQueryBuilder(Incident, 'incident')
    .select('DISTINCT incident.vendorId', 'vendorId')
    .where("incident.status <> 'closed'")
    .getRawMany();
  return rows.map((row) => row.vendorId).sort();
}
