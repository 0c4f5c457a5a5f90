import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { DomainError, TooManyAttemptsError, UnauthenticatedError } from './domain-errors';
import { JsonBodyProblem } from './json-body';
import { isPageRequest } from './page-request';
import { redactPath } from './request-logger';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string[];
  code?: string;
  errorId?: string;
}

/**
 * Maps every error to the API's error shape; unknown errors become a 500 with an id, nothing leaked.
 * Admin UI pages get the same status as an HTML page in the user's language instead, and a page
 * request without a session is sent to the sign-in page.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

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
    const body = this.toBody(exception, request);
    if (exception instanceof TooManyAttemptsError) response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    if (isPageRequest(request)) {
      renderErrorPage(request, response, body);
      return;
    }
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, request: Request): ErrorBody {
    if (exception instanceof DomainError) {
      return errorBody(exception.httpStatus, exception.problems, exception.code);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const payload = exception.getResponse();
      const message =
        typeof payload === 'string' ? payload : (payload as { message?: string | string[] }).message ?? exception.message;
      // Express' JSON parser fails before any DTO: Nest hands it over as a 400 with a bare message.
      if (status === 400 && typeof message === 'string' && /JSON/.test(message)) {
        return errorBody(400, [`body: malformed JSON (${message})`], 'malformed-json');
      }
      return errorBody(status, Array.isArray(message) ? message : [message]);
    }
    const bodyParserError = asBodyParserError(exception);
    if (bodyParserError) return bodyParserError;
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn({ message: 'database unavailable', method: request.method, path: redactPath(request.path) });
      return errorBody(HttpStatus.SERVICE_UNAVAILABLE, ['the database is not reachable; try again shortly'], 'database-unavailable');
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
    return { ...errorBody(HttpStatus.INTERNAL_SERVER_ERROR, ['internal error; quote the error id to support']), errorId };
  }
}

/** The error page (templates/views/pages/error.hbs); plain text if even the view fails. */
function renderErrorPage(request: Request, response: Response, body: ErrorBody): void {
  const cookies = (request.cookies ?? {}) as Record<string, string>;
  const locale = response.locals.locale ?? (cookies.vo_lang === 'en' ? 'en' : 'ja');
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

export function errorBody(statusCode: number, message: string[], code?: string): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, ...(code ? { code } : {}) };
}

/** express.json() errors carry `type` and `status`: malformed JSON is the client's fault, never a 500. */
function asBodyParserError(exception: unknown): ErrorBody | null {
  if (typeof exception !== 'object' || exception === null) return null;
  const { type, status, code } = exception as { type?: string; status?: number; code?: string };
  if (exception instanceof JsonBodyProblem) return errorBody(400, [exception.message], 'invalid-body');
  // A body that says Content-Encoding: gzip (or deflate) and is not: zlib's error, the client's fault.
  if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR') return errorBody(400, ['body: not valid gzip data'], 'invalid-body');
  if (type === 'entity.parse.failed') return errorBody(400, ['body: malformed JSON'], 'malformed-json');
  if (type === 'entity.too.large') return errorBody(413, ['body: too large'], 'payload-too-large');
  if (typeof type === 'string' && typeof status === 'number' && status >= 400 && status < 500) {
    return errorBody(status, [`body: ${type}`]);
  }
  return null;
}

function isDatabaseUnavailable(exception: unknown): boolean {
  const code = (exception as { code?: string } | null)?.code ?? (exception instanceof QueryFailedError ? (exception.driverError as { code?: string })?.code : undefined);
  return ['ECONNREFUSED', 'PROTOCOL_CONNECTION_LOST', 'ETIMEDOUT', 'ECONNRESET', 'EPIPE', 'ER_CON_COUNT_ERROR'].includes(code ?? '');
}
