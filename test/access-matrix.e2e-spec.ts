import { addDays } from '../src/rules/calendar';
import { Role } from '../src/common/access-policy';
import { pdfOf } from './support/documents';
import { activeVendor, newAssessment, newAudit, newCertificate, newContract, newDeletionCertificate, newFinding, newIncident, newSubcontractor, newVendor, review, reviews, today } from './support/factories';
import { wallClock } from '../src/rules/incident-obligations';
import { ADMIN_EMAIL, ADMIN_PASSWORD, bearer, createTestApp, TestApp, USER_PASSWORD } from './support/test-app';
import { answerPage, Link, linkIn, newContact, outbox, postAnswers, SELECTION_CHECK_ANSWERS, sendQuestionnaire, templateOf } from './support/questionnaires';
import { csrfOf, PageSession, signIn, signInAs } from './ui/support';

type Policy = 'public' | readonly Role[];
const ALL: readonly Role[] = ['viewer', 'legal', 'compliance', 'admin'];
const VENDOR_WRITERS: readonly Role[] = ['compliance', 'admin'];
const CONTRACT_WRITERS: readonly Role[] = ['legal', 'compliance', 'admin'];
const CHECKLIST_WRITERS: readonly Role[] = ['legal', 'admin'];
const LEDGER_READERS: readonly Role[] = ['compliance', 'admin'];
const ADMINS: readonly Role[] = ['admin'];

/**
 * The one declared access policy of the API (README, "Security": Roles). The test below enumerates the running
 * app's routes: a route missing here fails, and every route × {anonymous, viewer, legal, compliance,
 * admin} must get exactly the outcome declared: 401 (pages: a redirect to /login), 403, or allowed —
 * and allowed means the call succeeded (2xx, or a 3xx that is not the sign-in redirect), because
 * every call is made on real records with a valid body, so the handler and the record's own rules
 * run instead of a 404 or a 400 hiding them.
 */
