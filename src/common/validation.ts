import { ValidationPipe } from '@nestjs/common';
import { getMetadataStorage, ValidateIf, ValidationError as ConstraintFailure, ValidationOptions } from 'class-validator';
import { MESSAGES } from '../i18n/messages';
import { ValidationError } from './domain-errors';
import { ErrorCode, ValidationCode } from './error-codes';
import { Problem, ProblemParams } from './problems';

/**
 * A DTO's failed constraints as problems, one per constraint, nested paths joined with dots
 * (`items.0.code`). The code is `validation.<constraint>` (its message in the catalogue), or the one
 * a decorator names with `problemCode()`; the values the message shows (a length, a bound, the
 * choices) are the decorator's own arguments, read from class-validator's metadata.
 */
export function problemsOf(failures: ConstraintFailure[], parent = ''): Problem[] {
  return failures.flatMap((failure) => {
    const field = parent ? `${parent}.${failure.property}` : failure.property;
    const own = Object.keys(failure.constraints ?? {}).map((constraint): Problem => {
      const named = (failure.contexts?.[constraint] as { code?: ErrorCode } | undefined)?.code;
      const params = constraintParams(failure, constraint);
      return { field, code: named ?? constraintCode(constraint, params), params };
    });
    return [...own, ...problemsOf(failure.children ?? [], field)];
  });
}

/** A decorator's option naming the problem code its failure reports: `@Matches(re, problemCode('delete-reason-required'))`. */
export function problemCode(code: ErrorCode, options: ValidationOptions = {}): ValidationOptions {
  return { ...options, context: { ...(options.context as object | undefined), code } };
}

function constraintCode(constraint: string, params: ProblemParams): ValidationCode {
  // "must not be empty" says more than "at least 1 characters" in Japanese (入力してください).
  return validationCode(constraint === 'minLength' && params.n === 1 ? 'minLengthOne' : constraint);
}

/** The code of a class-validator constraint by its name (`validation.invalid` for one the catalogue does not word). */
export function validationCode(constraint: string): ValidationCode {
  return isKnownConstraint(constraint) ? `validation.${constraint}` : 'validation.invalid';
}

function isKnownConstraint(name: string): name is keyof typeof MESSAGES.en.validation {
  return Object.prototype.hasOwnProperty.call(MESSAGES.en.validation, name);
}

/** The decorator's arguments: `n` (a length, a bound, a size) and `allowed` (the choices of @IsIn). */
function constraintParams(failure: ConstraintFailure, constraint: string): ProblemParams {
  const target = failure.target;
  if (!target) return {};
  const metadata = getMetadataStorage()
    .getTargetValidationMetadatas(target.constructor, '', true, false)
    .find((candidate) => candidate.propertyName === failure.property && candidate.name === constraint);
  const [first] = metadata?.constraints ?? [];
  if (typeof first === 'number') return { n: first };
  if (Array.isArray(first)) return { allowed: first.map(String) };
  return {};
}

/** The global pipe: unknown fields rejected, types converted, every problem named. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    stopAtFirstError: false,
    // The failures' objects are kept only to read their decorators' arguments (constraintParams).
    validationError: { target: true },
    exceptionFactory: (failures) => new ValidationError(problemsOf(failures)),
  });
}

/**
 * Like @IsOptional(), but only for a missing field: `null` is still validated (and refused by the
 * type check). For fields whose column cannot be null, so `{"country": null}` is a 400, not a 500.
 */
export function IsOmittable(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}
