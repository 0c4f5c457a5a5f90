import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** 要求事項: one obligation of one framework (requirements.tsv, ids stable). */
@Entity({ name: 'requirements' })
@Index('IDX_requirements_framework', ['framework'])
export class RequirementRecord {
  @PrimaryColumn({ type: 'varchar', length: 60 })
  id!: string;

  @Column({ type: 'varchar', length: 20 })
  framework!: string;

  @Column({ type: 'varchar', length: 200 })
  titleJa!: string;

  @Column({ type: 'varchar', length: 200 })
  titleEn!: string;

  @Column({ type: 'varchar', length: 1000 })
  requirement!: string;

  @Column({ type: 'varchar', length: 500 })
  reference!: string;

  @Column({ type: 'varchar', length: 60 })
  applies!: string;

  @Column({ type: 'varchar', length: 20 })
  severity!: string;

  @Column({ type: 'json' })
  satisfiedBy!: string[];

  @Column({ type: 'integer' })
  sortOrder!: number;
}
