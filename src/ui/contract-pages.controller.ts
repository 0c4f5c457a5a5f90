import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CHECKLIST_WRITERS, CONTRACT_WRITERS, EVERY_ROLE, Roles } from '../common/access-policy';
import { AuthenticatedUser, CurrentUser } from '../common/authenticated-user';
import { CatalogueService } from '../catalogue/catalogue.service';
import { IdParam } from '../common/id-param';
import { ChecklistView, ContractView } from '../contracts/contract.view';
import { ChecklistReview, ContractChecklistService } from '../contracts/contract-checklist.service';
import { ContractsService } from '../contracts/contracts.service';
import { CreateContractDto, UpdateChecklistItemDto, UpdateContractDto } from '../contracts/dto/contract.dto';
import { CONTRACT_KINDS, CONTRACT_STATUSES, ContractStatus, REVIEW_STATUSES } from '../rules/contracts';
import { citationsOf, referenceIndex } from '../rules/citations';
import { statusChoices } from '../rules/lifecycles';
import { Locale } from '../i18n/locale';
import { VendorsService } from '../vendors/vendors.service';
import { FieldErrors, form, render, submitForm, validated } from './forms';
import { ValidationError } from '../common/domain-errors';
import { Problem } from '../common/problems';
import { FilesService } from '../files/files.service';
import { DocumentPages } from './document-pages.controller';
import { UsersService } from '../users/users.service';
import { Translator } from '../i18n/translator';
import { shownPeople } from './people';

type RowInput = { status: string; section: string; note: string };

/** Contracts and legal's clause checklist: one row per clause type, saved together, then signed off. */
@ApiExcludeController()
@Controller()
export class ContractPagesController {
  constructor(
    private readonly contracts: ContractsService,
    private readonly checklists: ContractChecklistService,
    private readonly vendors: VendorsService,
    private readonly catalogue: CatalogueService,
    private readonly files: FilesService,
    private readonly documentPages: DocumentPages,
    private readonly users: UsersService,
    private readonly translator: Translator,
  ) {}

  @Roles(...CONTRACT_WRITERS)
  @Get('vendors/:id/contracts/new')
  async newForm(@IdParam() vendorId: string, @Res() response: Response): Promise<void> {
    const vendor = await this.vendors.get(vendorId);
    render(response, 'pages/contracts/form', { ...contractOptions(), nav: 'vendors', titleKey: 'ui.contracts.newTitle', action: `/vendors/${vendorId}/contracts`, vendor, input: { kind: 'entrustment', status: 'signed' }, errors: {} });
  }

  @Roles(...CONTRACT_WRITERS)
  @Post('vendors/:id/contracts')
  create(@IdParam() vendorId: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    return submitForm(response, {
      read: () => validated(CreateContractDto, contractInput(body)),
      save: async (value) => `/contracts/${(await this.contracts.create(vendorId, value)).id}`,
      reshow: async (errors, status) =>
        render(response, 'pages/contracts/form', {
          ...contractOptions(), nav: 'vendors', titleKey: 'ui.contracts.newTitle', action: `/vendors/${vendorId}/contracts`, vendor: await this.vendors.get(vendorId),
          input: { ...body, autoRenew: form.checkbox(body.autoRenew) }, errors,
        }, status),
    });
  }

  @Roles(...CONTRACT_WRITERS)
  @Get('contracts/:id/edit')
  async editForm(@IdParam() id: string, @Res() response: Response): Promise<void> {
    const contract = await this.contracts.get(id);
    await this.renderEdit(response, contract, storedContract(contract), {});
  }

  /**
   * Saves the contract's fields at the version legal read; the status offers only the allowed moves.
   * A stale version re-renders the form with the user's input and what is stored now; nothing is written.
   */
  @Roles(...CONTRACT_WRITERS)
  @Post('contracts/:id')
  update(@IdParam() id: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    return submitForm(response, {
      read: () => validated(UpdateContractDto, { version: form.integer(body.version), ...contractInput(body) }),
      save: async (value) => `/vendors/${(await this.contracts.update(id, value)).vendorId}?notice=saved#contracts`,
      reshow: async (errors, status) => {
        const current = await this.contracts.get(id);
        const shown = { ...Object.fromEntries(Object.entries(body).filter(([key]) => key !== '_csrf')), autoRenew: form.checkbox(body.autoRenew) };
        await this.renderEdit(response, current, { ...shown, version: errors.version ? current.version : body.version }, errors, status, errors.version ? storedContract(current) : null);
      },
    });
  }

