import { Module } from '@nestjs/common';
import { ContractsModule } from '../contracts/contracts.module';
import { VendorsModule } from '../vendors/vendors.module';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';

@Module({ imports: [VendorsModule, ContractsModule], controllers: [ImportsController], providers: [ImportsService], exports: [ImportsService] })
export class ImportsModule {}
