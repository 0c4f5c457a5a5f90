import { ValidateBy, ValidationOptions, buildMessage } from 'class-validator';

/** ISO 8601 with a date, a time and a zone (Z or ±hh:mm): an instant, never a wall clock of no zone. */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

export function isTimestamp(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = TIMESTAMP.exec(value);
  if (!match) return false;
  const [, year, month, day, hour, minute, second = '00', offsetHours = '00', offsetMinutes = '00'] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  // A real calendar day (2026-02-30 is refused), a real time and a real offset.
  return (
    date.getUTCFullYear() === Number(year) && date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day) && Number(year) >= 1900 &&
    Number(hour) < 24 && Number(minute) < 60 && Number(second) < 60 && Number(offsetHours) < 24 && Number(offsetMinutes) < 60
  );
}

/** A timestamp with its zone, e.g. 2026-03-01T18:30:00+09:00 or 2026-03-01T09:30:00.000Z. */
export function IsTimestamp(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTimestamp',
      validator: {
        validate: (value: unknown) => isTimestamp(value),
        defaultMessage: buildMessage((each) => `${each}must be an ISO 8601 timestamp with a zone, e.g. 2026-03-01T18:30:00+09:00`, options),
      },
    },
    options,
  );
}
