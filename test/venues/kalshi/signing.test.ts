import { execFileSync } from 'node:child_process';
import { constants, generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  authHeaders,
  privateKeyFromPem,
  publicKeyFromPem,
  signedPath,
  signingMessage,
  signMessage,
  verifySignature,
} from '../../../src/venues/kalshi/index.js';
import { Authenticator } from '../../../src/venues/kalshi/server/auth.js';

const { publicKey, privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
});
const priv = privateKeyFromPem(privateKey);
const pub = publicKeyFromPem(publicKey);

/** Independent check: openssl verifies an RSA-PSS (SHA-256, MGF1-SHA-256, salt 32) signature. */
function opensslVerifies(message: string, signatureB64: string): boolean {
  const dir = mkdtempSync(path.join(tmpdir(), 'kalshi-sig-'));
  writeFileSync(path.join(dir, 'pub.pem'), publicKey);
  writeFileSync(path.join(dir, 'msg.txt'), message);
  writeFileSync(path.join(dir, 'sig.bin'), Buffer.from(signatureB64, 'base64'));
  try {
    execFileSync(
      'openssl',
      [
        'dgst',
        '-sha256',
        '-sigopt',
        'rsa_padding_mode:pss',
        '-sigopt',
        'rsa_pss_saltlen:32',
        '-sigopt',
        'rsa_mgf1_md:sha256',
        '-verify',
        path.join(dir, 'pub.pem'),
        '-signature',
        path.join(dir, 'sig.bin'),
        path.join(dir, 'msg.txt'),
      ],
      { stdio: 'pipe' },
    );
    return true;
  } catch {
    return false;
  }
}

describe('RSA-PSS request signing (KALSHI_API.md §2)', () => {
  it('signs timestamp + METHOD + path (with /trade-api/v2, without the query); openssl accepts it', () => {
    const path_ = signedPath('https://external-api.demo.kalshi.co/trade-api/v2/portfolio/orders?limit=5');
    expect(path_).toBe('/trade-api/v2/portfolio/orders');
    const msg = signingMessage(1703123456789, 'get', path_);
    expect(msg).toBe('1703123456789GET/trade-api/v2/portfolio/orders');
    const h = authHeaders({ keyId: 'k-1', privateKey: priv }, 'GET', path_, 1703123456789.7);
    expect(h['KALSHI-ACCESS-TIMESTAMP']).toBe('1703123456789');
    expect(h['KALSHI-ACCESS-KEY']).toBe('k-1');
    expect(opensslVerifies(msg, h['KALSHI-ACCESS-SIGNATURE']!)).toBe(true);
    // PSS is randomized: two signatures differ, both verify
    const again = signMessage(priv, msg);
    expect(again).not.toBe(h['KALSHI-ACCESS-SIGNATURE']);
    expect(verifySignature(pub, msg, again)).toBe(true);
  });

  it('openssl rejects a PKCS#1 v1.5 signature and a signature over another message', () => {
    const msg = signingMessage(1, 'GET', '/trade-api/v2/portfolio/balance');
    const pkcs1 = sign('sha256', Buffer.from(msg), { key: priv, padding: constants.RSA_PKCS1_PADDING }).toString('base64');
    expect(opensslVerifies(msg, pkcs1)).toBe(false);
    expect(verifySignature(pub, msg, pkcs1)).toBe(false);
    expect(opensslVerifies(msg + 'x', signMessage(priv, msg))).toBe(false);
  });

  it('our verifier accepts a signature made by openssl (the other direction)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kalshi-sig-'));
    writeFileSync(path.join(dir, 'key.pem'), privateKey);
    const msg = signingMessage(1703123456789, 'POST', '/trade-api/v2/portfolio/events/orders');
    writeFileSync(path.join(dir, 'msg.txt'), msg);
    const sig = execFileSync('openssl', [
      'dgst',
      '-sha256',
      '-sigopt',
      'rsa_padding_mode:pss',
      '-sigopt',
      'rsa_pss_saltlen:32',
      '-sigopt',
      'rsa_mgf1_md:sha256',
      '-sign',
      path.join(dir, 'key.pem'),
      path.join(dir, 'msg.txt'),
    ]);
    expect(verifySignature(pub, msg, sig.toString('base64'))).toBe(true);
  });
});

