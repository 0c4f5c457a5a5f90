import { newVendor } from './support/factories';
import { fieldsNamed } from './support/problems';
import { JA_HEADER, shiftJis, toCsvText } from './support/register-files';
import { bearer, createTestApp, TestApp } from './support/test-app';
import { signIn } from './ui/support';

/** Readings (フリガナ): Japanese company names sorted and found as people read them, not by 株式会社. */
describe('vendor readings, sorting and search', () => {
  let t: TestApp;
  let viewer: string;
  beforeAll(async () => {
    t = await createTestApp();
    viewer = await t.tokenFor('viewer');
    await newVendor(t, { name: '株式会社ベータ', reading: 'かぶしきがいしゃ べーた' });
    await newVendor(t, { name: 'ｶﾌﾞｼｷｶﾞｲｼｬﾍﾞｰﾀｼｽﾃﾑｽﾞ' });
    await newVendor(t, { name: 'アルファ' });
    await newVendor(t, { name: '株式会社イプシロン', reading: 'ｲﾌﾟｼﾛﾝ' });
    await newVendor(t, { name: '(株)ガンマ' });
  });
  afterAll(() => t.close());

  const names = async (query: string) => (await t.http.get(`/api/v1/vendors?${query}`).set(...bearer(viewer)).expect(200)).body.items.map((vendor: any) => vendor.name);

  it('stores the reading as full-width katakana whatever kana was typed', async () => {
    const vendors = (await t.http.get('/api/v1/vendors?sort=reading').set(...bearer(viewer)).expect(200)).body.items;
    expect(vendors.map((vendor: any) => [vendor.name, vendor.reading])).toEqual([
      ['アルファ', null],
      ['株式会社イプシロン', 'イプシロン'],
      ['(株)ガンマ', null],
      ['株式会社ベータ', 'カブシキガイシャ ベータ'],
      ['ｶﾌﾞｼｷｶﾞｲｼｬﾍﾞｰﾀｼｽﾃﾑｽﾞ', null],
    ]);
  });

  it('sorting by reading puts アルファ before 株式会社ベータ, regardless of the legal-form prefix', async () => {
    expect(await names('sort=reading')).toEqual(['アルファ', '株式会社イプシロン', '(株)ガンマ', '株式会社ベータ', 'ｶﾌﾞｼｷｶﾞｲｼｬﾍﾞｰﾀｼｽﾃﾑｽﾞ']);
    expect(await names('sort=-reading')).toEqual(['ｶﾌﾞｼｷｶﾞｲｼｬﾍﾞｰﾀｼｽﾃﾑｽﾞ', '株式会社ベータ', '(株)ガンマ', '株式会社イプシロン', 'アルファ']);
  });

  it.each([
    ['ベータ', ['株式会社ベータ', 'ｶﾌﾞｼｷｶﾞｲｼｬﾍﾞｰﾀｼｽﾃﾑｽﾞ']],
    ['べーた', ['株式会社ベータ', 'ｶﾌﾞｼｷｶﾞｲｼｬﾍﾞｰﾀｼｽﾃﾑｽﾞ']],
    ['ﾍﾞｰﾀ', ['株式会社ベータ', 'ｶﾌﾞｼｷｶﾞｲｼｬﾍﾞｰﾀｼｽﾃﾑｽﾞ']],
    ['株式会社ベータ', ['株式会社ベータ', 'ｶﾌﾞｼｷｶﾞｲｼｬﾍﾞｰﾀｼｽﾃﾑｽﾞ']],
    ['いぷしろん', ['株式会社イプシロン']],
    ['ガンマ', ['(株)ガンマ']],
    ['株式会社', ['株式会社イプシロン', '株式会社ベータ']], // only legal-form words: the name as typed
    ['デルタ', []],
  ])('search %s finds %j', async (q, expected) => {
    expect(await names(`q=${encodeURIComponent(q)}&sort=reading`)).toEqual(expected);
  });

  it('a reading that is not kana is refused naming the field; an empty one clears it', async () => {
    const compliance = await t.tokenFor('compliance');
    const refused = await t.http.post('/api/v1/vendors').set(...bearer(compliance)).send({ name: '株式会社デルタ', reading: 'デルタ株式会社' }).expect(400);
    expect(fieldsNamed(refused.body.message)).toEqual(['reading']);
    const vendor = await newVendor(t, { name: '株式会社デルタ', reading: 'デルタ' });
    const cleared = await t.http.patch(`/api/v1/vendors/${vendor.id}`).set(...bearer(compliance)).send({ reading: '', version: vendor.version }).expect(200);
    expect(cleared.body.reading).toBeNull();
    expect(await names('q=%E3%81%A7%E3%82%8B%E3%81%9F')).toEqual(['株式会社デルタ']); // でるた: found by its name's key
    await t.http.delete(`/api/v1/vendors/${vendor.id}`).set(...bearer(compliance)).expect(204);
  });

  it('the list page sorts by reading and the form takes a reading in hiragana', async () => {
    const page = await signIn(t, 'compliance');
    const list = (await page.get('/vendors?sort=reading').expect(200)).text;
    const shown = [...list.matchAll(/<td><a href="\/vendors\/[^"]+">([^<]*)<\/a>/g)].map((match) => match[1]);
    expect(shown).toEqual(['アルファ', '株式会社イプシロン', '(株)ガンマ', '株式会社ベータ', 'ｶﾌﾞｼｷｶﾞｲｼｬﾍﾞｰﾀｼｽﾃﾑｽﾞ']);
    const created = await page.post('/vendors', { name: '株式会社ゼータ', reading: 'ぜーた', country: 'JP', services: '保守', status: 'candidate' }).expect(303);
    expect((await t.http.get(`/api/v1${created.headers.location}`).set(...bearer(viewer)).expect(200)).body.reading).toBe('ゼータ');
    const refused = await page.post('/vendors', { name: '株式会社イータ', reading: 'Eta!', country: 'JP', services: '保守' }).expect(400);
    expect(/id="reading-error">([^<]*)</.exec(refused.text)?.[1]).toBe('must be a reading (フリガナ) in katakana; hiragana and half-width kana are converted');
  });

  it('the import reads the フリガナ column', async () => {
    const compliance = await t.tokenFor('compliance');
    const header = ['委託先名', 'フリガナ', '取引状態'];
    const file = shiftJis(toCsvText(header, [['株式会社シータ', 'しーた', '候補'], ['株式会社イオタ', 'Iota!', '候補']]));
    const refused = await t.http.post('/api/v1/imports/vendors?lang=ja&dryRun=true').set(...bearer(compliance)).attach('file', file, 'r.csv').expect(200);
    expect(refused.body.errors.map((error: any) => [error.row, error.header, error.reason])).toEqual([[3, 'フリガナ', 'フリガナはカタカナで入力してください(ひらがな・半角カナは全角カタカナに直します)']]);
    const ok = shiftJis(toCsvText(header, [['株式会社シータ', 'しーた', '候補']]));
    await t.http.post('/api/v1/imports/vendors').set(...bearer(compliance)).attach('file', ok, 'r.csv').expect(200);
    expect((await t.http.get('/api/v1/vendors?q=%E3%82%B7%E3%83%BC%E3%82%BF').set(...bearer(viewer)).expect(200)).body.items.map((vendor: any) => vendor.reading)).toEqual(['シータ']);
    // The export writes the reading back in its column, so the register round-trips.
    const exported = (await t.http.get('/api/v1/exports/vendors?lang=ja&q=%E3%82%B7%E3%83%BC%E3%82%BF').set(...bearer(viewer)).expect(200)).text.replace(/^\uFEFF/, '');
    const [headerRow, row] = exported.split('\r\n').map((line) => line.split(','));
    expect(row[headerRow.indexOf('フリガナ')]).toBe('シータ');
    expect(JA_HEADER[0]).toBe('委託先名');
  });
});
