import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { isLocale, Locale, preferredLocale } from '../i18n/locale';
import { MESSAGES } from '../i18n/messages';
import { Translator } from '../i18n/translator';
import { DomainError, RetryLaterError, UnauthenticatedError } from './domain-errors';
import { ErrorCode, ValidationCode } from './error-codes';
import { JsonBodyProblem } from './json-body';
import { isPageRequest } from './page-request';
import { Problem, ProblemRenderer } from './problems';
import { redactPath } from './request-logger';

/** Every constraint of a DTO is bad input. */
const VALIDATION_STATUSES = Object.fromEntries(Object.keys(MESSAGES.en.validation).map((name) => [`validation.${name}`, HttpStatus.BAD_REQUEST])) as Record<ValidationCode, HttpStatus.BAD_REQUEST>;

/** The HTTP status of every error code (api.md: 400 bad input, 401, 403, 404, 409 version or state, 429). */
const HTTP_STATUS = {
  ...VALIDATION_STATUSES,
  'invalid-input': HttpStatus.BAD_REQUEST,
  'malformed-json': HttpStatus.BAD_REQUEST,
  'invalid-body': HttpStatus.BAD_REQUEST,
  'body-not-utf8': HttpStatus.BAD_REQUEST,
  'body-not-gzip': HttpStatus.BAD_REQUEST,
  'body-too-deep': HttpStatus.BAD_REQUEST,
  'body-encoding-unsupported': HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  'payload-too-large': HttpStatus.PAYLOAD_TOO_LARGE,
  'route-not-found': HttpStatus.NOT_FOUND,
  'database-unavailable': HttpStatus.SERVICE_UNAVAILABLE,
  'internal-error': HttpStatus.INTERNAL_SERVER_ERROR,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  'sign-in-failed': HttpStatus.UNAUTHORIZED,
  'current-password-wrong': HttpStatus.BAD_REQUEST,
  throttled: HttpStatus.TOO_MANY_REQUESTS,
  forbidden: HttpStatus.FORBIDDEN,
  'role-forbidden': HttpStatus.FORBIDDEN,
  'no-access-policy': HttpStatus.FORBIDDEN,
  'csrf-invalid': HttpStatus.FORBIDDEN,
  'password-sign-in-refused': HttpStatus.FORBIDDEN,
  'password-sign-in-disabled': HttpStatus.FORBIDDEN,
  'password-sign-in-admins-only': HttpStatus.FORBIDDEN,
  'documents-add-forbidden': HttpStatus.FORBIDDEN,
  'documents-change-forbidden': HttpStatus.FORBIDDEN,
  'not-found': HttpStatus.NOT_FOUND,
  'version-conflict': HttpStatus.CONFLICT,
  'version-stale': HttpStatus.CONFLICT,
  'invalid-transition': HttpStatus.CONFLICT,
  'final-status': HttpStatus.CONFLICT,
  'kept-record': HttpStatus.CONFLICT,
  'delete-only-candidate': HttpStatus.CONFLICT,
  'vendor-has-records': HttpStatus.CONFLICT,
  duplicate: HttpStatus.CONFLICT,
  'corporate-number-taken': HttpStatus.CONFLICT,
  'corporate-number-registered-meanwhile': HttpStatus.CONFLICT,
  'email-taken': HttpStatus.CONFLICT,
  'last-admin': HttpStatus.CONFLICT,
  cycle: HttpStatus.CONFLICT,
  'selection-rejected': HttpStatus.CONFLICT,
  'checklist-incomplete': HttpStatus.CONFLICT,
  'invalid-state': HttpStatus.CONFLICT,
  'audit-cancelled': HttpStatus.CONFLICT,
  'already-superseded': HttpStatus.CONFLICT,
  'override-reason-required': HttpStatus.BAD_REQUEST,
  'override-reason-alone': HttpStatus.BAD_REQUEST,
  'owner-email-required': HttpStatus.BAD_REQUEST,
  'owner-name-for-user': HttpStatus.BAD_REQUEST,
  'objection-reason-required': HttpStatus.BAD_REQUEST,
  'resolution-note-required': HttpStatus.BAD_REQUEST,
  'not-subcontractor-of-vendor': HttpStatus.BAD_REQUEST,
  'not-contract-of-vendor': HttpStatus.BAD_REQUEST,
  'not-document-of-record': HttpStatus.BAD_REQUEST,
  'completed-in-future': HttpStatus.BAD_REQUEST,
  'only-when-completed': HttpStatus.BAD_REQUEST,
  'result-required': HttpStatus.BAD_REQUEST,
  'exception-note-required': HttpStatus.BAD_REQUEST,
  'exception-not-needed': HttpStatus.BAD_REQUEST,
  'plan-vendor-repeated': HttpStatus.BAD_REQUEST,
  'plan-vendor-not-supervised': HttpStatus.CONFLICT,
  'plan-vendor-already-planned': HttpStatus.CONFLICT,
  'expires-before-start': HttpStatus.BAD_REQUEST,
  'to-before-from': HttpStatus.BAD_REQUEST,
  'period-too-long': HttpStatus.BAD_REQUEST,
  'not-date-or-instant': HttpStatus.BAD_REQUEST,
  'date-or-instant-format': HttpStatus.BAD_REQUEST,
  'entity-type-format': HttpStatus.BAD_REQUEST,
  'delete-reason-required': HttpStatus.BAD_REQUEST,
  'assessment-item-repeated': HttpStatus.BAD_REQUEST,
  'approved-with-unconfirmed': HttpStatus.BAD_REQUEST,
  'conditions-required': HttpStatus.BAD_REQUEST,
  'conditions-only-with': HttpStatus.BAD_REQUEST,
  'as-of-too-many-vendors': HttpStatus.BAD_REQUEST,
  'aware-at-required': HttpStatus.BAD_REQUEST,
  'in-future': HttpStatus.BAD_REQUEST,
  'notified-before-vendor-aware': HttpStatus.BAD_REQUEST,
  'occurred-after-aware': HttpStatus.BAD_REQUEST,
  'obligations-open': HttpStatus.CONFLICT,
  'not-required-reason-required': HttpStatus.BAD_REQUEST,
  'reason-only-to-close': HttpStatus.BAD_REQUEST,
  'report-before-aware': HttpStatus.BAD_REQUEST,
  'report-items-required': HttpStatus.BAD_REQUEST,
  'report-items-only-final': HttpStatus.BAD_REQUEST,
  'countries-required': HttpStatus.BAD_REQUEST,
  'countries-not-japan': HttpStatus.BAD_REQUEST,
  'countries-only-foreign-regime': HttpStatus.BAD_REQUEST,
  'objection-period-my-number': HttpStatus.BAD_REQUEST,
  'approval-fields-with-other-status': HttpStatus.BAD_REQUEST,
  'file-missing': HttpStatus.BAD_REQUEST,
  'file-one': HttpStatus.BAD_REQUEST,
  'file-empty': HttpStatus.BAD_REQUEST,
  'file-too-large': HttpStatus.BAD_REQUEST,
  'file-name-missing': HttpStatus.BAD_REQUEST,
  'file-type-not-allowed': HttpStatus.BAD_REQUEST,
  'file-type-mismatch': HttpStatus.BAD_REQUEST,
  'file-malformed': HttpStatus.BAD_REQUEST,
  'file-content-missing': HttpStatus.GONE,
  'storage-unavailable': HttpStatus.SERVICE_UNAVAILABLE,
  'storage-unavailable-read': HttpStatus.SERVICE_UNAVAILABLE,
  'import-file-missing': HttpStatus.BAD_REQUEST,
  'import-file-too-large': HttpStatus.BAD_REQUEST,
  'import-too-many-rows': HttpStatus.BAD_REQUEST,
  'import-not-spreadsheet': HttpStatus.BAD_REQUEST,
  'import-legacy-xls': HttpStatus.BAD_REQUEST,
  'import-unreadable-xlsx': HttpStatus.BAD_REQUEST,
  'import-too-large-unpacked': HttpStatus.BAD_REQUEST,
  'import-undecodable': HttpStatus.BAD_REQUEST,
  'import-replacement-character': HttpStatus.BAD_REQUEST,
  'import-csv-syntax': HttpStatus.BAD_REQUEST,
  'import-empty': HttpStatus.BAD_REQUEST,
  'import-no-rows': HttpStatus.BAD_REQUEST,
  'import-unknown-header': HttpStatus.BAD_REQUEST,
  'import-duplicate-header': HttpStatus.BAD_REQUEST,
  'import-missing-header': HttpStatus.BAD_REQUEST,
  'import-formula-cell': HttpStatus.BAD_REQUEST,
  'import-row': HttpStatus.BAD_REQUEST,
  'import-row-whole': HttpStatus.BAD_REQUEST,
  'sso-not-configured': HttpStatus.NOT_FOUND,
  'sso-provider-unavailable': HttpStatus.SERVICE_UNAVAILABLE,
  'sso-wrong-issuer': HttpStatus.BAD_GATEWAY,
  'sso-bad-state': HttpStatus.BAD_REQUEST,
  'sso-code-rejected': HttpStatus.BAD_REQUEST,
  'sso-invalid-token': HttpStatus.BAD_REQUEST,
  'sso-denied': HttpStatus.FORBIDDEN,
  'sso-provider-error': HttpStatus.BAD_GATEWAY,
  'sso-no-role': HttpStatus.FORBIDDEN,
  'sso-deactivated': HttpStatus.FORBIDDEN,
  'sso-missing-email': HttpStatus.BAD_REQUEST,
  'sso-email-taken': HttpStatus.CONFLICT,
  'sso-last-admin': HttpStatus.CONFLICT,
  'questionnaire-link-unknown': HttpStatus.NOT_FOUND,
  'questionnaire-link-replaced': HttpStatus.GONE,
  'questionnaire-link-revoked': HttpStatus.GONE,
  'questionnaire-link-expired': HttpStatus.GONE,
  'questionnaire-link-throttled': HttpStatus.TOO_MANY_REQUESTS,
  'questionnaire-link-busy': HttpStatus.TOO_MANY_REQUESTS,
  'questionnaire-csrf': HttpStatus.FORBIDDEN,
  'questionnaire-read-only': HttpStatus.CONFLICT,
  'questionnaire-stale': HttpStatus.CONFLICT,
  'questionnaire-resend-refused': HttpStatus.CONFLICT,
  'questionnaire-revoke-refused': HttpStatus.CONFLICT,
  'questionnaire-clarify-refused': HttpStatus.CONFLICT,
  'questionnaire-accept-refused': HttpStatus.CONFLICT,
  'mail-unavailable': HttpStatus.SERVICE_UNAVAILABLE,
  'vendor-terminated': HttpStatus.CONFLICT,
  'contact-not-of-vendor': HttpStatus.BAD_REQUEST,
  'template-unknown': HttpStatus.BAD_REQUEST,
  'due-on-needed': HttpStatus.BAD_REQUEST,
  'due-in-past': HttpStatus.BAD_REQUEST,
  'question-unknown': HttpStatus.BAD_REQUEST,
  'question-repeated': HttpStatus.BAD_REQUEST,
  'no-assessment': HttpStatus.BAD_REQUEST,
  'template-built-in': HttpStatus.CONFLICT,
  'contact-email-taken': HttpStatus.CONFLICT,
  'template-no-sections': HttpStatus.BAD_REQUEST,
  'template-no-questions': HttpStatus.BAD_REQUEST,
  'template-duplicate-key': HttpStatus.BAD_REQUEST,
  'template-choices-needed': HttpStatus.BAD_REQUEST,
  'template-choices-not-allowed': HttpStatus.BAD_REQUEST,
  'template-duplicate-choice': HttpStatus.BAD_REQUEST,
  'template-unknown-item': HttpStatus.BAD_REQUEST,
  'template-means-not-allowed': HttpStatus.BAD_REQUEST,
  'clarify-none-ticked': HttpStatus.BAD_REQUEST,
} satisfies Record<ErrorCode, HttpStatus>;

