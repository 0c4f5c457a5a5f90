import { bearer, TestApp } from './test-app';

/** Valid 法人番号 for tests (check digits verified in corporate-number.spec.ts). */
export const CORPORATE_NUMBERS = ['7000012050002', '1180301018771', '4000012090001', '2000012010019'];

export interface VendorInput {
  name?: string;
  [field: string]: unknown;
}

let sequence = 0;

/** Creates a vendor through the API as a compliance user and returns the response body. */
export async function newVendor(t: TestApp, input: VendorInput = {}): Promise<Record<string, any>> {
  sequence += 1;
  const response = await t.http
    .post('/api/v1/vendors')
    .set(...bearer(await t.tokenFor('compliance')))
    .send({ name: `委託先 ${sequence}`, services: 'hosting operations', ...input });
  if (response.status !== 201) throw new Error(`vendor not created: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Today in Asia/Tokyo, as the app computes it. */
export function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());
}

/** Creates a contract through the API as legal and returns the response body. */
export async function newContract(t: TestApp, vendorId: string, input: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const response = await t.http
    .post(`/api/v1/vendors/${vendorId}/contracts`)
    .set(...bearer(await t.tokenFor('legal')))
    .send({ title: '業務委託契約書', kind: 'entrustment', status: 'signed', signedOn: '2020-03-15', effectiveFrom: '2020-04-01', ...input });
  if (response.status !== 201) throw new Error(`contract not created: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Marks clause types on a contract's checklist as legal, returning the final checklist. */
export async function review(t: TestApp, contractId: string, statuses: Record<string, string>): Promise<Record<string, any>> {
  const legal = await t.tokenFor('legal');
  let checklist = (await t.http.get(`/api/v1/contracts/${contractId}/checklist`).set(...bearer(legal)).expect(200)).body;
  for (const [clauseType, status] of Object.entries(statuses)) {
    const response = await t.http
      .put(`/api/v1/contracts/${contractId}/checklist/${clauseType}`)
      .set(...bearer(legal))
      .send({ status, section: '第1条', version: checklist.version });
    if (response.status !== 200) throw new Error(`review failed: ${response.status} ${JSON.stringify(response.body)}`);
    checklist = response.body;
  }
  return checklist;
}

/** An active vendor that passed selection (PPC GL 3-4-4(1)), so only what a test adds can flag it. */
export async function activeVendor(t: TestApp, input: VendorInput = {}): Promise<Record<string, any>> {
  const vendor = await newVendor(t, { status: 'active', ...input });
  const response = await t.http
    .post(`/api/v1/vendors/${vendor.id}/assessments`)
    .set(...bearer(await t.tokenFor('compliance')))
    .send({ kind: 'selection', completedOn: '2020-03-01', outcome: 'approved' });
  if (response.status !== 201) throw new Error(`assessment not created: ${response.status} ${JSON.stringify(response.body)}`);
  return vendor;
}
