import * as oidc from 'openid-client';
import { failureOf } from './oidc-provider-client';

/** openid-client's ClientError as the library builds it (its constructor is not in the typings). */
function clientError(code: string | undefined, cause?: unknown): Error {
  return new (oidc.ClientError as unknown as new (message: string, options: { code?: string; cause?: unknown }) => Error)('x', { code, cause });
}
const fetchFailed = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });

describe('failureOf: what a person is told for each openid-client error', () => {
  it.each([
    ['connection refused', fetchFailed, 'discovery', 'provider-unavailable'],
    ['connection refused, wrapped (a TypeError of another realm)', clientError(undefined, fetchFailed), 'token', 'provider-unavailable'],
    ['timeout', clientError('OAUTH_TIMEOUT'), 'discovery', 'provider-unavailable'],
    ['HTTP 503 at discovery', clientError('OAUTH_RESPONSE_IS_NOT_CONFORM', { status: 503 }), 'discovery', 'provider-unavailable'],
    ['HTTP 404 at discovery (no provider at OIDC_ISSUER)', clientError('OAUTH_RESPONSE_IS_NOT_CONFORM', { status: 404 }), 'discovery', 'provider-error'],
    ['discovered issuer differs', clientError('OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED', { attribute: 'issuer' }), 'discovery', 'wrong-issuer'],
    ['RFC 9207 iss of another issuer', clientError('OAUTH_INVALID_RESPONSE', new Error('unexpected "iss" (issuer) response parameter value')), 'token', 'wrong-issuer'],
    ['state differs', clientError('OAUTH_INVALID_RESPONSE', new Error('unexpected "state" response parameter value')), 'token', 'bad-state'],
    ['ID token iss differs', clientError('OAUTH_JWT_CLAIM_COMPARISON_FAILED', { cause: { claim: 'iss' } }), 'token', 'wrong-issuer'],
    ['ID token nonce differs', clientError('OAUTH_JWT_CLAIM_COMPARISON_FAILED', { cause: { claim: 'nonce' } }), 'token', 'invalid-token'],
    ['ID token expired', clientError('OAUTH_JWT_TIMESTAMP_CHECK_FAILED'), 'token', 'invalid-token'],
    ['signature does not verify (jose)', Object.assign(new Error('signature verification failed'), { code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' }), 'token', 'invalid-token'],
    ['anything else', new Error('boom'), 'userinfo', 'provider-error'],
  ] as const)('%s', (_case, error, stage, expected) => {
    expect(failureOf(error, stage)).toBe(expected);
  });
});