/** The HTTP status a refusal answers with. */
export function httpStatusOf(error: DomainError): HttpStatus {
  return HTTP_STATUS[error.code];
}

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string[];
  code: ErrorCode;
  errorId?: string;
}

/** Any error, as a code and its problems (a 500 carries an id the log names). */
interface Refusal {
  code: ErrorCode;
  problems: readonly Problem[];
  errorId?: string;
}

/**
 * Maps every error to the API's error shape, `{statusCode, error, message: ["field: reason", …], code}`,
 * its messages rendered from the catalogue in the caller's language (localeOfRequest); unknown errors
 * become a 500 with an id, nothing leaked. Admin UI pages get the same status as an HTML page in the
 * user's language instead, and a page request without a session is sent to the sign-in page.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly translator: Translator) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const response = context.getResponse<Response>();
    const request = context.getRequest<Request>();
    if (response.headersSent) return;
    if (isHealthReport(exception)) {
      // Terminus' own 503 report (which check is down) is the documented /health format: keep it.
      response.status(exception.getStatus()).json(exception.getResponse());
      return;
    }
    if (isPageRequest(request) && exception instanceof UnauthenticatedError) {
      const next = request.method === 'GET' && request.path !== '/' ? `?next=${encodeURIComponent(request.originalUrl)}` : '';
      response.redirect(request.method === 'GET' ? 302 : 303, `/login${next}`);
      return;
    }
    const refusal = this.refusalOf(exception, request);
    if (exception instanceof RetryLaterError) response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    const page = isPageRequest(request);
    const locale = page ? pageLocale(request, response) : localeOfRequest(request);
    const body = errorBody(refusal, new ProblemRenderer(this.translator, locale), page ? 'labelled' : 'line');
    if (page) {
      renderErrorPage(response, locale, body);
      return;
    }
    response.status(body.statusCode).json(body);
  }

  private refusalOf(exception: unknown, request: Request): Refusal {
    if (exception instanceof DomainError) return exception;
    if (exception instanceof HttpException) return httpExceptionRefusal(exception, request);
    const bodyParserError = bodyParserRefusal(exception);
    if (bodyParserError) return bodyParserError;
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn({ message: 'database unavailable', method: request.method, path: redactPath(request.path) });
      return { code: 'database-unavailable', problems: [{ code: 'database-unavailable' }] };
    }
    const errorId = randomUUID();
    this.logger.error({
      message: 'unhandled error',
      errorId,
      method: request.method,
      path: redactPath(request.path),
      errorName: exception instanceof Error ? exception.name : typeof exception,
      stack: exception instanceof Error ? exception.stack : undefined,
    });
    return { code: 'internal-error', problems: [{ code: 'internal-error' }], errorId };
  }
}

/**
 * The language of a JSON answer: `?lang=` where a route takes it (imports, exports, templates), else
 * the signed-in user's, else the request's Accept-Language, else English.
 */
