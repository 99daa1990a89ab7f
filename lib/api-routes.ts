/** The HTTP API's routes, one function behind all; read by the stack and the local API alike. */
export const apiRoutes = [
  { method: 'GET', path: '/' },
  { method: 'POST', path: '/signup' },
  { method: 'GET', path: '/confirm' },
  // A link checker's HEAD is answered as the GET is: with the page, never a write.
  { method: 'HEAD', path: '/confirm' },
  { method: 'POST', path: '/confirm' },
  { method: 'GET', path: '/health' },
] as const;

/**
 * The HTTP API's CORS rules besides its origins, read by the stack and the local API. The
 * function does no CORS: API Gateway answers preflights and replaces any CORS header an
 * integration returns (API Gateway Developer Guide, "Configuring CORS for an HTTP API").
 */
export const apiCors = {
  allowMethods: ['GET', 'POST'],
  /** Only what `POST /signup` needs. */
  allowHeaders: ['content-type'],
  /** A page may read a 503's `Retry-After`. */
  exposeHeaders: ['retry-after'],
  /** How long a browser may cache a preflight answer, in seconds (Chromium caps it at 7200). */
  maxAgeSeconds: 600,
} as const;