  private async renderEdit(response: Response, contract: ContractView, input: Record<string, unknown>, errors: FieldErrors, status = 200, stored: Record<string, unknown> | null = null): Promise<void> {
    const vendor = await this.vendors.get(contract.vendorId);
    const statuses = statusChoices('contract', contract.status as ContractStatus);
    render(response, 'pages/contracts/form', {
      nav: 'vendors', titleKey: 'ui.contracts.editTitle', action: `/contracts/${contract.id}`, contractId: contract.id, vendor, input, errors, stored, conflict: Boolean(errors.version),
      options: { kinds: CONTRACT_KINDS, statuses },
    }, status);
  }

  @Roles(...EVERY_ROLE)
  @Get('contracts/:id')
  async checklistPage(@IdParam() id: string, @Res() response: Response, @CurrentUser() user: AuthenticatedUser, @Query('notice') notice?: string): Promise<void> {
    const checklist = await this.checklists.checklist(id);
    await this.renderChecklist(response, user.locale, checklist, null, {}, 200, notice === 'saved' ? 'ui.checklist.saved' : notice === 'approved' ? 'ui.checklist.approvedNow' : notice === 'documentUploaded' ? 'ui.documents.uploaded' : undefined);
  }

  /**
   * Saves the rows at the version legal read (ContractChecklistService.saveReviews). A stale version
   * changes nothing and shows their input beside what is stored now, with the current version, so
   * saving again applies it.
   */
  @Roles(...CHECKLIST_WRITERS)
  @Post('contracts/:id/checklist')
  async saveChecklist(@IdParam() id: string, @Body() body: Record<string, unknown>, @Res() response: Response, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    const sentVersion = Number(form.text(body.version));
    const current = await this.checklists.checklist(id);
    const input = rowsFromForm(body, current);
    return submitForm(response, {
      read: () => reviewsOf(current, input),
      save: async (reviews) => {
        await this.checklists.saveReviews(id, sentVersion, reviews, user);
        return `/contracts/${id}?notice=saved`;
      },
      reshow: async (errors, status) => this.renderChecklist(response, user.locale, await this.checklists.checklist(id), input, errors, status, undefined, sentVersion),
    });
  }

  @Roles(...CHECKLIST_WRITERS)
  @Post('contracts/:id/checklist/approve')
  approve(@IdParam() id: string, @Body() body: Record<string, unknown>, @Res() response: Response, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    const version = Number(form.text(body.version));
    // exception__<clauseType>: legal's note for each required clause type approved although missing or partial.
    const exceptions = Object.entries(body)
      .filter(([field]) => field.startsWith('exception__'))
      .map(([field, note]) => ({ clauseType: field.slice('exception__'.length), note: form.text(note) ?? '' }))
      .filter((exception) => exception.note !== '');
    return submitForm(response, {
      read: async () => version,
      save: async () => {
        await this.checklists.approve(id, version, user, exceptions);
        return `/contracts/${id}?notice=approved`;
      },
      // Exception notes missing (or given for items that need none): the approval form marks its fields.
      reshow: async (errors, status, problems) => this.renderChecklist(
        response, user.locale, await this.checklists.checklist(id), null, problems.some((problem) => problem.field?.startsWith('exceptions.')) ? { ...errors, exceptions: errors.exceptions ?? '' } : errors,
        status, undefined, version, Object.fromEntries(exceptions.map((exception) => [exception.clauseType, exception.note])),
      ),
    });
  }

