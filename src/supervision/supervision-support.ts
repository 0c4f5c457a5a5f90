import { DataSource } from 'typeorm';
import { NotFoundError } from '../common/domain-errors';
import { Vendor } from '../vendors/vendor.entity';

/** A record as the API shows it: its columns, timestamps in ISO 8601, no relations. */
export function recordView<T extends { createdAt: Date; updatedAt: Date }>(record: T, relations: readonly string[] = ['vendor', 'audit', 'parent', 'contract']) {
  const plain: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (relations.includes(key)) continue;
    plain[key] = value instanceof Date ? value.toISOString() : value;
  }
  return plain as Omit<T, 'createdAt' | 'updatedAt'> & { createdAt: string; updatedAt: string };
}

export async function existingVendor(dataSource: DataSource, vendorId: string): Promise<Vendor> {
  const vendor = await dataSource.getRepository(Vendor).findOneBy({ id: vendorId });
  if (!vendor) throw new NotFoundError('vendor', vendorId);
  return vendor;
}
