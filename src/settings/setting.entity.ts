import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

/** Organisation settings an admin may change, one JSON document per key. */
@Entity({ name: 'settings' })
export class Setting {
  @PrimaryColumn({ type: 'varchar', length: 60 })
  key!: string;

  @Column({ type: 'json' })
  value!: Record<string, unknown>;

  @VersionColumn({ type: 'integer' })
  version!: number;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
