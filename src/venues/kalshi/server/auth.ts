import { constants, verify, type KeyObject } from 'node:crypto';
import { HEADER_KEY, HEADER_SIGNATURE, HEADER_TIMESTAMP, signingMessage, verifySignature } from '../auth/signing.js';

export const API_PREFIX = '/trade-api/v2';

export type AuthResult =
  | { readonly ok: true; readonly keyId: string }
  | { readonly ok: false; readonly status: 401; readonly body: unknown; readonly reason: string };

const authError = (details: string, reason: string): AuthResult => ({
  ok: false,
  status: 401,
  body: { error: { code: 'authentication_error', message: 'authentication error', details } },
  reason,
});

/**
 * Kalshi's request authentication as the local exchange applies it: the three headers must be present,
 * the key known, the millisecond timestamp within the window, and the RSA-PSS signature valid over
 * `timestamp + METHOD + path` with the `/trade-api/v2` prefix and without the query string. The body
 * is Kalshi's; `reason` (logged, never sent) says which common mistake the signature matches.
 */
export class Authenticator {
  private readonly verified = new Map<string, true>();

  constructor(
    private readonly publicKey: (keyId: string) => KeyObject | undefined,
    private readonly windowMs: number,
  ) {}

  check(method: string, fullPath: string, headers: Record<string, string | string[] | undefined>, nowMs: number): AuthResult {
    const h = (name: string) => {
      const v = headers[name.toLowerCase()];
      return Array.isArray(v) ? v[0] : v;
    };
    const keyId = h(HEADER_KEY);
    const ts = h(HEADER_TIMESTAMP);
    const sig = h(HEADER_SIGNATURE);
    if (!keyId || !ts || !sig)
      return authError(
        'MISSING_AUTH_HEADERS',
        `missing ${[!keyId && HEADER_KEY, !ts && HEADER_TIMESTAMP, !sig && HEADER_SIGNATURE].filter(Boolean).join(', ')}`,
      );
    const key = this.publicKey(keyId);
    if (!key) return authError('NOT_FOUND', 'unknown API key id (a key of another environment, or never registered)');
    const tsNum = /^\d+$/.test(ts) ? Number(ts) : Number.NaN;
    if (!Number.isFinite(tsNum) || Math.abs(nowMs - tsNum) > this.windowMs) {
      const seconds = Number.isFinite(tsNum) && Math.abs(nowMs - tsNum * 1000) <= this.windowMs;
      return {
        ok: false,
        status: 401,
        body: {
          error: {
            code: 'header_timestamp_expired',
            message: 'timestamp is outside the accepted window',
            details: 'HEADER_TIMESTAMP_EXPIRED',
          },
        },
        reason: seconds
          ? 'timestamp is in seconds; Kalshi wants milliseconds'
          : `timestamp differs from the exchange clock by ${Number.isFinite(tsNum) ? Math.round((tsNum - nowMs) / 1000) : '?'} s (window ±${this.windowMs / 1000} s)`,
      };
    }
    const path = fullPath.split('?')[0]!;
    const cacheKey = `${keyId}|${ts}|${method}|${path}|${sig}`;
    if (this.verified.has(cacheKey)) return { ok: true, keyId };
    if (verifySignature(key, signingMessage(ts, method, path), sig)) {
      if (this.verified.size > 4096) this.verified.clear();
      this.verified.set(cacheKey, true);
      return { ok: true, keyId };
    }
    return authError('INCORRECT_API_KEY_SIGNATURE', diagnose(key, ts, method, fullPath, sig));
  }
}

/** Which well-known signing mistake produced this signature (for the server's log only). */
function diagnose(key: KeyObject, ts: string, method: string, fullPath: string, sig: string): string {
  const path = fullPath.split('?')[0]!;
  const candidates: Array<[string, string]> = [
    [signingMessage(ts, method, fullPath), 'the query string was signed (sign the path without it)'],
    [
      signingMessage(ts, method, path.startsWith(API_PREFIX) ? path.slice(API_PREFIX.length) : path),
      'the path was signed without /trade-api/v2',
    ],
    [signingMessage(ts, method.toLowerCase(), path), 'the method was signed in lower case'],
  ];
  for (const [msg, why] of candidates) if (verifySignature(key, msg, sig)) return why;
  try {
    if (
      verify(
        'sha256',
        Buffer.from(signingMessage(ts, method, path)),
        { key, padding: constants.RSA_PKCS1_PADDING },
        Buffer.from(sig, 'base64'),
      )
    )
      return 'PKCS#1 v1.5 padding was used; Kalshi requires RSA-PSS';
  } catch {
    /* not a PKCS#1 signature either */
  }
  return 'signature does not verify (wrong key, or a different message was signed)';
}
