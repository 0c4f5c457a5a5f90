import { bearer, createTestApp, TestApp } from './support/test-app';
import { CORPORATE_NUMBERS, newVendor, today } from './support/factories';
import { fieldsNamed } from './support/problems';

describe('vendor register (委託先管理台帳)', () => {
  let t: TestApp;
  let compliance: string;
  beforeAll(async () => {
    t = await createTestApp();
    compliance = await t.tokenFor('compliance');
  });
  afterAll(() => t.close());

  const count = async (): Promise<number> => Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM vendors'))[0].n);

  it('creates a vendor with defaults and a computed, explained risk tier', async () => {
    const response = await t.http
      .post('/api/v1/vendors')
      .set(...bearer(compliance))
      .send({ name: '株式会社サンプル通信', corporateNumber: CORPORATE_NUMBERS[0], dataCategories: ['communications', 'customer'], services: 'コールセンター' })
      .expect(201);
    expect(response.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: '株式会社サンプル通信',
      reading: null,
      corporateNumber: CORPORATE_NUMBERS[0],
      country: 'JP',
      dataLocations: [],
      services: 'コールセンター',
      dataCategories: ['communications', 'customer'],
      dataSubjectCount: null,
      reentrustmentAllowed: false,
      gdprApplies: false,
      relationship: 'entrustment',
      transferBasis: null,
      subcontractorApproval: 'prior-approval',
      ownerEmail: null,
      ownerName: null,
      status: 'candidate',
      activeSince: null,
      riskTier: 'high',
      riskTierComputed: 'high',
      riskTierReasons: [{ code: 'data-category', category: 'communications' }],
      riskTierReason: 'Risk tier "high": handles communications data (通信の秘密)',
      riskTierOverride: null,
      riskTierOverrideReason: null,
      complianceStatus: 'not-evaluated',
      // A candidate: no audit yet, none due (stored by the compliance engine with the status).
      lastAuditOn: null,
      nextAuditDue: null,
      version: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
  });

  it('explains the tier in Japanese to a Japanese-speaking user', async () => {
    const vendor = await newVendor(t, { dataCategories: ['sensitive'], country: 'us' });
    const admin = await t.tokenFor('admin'); // the first admin speaks Japanese
    const response = await t.http.get(`/api/v1/vendors/${vendor.id}`).set(...bearer(admin)).expect(200);
    expect(response.body.country).toBe('US');
    expect(response.body.riskTier).toBe('high');
    expect(response.body.riskTierReason).toBe('リスク区分「高」: 要配慮個人情報を取り扱う、外国で取り扱う(所在国またはデータ所在地が日本以外)');
  });

  it('sets activeSince to today (Asia/Tokyo) when a vendor is registered as active without one', async () => {
    const vendor = await newVendor(t, { status: 'active' });
    expect(t.config.orgTimezone).toBe('Asia/Tokyo');
    expect(vendor.activeSince).toBe(today(t));
    const older = await newVendor(t, { status: 'active', activeSince: '2015-04-01' });
    expect(older.activeSince).toBe('2015-04-01');
  });

  describe('validation: 400 naming the field, nothing stored', () => {
    it.each([
      [{}, 'name'],
      [{ name: '' }, 'name'],
      [{ name: 'x'.repeat(201) }, 'name'],
      [{ name: 'A', corporateNumber: '7000012050003' }, 'corporateNumber'],
      [{ name: 'A', corporateNumber: '123' }, 'corporateNumber'],
      [{ name: 'A', country: 'JPN' }, 'country'],
      [{ name: 'A', country: 'XX' }, 'country'],
      [{ name: 'A', dataLocations: ['JP', 'ZZ'] }, 'dataLocations'],
      [{ name: 'A', dataLocations: 'JP' }, 'dataLocations'],
      [{ name: 'A', dataCategories: ['customer', 'health'] }, 'dataCategories'],
      [{ name: 'A', dataSubjectCount: -1 }, 'dataSubjectCount'],
      [{ name: 'A', dataSubjectCount: 1.5 }, 'dataSubjectCount'],
      [{ name: 'A', dataSubjectCount: '100' }, 'dataSubjectCount'],
      [{ name: 'A', reentrustmentAllowed: 'yes' }, 'reentrustmentAllowed'],
      [{ name: 'A', gdprApplies: 1 }, 'gdprApplies'],
      [{ name: 'A', ownerEmail: 'owner' }, 'ownerEmail'],
      [{ name: 'A', status: 'retired' }, 'status'],
      [{ name: 'A', activeSince: '2025-02-29' }, 'activeSince'],
      [{ name: 'A', activeSince: '01/04/2025' }, 'activeSince'],
      [{ name: 'A', services: 'x'.repeat(2001) }, 'services'],
      [{ name: 'A', riskTierOverride: 'extreme', riskTierOverrideReason: 'x' }, 'riskTierOverride'],
      [{ name: 'A', riskTierOverride: 'high' }, 'riskTierOverrideReason'],
      [{ name: 'A', riskTierOverrideReason: 'no override given' }, 'riskTierOverrideReason'],
      [{ name: 'A', riskTier: 'low' }, 'riskTier'],
      [{ name: 'A', complianceStatus: 'compliant' }, 'complianceStatus'],
      [{ name: 'A', id: '00000000-0000-4000-8000-000000000000' }, 'id'],
    ])('%j → 400 naming %s', async (body, field) => {
      const before = await count();
      const response = await t.http.post('/api/v1/vendors').set(...bearer(compliance)).send(body).expect(400);
      expect(response.body.statusCode).toBe(400);
      expect(response.body.error).toBe('Bad Request');
      expect(fieldsNamed(response.body.message)).toEqual([field]);
      expect(await count()).toBe(before);
    });

    it('answers malformed JSON with 400, not 500', async () => {
      const response = await t.http.post('/api/v1/vendors').set(...bearer(compliance)).set('Content-Type', 'application/json').send('{"name": "A",').expect(400);
      expect(response.body.message[0]).toMatch(/^body: malformed JSON/);
    });

    it('answers a JSON array or a non-object body with 400', async () => {
      await t.http.post('/api/v1/vendors').set(...bearer(compliance)).send([{ name: 'A' }]).expect(400);
      await t.http.post('/api/v1/vendors').set(...bearer(compliance)).set('Content-Type', 'application/json').send('"just a string"').expect(400);
    });

    it('refuses a second vendor with the same 法人番号 with 409', async () => {
      await newVendor(t, { corporateNumber: CORPORATE_NUMBERS[1] });
      const before = await count();
      const response = await t.http.post('/api/v1/vendors').set(...bearer(compliance)).send({ name: 'Copy', corporateNumber: CORPORATE_NUMBERS[1] }).expect(409);
      expect(response.body.message[0]).toMatch(/^corporateNumber: /);
      expect(await count()).toBe(before);
    });
  });

  describe('overriding the risk tier', () => {
    it('needs a written reason, and shows both tiers', async () => {
      const vendor = await newVendor(t, { dataCategories: ['customer'] });
      expect(vendor.riskTier).toBe('medium');
      const refused = await t.http.patch(`/api/v1/vendors/${vendor.id}`).set(...bearer(compliance)).send({ version: 1, riskTierOverride: 'high' }).expect(400);
      expect(refused.body.message).toEqual(['riskTierOverrideReason: a written reason is required to override the risk tier']);
      const overridden = await t.http
        .patch(`/api/v1/vendors/${vendor.id}`)
        .set(...bearer(compliance))
        .send({ version: 1, riskTierOverride: 'high', riskTierOverrideReason: 'Handles the full customer base; treated as high by the board' })
        .expect(200);
      expect(overridden.body).toMatchObject({ riskTier: 'high', riskTierComputed: 'medium', riskTierOverride: 'high', version: 2 });
      expect(overridden.body.riskTierReason).toBe('Risk tier "high" (set by hand; computed "medium"): Handles the full customer base; treated as high by the board');
      const cleared = await t.http.patch(`/api/v1/vendors/${vendor.id}`).set(...bearer(compliance)).send({ version: 2, riskTierOverride: null }).expect(200);
      expect(cleared.body).toMatchObject({ riskTier: 'medium', riskTierOverride: null, riskTierOverrideReason: null, version: 3 });
    });

    it('recomputes the tier when the facts change', async () => {
      const vendor = await newVendor(t);
      expect(vendor.riskTier).toBe('low');
      const moved = await t.http.patch(`/api/v1/vendors/${vendor.id}`).set(...bearer(compliance)).send({ version: 1, dataLocations: ['SG'] }).expect(200);
      expect(moved.body).toMatchObject({ riskTier: 'high', riskTierReasons: [{ code: 'abroad' }] });
    });
  });

  describe('optimistic locking', () => {
    it('refuses a stale version with 409 and leaves the record unchanged', async () => {
      const vendor = await newVendor(t, { name: 'Before' });
      await t.http.patch(`/api/v1/vendors/${vendor.id}`).set(...bearer(compliance)).send({ version: 1, name: 'First writer' }).expect(200);
      const stale = await t.http.patch(`/api/v1/vendors/${vendor.id}`).set(...bearer(compliance)).send({ version: 1, name: 'Second writer' }).expect(409);
      expect(stale.body.code).toBe('version-conflict');
      expect(stale.body.message[0]).toMatch(/^version: .*current version is 2/);
      const current = await t.http.get(`/api/v1/vendors/${vendor.id}`).set(...bearer(compliance)).expect(200);
      expect(current.body).toMatchObject({ name: 'First writer', version: 2 });
    });

    it('lets exactly one of 10 concurrent writers with the same version win, the rest 409, no lost update', async () => {
      const vendor = await newVendor(t);
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          t.http.patch(`/api/v1/vendors/${vendor.id}`).set(...bearer(compliance)).send({ version: 1, services: `writer ${i}` }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, ...Array(9).fill(409)]);
      const winner = results.find((r) => r.status === 200)!;
      const current = await t.http.get(`/api/v1/vendors/${vendor.id}`).set(...bearer(compliance)).expect(200);
      expect(current.body).toMatchObject({ services: winner.body.services, version: 2 });
    });

    it.each(['name', 'country', 'dataLocations', 'services', 'dataCategories', 'reentrustmentAllowed', 'gdprApplies', 'status'])(
      'refuses null for %s (a field that cannot be empty) with 400, and changes nothing',
      async (field) => {
        const vendor = await newVendor(t);
        const response = await t.http.patch(`/api/v1/vendors/${vendor.id}`).set(...bearer(compliance)).send({ version: 1, [field]: null }).expect(400);
        expect(fieldsNamed(response.body.message)).toEqual([field]);
        expect((await t.http.get(`/api/v1/vendors/${vendor.id}`).set(...bearer(compliance)).expect(200)).body.version).toBe(1);
      },
    );

    it('clears the optional fields with null', async () => {
      const vendor = await newVendor(t, { corporateNumber: CORPORATE_NUMBERS[2], ownerEmail: 'owner@example.test', dataSubjectCount: 10 });
      const cleared = await t.http
        .patch(`/api/v1/vendors/${vendor.id}`)
        .set(...bearer(compliance))
        .send({ version: 1, corporateNumber: null, ownerEmail: null, dataSubjectCount: null, activeSince: null })
        .expect(200);
      expect(cleared.body).toMatchObject({ corporateNumber: null, ownerEmail: null, dataSubjectCount: null, activeSince: null, version: 2 });
    });

    it('needs the version on every PATCH', async () => {
      const vendor = await newVendor(t);
      const response = await t.http.patch(`/api/v1/vendors/${vendor.id}`).set(...bearer(compliance)).send({ name: 'No version' }).expect(400);
      expect(fieldsNamed(response.body.message)).toEqual(['version']);
    });
  });

  describe('status moves and deletion', () => {
    it('moves candidate → active → offboarding → terminated and refuses going back', async () => {
      const vendor = await newVendor(t);
      const active = await t.http.patch(`/api/v1/vendors/${vendor.id}`).set(...bearer(compliance)).send({ version: 1, status: 'active' }).expect(200);
      expect(active.body.activeSince).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const back = await t.http.patch(`/api/v1/vendors/${vendor.id}`).set(...bearer(compliance)).send({ version: 2, status: 'candidate' }).expect(409);
      expect(back.body.message[0]).toMatch(/^status: a vendor cannot move from active to candidate/);
      await t.http.patch(`/api/v1/vendors/${vendor.id}`).set(...bearer(compliance)).send({ version: 2, status: 'offboarding' }).expect(200);
      await t.http.patch(`/api/v1/vendors/${vendor.id}`).set(...bearer(compliance)).send({ version: 3, status: 'terminated' }).expect(200);
      await t.http.patch(`/api/v1/vendors/${vendor.id}`).set(...bearer(compliance)).send({ version: 4, status: 'active' }).expect(409);
    });

    it('deletes a candidate, and keeps (409) a vendor that has been active', async () => {
      const candidate = await newVendor(t);
      await t.http.delete(`/api/v1/vendors/${candidate.id}`).set(...bearer(compliance)).expect(204);
      await t.http.get(`/api/v1/vendors/${candidate.id}`).set(...bearer(compliance)).expect(404);
      const active = await newVendor(t, { status: 'active' });
      const refused = await t.http.delete(`/api/v1/vendors/${active.id}`).set(...bearer(compliance)).expect(409);
      expect(refused.body.message[0]).toMatch(/^status: only a candidate vendor can be deleted/);
      await t.http.get(`/api/v1/vendors/${active.id}`).set(...bearer(compliance)).expect(200);
      await t.http.delete('/api/v1/vendors/00000000-0000-4000-8000-000000000000').set(...bearer(compliance)).expect(404);
    });
  });

  describe('roles', () => {
    it('lets every role read, only compliance and admin write', async () => {
      const vendor = await newVendor(t);
      for (const role of ['viewer', 'legal'] as const) {
        const token = await t.tokenFor(role);
        expect((await t.http.get('/api/v1/vendors').set(...bearer(token)).expect(200)).body.items.map((item: { id: string }) => item.id)).toContain(vendor.id);
        expect((await t.http.get(`/api/v1/vendors/${vendor.id}`).set(...bearer(token)).expect(200)).body).toMatchObject({ id: vendor.id, name: vendor.name, version: 1 });
        await t.http.post('/api/v1/vendors').set(...bearer(token)).send({ name: 'Nope' }).expect(403);
        await t.http.patch(`/api/v1/vendors/${vendor.id}`).set(...bearer(token)).send({ version: 1, name: 'Nope' }).expect(403);
        await t.http.delete(`/api/v1/vendors/${vendor.id}`).set(...bearer(token)).expect(403);
      }
      await t.http.post('/api/v1/vendors').send({ name: 'Anonymous' }).expect(401);
      await t.http.patch(`/api/v1/vendors/${vendor.id}`).set(...bearer(await t.tokenFor('admin'))).send({ version: 1, name: 'Admin may' }).expect(200);
    });
  });
});

