import { Foundation1795860000000 } from './1795860000000-Foundation';
import { ContractsAndFlags1795870000000 } from './1795870000000-ContractsAndFlags';
import { SupervisionRecords1795871000000 } from './1795871000000-SupervisionRecords';
import { CalendarFeeds1795872000000 } from './1795872000000-CalendarFeeds';
import { ReminderLedger1795873000000 } from './1795873000000-ReminderLedger';
import { SignInFailures1795874000000 } from './1795874000000-SignInFailures';
import { AuditLog1795875000000 } from './1795875000000-AuditLog';
import { Documents1795878000000 } from './1795878000000-Documents';
import { SignInThrottles1795880000000 } from './1795880000000-SignInThrottles';
import { NormalisedEmails1795880100000 } from './1795880100000-NormalisedEmails';
import { SingleSignOn1795880200000 } from './1795880200000-SingleSignOn';
import { VendorReadings1795880300000 } from './1795880300000-VendorReadings';
import { Incidents1795881500000 } from './1795881500000-Incidents';
import { ContractIncidentNotice1795881510000 } from './1795881510000-ContractIncidentNotice';
import { Questionnaires1795881900000 } from './1795881900000-Questionnaires';
import { StoredFlags1795890000000 } from './1795890000000-StoredFlags';
import { ReportSnapshots1795890100000 } from './1795890100000-ReportSnapshots';
import { SignOffsThatMeanSomething1795890200000 } from './1795890200000-SignOffsThatMeanSomething';
import { LegalModel1795890300000 } from './1795890300000-LegalModel';
import { VendorAuditDates1795900000000 } from './1795900000000-VendorAuditDates';
import { ListOrderIndexes1795900300000 } from './1795900300000-ListOrderIndexes';
import { ScheduledJobRuns1795900400000 } from './1795900400000-ScheduledJobRuns';
import { PeopleByName1795900500000 } from './1795900500000-PeopleByName';
import { StoredActions1795900600000 } from './1795900600000-StoredActions';
import { AuditPlanIndex1795900700000 } from './1795900700000-AuditPlanIndex';
import { VendorSearchIndex1795900800000 } from './1795900800000-VendorSearchIndex';
import { ContractQueueEntries1795901000000 } from './1795901000000-ContractQueueEntries';
import { CalendarFeedIndexes1795901100000 } from './1795901100000-CalendarFeedIndexes';
import { WorkQueueCounts1795901200000 } from './1795901200000-WorkQueueCounts';
import { SupervisionRecordCounts1795901300000 } from './1795901300000-SupervisionRecordCounts';

/** Every migration, oldest first. Listed explicitly so the app, the CLI and the tests run the same set. */
export const MIGRATIONS = [
  Foundation1795860000000, ContractsAndFlags1795870000000, SupervisionRecords1795871000000, CalendarFeeds1795872000000, ReminderLedger1795873000000, SignInFailures1795874000000,
  AuditLog1795875000000,
  Documents1795878000000,
  SignInThrottles1795880000000,
  NormalisedEmails1795880100000,
  SingleSignOn1795880200000,
  VendorReadings1795880300000,
  Incidents1795881500000,
  ContractIncidentNotice1795881510000,
  Questionnaires1795881900000,
  StoredFlags1795890000000,
  ReportSnapshots1795890100000,
  SignOffsThatMeanSomething1795890200000,
  LegalModel1795890300000,
  VendorAuditDates1795900000000,
  ListOrderIndexes1795900300000,
  ScheduledJobRuns1795900400000,
  PeopleByName1795900500000,
  StoredActions1795900600000,
  AuditPlanIndex1795900700000,
  VendorSearchIndex1795900800000,
  ContractQueueEntries1795901000000,
  CalendarFeedIndexes1795901100000,
  WorkQueueCounts1795901200000,
  SupervisionRecordCounts1795901300000,
];