  private async renderChecklist(
    response: Response, locale: Locale, checklist: ChecklistView, input: Record<string, RowInput> | null, errors: FieldErrors, status: number, notice?: string, sentVersion?: number,
    exceptionInput: Record<string, string> = {},
  ): Promise<void> {
    const [contract, history, documents] = await Promise.all([
      this.contracts.get(checklist.contractId), this.checklists.history(checklist.contractId), this.files.listForOwner('contract', checklist.contractId),
    ]);
    // The contract's current document(s) beside the clauses, with a preview of the first PDF or image.
    const documentList = this.documentPages.listModel(documents, 'contract', checklist.contractId, response.locals.user as AuthenticatedUser);
    const currentFiles = documentList.documents.flatMap((document) => document.versions.filter((version) => version.current));
    const vendor = await this.vendors.get(contract.vendorId);
    // Reviewers, the approver and the history's actors by name (and department); the API keeps their addresses.
    const people = shownPeople(await this.users.peopleByEmail([checklist.approvedBy, ...checklist.items.map((item) => item.reviewedBy), ...history.map((event) => event.actor)]), locale, this.translator);
    const shown = (email: string | null) => (email === null ? null : people.get(email) ?? email);
    const references = referenceIndex(this.catalogue.rules().requirements);
    const rows = checklist.items.map((item) => {
      const typed = input?.[item.clauseType];
      const stored = { status: item.status, section: item.section ?? '', note: item.note ?? '' };
      return {
        ...item,
        reviewedBy: shown(item.reviewedBy),
        title: locale === 'ja' ? item.titleJa : item.titleEn,
        // Why required: how binding (legal-model.md §2) and the law of the requirements that make it so, in the reader's language.
        why: citationsOf(item.requiredBy, references, locale),
        shown: typed ?? stored,
        // On a conflict: what is stored now where it differs from what the user typed.
        stored: errors.version && typed && (typed.status !== stored.status || typed.section !== stored.section || typed.note !== stored.note) ? stored : null,
        error: errors[item.clauseType],
      };
    });
    const titleOf = (clauseType: string) => rows.find((row) => row.clauseType === clauseType)?.title ?? clauseType;
    // The required clause types a sign-off must accept as exceptions (missing or partial), each with its note field.
    const exceptionRows = checklist.items
      .filter((item) => item.required && (item.status === 'missing' || item.status === 'partial'))
      .map((item) => ({ clauseType: item.clauseType, title: titleOf(item.clauseType), status: item.status, note: exceptionInput[item.clauseType] ?? '', missing: Boolean(errors.exceptions) && !exceptionInput[item.clauseType] }));
    const approvalExceptions = checklist.approvalExceptions.map((exception) => ({ ...exception, title: titleOf(exception.clauseType) }));
    render(response, 'pages/contracts/checklist', {
      nav: 'vendors', titleKey: 'ui.contracts.checklist', contract, vendor, checklist: { ...checklist, approvedBy: shown(checklist.approvedBy) }, rows,
      history: history.map((event) => ({ ...event, actor: shown(event.actor), withExceptions: Array.isArray(event.details.exceptions) })),
      statuses: REVIEW_STATUSES, exceptionRows, approvalExceptions,
      conflict: errors.version ? { sent: sentVersion, current: checklist.version } : null, problem: errors.items ?? errors._ ?? null, exceptionsProblem: Boolean(errors.exceptions), notice,
      ...documentList, currentFiles, preview: currentFiles.find((file) => file.viewable) ?? null, uploadBack: 'checklist',
    }, status);
  }
}

/** The contract form's fields as the JSON API would receive them. */
function contractInput(body: Record<string, unknown>): Record<string, unknown> {
  return {
    title: form.text(body.title) ?? '',
    kind: form.text(body.kind),
    status: form.text(body.status),
    signedOn: form.nullable(body.signedOn),
    effectiveFrom: form.text(body.effectiveFrom) ?? '',
    expiresOn: form.nullable(body.expiresOn),
    autoRenew: form.checkbox(body.autoRenew),
    noticeDays: form.integer(body.noticeDays),
    incidentNoticeHours: form.integer(body.incidentNoticeHours),
    governingLaw: form.nullable(body.governingLaw),
    documentRef: form.nullable(body.documentRef),
    retentionPeriod: form.nullable(body.retentionPeriod),
  };
}

/** The form's rows: status__<code>, section__<code>, note__<code> for every clause type. */
function rowsFromForm(body: Record<string, unknown>, current: ChecklistView): Record<string, RowInput> {
  return Object.fromEntries(
    current.items.map((item) => [
      item.clauseType,
      { status: form.text(body[`status__${item.clauseType}`]) ?? item.status, section: form.text(body[`section__${item.clauseType}`]) ?? '', note: form.text(body[`note__${item.clauseType}`]) ?? '' },
    ]),
  );
}

/**
 * Every row checked with the API's DTO for one item: the reviews to save, or a ValidationError whose
 * problems are named by their row (the clause type), so each shows on its own row.
 */
async function reviewsOf(current: ChecklistView, input: Record<string, RowInput>): Promise<ChecklistReview[]> {
  const reviews: ChecklistReview[] = [];
  const problems: Problem[] = [];
  for (const item of current.items) {
    const row = input[item.clauseType];
    try {
      const value = await validated(UpdateChecklistItemDto, { status: row.status, section: row.section || null, note: row.note || null, version: current.version });
      reviews.push({ clauseType: item.clauseType, status: value.status, section: value.section, note: value.note });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      problems.push(...error.problems.map((problem) => ({ ...problem, field: `${item.clauseType}.${problem.field ?? ''}` })));
    }
  }
  if (problems.length > 0) throw new ValidationError(problems);
  return reviews;
}

/** The stored contract in the form's terms (what the edit form starts from, and what a conflict shows). */
function storedContract(contract: ContractView): Record<string, unknown> {
  return { ...contract, noticeDays: contract.noticeDays ?? '', incidentNoticeHours: contract.incidentNoticeHours ?? '' };
}

function contractOptions() {
  return { options: { kinds: CONTRACT_KINDS, statuses: CONTRACT_STATUSES } };
}
