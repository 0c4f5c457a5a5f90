/**
 * The fields a 400/409 answer names, once each, in order: `message` is ["field: reason", …]
 * (api.md). A test of bad input expects exactly the field it broke: another field named is a bug too.
 */
export function fieldsNamed(messages: unknown): string[] {
  if (!Array.isArray(messages)) throw new Error(`not a list of problems: ${JSON.stringify(messages)}`);
  return [...new Set(messages.map((message: unknown) => {
    const match = typeof message === 'string' ? /^([^:\s]+): /.exec(message) : null;
    if (!match) throw new Error(`a problem that names no field: ${JSON.stringify(message)}`);
    return match[1];
  }))];
}
