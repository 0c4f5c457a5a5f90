import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ADMINS, EVERY_ROLE, Roles } from '../common/access-policy';
import { UpdateSettingsDto } from './dto/settings.dto';
import { SettingsService, SettingsView } from './settings.service';

@ApiTags('settings')
@ApiBearerAuth()
@Controller('api/v1/settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Roles(...EVERY_ROLE)
  @Get()
  view(): Promise<SettingsView> {
    return this.settings.view();
  }

  @Roles(...ADMINS)
  @Patch()
  update(@Body() body: UpdateSettingsDto): Promise<SettingsView> {
    return this.settings.update(body);
  }
}