export function localeOfRequest(request: Request): Locale {
  const asked = (request.query as Record<string, unknown> | undefined)?.lang;
  if (isLocale(asked)) return asked;
  const user = (request as Request & { user?: { locale?: unknown } }).user;
  if (isLocale(user?.locale)) return user.locale;
  return preferredLocale(request.headers['accept-language']) ?? 'en';
}

/** The language of a page: the signed-in user's, else the one chosen on the sign-in page, else Japanese. */
function pageLocale(request: Request, response: Response): Locale {
  if (isLocale(response.locals.locale)) return response.locals.locale;
  const cookies = (request.cookies ?? {}) as Record<string, string>;
  return cookies.vo_lang === 'en' ? 'en' : 'ja';
}

function errorBody(refusal: Refusal, renderer: ProblemRenderer, form: 'line' | 'labelled'): ErrorBody {
  const statusCode = HTTP_STATUS[refusal.code];
  const message = refusal.problems.map((problem) => (form === 'line' ? renderer.line(problem) : renderer.labelled(problem)));
  return {
    statusCode,
    error: STATUS_CODES[statusCode] ?? 'Error',
    message,
    code: refusal.code,
    ...(refusal.errorId ? { errorId: refusal.errorId } : {}),
  };
}

/** The error page (templates/views/pages/error.hbs); plain text if even the view fails. */
function renderErrorPage(response: Response, locale: Locale, body: ErrorBody): void {
  const status = [400, 403, 404, 409, 410, 429, 503].includes(body.statusCode) ? body.statusCode : 500;
  response.status(body.statusCode);
  response.render('pages/error', { locale, statusCode: body.statusCode, titleKey: `ui.error.${status}`, problems: body.message, errorId: body.errorId }, (error, html) => {
    if (error) response.type('text/plain').send(`${body.statusCode} ${body.error}`);
    else response.type('html').send(html);
  });
}

