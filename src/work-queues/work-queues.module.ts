import { Module } from '@nestjs/common';
import { ActionsModule } from '../actions/actions.module';
import { ContractQueuesBackfill } from './contract-queues-backfill';
import { WorkQueuesController } from './work-queues.controller';
import { WorkQueuesService } from './work-queues.service';

@Module({
  imports: [ActionsModule],
  controllers: [WorkQueuesController],
  providers: [WorkQueuesService, ContractQueuesBackfill],
  exports: [WorkQueuesService],
})
export class WorkQueuesModule {}
