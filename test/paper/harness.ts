import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serialize } from 'node:v8';
import { afterAll, beforeAll } from 'vitest';
import type { Clock } from '../../src/core/clock.js';
import { loadGames } from '../../src/data/nfl/games.js';
import { LocalExchange } from '../../src/venues/kalshi/server/local-exchange.js';
import { privateKeyFromPem } from '../../src/venues/kalshi/auth/signing.js';
import { nflMarkets, type NflMarkets, type VenueConnection } from '../../src/paper/session.js';

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

export async function startExchange(
  template: string,
  config: Record<string, unknown> = REPLAY,
  realtime = false,
  wallClock?: Clock,
): Promise<LocalExchange> {
  const dir = mkdtempSync(path.join(tmpdir(), 'omega-paper-ex-'));
  cpSync(template, dir, { recursive: true });
  if (config !== REPLAY) rmSync(path.join(dir, 'exchange.json')); // another replay of the same key's state
  return LocalExchange.start({ stateDir: dir, config: config as never, realtime, tickMs: 20, wallClock });
}

/**
 * A wall clock a test can hold still: while held, an exchange paced by it (real-time replay) stops moving on its
 * own, and `ex.advance()` moves it step by step instead. Released, it goes on from where it stood. Authentication
 * reads the same clock, so holds stay well inside its timestamp window (seconds, not minutes).
 */
export class HoldableClock implements Clock {
  private heldFor = 0;
  private heldAt: number | undefined;
  now(): number {
    return (this.heldAt ?? Date.now()) - this.heldFor;
  }
  hold(): void {
    this.heldAt ??= Date.now();
  }
  release(): void {
    if (this.heldAt !== undefined) this.heldFor += Date.now() - this.heldAt;
    this.heldAt = undefined;
  }
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

/** The text of a session's first ledger file so far ('' before it exists). */
export const ledgerText = (dir: string): string => {
  const f = path.join(dir, 'ledger', 'ledger-000000000001.jsonl');
  return existsSync(f) ? readFileSync(f, 'utf8') : '';
};

/** This test process's folder for child artifacts (under build/, removed at exit). */
let artifacts: string | undefined;
function artifactsDir(): string {
  if (artifacts === undefined) {
    mkdirSync(path.join('build', 'test-artifacts'), { recursive: true });
    const dir = mkdtempSync(path.join('build', 'test-artifacts', 'paper-children-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    artifacts = dir;
  }
  return artifacts;
}

const bundles = new Map<string, Promise<string>>();

/**
 * test/paper/<script> bundled into one JavaScript file by esbuild, once per test process, packages included. With
 * the NFL games parsed by this process (parent-games.ts), a child reaches "ready" in about 0.15 s of CPU instead of
 * 0.65 s with packages left external (about 250 modules resolved and compiled one by one from node_modules; zod
 * and axios alone are 160) and 1.15 s through tsx's loader, which the recovery test's 52 children feel. The
 * CommonJS packages inside (ws, pino, papaparse …) get a real `require` for Node's built-ins from the banner. The
 * bundle lives under build/ and goes at exit.
 */
function bundledChild(script: string): Promise<string> {
  let bundle = bundles.get(script);
  if (bundle === undefined) {
    bundle = (async () => {
      const esbuild = await import('esbuild');
      const outfile = path.join(artifactsDir(), script.replace(/\.ts$/, '.mjs'));
      await esbuild.build({
        entryPoints: [path.join('test', 'paper', script)],
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
        outfile,
        logLevel: 'warning',
      });
      return outfile;
    })();
    bundles.set(script, bundle);
  }
  return bundle;
}

let gamesFile: Promise<string> | undefined;

/** The NFL games table, parsed once per test process and v8-serialized for the children (parent-games.ts says why). */
function parsedGamesFile(): Promise<string> {
  gamesFile ??= loadGames().then(({ games }) => {
    const file = path.join(artifactsDir(), 'games.v8');
    writeFileSync(file, serialize(games));
    return file;
  });
  return gamesFile;
}

export interface ChildRun {
  /** The session reached its end ("done" on stdout); false when killed. */
  readonly finished: boolean;
  readonly out: string;
  readonly err: string;
}

/**
 * Run a session script (test/paper/*-child.ts) in its own process against `ex`. With `killWhen`, poll the
 * session folder every millisecond once the child says "ready" and SIGKILL it `killDelayMs` after the
 * condition first holds (so it dies anywhere: mid-write, mid-request, mid-replay).
 */
export function runSessionChild(
  script: string,
  ex: LocalExchange,
  dir: string,
  key: { keyId: string; pem: string },
  options: { env?: Record<string, string>; killWhen?: (dir: string) => boolean; killDelayMs?: number } = {},
): Promise<ChildRun> {
  return Promise.all([bundledChild(script), parsedGamesFile()]).then(([bundle, games]) =>
    childRun(bundle, ex, dir, key, { ...options, env: { ...options.env, PAPER_GAMES_FILE: games } }),
  );
}

function childRun(
  bundle: string,
  ex: LocalExchange,
  dir: string,
  key: { keyId: string; pem: string },
  options: { env?: Record<string, string>; killWhen?: (dir: string) => boolean; killDelayMs?: number },
): Promise<ChildRun> {
  const { killWhen, killDelayMs = 0 } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, dir, ex.restUrl, ex.wsUrl, key.keyId], {
      env: { ...process.env, ...options.env, PAPER_KEY_PEM: key.pem },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    const kill = () => child.kill('SIGKILL');
    const poll = () => {
      if (!killWhen!(dir)) timer = setTimeout(poll, 1);
      else if (killDelayMs === 0) kill();
      else timer = setTimeout(kill, killDelayMs);
    };
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (killWhen !== undefined && timer === undefined && out.includes('ready\n')) timer = setTimeout(poll, 1);
    });
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal === 'SIGKILL') return resolve({ finished: false, out, err });
      if (code !== 0) return reject(new Error(`session child exited ${code}: ${err.slice(-2000)}`));
      resolve({ finished: out.includes('done '), out, err });
    });
  });
}

type StateKey = { template: string; keyId: string; pem: string };

/**
 * One key for the whole describe block and exchanges started from it on demand (the lock-step week by
 * default, or `config` in real time), all stopped after the block (register inside a describe).
 */
export function exchangesPerTest(): {
  key: () => StateKey;
  start: (config?: Record<string, unknown>, wallClock?: Clock) => Promise<LocalExchange>;
} {
  let key: StateKey | undefined;
  const started: LocalExchange[] = [];
  beforeAll(async () => {
    key = await makeStateTemplate();
  });
  afterAll(async () => {
    for (const ex of started) await ex.stop();
  });
  return {
    key: () => key!,
    start: async (config, wallClock) => {
      const ex = config === undefined ? await startExchange(key!.template) : await startExchange(key!.template, config, true, wallClock);
      started.push(ex);
      return ex;
    },
  };
}

/** {@link exchangesPerTest} plus the Thursday opener of 2023 week 1 alone (the session ends when its two markets settle). */
export function openerFixture(): ReturnType<typeof exchangesPerTest> & { markets: () => NflMarkets } {
  const exchanges = exchangesPerTest();
  let markets: NflMarkets | undefined;
  beforeAll(async () => {
    const all = await nflMarkets({ season: 2023, weeks: [1] });
    markets = {
      allGames: all.allGames,
      instruments: new Map([...all.instruments].filter(([t]) => t.startsWith('KXNFLGAME-23SEP07DETKC'))),
    };
  });
  return { ...exchanges, markets: () => markets! };
}
