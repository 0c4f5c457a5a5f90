import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ValidationError } from './domain-errors';

/** A path id that must be a UUID; anything else is a 400 naming the parameter. */
export const IdParam = (name = 'id'): ParameterDecorator =>
  Param(name, new ParseUUIDPipe({ exceptionFactory: () => new ValidationError({ field: name, code: 'validation.isUuid' }) }));
