import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { createFileStorage } from './create-file-storage';
import { FileStorage } from './file-storage';
import { FILE_OWNER_TYPES } from './file-owners';
import { FileUploadInterceptor } from './file-upload.interceptor';
import { FilesController, ownerFilesController } from './files.controller';
import { FilesScheduler } from './files.scheduler';
import { FilesService } from './files.service';

/** Documents and evidence: the storage seam (local folder or S3), versions, hashes, verification. */
@Module({
  controllers: [FilesController, ...FILE_OWNER_TYPES.map(ownerFilesController)],
  providers: [
    FilesService,
    FilesScheduler,
    FileUploadInterceptor,
    { provide: FileStorage, useFactory: (config: AppConfig) => createFileStorage(config.files.storage), inject: [AppConfig] },
  ],
  exports: [FilesService, FileUploadInterceptor, FileStorage],
})
export class FilesModule {}
