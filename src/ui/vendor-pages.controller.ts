import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { EVERY_ROLE, Roles, VENDOR_WRITERS } from '../common/access-policy';
import { AuthenticatedUser, CurrentUser } from '../common/authenticated-user';
import { CatalogueService } from '../catalogue/catalogue.service';
import { IdParam } from '../common/id-param';
import { MAX_PAGE_SIZE } from '../common/pagination';
import { ComplianceService } from '../compliance/compliance.service';
import { ContractsService } from '../contracts/contracts.service';
import { Translator } from '../i18n/translator';
import { effectiveBinding } from '../rules/basis';
import { citationsOf, joinCitations, referenceIndex } from '../rules/citations';
import { SettingsService } from '../settings/settings.service';
import { FLAG_CODES } from '../rules/flags';
import { allowedMoves, statusChoices } from '../rules/lifecycles';
import {
  COMPLIANCE_STATUSES, ComplianceStatus, DATA_CATEGORIES, DataCategory, RELATIONSHIPS, RISK_TIERS, RiskTier, SUBCONTRACTOR_APPROVAL_MODES, TRANSFER_BASES, VENDOR_STATUSES, VendorStatus,
} from '../rules/vendor-facts';
import { AssessmentsService } from '../supervision/assessments.service';
import { AuditsService } from '../supervision/audits.service';
import { AuditListQuery, FindingListQuery } from '../supervision/dto/supervision.dto';
import { CertificatesService } from '../supervision/certificates.service';
import { SubcontractorsService } from '../supervision/subcontractors.service';
import { CONTRACT_STATES, CreateVendorDto, UpdateVendorDto, VendorListQuery } from '../vendors/dto/vendor.dto';
import { countryOptions } from '../i18n/countries';
import { Vendor } from '../vendors/vendor.entity';
import { Locale } from '../i18n/locale';
import { QuestionnaireListQuery } from '../questionnaires/dto/questionnaire.dto';
import { QuestionnairesService } from '../questionnaires/questionnaires.service';
import { explainRiskReason, toVendorView } from '../vendors/vendor.view';
import { Clock } from '../common/clock';
import { dateTimeText } from '../i18n/date-time';
import { chosenColumns, requestedColumns, VENDOR_COLUMNS, VendorColumnsQuery, vendorCells } from './vendor-columns';
import { RiskReason } from '../rules/risk-tier';
import { VendorsService } from '../vendors/vendors.service';
import { form, pagerOf, render, submitForm, validated, withQuery } from './forms';
import { listFilters, listQuery, PAGE_SIZE } from './lists';
import { ExportsService } from '../exports/exports.service';
import { AuditLogService } from '../audit-log/audit-log.service';
import { AuditLogQuery } from '../audit-log/dto/audit-log-query.dto';
import { LEDGER_READERS } from '../common/access-policy';
import { FilesService } from '../files/files.service';
import { sendFile } from '../register-file/spreadsheet-writer';
import { historyFieldLabel, historyValue, personName } from './vendor-history';
import { shownPeople } from './people';
import { UsersService } from '../users/users.service';
import { countriesFieldText, countriesFromForm, countryChoices, countryFieldText, countryFromForm } from './country-fields';
import { IncidentListQuery } from '../incidents/dto/incident.dto';
import { IncidentsService } from '../incidents/incidents.service';

const LIST_SORTS = ['name', '-name', 'reading', '-updatedAt', 'riskTier', '-riskTier', '-complianceStatus', 'nextAuditDue', '-nextAuditDue', 'lastAuditOn', '-lastAuditOn'] as const;

/** The vendor register (委託先管理台帳): list with filters and CSV, forms, and the vendor page. */
@ApiExcludeController()
@Controller('vendors')
export class VendorPagesController {
  constructor(
    private readonly vendors: VendorsService,
    private readonly compliance: ComplianceService,
    private readonly contracts: ContractsService,
    private readonly assessments: AssessmentsService,
    private readonly audits: AuditsService,
    private readonly subcontractors: SubcontractorsService,
    private readonly certificates: CertificatesService,
    private readonly catalogue: CatalogueService,
    private readonly translator: Translator,
    private readonly exports: ExportsService,
    private readonly auditLog: AuditLogService,
    private readonly files: FilesService,
    private readonly users: UsersService,
    private readonly questionnaires: QuestionnairesService,
    private readonly incidents: IncidentsService,
    private readonly settings: SettingsService,
    private readonly clock: Clock,
  ) {}

