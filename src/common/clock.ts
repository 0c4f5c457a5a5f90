import { Injectable } from '@nestjs/common';

/** The time seam: tests replace it to control "now"; rules take explicit dates instead. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
