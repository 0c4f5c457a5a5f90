import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { calendarDate } from '../rules/calendar';

/** The time seam: tests replace it to control "now"; rules take explicit dates instead. */
@Injectable()
export class Clock {
  constructor(private readonly config: AppConfig) {}

  now(): Date {
    return new Date();
  }

  /** ORG_TIMEZONE: where calendar dates and wall-clock times are read. */
  get timeZone(): string {
    return this.config.orgTimezone;
  }

  /** Today as a calendar date in ORG_TIMEZONE: the default `asOf` of every rule. */
  today(): string {
    return calendarDate(this.now(), this.config.orgTimezone);
  }
}
