import { Module } from '@nestjs/common';
import { AuditPlanController } from './audit-plan.controller';
import { AuditPlanService } from './audit-plan.service';

/** Audit planning at scale: the annual plan over the due dates the compliance engine stores. */
@Module({
  controllers: [AuditPlanController],
  providers: [AuditPlanService],
  exports: [AuditPlanService],
})
export class PlanningModule {}
