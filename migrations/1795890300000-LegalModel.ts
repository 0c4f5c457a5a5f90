import { MigrationInterface, QueryRunner, TableColumn, TableColumnOptions } from 'typeorm';

/**
 * The legal model, second edition (legal-model.md):
 * - vendors: `relationship` (§4; existing vendors are `entrustment`, as they were treated),
 *   `transferBasis` (§3; none recorded yet) and `subcontractorApproval` (§5; `prior-approval`, as before);
 *   payment data makes the risk tier high (§7; PPC Rules Art. 7(ii)): a vendor it left below high
 *   (no other reason for high) gets the computed tier high for that reason, unless a tier is overridden;
 * - contracts: `retentionPeriod` (§7);
 * - assessments: the kind `equivalent-measures-review` (外国の制度等の確認, PPC Rules Art. 18) and the
 *   `countries` a foreign-regime review (外的環境の把握) covers: an existing review covered the vendor
 *   abroad, so it gets the vendor's countries other than Japan (its country and data locations);
 * - subcontractors: `deemedApproval` (approved by the daily job after an objection period);
 * - (vendor_flags needs nothing: 1795890000000-StoredFlags made its codes and severities plain text);
 * - requirements and clause types (reference data, reloaded from the shipped catalogue at every
 *   start): structured `references` and a `basis` instead of the reference text, longer applies expressions.
 * The stored compliance statuses are recomputed at the next start (the catalogue changed).
 */
const RELATIONSHIPS = ['entrustment', 'cloud-no-handling', 'joint-use', 'provision'];
const TRANSFER_BASES = ['consent', 'equivalent-system', 'not-provision'];
const APPROVAL_MODES = ['prior-approval', 'objection-period'];
const ASSESSMENT_KINDS_BEFORE = ['selection', 'foreign-regime', 'periodic'];
const ASSESSMENT_KINDS = [...ASSESSMENT_KINDS_BEFORE, 'equivalent-measures-review'];
const HOME_COUNTRY = 'JP';

export class LegalModel1795890300000 implements MigrationInterface {
  name = 'LegalModel1795890300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await addRequired(queryRunner, 'vendors', { name: 'relationship', type: 'enum', enum: RELATIONSHIPS }, "'entrustment'");
    await queryRunner.addColumn('vendors', new TableColumn({ name: 'transferBasis', type: 'enum', enum: TRANSFER_BASES, isNullable: true }));
    await addRequired(queryRunner, 'vendors', { name: 'subcontractorApproval', type: 'enum', enum: APPROVAL_MODES }, "'prior-approval'");
    const payment: Array<{ id: string; dataCategories: string | string[]; riskTierOverride: string | null }> = await queryRunner.query(
      "SELECT id, dataCategories, riskTierOverride FROM vendors WHERE riskTierComputed <> 'high'",
    );
    for (const vendor of payment) {
      const categories = typeof vendor.dataCategories === 'string' ? (JSON.parse(vendor.dataCategories) as string[]) : vendor.dataCategories;
      if (!categories.includes('payment')) continue;
      await queryRunner.query('UPDATE vendors SET riskTierComputed = ?, riskTierReasons = ?, riskTier = ? WHERE id = ?', [
        'high', JSON.stringify([{ code: 'data-category', category: 'payment' }]), vendor.riskTierOverride ?? 'high', vendor.id,
      ]);
    }

    await queryRunner.addColumn('contracts', new TableColumn({ name: 'retentionPeriod', type: 'varchar', length: '200', isNullable: true }));