  @Roles(...EVERY_ROLE)
  @Get()
  async list(@Query() raw: Record<string, unknown>, @Res() response: Response, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    const filters = listFilters(raw, LIST_FILTERS);
    const query = await listQuery(VendorListQuery, { ...filters, page: form.text(raw.page) ?? '1', pageSize: String(PAGE_SIZE) });
    const asked = requestedColumns(raw.columns);
    const columns = chosenColumns(await validated(VendorColumnsQuery, { columns: asked }));
    const page = await this.vendors.list(query);
    const vendors = page.items.map((vendor) => toVendorView(vendor, user.locale, this.translator));
    const people = columns.includes('owner') ? shownPeople(await this.users.peopleByEmail(vendors.map((vendor) => vendor.ownerEmail)), user.locale, this.translator) : new Map<string, string>();
    const context = { locale: user.locale, translator: this.translator, people, dateTime: (value: string) => dateTimeText(value, user.locale, this.clock.timeZone) };
    // The chosen columns travel with the filters: in the pager's links and the form.
    const kept = asked ? { ...filters, columns: columns.join(',') } : filters;
    render(response, 'pages/vendors/list', {
      nav: 'vendors', titleKey: 'ui.vendors.title', filters,
      columns: columns.map((column) => ({ key: column, chosen: true })),
      columnChoices: VENDOR_COLUMNS.map((column) => ({ key: column, chosen: columns.includes(column) })),
      vendors: vendors.map((vendor) => ({ id: vendor.id, name: vendor.name, cells: vendorCells(vendor, columns, context) })),
      pager: pagerOf('/vendors', kept, page),
      csvHref: withQuery('/vendors/export.csv', filters, {}),
      xlsxHref: withQuery('/exports/vendors', filters, { format: 'xlsx' }),
      options: {
        statuses: VENDOR_STATUSES, tiers: RISK_TIERS, complianceStatuses: COMPLIANCE_STATUSES, flags: FLAG_CODES, sorts: LIST_SORTS,
        dataCategories: DATA_CATEGORIES, relationships: RELATIONSHIPS, contractStates: CONTRACT_STATES, countries: countryOptions(user.locale),
      },
    });
  }

  /** Every vendor the filters select (not just one page): the register export, which imports back. */
  @Roles(...EVERY_ROLE)
  @Get('export.csv')
  async exportCsv(@Query() raw: Record<string, unknown>, @Res() response: Response, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    const file = await this.exports.vendorRegister(await listQuery(VendorListQuery, { ...listFilters(raw, LIST_FILTERS), page: '1', pageSize: String(MAX_PAGE_SIZE) }), { format: 'csv', locale: user.locale });
    sendFile(response, file);
  }

  @Roles(...VENDOR_WRITERS)
  @Get('new')
  async newForm(@Res() response: Response, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    render(response, 'pages/vendors/form', {
      ...formOptions(user.locale, await this.users.people()), nav: 'vendors', titleKey: 'ui.vendors.newTitle', action: '/vendors',
      input: { country: countryFieldText('JP', user.locale), status: 'candidate', dataCategories: [] }, errors: {},
    });
  }

  @Roles(...VENDOR_WRITERS)
  @Post()
  create(@Body() body: Record<string, unknown>, @Res() response: Response, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    return submitForm(response, {
      read: () => validated(CreateVendorDto, vendorInput(body)),
      save: async (value) => `/vendors/${(await this.vendors.create(value)).id}`,
      reshow: async (errors, status) =>
        render(response, 'pages/vendors/form', { ...formOptions(user.locale, await this.users.people()), nav: 'vendors', titleKey: 'ui.vendors.newTitle', action: '/vendors', input: shownInput(body), errors }, status),
    });
  }

