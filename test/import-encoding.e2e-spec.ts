import { EN_HEADER, registerRows, shiftJis, toCsvText, utf8 } from './support/register-files';
import { bearer, createTestApp, TestApp } from './support/test-app';

/**
 * A CSV's encoding is decided strictly: valid UTF-8 is UTF-8; otherwise valid CP932 (Shift_JIS as
 * Excel in Japan writes it) is CP932; otherwise the file is refused naming the row of the first byte
 * that neither can read. A replacement character (U+FFFD) is never stored.
 */
describe('CSV encodings are decided strictly', () => {
  let t: TestApp;
  let compliance: string;
  beforeAll(async () => {
    t = await createTestApp();
    compliance = await t.tokenFor('compliance');
  });
  afterAll(() => t.close());

  const upload = (content: Buffer, query = '?lang=en') => t.http.post(`/api/v1/imports/vendors${query}`).set(...bearer(compliance)).attach('file', content, 'register.csv');
  const names = async () => (await t.dataSource.query('SELECT name FROM vendors ORDER BY name')).map((row: { name: string }) => row.name);

  it('refuses a UTF-8 file with one stray byte on row 3, naming the row, instead of storing it as mojibake', async () => {
    const text = toCsvText(EN_HEADER, registerRows(3, '株式会社ストレイ'));
    const lines = text.split('\r\n');
    // Row 3 (the second data row): a Latin-1 "é" (0xE9) typed into an otherwise UTF-8 file.
    const file = Buffer.concat([utf8(`${lines.slice(0, 2).join('\r\n')}\r\n`), utf8(lines[2].slice(0, 5)), Buffer.from([0xe9]), utf8(`${lines[2].slice(5)}\r\n${lines.slice(3).join('\r\n')}`)]);
    for (const query of ['?lang=en', '?lang=en&dryRun=true']) {
      const response = await upload(file, query);
      expect([response.status, response.body.message]).toEqual([
        400,
        ['file: row 3 has a byte (0xE9) that is neither UTF-8 nor Shift_JIS (CP932); save the file as "CSV UTF-8" and import it again'],
      ]);
    }
    expect(await names()).toEqual([]);
  });

  it('says so in Japanese too', async () => {
    const response = await upload(Buffer.concat([utf8('Vendor name\r\n株式会社A\r\n'), Buffer.from([0xff, 0x0d, 0x0a])]), '?lang=ja');
    expect([response.status, response.body.message]).toEqual([400, ['file: 3行目に UTF-8 でも Shift_JIS(CP932)でもないバイト(0xFF)があります。「CSV UTF-8」形式で保存して取り込み直してください']]);
  });

  it('refuses a Shift_JIS file with a byte pair that CP932 does not define', async () => {
    // 0x85 0x40 is a lead/trail pair in CP932's unassigned rows.
    const file = Buffer.concat([shiftJis('委託先名\r\n株式会社エー\r\n'), Buffer.from([0x85, 0x40]), shiftJis('株式会社\r\n')]);
    const response = await upload(file);
    expect([response.status, response.body.message]).toEqual([
      400,
      ['file: row 3 has a byte (0x85) that is neither UTF-8 nor Shift_JIS (CP932); save the file as "CSV UTF-8" and import it again'],
    ]);
  });

  it('refuses a replacement character (U+FFFD) in the file: text already damaged by an earlier conversion', async () => {
    const response = await upload(utf8('Vendor name,Services\r\n株式会社ビー,保守\r\n株式会社\uFFFDシー,運用\r\n'));
    expect([response.status, response.body.message]).toEqual([400, ['file: row 3 contains "\uFFFD" (U+FFFD, text damaged by an earlier conversion); correct it and import again']]);
    expect(await names()).toEqual([]);
  });

  it('still reads valid UTF-8 and valid CP932 (①, ㈱, 髙) as before', async () => {
    const utf = await upload(utf8('Vendor name\r\n髙橋①株式会社\r\n')).expect(200);
    expect(utf.body.file.encoding).toBe('utf-8');
    const sjis = await upload(shiftJis('委託先名\r\n㈱髙島屋②\r\n')).expect(200);
    expect(sjis.body.file.encoding).toBe('shift_jis');
    expect(await names()).toEqual(['㈱髙島屋②', '髙橋①株式会社']);
  });

  it('refuses a bidirectional override in a cell, naming row and column, in the caller\'s language', async () => {
    const response = await upload(utf8('Vendor name,Services\r\n株式会社\u202Eエフ,保守\r\n'), '?lang=ja&dryRun=true').expect(200);
    expect(response.body.errors).toEqual([{ row: 2, column: 'name', header: 'Vendor name', value: '株式会社\u202Eエフ', reason: '制御文字、双方向テキストの上書き文字、不正な文字は使えません' }]);
  });
});
