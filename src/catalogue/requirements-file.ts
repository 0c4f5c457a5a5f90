import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One row of requirements.tsv (shipped beside this file; ids are stable). */
export interface RequirementDefinition {
  id: string;
  framework: string;
  titleJa: string;
  titleEn: string;
  requirement: string;
  reference: string;
  applies: string;
  severity: string;
  satisfiedBy: string[];
}

const COLUMNS = ['id', 'framework', 'title_ja', 'title_en', 'requirement', 'reference', 'applies', 'severity', 'satisfied_by'];

export const REQUIREMENTS_FILE = join(__dirname, 'data', 'requirements.tsv');

export function parseRequirementsTsv(text: string): RequirementDefinition[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = lines.shift()?.split('\t') ?? [];
  if (header.join('\t') !== COLUMNS.join('\t')) {
    throw new Error(`requirements.tsv: unexpected header ${JSON.stringify(header)}`);
  }
  return lines.map((line, index) => {
    const cells = line.split('\t');
    if (cells.length !== COLUMNS.length) throw new Error(`requirements.tsv line ${index + 2}: ${cells.length} cells, expected ${COLUMNS.length}`);
    const [id, framework, titleJa, titleEn, requirement, reference, applies, severity, satisfiedBy] = cells.map((cell) => cell.trim());
    return { id, framework, titleJa, titleEn, requirement, reference, applies, severity, satisfiedBy: satisfiedBy.split(/\s+/).filter(Boolean) };
  });
}

export function loadRequirementsFile(path = REQUIREMENTS_FILE): RequirementDefinition[] {
  return parseRequirementsTsv(readFileSync(path, 'utf8'));
}