  @Roles(...EVERY_ROLE)
  @Get(':id')
  async detail(@IdParam() id: string, @Res() response: Response, @CurrentUser() user: AuthenticatedUser, @Query('notice') notice?: string): Promise<void> {
    const locale = user.locale;
    const vendor = toVendorView(await this.vendors.get(id), locale, this.translator);
    const [compliance, contracts, audits, findings, subcontractors, certificates, deletions, assessments, profile, documentCounts, questionnaires, incidents] = await Promise.all([
      this.compliance.forVendor(id, undefined, locale),
      this.contracts.listForVendor(id),
      this.audits.list(Object.assign(new AuditListQuery(), { vendorId: id, pageSize: MAX_PAGE_SIZE })),
      this.audits.listFindings(Object.assign(new FindingListQuery(), { vendorId: id, pageSize: MAX_PAGE_SIZE })),
      this.subcontractors.list(id),
      this.certificates.list(id),
      this.certificates.listDeletions(id),
      this.assessments.list(id),
      this.settings.profile(),
      this.files.countsForVendor(id),
      this.questionnaires.list(Object.assign(new QuestionnaireListQuery(), { vendorId: id, pageSize: MAX_PAGE_SIZE })),
      this.incidents.list(Object.assign(new IncidentListQuery(), { vendorId: id, pageSize: MAX_PAGE_SIZE })),
    ]);
    const { requirements } = this.catalogue.rules();
    /** Each record with the number of documents attached to it (linked to its documents page). */
    const withDocuments = <T extends { id: string }>(type: string, rows: T[]) => rows.map((row) => ({ ...row, documentCount: documentCounts[`${type}:${row.id}`] ?? 0 }));
    const byId = new Map(requirements.map((requirement) => [requirement.id, requirement]));
    const references = referenceIndex(requirements);
    // Each cited requirement: its title, how binding it is for this organisation, and its references in the reader's language.
    const flags = compliance.flags.map((flag) => ({
      ...flag,
      cited: flag.requirementIds.flatMap((requirementId) => {
        const requirement = byId.get(requirementId);
        if (!requirement) return [];
        return [{
          title: locale === 'ja' ? requirement.titleJa : requirement.titleEn,
          basis: effectiveBinding(requirement, profile).basis,
          references: joinCitations(citationsOf([requirementId], references, locale), locale),
        }];
      }),
    }));
    const history = LEDGER_READERS.includes(user.role) ? await this.history(id, locale) : null;
    // People by name (and department): the owner and the findings' owners, with the address beside the name.
    const names = shownPeople(await this.users.peopleByEmail([vendor.ownerEmail, ...findings.items.map((finding) => finding.ownerEmail)]), locale, this.translator);
    // An owner who is no user: the name recorded with the address.
    const ownerName = vendor.ownerEmail ? names.get(vendor.ownerEmail) ?? vendor.ownerName : null;
    render(response, 'pages/vendors/detail', {
      nav: 'vendors', titleKey: 'ui.vendors.title', vendor, ownerName, compliance, flags, contracts: withDocuments('contract', contracts), history,
      audits: withDocuments('audit', audits.items), findings: withDocuments('finding', findings.items).map((finding) => ({ ...finding, ownerName: finding.ownerEmail ? names.get(finding.ownerEmail) ?? null : null })), certificates: withDocuments('certificate', certificates),
      assessments: withDocuments('assessment', assessments),
      questionnaires: questionnaires.items.map((row) => ({ ...row, shownTitle: locale === 'en' ? row.title.en : row.title.ja })),
      subcontractors: subcontractors.map((row) => ({ ...row, actions: allowedMoves('subcontractor', row.status) })),
      deletions: withDocuments('deletion-certificate', deletions.map((row) => ({ ...row, contractTitle: contracts.find((contract) => contract.id === row.contractId)?.title ?? null }))),
      incidents: withDocuments('incident', incidents.items),
      notice: notice === 'saved' ? 'ui.common.saved' : undefined,
    });
  }

  @Roles(...VENDOR_WRITERS)
  @Get(':id/edit')
  async editForm(@IdParam() id: string, @Res() response: Response, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    const vendor = await this.vendors.get(id);
    render(response, 'pages/vendors/form', {
      ...formOptions(user.locale, await this.users.people(), vendor.status), nav: 'vendors', titleKey: 'ui.vendors.editTitle', action: `/vendors/${id}`, vendorId: id, input: storedInput(vendor, user.locale), errors: {},
    });
  }

  /** A stale version re-renders the form with the user's input and says so; nothing is written. */
  @Roles(...VENDOR_WRITERS)
  @Post(':id')
  update(@IdParam() id: string, @Body() body: Record<string, unknown>, @Res() response: Response, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    return submitForm(response, {
      read: () => validated(UpdateVendorDto, { ...vendorInput(body), version: form.integer(body.version) }),
      save: async (value) => {
        await this.vendors.update(id, value);
        return `/vendors/${id}?notice=saved`;
      },
      reshow: async (errors, status) => {
        const current = await this.vendors.get(id);
        render(response, 'pages/vendors/form', {
          ...formOptions(user.locale, await this.users.people(), current.status), nav: 'vendors', titleKey: 'ui.vendors.editTitle', action: `/vendors/${id}`, vendorId: id,
          input: { ...shownInput(body), version: errors.version ? current.version : body.version }, errors, conflict: Boolean(errors.version), stored: storedInput(current, user.locale),
        }, status);
      },
    });
  }

