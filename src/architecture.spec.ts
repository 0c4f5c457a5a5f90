import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { DataSource } from 'typeorm';
import { APP_SCHEMA } from './app.schema';
import { vendorRouteOf } from './compliance/vendor-changes.subscriber';

/**
 * The shape of the house, from the import statements of src/ (tests left out: a rule's table test
 * may load the shipped catalogue). The ground floors import no feature; no two folders import each
 * other, directly or round a circle; the admin UI is a layer on top that nothing imports but the
 * composition root (src/*.ts: main, app.module, app.setup, app.schema).
 */
const FLOORS = ['config', 'common', 'i18n', 'rules', 'database', 'register-file'];
const ROOT = '(root)';
const SRC = __dirname;

function sourceFiles(folder = SRC): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** The folder of src/ a file is in ("(root)" for src/*.ts), or null outside src/ (migrations). */
function folderOf(path: string): string | null {
  const inside = relative(SRC, path);
  if (inside.startsWith('..')) return null;
  const parts = inside.split(/[\\/]/);
  return parts.length === 1 ? ROOT : parts[0];
}

/** Folder → folder → the files whose imports make that edge. */
function importGraph(): Map<string, Map<string, string[]>> {
  const graph = new Map<string, Map<string, string[]>>();
  for (const file of sourceFiles()) {
    const from = folderOf(file)!;
    const text = readFileSync(file, 'utf8');
    for (const [, named, bare] of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'";]*?from\s+'(\.[^']+)'|(?:^|\n)\s*import\s+'(\.[^']+)'/g)) {
      const specifier = named ?? bare;
      const to = folderOf(join(dirname(file), specifier));
      if (to === null || to === from) continue;
      const targets = graph.get(from) ?? new Map<string, string[]>();
      targets.set(to, [...(targets.get(to) ?? []), relative(SRC, file)]);
      graph.set(from, targets);
    }
  }
  return graph;
}

/** Strongly connected groups of more than one folder (Tarjan): folders that import each other. */
function cycles(graph: Map<string, Map<string, string[]>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (next === ROOT) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (stack.includes(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        group.push(member);
      } while (member !== node);
      if (group.length > 1) found.push(group.sort());
    }
  };
  for (const node of graph.keys()) if (node !== ROOT && !index.has(node)) visit(node);
  return found;
}

describe('architecture', () => {
  const graph = importGraph();

  it('has ground floors (config, common, i18n, rules, database, register-file) that import no feature', () => {
    const violations = FLOORS.flatMap((floor) =>
      [...(graph.get(floor) ?? new Map<string, string[]>())].filter(([to]) => !FLOORS.includes(to)).map(([to, files]) => `${floor} → ${to} (${files.join(', ')})`),
    );
    expect(violations).toEqual([]);
  });

  it('has no folders that import each other, directly or round a circle', () => {
    const found = cycles(graph).map((group) => group.map((folder) => `${folder} → ${[...(graph.get(folder)?.keys() ?? [])].filter((to) => group.includes(to)).join(', ')}`));
    expect(found).toEqual([]);
  });

  it('has the admin UI (ui/) as a layer that nothing imports but the composition root', () => {
    const importers = [...graph].filter(([from, targets]) => from !== ROOT && targets.has('ui')).map(([from, targets]) => `${from} (${targets.get('ui')!.join(', ')})`);
    expect(importers).toEqual([]);
  });

  it('writes no compliance fact with raw SQL (the subscriber that marks vendors would not see it)', async () => {
    const dataSource = await new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: APP_SCHEMA.entities }).initialize();
    try {
      const tables = dataSource.entityMetadatas.filter((metadata) => vendorRouteOf(metadata)).map((metadata) => metadata.tableName);
      expect(tables).toContain('checklist_items');
      const write = new RegExp(`\\b(INSERT\\s+INTO|UPDATE|DELETE\\s+FROM|REPLACE\\s+INTO)\\s+[\`"]?(${tables.join('|')})\\b`, 'i');
      const writers = sourceFiles().filter((file) => write.test(readFileSync(file, 'utf8'))).map((file) => relative(SRC, file));
      expect(writers).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });
});
