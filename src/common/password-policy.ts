import { registerDecorator, ValidationArguments } from 'class-validator';
import { PASSWORD_MESSAGES, PasswordOwner, PasswordProblem, passwordProblem } from '../rules/password-policy';

export { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../rules/password-policy';

/**
 * The rules as class-validator constraints, one per problem (so each has its own message key in the
 * page's language, `validation.password…`); the e-mail address and name are read from the object
 * being validated (a new user, or a change that carries them).
 */
export function IsAcceptablePassword(): PropertyDecorator {
  return (target, propertyName) => {
    for (const problem of Object.keys(PASSWORD_MESSAGES) as PasswordProblem[]) {
      registerDecorator({
        name: `password${problem[0].toUpperCase()}${problem.slice(1)}`,
        target: target.constructor,
        propertyName: propertyName as string,
        validator: {
          validate(value: unknown, args: ValidationArguments) {
            if (typeof value !== 'string') return true;
            const owner = args.object as PasswordOwner;
            return passwordProblem(value, { email: typeof owner.email === 'string' ? owner.email : null, name: typeof owner.name === 'string' ? owner.name : null }) !== problem;
          },
          defaultMessage: () => `$property ${PASSWORD_MESSAGES[problem]}`,
        },
      });
    }
  };
}
