import { EntityManager, EntityTarget } from 'typeorm';
import { CONTRACT_WRITERS, EVERY_ROLE, VENDOR_WRITERS } from '../common/access-policy';
import { NotFoundError } from '../common/domain-errors';
import { Contract } from '../contracts/contract.entity';
import { Assessment, Audit, Certificate, DeletionCertificate, Finding } from '../supervision/supervision.entities';
import { Incident } from '../incidents/incident.entities';

type Role = (typeof EVERY_ROLE)[number];

/**
 * The records documents attach to. Each kind names its table, its URL segment and who may add or
 * supersede its documents: the writers of the record itself (api.md "Roles"). A new kind (incidents)
 * is one more line here: documents keep `ownerType` as text, so no schema change is needed.
 */
export const FILE_OWNERS = {
  contract: { path: 'contracts', entity: Contract, writers: CONTRACT_WRITERS },
  audit: { path: 'audits', entity: Audit, writers: VENDOR_WRITERS },
  finding: { path: 'findings', entity: Finding, writers: VENDOR_WRITERS },
  certificate: { path: 'certificates', entity: Certificate, writers: VENDOR_WRITERS },
  'deletion-certificate': { path: 'deletion-certificates', entity: DeletionCertificate, writers: VENDOR_WRITERS },
  assessment: { path: 'assessments', entity: Assessment, writers: VENDOR_WRITERS },
  // Named, not imported: questionnaires attach through the files service (a vendor's contact uploads
  // through the questionnaire's link), so files may not import them back.
  questionnaire: { path: 'questionnaires', entity: 'Questionnaire', writers: VENDOR_WRITERS },
  incident: { path: 'incidents', entity: Incident, writers: VENDOR_WRITERS },
} as const satisfies Record<string, { path: string; entity: EntityTarget<{ id: string; vendorId: string }>; writers: readonly Role[] }>;

export type FileOwnerType = keyof typeof FILE_OWNERS;
export const FILE_OWNER_TYPES = Object.keys(FILE_OWNERS) as FileOwnerType[];

/** Everyone who may write documents of some kind of record (the route policy of the per-file writes; the service checks the kind). */
export const DOCUMENT_WRITERS: Role[] = EVERY_ROLE.filter((role) => FILE_OWNER_TYPES.some((type) => (FILE_OWNERS[type].writers as readonly Role[]).includes(role)));

export interface FileOwner {
  type: FileOwnerType;
  id: string;
  vendorId: string;
  /** The owner's own columns (for showing what the documents belong to). */
  record: Record<string, unknown>;
}

export function isFileOwnerType(value: string): value is FileOwnerType {
  return Object.prototype.hasOwnProperty.call(FILE_OWNERS, value);
}

/** A class name for the controllers made per kind of record ("deletion-certificate" → "DeletionCertificate" + suffix), so OpenAPI ids stay distinct. */
export function ownerClassName(type: FileOwnerType, suffix: string): string {
  return `${type.replace(/(^|-)(\w)/g, (_match, _dash: string, letter: string) => letter.toUpperCase())}${suffix}`;
}

export function mayWriteDocuments(role: Role, type: FileOwnerType): boolean {
  return (FILE_OWNERS[type].writers as readonly Role[]).includes(role);
}

export async function findOwner(manager: EntityManager, type: FileOwnerType, id: string): Promise<FileOwner> {
  const record = (await manager.getRepository(FILE_OWNERS[type].entity as EntityTarget<{ id: string; vendorId: string }>).findOneBy({ id })) as
    | ({ id: string; vendorId: string } & Record<string, unknown>)
    | null;
  if (!record) throw new NotFoundError(type, id);
  return { type, id, vendorId: record.vendorId, record };
}
