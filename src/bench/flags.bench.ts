import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { ClauseTypeRecord } from '../catalogue/clause-type.entity';
import { loadRequirementsFile } from '../catalogue/requirements-file';
import { loadComplianceFacts } from '../compliance/compliance-facts';
import { benchDatabase } from './bench-database';
import { seedRegister } from './seed-register';
import { Catalogue } from '../rules/applicability';
import { CLAUSE_TYPES } from '../rules/clause-types';
import { DEFAULT_SUPERVISION_SETTINGS } from '../rules/supervision';
import { evaluateFacts } from '../compliance/evaluate-facts';

/**
 * `npm run bench:flags [-- --vendors=N] [--keep]` (--keep leaves the seeded database for profiling): seeds N vendors (default 10,000), each with a contract
 * in force and 16 checklist items, then times (a) computing every flag of every vendor the way
 * the app does (GET /api/v1/flags, the daily job) and (b) one hand-written SQL query returning
 * the same missing-clause pairs: the floor. It checks that both agree before printing.
 *
 * It never touches your data: on SQLite it uses a temporary file; with DATABASE_URL=mysql:// or
 * mariadb:// it creates and drops a `<database>_bench` database next to the configured one.
 */
const ASOF = '2026-11-28';
const RUNS = 9;

async function main(): Promise<void> {
  const vendors = Number(/--vendors=(\d+)/.exec(process.argv.join(' '))?.[1] ?? 10_000);
  const { dataSource, cleanup } = await benchDatabase('bench');
  try {
    await seedCatalogue(dataSource);
    await seedRegister(dataSource, vendors);
    const catalogue: Catalogue = { clauseTypes: CLAUSE_TYPES, requirements: loadRequirementsFile() };

    const engine = async () =>
      evaluateFacts(await loadComplianceFacts(dataSource.manager, ASOF), ASOF, catalogue, DEFAULT_SUPERVISION_SETTINGS).map(({ vendor, evaluation }) => ({
        vendorId: vendor.id,
        flags: evaluation.flags,
      }));
    const floor = () => dataSource.query(FLOOR_SQL, [ASOF, ASOF]) as Promise<Array<{ vendorId: string; clauseType: string }>>;

    const enginePairs = new Set((await engine()).flatMap(({ vendorId, flags }) => flags.filter((flag) => flag.code === 'missing-clause').map((flag) => `${vendorId}/${flag.clauseType}`)));
    const floorPairs = new Set((await floor()).map((row) => `${row.vendorId}/${row.clauseType}`));
    if (enginePairs.size !== floorPairs.size || [...floorPairs].some((pair) => !enginePairs.has(pair))) {
      throw new Error(`engine and SQL disagree: ${enginePairs.size} vs ${floorPairs.size} missing-clause pairs`);
    }
    const { engineMs, floorMs } = await interleaved(engine, floor);
    const flagCount = (await engine()).reduce((sum, { flags }) => sum + flags.length, 0);
    console.log(JSON.stringify({
      database: dataSource.options.type,
      vendors,
      checklistItems: vendors * CLAUSE_TYPES.length,
      flags: flagCount,
      missingClausePairs: floorPairs.size,
      engineMs: round(engineMs),
      floorMs: round(floorMs),
      ratio: round(engineMs / floorMs),
      goal: 'engine ≤ 1.5 × floor and < 2000 ms',
      met: engineMs <= 1.5 * floorMs && engineMs < 2000,
    }, null, 2));
  } finally {
    if (process.argv.includes('--keep')) console.log(JSON.stringify({ kept: (dataSource.options as { database?: string }).database }));
    else await cleanup();
  }
}

/**
 * The floor: missing-clause pairs in one query. A clause type is required by its condition
 * (always, communications, abroad, gdpr) and missing when its best review across the contracts
 * in force is missing or not-reviewed.
 */
const FLOOR_SQL = `
SELECT c.vendorId AS vendorId, i.clauseType AS clauseType
FROM checklist_items i
JOIN contracts c ON c.id = i.contractId
JOIN vendors v ON v.id = c.vendorId
JOIN clause_types ct ON ct.code = i.clauseType
WHERE c.status = 'signed' AND c.effectiveFrom <= ? AND (c.expiresOn IS NULL OR c.expiresOn >= ? OR c.autoRenew = 1)
  AND (ct.requiredWhen = 'always'
    OR (ct.requiredWhen = 'communications' AND v.dataCategories LIKE '%"communications"%')
    OR (ct.requiredWhen = 'gdpr' AND v.gdprApplies = 1)
    OR (ct.requiredWhen = 'abroad' AND (v.country <> 'JP'
        OR REPLACE(REPLACE(REPLACE(REPLACE(v.dataLocations, '"JP"', ''), ',', ''), ' ', ''), '[]', '') <> '')))
GROUP BY c.vendorId, i.clauseType
HAVING MAX(CASE i.status WHEN 'present' THEN 3 WHEN 'partial' THEN 2 WHEN 'missing' THEN 1 ELSE 0 END) <= 1`;

async function seedCatalogue(dataSource: DataSource): Promise<void> {
  await dataSource.createQueryBuilder().insert().into(ClauseTypeRecord)
    .values(CLAUSE_TYPES.map((clauseType, index) => ({ ...clauseType, sortOrder: index + 1 }))).execute();
}

/** Medians of alternating runs, so a busy moment of the machine weighs on both sides alike. */
async function interleaved(engine: () => Promise<unknown>, floor: () => Promise<unknown>): Promise<{ engineMs: number; floorMs: number }> {
  const engineTimes: number[] = [];
  const floorTimes: number[] = [];
  const time = async (work: () => Promise<unknown>, into: number[]) => {
    const started = performance.now();
    await work();
    into.push(performance.now() - started);
  };
  for (let run = 0; run < RUNS; run += 1) {
    await time(engine, engineTimes);
    await time(floor, floorTimes);
  }
  const median = (times: number[]) => times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
  return { engineMs: median(engineTimes), floorMs: median(floorTimes) };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
