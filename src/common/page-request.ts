import type { Request } from 'express';

/**
 * The admin UI's pages are every path outside the JSON API and the two machine endpoints. They
 * authenticate with the session cookie (never a bearer token), check CSRF tokens on writes, and get
 * HTML errors; the API authenticates with bearer tokens only and answers JSON.
 */
export function isPageRequest(request: Pick<Request, 'path'>): boolean {
  // Routing ignores case (/API/v1/… reaches the API), so the split must too: a session cookie never opens the API.
  const path = request.path.toLowerCase();
  return !(path === '/api' || path.startsWith('/api/') || path === '/health' || path.startsWith('/calendar/'));
}

/** Methods that change state: a page request with one of these must carry the CSRF token. */
export function isUnsafeMethod(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
}
