import { bearer, createTestApp, TestApp } from './support/test-app';

/**
 * The JSON API's refusals keep their shape ({statusCode, error, message: ["field: reason"], code}) and
 * speak the caller's language: `?lang=` where a route takes it, else the signed-in user's, else the
 * request's Accept-Language, else English.
 */
describe('the language of the JSON API\'s refusals', () => {
  let t: TestApp;
  let japanese: string;
  let english: string;
  beforeAll(async () => {
    t = await createTestApp();
    japanese = await t.tokenFor('compliance', 'ja');
    english = await t.tokenFor('compliance');
  });
  afterAll(() => t.close());

  const createVendor = (token: string, headers: Record<string, string> = {}) =>
    t.http.post('/api/v1/vendors').set(...bearer(token)).set(headers).send({ name: '', country: 'Japan', riskTierOverride: 'high' });

  it('a bad input: the same problems, in Japanese for a Japanese user and in English for an English one', async () => {
    const [ja, en] = await Promise.all([createVendor(japanese).expect(400), createVendor(english).expect(400)]);
    expect(ja.body).toEqual({
      statusCode: 400, error: 'Bad Request', code: 'invalid-input',
      message: ['name: 入力してください', 'country: ISO 3166-1の2文字の国コード(例: JP)で入力してください'],
    });
    expect(en.body).toEqual({
      statusCode: 400, error: 'Bad Request', code: 'invalid-input',
      message: ['name: must be longer than or equal to 1 characters', 'country: must be an ISO 3166-1 alpha-2 code'],
    });
  });

  it('the user\'s language wins over Accept-Language; without a user, Accept-Language decides, else English', async () => {
    const asked = await createVendor(japanese, { 'Accept-Language': 'en-US,en;q=0.9' }).expect(400);
    expect(asked.body.message[0]).toBe('name: 入力してください');
    const anonymous = (headers: Record<string, string>) => t.http.get('/api/v1/vendors').set(headers).expect(401);
    expect((await anonymous({})).body).toEqual({ statusCode: 401, error: 'Unauthorized', code: 'unauthenticated', message: ['sign in first: send Authorization: Bearer <token>'] });
    expect((await anonymous({ 'Accept-Language': 'ja-JP,ja;q=0.9,en;q=0.8' })).body.message).toEqual(['ログインしてください(APIでは Authorization: Bearer <トークン> を送ってください)']);
    expect((await anonymous({ 'Accept-Language': 'fr-FR, de;q=0.5' })).body.message).toEqual(['sign in first: send Authorization: Bearer <token>']);
  });

  it('an unknown id and a route nobody answers, in the caller\'s language', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    expect((await t.http.get(`/api/v1/vendors/${id}`).set(...bearer(japanese)).expect(404)).body.message).toEqual([`委託先(${id})が見つかりません`]);
    expect((await t.http.get(`/api/v1/vendors/${id}`).set(...bearer(english)).expect(404)).body).toEqual({
      statusCode: 404, error: 'Not Found', code: 'not-found', message: [`vendor ${id} not found`],
    });
    expect((await t.http.get('/api/v1/nowhere').set('Accept-Language', 'ja').expect(404)).body).toEqual({
      statusCode: 404, error: 'Not Found', code: 'route-not-found', message: ['このURLはありません(GET /api/v1/nowhere)'],
    });
  });
});
