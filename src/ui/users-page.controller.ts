import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { SignInThrottleService } from '../auth/sign-in-throttle.service';
import { ADMINS, Roles, ROLES } from '../common/access-policy';
import { IdParam } from '../common/id-param';
import { PageQuery } from '../common/pagination';
import { LOCALES } from '../i18n/locale';
import { CreateUserDto, toUserView, UpdateUserDto } from '../users/dto/user.dto';
import { UsersService } from '../users/users.service';
import { FieldErrors, form, pagerOf, render, submitForm, validated } from './forms';
import { listQuery, PAGE_SIZE } from './lists';

/** User administration (admin): add users; enable, disable, change role and language. */
@ApiExcludeController()
@Controller()
export class UsersPageController {
  constructor(
    private readonly users: UsersService,
    private readonly throttle: SignInThrottleService,
  ) {}

  /** Clears a user's sign-in throttling (every address), as POST /api/v1/users/:id/unlock does. */
  @Roles(...ADMINS)
  @Post('users/:id/unlock')
  async unlockUser(@IdParam() id: string, @Res() response: Response): Promise<void> {
    await this.throttle.unlock(id);
    response.redirect(303, '/users');
  }

  @Roles(...ADMINS)
  @Get('users')
  async usersPage(@Res() response: Response, @Query('page') page?: string): Promise<void> {
    await this.renderUsers(response, form.text(page) ?? '1', { input: { role: 'viewer', locale: 'ja' }, errors: {} });
  }

  @Roles(...ADMINS)
  @Post('users')
  createUser(@Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const input = { email: form.text(body.email) ?? '', name: form.text(body.name) ?? '', department: form.nullable(body.department), role: form.text(body.role), locale: form.text(body.locale), password: typeof body.password === 'string' ? body.password : '' };
    return submitForm(response, {
      read: () => validated(CreateUserDto, input),
      save: async (value) => {
        await this.users.create(value);
        return '/users';
      },
      reshow: (errors, status) => this.renderUsers(response, '1', { input: { ...input, password: '' }, errors }, status),
    });
  }

  /**
   * Enable or disable a user (disabling ends their sessions), or change their role and language, at
   * the version the admin saw. A refusal (the last admin, a stale version) is shown on the user's row
   * with what the admin chose kept.
   */
  @Roles(...ADMINS)
  @Post('users/:id')
  updateUser(@IdParam() id: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const active = form.text(body.active);
    // The enable/disable button sends no department: it is left as it is.
    const department = typeof body.department === 'string' ? { department: form.nullable(body.department) } : {};
    const input = { version: form.integer(body.version), role: form.text(body.role), locale: form.text(body.locale), ...department, ...(active === undefined ? {} : { active: active === 'true' }) };
    return submitForm(response, {
      read: () => validated(UpdateUserDto, input),
      save: async (value) => {
        await this.users.update(id, value);
        return '/users';
      },
      reshow: (errors, status) =>
        this.renderUsers(response, '1', { input: { role: 'viewer', locale: 'ja' }, errors: {}, row: { id, role: input.role, locale: input.locale, department: input.department, error: Object.values(errors).join('; ') } }, status),
    });
  }

  private async renderUsers(
    response: Response, page: string, model: { input: Record<string, unknown>; errors: FieldErrors; row?: { id: string; role?: string; locale?: string; department?: string | null; error: string } }, status = 200,
  ): Promise<void> {
    const query = await listQuery(PageQuery, { page, pageSize: String(PAGE_SIZE) });
    const list = await this.users.list(query);
    const { row, ...rest } = model;
    // Each row's role and language form shows the stored values, or on the refused row what the admin chose.
    const users = list.items.map(toUserView).map((user) => {
      const refused = row?.id === user.id ? row : null;
      return { ...user, shown: { role: refused?.role ?? user.role, locale: refused?.locale ?? user.locale, department: refused?.department !== undefined ? refused.department : user.department }, error: refused?.error ?? null };
    });
    render(response, 'pages/users', { nav: 'users', titleKey: 'ui.users.title', users, pager: pagerOf('/users', {}, list), options: { roles: ROLES, locales: LOCALES }, ...rest }, status);
  }
}
