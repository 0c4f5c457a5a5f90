import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidateIf } from 'class-validator';

/** "field: reason" for every failed constraint, nested paths joined with dots (items.0.code). */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => `${path}: ${stripProperty(reason, error.property)}`);
    return [...own, ...flattenValidationErrors(error.children ?? [], path)];
  });
}

export function stripProperty(reason: string, property: string): string {
  if (reason === `property ${property} should not exist`) return 'unknown field';
  return reason.startsWith(`${property} `) ? reason.slice(property.length + 1) : reason;
}

/** The global pipe: unknown fields rejected, types converted, every problem named. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => new BadRequestException(flattenValidationErrors(errors)),
  });
}

/**
 * Like @IsOptional(), but only for a missing field: `null` is still validated (and refused by the
 * type check). For fields whose column cannot be null, so `{"country": null}` is a 400, not a 500.
 */
export function IsOmittable(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}
