import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseRecord } from '../common/entity-columns';
import { Contract } from '../contracts/contract.entity';
import { INCIDENT_STATUSES, IncidentStatus } from '../rules/incident-flags';
import { INCIDENT_KINDS, IncidentFacts, IncidentKind } from '../rules/incident-obligations';
import { DataCategory } from '../rules/vendor-facts';
import { Subcontractor } from '../supervision/supervision.entities';
import { Vendor } from '../vendors/vendor.entity';

/**
 * 漏えい等: an incident at a vendor (or at one of its subcontractors), with the facts that decide the
 * company's reports (rules/incident-obligations.ts). Timestamps with time, stored in UTC; `awareOn` is
 * the calendar date of `awareAt` in ORG_TIMEZONE, kept by the service (the audit an incident calls for
 * counts from it).
 */
@Entity({ name: 'incidents' })
@Index('IDX_incidents_vendor_status', ['vendorId', 'status'])
@Index('IDX_incidents_status_aware', ['status', 'awareAt'])
export class Incident extends BaseRecord {
  @Column({ type: 'varchar', length: 36 })
  vendorId!: string;

  @ManyToOne(() => Vendor, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'vendorId', foreignKeyConstraintName: 'FK_incidents_vendor' })
  vendor?: Vendor;

  @Column({ type: 'varchar', length: 36, nullable: true })
  contractId!: string | null;

  @ManyToOne(() => Contract, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'contractId', foreignKeyConstraintName: 'FK_incidents_contract' })
  contract?: Contract;

  @Column({ type: 'varchar', length: 36, nullable: true })
  subcontractorId!: string | null;

  @ManyToOne(() => Subcontractor, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'subcontractorId', foreignKeyConstraintName: 'FK_incidents_subcontractor' })
  subcontractor?: Subcontractor;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'varchar', length: 4000, nullable: true })
  description!: string | null;

  @Column({ type: 'simple-enum', enum: INCIDENT_KINDS })
  kind!: IncidentKind;

  @Column({ type: 'simple-enum', enum: INCIDENT_STATUSES })
  status!: IncidentStatus;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  occurredAt!: Date | null;

  /** occurredAt is an estimate. */
  @Column({ type: 'boolean', width: 1 })
  occurredAtEstimated!: boolean;

  /** When the vendor became aware. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  vendorAwareAt!: Date | null;

  /** When the vendor told us. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  notifiedAt!: Date | null;

  /** When we became aware: every clock starts here (defaults to notifiedAt). */
  @Column({ type: 'datetime', precision: 3 })
  awareAt!: Date;

  @Column({ type: 'date' })
  awareOn!: string;

  @Column({ type: 'json' })
  dataCategories!: DataCategory[];

  @Column({ type: 'integer', nullable: true })
  personsAffected!: number | null;

  /** personsAffected is an "at least" estimate. */
  @Column({ type: 'boolean', width: 1 })
  personsAtLeast!: boolean;

  @Column({ type: 'boolean', width: 1 })
  sensitiveData!: boolean;

  @Column({ type: 'boolean', width: 1 })
  financialLossRisk!: boolean;

  @Column({ type: 'boolean', width: 1 })
  suspectedMalicious!: boolean;

  @Column({ type: 'boolean', width: 1 })
  highlyEncrypted!: boolean;

  @Column({ type: 'boolean', width: 1 })
  communicationsSecrecy!: boolean;

  @Column({ type: 'boolean', width: 1 })
  myNumberData!: boolean;

  @Column({ type: 'boolean', width: 1 })
  euUkDataSubjects!: boolean;

  @Column({ type: 'boolean', width: 1 })
  gdprHighRisk!: boolean;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'varchar', length: 36 })
  recordedById!: string;
}

/** The facts the obligation rule reads, from a stored incident. */
export function factsOf(incident: Incident): IncidentFacts {
  return {
    awareAt: incident.awareAt,
    dataCategories: incident.dataCategories,
    personsAffected: incident.personsAffected,
    personsAtLeast: incident.personsAtLeast,
    sensitiveData: incident.sensitiveData,
    financialLossRisk: incident.financialLossRisk,
    suspectedMalicious: incident.suspectedMalicious,
    highlyEncrypted: incident.highlyEncrypted,
    communicationsSecrecy: incident.communicationsSecrecy,
    myNumberData: incident.myNumberData,
    euUkDataSubjects: incident.euUkDataSubjects,
    gdprHighRisk: incident.gdprHighRisk,
  };
}

export const OBLIGATION_STATUSES = ['open', 'reported', 'not-required'] as const;
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];

/**
 * The state of one obligation of an incident (its deadline comes from the rule, never stored):
 * open, reported (a report was recorded), or not required — only with the reason (e.g. GDPR
 * Art. 33(1): the breach is unlikely to result in a risk, and why).
 */
@Entity({ name: 'incident_obligations' })
@Index('UQ_incident_obligations_code', ['incidentId', 'code'], { unique: true })
@Index('IDX_incident_obligations_status', ['status', 'vendorId'])
export class IncidentObligation extends BaseRecord {
  @Column({ type: 'varchar', length: 36 })
  incidentId!: string;

  @ManyToOne(() => Incident, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'incidentId', foreignKeyConstraintName: 'FK_incident_obligations_incident' })
  incident?: Incident;

  @Column({ type: 'varchar', length: 36 })
  vendorId!: string;

  @Column({ type: 'varchar', length: 40 })
  code!: string;

  @Column({ type: 'simple-enum', enum: OBLIGATION_STATUSES })
  status!: ObligationStatus;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  notRequiredReason!: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  closedById!: string | null;
}

/** PPC rules Art. 8(1)(1)–(9): the items of a report (確報: all of them, each known or still unknown). */
export const REPORT_ITEMS = ['overview', 'data-items', 'persons', 'cause', 'secondary-damage', 'response-to-persons', 'publication', 'prevention', 'other'] as const;
export type ReportItem = (typeof REPORT_ITEMS)[number];
export const REPORT_ITEM_STATES = ['known', 'unknown'] as const;
export type ReportItemState = (typeof REPORT_ITEM_STATES)[number];

/** A report or notice made: when, by whom, the authority's reference number, and for a 確報 the Art. 8 items. */
@Entity({ name: 'incident_reports' })
@Index('IDX_incident_reports_incident', ['incidentId', 'submittedAt'])
export class IncidentReport extends BaseRecord {
  @Column({ type: 'varchar', length: 36 })
  incidentId!: string;

  @ManyToOne(() => Incident, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'incidentId', foreignKeyConstraintName: 'FK_incident_reports_incident' })
  incident?: Incident;

  @Column({ type: 'varchar', length: 36 })
  obligationId!: string;

  @ManyToOne(() => IncidentObligation, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'obligationId', foreignKeyConstraintName: 'FK_incident_reports_obligation' })
  obligation?: IncidentObligation;

  @Column({ type: 'varchar', length: 36 })
  vendorId!: string;

  @Column({ type: 'varchar', length: 40 })
  code!: string;

  @Column({ type: 'datetime', precision: 3 })
  submittedAt!: Date;

  /** Who submitted it (a name, as the person who filed it is known). */
  @Column({ type: 'varchar', length: 200 })
  submittedBy!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  referenceNumber!: string | null;

  /** For a 確報: each item of PPC rules Art. 8(1), known or unknown when reported. */
  @Column({ type: 'json', nullable: true })
  items!: Partial<Record<ReportItem, ReportItemState>> | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  note!: string | null;

  @Column({ type: 'varchar', length: 36 })
  recordedById!: string;
}
