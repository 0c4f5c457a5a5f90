import { Module } from '@nestjs/common';
import { SettingsModule } from '../settings/settings.module';
import { AuditPlanController } from './audit-plan.controller';
import { AuditPlanService } from './audit-plan.service';

/** Audit planning at scale: the annual plan over the compliance engine's due dates. */
@Module({
  imports: [SettingsModule],
  controllers: [AuditPlanController],
  providers: [AuditPlanService],
  exports: [AuditPlanService],
})
export class PlanningModule {}
