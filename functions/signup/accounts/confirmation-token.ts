import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod/mini';
import { type Locale, supportedLocales } from '../../../emails/locales.js';

// Binds the MAC to this use: a MAC made with the same secret for another purpose never passes.
const purpose = 'signup-mailer/confirm-email/v1';
const base64url = /^[A-Za-z0-9_-]+$/;
const sha256Bytes = 32;
// Longer tokens are refused before any work: a 254-octet address encodes well under this.
const maxTokenChars = 1024;

const payloadSchema = z.object({
  /** The address being confirmed. */
  e: z.string().check(z.minLength(3), z.maxLength(254)),
  /** Expiry, in seconds since the epoch. */
  x: z.int().check(z.positive()),
  /** The signup's language, for the pages the link opens; a token without one is older. */
  l: z.optional(z.string()),
});

function computeMac(secret: string, encodedPayload: string): Buffer {
  return createHmac('sha256', secret).update(`${purpose}.${encodedPayload}`).digest();
}

/**
 * Signs a confirmation token for an address: `base64url(payload).base64url(mac)`, the payload
 * `{ e: email, x: expiry in s, l: locale }`, the mac HMAC-SHA256 (RFC 2104) over it; URL-safe (RFC 4648
 * §5, no padding). Stateless: the expiry and the MAC bound what a leaked link can do.
 *
 * @param options - the HMAC key, the lifetime in s, the clock in ms (@default Date.now()), the
 *   signup's locale (@default none: the pages follow `Accept-Language`)
 */
export function signConfirmationToken(
  email: string,
  options: {
    readonly secret: string;
    readonly ttlSeconds: number;
    readonly now?: number;
    readonly locale?: Locale;
  },
): string {
  const now = options.now ?? Date.now();
  const payload = { e: email, x: Math.floor(now / 1000) + options.ttlSeconds, l: options.locale };
  const encodedPayload = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${encodedPayload}.${computeMac(options.secret, encodedPayload).toString('base64url')}`;
}

/**
 * Verifies a confirmation token: the MAC first, in constant time (`timingSafeEqual`), so
 * timing does not tell how much of a forged MAC is right; then the expiry. Only an authentic
 * token can be reported `expired`.
 *
 * @param token - the `token` query parameter, as received
 * @param options - the HMAC key and the clock in ms (@default Date.now())
 */
export function verifyConfirmationToken(
  token: string,
  options: { readonly secret: string; readonly now?: number },
):
  | { ok: true; email: string; expiresAt: Date; locale?: Locale | undefined }
  | { ok: false; reason: 'expired' | 'invalid' } {
  const invalid = { ok: false, reason: 'invalid' } as const;
  if (token.length > maxTokenChars) return invalid;
  const parts = token.split('.');
  if (parts.length !== 2) return invalid;
  const [encodedPayload = '', encodedMac = ''] = parts;
  if (!base64url.test(encodedPayload) || !base64url.test(encodedMac)) return invalid;

  const mac = Buffer.from(encodedMac, 'base64url');
  const expectedMac = computeMac(options.secret, encodedPayload);
  if (mac.length !== sha256Bytes || !timingSafeEqual(mac, expectedMac)) return invalid;

  const payload = parsePayload(encodedPayload);
  if (!payload) return invalid;
  const now = options.now ?? Date.now();
  if (payload.x * 1000 <= now) return { ok: false, reason: 'expired' };
  const locale = supportedLocales.find((supported) => supported === payload.l);
  return { ok: true, email: payload.e, expiresAt: new Date(payload.x * 1000), locale };
}

function parsePayload(encodedPayload: string): z.infer<typeof payloadSchema> | undefined {
  try {
    const json: unknown = JSON.parse(Buffer.from(encodedPayload, 'base64url').toString('utf8'));
    const result = payloadSchema.safeParse(json);
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}
