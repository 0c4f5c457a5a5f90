import { bearer, createTestApp, TestApp } from './support/test-app';
import { PageSession, signIn } from './ui/support';

/** Countries by name in the pages (日本, Singapore), ISO 3166-1 alpha-2 codes in the API. */
describe('admin UI: countries by name', () => {
  let t: TestApp;
  let japanese: PageSession;
  let english: PageSession;
  beforeAll(async () => {
    t = await createTestApp();
    japanese = await signIn(t, 'admin'); // the first admin speaks Japanese
    english = await signIn(t, 'compliance');
  });
  afterAll(() => t.close());

  const apiVendor = async (location: string) => (await t.http.get(`/api/v1${location}`).set(...bearer(await t.tokenFor('viewer'))).expect(200)).body;
  const fact = (html: string, label: string) => new RegExp(`<dt>${label}</dt><dd>([^<]*)</dd>`).exec(html)?.[1];

  it('the form offers every country by its name in the user\'s language, Japan first filled in', async () => {
    const form = (await japanese.get('/vendors/new').expect(200)).text;
    expect(form).toMatch(/<input id="country" name="country" type="text" list="country-names" autocomplete="off" value="日本"/);
    expect(form).toMatch(/<input id="dataLocations" name="dataLocations" type="text" list="country-list-names" data-country-list="country-names"/);
    const names = [.../<datalist id="country-names">(.*?)<\/datalist>/.exec(form)![1].matchAll(/<option value="([^"]*)">/g)].map((match) => match[1]);
    expect(names).toHaveLength(249);
    expect(names).toEqual(expect.arrayContaining(['日本', 'シンガポール', 'アメリカ合衆国', '大韓民国']));
    expect(names).not.toContain('Japan');
    expect(form).toContain('<script src="/assets/country-picker.js" defer></script>');
    const englishForm = (await english.get('/vendors/new').expect(200)).text;
    expect(englishForm).toMatch(/id="country"[^>]*value="Japan"/);
    expect(englishForm).toContain('<option value="Singapore">');
    // Date inputs carry the page's language, so the browser can show its own date format for it.
    expect(form).toMatch(/<input id="activeSince" name="activeSince" type="date" lang="ja" value=""/);
    expect(englishForm).toMatch(/<input id="activeSince" name="activeSince" type="date" lang="en" value=""/);
    expect((await t.http.get('/assets/country-picker.js').expect(200)).headers['content-type']).toMatch(/javascript/);
  });

  it('names typed or picked are stored as codes, and shown as names again in the user\'s language', async () => {
    const created = await japanese.post('/vendors', { name: '株式会社シンガポールデータ', country: 'シンガポール', dataLocations: 'シンガポール、アメリカ合衆国', services: '保守', status: 'candidate' }).expect(303);
    expect(await apiVendor(created.headers.location)).toMatchObject({ country: 'SG', dataLocations: ['SG', 'US'] });

    const ja = (await japanese.get(created.headers.location).expect(200)).text;
    expect([fact(ja, '所在国'), fact(ja, 'データ所在国')]).toEqual(['シンガポール', 'シンガポール、アメリカ合衆国']);
    const en = (await english.get(created.headers.location).expect(200)).text;
    expect([fact(en, 'Country'), fact(en, 'Data locations')]).toEqual(['Singapore', 'Singapore, United States of America']);

    const edit = (await japanese.get(`${created.headers.location}/edit`).expect(200)).text;
    expect(edit).toMatch(/id="country"[^>]*value="シンガポール"/);
    expect(edit).toMatch(/id="dataLocations"[^>]*value="シンガポール、アメリカ合衆国"/);
    // The edit form sent back as shown keeps the codes; English names and codes are understood too.
    await japanese.post(created.headers.location, { version: '1', name: '株式会社シンガポールデータ', country: 'シンガポール', dataLocations: 'シンガポール、アメリカ合衆国', services: '保守', status: 'candidate' }).expect(303);
    expect(await apiVendor(created.headers.location)).toMatchObject({ country: 'SG', dataLocations: ['SG', 'US'] });
    const { version } = await apiVendor(created.headers.location);
    await english.post(created.headers.location, { version: String(version), name: '株式会社シンガポールデータ', country: 'japan', dataLocations: 'Japan, United States, kr', services: '保守', status: 'candidate' }).expect(303);
    expect(await apiVendor(created.headers.location)).toMatchObject({ country: 'JP', dataLocations: ['JP', 'US', 'KR'] });
  });

  it('a name that is no country is refused naming the field, and the typed text is kept', async () => {
    const invalid = await japanese.post('/vendors', { name: '株式会社どこか', country: '日本', dataLocations: '日本、ジパング', services: '保守' }).expect(400);
    expect(/id="dataLocations-error">([^<]*)</.exec(invalid.text)?.[1]).toBe('ISO 3166-1の2文字の国コード(例: JP)で入力してください');
    expect(invalid.text).toMatch(/id="dataLocations"[^>]*value="日本、ジパング"/);
  });
});
