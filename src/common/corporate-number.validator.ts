import { ValidateBy, ValidationOptions, buildMessage } from 'class-validator';
import { isValidCorporateNumber } from '../rules/corporate-number';

/** 法人番号: 13 digits with a valid check digit. */
export function IsCorporateNumber(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCorporateNumber',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidCorporateNumber(value),
        defaultMessage: buildMessage((each) => `${each}must be a 13-digit 法人番号 with a valid check digit`, options),
      },
    },
    options,
  );
}
