import { Module } from '@nestjs/common';
import { VendorsController } from './vendors.controller';
import { VendorDependents } from './vendor-dependents';
import { VendorsService } from './vendors.service';

@Module({ controllers: [VendorsController], providers: [VendorsService, VendorDependents], exports: [VendorsService, VendorDependents] })
export class VendorsModule {}