function isHealthReport(exception: unknown): exception is HttpException {
  if (!(exception instanceof HttpException)) return false;
  const payload = exception.getResponse();
  return typeof payload === 'object' && payload !== null && 'status' in payload && 'details' in payload;
}

/** Nest's own exceptions (an unknown route, a malformed JSON body Nest reports): by their status. */
function httpExceptionRefusal(exception: HttpException, request: Request): Refusal {
  const status = exception.getStatus();
  if (status === 400 && /JSON/.test(exception.message)) return { code: 'malformed-json', problems: [{ field: 'body', code: 'malformed-json' }] };
  const code = HTTP_EXCEPTION_CODES[status] ?? 'internal-error';
  if (code === 'route-not-found') return { code, problems: [{ code, params: { method: request.method, path: redactPath(request.path) } }] };
  return { code, problems: [{ code }] };
}

const HTTP_EXCEPTION_CODES: Readonly<Record<number, ErrorCode>> = {
  400: 'invalid-input',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'route-not-found',
  413: 'payload-too-large',
  415: 'body-encoding-unsupported',
  429: 'throttled',
};

/** express.json() errors carry `type` and `status`: malformed JSON is the client's fault, never a 500. */
function bodyParserRefusal(exception: unknown): Refusal | null {
  if (typeof exception !== 'object' || exception === null) return null;
  if (exception instanceof JsonBodyProblem) return { code: 'invalid-body', problems: [exception.problem] };
  const { type, status, code } = exception as { type?: string; status?: number; code?: string };
  const body = (problem: ErrorCode, refusal: ErrorCode = problem): Refusal => ({ code: refusal, problems: [{ field: 'body', code: problem }] });
  // A body that says Content-Encoding: gzip (or deflate) and is not: zlib's error, the client's fault.
  if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR') return body('body-not-gzip', 'invalid-body');
  if (type === 'entity.parse.failed') return body('malformed-json');
  if (type === 'entity.too.large') return body('payload-too-large');
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') return body('body-encoding-unsupported');
  if (typeof type === 'string' && typeof status === 'number' && status >= 400 && status < 500) return body('invalid-body');
  return null;
}

function isDatabaseUnavailable(exception: unknown): boolean {
  const code = (exception as { code?: string } | null)?.code ?? (exception instanceof QueryFailedError ? (exception.driverError as { code?: string })?.code : undefined);
  return ['ECONNREFUSED', 'PROTOCOL_CONNECTION_LOST', 'ETIMEDOUT', 'ECONNRESET', 'EPIPE', 'ER_CON_COUNT_ERROR'].includes(code ?? '');
}
