import { createHash } from 'node:crypto';
import { keyOf, LINK_REQUEST_LIMIT, linkKey } from '../src/questionnaires/link-throttle.service';
import { addDays } from '../src/rules/calendar';
import { newVendor, today } from './support/factories';
import { pdfOf } from './support/documents';
import { answerPage, linkIn, newContact, postAnswers, SELECTION_CHECK_ANSWERS, sendQuestionnaire, templateOf } from './support/questionnaires';
import { TestSmtpServer } from './support/smtp';
import { bearer, createTestApp, TestApp } from './support/test-app';
import { signIn } from './ui/support';

/** The text of an HTML page as a reader sees it: tags dropped, entities read, white space collapsed. */
function visible(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&#x3D;/g, '=').replace(/&#x60;/g, '`').replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('vendor questionnaires by link, through a real SMTP server', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let compliance: string;
  let viewer: string;
  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    // X-Forwarded-For is believed from the test's loopback peer: each test speaks from its own address.
    t = await createTestApp({ env: { SMTP_URL: smtp.url, MAIL_FROM: 'Vendor Oversight <oversight@example.test>', TRUST_PROXY: 'loopback' } });
    compliance = await t.tokenFor('compliance');
    viewer = await t.tokenFor('viewer');
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const mailsTo = (address: string) => smtp.received.filter((mail) => mail.to === address);
  const lastMailTo = (address: string) => mailsTo(address).at(-1)!;
  const detail = async (id: string) => (await t.http.get(`/api/v1/questionnaires/${id}`).set(...bearer(viewer)).expect(200)).body;
  const flagCodes = async (vendorId: string) =>
    ((await t.http.get(`/api/v1/vendors/${vendorId}/compliance`).set(...bearer(viewer)).expect(200)).body.flags as Array<{ code: string }>).map((flag) => flag.code);
  const from = (address: string) => ({ get: (path: string) => t.http.get(path).set('X-Forwarded-For', address) });

  it('mails a link that opens the page without a session; only the hash is stored; another id → 404; revoked → 410', async () => {
    const vendor = await newVendor(t, { name: 'リンク確認株式会社', status: 'active' });
    const contact = await newContact(t, vendor.id, { name: '佐藤 花子', email: 'hanako@link.example' });
    const sent = await sendQuestionnaire(t, vendor.id, contact.id, { dueOn: addDays(today(t), 14), message: '今年度の確認です。' });
    expect(sent.status).toBe('sent');

    const mail = lastMailTo('hanako@link.example');
    expect(mail.subject).toBe('【ご回答のお願い】委託先評価チェックシート');
    expect(mail.text).toContain('佐藤 花子 様');
    expect(mail.text).toContain('今年度の確認です。');
    const link = linkIn(mail.text);
    expect(link.questionnaireId).toBe(sent.id);

    // No cookie, no token: the link alone opens the page, in the contact's language.
    const page = await from('198.51.100.1').get(link.path);
    expect(page.status).toBe(200);
    expect(page.headers['set-cookie'] ?? []).not.toEqual(expect.arrayContaining([expect.stringMatching(/^vo_session=/)]));
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const text = visible(page.text);
    expect(text).toContain('委託先評価チェックシート');
    expect(text).toContain('貴社名 リンク確認株式会社 回答者 佐藤 花子');
    expect(text).toContain('今年度の確認です。');

    // The database holds the token's SHA-256, never the token.
    const rows: Array<{ tokenHash: string }> = await t.dataSource.query('SELECT tokenHash FROM questionnaire_links WHERE questionnaireId = ?', [sent.id]);
    expect(rows).toEqual([{ tokenHash: sha256(link.token) }]);
    const everywhere = JSON.stringify(await t.dataSource.query('SELECT * FROM questionnaire_links')) + JSON.stringify(await t.dataSource.query('SELECT * FROM questionnaires'))
      + JSON.stringify(await t.dataSource.query('SELECT textBody, htmlBody FROM mail_messages')) + JSON.stringify(await t.dataSource.query('SELECT * FROM audit_log'));
    expect(everywhere).not.toContain(link.token);

    // The token opens its own questionnaire only.
    const otherContact = await newContact(t, vendor.id, { email: 'other@link.example' });
    const other = await sendQuestionnaire(t, vendor.id, otherContact.id, { template: 'handling-report' });
    const crossed = await from('198.51.100.1').get(`/q/${other.id}/${link.token}`);
    expect(crossed.status).toBe(404);
    expect(visible(crossed.text)).toContain('このリンクは無効です。最新のメールに記載されたリンクをお使いください。');
    expect(visible(crossed.text)).not.toContain('リンク確認株式会社');

    // Revoked: the link answers 410, saying why, in the page's language.
    const revoked = await t.http.post(`/api/v1/questionnaires/${sent.id}/revoke`).set(...bearer(compliance)).send({ version: sent.version, reason: '誤送信' }).expect(200);
    expect(revoked.body.status).toBe('revoked');
    const gone = await from('198.51.100.1').get(link.path);
    expect(gone.status).toBe(410);
    expect(visible(gone.text)).toContain('この質問票は送付元により取り消されました。このリンクは使用できません。');
    const goneEn = await from('198.51.100.1').get(`${link.path}?lang=en`);
    expect(goneEn.status).toBe(410);
    expect(visible(goneEn.text)).toContain('This questionnaire was withdrawn by the sender. The link no longer works.');
  });

  it('answers 429 to the 21st wrong link from one address (20 wrong → 404 each), while another address still gets in', async () => {
    const vendor = await newVendor(t, { status: 'active' });
    const contact = await newContact(t, vendor.id, { email: 'throttle@link.example', locale: 'en' });
    const sent = await sendQuestionnaire(t, vendor.id, contact.id);
    const link = linkIn(lastMailTo('throttle@link.example').text);
    const wrong = (n: number) => `/q/${sent.id}/${'A'.repeat(40)}${String(n).padStart(3, '0')}`;
    const statuses: number[] = [];
    for (let n = 0; n < 20; n += 1) statuses.push((await from('203.0.113.9').get(wrong(n))).status);
    expect(statuses).toEqual(Array(20).fill(404));
    const refused = await from('203.0.113.9').get(wrong(20));
    expect(refused.status).toBe(429);
    // Like the password sign-in: when to try again (the 15-minute window began with the first wrong link; the test clock stands still).
    expect(refused.headers['retry-after']).toBe('900');
    expect(visible(refused.text)).toContain('お使いのネットワークから無効なリンクへのアクセスが続いたため、一時的に制限しています。15分ほどおいてから再度お試しください。');
    // Even the right link waits at that address; from another one it opens, in the contact's language.
    expect((await from('203.0.113.9').get(link.path)).status).toBe(429);
    const elsewhere = await from('203.0.113.10').get(link.path);
    expect(elsewhere.status).toBe(200);
    expect(visible(elsewhere.text)).toContain('Vendor selection checklist');

    // A live link is rate limited too (300 requests in 15 minutes, from anywhere): its counter at the limit → 429.
    const [{ id: linkId }] = await t.dataSource.query('SELECT id FROM questionnaire_links WHERE questionnaireId = ?', [sent.id]);
    await t.dataSource.query('UPDATE questionnaire_link_throttles SET failures = ? WHERE id = ?', [LINK_REQUEST_LIMIT, keyOf(linkKey(linkId))]);
    const busy = await from('203.0.113.11').get(link.path);
    expect(busy.status).toBe(429);
    expect(busy.headers['retry-after']).toBe('900');
    expect(visible(busy.text)).toContain('This link was used very often in a short time. Please wait 15 minutes and try again.');
  });

  it('draft, submission, clarification of one question, acceptance: an approved selection assessment with its items, and selection-missing is gone', async () => {
    const vendor = await newVendor(t, { name: '回答確認株式会社', status: 'active' });
    expect(await flagCodes(vendor.id)).toContain('selection-missing');
    const contact = await newContact(t, vendor.id, { name: 'Alex Doe', email: 'alex@answer.example', locale: 'en' });
    const sent = await sendQuestionnaire(t, vendor.id, contact.id);
    const invitation = lastMailTo('alex@answer.example');
    expect(invitation.subject).toBe('Questionnaire: Vendor selection checklist');
    const link = linkIn(invitation.text);

    // A draft: a few answers, kept, shown again; the status says it is being answered.
    const draft = await postAnswers(t, link, { 'basic-policy': 'yes', 'responsible-person': '情報システム部 山田' });
    expect([draft.status, draft.headers.location]).toEqual([303, `${link.path}?notice=saved`]);
    const afterDraft = await t.http.get(draft.headers.location);
    expect(visible(afterDraft.text)).toContain('Your draft was saved.');
    expect(afterDraft.text).toContain('>情報システム部 山田</textarea>');
    expect(afterDraft.text).toMatch(/name="basic-policy" value="yes" checked/);
    expect((await detail(sent.id)).status).toBe('in-progress');

    // Submitting with required answers missing keeps the draft and names them.
    const incomplete = await postAnswers(t, link, { 'handling-rules': 'yes' }, { intent: 'submit' });
    expect(incomplete.status).toBe(400);
    expect(visible(incomplete.text)).toContain('Your draft was saved, but some required questions are still unanswered.');
    expect(visible(incomplete.text)).toContain('If data leaks or is lost, do you have a team and procedure to investigate, scope the impact and tell us promptly? : Please answer this question.');

    // The submission: read-only afterwards, a receipt by e-mail.
    const submitted = await postAnswers(t, link, SELECTION_CHECK_ANSWERS, { intent: 'submit' });
    expect([submitted.status, submitted.headers.location]).toEqual([303, `${link.path}?notice=submitted`]);
    const readOnly = visible((await t.http.get(link.path)).text);
    expect(readOnly).toContain('Your answers were submitted and are being reviewed. They can no longer be changed.');
    expect((await t.http.get(link.path)).text).not.toContain('<form');
    const receipt = lastMailTo('alex@answer.example');
    expect(receipt.subject).toBe('Received: Vendor selection checklist');
    expect(receipt.text).toContain('情報システム部 部長 山田太郎');
    const late = await postAnswers(t, link, { 'basic-policy': 'no' }).catch((error: Error) => error.message);
    expect(late).toMatch(/^the answer page has no form \(200\)/);
    let current = await detail(sent.id);
    expect(current.status).toBe('submitted');
    expect(current.answers['responsible-person']).toBe('情報システム部 部長 山田太郎');

    // Compliance asks to clarify one question: a new link, only that question open; the old link is replaced.
    const clarified = await t.http.post(`/api/v1/questionnaires/${sent.id}/clarification`).set(...bearer(compliance))
      .send({ version: current.version, dueOn: addDays(today(t), 7), questions: [{ key: 'staff-training', comment: 'Please name the training and how often it is held.' }] })
      .expect(200);
    expect(clarified.body.status).toBe('clarification-requested');
    expect(clarified.body.reopened).toEqual(['staff-training']);
    const ask = lastMailTo('alex@answer.example');
    expect(ask.subject).toBe('Clarification requested — questionnaire: Vendor selection checklist');
    expect(ask.text).toContain('Please name the training and how often it is held.');
    const second = linkIn(ask.text);
    expect(second.token).not.toBe(link.token);
    const replaced = await t.http.get(link.path);
    expect(replaced.status).toBe(410);
    expect(visible(replaced.text)).toContain('This link has been replaced by a newer one. Please use the link in the most recent e-mail you received.');
    const reopenedPage = await t.http.get(second.path);
    expect(visible(reopenedPage.text)).toContain('Please name the training and how often it is held.');
    // One question open: its two radio buttons are the only inputs besides the hidden ones.
    expect([...reopenedPage.text.matchAll(/<(input|textarea|select)\b(?![^>]*type="hidden")/g)].length).toBe(2);
    expect([...reopenedPage.text.matchAll(/<input type="radio"[^>]*name="([^"]+)"/g)].map((match) => match[1])).toEqual(['staff-training', 'staff-training']);

    // The vendor answers it (a change to a closed question is ignored) and submits.
    const answered = await postAnswers(t, second, { 'staff-training': 'yes', 'basic-policy': 'no' }, { intent: 'submit' });
    expect(answered.status).toBe(303);
    current = await detail(sent.id);
    expect([current.status, current.answers['staff-training'], current.answers['basic-policy']]).toEqual(['submitted', 'yes', 'yes']);

    // Acceptance: the approved selection assessment, items from the mapped questions; the flag follows.
    const accepted = await t.http.post(`/api/v1/questionnaires/${sent.id}/accept`).set(...bearer(compliance)).send({ version: current.version }).expect(200);
    expect(accepted.body.status).toBe('accepted');
    const assessments = (await t.http.get(`/api/v1/vendors/${vendor.id}/assessments`).set(...bearer(viewer)).expect(200)).body.items as Array<Record<string, unknown>>;
    expect(assessments).toHaveLength(1);
    const [assessment] = assessments as Array<{ id: string; kind: string; outcome: string; completedOn: string; items: Array<{ code: string; status: string; evidence: string }> }>;
    expect([assessment.id, assessment.kind, assessment.outcome, assessment.completedOn]).toEqual([accepted.body.assessmentId, 'selection', 'approved', today(t)]);
    const items = Object.fromEntries(assessment.items.map((item) => [item.code, item.status]));
    expect(items).toMatchObject({ 'basic-policy': 'confirmed', 'handling-rules': 'confirmed', organisational: 'confirmed', human: 'confirmed', physical: 'confirmed', technical: 'confirmed' });
    expect(assessment.items.find((item) => item.code === 'human')!.evidence).toContain('Do you train the staff who handle personal data regularly? Yes');
    expect(await flagCodes(vendor.id)).not.toContain('selection-missing');

    // The vendor's changes are in the audit trail as the contact's, through the link.
    const trail = (await t.http.get(`/api/v1/audit-log?entityType=questionnaire&entityId=${sent.id}&pageSize=50`).set(...bearer(await t.tokenFor('admin'))).expect(200)).body.items as Array<{ action: string; actor: { email: string; via?: string } | null }>;
    const byVendor = trail.filter((entry) => entry.actor?.via === 'vendor-contact-link');
    expect(byVendor.length).toBeGreaterThanOrEqual(3);
    expect(new Set(byVendor.map((entry) => entry.actor!.email))).toEqual(new Set(['alex@answer.example']));
    expect(trail.filter((entry) => entry.action === 'approve').map((entry) => entry.actor?.email)).toEqual(['compliance@example.test']);
  });

  it('shows answers with markup as text in the receipt and the clarification e-mails, and on the reviewer\'s page', async () => {
    const attack = '<script>alert("x")</script><img src=x onerror=alert(1)>&amp;';
    const vendor = await newVendor(t, { status: 'active' });
    const contact = await newContact(t, vendor.id, { email: 'xss@answer.example', locale: 'en' });
    const sent = await sendQuestionnaire(t, vendor.id, contact.id);
    const link = linkIn(lastMailTo('xss@answer.example').text);
    // Every free-text question of the template, and a file's name.
    const texts = ['responsible-person', 'foreign-countries', 'certification-details', 'subcontractors', 'incident-details'];
    const marked = (key: string) => (key === 'responsible-person' ? attack : `<script>alert("${key}")</script>`);
    const fileName = '<img src=x onerror=alert(9)>.pdf';
    // Markup in a date is refused, and what was typed is shown back as text.
    const badDate = await postAnswers(t, link, { 'last-training': '<script>alert("date")</script>' });
    expect(badDate.status).toBe(400);
    expect(badDate.text).not.toContain('<script>alert("date")');
    expect(visible(badDate.text)).toContain('Please enter a real date (YYYY-MM-DD).');
    const answers = { ...SELECTION_CHECK_ANSWERS, ...Object.fromEntries(texts.map((key) => [key, marked(key)])) };
    expect((await postAnswers(t, link, answers, { intent: 'submit', files: [{ question: 'basic-policy-document', name: fileName, bytes: pdfOf('markup') }] })).status).toBe(303);
    const receipt = lastMailTo('xss@answer.example');
    expect(receipt.html).not.toMatch(/<script>|<img src=x/);
    expect(receipt.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;&amp;amp;');
    for (const key of texts.slice(1)) expect(receipt.html).toContain(`&lt;script&gt;alert(&quot;${key}&quot;)&lt;/script&gt;`);
    expect(receipt.html).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(9)&gt;.pdf');
    for (const key of texts) expect(receipt.text).toContain(marked(key));
    expect(receipt.text).toContain(fileName);

    // The reviewer's page: each answer is text in its cell, nothing of it is markup.
    const reviewer = await signIn(t, 'viewer');
    const review = await reviewer.get(`/questionnaires/${sent.id}`).expect(200);
    expect(review.text).not.toMatch(/<script>alert|<img src=x/);
    const cell = (key: string) => visible(new RegExp(`<td class="answer" data-testid="answer-${key}">([^<]*)</td>`).exec(review.text)![1]);
    expect(texts.map(cell)).toEqual(texts.map(marked));
    expect(cell('basic-policy-document')).toBe(fileName);
    // The documents page of the questionnaire names the file as text too.
    const documentsPage = await reviewer.get(`/questionnaires/${sent.id}/documents`).expect(200);
    expect(documentsPage.text).not.toContain('<img src=x');
    expect(visible(documentsPage.text)).toContain(fileName);

    const current = await detail(sent.id);
    await t.http.post(`/api/v1/questionnaires/${sent.id}/clarification`).set(...bearer(compliance))
      .send({ version: current.version, dueOn: addDays(today(t), 7), questions: [{ key: 'responsible-person', comment: '<b>whose</b> name?' }] }).expect(200);
    const reviewed = await reviewer.get(`/questionnaires/${sent.id}`).expect(200);
    expect(reviewed.text).not.toMatch(/<b>whose|<script>alert/);
    expect(visible(reviewed.text)).toContain(`Clarification 1: <b>whose</b> name? (answer then: ${attack})`);
    const ask = lastMailTo('xss@answer.example');
    expect(ask.html).not.toMatch(/<script>|<img src=x|<b>whose/);
    expect(ask.html).toContain('&lt;b&gt;whose&lt;/b&gt; name?');
    const page = await t.http.get(linkIn(ask.text).path);
    expect(page.text).not.toMatch(/<script>alert|<img src=x|<b>whose/);
    expect(visible(page.text)).toContain(`${attack}`);
  });
  it('reminds the contact once before the due date and once when overdue, through the ledger; the overdue questionnaire is a warning flag', async () => {
    const admin = await t.tokenFor('admin');
    const vendor = await newVendor(t, { name: '督促確認株式会社', status: 'active' });
    const contact = await newContact(t, vendor.id, { name: '鈴木 一郎', email: 'ichiro@remind.example' });
    const dueOn = addDays(today(t), 7);
    const sent = await sendQuestionnaire(t, vendor.id, contact.id, { dueOn });
    const before = mailsTo('ichiro@remind.example').length;
    const run = (asOf?: string) => t.http.post('/api/v1/reminders/run').set(...bearer(admin)).send(asOf ? { asOf } : {}).expect(200);

    await run();
    await run();
    const reminders = mailsTo('ichiro@remind.example').slice(before);
    expect(reminders.map((mail) => mail.subject)).toEqual(['【リマインド】質問票へのご回答のお願い']);
    expect(reminders[0].text).toContain(`回答期限は ${dueOn} です（あと7日）。`);
    // Its link works; the ledger's copy of the e-mail does not hold it.
    const link = linkIn(reminders[0].text);
    expect((await t.http.get(link.path)).status).toBe(200);
    const kept: Array<{ textBody: string }> = await t.dataSource.query('SELECT textBody FROM mail_messages WHERE recipient = ?', ['ichiro@remind.example']);
    expect(kept).toHaveLength(1);
    expect(kept[0].textBody).not.toContain(link.token);
    expect(kept[0].textBody).toContain(`/q/${sent.id}/…`);

    expect(await flagCodes(vendor.id)).not.toContain('questionnaire-overdue');
    const late = addDays(dueOn, 1);
    await run(late);
    await run(late);
    const overdue = mailsTo('ichiro@remind.example').slice(before + 1);
    expect(overdue.map((mail) => mail.subject)).toEqual(['【回答期限超過】質問票へのご回答のお願い']);
    expect(overdue[0].text).toContain(`回答期限（${dueOn}）を1日過ぎています。`);
    const flags = (await t.http.get(`/api/v1/vendors/${vendor.id}/compliance?asOf=${late}`).set(...bearer(viewer)).expect(200)).body.flags as Array<{ code: string; severity: string; refId?: string; dueDate?: string }>;
    expect(flags.filter((flag) => flag.code === 'questionnaire-overdue').map(({ severity, refId, dueDate }) => ({ severity, refId, dueDate }))).toEqual([{ severity: 'warning', refId: sent.id, dueDate: dueOn }]);

    // Answered, the questionnaire is reminded of no more.
    expect((await postAnswers(t, link, SELECTION_CHECK_ANSWERS, { intent: 'submit' })).status).toBe(303);
    const count = mailsTo('ichiro@remind.example').length;
    await run(addDays(dueOn, 8));
    expect(mailsTo('ichiro@remind.example')).toHaveLength(count);
  });
  it('the reviewer\'s page: answers beside their questions; compliance asks a clarification and accepts there', async () => {
    const vendor = await newVendor(t, { name: '画面確認株式会社', status: 'active' });
    const contact = await newContact(t, vendor.id, { name: '田中 次郎', email: 'jiro@review.example' });
    const sent = await sendQuestionnaire(t, vendor.id, contact.id);
    const link = linkIn(lastMailTo('jiro@review.example').text);
    expect((await postAnswers(t, link, SELECTION_CHECK_ANSWERS, { intent: 'submit' })).status).toBe(303);

    // A viewer reads, and gets no form.
    const viewerPage = await (await signIn(t, 'viewer')).get(`/questionnaires/${sent.id}`).expect(200);
    const row = (key: string, html: string) => visible(new RegExp(`<tr data-question="${key}">([\\s\\S]*?)</tr>`).exec(html)![1]);
    expect(row('staff-training', viewerPage.text)).toBe('Do you train the staff who handle personal data regularly? Yes human measures');
    expect(row('responsible-person', viewerPage.text)).toBe('The responsible person (department, title, name) 情報システム部 部長 山田太郎');
    expect(visible(viewerPage.text)).toContain('Status submitted');
    expect(viewerPage.text).not.toContain('/clarification"');

    const page = await signIn(t, 'compliance');
    // The vendor's page lists it, linked to its review.
    const vendorPage = await page.get(`/vendors/${vendor.id}`).expect(200);
    expect(visible(/<ul data-testid="questionnaires">([\s\S]*?)<\/ul>/.exec(vendorPage.text)![1])).toBe(`Vendor selection checklist — 田中 次郎 · submitted · Due date ${sent.dueOn}`);
    expect(vendorPage.text).toContain(`<a href="/questionnaires/${sent.id}">Vendor selection checklist</a>`);
    const reviewPage = await page.get(`/questionnaires/${sent.id}`).expect(200);
    expect(reviewPage.text).toContain(`action="/questionnaires/${sent.id}/clarification"`);
    const version = String((await detail(sent.id)).version);
    // Nothing ticked: said on the page, nothing sent.
    const none = await page.post(`/questionnaires/${sent.id}/clarification`, { version, dueOn: addDays(today(t), 10) });
    expect(none.status).toBe(400);
    expect(visible(none.text)).toContain('Tick at least one question to clarify.');
    const asked = await page.post(`/questionnaires/${sent.id}/clarification`, {
      version, dueOn: addDays(today(t), 10), 'ask__staff-training': 'on', 'comment__staff-training': '研修の名称と頻度を教えてください。', 'comment__basic-policy': 'not ticked',
    });
    expect([asked.status, asked.headers.location]).toEqual([303, `/questionnaires/${sent.id}?notice=clarification`]);
    const afterAsk = await page.get(asked.headers.location).expect(200);
    expect(visible(afterAsk.text)).toContain('The request for clarification was sent to the vendor.');
    expect(row('staff-training', afterAsk.text)).toContain('(reopened for clarification)');
    expect((await detail(sent.id)).reopened).toEqual(['staff-training']);
    const mail = lastMailTo('jiro@review.example');
    expect(mail.subject).toBe('【ご確認のお願い】委託先評価チェックシート');
    expect(mail.text).toContain('研修の名称と頻度を教えてください。');
    expect(mail.text).not.toContain('not ticked');

    const second = linkIn(mail.text);
    expect((await postAnswers(t, second, { 'staff-training': 'yes' }, { intent: 'submit' })).status).toBe(303);
    const accepted = await page.post(`/questionnaires/${sent.id}/accept`, { version: String((await detail(sent.id)).version), outcome: 'approved' });
    expect([accepted.status, accepted.headers.location]).toEqual([303, `/questionnaires/${sent.id}?notice=accepted`]);
    const done = await page.get(accepted.headers.location).expect(200);
    expect(visible(done.text)).toContain('The answers were accepted.');
    expect(visible(done.text)).toContain('Status accepted');
    expect(done.text).not.toContain('/accept"');
    expect(await flagCodes(vendor.id)).not.toContain('selection-missing');
  });
  it('admins copy and change a template: a questionnaire already sent keeps its version; bad content is a 400 naming the field', async () => {
    const admin = await t.tokenFor('admin');
    const builtIn = await templateOf(t, 'handling-report');
    expect((await t.http.put(`/api/v1/questionnaire-templates/${builtIn.id}`).set(...bearer(admin)).send({ version: builtIn.version, nameJa: 'x', nameEn: 'x', purpose: 'periodic', content: { sections: [] } })).status).toBe(409);
    await t.http.post(`/api/v1/questionnaire-templates/${builtIn.id}/copy`).set(...bearer(compliance)).send({}).expect(403);
    const copy = (await t.http.post(`/api/v1/questionnaire-templates/${builtIn.id}/copy`).set(...bearer(admin)).send({}).expect(201)).body;
    expect([copy.builtIn, copy.key, copy.latestVersion, copy.copiedFromId, copy.name]).toEqual([false, null, 1, builtIn.id, { ja: '取扱状況の報告（コピー）', en: 'Handling report (copy)' }]);

    const vendor = await newVendor(t, { status: 'active' });
    const contact = await newContact(t, vendor.id, { email: 'version@template.example', locale: 'en' });
    const first = await sendQuestionnaire(t, vendor.id, contact.id, { templateId: copy.id });
    expect(first.templateVersion).toBe(1);

    const changed = structuredClone(copy.content);
    changed.sections[0].questions[0].text = { ja: '改訂した質問', en: 'A revised question' };
    changed.sections[0].questions.push({ key: 'added-question', kind: 'text', text: { ja: '追加の質問', en: 'An added question' }, required: true });
    const revised = await t.http.put(`/api/v1/questionnaire-templates/${copy.id}`).set(...bearer(admin))
      .send({ version: copy.version, nameJa: copy.name.ja, nameEn: copy.name.en, purpose: copy.purpose, content: changed }).expect(200);
    expect(revised.body.latestVersion).toBe(2);
    // Stale: 409.
    expect((await t.http.put(`/api/v1/questionnaire-templates/${copy.id}`).set(...bearer(admin)).send({ version: copy.version, nameJa: 'a', nameEn: 'a', purpose: 'periodic', content: changed })).status).toBe(409);
    // A repeated key: 400 naming where.
    const repeated = structuredClone(changed);
    repeated.sections[0].questions[1].key = repeated.sections[0].questions[0].key;
    const refused = await t.http.put(`/api/v1/questionnaire-templates/${copy.id}`).set(...bearer(admin)).send({ version: revised.body.version, nameJa: 'a', nameEn: 'a', purpose: 'periodic', content: repeated });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toEqual([`content.sections.0.questions.1.key: キー ${repeated.sections[0].questions[0].key} が重複しています`]);

    // The questionnaire sent before asks what it asked; one sent now asks the new version.
    const kept = await detail(first.id);
    expect([kept.templateVersion, kept.content.sections[0].questions[0].text.en]).toEqual([1, copy.content.sections[0].questions[0].text.en]);
    const page = visible((await t.http.get(linkIn(lastMailTo('version@template.example').text).path)).text);
    expect(page).not.toContain('A revised question');
    const second = await sendQuestionnaire(t, vendor.id, contact.id, { templateId: copy.id });
    expect([second.templateVersion, second.content.sections[0].questions[0].text.en, second.content.sections[0].questions.at(-1)?.key]).toEqual([2, 'A revised question', 'added-question']);
  });

  it('re-sends a new link (the old one is replaced), keeps the draft, and takes a file answer through the documents service', async () => {
    const vendor = await newVendor(t, { status: 'active' });
    const contact = await newContact(t, vendor.id, { email: 'files@resend.example', locale: 'en' });
    const sent = await sendQuestionnaire(t, vendor.id, contact.id);
    const link = linkIn(lastMailTo('files@resend.example').text);
    const saved = await postAnswers(t, link, { 'basic-policy': 'yes' }, { files: [{ question: 'basic-policy-document', name: '基本方針.pdf', bytes: pdfOf('基本方針') }] });
    expect(saved.status).toBe(303);
    const withFile = await detail(sent.id);
    const [fileId] = withFile.answers['basic-policy-document'] as string[];
    expect(withFile.files).toEqual({ [fileId]: '基本方針.pdf' });
    const documents = (await t.http.get(`/api/v1/questionnaires/${sent.id}/files`).set(...bearer(viewer)).expect(200)).body.items;
    expect(documents.map((document: { title: string; versions: Array<{ uploadedBy: { id: string; email: string } | null }> }) => [document.title, document.versions[0].uploadedBy]))
      .toEqual([['基本方針.pdf', { id: contact.id, name: contact.name, email: 'files@resend.example' }]]);
    // Not a PDF nor any type the documents take: refused on the page, nothing stored.
    const refused = await postAnswers(t, link, {}, { files: [{ question: 'basic-policy-document', name: 'tool.exe', bytes: Buffer.from('MZ\x90\x00 not a document') }] });
    expect(refused.status).toBe(400);
    expect(visible(refused.text)).toMatch(/A copy of the policy \(optional\) : .+/);
    expect((await detail(sent.id)).answers['basic-policy-document']).toEqual([fileId]);

    // Two windows: the second save of the same page is refused, in the contact's language, and changes nothing.
    const opened = await answerPage(t, link);
    const save = (value: string) => t.http.post(`${link.path}?_csrf=${encodeURIComponent(opened.csrf!)}`).field('version', opened.version!).field('intent', 'draft').field('basic-policy', value);
    expect((await save('no')).status).toBe(303);
    const stale = await save('yes');
    expect(stale.status).toBe(409);
    expect(visible(stale.text)).toContain('The answers were changed in another window since this page was opened. Please reload the page and enter your changes again.');
    expect((await detail(sent.id)).answers['basic-policy']).toBe('no');
    expect((await postAnswers(t, link, { 'basic-policy': 'yes' })).status).toBe(303);

    const resent = await t.http.post(`/api/v1/questionnaires/${sent.id}/resend`).set(...bearer(compliance)).send({ version: (await detail(sent.id)).version, message: 'New link' }).expect(200);
    expect(resent.body.status).toBe('in-progress');
    const mail = lastMailTo('files@resend.example');
    expect(mail.subject).toBe('New link — questionnaire: Vendor selection checklist');
    const fresh = linkIn(mail.text);
    expect((await t.http.get(link.path)).status).toBe(410);
    const page = await t.http.get(fresh.path);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/name="basic-policy" value="yes" checked/);
    expect(visible(/<ul class="attached"[^>]*>([\s\S]*?)<\/ul>/.exec(page.text)![1])).toBe('基本方針.pdf Remove');
  });
  it('documents the questionnaire API in OpenAPI, and leaves the answer page out of it', async () => {
    const paths = Object.keys((await t.http.get('/api/docs-json').expect(200)).body.paths);
    expect(paths.filter((path) => /questionnaire|contacts|\/q\//.test(path)).sort()).toEqual([
      '/api/v1/contacts/{id}',
      '/api/v1/questionnaire-templates', '/api/v1/questionnaire-templates/{id}', '/api/v1/questionnaire-templates/{id}/copy',
      '/api/v1/questionnaires', '/api/v1/questionnaires/{id}', '/api/v1/questionnaires/{id}/accept', '/api/v1/questionnaires/{id}/clarification',
      '/api/v1/questionnaires/{id}/files', '/api/v1/questionnaires/{id}/resend', '/api/v1/questionnaires/{id}/revoke',
      '/api/v1/vendors/{id}/contacts', '/api/v1/vendors/{id}/questionnaires',
    ]);
  });
});
