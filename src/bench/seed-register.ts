import { vendorKeys } from '../rules/japanese-names';
import { corporateNumberCheckDigit } from '../rules/corporate-number';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { ChecklistItem, ContractChecklist } from '../contracts/checklist.entity';
import { Contract } from '../contracts/contract.entity';
import { rewriteContractQueues } from '../contracts/contract-queues';
import { insertRowsUnheard } from '../database/row-writes';
import { runInTransaction } from '../database/transactions';
import { addDays } from '../rules/calendar';
import { CLAUSE_TYPES } from '../rules/clause-types';
import { REVIEW_STATUSES } from '../rules/contracts';
import { Assessment, Audit, Certificate, Finding, Subcontractor } from '../supervision/supervision.entities';
import { countWrittenRecords } from '../supervision/record-counts';
import { Vendor } from '../vendors/vendor.entity';
import { IndexedVendor, indexVendors } from '../vendors/vendor-index';

export interface SeedOptions {
  /**
   * Supervision records as a register in use has them (selection assessments, completed audits, open
   * findings, certificates, subcontractors) and owners (500 people), so every kind of flag and
   * reminder occurs. Off: vendors, contracts and checklists only.
   */
  records?: boolean;
  /** The day the records' dates are counted from (default: today, UTC). */
  today?: string;
}

/** Vendors generated and written per transaction: the memory a seeding needs stays that of one step. */
const VENDORS_PER_STEP = 5_000;
/** Rows per multi-row INSERT: inside SQLite's 32,766 bound parameters for the widest table (vendors). */
const ROWS_PER_STATEMENT = 1_000;

/**
 * A register of `count` active vendors, each with a signed contract in force and a reviewed checklist
 * (85 % of clauses present), written straight into the tables in multi-row INSERTs for volume tests
 * and the benchmarks (100,000 vendors and their 1.6 million checklist items in a minute or two).
 * Deterministic pseudo-random data, so two runs seed the same register (but for the ids: ascending,
 * see idSequence). Subscribers are not told
 * (no vendor is marked for the compliance engine): the caller evaluates or recomputes every vendor
 * once the register is seeded.
 */
export async function seedRegister(dataSource: DataSource, count: number, options: SeedOptions = {}): Promise<{ vendorIds: string[]; contractIds: string[] }> {
  let state = 42;
  const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const nextId = idSequence();
  const records = options.records ? recordsSeeder(options.today ?? new Date().toISOString().slice(0, 10), nextId) : null;
  const now = new Date();
  const vendorIds: string[] = [];
  const contractIds: string[] = [];
  for (let first = 0; first < count; first += VENDORS_PER_STEP) {
    const rows = new Map<EntityTarget<ObjectLiteral>, ObjectLiteral[]>([[Vendor, []], [Contract, []], [ContractChecklist, []], [ChecklistItem, []]]);
    const add = (target: EntityTarget<ObjectLiteral>, row: ObjectLiteral) => {
      const list = rows.get(target);
      if (list) list.push(row);
      else rows.set(target, [row]);
    };
    for (let n = first; n < Math.min(first + VENDORS_PER_STEP, count); n += 1) {
      const vendorId = nextId();
      const contractId = nextId();
      const communications = random() < 0.2;
      add(Vendor, {
        id: vendorId, version: 1, createdAt: now, updatedAt: now, name: `委託先 ${String(n).padStart(5, '0')}`, reading: null, ...vendorKeys(`委託先 ${String(n).padStart(5, '0')}`, null), corporateNumber: null,
        country: random() < 0.05 ? 'US' : 'JP', dataLocations: random() < 0.05 ? ['JP', 'SG'] : ['JP'], services: 'bench',
        dataCategories: communications ? ['customer', 'communications'] : ['customer'], dataSubjectCount: null,
        reentrustmentAllowed: random() < 0.3, gdprApplies: random() < 0.1, relationship: 'entrustment', transferBasis: null, subcontractorApproval: 'prior-approval',
        ownerEmail: records ? `owner${n % 500}@example.com` : null, status: 'active', activeSince: '2020-04-01',
        riskTier: 'medium', riskTierComputed: 'medium', riskTierReasons: [], riskTierOverride: null, riskTierOverrideReason: null,
        complianceStatus: 'not-evaluated',
      });
      add(Contract, {
        id: contractId, vendorId, version: 1, createdAt: now, updatedAt: now, title: '業務委託契約書', kind: 'entrustment', status: 'signed',
        signedOn: '2020-03-15', effectiveFrom: '2020-04-01', expiresOn: random() < 0.1 ? '2027-01-31' : null, autoRenew: false,
        noticeDays: null, governingLaw: null, documentRef: null,
      });
      add(ContractChecklist, { contractId, version: 1, approvedById: null, approvedAt: null, updatedAt: now });
      for (const clauseType of CLAUSE_TYPES) {
        const roll = random();
        const status = roll < 0.85 ? 'present' : REVIEW_STATUSES[1 + Math.floor(random() * 3)];
        add(ChecklistItem, { id: nextId(), contractId, clauseType: clauseType.code, status, section: null, note: null, reviewedById: null, reviewedAt: null });
      }
      records?.(n, vendorId, now, add);
      vendorIds.push(vendorId);
      contractIds.push(contractId);
    }
    // Parents first (foreign keys): the insertion order of the map.
    await runInTransaction(dataSource, async (manager) => {
      for (const [target, list] of rows) await insertRowsUnheard(manager, target, list, ROWS_PER_STATEMENT);
      // Unheard by the subscribers: the vendors' search terms and facets written here (vendor-index.ts).
      await indexVendors(manager, rows.get(Vendor) as IndexedVendor[]);
      // And the contracts' entries in legal's work queues (contract-queues.ts).
      await rewriteContractQueues(manager, (rows.get(Contract) as Array<{ id: string }>).map((row) => row.id));
      // And the audits and findings in the lists' counts (record-counts.ts).
      await countWrittenRecords(manager, (rows.get(Audit) ?? []) as Audit[], (rows.get(Finding) ?? []) as Finding[]);
    });
  }
  return { vendorIds, contractIds };
}

