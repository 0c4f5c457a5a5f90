import { ValidateBy, ValidationOptions, buildMessage } from 'class-validator';
import { isCalendarDate } from '../rules/calendar';

/** A real calendar date in YYYY-MM-DD form. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value),
        defaultMessage: buildMessage((each) => `${each}must be a date in YYYY-MM-DD form`, options),
      },
    },
    options,
  );
}
