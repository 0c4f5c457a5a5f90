import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

/** "field: reason" for every failed constraint, nested paths joined with dots (items.0.code). */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => `${path}: ${stripProperty(reason, error.property)}`);
    return [...own, ...flattenValidationErrors(error.children ?? [], path)];
  });
}

function stripProperty(reason: string, property: string): string {
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
