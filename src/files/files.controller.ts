import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Query, Res, Type, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ADMINS, EVERY_ROLE, Roles } from '../common/access-policy';
import { AuthenticatedUser, CurrentUser } from '../common/authenticated-user';
import { IdParam } from '../common/id-param';
import { PageQuery, paginate } from '../common/pagination';
import { ContentQuery, DeleteFileDto, SupersedeFileDto, UploadFileForm } from './dto/file.dto';
import { sendStoredFile } from './file-download';
import { DOCUMENT_WRITERS, FILE_OWNERS, FileOwnerType, ownerClassName } from './file-owners';
import { FileUploadInterceptor, IncomingFile } from './file-upload.interceptor';
import { FilesService } from './files.service';

/** One document version (a "file") and its document: read, download, verify; supersede (writers of the record); delete (admins). */
@ApiTags('files')
@ApiBearerAuth()
@Controller('api/v1')
export class FilesController {
  constructor(private readonly files: FilesService) {}

  @Roles(...EVERY_ROLE) @Get('documents/:id')
  document(@IdParam() id: string) {
    return this.files.document(id);
  }

  @Roles(...EVERY_ROLE) @Get('files/:id')
  file(@IdParam() id: string) {
    return this.files.file(id);
  }

  @Roles(...EVERY_ROLE) @Get('files/:id/content')
  @ApiOperation({ summary: 'the stored bytes: Content-Disposition attachment (inline=true: PDF and images only), nosniff; 410 when the bytes are missing, 503 when the store is down' })
  @ApiProduces('application/octet-stream')
  async content(@IdParam() id: string, @Query() query: ContentQuery, @Res() response: Response): Promise<void> {
    await sendStoredFile(response, await this.files.openContent(id), query.inline === 'true');
  }

  @Roles(...EVERY_ROLE) @Get('files/:id/verify')
  @ApiOperation({ summary: 're-hashes the stored bytes: {status: ok | mismatch | missing, sha256, actualSha256, size, actualSize, checkedAt}' })
  verify(@IdParam() id: string) {
    return this.files.verify(id);
  }

  @Roles(...DOCUMENT_WRITERS) @Post('files/:id/supersede') @HttpCode(200)
  @ApiOperation({ summary: 'marks the version as no longer applying (it stays downloadable); the writers of the owning record' })
  supersede(@IdParam() id: string, @Body() body: SupersedeFileDto, @CurrentUser() user: AuthenticatedUser) {
    return this.files.supersede(id, body, user);
  }

  @Roles(...ADMINS) @Delete('files/:id') @HttpCode(204)
  @ApiOperation({ summary: 'deletes a version (admins, with a reason); the audit log keeps its SHA-256' })
  async remove(@IdParam() id: string, @Body() body: DeleteFileDto): Promise<void> {
    await this.files.remove(id, body.reason);
  }
}

/**
 * `GET/POST /api/v1/<records>/:id/files` for one kind of record: everyone reads, the record's own
 * writers upload (so each route's policy is exactly the record's). One class per kind, same code.
 */
export function ownerFilesController(type: FileOwnerType): Type<unknown> {
  const { path, writers } = FILE_OWNERS[type];

  @ApiTags('files')
  @ApiBearerAuth()
  @Controller(`api/v1/${path}`)
  class OwnerFilesController {
    constructor(@Inject(FilesService) private readonly files: FilesService) {}

    @Roles(...EVERY_ROLE) @Get(':id/files')
    async list(@IdParam() id: string, @Query() query: PageQuery) {
      return paginate(await this.files.listForOwner(type, id), query);
    }

    @Roles(...writers) @Post(':id/files')
    @UseInterceptors(FileUploadInterceptor)
    @ApiConsumes('multipart/form-data')
    @ApiBody({
      schema: {
        type: 'object', required: ['file'],
        properties: { file: { type: 'string', format: 'binary' }, title: { type: 'string', maxLength: 200 }, documentId: { type: 'string', format: 'uuid', description: 'the next version of this document' } },
      },
    })
    @ApiOperation({ summary: `uploads a document of the ${type} (or, with documentId, its next version); type from the bytes, size limit FILES_MAX_MB` })
    upload(@IdParam() id: string, @UploadedFile() file: IncomingFile | undefined, @Body() form: UploadFileForm, @CurrentUser() user: AuthenticatedUser) {
      return this.files.upload(type, id, file, form, user);
    }
  }

  Object.defineProperty(OwnerFilesController, 'name', { value: ownerClassName(type, 'FilesController') });
  return OwnerFilesController;
}
