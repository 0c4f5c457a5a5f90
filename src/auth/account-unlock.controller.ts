import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IdParam } from '../common/id-param';
import { ADMINS, Roles } from '../common/access-policy';
import { SignInThrottleService } from './sign-in-throttle.service';

@ApiTags('users')
@ApiBearerAuth()
@Roles(...ADMINS)
@Controller('api/v1/users')
export class AccountUnlockController {
  constructor(private readonly throttle: SignInThrottleService) {}

  /** Clears the account's sign-in throttling (every address); audited as `unlock`. */
  @Post(':id/unlock')
  @HttpCode(204)
  async unlock(@IdParam() id: string): Promise<void> {
    await this.throttle.unlock(id);
  }
}
