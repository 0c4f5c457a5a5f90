/** A record as the API shows it: its columns, timestamps in ISO 8601, no relations. */
export function recordView<T extends { createdAt: Date; updatedAt: Date }>(record: T, relations: readonly string[] = ['vendor', 'audit', 'parent', 'contract']) {
  const plain: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (relations.includes(key)) continue;
    plain[key] = value instanceof Date ? value.toISOString() : value;
  }
  return plain as Omit<T, 'createdAt' | 'updatedAt'> & { createdAt: string; updatedAt: string };
}
