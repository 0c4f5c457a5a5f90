import { ValidateBy, ValidationOptions, buildMessage } from 'class-validator';
import { isReading } from '../rules/japanese-names';

/** A reading (フリガナ) as stored: full-width katakana (ー, ・), Latin letters, digits, single spaces. */
export function IsReading(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isReading',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isReading(value),
        defaultMessage: buildMessage((each) => `${each}must be a reading (フリガナ) in katakana; hiragana and half-width kana are converted`, options),
      },
    },
    options,
  );
}
