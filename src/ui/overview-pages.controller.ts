import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { ADMINS, EVERY_ROLE, Roles, VENDOR_WRITERS } from '../auth/access-policy';
import { AuthenticatedUser, CurrentUser } from '../auth/authenticated-user';
import { CatalogueService } from '../catalogue/catalogue.service';
import { Clock } from '../common/clock';
import { ValidationError } from '../common/domain-errors';
import { PageQuery } from '../common/pagination';
import { IdParam } from '../common/id-param';
import { ComplianceService } from '../compliance/compliance.service';
import { FlagListQuery } from '../compliance/dto/compliance-query.dto';
import { Translator } from '../i18n/translator';
import { NotificationListQuery } from '../reminders/dto/notification.dto';
import { NOTIFICATION_STATUSES } from '../reminders/notification.entity';
import { RemindersService } from '../reminders/reminders.service';
import { addDays, addMonths } from '../rules/calendar';
import { FLAG_CODES, SEVERITIES } from '../rules/flags';
import { UpdateSettingsDto } from '../settings/dto/settings.dto';
import { SettingsService } from '../settings/settings.service';
import { AuditsService } from '../supervision/audits.service';
import { AuditListQuery, FindingListQuery } from '../supervision/dto/supervision.dto';
import { AUDIT_STATUSES, FINDING_SEVERITIES, FINDING_STATUSES } from '../supervision/supervision.entities';
import { CreateUserDto, toUserView, UpdateUserDto } from '../users/dto/user.dto';
import { LOCALES, ROLES } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { SignInThrottleService } from '../auth/sign-in-throttle.service';
import { VendorsService } from '../vendors/vendors.service';
import { barChart } from './bar-chart';
import { DashboardService } from './dashboard.service';
import { FieldErrors, form, formErrorOf, openPagerOf, pagerOf, render, validateForm } from './forms';

const PAGE_SIZE = 50;
/** The flags page lists vendors with their flags: 20 vendors a page. */
const FLAG_VENDORS_PER_PAGE = 20;

/** The dashboard and the read-mostly pages: flags, audits (list and calendar), findings, outbox, catalogue, users, settings. */
@ApiExcludeController()
@Controller()
export class OverviewPagesController {
  constructor(
    private readonly dashboard: DashboardService,
    private readonly compliance: ComplianceService,
    private readonly audits: AuditsService,
    private readonly reminders: RemindersService,
    private readonly catalogue: CatalogueService,
    private readonly users: UsersService,
    private readonly throttle: SignInThrottleService,
    private readonly settings: SettingsService,
    private readonly vendors: VendorsService,
    private readonly translator: Translator,
    private readonly clock: Clock,
  ) {}

  @Roles(...EVERY_ROLE)
  @Get()
  async home(@Res() response: Response, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    const data = await this.dashboard.load();
    const label = (key: string) => this.translator.t(user.locale, `ui.enum.complianceStatus.${key}` as never);
    const chart = barChart(data.byStatus.map((row) => ({ ...row, label: label(row.key) })));
    const summary = chart.bars.map((bar) => `${bar.label}: ${bar.count}`).join(', ');
    render(response, 'pages/dashboard', { nav: 'dashboard', titleKey: 'ui.dashboard.title', data, chart, summary });
  }

  /** Every flag of every vendor today (reminder e-mails link here). */
  @Roles(...EVERY_ROLE)
  @Get('flags')
  async flags(@Query() raw: Record<string, unknown>, @Res() response: Response, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    const filters = pick(raw, ['code', 'severity']);
    const query = await parse(FlagListQuery, { ...filters, page: form.text(raw.page) ?? '1', pageSize: String(FLAG_VENDORS_PER_PAGE) });
    const page = await this.compliance.flagsByVendor(query, user.locale);
    render(response, 'pages/flags', { nav: 'flags', titleKey: 'ui.flags.title', filters, vendors: page.items, pager: openPagerOf('/flags', filters, page), options: { codes: FLAG_CODES, severities: SEVERITIES } });
  }

