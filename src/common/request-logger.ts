import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

const logger = new Logger('HTTP');

/**
 * A path as it may be logged: a calendar feed's file name is its credential, and any other long
 * token-like segment (20+ URL-safe characters that are not a UUID) is treated the same way.
 */
export function redactPath(path: string): string {
  return path
    .split('/')
    .map((segment, index, segments) => {
      if (index > 0 && segments[index - 1].toLowerCase() === 'calendar' && segment !== '') return segment.endsWith('.ics') ? '[redacted].ics' : '[redacted]';
      const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(segment);
      return !uuid && /^[A-Za-z0-9_-]{20,}(\.\w+)?$/.test(segment) ? '[redacted]' : segment;
    })
    .join('/');
}

/**
 * One structured line per request: method, path without the query string (it may hold search
 * terms) and with secrets redacted, status, duration and the user id. No names, e-mails or bodies.
 */
export function requestLogger(request: Request, response: Response, next: NextFunction): void {
  const started = process.hrtime.bigint();
  response.on('finish', () => {
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    const userId = (request as Request & { user?: { id: string } }).user?.id;
    const line = { message: 'request', method: request.method, path: redactPath(request.path), status: response.statusCode, durationMs: Math.round(durationMs * 10) / 10, ...(userId ? { userId } : {}) };
    if (response.statusCode >= 500) logger.error(line);
    else logger.log(line);
  });
  next();
}
