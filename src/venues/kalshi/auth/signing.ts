import { constants, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/**
 * Kalshi request signing (KALSHI_API.md §2): the message is `timestamp_ms + METHOD + path`, where the
 * path runs from the host root (including `/trade-api/v2`) without the query string; the signature is
 * RSA-PSS with SHA-256, MGF1(SHA-256) and a 32-byte salt, base64-encoded. The body is not signed.
 */

export const HEADER_KEY = 'KALSHI-ACCESS-KEY';
export const HEADER_TIMESTAMP = 'KALSHI-ACCESS-TIMESTAMP';
export const HEADER_SIGNATURE = 'KALSHI-ACCESS-SIGNATURE';

export interface KalshiCredentials {
  readonly keyId: string;
  readonly privateKey: KeyObject;
}

/** The signed path of a URL: its pathname, query dropped (as kalshi-typescript's `new URL(url, base).pathname`). */
export function signedPath(url: string, base?: string): string {
  return new URL(url, base ?? 'http://localhost').pathname;
}

export function signingMessage(timestampMs: number | string, method: string, path: string): string {
  return `${timestampMs}${method.toUpperCase()}${path}`;
}

export function signMessage(privateKey: KeyObject, message: string): string {
  return sign('sha256', Buffer.from(message, 'utf8'), {
    key: privateKey,
    padding: constants.RSA_PKCS1_PSS_PADDING,
    saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
  }).toString('base64');
}

/** Verify a PSS signature (salt length auto-detected, as Kalshi accepts 32 or any valid PSS salt). */
export function verifySignature(publicKey: KeyObject, message: string, signatureB64: string): boolean {
  try {
    return verify(
      'sha256',
      Buffer.from(message, 'utf8'),
      { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO },
      Buffer.from(signatureB64, 'base64'),
    );
  } catch {
    return false;
  }
}

/** The three headers of an authenticated request. */
export function authHeaders(creds: KalshiCredentials, method: string, path: string, nowMs: number): Record<string, string> {
  const ts = String(Math.trunc(nowMs));
  return {
    [HEADER_KEY]: creds.keyId,
    [HEADER_TIMESTAMP]: ts,
    [HEADER_SIGNATURE]: signMessage(creds.privateKey, signingMessage(ts, method, path)),
  };
}

export function privateKeyFromPem(pem: string): KeyObject {
  return createPrivateKey({ key: pem, format: 'pem' });
}

export function publicKeyFromPem(pem: string): KeyObject {
  return createPublicKey({ key: pem, format: 'pem' });
}
