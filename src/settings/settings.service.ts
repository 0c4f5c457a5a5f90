import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { VersionConflictError } from '../common/domain-errors';
import { term } from '../common/problems';
import { changesBetween, recordAudit } from '../audit-log/audit-trail';
import { runInTransaction } from '../database/transactions';
import { DEFAULT_ORGANISATION_PROFILE, OrganisationProfile } from '../rules/organisation-profile';
import { DEFAULT_REMINDER_SETTINGS, ReminderSettings } from '../rules/reminders';
import { DEFAULT_SUPERVISION_SETTINGS, SupervisionSettings } from '../rules/supervision';
import { UpdateSettingsDto } from './dto/settings.dto';
import { Setting } from './setting.entity';
import { definedFields } from '../common/objects';

export type { OrganisationProfile, TelecomBureau } from '../rules/organisation-profile';

const KEY = 'supervision';
/** The settings row as a refusal names it (its key is no word for a reader). */
const SETTINGS_NAME = term('error.settingsName');

/** The stored settings document: what the rules read, and the reminder thresholds. */
export interface OrganisationSettings extends Omit<SupervisionSettings, 'profile'> {
  /** Days before each deadline that a reminder goes out (rules in src/rules/reminders.ts). */
  reminderDays: ReminderSettings;
  /** Which frameworks bind the company (legal-model.md §1). */
  organisationProfile: OrganisationProfile;
}

export interface SettingsView extends OrganisationSettings {
  version: number;
  updatedAt: string | null;
}

/**
 * Audit intervals, the objection period, reminder thresholds and the organisation's profile: the
 * shipped defaults until an admin changes them. One JSON document: a field it does not hold yet (a
 * setting added by an upgrade) reads as its default, so a new setting needs no migration.
 */
@Injectable()
export class SettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** What the rules read: audit intervals, the objection period and the organisation's profile. */
  async supervision(manager: EntityManager = this.dataSource.manager): Promise<SupervisionSettings> {
    const row = await manager.findOneBy(Setting, { key: KEY });
    const { auditIntervalMonths, objectionDays, organisationProfile } = merge(row?.value);
    return { auditIntervalMonths, objectionDays, profile: organisationProfile };
  }

  /** The organisation's profile (legal-model.md §1): which frameworks bind the company. */
  async profile(manager: EntityManager = this.dataSource.manager): Promise<OrganisationProfile> {
    const row = await manager.findOneBy(Setting, { key: KEY });
    return merge(row?.value).organisationProfile;
  }

  async reminderDays(): Promise<ReminderSettings> {
    const row = await this.dataSource.getRepository(Setting).findOneBy({ key: KEY });
    return merge(row?.value).reminderDays;
  }

  async view(): Promise<SettingsView> {
    const row = await this.dataSource.getRepository(Setting).findOneBy({ key: KEY });
    return { ...merge(row?.value), version: row?.version ?? 0, updatedAt: row?.updatedAt.toISOString() ?? null };
  }

  /**
   * Version 0 means "never changed". Every vendor's audit due dates may move: the compliance engine
   * recomputes every vendor when the settings change (they are a fact of each).
   */
  async update(input: UpdateSettingsDto): Promise<SettingsView> {
    await runInTransaction(this.dataSource, async (manager) => {
      const row = await manager.findOneBy(Setting, { key: KEY });
      const current = row?.version ?? 0;
      if (current !== input.version) throw new VersionConflictError('settings', SETTINGS_NAME, input.version, current);
      const stored = merge(row?.value);
      const value: OrganisationSettings = {
        auditIntervalMonths: { ...stored.auditIntervalMonths, ...input.auditIntervalMonths },
        objectionDays: input.objectionDays ?? stored.objectionDays,
        reminderDays: { ...stored.reminderDays, ...definedFields(input.reminderDays ?? {}) },
        organisationProfile: { ...stored.organisationProfile, ...definedFields(input.organisationProfile ?? {}) },
      };
      if (row) {
        const result = await manager
          .createQueryBuilder()
          .update(Setting)
          .set({ value: () => ':value', version: () => 'version + 1', updatedAt: this.clock.now() })
          .setParameter('value', JSON.stringify(value))
          .where('key = :key AND version = :version', { key: KEY, version: current })
          .execute();
        if (result.affected !== 1) throw new VersionConflictError('settings', SETTINGS_NAME, input.version);
      } else {
        await manager.save(Object.assign(new Setting(), { key: KEY, value: value as unknown as Record<string, unknown>, version: 1, updatedAt: this.clock.now() }));
      }
      await recordAudit(manager, { action: 'update', entityType: 'settings', entityId: KEY, changes: changesBetween(stored, value) });
    });
    return this.view();
  }
}

function merge(value: Record<string, unknown> | undefined): OrganisationSettings {
  const stored = (value ?? {}) as Partial<OrganisationSettings>;
  return {
    auditIntervalMonths: { ...DEFAULT_SUPERVISION_SETTINGS.auditIntervalMonths, ...stored.auditIntervalMonths },
    objectionDays: stored.objectionDays ?? DEFAULT_SUPERVISION_SETTINGS.objectionDays,
    reminderDays: { ...DEFAULT_REMINDER_SETTINGS, ...stored.reminderDays },
    organisationProfile: { ...DEFAULT_ORGANISATION_PROFILE, ...stored.organisationProfile },
  };
}
