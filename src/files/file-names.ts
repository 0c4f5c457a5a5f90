/**
 * File names as people give them (Japanese included), made safe to keep and to send back:
 * stored in NFC without folders or control characters, and sent in a Content-Disposition header
 * with an ASCII fallback plus the exact name in RFC 5987 / RFC 6266 `filename*` form.
 */

const MAX_NAME_LENGTH = 255;

/** The name to store: the last path segment (old browsers send C:\fakepath\…), NFC, no control characters, at most 255 characters. Empty when nothing is left. */
export function storedFileName(raw: string | undefined): string {
  const last = (raw ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = last.normalize('NFC').replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  const characters = [...clean];
  if (characters.length <= MAX_NAME_LENGTH) return clean;
  const extension = /\.[^.]{1,16}$/.exec(clean)?.[0] ?? '';
  return characters.slice(0, MAX_NAME_LENGTH - [...extension].length).join('') + extension;
}

/** `attachment; filename="…"; filename*=UTF-8''…` (or inline): the quoted form keeps ASCII only. */
export function contentDisposition(type: 'attachment' | 'inline', fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
