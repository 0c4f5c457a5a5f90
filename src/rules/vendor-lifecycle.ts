import { VendorStatus } from './vendor-facts';

/** candidate → active → offboarding → terminated (domain.md; issue 4 adds the records each step needs). */
const NEXT_STATUSES: Record<VendorStatus, readonly VendorStatus[]> = {
  candidate: ['active', 'terminated'],
  active: ['offboarding'],
  offboarding: ['terminated', 'active'],
  terminated: [],
};

export function canMoveVendor(from: VendorStatus, to: VendorStatus): boolean {
  return from === to || NEXT_STATUSES[from].includes(to);
}

export function allowedNextStatuses(from: VendorStatus): readonly VendorStatus[] {
  return NEXT_STATUSES[from];
}
