import { Document, FileVersion } from './document.entity';
import { INLINE_TYPES, baseType } from './file-types';

export interface PersonView {
  id: string;
  name: string;
  email: string;
}

/** One uploaded version of a document, as the API and the pages show it. */
export interface FileView {
  id: string;
  /** Optimistic lock: send it back to supersede. */
  version: number;
  documentId: string;
  documentTitle: string;
  ownerType: string;
  ownerId: string;
  vendorId: string;
  versionNumber: number;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
  uploadedBy: PersonView | null;
  /** The newest version that is not superseded is the document's current one. */
  current: boolean;
  superseded: boolean;
  supersededAt: string | null;
  supersededBy: PersonView | null;
  supersededNote: string | null;
  /** A PDF or an image, which a browser may show inline. */
  viewable: boolean;
  contentUrl: string;
}

export interface DocumentView {
  id: string;
  version: number;
  ownerType: string;
  ownerId: string;
  vendorId: string;
  title: string;
  createdAt: string;
  updatedAt: string;
  currentFileId: string | null;
  /** Newest first. */
  versions: FileView[];
}

export function toDocumentView(document: Document, versions: FileVersion[], people: Map<string, PersonView>): DocumentView {
  const newestFirst = [...versions].sort((a, b) => b.versionNumber - a.versionNumber);
  const current = newestFirst.find((version) => version.supersededAt === null) ?? null;
  return {
    id: document.id,
    version: document.version,
    ownerType: document.ownerType,
    ownerId: document.ownerId,
    vendorId: document.vendorId,
    title: document.title,
    createdAt: document.createdAt.toISOString(),
    updatedAt: document.updatedAt.toISOString(),
    currentFileId: current?.id ?? null,
    versions: newestFirst.map((version) => toFileView(version, document, people, version === current)),
  };
}

export function toFileView(version: FileVersion, document: Document, people: Map<string, PersonView>, current: boolean): FileView {
  return {
    id: version.id,
    version: version.version,
    documentId: document.id,
    documentTitle: document.title,
    ownerType: document.ownerType,
    ownerId: document.ownerId,
    vendorId: document.vendorId,
    versionNumber: version.versionNumber,
    fileName: version.fileName,
    contentType: version.contentType,
    size: version.size,
    sha256: version.sha256,
    uploadedAt: version.createdAt.toISOString(),
    uploadedBy: people.get(version.uploadedById) ?? null,
    current,
    superseded: version.supersededAt !== null,
    supersededAt: version.supersededAt?.toISOString() ?? null,
    supersededBy: version.supersededById ? people.get(version.supersededById) ?? null : null,
    supersededNote: version.supersededNote,
    viewable: INLINE_TYPES.includes(baseType(version.contentType)),
    contentUrl: `/api/v1/files/${version.id}/content`,
  };
}