const POLICY: Record<string, Policy> = {
  'GET /health': 'public',
  'POST /api/v1/auth/login': 'public',
  'GET /calendar/:file': 'public',
  'POST /api/v1/auth/logout': ALL,
  'GET /api/v1/auth/me': ALL,
  'GET /api/v1/auth/tokens': ALL,
  'POST /api/v1/auth/tokens': ALL,
  'DELETE /api/v1/auth/tokens/:id': ALL,
  'GET /api/v1/users': ADMINS,
  'POST /api/v1/users': ADMINS,
  'GET /api/v1/users/:id': ADMINS,
  'PATCH /api/v1/users/:id': ADMINS,
  'POST /api/v1/users/:id/unlock': ADMINS,
  'GET /api/v1/clause-types': ALL,
  'GET /api/v1/requirements': ALL,
  'GET /api/v1/vendors': ALL,
  'POST /api/v1/vendors': VENDOR_WRITERS,
  'GET /api/v1/vendors/:id': ALL,
  'PATCH /api/v1/vendors/:id': VENDOR_WRITERS,
  'DELETE /api/v1/vendors/:id': VENDOR_WRITERS,
  'GET /api/v1/vendors/:id/contracts': ALL,
  'POST /api/v1/vendors/:id/contracts': CONTRACT_WRITERS,
  'GET /api/v1/contracts/:id': ALL,
  'PATCH /api/v1/contracts/:id': CONTRACT_WRITERS,
  'GET /api/v1/contracts/:id/checklist': ALL,
  'GET /api/v1/contracts/:id/checklist/history': ALL,
  'PUT /api/v1/contracts/:id/checklist/:clauseType': CHECKLIST_WRITERS,
  'POST /api/v1/contracts/:id/checklist/approve': CHECKLIST_WRITERS,
  'GET /api/v1/settings': ALL,
  'PATCH /api/v1/settings': ADMINS,
  'GET /api/v1/vendors/:id/assessments': ALL,
  'POST /api/v1/vendors/:id/assessments': VENDOR_WRITERS,
  'GET /api/v1/audits': ALL,
  'GET /api/v1/vendors/:id/audits': ALL,
  'POST /api/v1/vendors/:id/audits': VENDOR_WRITERS,
  'GET /api/v1/audits/:id': ALL,
  'PATCH /api/v1/audits/:id': VENDOR_WRITERS,
  'GET /api/v1/audits/:id/findings': ALL,
  'POST /api/v1/audits/:id/findings': VENDOR_WRITERS,
  'GET /api/v1/findings': ALL,
  'PATCH /api/v1/findings/:id': VENDOR_WRITERS,
  'GET /api/v1/vendors/:id/subcontractors': ALL,
  'POST /api/v1/vendors/:id/subcontractors': VENDOR_WRITERS,
  'PATCH /api/v1/subcontractors/:id': VENDOR_WRITERS,
  'GET /api/v1/audit-log': LEDGER_READERS,
  'GET /api/v1/vendors/:id/certificates': ALL,
  'POST /api/v1/vendors/:id/certificates': VENDOR_WRITERS,
  'GET /api/v1/vendors/:id/deletion-certificates': ALL,
  'POST /api/v1/vendors/:id/deletion-certificates': VENDOR_WRITERS,
  'GET /api/v1/vendors/:id/compliance': ALL,
  'GET /api/v1/flags': ALL,
  'GET /api/v1/actions': ALL,
  'GET /api/v1/work-queues': ALL,
  'GET /api/v1/work-queues/:queue': ALL,
  'GET /api/v1/audit-plan': ALL,
  'POST /api/v1/audit-plan': VENDOR_WRITERS,
  'POST /api/v1/calendar/feed': ALL,
  'DELETE /api/v1/calendar/feed': ALL,
  'POST /api/v1/reminders/run': ADMINS,
  'GET /api/v1/notifications': LEDGER_READERS,
  'GET /api/v1/notifications/:id/message': LEDGER_READERS,
  'POST /api/v1/imports/vendors': VENDOR_WRITERS,
  'GET /api/v1/imports/vendors/template': ALL,
  'GET /api/v1/exports/vendors': ALL,
  'GET /api/v1/exports/contracts': ALL,
  'GET /api/v1/exports/audits': ALL,
  'GET /api/v1/vendors/:id/dossier.pdf': ALL,
  'GET /api/v1/contracts/:id/checklist.xlsx': ALL,
  'GET /api/v1/reports/board': ALL,
  'GET /api/v1/reports/board.xlsx': ALL,
  'GET /api/v1/reports/external-environment': ALL,
  'GET /api/v1/reports/external-environment.xlsx': ALL,
  'GET /api/v1/reports/external-environment.txt': ALL,
  // Documents and evidence: everyone reads and downloads; the writers of the owning record upload and supersede; admins delete.
  'GET /api/v1/documents/:id': ALL,
  'GET /api/v1/files/:id': ALL,
  'GET /api/v1/files/:id/content': ALL,
  'GET /api/v1/files/:id/verify': ALL,
  'POST /api/v1/files/:id/supersede': CONTRACT_WRITERS,
  'DELETE /api/v1/files/:id': ADMINS,
  'GET /api/v1/contracts/:id/files': ALL,
  'POST /api/v1/contracts/:id/files': CONTRACT_WRITERS,
  'GET /api/v1/audits/:id/files': ALL,
  'POST /api/v1/audits/:id/files': VENDOR_WRITERS,
  'GET /api/v1/findings/:id/files': ALL,
  'POST /api/v1/findings/:id/files': VENDOR_WRITERS,
  'GET /api/v1/certificates/:id/files': ALL,
  'POST /api/v1/certificates/:id/files': VENDOR_WRITERS,
  'GET /api/v1/deletion-certificates/:id/files': ALL,
  'POST /api/v1/deletion-certificates/:id/files': VENDOR_WRITERS,
  'GET /api/v1/assessments/:id/files': ALL,
  'POST /api/v1/assessments/:id/files': VENDOR_WRITERS,
  // Questionnaires: everyone reads; compliance and admins send and review; admins copy and edit templates.
  'GET /api/v1/vendors/:id/contacts': ALL,
  'POST /api/v1/vendors/:id/contacts': VENDOR_WRITERS,
  'PATCH /api/v1/contacts/:id': VENDOR_WRITERS,
  'GET /api/v1/questionnaire-templates': ALL,
  'GET /api/v1/questionnaire-templates/:id': ALL,
  'POST /api/v1/questionnaire-templates/:id/copy': ADMINS,
  'PUT /api/v1/questionnaire-templates/:id': ADMINS,
  'GET /api/v1/questionnaires': ALL,
  'GET /api/v1/questionnaires/:id': ALL,
  'POST /api/v1/vendors/:id/questionnaires': VENDOR_WRITERS,
  'POST /api/v1/questionnaires/:id/resend': VENDOR_WRITERS,
  'POST /api/v1/questionnaires/:id/revoke': VENDOR_WRITERS,
  'POST /api/v1/questionnaires/:id/clarification': VENDOR_WRITERS,
  'POST /api/v1/questionnaires/:id/accept': VENDOR_WRITERS,
  'GET /api/v1/questionnaires/:id/files': ALL,
  'POST /api/v1/questionnaires/:id/files': VENDOR_WRITERS,
  // 漏えい等: a supervision record (compliance and admins write, everyone reads).
  'GET /api/v1/incidents': ALL,
  'GET /api/v1/vendors/:id/incidents': ALL,
  'POST /api/v1/vendors/:id/incidents': VENDOR_WRITERS,
  'GET /api/v1/incidents/:id': ALL,
  'PATCH /api/v1/incidents/:id': VENDOR_WRITERS,
  'GET /api/v1/incidents/:id/obligations': ALL,
  'PATCH /api/v1/incidents/:id/obligations/:code': VENDOR_WRITERS,
  'GET /api/v1/incidents/:id/reports': ALL,
  'POST /api/v1/incidents/:id/reports': VENDOR_WRITERS,
  'GET /api/v1/incidents/:id/files': ALL,
  'POST /api/v1/incidents/:id/files': VENDOR_WRITERS,
  // The admin UI's pages (session cookie + CSRF token; anonymous requests are redirected to /login).
  'GET /login': 'public',
  'POST /login': 'public',
  'POST /logout': ALL,
  'GET /account': ALL,
  'POST /account/locale': ALL,
  'POST /account/password': ALL,
  'POST /account/tokens': ALL,
  'POST /account/tokens/:id/revoke': ALL,
  'GET /auth/oidc/login': 'public',
  'GET /auth/oidc/callback': 'public',
  'GET /auth/oidc/signed-out': 'public',
  'GET /': ALL,
  'GET /flags': ALL,
  'GET /actions': ALL,
  'GET /work-queues/:queue': ALL,
  'GET /audit-plan': ALL,
  'POST /audit-plan': VENDOR_WRITERS,
  'GET /audits': ALL,
  'GET /findings': ALL,
  'GET /notifications': LEDGER_READERS,
  'GET /catalogue': ALL,
  'GET /users': ADMINS,
  'POST /users': ADMINS,
  'POST /users/:id': ADMINS,
  'POST /users/:id/unlock': ADMINS,
  'GET /settings': ALL,
  'POST /settings': ADMINS,
  'GET /vendors': ALL,
  'GET /vendors/export.csv': ALL,
  'GET /vendors/new': VENDOR_WRITERS,
  'POST /vendors': VENDOR_WRITERS,
  'GET /vendors/:id': ALL,
  'GET /vendors/:id/edit': VENDOR_WRITERS,
  'GET /vendors/:id/dossier': ALL,
  'GET /vendors/:id/dossier.pdf': ALL,
  'GET /contracts/:id/checklist.xlsx': ALL,
  'GET /reports/board': ALL,
  'GET /reports/board.xlsx': ALL,
  'GET /reports/external-environment': ALL,
  'GET /reports/external-environment.xlsx': ALL,
  'GET /reports/external-environment.txt': ALL,
  'POST /vendors/:id': VENDOR_WRITERS,
  'GET /vendors/:id/contracts/new': CONTRACT_WRITERS,
  'POST /vendors/:id/contracts': CONTRACT_WRITERS,
  'GET /contracts/:id': ALL,
  'GET /contracts/:id/edit': CONTRACT_WRITERS,
  'POST /contracts/:id': CONTRACT_WRITERS,
  'POST /contracts/:id/checklist': CHECKLIST_WRITERS,
  'POST /contracts/:id/checklist/approve': CHECKLIST_WRITERS,
  'GET /vendors/:id/audits/new': VENDOR_WRITERS,
  'POST /vendors/:id/audits': VENDOR_WRITERS,
  'GET /audits/:id/edit': VENDOR_WRITERS,
  'POST /audits/:id': VENDOR_WRITERS,
  'GET /vendors/:id/assessments/new': VENDOR_WRITERS,
  'POST /vendors/:id/assessments': VENDOR_WRITERS,
  'GET /imports': ALL,
  'POST /imports': VENDOR_WRITERS,
  'GET /imports/template': ALL,
  'GET /exports/:kind': ALL,
  'POST /audits/:id/findings': VENDOR_WRITERS,
  'POST /findings/:id': VENDOR_WRITERS,
  'GET /vendors/:id/subcontractors/new': VENDOR_WRITERS,
  'POST /vendors/:id/subcontractors': VENDOR_WRITERS,
  'POST /subcontractors/:id': VENDOR_WRITERS,
  'GET /vendors/:id/certificates/new': VENDOR_WRITERS,
  'POST /vendors/:id/certificates': VENDOR_WRITERS,
  'GET /vendors/:id/deletion-certificates/new': VENDOR_WRITERS,
  'POST /vendors/:id/deletion-certificates': VENDOR_WRITERS,
  'GET /files/:id/download': ALL,
  'GET /files/:id/view': ALL,
  'GET /files/:id/verify': ALL,
  'POST /files/:id/supersede': CONTRACT_WRITERS,
  'POST /files/:id/delete': ADMINS,
  'GET /contracts/:id/documents': ALL,
  'POST /contracts/:id/documents': CONTRACT_WRITERS,
  'GET /audits/:id/documents': ALL,
  'POST /audits/:id/documents': VENDOR_WRITERS,
  'GET /findings/:id/documents': ALL,
  'POST /findings/:id/documents': VENDOR_WRITERS,
  'GET /certificates/:id/documents': ALL,
  'POST /certificates/:id/documents': VENDOR_WRITERS,
  'GET /deletion-certificates/:id/documents': ALL,
  'POST /deletion-certificates/:id/documents': VENDOR_WRITERS,
  'GET /assessments/:id/documents': ALL,
  'POST /assessments/:id/documents': VENDOR_WRITERS,
  'GET /questionnaires/:id': ALL,
  'POST /questionnaires/:id/clarification': VENDOR_WRITERS,
  'POST /questionnaires/:id/accept': VENDOR_WRITERS,
  'GET /questionnaires/:id/documents': ALL,
  'POST /questionnaires/:id/documents': VENDOR_WRITERS,
  // The vendor's answer page: the link's token is the credential (its own guard and CSRF token), whoever else is signed in.
  'GET /q/:id/:token': 'public',
  'POST /q/:id/:token': 'public',
  'GET /incidents': ALL,
  'GET /vendors/:id/incidents/new': VENDOR_WRITERS,
  'POST /vendors/:id/incidents': VENDOR_WRITERS,
  'GET /incidents/:id': ALL,
  'GET /incidents/:id/edit': VENDOR_WRITERS,
  'POST /incidents/:id': VENDOR_WRITERS,
  'POST /incidents/:id/obligations/:code': VENDOR_WRITERS,
  'POST /incidents/:id/reports': VENDOR_WRITERS,
  'GET /incidents/:id/documents': ALL,
  'POST /incidents/:id/documents': VENDOR_WRITERS,
};

