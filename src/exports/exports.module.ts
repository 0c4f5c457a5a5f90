import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { SettingsModule } from '../settings/settings.module';
import { VendorsModule } from '../vendors/vendors.module';
import { ExportsController } from './exports.controller';
import { ExportsService } from './exports.service';

@Module({ imports: [VendorsModule, CatalogueModule, SettingsModule], controllers: [ExportsController], providers: [ExportsService], exports: [ExportsService] })
export class ExportsModule {}
