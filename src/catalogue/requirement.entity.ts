import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Reference } from '../rules/citations';

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

  /** Structured references with their verification labels (rules/citations.ts). */
  @Column({ type: 'json' })
  references!: Reference[];

  @Column({ type: 'varchar', length: 200 })
  applies!: string;

  /** statute, guideline, policy, recommended or certification (legal-model.md §2). */
  @Column({ type: 'varchar', length: 20 })
  basis!: string;

  @Column({ type: 'varchar', length: 20 })
  severity!: string;

  @Column({ type: 'json' })
  satisfiedBy!: string[];

  @Column({ type: 'integer' })
  sortOrder!: number;
}
