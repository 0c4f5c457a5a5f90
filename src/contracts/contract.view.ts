import { ReviewStatus } from '../rules/contracts';
import { Contract } from './contract.entity';

export interface ContractView {
  id: string;
  vendorId: string;
  title: string;
  kind: string;
  status: string;
  signedOn: string | null;
  effectiveFrom: string;
  expiresOn: string | null;
  autoRenew: boolean;
  noticeDays: number | null;
  /** expiresOn − noticeDays: the last day to give notice (解約通知期限), when both are known. */
  noticeDeadline: string | null;
  /** Hours the vendor has to tell us of an incident. */
  incidentNoticeHours: number | null;
  governingLaw: string | null;
  documentRef: string | null;
  /** How long the vendor keeps the data, in the contract's words (legal-model.md §7). */
  retentionPeriod: string | null;
  inForce: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ChecklistItemView {
  clauseType: string;
  titleJa: string;
  titleEn: string;
  required: boolean;
  /** The applicable requirements that make the clause type required for this contract's vendor. */
  requiredBy: string[];
  /** How binding the strongest of them is (legal-model.md §2), and its severity; null when not required. */
  basis: string | null;
  severity: string | null;
  status: ReviewStatus;
  section: string | null;
  note: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
}

export interface ChecklistView {
  contractId: string;
  vendorId: string;
  version: number;
  approvedBy: string | null;
  approvedAt: string | null;
  /** Required clause types signed off although missing or partial, with legal's note: approved with exceptions. */
  approvalExceptions: Array<{ clauseType: string; status: 'missing' | 'partial'; note: string }>;
  items: ChecklistItemView[];
}

export interface ChecklistEventView {
  kind: string;
  clauseType: string | null;
  actor: string;
  at: string;
  details: Record<string, unknown>;
}

export function toContractView(contract: Contract, inForce: boolean, noticeDeadline: string | null): ContractView {
  return {
    id: contract.id,
    vendorId: contract.vendorId,
    title: contract.title,
    kind: contract.kind,
    status: contract.status,
    signedOn: contract.signedOn,
    effectiveFrom: contract.effectiveFrom,
    expiresOn: contract.expiresOn,
    autoRenew: contract.autoRenew,
    noticeDays: contract.noticeDays,
    noticeDeadline,
    incidentNoticeHours: contract.incidentNoticeHours,
    governingLaw: contract.governingLaw,
    documentRef: contract.documentRef,
    retentionPeriod: contract.retentionPeriod,
    inForce,
    version: contract.version,
    createdAt: contract.createdAt.toISOString(),
    updatedAt: contract.updatedAt.toISOString(),
  };
}