/**
 * The supervision records of the n-th vendor, from their own pseudo-random sequence (the register
 * itself stays the same with or without them): 90 % have an approved selection assessment, 70 % a
 * completed audit within the last 30 months (medium risk: one is due every 24), 3 % an open finding
 * due within ±90 days, 20 % a certificate valid until ±2 years, 10 % a subcontractor (30 % pending).
 */
function recordsSeeder(today: string, nextId: () => string) {
  let state = 7;
  const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const day = (from: number, to: number) => addDays(today, Math.floor(from + random() * (to - from)));
  const recorder = '00000000-0000-4000-8000-000000000000';
  return (n: number, vendorId: string, now: Date, add: (target: EntityTarget<ObjectLiteral>, row: ObjectLiteral) => void) => {
    const base = { version: 1, createdAt: now, updatedAt: now, vendorId };
    if (random() < 0.9) {
      add(Assessment, { ...base, id: nextId(), kind: 'selection', completedOn: '2020-03-20', outcome: 'approved', notes: null, conditions: null, conditionsDueOn: null, items: [], countries: [], recordedById: recorder });
    }
    if (random() < 0.7) {
      const auditId = nextId();
      const completedOn = day(-900, -1);
      add(Audit, { ...base, id: auditId, kind: 'remote', scheduledFor: completedOn, auditorEmail: null, status: 'completed', completedOn, result: 'minor-issues', summary: null });
      if (random() < 0.05) {
        add(Finding, {
          ...base, id: nextId(), auditId, title: `指摘事項 ${n}`, severity: random() < 0.3 ? 'high' : 'medium', clauseType: null, dueOn: day(-90, 90),
          ownerEmail: `owner${n % 200}@example.com`, status: 'open', resolutionNote: null, closedOn: null,
        });
      }
    }
    if (random() < 0.2) {
      add(Certificate, { ...base, id: nextId(), kind: 'privacy-mark', issuer: null, number: null, scope: null, validUntil: day(-730, 730) });
    }
    if (random() < 0.1) {
      const pending = random() < 0.3;
      add(Subcontractor, {
        ...base, id: nextId(), parentId: null, name: `再委託先 ${n}`, country: 'JP', services: 'bench', status: pending ? 'pending' : 'approved',
        announcedOn: '2021-04-01', objectionDeadline: pending ? '2021-04-15' : null, approvedOn: pending ? null : '2021-04-15', approvedBy: pending ? null : 'bench',
        objectedOn: null, objectionReason: null, deemedApproval: false,
      });
    }
  };
}

/**
 * UUID-shaped ids (version 4, variant 8) in ascending order: a counter in front, this seeding's random
 * tail behind (two seedings never collide). Appended at the end of the indexes instead of all over
 * them, 100,000 vendors and their 1.6 million checklist items are written twice as fast as with
 * random ids on SQLite. The app's own writes use random UUIDs.
 */
function idSequence(): () => string {
  const tail = randomBytes(6).toString('hex');
  let counter = 0;
  return () => {
    counter += 1;
    const head = counter.toString(16).padStart(12, '0');
    return `${head.slice(0, 8)}-${head.slice(8)}-4000-8000-${tail}`;
  };
}

/** `rows` new vendors in the import's column ids; every other one with a signed contract. */
export function benchImportFile(rows: number, size: number): Buffer {
  const header = ['name', 'corporateNumber', 'status', 'activeSince', 'dataCategories', 'services', 'contractTitle', 'contractKind', 'contractStatus', 'contractEffectiveFrom'];
  const lines = [header.join(',')];
  for (let n = 0; n < rows; n += 1) {
    const base = String(700_000_000_000 + size + n).padStart(12, '0');
    const contract = n % 2 === 0 ? ['業務委託契約書', 'entrustment', 'signed', '2024-04-01'] : ['', '', '', ''];
    lines.push([`取込委託先 ${size}-${n}`, `${corporateNumberCheckDigit(base)}${base}`, 'active', '2024-04-01', 'customer', 'データセンター運用', ...contract].join(','));
  }
  return Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
}
