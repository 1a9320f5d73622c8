import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { loadGames, type Game } from '../data/nfl/games.js';
import { BookFills, QuoteFills, type FillModel } from '../backtest/fill-models.js';
import { nflContext, type NflContext } from '../backtest/nfl-context.js';
import { makeStrategy } from '../backtest/nfl.js';
import type { Instrument } from '../trading/instrument.js';
import type { RiskLimits } from '../trading/risk.js';
import type { Strategy } from '../trading/strategy.js';
import type { AlertChannel } from '../ops/alerts/channels.js';
import type { AlertRule } from '../ops/alerts/rules.js';
import type { FsyncPolicy } from '../ops/append-file.js';
import type { SessionMetrics } from '../ops/metrics.js';
import { ValidationError } from '../core/errors.js';
import { canonicalJson } from '../ops/canonical.js';
import { writeFileAtomic } from '../report/files.js';
import { CircuitOpenError, KalshiApiError, KalshiTransportError } from '../venues/kalshi/rest/errors.js';
import { KalshiRestClient } from '../venues/kalshi/rest/client.js';
import type { UsageTier } from '../venues/kalshi/rate-limit.js';
import { KalshiWsClient } from '../venues/kalshi/ws/client.js';
import type { PaperConfig } from './config.js';
import { PaperEngine, sessionPaths, type PaperSummary } from './engine.js';
import { readLedger } from './ledger.js';
import { nflVenueInstruments } from './instruments.js';
import type { LockstepControl } from './lockstep.js';

/** Where a session trades: a Kalshi REST base URL and WebSocket URL, and the key to sign with. */
export interface VenueConnection {
  readonly restUrl: string;
  readonly wsUrl: string;
  readonly credentials: { readonly keyId: string; readonly privateKey: KeyObject };
  /** Client-side pacing: Kalshi's tier (default basic), or 'off' for the local exchange. */
  readonly tier?: UsageTier | 'off';
}

/** The NFL data a session (and its comparison) needs: every game (the strategy's schedule and history) and the traded ones. */
export interface NflMarkets {
  readonly allGames: readonly Game[];
  readonly instruments: Map<string, Instrument>;
}

export async function nflMarkets(config: Pick<PaperConfig, 'season' | 'weeks'>, dataDir?: string): Promise<NflMarkets> {
  return nflMarketsOf((await loadGames({ dataDir })).games, config);
}

/** {@link nflMarkets} among games already loaded (a test's session children get them parsed once by their parent). */
export function nflMarketsOf(games: readonly Game[], config: Pick<PaperConfig, 'season' | 'weeks'>): NflMarkets {
  const allGames = games.filter((g) => g.season <= config.season);
  const traded = allGames.filter((g) => g.season === config.season && (!config.weeks || config.weeks.includes(g.week)));
  return { allGames, instruments: nflVenueInstruments(traded) };
}

/** The strategy of a session's settings (the same factory `omega backtest nfl` uses). */
export function sessionStrategy(config: PaperConfig): Strategy<NflContext> {
  return makeStrategy({
    seasons: [config.season, config.season],
    strategy: config.strategy,
    edge: config.edge,
    kelly: config.kelly,
    minPrice: config.minPrice,
    maxPrice: config.maxPrice,
    inGame: config.inGame,
  });
}

export function sessionFills(config: PaperConfig): FillModel {
  return config.execution === 'book' ? new BookFills({ queue: config.queue }) : new QuoteFills();
}

export function sessionRisk(config: PaperConfig): RiskLimits {
  return {
    maxStakePerEvent: config.risk.maxStakePerGame,
    maxStakePerPeriod: config.risk.maxExposurePerWeek,
    drawdownHalt: config.risk.drawdownHalt,
  };
}

export interface PaperRunOptions {
  readonly dir: string;
  readonly config: PaperConfig;
  readonly venue: VenueConnection;
  readonly lockstep?: LockstepControl;
  readonly dataDir?: string;
  readonly markets?: NflMarkets;
  readonly alerts?: { readonly rules: readonly AlertRule[]; readonly channels: readonly AlertChannel[] };
  readonly metrics?: SessionMetrics;
  readonly auditFsync?: FsyncPolicy;
  readonly pollMs?: number;
  readonly log?: (line: string) => void;
}

