import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 条項類型: one kind of contract term that legal reviews (rules/clause-types.ts). */
@Entity({ name: 'clause_types' })
export class ClauseTypeRecord {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  code!: string;

  @Column({ type: 'varchar', length: 200 })
  titleJa!: string;

  @Column({ type: 'varchar', length: 200 })
  titleEn!: string;

  @Column({ type: 'varchar', length: 200 })
  requiredWhen!: string;

  @Column({ type: 'varchar', length: 1000 })
  description!: string;

  @Column({ type: 'integer' })
  sortOrder!: number;
}
