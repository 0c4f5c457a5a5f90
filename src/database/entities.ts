import { AuditLogEntry } from '../audit-log/audit-log-entry.entity';
import { AuthToken } from '../auth/auth-token.entity';
import { ClauseTypeRecord } from '../catalogue/clause-type.entity';
import { ChecklistEvent, ChecklistItem, ContractChecklist } from '../contracts/checklist.entity';
import { Contract } from '../contracts/contract.entity';
import { VendorFlag } from '../compliance/vendor-flag.entity';
import { Setting } from '../settings/setting.entity';
import { CalendarFeed } from '../calendar/calendar-feed.entity';
import { MailMessage, Notification } from '../reminders/notification.entity';
import { SignInFailure } from '../auth/sign-in-failure.entity';
import { OidcSignInAttempt } from '../auth/oidc/oidc-sign-in-attempt.entity';
import { Assessment, Audit, Certificate, DeletionCertificate, Finding, Subcontractor } from '../supervision/supervision.entities';
import { RequirementRecord } from '../catalogue/requirement.entity';
import { User } from '../users/user.entity';
import { Vendor } from '../vendors/vendor.entity';

/** Every entity of the app; the app, the migration CLI and the tests use this one list. */
export const ENTITIES = [
  User, AuthToken, ClauseTypeRecord, RequirementRecord, Vendor, Contract, ContractChecklist, ChecklistItem, ChecklistEvent, VendorFlag,
  Assessment, Audit, Finding, Subcontractor, Certificate, DeletionCertificate, Setting, CalendarFeed, Notification, MailMessage, SignInFailure,
  AuditLogEntry, OidcSignInAttempt,
];
