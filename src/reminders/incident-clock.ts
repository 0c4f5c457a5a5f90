import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Clock } from '../common/clock';
import { ScheduledJobs } from '../common/scheduled-jobs';
import { loadIncidentRecords, vendorsWithOpenIncidents } from '../compliance/incident-facts';
import { ComplianceService } from '../compliance/compliance.service';
import { runInTransaction } from '../database/transactions';
import { openObligations } from '../rules/incident-flags';
import { assessIncident } from '../rules/incident-obligations';
import { IncidentReminderFacts, selectIncidentReminders } from '../rules/incident-reminders';
import { SettingsService } from '../settings/settings.service';
import { User } from '../users/user.entity';
import { Vendor } from '../vendors/vendor.entity';
import { RemindersService } from './reminders.service';

export const INCIDENT_CLOCK_JOB = 'incident-clock';
/** Every 15 minutes (incident deadlines are hours, not days). */
export const INCIDENT_CLOCK_MINUTES = 15;

export interface IncidentClockResult {
  vendors: number;
  created: number;
  sent: number;
  failed: number;
}

/**
 * The 15-minute job for incidents (漏えい等): their deadlines run by the hour (GDPR's 72 hours, the
 * 速報's 3–5 days), which the daily jobs would see up to a day late. Each run recomputes the stored
 * status and flags of the vendors with an incident that is not closed (so the list, the dashboard and
 * the vendor's 要是正 follow the clock), records the incident reminders due (rules/incident-reminders.ts)
 * in the reminder ledger, and delivers what the ledger holds. Safe on several instances: the
 * recompute locks the vendor rows (MySQL/MariaDB), the ledger's unique key records each reminder
 * once, and delivery claims rows with a conditional UPDATE, so each is sent once.
 */
@Injectable()
export class IncidentClock {
  private readonly logger = new Logger(IncidentClock.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly compliance: ComplianceService,
    private readonly reminders: RemindersService,
    private readonly settings: SettingsService,
    private readonly clock: Clock,
  ) {}

  async run(): Promise<IncidentClockResult> {
    const vendorIds = await vendorsWithOpenIncidents(this.dataSource.manager);
    if (vendorIds.length > 0) await runInTransaction(this.dataSource, (manager) => this.compliance.recompute(manager, vendorIds));
    const created = await this.reminders.record(selectIncidentReminders(await this.facts(vendorIds), this.clock.now(), this.clock.timeZone));
    const { sent, failed } = await this.reminders.deliver();
    this.logger.log({ message: 'incident clock run', vendors: vendorIds.length, created, sent, failed });
    return { vendors: vendorIds.length, created, sent, failed };
  }

  /** The open obligations of the incidents that are not closed, with their vendors' names, and who to tell. */
  private async facts(vendorIds: string[]): Promise<IncidentReminderFacts> {
    const manager = this.dataSource.manager;
    const [records, profile, vendors, users] = await Promise.all([
      loadIncidentRecords(manager, vendorIds),
      this.settings.profile(),
      vendorIds.length > 0 ? manager.find(Vendor, { where: { id: In(vendorIds) }, select: { id: true, name: true } }) : Promise.resolve([]),
      manager.find(User, { where: { active: true, role: 'compliance' }, select: { email: true } }),
    ]);
    const names = new Map(vendors.map((vendor) => [vendor.id, vendor.name]));
    return {
      incidents: [...records].flatMap(([vendorId, incidents]) =>
        incidents.map((incident) => ({
          id: incident.id,
          vendorId,
          vendorName: names.get(vendorId) ?? '',
          title: incident.title,
          open: openObligations(incident, assessIncident(incident, profile, this.clock.timeZone).obligations),
        })),
      ),
      compliance: users.map((user) => user.email),
    };
  }
}

/** Runs the incident clock every 15 minutes (SCHEDULER_ENABLED), and at start in case the app was down: each quarter hour once across instances. */
@Injectable()
export class IncidentClockScheduler implements OnApplicationBootstrap {
  constructor(
    private readonly incidentClock: IncidentClock,
    private readonly jobs: ScheduledJobs,
  ) {}

  onApplicationBootstrap(): void {
    this.jobs.schedule({
      name: INCIDENT_CLOCK_JOB,
      when: { everyMinutes: INCIDENT_CLOCK_MINUTES },
      atStart: true,
      run: async () => ({ ...(await this.incidentClock.run()) }),
      done: 'incident clock run done',
      failed: 'incident clock run failed',
    });
  }
}
