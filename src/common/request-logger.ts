import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

const logger = new Logger('HTTP');

/**
 * One structured line per request: method, path without the query string (it may hold search
 * terms), status, duration and the user id. No names, e-mails or bodies.
 */
export function requestLogger(request: Request, response: Response, next: NextFunction): void {
  const started = process.hrtime.bigint();
  response.on('finish', () => {
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    const userId = (request as Request & { user?: { id: string } }).user?.id;
    const line = { message: 'request', method: request.method, path: request.path, status: response.statusCode, durationMs: Math.round(durationMs * 10) / 10, ...(userId ? { userId } : {}) };
    if (response.statusCode >= 500) logger.error(line);
    else logger.log(line);
  });
  next();
}
