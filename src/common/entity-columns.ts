import { randomUUID } from 'node:crypto';
import { BeforeInsert, Column, PrimaryColumn, VersionColumn } from 'typeorm';

/**
 * Portable columns (the same on MySQL/MariaDB and SQLite): ids are varchar(36) UUIDs made in code,
 * timestamps are datetime(3) set in code, so MySQL/MariaDB and SQLite mean the same thing.
 */
export abstract class BaseRecord {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @VersionColumn({ type: 'integer' })
  version!: number;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt!: Date;

  @BeforeInsert()
  protected assignIdentity(): void {
    if (!this.id) this.id = randomUUID();
    const now = new Date();
    if (!this.createdAt) this.createdAt = now;
    if (!this.updatedAt) this.updatedAt = now;
  }
}
