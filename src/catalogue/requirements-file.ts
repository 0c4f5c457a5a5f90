import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Basis, BASES, Severity, SEVERITIES } from '../rules/basis';
import { parseReferences, Reference } from '../rules/citations';

/** One row of requirements.tsv (shipped beside this file; ids are stable). */
export interface RequirementDefinition {
  id: string;
  framework: string;
  titleJa: string;
  titleEn: string;
  requirement: string;
  /** Structured references, each with its verification label (rules/citations.ts renders them). */
  references: Reference[];
  applies: string;
  /** How binding the row is (legal-model.md §2). */
  basis: Basis;
  /** How serious an unmet row is: critical or warning when it binds, info for a recommendation. */
  severity: Severity;
  satisfiedBy: string[];
}

const COLUMNS = ['id', 'framework', 'title_ja', 'title_en', 'requirement', 'references', 'applies', 'basis', 'severity', 'satisfied_by'];

export const REQUIREMENTS_FILE = join(__dirname, 'data', 'requirements.tsv');

export function parseRequirementsTsv(text: string): RequirementDefinition[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = lines.shift()?.split('\t') ?? [];
  if (header.join('\t') !== COLUMNS.join('\t')) {
    throw new Error(`requirements.tsv: unexpected header ${JSON.stringify(header)}`);
  }
  return lines.map((line, index) => {
    const where = `requirements.tsv line ${index + 2}`;
    const cells = line.split('\t');
    if (cells.length !== COLUMNS.length) throw new Error(`${where}: ${cells.length} cells, expected ${COLUMNS.length}`);
    const [id, framework, titleJa, titleEn, requirement, references, applies, basis, severity, satisfiedBy] = cells.map((cell) => cell.trim());
    if (!BASES.includes(basis as Basis)) throw new Error(`${where}: basis "${basis}" is not one of ${BASES.join(', ')}`);
    if (!SEVERITIES.includes(severity as Severity)) throw new Error(`${where}: severity "${severity}" is not one of ${SEVERITIES.join(', ')}`);
    // legal-model.md §2: what the guidelines only call desirable never makes a vendor 要是正 or 要注意, and only it is advisory.
    if ((basis === 'recommended') !== (severity === 'info')) throw new Error(`${where}: basis "${basis}" with severity "${severity}": recommended rows, and only they, are info`);
    let parsed: Reference[];
    try {
      parsed = parseReferences(references);
    } catch (error) {
      throw new Error(`${where}: ${(error as Error).message}`);
    }
    return {
      id, framework, titleJa, titleEn, requirement, references: parsed, applies,
      basis: basis as Basis, severity: severity as Severity, satisfiedBy: satisfiedBy.split(/\s+/).filter(Boolean),
    };
  });
}

export function loadRequirementsFile(path = REQUIREMENTS_FILE): RequirementDefinition[] {
  return parseRequirementsTsv(readFileSync(path, 'utf8'));
}
