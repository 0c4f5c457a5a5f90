import type { Catalogue } from '../i18n/catalogue';

/**
 * Every reason the app refuses a request, as a code. A refusal (DomainError) has one code, which
 * decides its HTTP status (the exhaustive table in api-exception.filter.ts), and one or more
 * problems, each with its own code, the field it concerns and the values its message needs. The
 * message of a code is `error.<code>` in the catalogue (`validation.<constraint>` for a DTO's
 * constraint), rendered in the caller's language at the edge: the JSON filter and the page helper.
 * Services throw codes, never sentences.
 *
 * A new code: add it here, give it a status in the filter's table and a message in en.ts and ja.ts
 * (the type check fails until all three are there).
 */
export type ErrorCode =
  // Requests, bodies and the server itself
  | 'invalid-input'
  | 'malformed-json'
  | 'invalid-body'
  | 'body-not-utf8'
  | 'body-not-gzip'
  | 'body-too-deep'
  | 'body-encoding-unsupported'
  | 'payload-too-large'
  | 'route-not-found'
  | 'database-unavailable'
  | 'internal-error'
  // Who may do what
  | 'unauthenticated'
  | 'sign-in-failed'
  | 'current-password-wrong'
  | 'throttled'
  | 'forbidden'
  | 'role-forbidden'
  | 'no-access-policy'
  | 'csrf-invalid'
  | 'password-sign-in-refused'
  | 'password-sign-in-disabled'
  | 'password-sign-in-admins-only'
  | 'documents-add-forbidden'
  | 'documents-change-forbidden'
  // Records and their states
  | 'not-found'
  | 'version-conflict'
  | 'version-stale'
  | 'invalid-transition'
  | 'final-status'
  | 'kept-record'
  | 'delete-only-candidate'
  | 'vendor-has-records'
  | 'duplicate'
  | 'corporate-number-taken'
  | 'corporate-number-registered-meanwhile'
  | 'email-taken'
  | 'last-admin'
  | 'cycle'
  | 'selection-rejected'
  | 'checklist-incomplete'
  | 'invalid-state'
  | 'audit-cancelled'
  | 'already-superseded'
  // Rules over more than one field, or over the database
  | 'override-reason-required'
  | 'override-reason-alone'
  | 'objection-reason-required'
  | 'resolution-note-required'
  | 'not-subcontractor-of-vendor'
  | 'not-contract-of-vendor'
  | 'not-document-of-record'
  | 'completed-in-future'
  | 'only-when-completed'
  | 'expires-before-start'
  | 'to-before-from'
  | 'not-date-or-instant'
  | 'date-or-instant-format'
  | 'entity-type-format'
  | 'delete-reason-required'
  | 'assessment-item-repeated'
  | 'approved-with-unconfirmed'
  | 'conditions-required'
  | 'conditions-only-with'
  // The legal model (legal-model.md §3, §5)
  | 'countries-required'
  | 'countries-not-japan'
  | 'countries-only-foreign-regime'
  | 'objection-period-my-number'
  | 'approval-fields-with-other-status'
  // Documents (files/)
  | 'file-missing'
  | 'file-one'
  | 'file-empty'
  | 'file-too-large'
  | 'file-name-missing'
  | 'file-type-not-allowed'
  | 'file-type-mismatch'
  | 'file-malformed'
  | 'file-content-missing'
  | 'storage-unavailable'
  | 'storage-unavailable-read'
  // The register import (imports/): the file as a whole; a row's problems are in its report
  | 'import-file-missing'
  | 'import-file-too-large'
  | 'import-too-many-rows'
  | 'import-not-spreadsheet'
  | 'import-legacy-xls'
  | 'import-unreadable-xlsx'
  | 'import-too-large-unpacked'
  | 'import-undecodable'
  | 'import-replacement-character'
  | 'import-csv-syntax'
  | 'import-empty'
  | 'import-no-rows'
  | 'import-unknown-header'
  | 'import-duplicate-header'
  | 'import-missing-header'
  | 'import-formula-cell'
  | 'import-row'
  | 'import-row-whole'
  // Single sign-on (auth/oidc/sso-errors.ts)
  | 'sso-not-configured'
  | 'sso-provider-unavailable'
  | 'sso-wrong-issuer'
  | 'sso-bad-state'
  | 'sso-code-rejected'
  | 'sso-invalid-token'
  | 'sso-denied'
  | 'sso-provider-error'
  | 'sso-no-role'
  | 'sso-deactivated'
  | 'sso-missing-email'
  | 'sso-email-taken'
  | 'sso-last-admin'
  // A DTO's constraint (class-validator), one per constraint name
  | ValidationCode;

/** A failed constraint of a DTO: `validation.<constraint name>` (isNotEmpty, maxLength, …). */
export type ValidationCode = `validation.${keyof Catalogue['validation'] & string}`;

export function isValidationCode(code: ErrorCode): code is ValidationCode {
  return code.startsWith('validation.');
}

/** The records a problem may name (`error.record.<kind>`: "vendor", "委託先"). */
export type RecordKind =
  | 'vendor'
  | 'contract'
  | 'checklist'
  | 'clause-type'
  | 'audit'
  | 'finding'
  | 'subcontractor'
  | 'certificate'
  | 'deletion-certificate'
  | 'assessment'
  | 'user'
  | 'api-token'
  | 'document'
  | 'file'
  | 'notification'
  | 'notification-message'
  | 'settings'
  | 'calendar'
  | 'export';
