import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LocalExchange } from '../../src/venues/kalshi/server/local-exchange.js';
import { privateKeyFromPem } from '../../src/venues/kalshi/auth/signing.js';
import type { VenueConnection } from '../../src/paper/session.js';

/** The NFL replay the paper tests trade: 2023 week 1 in lock-step (speed 0). */
const REPLAY: Record<string, unknown> = { nfl: { season: 2023, weeks: [1], speed: 0 }, rateLimits: false, fsync: false };

/** A state folder with one key, copied for each exchange so every exchange starts identical (same key, same ids). */
export async function makeStateTemplate(): Promise<{ template: string; keyId: string; pem: string }> {
  const template = mkdtempSync(path.join(tmpdir(), 'omega-paper-state-'));
  const ex = await LocalExchange.start({ stateDir: template, config: REPLAY as never, realtime: false });
  const key = await ex.addKey('paper');
  await ex.stop();
  return { template, keyId: key.keyId, pem: readFileSync(key.pemPath, 'utf8') };
}

export async function startExchange(template: string, config: Record<string, unknown> = REPLAY, realtime = false): Promise<LocalExchange> {
  const dir = mkdtempSync(path.join(tmpdir(), 'omega-paper-ex-'));
  cpSync(template, dir, { recursive: true });
  if (config !== REPLAY) rmSync(path.join(dir, 'exchange.json')); // another replay of the same key's state
  return LocalExchange.start({ stateDir: dir, config: config as never, realtime, tickMs: 20 });
}

export function connection(ex: LocalExchange, keyId: string, pem: string): VenueConnection {
  return { restUrl: ex.restUrl, wsUrl: ex.wsUrl, credentials: { keyId, privateKey: privateKeyFromPem(pem) }, tier: 'off' };
}

export const tempSession = (): string => path.join(mkdtempSync(path.join(tmpdir(), 'omega-paper-')), 'session');

/** Every file of a folder (recursively) with its bytes, for byte-for-byte comparisons. */
export function folderBytes(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), readFileSync(p).toString('base64'));
    }
  };
  walk(dir);
  return out;
}
