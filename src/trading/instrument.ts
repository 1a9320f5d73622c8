import type { FeeSchedule } from '../market/fees.js';
import type { TickGrid } from '../market/grid.js';

/**
 * The static facts of a market, looked up once (`ctx.instrument(ticker)`) instead of riding on every
 * tick: its grid and fees, the event it belongs to (an NFL game), what YES means, and venue- or
 * data-specific details (for NFL contracts: the game id, the team, home or away, season and week).
 */
export interface Instrument {
  readonly ticker: string;
  readonly title: string;
  readonly grid: TickGrid;
  readonly fees: FeeSchedule;
  /** Markets of one event share it (Kalshi's event ticker; the game id for NFL). */
  readonly eventTicker?: string;
  /** What a YES contract pays on (e.g. the team that must win). */
  readonly outcome?: string;
  readonly details?: Readonly<Record<string, string | number | boolean>>;
}
