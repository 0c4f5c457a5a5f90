import iconv from 'iconv-lite';
import { decideEncoding, EncodingProblem, firstInvalidCp932, firstInvalidUtf8 } from './text-encoding';

describe('decideEncoding', () => {
  const problem = (buffer: Buffer) => {
    try {
      decideEncoding(buffer);
    } catch (error) {
      if (error instanceof EncodingProblem) return [error.reason, error.row, error.byte];
      throw error;
    }
    return null;
  };

  it.each([
    ['UTF-8', Buffer.from('名前\n髙橋①\n'), 'utf-8'],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('名前\n')]), 'utf-8-bom'],
    ['CP932 (①, ㈱, 髙)', iconv.encode('名前\n㈱髙島屋①\n', 'cp932'), 'shift_jis'],
    ['CP932 half-width katakana', iconv.encode('ｶﾌﾞｼｷｶﾞｲｼｬ\n', 'cp932'), 'shift_jis'],
    ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('名前\t種別\n', 'utf-16le')]), 'utf-16le'],
    ['plain ASCII', Buffer.from('name\nA\n'), 'utf-8'],
  ])('reads %s', (_label, buffer, encoding) => {
    expect(decideEncoding(buffer).encoding).toBe(encoding);
  });

  it.each([
    ['a stray Latin-1 byte in UTF-8 text, on line 2', Buffer.concat([Buffer.from('名前\n髙'), Buffer.from([0xe9]), Buffer.from('橋\n')]), ['undecodable', 2, '0xE9']],
    ['a UTF-8 sequence cut at the end', Buffer.concat([Buffer.from('a\nb\n'), Buffer.from([0xe3])]), ['undecodable', 3, '0xE3']],
    ['ASCII, then CP932 with an unassigned pair further on', Buffer.concat([Buffer.from('name\n'), iconv.encode('名前\n', 'cp932'), Buffer.from([0xeb, 0x40])]), ['undecodable', 3, '0xEB']],
    ['an unassigned CP932 pair', Buffer.concat([iconv.encode('名前\n', 'cp932'), Buffer.from([0x85, 0x40])]), ['undecodable', 2, '0x85']],
    ['a UTF-8 BOM followed by CP932', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), iconv.encode('名前', 'cp932')]), ['undecodable', 1, '0x96']],
    ['a lone surrogate in UTF-16', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from([0x41, 0x00, 0x0a, 0x00, 0x00, 0xd8, 0x41, 0x00])]), ['undecodable', 2, '0x00']],
    ['U+FFFD written as UTF-8', Buffer.from('a\nb\n\uFFFD\n'), ['replacement-character', 3, '']],
  ])('refuses %s, naming the line', (_label, buffer, expected) => {
    expect(problem(buffer)).toEqual(expected);
  });

  it('reads a file that is valid CP932 even if it starts like broken UTF-8', () => {
    expect(decideEncoding(Buffer.concat([Buffer.from('a\nb\n'), Buffer.from([0xe3, 0x81])])).encoding).toBe('shift_jis');
  });

  it('finds the first invalid byte of either reading', () => {
    expect(firstInvalidUtf8(Buffer.from([0x41, 0xc0, 0x80]))).toBe(1); // overlong
    expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0); // encoded surrogate
    expect(firstInvalidUtf8(Buffer.from('髙'))).toBe(-1);
    expect(firstInvalidCp932(Buffer.from([0x41, 0x80]))).toBe(1);
    expect(firstInvalidCp932(Buffer.from([0x81]))).toBe(0); // lead byte without trail
    expect(firstInvalidCp932(iconv.encode('①㈱髙', 'cp932'))).toBe(-1);
  });
});
