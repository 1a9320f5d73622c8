import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { systemClock } from '../../../core/clock.js';
import { ValidationError } from '../../../core/errors.js';
import { parseWith } from '../../../core/validation.js';
import { USAGE_TIERS, type UsageTier } from '../rate-limit.js';

/**
 * API keys of the local exchange, one file per key under `<state>/keys/` (so `omega exchange keys add`
 * can register a key while the server runs). The server holds only public keys; the private key PEM is
 * written once, mode 0600, for the user.
 */
const KeyRecordSchema = z.object({
  key_id: z.string().uuid(),
  name: z.string().min(1),
  public_key_pem: z.string().includes('PUBLIC KEY'),
  tier: z.enum(USAGE_TIERS as [UsageTier, ...UsageTier[]]).default('basic'),
  created_ms: z.number().int(),
});
export type KeyRecord = z.output<typeof KeyRecordSchema>;

/** Write a file atomically (temp sibling + rename) with the given mode from the first byte. */
export function writeAtomic(file: string, data: string, mode = 0o644): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data, { mode });
  chmodSync(tmp, mode);
  renameSync(tmp, file);
}

const keysDir = (stateDir: string) => path.join(stateDir, 'keys');

export function loadKeys(stateDir: string): KeyRecord[] {
  const dir = keysDir(stateDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => parseWith(KeyRecordSchema, JSON.parse(readFileSync(path.join(dir, f), 'utf8')), `key file ${path.join(dir, f)}`))
    .sort((a, b) => a.created_ms - b.created_ms || a.key_id.localeCompare(b.key_id));
}

export interface NewKey {
  readonly keyId: string;
  readonly name: string;
  readonly pemPath: string;
  readonly privateKeyPem: string;
  readonly tier: UsageTier;
}

/** Create an RSA-2048 key pair, register its public half in `stateDir`, write the private PEM (0600). */
export function addKey(stateDir: string, name: string, options: { tier?: UsageTier; nowMs?: number } = {}): NewKey {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name))
    throw new ValidationError(
      `--name ${JSON.stringify(name)} must be 1-64 letters, digits, dot, dash or underscore (it names the key's PEM file)`,
    );
  const pemPath = path.join(keysDir(stateDir), `${name}.pem`);
  if (existsSync(pemPath))
    throw new ValidationError(`a key named ${name} already exists in ${stateDir} (${pemPath}); choose another --name`);
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  const keyId = randomUUID();
  const tier = options.tier ?? 'basic';
  writeAtomic(pemPath, privateKey, 0o600);
  const record: KeyRecord = { key_id: keyId, name, public_key_pem: publicKey, tier, created_ms: options.nowMs ?? systemClock.now() };
  writeAtomic(path.join(keysDir(stateDir), `${keyId}.json`), JSON.stringify(record, null, 2) + '\n');
  return { keyId, name, pemPath, privateKeyPem: privateKey, tier };
}
