import { ADMINS, CHECKLIST_WRITERS, CONTRACT_WRITERS, EVERY_ROLE, VENDOR_WRITERS } from '../common/access-policy';
import { Role } from '../common/access-policy';

/** What each role may do in the UI: the same role groups the routes' policies use, so a page shows only the controls its POST accepts. */
export const CAPABILITIES = {
  read: EVERY_ROLE,
  writeVendors: VENDOR_WRITERS,
  writeContracts: CONTRACT_WRITERS,
  writeChecklists: CHECKLIST_WRITERS,
  readLedger: VENDOR_WRITERS,
  admin: ADMINS,
} satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof CAPABILITIES;
