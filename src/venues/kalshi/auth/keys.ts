import { readFileSync } from 'node:fs';
import { ValidationError } from '../../../core/errors.js';
import { privateKeyFromPem, type KalshiCredentials } from './signing.js';

/**
 * Where a private key comes from: a PEM file, or an environment variable holding the PEM text. Key
 * material is never read from a config file; a config names the file or the variable.
 */
export interface KeySource {
  readonly keyId: string;
  readonly keyFile?: string;
  /** Name of the environment variable holding the PEM (e.g. `KALSHI_PRIVATE_KEY`). */
  readonly keyEnv?: string;
}

export function loadCredentials(source: KeySource, env: Readonly<Record<string, string | undefined>> = process.env): KalshiCredentials {
  if (!source.keyId)
    throw new ValidationError(
      'Kalshi key id is missing: pass --key-id (or set KALSHI_KEY_ID) with the API key id shown when the key was created',
    );
  let pem: string | undefined;
  if (source.keyFile) {
    try {
      pem = readFileSync(source.keyFile, 'utf8');
    } catch (e) {
      throw new ValidationError(
        `Kalshi private key file ${source.keyFile} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}): pass --key-file with the PEM file saved when the key was created`,
      );
    }
  } else if (source.keyEnv) {
    pem = env[source.keyEnv];
    if (!pem)
      throw new ValidationError(
        `environment variable ${source.keyEnv} is empty: export the private key PEM text in it, or pass --key-file`,
      );
  } else {
    throw new ValidationError(
      'no Kalshi private key: pass --key-file PATH or name an environment variable holding the PEM (KALSHI_PRIVATE_KEY)',
    );
  }
  try {
    return { keyId: source.keyId, privateKey: privateKeyFromPem(pem) };
  } catch {
    throw new ValidationError(
      `the Kalshi private key from ${source.keyFile ?? `$${source.keyEnv}`} is not a PEM private key (expected an RSA key in PKCS#1 or PKCS#8 PEM form, as saved when the key was created)`,
    );
  }
}
