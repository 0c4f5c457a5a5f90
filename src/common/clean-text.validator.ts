import { registerDecorator, ValidationOptions } from 'class-validator';

/**
 * Characters that do not belong in a name or a note: C0 controls (tab, line feed and carriage return
 * are allowed in multi-line text), DEL and C1 controls; the bidirectional embeddings, overrides and
 * isolates (U+202A–U+202E, U+2066–U+2069: "RTL ‮gnp.exe" displays as "exe.png", Trojan Source);
 * lone surrogates (not text at all); and U+FFFD, what a lossy decoding left behind.
 */
const SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufffd]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufffd]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const CLEAN_TEXT_MESSAGE = 'must not contain control characters, bidirectional overrides or invalid characters';

/** Text that is safe to store and show: see above; `multiline` allows tab and line breaks. */
export function isCleanText(value: string, options: { multiline?: boolean } = {}): boolean {
  return !(options.multiline ? MULTI_LINE : SINGLE_LINE).test(value);
}

/** The class-validator decorator of isCleanText(). */
export function IsCleanText(options: { multiline?: boolean } = {}, validationOptions?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCleanText',
      target: target.constructor,
      propertyName: propertyName as string,
      options: validationOptions,
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || isCleanText(value, options),
        defaultMessage: () => `$property ${CLEAN_TEXT_MESSAGE}`,
      },
    });
}
