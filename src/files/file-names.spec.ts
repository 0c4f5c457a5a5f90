import { contentDisposition, storedFileName } from './file-names';

describe('file names', () => {
  it.each([
    ['業務委託契約書（署名済）.pdf', '業務委託契約書（署名済）.pdf'],
    ['C:\\fakepath\\監査報告書.pdf', '監査報告書.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['  report\u0000\u0007.pdf  ', 'report.pdf'],
    ['invoice\u202efdp.exe', 'invoicefdp.exe'],
    ['ハ\u309aイロット.pdf', 'パイロット.pdf'], // NFD (as macOS sends it) is kept as NFC
    ['', ''],
    [undefined, ''],
  ])('stores %j as %j', (raw, stored) => {
    expect(storedFileName(raw)).toBe(stored);
  });

  it('keeps at most 255 characters, with the extension', () => {
    const stored = storedFileName(`${'契'.repeat(300)}.pdf`);
    expect([...stored].length).toBe(255);
    expect(stored.endsWith('.pdf')).toBe(true);
  });

  it('sends the exact name in filename* (RFC 5987) and an ASCII fallback', () => {
    expect(contentDisposition('attachment', '契約書 v2.pdf')).toBe(
      `attachment; filename="___ v2.pdf"; filename*=UTF-8''%E5%A5%91%E7%B4%84%E6%9B%B8%20v2.pdf`,
    );
    expect(contentDisposition('inline', `a"b\\c;d'(e).pdf`)).toBe(`inline; filename="a_b_c_d'(e).pdf"; filename*=UTF-8''a%22b%5Cc%3Bd%27%28e%29.pdf`);
    expect(decodeURIComponent(/filename\*=UTF-8''(.*)$/.exec(contentDisposition('attachment', '<script>.pdf'))![1])).toBe('<script>.pdf');
  });
});