  /** Audits as a list (filter by status and dates) or a month calendar (?view=calendar&month=YYYY-MM). */
  @Roles(...EVERY_ROLE)
  @Get('audits')
  async auditsPage(@Query() raw: Record<string, unknown>, @Res() response: Response): Promise<void> {
    if (form.text(raw.view) === 'calendar') return this.auditCalendar(raw, response);
    const filters = pick(raw, ['status', 'from', 'to']);
    const query = await parse(AuditListQuery, { ...filters, page: form.text(raw.page) ?? '1', pageSize: String(PAGE_SIZE) });
    const page = await this.audits.list(query);
    const names = await this.vendorNames(page.items.map((audit) => audit.vendorId));
    render(response, 'pages/audits', {
      nav: 'audits', titleKey: 'ui.audits.title', filters, audits: page.items.map((audit) => ({ ...audit, vendorName: names.get(audit.vendorId) })),
      pager: pagerOf('/audits', filters, page), options: { statuses: AUDIT_STATUSES },
    });
  }

  @Roles(...EVERY_ROLE)
  @Get('findings')
  async findings(@Query() raw: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const filters = pick(raw, ['status', 'severity']);
    const query = await parse(FindingListQuery, { ...filters, page: form.text(raw.page) ?? '1', pageSize: String(PAGE_SIZE) });
    const page = await this.audits.listFindings(query);
    const names = await this.vendorNames(page.items.map((finding) => finding.vendorId));
    render(response, 'pages/findings', {
      nav: 'findings', titleKey: 'ui.findings.title', filters, findings: page.items.map((finding) => ({ ...finding, vendorName: names.get(finding.vendorId) })),
      pager: pagerOf('/findings', filters, page), options: { statuses: FINDING_STATUSES, severities: FINDING_SEVERITIES },
    });
  }

  /** The notification outbox (api.md: compliance and admin read the ledger). */
  @Roles(...VENDOR_WRITERS)
  @Get('notifications')
  async notifications(@Query() raw: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const filters = pick(raw, ['status', 'recipient']);
    const query = await parse(NotificationListQuery, { ...filters, page: form.text(raw.page) ?? '1', pageSize: String(PAGE_SIZE) });
    const page = await this.reminders.list(query);
    render(response, 'pages/notifications', {
      nav: 'notifications', titleKey: 'ui.notifications.title', filters, notifications: page.items.map((item) => ({ ...item, sentAt: item.sentAt?.toISOString() ?? null })),
      pager: pagerOf('/notifications', filters, page), options: { statuses: NOTIFICATION_STATUSES },
    });
  }

  /** Clause type → the requirements it satisfies, with their references. */
  @Roles(...EVERY_ROLE)
  @Get('catalogue')
  async cataloguePage(@Res() response: Response, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    const [clauseTypes, requirements] = await Promise.all([this.catalogue.clauseTypes(), this.catalogue.requirements()]);
    const ja = user.locale === 'ja';
    render(response, 'pages/catalogue', {
      nav: 'catalogue', titleKey: 'ui.catalogue.title',
      clauseTypes: clauseTypes.map((clauseType) => ({
        code: clauseType.code, title: ja ? clauseType.titleJa : clauseType.titleEn, requiredWhen: clauseType.requiredWhen,
        requirements: requirements.filter((requirement) => requirement.satisfiedBy.includes(`clause:${clauseType.code}`))
          .map((requirement) => ({ id: requirement.id, framework: requirement.framework, reference: requirement.reference, title: ja ? requirement.titleJa : requirement.titleEn })),
      })),
    });
  }

  @Roles(...ADMINS)
  @Get('users')
  async usersPage(@Res() response: Response, @Query('page') page?: string): Promise<void> {
    await this.renderUsers(response, form.text(page) ?? '1', { input: { role: 'viewer', locale: 'ja' }, errors: {} });
  }

