import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { LEDGER_READERS, Roles } from '../common/access-policy';
import { Page } from '../common/pagination';
import { AuditLogService } from './audit-log.service';
import { AuditLogEntryView, toAuditLogEntryView } from './audit-log.view';
import { AuditLogQuery } from './dto/audit-log-query.dto';

@ApiTags('audit-log')
@ApiBearerAuth()
@Controller('api/v1/audit-log')
export class AuditLogController {
  constructor(private readonly auditLog: AuditLogService) {}

  /** The append-only trail, newest first (compliance and admins: LEDGER_READERS). */
  @Roles(...LEDGER_READERS)
  @Get()
  async list(@Query() query: AuditLogQuery): Promise<Page<AuditLogEntryView>> {
    const page = await this.auditLog.list(query);
    return { ...page, items: page.items.map(toAuditLogEntryView) };
  }
}