    await changeEnum(queryRunner, 'assessments', 'kind', ASSESSMENT_KINDS);
    await queryRunner.addColumn('assessments', new TableColumn({ name: 'countries', type: 'json', isNullable: true }));
    await queryRunner.query("UPDATE assessments SET countries = '[]'");
    const reviews: Array<{ id: string; country: string; dataLocations: string | string[] }> = await queryRunner.query(
      "SELECT a.id AS id, v.country AS country, v.dataLocations AS dataLocations FROM assessments a JOIN vendors v ON v.id = a.vendorId WHERE a.kind = 'foreign-regime'",
    );
    for (const review of reviews) {
      const locations = typeof review.dataLocations === 'string' ? (JSON.parse(review.dataLocations) as string[]) : review.dataLocations;
      const countries = [...new Set([review.country, ...locations])].filter((country) => country !== HOME_COUNTRY);
      await queryRunner.query('UPDATE assessments SET countries = ? WHERE id = ?', [JSON.stringify(countries), review.id]);
    }
    await requireColumn(queryRunner, 'assessments', 'countries');

    await addRequired(queryRunner, 'subcontractors', { name: 'deemedApproval', type: 'boolean' }, 'false');

    // Reference data: emptied here, loaded again from the shipped catalogue at start.
    await queryRunner.query('DELETE FROM requirements');
    await queryRunner.query('DELETE FROM clause_types');
    await queryRunner.dropColumn('requirements', 'reference');
    await queryRunner.addColumn('requirements', new TableColumn({ name: 'references', type: 'json' }));
    await queryRunner.addColumn('requirements', new TableColumn({ name: 'basis', type: 'varchar', length: '20' }));
    await resize(queryRunner, 'requirements', 'applies', 200);
    await queryRunner.dropColumn('clause_types', 'references');
    await resize(queryRunner, 'clause_types', 'requiredWhen', 200);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DELETE FROM requirements');
    await queryRunner.query('DELETE FROM clause_types');
    await resize(queryRunner, 'clause_types', 'requiredWhen', 40);
    await queryRunner.addColumn('clause_types', new TableColumn({ name: 'references', type: 'varchar', length: '500' }));
    await resize(queryRunner, 'requirements', 'applies', 60);
    await queryRunner.dropColumn('requirements', 'basis');
    await queryRunner.dropColumn('requirements', 'references');
    await queryRunner.addColumn('requirements', new TableColumn({ name: 'reference', type: 'varchar', length: '500' }));

    await queryRunner.dropColumn('subcontractors', 'deemedApproval');
    await queryRunner.dropColumn('assessments', 'countries');
    await queryRunner.query("DELETE FROM assessments WHERE kind = 'equivalent-measures-review'");
    await changeEnum(queryRunner, 'assessments', 'kind', ASSESSMENT_KINDS_BEFORE);
    await queryRunner.dropColumn('contracts', 'retentionPeriod');
    await queryRunner.dropColumns('vendors', ['subcontractorApproval', 'transferBasis', 'relationship']);
  }
}

/** A NOT NULL column on a table with rows: added nullable, filled, then made NOT NULL (no database default: the app always sets it). */
async function addRequired(queryRunner: QueryRunner, table: string, column: TableColumnOptions, value: string): Promise<void> {
  await queryRunner.addColumn(table, new TableColumn({ ...column, isNullable: true }));
  await queryRunner.query(`UPDATE ${table} SET ${column.name} = ${value}`);
  await requireColumn(queryRunner, table, column.name);
}

async function requireColumn(queryRunner: QueryRunner, table: string, name: string): Promise<void> {
  const current = (await queryRunner.getTable(table))!.findColumnByName(name)!;
  const required = current.clone();
  required.isNullable = false;
  await queryRunner.changeColumn(table, current, required);
}

async function changeEnum(queryRunner: QueryRunner, table: string, name: string, values: string[]): Promise<void> {
  const current = (await queryRunner.getTable(table))!.findColumnByName(name)!;
  const changed = current.clone();
  changed.enum = values;
  await queryRunner.changeColumn(table, current, changed);
}

async function resize(queryRunner: QueryRunner, table: string, name: string, length: number): Promise<void> {
  const current = (await queryRunner.getTable(table))!.findColumnByName(name)!;
  const changed = current.clone();
  changed.length = String(length);
  await queryRunner.changeColumn(table, current, changed);
}