  @Roles(...ADMINS)
  @Post('users')
  async createUser(@Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const input = { email: form.text(body.email) ?? '', name: form.text(body.name) ?? '', role: form.text(body.role), locale: form.text(body.locale), password: typeof body.password === 'string' ? body.password : '' };
    const fail = (errors: FieldErrors, status = 400) => this.renderUsers(response, '1', { input: { ...input, password: '' }, errors }, status);
    const { value, errors } = await validateForm(CreateUserDto, input);
    if (errors) return fail(errors);
    try {
      await this.users.create(value);
      response.redirect(303, '/users');
    } catch (error) {
      const inline = formErrorOf(error);
      if (!inline) throw error;
      await fail(inline.errors, inline.status);
    }
  }

  /**
   * Enable or disable a user (disabling ends their sessions), or change their role and language, at
   * the version the admin saw. A refusal (the last admin, a stale version) is shown on the user's row
   * with what the admin chose kept.
   */
  @Roles(...ADMINS)
  @Post('users/:id')
  async updateUser(@IdParam() id: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const active = form.text(body.active);
    const input = { version: form.integer(body.version), role: form.text(body.role), locale: form.text(body.locale), ...(active === undefined ? {} : { active: active === 'true' }) };
    const fail = (errors: FieldErrors, status = 400) =>
      this.renderUsers(response, '1', { input: { role: 'viewer', locale: 'ja' }, errors: {}, row: { id, role: input.role, locale: input.locale, error: Object.values(errors).join('; ') } }, status);
    const { value, errors } = await validateForm(UpdateUserDto, input);
    if (errors) return fail(errors);
    try {
      await this.users.update(id, value);
      response.redirect(303, '/users');
    } catch (error) {
      const inline = formErrorOf(error);
      if (!inline) throw error;
      await fail(inline.errors, inline.status);
    }
  }

  /** Clears a user's sign-in throttling (every address), as POST /api/v1/users/:id/unlock does. */
  @Roles(...ADMINS)
  @Post('users/:id/unlock')
  async unlockUser(@IdParam() id: string, @Res() response: Response): Promise<void> {
    await this.throttle.unlock(id);
    response.redirect(303, '/users');
  }

  @Roles(...EVERY_ROLE)
  @Get('settings')
  async settingsPage(@Res() response: Response, @Query('notice') notice?: string): Promise<void> {
    const current = await this.settings.view();
    render(response, 'pages/settings', { nav: 'settings', titleKey: 'ui.settings.title', input: settingsInput(current), version: current.version, errors: {}, notice: notice === 'saved' ? 'ui.common.saved' : undefined });
  }

  @Roles(...ADMINS)
  @Post('settings')
  async saveSettings(@Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const days = (name: string) => form.commaList(body[name]).map((value) => (/^\d+$/.test(value) ? Number(value) : value));
    const input = {
      version: form.integer(body.version),
      auditIntervalMonths: { high: form.integer(body.high), medium: form.integer(body.medium), low: form.integer(body.low) },
      objectionDays: form.integer(body.objectionDays),
      // An empty field keeps the stored thresholds.
      reminderDays: Object.fromEntries(REMINDER_FIELDS.map((name) => [name, days(name)]).filter(([, list]) => list.length > 0)),
    };
    const fail = async (errors: FieldErrors, status = 400) => {
      const current = await this.settings.view();
      render(response, 'pages/settings', { nav: 'settings', titleKey: 'ui.settings.title', input: body, version: errors.version ? current.version : body.version, stored: errors.version ? settingsInput(current) : null, errors }, status);
    };
    const { value, errors } = await validateForm(UpdateSettingsDto, input);
    if (errors) return fail(errors);
    try {
      await this.settings.update(value);
      response.redirect(303, '/settings?notice=saved');
    } catch (error) {
      const inline = formErrorOf(error);
      if (!inline) throw error;
      await fail(inline.errors, inline.status);
    }
  }

