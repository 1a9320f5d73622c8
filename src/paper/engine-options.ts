import path from 'node:path';
import type { AlertChannel } from '../ops/alerts/channels.js';
import type { AlertRule } from '../ops/alerts/rules.js';
import type { FsyncPolicy } from '../ops/append-file.js';
import type { SessionMetrics } from '../ops/metrics.js';
import type { FillModel } from '../backtest/fill-models.js';
import type { Instrument } from '../trading/instrument.js';
import type { RiskLimits } from '../trading/risk.js';
import type { Strategy, StrategyContext } from '../trading/strategy.js';
import type { KalshiRestClient } from '../venues/kalshi/rest/client.js';
import type { KalshiWsClient } from '../venues/kalshi/ws/client.js';
import type { LockstepControl } from './lockstep.js';

export type PaperMode = 'orders' | 'shadow';

export interface PaperEngineOptions<C extends StrategyContext> {
  /** The session folder: ledger/, audit/, status.json, and the stop file. */
  readonly dir: string;
  readonly mode: PaperMode;
  readonly strategy: Strategy<C>;
  readonly extend?: (ctx: StrategyContext) => C;
  /** The markets the session may trade, in the order their data are handled within one moment. */
  readonly instruments: ReadonlyMap<string, Instrument>;
  readonly rest: KalshiRestClient;
  readonly ws: KalshiWsClient;
  /** Lock-step with a local exchange replay; without it the session follows the venue in real time. */
  readonly lockstep?: LockstepControl;
  /** Shadow mode: how the live book fills simulated orders (the backtester's models). Default quote fills. */
  readonly fills?: FillModel;
  /** Shadow mode: the simulated account's cash (default: the venue balance at the start). */
  readonly startingCash?: number;
  readonly risk?: RiskLimits;
  /** Kill switch: halt trading once equity is this much below the starting equity (money units). */
  readonly maxLoss?: number;
  /** What the session was started with (recorded first; a restart must match it). */
  readonly config: Record<string, unknown>;
  readonly alerts?: { readonly rules: readonly AlertRule[]; readonly channels: readonly AlertChannel[]; readonly errorWindowMs?: number };
  readonly metrics?: SessionMetrics;
  /** At a graceful stop: cancel resting orders (default) or leave them at the venue. */
  readonly openOrdersAtStop?: 'cancel' | 'keep';
  /** After a crash: adopt the orders still open at the venue (default) or cancel them before trading on. */
  readonly openOrdersAtRestart?: 'adopt' | 'cancel';
  /** Real-time mode: how often buffered market data is handed to the strategy (ms). Default 100. */
  readonly pollMs?: number;
  /** Real-time mode: stop at this venue time. */
  readonly until?: number;
  readonly auditFsync?: FsyncPolicy;
  readonly log?: (line: string) => void;
}

export interface PaperSummary {
  readonly dir: string;
  readonly state: 'done' | 'stopped' | 'halted';
  readonly resumed: boolean;
  readonly steps: number;
  readonly orders: number;
  readonly fills: number;
  readonly startingEquity: number;
  readonly finalEquity: number;
  readonly ledgerRecords: number;
  readonly auditRecords: number;
  /** Orders refused by reason, before the venue (risk limits, kill switch) and at it. */
  readonly rejections: Readonly<Record<string, number>>;
}

/** Files a session folder holds. */
export const sessionPaths = (dir: string) => ({
  ledger: path.join(dir, 'ledger'),
  audit: path.join(dir, 'audit'),
  status: path.join(dir, 'status.json'),
  stop: path.join(dir, 'STOP'),
  config: path.join(dir, 'session.json'),
  recoveries: path.join(dir, 'recoveries.jsonl'),
});
