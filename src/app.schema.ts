import { ScheduledJobRun } from './common/scheduled-job-run.entity';
import { AuditLogEntry } from './audit-log/audit-log-entry.entity';
import { AppendOnlyAuditLog } from './audit-log/audit-trail';
import { AuthToken } from './auth/auth-token.entity';
import { SignInThrottle } from './auth/sign-in-throttle.entity';
import { OidcSignInAttempt } from './auth/oidc/oidc-sign-in-attempt.entity';
import { CalendarFeed } from './calendar/calendar-feed.entity';
import { ClauseTypeRecord } from './catalogue/clause-type.entity';
import { RequirementRecord } from './catalogue/requirement.entity';
import { FlagCount, VendorFlag } from './compliance/vendor-flag.entity';
import { ActionCount, AuditDueCount, CountedVendor, DerivedFingerprint, VendorAction, VendorCount } from './compliance/vendor-action.entity';
import { ChecklistEvent, ChecklistItem, ContractChecklist } from './contracts/checklist.entity';
import { Contract } from './contracts/contract.entity';
import { ContractQueueEntry, RenewalDueCount } from './contracts/contract-queue-entry.entity';
import { ContractQueueSubscriber } from './contracts/contract-queues';
import { DatabaseSchema } from './database/data-source-options';
import { MailMessage, Notification } from './reminders/notification.entity';
import { Setting } from './settings/setting.entity';
import { Assessment, Audit, Certificate, DeletionCertificate, Finding, Subcontractor } from './supervision/supervision.entities';
import { AuditCount, FindingCount } from './supervision/record-counts.entity';
import { RecordCountsSubscriber } from './supervision/record-counts';
import { User } from './users/user.entity';
import { Vendor } from './vendors/vendor.entity';
import { VendorFacet, VendorSearchTerm } from './vendors/vendor-index.entity';
import { VendorIndexSubscriber } from './vendors/vendor-index';
import { ReportSnapshot } from './reports/report-snapshot.entity';
import { Document, FileVersion } from './files/document.entity';
import { Questionnaire, QuestionnaireLink, QuestionnaireLinkThrottle, QuestionnaireTemplate, QuestionnaireTemplateVersion, VendorContact } from './questionnaires/questionnaire.entities';
import { Incident, IncidentObligation, IncidentReport } from './incidents/incident.entities';

/**
 * The app's tables: every entity, and the subscribers every connection needs (the app, the
 * migration and backup CLIs, the tests). Features add subscribers of their own through their
 * modules (e.g. the compliance engine's); this list holds the ones that must hold everywhere.
 */
export const APP_SCHEMA: DatabaseSchema = {
  entities: [
    User, AuthToken, ClauseTypeRecord, RequirementRecord, Vendor, Contract, ContractChecklist, ChecklistItem, ChecklistEvent, VendorFlag, FlagCount, VendorAction, ActionCount, VendorCount, CountedVendor, AuditDueCount, DerivedFingerprint,
    Assessment, Audit, Finding, Subcontractor, Certificate, DeletionCertificate, Setting, CalendarFeed, Notification, MailMessage, SignInThrottle,
    AuditLogEntry, OidcSignInAttempt,
    Document, FileVersion,
    ReportSnapshot,
    VendorContact, QuestionnaireTemplate, QuestionnaireTemplateVersion, Questionnaire, QuestionnaireLink, QuestionnaireLinkThrottle,
    Incident, IncidentObligation, IncidentReport,
    ScheduledJobRun,
    VendorSearchTerm, VendorFacet,
    ContractQueueEntry, RenewalDueCount,
    AuditCount, FindingCount,
  ],
  subscribers: [AppendOnlyAuditLog, VendorIndexSubscriber, ContractQueueSubscriber, RecordCountsSubscriber],
};