describe('dates in ORG_TIMEZONE', () => {
  it('takes "today" in the organisation\'s zone, not the machine\'s: 25 hours apart, two zones never share a date', async () => {
    const east = await createTestApp({ env: { ORG_TIMEZONE: 'Pacific/Kiritimati' } }); // UTC+14
    const west = await createTestApp({ env: { ORG_TIMEZONE: 'Pacific/Pago_Pago' } }); // UTC-11
    try {
      const [early, late] = [await newVendor(east, { status: 'active' }), await newVendor(west, { status: 'active' })];
      expect([early.activeSince, late.activeSince]).toEqual([today(east), today(west)]);
      expect(today(east)).not.toBe(today(west));
      const viewer = await east.tokenFor('viewer');
      expect((await east.http.get(`/api/v1/vendors/${early.id}/compliance`).set(...bearer(viewer)).expect(200)).body.asOf).toBe(today(east));
    } finally {
      await east.close();
      await west.close();
    }
  });
});

describe('vendor list: search, filters, sort, paging', () => {
  let t: TestApp;
  let viewer: string;
  beforeAll(async () => {
    t = await createTestApp();
    viewer = await t.tokenFor('viewer');
    await newVendor(t, { name: 'Alpha Hosting 株式会社', corporateNumber: CORPORATE_NUMBERS[0], status: 'active', dataCategories: ['communications'] });
    await newVendor(t, { name: 'Beta Payroll', status: 'active', dataCategories: ['employee'] });
    await newVendor(t, { name: 'Gamma Print 100%_off', dataCategories: [] });
    for (let i = 0; i < 7; i += 1) await newVendor(t, { name: `Zeta ${i}` });
  });
  afterAll(() => t.close());

  const list = async (query: string) => (await t.http.get(`/api/v1/vendors?${query}`).set(...bearer(viewer)).expect(200)).body;
  const names = (body: { items: Array<{ name: string }> }) => body.items.map((item) => item.name);

  it('pages with total, page and pageSize', async () => {
    const first = await list('pageSize=4&page=1');
    expect(first).toMatchObject({ total: 10, page: 1, pageSize: 4 });
    expect(names(first)).toEqual(['Alpha Hosting 株式会社', 'Beta Payroll', 'Gamma Print 100%_off', 'Zeta 0']);
    expect(names(await list('pageSize=4&page=3'))).toEqual(['Zeta 5', 'Zeta 6']);
    expect((await list('')).pageSize).toBe(50);
  });

  it('searches by part of the name, case-insensitively, and by 法人番号', async () => {
    expect(names(await list('q=hosting'))).toEqual(['Alpha Hosting 株式会社']);
    expect(names(await list(`q=${encodeURIComponent('株式会社')}`))).toEqual(['Alpha Hosting 株式会社']);
    expect(names(await list(`q=${CORPORATE_NUMBERS[0]}`))).toEqual(['Alpha Hosting 株式会社']);
    expect(names(await list(`q=${encodeURIComponent('100%_')}`))).toEqual(['Gamma Print 100%_off']);
    expect(names(await list(`q=${encodeURIComponent('%')}`))).toEqual(['Gamma Print 100%_off']);
  });

  it('filters by status, risk tier and compliance status', async () => {
    expect(names(await list('status=active'))).toEqual(['Alpha Hosting 株式会社', 'Beta Payroll']);
    expect(names(await list('riskTier=high'))).toEqual(['Alpha Hosting 株式会社']);
    expect(names(await list('riskTier=medium&status=active'))).toEqual(['Beta Payroll']);
    // Candidates are not evaluated; the two active vendors have no contract in force.
    expect((await list('complianceStatus=not-evaluated')).total).toBe(8);
    expect(names(await list('complianceStatus=non-compliant'))).toEqual(['Alpha Hosting 株式会社', 'Beta Payroll']);
  });

  it('filters by today\'s flag', async () => {
    expect(names(await list('flag=no-contract'))).toEqual(['Alpha Hosting 株式会社', 'Beta Payroll']);
    expect((await list('flag=missing-clause')).total).toBe(0);
  });

  it('sorts by name, risk tier and update time', async () => {
    expect(names(await list('sort=-name&pageSize=2'))).toEqual(['Zeta 6', 'Zeta 5']);
    expect(names(await list('sort=-riskTier&pageSize=3'))).toEqual(['Alpha Hosting 株式会社', 'Beta Payroll', 'Gamma Print 100%_off']);
    expect(names(await list('sort=-createdAt&pageSize=1'))).toEqual(['Zeta 6']);
    expect((await list('sort=-updatedAt')).total).toBe(10);
  });

  it.each([
    ['pageSize=201', 'pageSize'],
    ['pageSize=0', 'pageSize'],
    ['page=abc', 'page'],
    ['sort=password', 'sort'],
    ['status=gone', 'status'],
    ['riskTier=extreme', 'riskTier'],
    ['complianceStatus=fine', 'complianceStatus'],
    ['flag=bad-vibes', 'flag'],
    ['unknownFilter=1', 'unknownFilter'],
  ])('refuses ?%s with 400 naming %s', async (query, field) => {
    const response = await t.http.get(`/api/v1/vendors?${query}`).set(...bearer(viewer)).expect(400);
    expect(fieldsNamed(response.body.message)).toEqual([field]);
  });
});
