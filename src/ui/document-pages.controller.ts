import { Body, Controller, Get, Inject, Injectable, Post, Query, Res, Type, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { ADMINS, EVERY_ROLE, Roles } from '../common/access-policy';
import { AuthenticatedUser, CurrentUser } from '../common/authenticated-user';
import { IdParam } from '../common/id-param';
import { AppConfig } from '../config/app-config';
import { DeleteFileDto, SupersedeFileDto, UploadFileForm } from '../files/dto/file.dto';
import { sendStoredFile } from '../files/file-download';
import { FileContentMissingError, StorageUnavailableError } from '../files/file-errors';
import { DOCUMENT_WRITERS, FILE_OWNERS, FileOwner, FileOwnerType, mayWriteDocuments, ownerClassName } from '../files/file-owners';
import { FileUploadInterceptor, IncomingFile } from '../files/file-upload.interceptor';
import { DocumentView, FileView } from '../files/file.view';
import { FilesService } from '../files/files.service';
import { MessageKey } from '../i18n/messages';
import { Translator } from '../i18n/translator';
import { VendorsService } from '../vendors/vendors.service';
import { form, problemLines, render, submitForm, validated } from './forms';
import { Problem } from '../common/problems';
import { httpStatusOf } from '../common/api-exception.filter';

type Locale = AuthenticatedUser['locale'];

const NOTICES: Record<string, MessageKey> = { uploaded: 'ui.documents.uploaded', superseded: 'ui.documents.supersededNow', deleted: 'ui.documents.deleted' };

/** Where a record's documents are listed, and where its page is. */
export function documentsPath(type: string, id: string): string {
  return `/${FILE_OWNERS[type as FileOwnerType].path}/${id}/documents`;
}

/**
 * The pages of documents: each record's documents with every version (uploader, time, size, type,
 * name, SHA-256), upload (a plain file input; drag and drop where scripts run), download, inline view
 * of PDFs and images, verification, supersede, and an admin's delete with a reason.
 */
@Injectable()
export class DocumentPages {
  constructor(
    private readonly files: FilesService,
    private readonly vendors: VendorsService,
    private readonly translator: Translator,
    private readonly config: AppConfig,
  ) {}

  /** A record's documents page (also re-shown with a problem after a refused upload or change). */
  async renderOwner(response: Response, type: FileOwnerType, id: string, user: AuthenticatedUser, extras: { notice?: string; problem?: string; status?: number } = {}): Promise<void> {
    const owner = await this.files.owner(type, id);
    const [documents, vendor] = await Promise.all([this.files.listForOwner(type, id), this.vendors.get(owner.vendorId)]);
    render(response, 'pages/documents/owner', {
      nav: 'vendors', titleKey: 'ui.documents.title', vendor,
      owner: { type, id, kind: this.t(user.locale, `ui.documents.owner.${type}`), label: this.ownerLabel(owner, user.locale), back: ownerPage(owner) },
      ...this.listModel(documents, type, id, user),
      notice: extras.notice ? NOTICES[extras.notice] : undefined,
      problem: extras.problem,
    }, extras.status ?? 200);
  }

  /** The record's documents again, saying why a change or an upload was refused (400, 409, or 503 when the store is down). */
  renderRefused(response: Response, type: FileOwnerType, id: string, user: AuthenticatedUser, problems: readonly Problem[], status: number): Promise<void> {
    return this.renderOwner(response, type, id, user, { problem: problemLines(problems).join('; '), status });
  }

  /** What the documents partial needs: the documents with sizes in the user's terms, and who may do what. */
  listModel(documents: DocumentView[], type: FileOwnerType, id: string, user: AuthenticatedUser) {
    return {
      documents: documents.map((document) => ({ ...document, versions: document.versions.map((version) => this.shown(version, user.locale)) })),
      canWriteDocuments: mayWriteDocuments(user.role, type),
      uploadAction: documentsPath(type, id),
      maxMb: this.config.files.maxBytes / 1_000_000,
    };
  }

  shown(version: FileView, locale: Locale) {
    return { ...version, sizeLabel: this.t(locale, 'ui.documents.bytes', { size: this.translator.number(locale, version.size) }) };
  }

  private ownerLabel(owner: FileOwner, locale: Locale): string {
    const record = owner.record;
    const text = (value: unknown) => (value === null || value === undefined ? '' : String(value));
    switch (owner.type) {
      case 'contract':
      case 'finding':
        return text(record.title);
      case 'audit':
        return `${this.t(locale, `ui.enum.auditKind.${text(record.kind)}`)} ${text(record.scheduledFor)}`;
      case 'assessment':
        return `${this.t(locale, `ui.enum.assessmentKind.${text(record.kind)}`)} ${text(record.completedOn)}`;
      case 'certificate':
        return [this.t(locale, `certificateKind.${text(record.kind)}`), text(record.number), text(record.validUntil)].filter(Boolean).join(' ');
      case 'deletion-certificate':
        return [text(record.receivedOn), text(record.note)].filter(Boolean).join(' ');
    }
  }

  private t(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
    return this.translator.t(locale, key as MessageKey, params);
  }
}

/** The record's own page: the checklist for a contract, the vendor's section for the others. */
function ownerPage(owner: FileOwner): string {
  const anchors: Record<FileOwnerType, string> = {
    contract: '', audit: 'audits', finding: 'findings', certificate: 'certificates', 'deletion-certificate': 'deletion-certificates', assessment: 'assessments',
  };
  return owner.type === 'contract' ? `/contracts/${owner.id}` : `/vendors/${owner.vendorId}#${anchors[owner.type]}`;
}

/** Download, view, verify, supersede and delete of one version, for the signed-in browser. */
@ApiExcludeController()
@Controller('files')
export class FilePagesController {
  constructor(
    private readonly files: FilesService,
    private readonly pages: DocumentPages,
  ) {}

  @Roles(...EVERY_ROLE) @Get(':id/download')
  download(@IdParam() id: string, @Res() response: Response): Promise<void> {
    return this.send(response, id, false);
  }

  /** PDFs and images in the browser, under a policy that runs nothing; other types download. */
  @Roles(...EVERY_ROLE) @Get(':id/view')
  view(@IdParam() id: string, @Res() response: Response): Promise<void> {
    return this.send(response, id, true);
  }

  @Roles(...EVERY_ROLE) @Get(':id/verify')
  async verify(@IdParam() id: string, @Res() response: Response, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    const file = await this.files.file(id);
    try {
      const result = await this.files.verify(id);
      render(response, 'pages/documents/verify', { nav: 'vendors', titleKey: 'ui.documents.verify', file: this.pages.shown(file, user.locale), result, back: documentsPath(file.ownerType, file.ownerId) });
    } catch (error) {
      this.problemPage(response, error, file);
    }
  }

  @Roles(...DOCUMENT_WRITERS) @Post(':id/supersede')
  async supersede(@IdParam() id: string, @Body() body: Record<string, unknown>, @Res() response: Response, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    const file = await this.files.file(id);
    return submitForm(response, {
      read: () => validated(SupersedeFileDto, { version: form.integer(body.version), note: form.text(body.note) }),
      save: async (value) => {
        await this.files.supersede(id, value, user);
        return `${documentsPath(file.ownerType, file.ownerId)}?notice=superseded`;
      },
      reshow: (_errors, status, problems) => this.pages.renderRefused(response, file.ownerType as FileOwnerType, file.ownerId, user, problems, status),
      alsoInline: [503],
    });
  }

  @Roles(...ADMINS) @Post(':id/delete')
  async remove(@IdParam() id: string, @Body() body: Record<string, unknown>, @Res() response: Response, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    const file = await this.files.file(id);
    return submitForm(response, {
      read: () => validated(DeleteFileDto, { reason: form.text(body.reason) }),
      save: async (value) => {
        await this.files.remove(id, value.reason);
        return `${documentsPath(file.ownerType, file.ownerId)}?notice=deleted`;
      },
      reshow: (_errors, status, problems) => this.pages.renderRefused(response, file.ownerType as FileOwnerType, file.ownerId, user, problems, status),
      alsoInline: [503],
    });
  }

  private async send(response: Response, id: string, inline: boolean): Promise<void> {
    try {
      await sendStoredFile(response, await this.files.openContent(id), inline);
    } catch (error) {
      if (!(error instanceof FileContentMissingError || error instanceof StorageUnavailableError)) throw error;
      this.problemPage(response, error, await this.files.file(id));
    }
  }

  /** Missing bytes (410) or an unreachable store (503) on a page: said plainly, with the way back. */
  private problemPage(response: Response, error: unknown, file: FileView): void {
    if (!(error instanceof FileContentMissingError || error instanceof StorageUnavailableError)) throw error;
    render(response, 'pages/documents/problem', {
      nav: 'vendors', titleKey: error instanceof FileContentMissingError ? 'ui.documents.contentMissingTitle' : 'ui.documents.storageUnavailableTitle',
      problems: problemLines(error.problems), back: documentsPath(file.ownerType, file.ownerId),
    }, httpStatusOf(error));
  }
}



/**
 * `GET/POST /<records>/:id/documents` for one kind of record: everyone reads; the record's writers
 * upload (multipart: the CSRF token travels in the action's query string, as the body is read after
 * the guard). One class per kind, so each route's policy is exactly the record's.
 */
export function documentPagesController(type: FileOwnerType): Type<unknown> {
  const { path, writers } = FILE_OWNERS[type];

  @ApiExcludeController()
  @Controller(path)
  class OwnerDocumentPagesController {
    constructor(
      @Inject(DocumentPages) private readonly pages: DocumentPages,
      @Inject(FilesService) private readonly files: FilesService,
    ) {}

    @Roles(...EVERY_ROLE) @Get(':id/documents')
    page(@IdParam() id: string, @Res() response: Response, @CurrentUser() user: AuthenticatedUser, @Query('notice') notice?: string): Promise<void> {
      return this.pages.renderOwner(response, type, id, user, { notice });
    }

    @Roles(...writers) @Post(':id/documents')
    @UseInterceptors(FileUploadInterceptor)
    upload(
      @IdParam() id: string, @UploadedFile() file: IncomingFile | undefined, @Body() body: Record<string, unknown>, @Query('back') back: string | undefined,
      @Res() response: Response, @CurrentUser() user: AuthenticatedUser,
    ): Promise<void> {
      return submitForm(response, {
        read: () => validated(UploadFileForm, { title: form.text(body.title), documentId: form.text(body.documentId) }),
        save: async (value) => {
          await this.files.upload(type, id, file, value, user);
          return type === 'contract' && back === 'checklist' ? `/contracts/${id}?notice=documentUploaded` : `${documentsPath(type, id)}?notice=uploaded`;
        },
        reshow: (_errors, status, problems) => this.pages.renderRefused(response, type, id, user, problems, status),
        alsoInline: [503],
      });
    }
  }

  Object.defineProperty(OwnerDocumentPagesController, 'name', { value: ownerClassName(type, 'DocumentPagesController') });
  return OwnerDocumentPagesController;
}