describe('the local exchange authenticator answers each signing mistake with Kalshi 401 bodies', () => {
  const now = 1_800_000_000_000;
  const auth = new Authenticator((id) => (id === 'k-1' ? pub : undefined), 30_000);
  const headers = (ts: number | string, msg: string, sig?: string) => ({
    'kalshi-access-key': 'k-1',
    'kalshi-access-timestamp': String(ts),
    'kalshi-access-signature': sig ?? signMessage(priv, msg),
  });
  const full = '/trade-api/v2/portfolio/balance';

  it('accepts a correct signature, also when the request carries a query the client did not sign', () => {
    expect(auth.check('GET', `${full}?subaccount=0`, headers(now, signingMessage(now, 'GET', full)), now)).toEqual({
      ok: true,
      keyId: 'k-1',
    });
  });

  it.each([
    [
      'PKCS#1 v1.5 padding',
      () =>
        headers(
          now,
          '',
          sign('sha256', Buffer.from(signingMessage(now, 'GET', full)), { key: priv, padding: constants.RSA_PKCS1_PADDING }).toString(
            'base64',
          ),
        ),
      full,
      'INCORRECT_API_KEY_SIGNATURE',
      /PKCS#1/,
    ],
    [
      'the query string signed',
      () => headers(now, signingMessage(now, 'GET', `${full}?limit=5`)),
      `${full}?limit=5`,
      'INCORRECT_API_KEY_SIGNATURE',
      /query string/,
    ],
    [
      'the path signed without /trade-api/v2',
      () => headers(now, signingMessage(now, 'GET', '/portfolio/balance')),
      full,
      'INCORRECT_API_KEY_SIGNATURE',
      /without \/trade-api\/v2/,
    ],
  ])('%s → 401 authentication_error', (_n, h, url, details, reason) => {
    const r = auth.check('GET', url, h(), now);
    expect(r.ok).toBe(false);
    if (r.ok === false) {
      expect(r.status).toBe(401);
      expect(r.body).toEqual({ error: { code: 'authentication_error', message: 'authentication error', details } });
      expect(r.reason).toMatch(reason);
    }
  });

  it.each([
    ['a timestamp in seconds', Math.floor(now / 1000), /seconds/],
    ['a timestamp 60 s old', now - 60_000, /-60 s/],
    ['a timestamp 31 s ahead', now + 31_000, /31 s/],
  ])('%s → 401 header_timestamp_expired', (_n, ts, reason) => {
    const r = auth.check('GET', full, headers(ts, signingMessage(ts, 'GET', full)), now);
    expect(r.ok).toBe(false);
    if (r.ok === false) {
      expect((r.body as { error: { code: string } }).error.code).toBe('header_timestamp_expired');
      expect(r.reason).toMatch(reason);
    }
  });

  it('a timestamp 29 s old is inside the window', () => {
    expect(auth.check('GET', full, headers(now - 29_000, signingMessage(now - 29_000, 'GET', full)), now).ok).toBe(true);
  });

  it('missing headers and an unknown key', () => {
    const r1 = auth.check('GET', full, {}, now);
    const r2 = auth.check('GET', full, { ...headers(now, signingMessage(now, 'GET', full)), 'kalshi-access-key': 'other' }, now);
    expect(r1.ok === false && (r1.body as { error: { details: string } }).error.details).toBe('MISSING_AUTH_HEADERS');
    expect(r2.ok === false && (r2.body as { error: { details: string } }).error.details).toBe('NOT_FOUND');
  });
});
