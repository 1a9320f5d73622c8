import { mkdirSync } from 'node:fs';
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
import { writeFileAtomic } from '../report/files.js';
import { KalshiRestClient } from '../venues/kalshi/rest/client.js';
import type { UsageTier } from '../venues/kalshi/rate-limit.js';
import { KalshiWsClient } from '../venues/kalshi/ws/client.js';
import type { PaperConfig } from './config.js';
import { PaperEngine, sessionPaths, type PaperSummary } from './engine.js';
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
  const { games } = await loadGames({ dataDir });
  const allGames = games.filter((g) => g.season <= config.season);
  const traded = allGames.filter((g) => g.season === config.season && (!config.weeks || config.weeks.includes(g.week)));
  return { allGames, instruments: nflVenueInstruments(traded) };
}

/** The strategy of a session's settings (the same factory `omega backtest nfl` uses). */
export function sessionStrategy(config: PaperConfig): Strategy<NflContext> {
  return makeStrategy({ seasons: [config.season, config.season], strategy: config.strategy, edge: config.edge, kelly: config.kelly, minPrice: config.minPrice, maxPrice: config.maxPrice, inGame: config.inGame });
}

export function sessionFills(config: PaperConfig): FillModel {
  return config.execution === 'book' ? new BookFills({ queue: config.queue }) : new QuoteFills();
}

export function sessionRisk(config: PaperConfig): RiskLimits {
  return { maxStakePerEvent: config.risk.maxStakePerGame, maxStakePerPeriod: config.risk.maxExposurePerWeek, drawdownHalt: config.risk.drawdownHalt };
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
  mkdirSync(options.dir, { recursive: true });
  writeFileAtomic(sessionPaths(options.dir).config, JSON.stringify({ config, restUrl: venue.restUrl, wsUrl: venue.wsUrl, lockstep: options.lockstep !== undefined }, null, 2) + '\n');
  const markets = options.markets ?? (await nflMarkets(config, options.dataDir));
  const rest = new KalshiRestClient({ baseUrl: venue.restUrl, credentials: venue.credentials, tier: venue.tier ?? 'basic' });
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
