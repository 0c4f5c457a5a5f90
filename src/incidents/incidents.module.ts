import { Module, OnModuleInit } from '@nestjs/common';
import { SettingsModule } from '../settings/settings.module';
import { VendorDependents } from '../vendors/vendor-dependents';
import { VendorsModule } from '../vendors/vendors.module';
import { Incident } from './incident.entities';
import { IncidentsController } from './incidents.controller';
import { IncidentsService } from './incidents.service';

@Module({
  imports: [SettingsModule, VendorsModule],
  controllers: [IncidentsController],
  providers: [IncidentsService],
  exports: [IncidentsService],
})
export class IncidentsModule implements OnModuleInit {
  constructor(private readonly dependents: VendorDependents) {}

  /** Incidents are evidence: they keep their vendor. */
  onModuleInit(): void {
    this.dependents.keepsVendor(async (manager, vendorId) => [{ field: 'records', kind: 'incident', count: await manager.countBy(Incident, { vendorId }) }]);
  }
}