  private async auditCalendar(raw: Record<string, unknown>, response: Response): Promise<void> {
    const requested = form.text(raw.month);
    const month = requested && /^\d{4}-(0[1-9]|1[0-2])$/.test(requested) ? requested : this.clock.today().slice(0, 7);
    const first = `${month}-01`;
    const last = addDays(addMonths(first, 1), -1);
    const page = await this.audits.list(Object.assign(new AuditListQuery(), { from: first, to: last, pageSize: 200 }));
    const names = await this.vendorNames(page.items.map((audit) => audit.vendorId));
    const weeks: Array<Array<{ day: number | null; audits: unknown[] }>> = [];
    const offset = (new Date(`${first}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday first
    const days = Number(last.slice(8, 10));
    let week: Array<{ day: number | null; audits: unknown[] }> = Array.from({ length: offset }, () => ({ day: null, audits: [] }));
    for (let day = 1; day <= days; day += 1) {
      const date = `${month}-${String(day).padStart(2, '0')}`;
      week.push({ day, audits: page.items.filter((audit) => audit.scheduledFor === date).map((audit) => ({ ...audit, vendorName: names.get(audit.vendorId) })) });
      if (week.length === 7) {
        weeks.push(week);
        week = [];
      }
    }
    if (week.length > 0) weeks.push([...week, ...Array.from({ length: 7 - week.length }, () => ({ day: null, audits: [] }))]);
    render(response, 'pages/audit-calendar', {
      nav: 'audits', titleKey: 'ui.audits.title', weeks, year: month.slice(0, 4), month: Number(month.slice(5, 7)),
      previous: addMonths(first, -1).slice(0, 7), next: addMonths(first, 1).slice(0, 7),
    });
  }

  private async renderUsers(
    response: Response, page: string, model: { input: Record<string, unknown>; errors: FieldErrors; row?: { id: string; role?: string; locale?: string; error: string } }, status = 200,
  ): Promise<void> {
    const query = await parse(PageQuery, { page, pageSize: String(PAGE_SIZE) });
    const list = await this.users.list(query);
    const { row, ...rest } = model;
    // Each row's role and language form shows the stored values, or on the refused row what the admin chose.
    const users = list.items.map(toUserView).map((user) => {
      const refused = row?.id === user.id ? row : null;
      return { ...user, shown: { role: refused?.role ?? user.role, locale: refused?.locale ?? user.locale }, error: refused?.error ?? null };
    });
    render(response, 'pages/users', { nav: 'users', titleKey: 'ui.users.title', users, pager: pagerOf('/users', {}, list), options: { roles: ROLES, locales: LOCALES }, ...rest }, status);
  }

  /** Vendor names for a page of records (one query for the page, not one per row). */
  private async vendorNames(ids: string[]): Promise<Map<string, string>> {
    return this.vendors.namesOf([...new Set(ids)]);
  }
}

const REMINDER_FIELDS = ['auditDueDays', 'contractExpiryDays', 'noticeDeadlineDays', 'findingDueDays', 'certificateExpiryDays', 'objectionDeadlineDays'] as const;

function settingsInput(view: Awaited<ReturnType<SettingsService['view']>>): Record<string, unknown> {
  return {
    ...view.auditIntervalMonths, objectionDays: view.objectionDays,
    ...Object.fromEntries(REMINDER_FIELDS.map((name) => [name, view.reminderDays[name].join(', ')])),
  };
}

function pick(raw: Record<string, unknown>, keys: string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const key of keys) {
    const value = form.text(raw[key]);
    if (value) picked[key] = value;
  }
  return picked;
}

async function parse<T extends object>(dto: new () => T, input: Record<string, string>): Promise<T> {
  const { value, errors } = await validateForm(dto, input);
  if (errors) throw new ValidationError(Object.entries(errors).map(([field, message]) => `${field}: ${message}`));
  return value;
}
