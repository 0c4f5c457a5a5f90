import { activeVendor } from './support/factories';
import { fieldsNamed } from './support/problems';
import { bearer, createTestApp, TestApp } from './support/test-app';
import { signIn } from './ui/support';

/** legal-model.md §1: which frameworks bind the company is an admin setting, audited, and applicability follows it. */
describe('organisation profile (settings)', () => {
  let t: TestApp;
  let admin: string;
  let viewer: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.tokenFor('admin');
    viewer = await t.tokenFor('viewer');
  });
  afterAll(() => t.close());

  const settings = async () => (await t.http.get('/api/v1/settings').set(...bearer(viewer)).expect(200)).body;
  const patch = (body: object, token = admin) => t.http.patch('/api/v1/settings').set(...bearer(token)).send(body);
  const frameworksOf = async (vendorId: string) => {
    const report = (await t.http.get(`/api/v1/vendors/${vendorId}/compliance`).set(...bearer(viewer)).expect(200)).body as { applicableRequirements: string[]; flags: object[] };
    // Today's flags list is read from the stored flags: a profile change recomputed them, as the evaluation says.
    const stored = (await t.http.get(`/api/v1/flags?vendorId=${vendorId}&pageSize=100`).set(...bearer(viewer)).expect(200)).body.items as Array<{ vendorName: string }>;
    expect(stored.map(({ vendorName: _name, ...flag }) => flag)).toEqual(report.flags);
    return [...new Set(report.applicableRequirements.map((id) => id.split('.')[0]))];
  };

  it('ships the defaults of legal-model.md §1, changes them for an admin only, at the version read, audited', async () => {
    expect((await settings()).organisationProfile).toEqual({ telecomCarrier: true, telecomBureau: 'kanto', privacyMark: false, isms: false, policyPromises: true });
    await patch({ version: 0, organisationProfile: { privacyMark: true } }, await t.tokenFor('compliance')).expect(403);
    const bad = await patch({ version: 0, organisationProfile: { telecomBureau: '関東', isms: 'yes', extra: true } }).expect(400);
    expect(fieldsNamed(bad.body.message).sort()).toEqual(['organisationProfile.extra', 'organisationProfile.isms', 'organisationProfile.telecomBureau']);
    expect((await settings()).version).toBe(0);

    const changed = await patch({ version: 0, organisationProfile: { privacyMark: true, telecomBureau: 'kinki' } }).expect(200);
    expect(changed.body).toMatchObject({ version: 1, organisationProfile: { telecomCarrier: true, telecomBureau: 'kinki', privacyMark: true, isms: false, policyPromises: true } });
    await patch({ version: 0, organisationProfile: { isms: true } }).expect(409);
    expect((await settings()).organisationProfile.isms).toBe(false);

    const trail = (await t.http.get('/api/v1/audit-log?entityType=settings').set(...bearer(admin)).expect(200)).body.items;
    expect(trail[0]).toMatchObject({
      action: 'update', entityType: 'settings', actor: expect.objectContaining({ email: 'admin@example.test' }),
      changes: { organisationProfile: {
        before: { telecomCarrier: true, telecomBureau: 'kanto', privacyMark: false, isms: false, policyPromises: true },
        after: { telecomCarrier: true, telecomBureau: 'kinki', privacyMark: true, isms: false, policyPromises: true },
      } },
    });
    await patch({ version: 1, organisationProfile: { privacyMark: false, telecomBureau: 'kanto' } }).expect(200);
  });

  it('applies the telecom rows to a carrier, JIS Q 15001 only with the Privacy Mark and ISO/IEC 27001 only with ISMS', async () => {
    const vendor = await activeVendor(t, { dataCategories: ['communications'] });
    expect(await frameworksOf(vendor.id)).toEqual(['appi', 'tel']);
    let { version } = await settings();
    version = (await patch({ version, organisationProfile: { privacyMark: true } }).expect(200)).body.version;
    expect(await frameworksOf(vendor.id)).toEqual(['appi', 'tel', 'jis']);
    version = (await patch({ version, organisationProfile: { isms: true, telecomCarrier: false } }).expect(200)).body.version;
    expect(await frameworksOf(vendor.id)).toEqual(['appi', 'jis', 'iso']);
    await patch({ version, organisationProfile: { privacyMark: false, isms: false, telecomCarrier: true } }).expect(200);
    expect(await frameworksOf(vendor.id)).toEqual(['appi', 'tel']);
  });

  it('shows the profile on the settings page, changes it for an admin, read-only for a viewer', async () => {
    const page = await signIn(t, 'admin');
    const html = (await page.get('/settings').expect(200)).text;
    expect(html).toContain('組織のプロファイル(当社を拘束する規範)');
    expect(html).toMatch(/<input type="checkbox" name="telecomCarrier" value="true" checked>/);
    expect(html).toMatch(/<input type="checkbox" name="privacyMark" value="true" >/);
    expect(html).toMatch(/<option value="kanto" selected>関東総合通信局<\/option>/);
    const { version } = await settings();
    await page.post('/settings', {
      version: String(version), high: '12', medium: '24', low: '36', objectionDays: '14',
      telecomCarrier: 'true', telecomBureau: 'tohoku', isms: 'true', policyPromises: 'true',
    }).expect(303);
    expect((await settings()).organisationProfile).toEqual({ telecomCarrier: true, telecomBureau: 'tohoku', privacyMark: false, isms: true, policyPromises: true });
    const viewerPage = (await (await signIn(t, 'viewer')).get('/settings').expect(200)).text;
    expect(viewerPage).toMatch(/<fieldset disabled data-testid="organisation-profile">/);
    // The viewer reads English.
    expect(viewerPage).toMatch(/<option value="tohoku" selected>Tohoku Bureau of Telecommunications \(東北総合通信局\)<\/option>/);
  });
});
