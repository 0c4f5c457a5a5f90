import { Global, Module } from '@nestjs/common';
import { Clock } from './clock';
import { ScheduledJobs } from './scheduled-jobs';

@Global()
@Module({ providers: [Clock, ScheduledJobs], exports: [Clock, ScheduledJobs] })
export class CommonModule {}
