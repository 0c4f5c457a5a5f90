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