/** Build and run (or resume) a paper session on NFL markets; the session folder gets ledger/, audit/, status.json. */
export async function runPaperSession(options: PaperRunOptions): Promise<PaperSummary> {
  const { config, venue } = options;
  checkResumedConfig(options.dir, config);
  const markets = options.markets ?? (await nflMarkets(config, options.dataDir));
  const rest = new KalshiRestClient({ baseUrl: venue.restUrl, credentials: venue.credentials, tier: venue.tier ?? 'basic' });
  try {
    await checkVenue(rest, venue.restUrl);
  } catch (e) {
    rest.close();
    throw e;
  }
  // only now, with the settings and the venue checked, is the session folder touched
  mkdirSync(options.dir, { recursive: true });
  writeFileAtomic(
    sessionPaths(options.dir).config,
    JSON.stringify({ config, restUrl: venue.restUrl, wsUrl: venue.wsUrl, lockstep: options.lockstep !== undefined }, null, 2) + '\n',
  );
  const ws = new KalshiWsClient({ url: venue.wsUrl, credentials: venue.credentials, rest });
  const engine = new PaperEngine<NflContext>({
    dir: options.dir,
    mode: config.mode,
    strategy: sessionStrategy(config),
    extend: nflContext(markets.allGames),
    instruments: markets.instruments,
    rest,
    ws,
    lockstep: options.lockstep,
    fills: sessionFills(config),
    startingCash: config.startingCash,
    risk: sessionRisk(config),
    maxLoss: config.maxLoss,
    config: config as unknown as Record<string, unknown>,
    alerts: options.alerts,
    metrics: options.metrics,
    openOrdersAtStop: config.openOrdersAtStop,
    openOrdersAtRestart: config.openOrdersAtRestart,
    pollMs: options.pollMs,
    auditFsync: options.auditFsync,
    log: options.log,
  });
  try {
    return await engine.run();
  } finally {
    rest.close();
  }
}

/**
 * A session folder being resumed must be resumed with its own settings: a restart with others would
 * diverge at its first record, after `session.json` had been overwritten. Refused before anything is written.
 */
function checkResumedConfig(dir: string, config: PaperConfig): void {
  const paths = sessionPaths(dir);
  // the ledger's first record is what the session was started with (session.json only repeats it)
  const first = existsSync(paths.ledger) ? readLedger(paths.ledger)[0] : undefined;
  let recorded: Record<string, unknown> | undefined = (first?.data as { config?: Record<string, unknown> } | undefined)?.config;
  if (recorded === undefined && existsSync(paths.config)) {
    try {
      recorded = (JSON.parse(readFileSync(paths.config, 'utf8')) as { config: Record<string, unknown> }).config;
    } catch (e) {
      throw new ValidationError(
        `--session ${dir}: ${paths.config} cannot be read (${(e as Error).message}); resume a session only with its own folder, or start a new one in another folder`,
      );
    }
  }
  if (recorded === undefined) return;
  const now = config as unknown as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(recorded), ...Object.keys(now)])].sort();
  const differing = keys.filter((k) => canonicalJson(recorded[k] ?? null) !== canonicalJson(now[k] ?? null));
  if (differing.length > 0) {
    const show = (v: unknown) => (v === undefined ? '(not set)' : JSON.stringify(v));
    throw new ValidationError(
      `--session ${dir} was started with other settings (${differing.map((k) => `${k}: ${show(recorded[k])} then, ${show(now[k])} now`).join('; ')}); resume it with the same flags, or give a new --session folder`,
      differing.map((k) => ({ path: k, message: "differs from the session's settings" })),
    );
  }
}

/** The venue answers and accepts the key — checked before the session folder is touched, with the fix in the error. */
async function checkVenue(rest: KalshiRestClient, restUrl: string): Promise<void> {
  try {
    await rest.getBalance();
  } catch (e) {
    if (e instanceof KalshiApiError && (e.status === 401 || e.status === 403))
      throw new ValidationError(
        `the venue at ${restUrl} refused the key (${e.message}); check --key-id and --key-file (omega kalshi check --base-url ${restUrl} shows each step)`,
      );
    if (e instanceof KalshiTransportError || e instanceof CircuitOpenError)
      throw new ValidationError(
        `cannot reach the venue at ${restUrl} (${e.message}); start it (omega exchange prints its URL first) and pass that URL as --base-url`,
      );
    throw e;
  }
}
