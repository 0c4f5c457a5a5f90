import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { ADMINS, EVERY_ROLE, Roles } from '../common/access-policy';
import { UpdateSettingsDto } from '../settings/dto/settings.dto';
import { TELECOM_BUREAUS } from '../rules/organisation-profile';
import { SettingsService } from '../settings/settings.service';
import { form, render, submitForm, validated } from './forms';

const REMINDER_FIELDS = ['auditDueDays', 'contractExpiryDays', 'noticeDeadlineDays', 'findingDueDays', 'certificateExpiryDays', 'objectionDeadlineDays'] as const;

/** The organisation's profile, audit intervals, the objection period and reminder thresholds (everyone reads; admins change them). */
@ApiExcludeController()
@Controller()
export class SettingsPageController {
  constructor(private readonly settings: SettingsService) {}

  @Roles(...EVERY_ROLE)
  @Get('settings')
  async settingsPage(@Res() response: Response, @Query('notice') notice?: string): Promise<void> {
    const current = await this.settings.view();
    render(response, 'pages/settings', { nav: 'settings', titleKey: 'ui.settings.title', bureaus: TELECOM_BUREAUS, input: settingsInput(current), version: current.version, errors: {}, notice: notice === 'saved' ? 'ui.common.saved' : undefined });
  }

  @Roles(...ADMINS)
  @Post('settings')
  saveSettings(@Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const days = (name: string) => form.commaList(body[name]).map((value) => (/^\d+$/.test(value) ? Number(value) : value));
    return submitForm(response, {
      read: () => validated(UpdateSettingsDto, {
        version: form.integer(body.version),
        auditIntervalMonths: { high: form.integer(body.high), medium: form.integer(body.medium), low: form.integer(body.low) },
        objectionDays: form.integer(body.objectionDays),
        // An empty field keeps the stored thresholds.
        reminderDays: Object.fromEntries(REMINDER_FIELDS.map((name) => [name, days(name)]).filter(([, list]) => list.length > 0)),
        // The form shows every profile setting: an unticked box is false.
        organisationProfile: {
          telecomCarrier: form.checkbox(body.telecomCarrier),
          telecomBureau: form.text(body.telecomBureau),
          privacyMark: form.checkbox(body.privacyMark),
          isms: form.checkbox(body.isms),
          policyPromises: form.checkbox(body.policyPromises),
        },
      }),
      save: async (value) => {
        await this.settings.update(value);
        return '/settings?notice=saved';
      },
      reshow: async (errors, status) => {
        const current = await this.settings.view();
        render(response, 'pages/settings', { nav: 'settings', titleKey: 'ui.settings.title', bureaus: TELECOM_BUREAUS, input: body, version: errors.version ? current.version : body.version, stored: errors.version ? settingsInput(current) : null, errors }, status);
      },
    });
  }
}

function settingsInput(view: Awaited<ReturnType<SettingsService['view']>>): Record<string, unknown> {
  return {
    ...view.organisationProfile,
    ...view.auditIntervalMonths, objectionDays: view.objectionDays,
    ...Object.fromEntries(REMINDER_FIELDS.map((name) => [name, view.reminderDays[name].join(', ')])),
  };
}