type Caller = Role | 'anonymous';
const CALLERS: readonly Caller[] = ['anonymous', ...ALL];

/** One request: the path (ids of real records), and a JSON body, a form, or a spreadsheet to upload. */
interface Call {
  path: string;
  body?: object;
  /** A file sent as multipart field `file` (imports, documents), under `fileName` (default register.csv). */
  file?: Buffer;
  fileName?: string;
  /** Credentials of the caller's role that this call must use instead of the shared ones (sign-out, password change). */
  token?: string;
  session?: PageSession;
}
type Build = (caller: Caller) => Promise<Call>;

/** Page routes: everything outside the JSON API, /health and the calendar feed. */
const isPage = (route: string) => !/^[A-Z]+ \/(api\/|health$|calendar\/)/.test(route);

/** The OpenAPI document and its UI are served by Swagger, outside the API's guard, on purpose. */
const DOCUMENTATION = /^GET \/api\/docs/;

/**
 * Public routes that exist only with single sign-on configured (OIDC_ISSUER): this app runs without
 * it, so every caller gets 404 (test/sso.e2e-spec.ts runs them against a real provider).
 */
const SSO_ONLY = new Set(['GET /auth/oidc/login', 'GET /auth/oidc/callback']);

/** 2xx, or a redirect that is not the anonymous redirect to the sign-in page. */
const succeeded = (status: number, location?: string) =>
  (status >= 200 && status < 300) || (status >= 300 && status < 400 && !/^\/login(\?next=|$)/.test(location ?? ''));