  /** The vendor's audit trail, newest first (readers of the audit log only): who changed which field from what to what. */
  private async history(vendorId: string, locale: Locale) {
    const page = await this.auditLog.list(Object.assign(new AuditLogQuery(), { entityType: 'vendor', entityId: vendorId, pageSize: HISTORY_ENTRIES }));
    const owners = page.items.flatMap((entry) => [entry.changes?.ownerEmail?.before, entry.changes?.ownerEmail?.after]).filter((email): email is string => typeof email === 'string');
    const ctx = { locale, translator: this.translator, names: shownPeople(await this.users.peopleByEmail([...page.items.map((entry) => entry.actorEmail), ...owners]), locale, this.translator) };
    return {
      total: page.total,
      entries: page.items.map((entry) => ({
        at: entry.at.toISOString(),
        actor: personName(entry.actorEmail, ctx),
        action: entry.action,
        changes: Object.entries(entry.changes ?? {}).map(([field, change]) => ({
          field: historyFieldLabel(field, ctx), before: historyValue(field, change.before, ctx), after: historyValue(field, change.after, ctx),
        })),
      })),
    };
  }
}

/** How many trail entries the vendor page shows (the API pages through all). */
const HISTORY_ENTRIES = 20;

/** The vendor list's query (VendorListQuery): the page, its CSV and its .xlsx export select through the same filters. */
const LIST_FILTERS = [
  'q', 'status', 'riskTier', 'complianceStatus', 'flag', 'dataCategory', 'country', 'abroad', 'relationship', 'reentrustmentAllowed', 'owner', 'contract', 'expiringWithinDays',
  'lastAuditBefore', 'lastAuditAfter', 'nextAuditDueBefore', 'sort',
];

/** The vendor form's fields as the JSON API would receive them. */
function vendorInput(body: Record<string, unknown>): Record<string, unknown> {
  return {
    name: form.text(body.name) ?? '',
    reading: form.nullable(body.reading),
    corporateNumber: form.nullable(body.corporateNumber),
    country: countryFromForm(body.country) ?? 'JP',
    dataLocations: countriesFromForm(body.dataLocations),
    services: form.text(body.services) ?? '',
    dataCategories: form.list(body.dataCategories),
    dataSubjectCount: form.integer(body.dataSubjectCount),
    reentrustmentAllowed: form.checkbox(body.reentrustmentAllowed),
    gdprApplies: form.checkbox(body.gdprApplies),
    relationship: form.text(body.relationship),
    transferBasis: form.nullable(body.transferBasis),
    subcontractorApproval: form.text(body.subcontractorApproval),
    ownerEmail: form.nullable(body.ownerEmail),
    ownerName: form.nullable(body.ownerName),
    status: form.text(body.status),
    activeSince: form.nullable(body.activeSince),
    riskTierOverride: form.nullable(body.riskTierOverride),
    riskTierOverrideReason: form.nullable(body.riskTierOverrideReason),
  };
}

/** What the user typed, to show again (strings, as sent). */
function shownInput(body: Record<string, unknown>): Record<string, unknown> {
  return {
    ...Object.fromEntries(Object.entries(body).filter(([key]) => key !== '_csrf').map(([key, value]) => [key, typeof value === 'string' ? value : value])),
    dataCategories: form.list(body.dataCategories),
    reentrustmentAllowed: form.checkbox(body.reentrustmentAllowed),
    gdprApplies: form.checkbox(body.gdprApplies),
  };
}

/** The stored vendor in the form's terms (what the edit form starts from, and what a conflict shows). */
function storedInput(vendor: Vendor, locale: Locale): Record<string, unknown> {
  return { ...vendor, country: countryFieldText(vendor.country, locale), dataLocations: countriesFieldText(vendor.dataLocations, locale), dataSubjectCount: vendor.dataSubjectCount ?? '' };
}

/** A new vendor may start in any status; an edit offers its status and the lifecycle's moves from it. */
function formOptions(locale: Locale, people: Array<{ email: string; name: string }>, current?: VendorStatus) {
  return {
    options: {
      statuses: current ? statusChoices('vendor', current) : VENDOR_STATUSES, tiers: RISK_TIERS, categories: DATA_CATEGORIES,
      relationships: RELATIONSHIPS, transferBases: TRANSFER_BASES, approvalModes: SUBCONTRACTOR_APPROVAL_MODES,
      countries: countryChoices(locale), people,
    },
  };
}
