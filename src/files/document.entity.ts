import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseRecord } from '../common/entity-columns';
import { Vendor } from '../vendors/vendor.entity';

/**
 * A document kept as evidence on a record (the signed contract, an audit report, a certificate, a
 * deletion proof…). It is owned by `ownerType` + `ownerId`, a plain pair rather than one foreign key
 * per kind of record, so a new kind of owner (incidents) needs no schema change; `vendorId` is the
 * owner's vendor, for access and for the rule that a vendor with records is never deleted.
 */
@Entity({ name: 'documents' })
@Index('IDX_documents_owner', ['ownerType', 'ownerId', 'createdAt'])
@Index('IDX_documents_vendor', ['vendorId'])
export class Document extends BaseRecord {
  @Column({ type: 'varchar', length: 40 })
  ownerType!: string;

  @Column({ type: 'varchar', length: 36 })
  ownerId!: string;

  @Column({ type: 'varchar', length: 36 })
  vendorId!: string;

  @ManyToOne(() => Vendor, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'vendorId', foreignKeyConstraintName: 'FK_documents_vendor' })
  vendor?: Vendor;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'varchar', length: 36 })
  createdById!: string;
}

/**
 * One uploaded version of a document: never overwritten (a new upload is a new version), marked
 * superseded rather than deleted. The bytes live in the file storage under their SHA-256
 * (content-addressed), so this row is the only thing that points at them.
 */
@Entity({ name: 'file_versions' })
@Index('UQ_file_versions_document_number', ['documentId', 'versionNumber'], { unique: true })
@Index('IDX_file_versions_sha256', ['sha256'])
export class FileVersion extends BaseRecord {
  @Column({ type: 'varchar', length: 36 })
  documentId!: string;

  @ManyToOne(() => Document, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'documentId', foreignKeyConstraintName: 'FK_file_versions_document' })
  document?: Document;

  /** 1, 2, 3… within the document. */
  @Column({ type: 'integer' })
  versionNumber!: number;

  /** The name the uploader's computer gave it (NFC, without folders or control characters). */
  @Column({ type: 'varchar', length: 255 })
  fileName!: string;

  /** Decided from the bytes (file-types.ts), never from the name or the browser's claim. */
  @Column({ type: 'varchar', length: 120 })
  contentType!: string;

  @Column({ type: 'integer' })
  size!: number;

  /** Hex SHA-256 of the bytes: the storage key, and what verification recomputes. */
  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  @Column({ type: 'varchar', length: 36 })
  uploadedById!: string;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  supersededAt!: Date | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  supersededById!: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  supersededNote!: string | null;
}