describe('access-control matrix: every route × every role against the declared policy, on real records', () => {
  let t: TestApp;
  let routes: string[];
  let admin: string;
  /** The record each `/<resource>/:id` of a route stands for. */
  const ids: Record<string, string> = {};
  let sequence = 0;
  const unique = (label: string) => `${label} ${(sequence += 1)}`;
  const read = async <T>(path: string): Promise<T> => (await t.http.get(path).set(...bearer(admin)).expect(200)).body as T;
  const versionOf = async (path: string) => (await read<{ version: number }>(path)).version;
  const realPath = (pattern: string) =>
    pattern
      .replace(/\/([a-z-]+)\/:id/g, (_, resource: string) => {
        if (!ids[resource]) throw new Error(`no record for /${resource}/:id`);
        return `/${resource}/${ids[resource]}`;
      })
      .replace(':clauseType', 'scope-purpose')
      .replace(':code', 'gdpr-authority')
      .replace(':kind', 'vendors')
      .replace(':queue', 'contracts-renewal');

  /** A contract of the shared vendor whose required clause types are all reviewed: legal may sign it off. */
  const approvable = async () => {
    const contract = await newContract(t, ids.vendors, { title: unique('承認用契約') });
    const checklist = await read<{ items: Array<{ clauseType: string; required: boolean }> }>(`/api/v1/contracts/${contract.id}/checklist`);
    const reviewed = await review(t, contract.id, reviews(checklist.items.filter((item) => item.required).map((item) => item.clauseType), 'present'));
    return { id: contract.id, version: reviewed.version };
  };
  /** A PDF of its own (distinct bytes) for an upload call. */
  const pdf = () => ({ file: pdfOf(unique('アクセス確認')), fileName: '証跡.pdf' });
  /** A new file on the shared contract: the supersede and delete calls each need one of their own. */
  const freshFile = async () => {
    const { file, fileName } = pdf();
    const upload = await t.http.post(`/api/v1/contracts/${ids.contracts}/files`).set(...bearer(admin)).attach('file', file, fileName).expect(201);
    return upload.body as { id: string; version: number };
  };
  /** A personal API token of the caller's own (any id for an anonymous caller: refused before it is looked up). */
  const ownApiToken = async (caller: Caller) => {
    if (caller === 'anonymous') return ids.users;
    const created = await t.http.post('/api/v1/auth/tokens').set(...bearer(await t.tokenFor(caller))).send({ name: unique('revoked'), expiresInDays: 1 }).expect(201);
    return created.body.id as string;
  };
  /** A new user of the caller's role, signed in: for the calls that end the caller's sessions. */
  const ownSession = async (role: Role) => {
    const email = `${unique('matrix').replace(' ', '-')}@example.test`;
    await t.http.post('/api/v1/users').set(...bearer(admin)).send({ email, name: 'Matrix', role, locale: 'en', password: USER_PASSWORD }).expect(201);
    return signInAs(t, email, USER_PASSWORD);
  };

  /** A questionnaire sent to a contact of its own, and the link of its e-mail (the outbox: no SMTP server here). */
  const sentQuestionnaire = async () => {
    const contact = await newContact(t, ids.vendors, { email: `${unique('contact').replace(' ', '-')}@vendor.example` });
    const sent = await sendQuestionnaire(t, ids.vendors, contact.id);
    const mails = await outbox(t, contact.email);
    return { id: sent.id, version: sent.version, link: linkIn(mails.at(-1)!.text) };
  };
  /** A questionnaire its vendor has submitted: ready for a clarification or the acceptance. */
  const submittedQuestionnaire = async () => {
    const sent = await sentQuestionnaire();
    const response = await postAnswers(t, sent.link, SELECTION_CHECK_ANSWERS, { intent: 'submit' });
    if (response.status !== 303) throw new Error(`not submitted: ${response.status}`);
    return { id: sent.id, version: await versionOf(`/api/v1/questionnaires/${sent.id}`) };
  };
  /** The answer page's form as it stands (its link-bound CSRF token and version): a draft to post. */
  const answerDraft = async () => {
    const page = await answerPage(t, answerLink);
    return { _csrf: page.csrf!, version: page.version!, intent: 'draft', 'responsible-person': unique('回答者') };
  };
  let answerLink: Link;
  const contactVersion = async () =>
    (await read<{ items: Array<{ id: string; version: number }> }>(`/api/v1/vendors/${ids.vendors}/contacts?pageSize=200`)).items.find((contact) => contact.id === ids.contacts)!.version;

  /** Every route that is not a plain GET of a real record: the call that succeeds for a caller the policy allows. */
  const API_CALLS: Record<string, Build> = {
    'POST /api/v1/auth/login': async () => ({ path: '/api/v1/auth/login', body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } }),
    // Sign-out revokes the token it is called with: a fresh one each time.
    'POST /api/v1/auth/logout': async (caller) => ({ path: '/api/v1/auth/logout', token: caller === 'anonymous' ? undefined : await freshToken(t, caller) }),
    'GET /calendar/:file': async () => ({ path: new URL((await t.http.post('/api/v1/calendar/feed').set(...bearer(admin)).expect(201)).body.url).pathname }),
    'POST /api/v1/users': async () => ({ path: '/api/v1/users', body: { email: `${unique('new').replace(' ', '-')}@example.test`, name: 'New', role: 'viewer', password: USER_PASSWORD } }),
    'POST /api/v1/auth/tokens': async () => ({ path: '/api/v1/auth/tokens', body: { name: unique('matrix token'), expiresInDays: 1 } }),
    // A caller revokes only tokens of their own: a new one of the caller's for each call.
    'DELETE /api/v1/auth/tokens/:id': async (caller) => ({ path: `/api/v1/auth/tokens/${await ownApiToken(caller)}` }),
    'POST /api/v1/users/:id/unlock': async () => ({ path: realPath('/api/v1/users/:id/unlock') }),
    'PATCH /api/v1/users/:id': async () => ({ path: realPath('/api/v1/users/:id'), body: { version: await versionOf(realPath('/api/v1/users/:id')), name: unique('Renamed') } }),
    'POST /api/v1/vendors': async () => ({ path: '/api/v1/vendors', body: { name: unique('新規委託先') } }),
    'PATCH /api/v1/vendors/:id': async () => ({ path: realPath('/api/v1/vendors/:id'), body: { version: await versionOf(realPath('/api/v1/vendors/:id')), services: unique('運用') } }),
    // Only a candidate without records may be deleted: a new one for each call.
    'DELETE /api/v1/vendors/:id': async () => ({ path: `/api/v1/vendors/${(await newVendor(t)).id}` }),
    'POST /api/v1/vendors/:id/contracts': async () => ({ path: realPath('/api/v1/vendors/:id/contracts'), body: { title: unique('覚書'), kind: 'dpa', effectiveFrom: '2024-04-01' } }),
    'PATCH /api/v1/contracts/:id': async () => ({ path: realPath('/api/v1/contracts/:id'), body: { version: await versionOf(realPath('/api/v1/contracts/:id')), documentRef: unique('DMS') } }),
    'PUT /api/v1/contracts/:id/checklist/:clauseType': async () => ({
      path: realPath('/api/v1/contracts/:id/checklist/:clauseType'),
      body: { status: 'present', section: unique('第'), version: await versionOf(realPath('/api/v1/contracts/:id/checklist')) },
    }),
    'POST /api/v1/contracts/:id/checklist/approve': async () => {
      const contract = await approvable();
      return { path: `/api/v1/contracts/${contract.id}/checklist/approve`, body: { version: contract.version } };
    },
    'PATCH /api/v1/settings': async () => ({ path: '/api/v1/settings', body: { version: await versionOf('/api/v1/settings'), objectionDays: 14 } }),
    'POST /api/v1/vendors/:id/assessments': async () => ({ path: realPath('/api/v1/vendors/:id/assessments'), body: { kind: 'periodic', completedOn: '2024-01-10', outcome: 'approved' } }),
    'POST /api/v1/vendors/:id/audits': async () => ({ path: realPath('/api/v1/vendors/:id/audits'), body: { kind: 'remote', scheduledFor: '2027-01-10' } }),
    'PATCH /api/v1/audits/:id': async () => ({ path: realPath('/api/v1/audits/:id'), body: { version: await versionOf(realPath('/api/v1/audits/:id')), summary: unique('概要') } }),
    'POST /api/v1/audits/:id/findings': async () => ({ path: realPath('/api/v1/audits/:id/findings'), body: { title: unique('指摘'), severity: 'low', dueOn: '2099-01-31' } }),
    'PATCH /api/v1/findings/:id': async () => {
      const finding = await newFinding(t, ids.audits);
      return { path: `/api/v1/findings/${finding.id}`, body: { version: finding.version, status: 'resolved', resolutionNote: '是正済み' } };
    },
    'POST /api/v1/vendors/:id/subcontractors': async () => ({ path: realPath('/api/v1/vendors/:id/subcontractors'), body: { name: unique('再委託先'), country: 'JP', services: '運用' } }),
    'PATCH /api/v1/subcontractors/:id': async () => {
      const subcontractor = await newSubcontractor(t, ids.vendors);
      return { path: `/api/v1/subcontractors/${subcontractor.id}`, body: { version: subcontractor.version, status: 'approved' } };
    },
    'POST /api/v1/vendors/:id/certificates': async () => ({ path: realPath('/api/v1/vendors/:id/certificates'), body: { kind: 'soc2', validUntil: '2099-01-31' } }),
    'POST /api/v1/vendors/:id/deletion-certificates': async () => ({ path: realPath('/api/v1/vendors/:id/deletion-certificates'), body: { receivedOn: '2024-01-10' } }),
    'POST /api/v1/calendar/feed': async () => ({ path: '/api/v1/calendar/feed' }),
    'GET /api/v1/audit-plan': async () => ({ path: '/api/v1/audit-plan?from=2020-01-01&to=2030-12-31' }),
    // The plan refuses a vendor that already has a planned audit: a new active vendor for each call.
    'POST /api/v1/audit-plan': async () => ({ path: '/api/v1/audit-plan', body: { audits: [{ vendorId: (await activeVendor(t)).id, kind: 'remote', scheduledFor: '2027-03-10' }] } }),
    'DELETE /api/v1/calendar/feed': async () => ({ path: '/api/v1/calendar/feed' }),
    'POST /api/v1/reminders/run': async () => ({ path: '/api/v1/reminders/run', body: {} }),
    'POST /api/v1/imports/vendors': async () => ({ path: '/api/v1/imports/vendors?dryRun=true', file: Buffer.from(`Vendor name\r\n${unique('取込')}\r\n`, 'utf8') }),
    'POST /api/v1/vendors/:id/incidents': async () => ({
      path: realPath('/api/v1/vendors/:id/incidents'), body: { title: unique('事案'), kind: 'leak', notifiedAt: t.clock.now().toISOString(), euUkDataSubjects: true },
    }),
    'PATCH /api/v1/incidents/:id': async () => ({ path: realPath('/api/v1/incidents/:id'), body: { version: await versionOf(realPath('/api/v1/incidents/:id')), description: unique('経緯') } }),
    // Closing needs an open obligation: an incident of its own for each call.
    'PATCH /api/v1/incidents/:id/obligations/:code': async () => ({
      path: `/api/v1/incidents/${(await newIncident(t, ids.vendors, { euUkDataSubjects: true })).id}/obligations/gdpr-authority`,
      body: { version: 1, status: 'not-required', reason: 'リスクが生じるおそれがないため' },
    }),
    'POST /api/v1/incidents/:id/reports': async () => ({
      path: realPath('/api/v1/incidents/:id/reports'), body: { obligation: 'gdpr-authority', submittedAt: t.clock.now().toISOString(), submittedBy: unique('報告者') },
    }),
    ...Object.fromEntries(['contracts', 'audits', 'findings', 'certificates', 'deletion-certificates', 'assessments', 'incidents'].map((resource) => [
      `POST /api/v1/${resource}/:id/files`, async () => ({ path: realPath(`/api/v1/${resource}/:id/files`), ...pdf() }),
    ])),
    'POST /api/v1/files/:id/supersede': async () => {
      const file = await freshFile();
      return { path: `/api/v1/files/${file.id}/supersede`, body: { version: file.version, note: '差替え' } };
    },
    'DELETE /api/v1/files/:id': async () => ({ path: `/api/v1/files/${(await freshFile()).id}`, body: { reason: '誤って登録したため' } }),
    'POST /api/v1/vendors/:id/contacts': async () => ({ path: realPath('/api/v1/vendors/:id/contacts'), body: { name: unique('担当者'), email: `${unique('matrix-contact').replace(' ', '-')}@vendor.example` } }),
    'PATCH /api/v1/contacts/:id': async () => ({ path: realPath('/api/v1/contacts/:id'), body: { version: await contactVersion(), name: unique('改名') } }),
    'POST /api/v1/questionnaire-templates/:id/copy': async () => ({ path: realPath('/api/v1/questionnaire-templates/:id/copy'), body: { nameJa: unique('複製'), nameEn: unique('Copy') } }),
    'PUT /api/v1/questionnaire-templates/:id': async () => {
      const template = await read<{ version: number; purpose: string; content: object }>(`/api/v1/questionnaire-templates/${ids.ownTemplate}`);
      return { path: `/api/v1/questionnaire-templates/${ids.ownTemplate}`, body: { version: template.version, nameJa: unique('改訂'), nameEn: unique('Revised'), purpose: template.purpose, content: template.content } };
    },
    'POST /api/v1/vendors/:id/questionnaires': async () => ({ path: realPath('/api/v1/vendors/:id/questionnaires'), body: { templateId: ids['questionnaire-templates'], contactId: ids.contacts, dueOn: addDays(today(t), 30) } }),
    'POST /api/v1/questionnaires/:id/resend': async () => {
      const sent = await sentQuestionnaire();
      return { path: `/api/v1/questionnaires/${sent.id}/resend`, body: { version: sent.version } };
    },
    'POST /api/v1/questionnaires/:id/revoke': async () => {
      const sent = await sentQuestionnaire();
      return { path: `/api/v1/questionnaires/${sent.id}/revoke`, body: { version: sent.version } };
    },
    'POST /api/v1/questionnaires/:id/clarification': async () => {
      const submitted = await submittedQuestionnaire();
      return { path: `/api/v1/questionnaires/${submitted.id}/clarification`, body: { version: submitted.version, dueOn: addDays(today(t), 7), questions: [{ key: 'staff-training', comment: '頻度を教えてください' }] } };
    },
    'POST /api/v1/questionnaires/:id/accept': async () => {
      const submitted = await submittedQuestionnaire();
      return { path: `/api/v1/questionnaires/${submitted.id}/accept`, body: { version: submitted.version } };
    },
    'POST /api/v1/questionnaires/:id/files': async () => ({ path: realPath('/api/v1/questionnaires/:id/files'), ...pdf() }),
    'GET /q/:id/:token': async () => ({ path: answerLink.path }),
  };

  /** Every page form: the post that succeeds (303) for a caller the policy allows. */
  const PAGE_POSTS: Record<string, Build> = {
    'POST /logout': async (caller) => ({ path: '/logout', session: caller === 'anonymous' ? undefined : await signIn(t, caller) }),
    'POST /account/locale': async (caller) => ({ path: '/account/locale', body: { locale: caller === 'admin' ? 'ja' : 'en' } }),
    // A password change ends every session of the user: a user of the caller's role of its own.
    'POST /account/password': async (caller) => ({
      path: '/account/password', body: { currentPassword: USER_PASSWORD, newPassword: 'another long password 3' }, session: caller === 'anonymous' ? undefined : await ownSession(caller),
    }),
    'POST /users': async () => ({ path: '/users', body: { email: `${unique('page').replace(' ', '-')}@example.test`, name: 'Page', role: 'viewer', locale: 'ja', password: USER_PASSWORD } }),
    'POST /account/tokens': async () => ({ path: '/account/tokens', body: { name: unique('画面のトークン'), expiresInDays: '1' } }),
    'POST /account/tokens/:id/revoke': async (caller) => ({ path: `/account/tokens/${await ownApiToken(caller)}/revoke` }),
    'POST /users/:id/unlock': async () => ({ path: realPath('/users/:id/unlock') }),
    'POST /users/:id': async () => ({ path: realPath('/users/:id'), body: { version: String(await versionOf(realPath('/api/v1/users/:id'))), role: 'viewer', locale: 'en' } }),
    'POST /settings': async () => ({ path: '/settings', body: { version: String(await versionOf('/api/v1/settings')), high: '12', medium: '24', low: '36', objectionDays: '14' } }),
    'POST /vendors': async () => ({ path: '/vendors', body: { name: unique('画面の委託先'), country: 'JP', services: '運用' } }),
    'POST /vendors/:id': async () => ({
      path: `/vendors/${ids.pageVendor}`,
      body: { version: String(await versionOf(`/api/v1/vendors/${ids.pageVendor}`)), name: unique('画面で編集'), country: 'JP', status: 'candidate', services: '運用' },
    }),
    'POST /vendors/:id/contracts': async () => ({ path: realPath('/vendors/:id/contracts'), body: { title: unique('画面の契約'), kind: 'entrustment', status: 'draft', effectiveFrom: '2024-04-01' } }),
    'POST /contracts/:id': async () => ({
      path: `/contracts/${ids.pageContract}`,
      body: { version: String(await versionOf(`/api/v1/contracts/${ids.pageContract}`)), title: unique('画面で編集した契約'), kind: 'entrustment', status: 'draft', effectiveFrom: '2024-04-01' },
    }),
    'POST /contracts/:id/checklist': async () => ({
      path: realPath('/contracts/:id/checklist'), body: { version: String(await versionOf(realPath('/api/v1/contracts/:id/checklist'))), 'status__audit-rights': 'present' },
    }),
    'POST /contracts/:id/checklist/approve': async () => {
      const contract = await approvable();
      return { path: `/contracts/${contract.id}/checklist/approve`, body: { version: String(contract.version) } };
    },
    'POST /vendors/:id/audits': async () => ({ path: realPath('/vendors/:id/audits'), body: { kind: 'remote', scheduledFor: '2027-02-10' } }),
    'POST /audits/:id': async () => ({ path: realPath('/audits/:id'), body: { version: String(await versionOf(realPath('/api/v1/audits/:id'))), summary: unique('画面の概要') } }),
    'POST /vendors/:id/assessments': async () => ({ path: realPath('/vendors/:id/assessments'), body: { kind: 'periodic', completedOn: '2024-02-10', outcome: 'approved' } }),
    'POST /audit-plan': async () => {
      const vendor = await activeVendor(t);
      return { path: '/audit-plan', body: { vendorIds: vendor.id, [`date__${vendor.id}`]: '2027-03-20', kind: 'remote' } };
    },
    'POST /imports': async () => ({ path: '/imports', file: Buffer.from(`Vendor name\r\n${unique('画面取込')}\r\n`, 'utf8') }),
    'POST /audits/:id/findings': async () => ({ path: realPath('/audits/:id/findings'), body: { title: unique('画面の指摘'), severity: 'low', dueOn: '2099-02-28' } }),
    'POST /findings/:id': async () => {
      const finding = await newFinding(t, ids.audits);
      return { path: `/findings/${finding.id}`, body: { version: String(finding.version), status: 'resolved', resolutionNote: '是正済み', back: '/findings' } };
    },
    'POST /vendors/:id/subcontractors': async () => ({ path: realPath('/vendors/:id/subcontractors'), body: { name: unique('画面の再委託先'), country: 'JP', services: '運用' } }),
    'POST /subcontractors/:id': async () => {
      const subcontractor = await newSubcontractor(t, ids.vendors);
      return { path: `/subcontractors/${subcontractor.id}`, body: { version: String(subcontractor.version), status: 'approved' } };
    },
    'POST /vendors/:id/certificates': async () => ({ path: realPath('/vendors/:id/certificates'), body: { kind: 'soc2', validUntil: '2099-03-31' } }),
    'POST /vendors/:id/deletion-certificates': async () => ({ path: realPath('/vendors/:id/deletion-certificates'), body: { receivedOn: '2024-03-10' } }),
    'POST /vendors/:id/incidents': async () => ({ path: realPath('/vendors/:id/incidents'), body: { title: unique('画面の事案'), kind: 'leak', awareAt: wallClock(t.clock.now(), t.config.orgTimezone).replace(' ', 'T') } }),
    'POST /incidents/:id': async () => ({
      path: realPath('/incidents/:id'),
      body: { version: String(await versionOf(realPath('/api/v1/incidents/:id'))), title: unique('画面で編集した事案'), kind: 'leak', status: 'open', awareAt: wallClock(t.clock.now(), t.config.orgTimezone).replace(' ', 'T'), euUkDataSubjects: 'true' },
    }),
    'POST /incidents/:id/obligations/:code': async () => ({
      path: `/incidents/${(await newIncident(t, ids.vendors, { euUkDataSubjects: true })).id}/obligations/gdpr-authority`,
      body: { version: '1', status: 'not-required', reason: '画面で閉じる理由' },
    }),
    'POST /incidents/:id/reports': async () => ({
      path: realPath('/incidents/:id/reports'), body: { obligation: 'gdpr-authority', submittedAt: wallClock(t.clock.now(), t.config.orgTimezone).replace(' ', 'T'), submittedBy: unique('画面の報告者') },
    }),
    ...Object.fromEntries(['contracts', 'audits', 'findings', 'certificates', 'deletion-certificates', 'assessments', 'incidents'].map((resource) => [
      `POST /${resource}/:id/documents`, async () => ({ path: realPath(`/${resource}/:id/documents`), ...pdf() }),
    ])),
    'POST /files/:id/supersede': async () => {
      const file = await freshFile();
      return { path: `/files/${file.id}/supersede`, body: { version: String(file.version), note: '差替え' } };
    },
    'POST /files/:id/delete': async () => ({ path: `/files/${(await freshFile()).id}/delete`, body: { reason: '誤って登録したため' } }),
    'POST /questionnaires/:id/documents': async () => ({ path: realPath('/questionnaires/:id/documents'), ...pdf() }),
    'POST /questionnaires/:id/clarification': async () => {
      const submitted = await submittedQuestionnaire();
      return { path: `/questionnaires/${submitted.id}/clarification`, body: { version: String(submitted.version), dueOn: addDays(today(t), 7), 'ask__staff-training': 'on', 'comment__staff-training': '頻度は?' } };
    },
    'POST /questionnaires/:id/accept': async () => {
      const submitted = await submittedQuestionnaire();
      return { path: `/questionnaires/${submitted.id}/accept`, body: { version: String(submitted.version), outcome: 'approved' } };
    },
    // The link's own CSRF token, not the session's: it answers the same to anyone holding the link.
    'POST /q/:id/:token': async () => ({ path: answerLink.path, body: await answerDraft() }),
  };

  /** The call for a route: its builder, or a GET of the real records its path names. */
  const callFor = (route: string, caller: Caller): Promise<Call> => {
    const build = API_CALLS[route] ?? PAGE_POSTS[route];
    if (build) return build(caller);
    const [method, pattern] = route.split(' ');
    if (method !== 'GET') throw new Error(`${route}: no call declared for this route`);
    return Promise.resolve({ path: realPath(pattern) });
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.tokenFor('admin');
    const instance = t.app.getHttpAdapter().getInstance();
    const stack = (instance.router ?? instance._router).stack as unknown as Array<{ route?: { path: string; methods: Record<string, boolean> } }>;
    routes = stack
      .filter((layer) => layer.route)
      .flatMap((layer) => Object.keys(layer.route!.methods).map((method) => `${method.toUpperCase()} ${layer.route!.path}`))
      .filter((route) => !DOCUMENTATION.test(route));

    // One record of every kind, so each route runs on a real one.
    const vendor = await activeVendor(t, { name: 'アクセス確認株式会社', ownerEmail: 'owner@example.test', reentrustmentAllowed: true });
    const contract = await newContract(t, vendor.id);
    const audit = await newAudit(t, vendor.id);
    // Due in 3 days with an owner: the reminder run below puts it in the ledger.
    const finding = await newFinding(t, audit.id, { dueOn: addDays(today(t), 3), ownerEmail: 'fixer@example.test' });
    const subcontractor = await newSubcontractor(t, vendor.id);
    const certificate = await newCertificate(t, vendor.id);
    const deletionCertificate = await newDeletionCertificate(t, vendor.id);
    const assessment = await newAssessment(t, vendor.id);
    const incident = await newIncident(t, vendor.id, { euUkDataSubjects: true });
    const document = (await t.http.post(`/api/v1/contracts/${contract.id}/files`).set(...bearer(admin)).attach('file', pdfOf('契約書'), '契約書.pdf').expect(201)).body;
    const user = (await t.http.post('/api/v1/users').set(...bearer(admin)).send({ email: 'matrix.user@example.test', name: 'Matrix', role: 'viewer', password: USER_PASSWORD }).expect(201)).body;
    await t.http.post('/api/v1/reminders/run').set(...bearer(admin)).send({}).expect(200);
    const [notification] = (await t.http.get('/api/v1/notifications').set(...bearer(admin)).expect(200)).body.items;
    const builtIn = await templateOf(t, 'selection-check');
    const ownTemplate = (await t.http.post(`/api/v1/questionnaire-templates/${builtIn.id}/copy`).set(...bearer(admin)).send({}).expect(201)).body as { id: string };
    Object.assign(ids, {
      vendors: vendor.id, 'questionnaire-templates': builtIn.id, ownTemplate: ownTemplate.id, contracts: contract.id, audits: audit.id, findings: finding.id, subcontractors: subcontractor.id, users: user.id,
      certificates: certificate.id, 'deletion-certificates': deletionCertificate.id, assessments: assessment.id, incidents: incident.id, documents: document.documentId, files: document.id, notifications: notification.id,
      pageVendor: (await newVendor(t, { name: '画面編集用' })).id, pageContract: (await newContract(t, vendor.id, { title: '画面編集用の契約', status: 'draft', signedOn: null })).id,
    });
  });
  beforeAll(async () => {
    // A questionnaire with its link: the answer page's routes run on it.
    const contact = await newContact(t, ids.vendors, { email: 'matrix.contact@vendor.example' });
    ids.contacts = contact.id;
    const sent = await sendQuestionnaire(t, ids.vendors, contact.id);
    ids.questionnaires = sent.id;
    answerLink = linkIn((await outbox(t, contact.email)).at(-1)!.text);
  });
  afterAll(() => t.close());

  it('declares a policy for every route of the running app, and only for routes that exist', () => {
    expect(routes.filter((route) => !(route in POLICY))).toEqual([]);
    expect(Object.keys(POLICY).filter((route) => !routes.includes(route))).toEqual([]);
    // Every route but a plain GET of records declares the call that succeeds on it.
    expect(routes.filter((route) => !route.startsWith('GET ') && !(route in API_CALLS) && !(route in PAGE_POSTS) && route !== 'POST /login')).toEqual([]);
    expect([...Object.keys(API_CALLS), ...Object.keys(PAGE_POSTS)].filter((route) => !routes.includes(route))).toEqual([]);
  });

  it('gives each role exactly the declared outcome on every route', async () => {
    const mismatches: string[] = [];
    for (const route of routes.filter((route) => !isPage(route))) {
      const method = route.split(' ')[0].toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
      const policy = POLICY[route];
      for (const caller of CALLERS) {
        const call = await callFor(route, caller);
        const token = caller === 'anonymous' ? null : call.token ?? (await t.tokenFor(caller));
        let request = t.http[method](call.path);
        if (token) request = request.set('Authorization', `Bearer ${token}`);
        const { status, body } = await (call.file ? request.attach('file', call.file, call.fileName ?? 'register.csv') : call.body ? request.send(call.body) : request);
        const expected = policy === 'public' ? 'allowed' : caller === 'anonymous' ? 401 : policy.includes(caller) ? 'allowed' : 403;
        const outcome = status === 401 || status === 403 ? status : succeeded(status) ? 'allowed' : `failed (${status} ${JSON.stringify(body?.message ?? '')})`;
        if (outcome !== expected) mismatches.push(`${route} as ${caller}: expected ${expected}, got ${outcome}`);
      }
    }
    expect(mismatches).toEqual([]);
  }, 300_000);

  /**
   * Pages authenticate with the session cookie only, and every POST carries the session's CSRF
   * token here, so the outcome is the role's: anonymous → redirect to /login (302 for GET, 303 for
   * POST), a role the policy lists → the page (200) or the form's own redirect (303), never 401,
   * 403 nor the sign-in redirect; any other role → 403. The sign-in form is public but needs its
   * pre-session CSRF token (403 without it).
   */
  it('gives each role exactly the declared outcome on every page route', async () => {
    const mismatches: string[] = [];
    const sessions = new Map<Role, PageSession>();
    for (const role of ALL) sessions.set(role, await signIn(t, role));
    for (const route of routes.filter(isPage)) {
      const method = route.split(' ')[0];
      const policy = POLICY[route];
      for (const caller of CALLERS) {
        if (route === 'POST /login') {
          const page = await t.http.get('/login');
          const pre = (page.headers['set-cookie'] as unknown as string[]).map((cookie) => cookie.split(';')[0]);
          const { status } = await t.http.post('/login').set('Cookie', pre).type('form').send({ _csrf: csrfOf(page.text), email: 'nobody@example.test', password: 'x' });
          if (status !== 401) mismatches.push(`${route} as ${caller}: wrong credentials should get 401, got ${status}`);
          const signedIn = await t.http.post('/login').set('Cookie', pre).type('form').send({ _csrf: csrfOf(page.text), email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
          if (signedIn.status !== 303) mismatches.push(`${route} as ${caller}: the right credentials should get 303, got ${signedIn.status}`);
          const { status: without } = await t.http.post('/login').type('form').send({ email: 'nobody@example.test', password: 'x' });
          if (without !== 403) mismatches.push(`${route} as ${caller} without CSRF: expected 403, got ${without}`);
          continue;
        }
        const call = await callFor(route, caller);
        const session = caller === 'anonymous' ? null : call.session ?? sessions.get(caller)!;
        let response;
        if (method === 'GET') response = await (session ? session.get(call.path) : t.http.get(call.path));
        else if (call.file) {
          const upload = session ? t.http.post(`${call.path}?_csrf=${encodeURIComponent(session.csrf)}`).set('Cookie', session.cookie) : t.http.post(call.path);
          response = await upload.attach('file', call.file, call.fileName ?? 'register.csv').field('dryRun', 'true');
        } else response = await (session ? session.post(call.path, (call.body ?? {}) as Record<string, string>) : t.http.post(call.path).type('form').send(call.body ?? {}));
        const { status, headers: { location } } = response;
        const toLogin = (status === 302 || status === 303) && /^\/login(\?next=|$)/.test(location ?? '');
        const outcome = toLogin ? 'login' : status === 401 || status === 403 ? status : succeeded(status, location) ? 'allowed' : `failed (${status})`;
        const expected = SSO_ONLY.has(route) ? 'failed (404)' : policy === 'public' ? 'allowed' : caller === 'anonymous' ? 'login' : policy.includes(caller) ? 'allowed' : 403;
        if (outcome !== expected) mismatches.push(`${route} as ${caller}: expected ${expected}, got ${outcome} ${location ?? ''}`);
      }
    }
    expect(mismatches).toEqual([]);
  }, 300_000);

  it('keeps the two kinds of credentials apart: a bearer token opens no page, a session cookie no API route', async () => {
    const session = await signIn(t, 'admin');
    const page = await t.http.get('/vendors').set('Authorization', `Bearer ${await t.tokenFor('admin')}`);
    expect([page.status, page.headers.location]).toEqual([302, '/login?next=%2Fvendors']);
    await t.http.get('/api/v1/vendors').set('Cookie', session.cookie).expect(401);
  });

  it('refuses every state-changing page request without the session\'s CSRF token (403), on the same real records, and writes nothing', async () => {
    const posts = routes.filter((route) => isPage(route) && route.startsWith('POST ') && route !== 'POST /login');
    const admin = await signIn(t, 'admin');
    const calls = [];
    for (const route of posts) calls.push({ route, call: await callFor(route, 'admin') });
    const trail = async () => (await read<{ total: number }>('/api/v1/audit-log?pageSize=1')).total;
    const before = await trail();
    const mismatches: string[] = [];
    for (const { route, call } of calls) {
      const request = t.http.post(call.path).set('Cookie', (call.session ?? admin).cookie);
      // Without any CSRF token: a form that carries its own (the answer page's) is sent without it too.
      const { _csrf: _withheld, ...form } = (call.body ?? {}) as Record<string, string>;
      const { status } = await (call.file ? request.attach('file', call.file, call.fileName ?? 'register.csv') : request.type('form').send(form));
      if (status !== 403) mismatches.push(`${route}: ${status}`);
    }
    expect(posts.length).toBeGreaterThan(10);
    expect(mismatches).toEqual([]);
    expect(await trail()).toBe(before);
  });
});

async function freshToken(t: TestApp, role: Role): Promise<string> {
  const email = role === 'admin' ? ADMIN_EMAIL : `${role}@example.test`;
  await t.tokenFor(role); // makes sure the user exists
  const password = role === 'admin' ? ADMIN_PASSWORD : 'a long enough password 1';
  return (await t.http.post('/api/v1/auth/login').send({ email, password }).expect(200)).body.token;
}
