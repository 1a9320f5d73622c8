// Frozen copy of the backtester before the trading layer (src/backtest at 3bfe54b), kept only as the
// peer of `npm run bench -- backtest`: the old figure is measured in the same run as the new engine.
/**
 * What flows through the backtester (and, later, paper trading): market data and resolutions, each
 * stamped with the time it becomes known. Prices are YES prices in cents for one team's contract
 * ("will <team> win?"), as on Kalshi's game markets.
 */
export interface MarketData {
  readonly kind: 'quote';
  readonly time: number;
  /** Contract ticker, e.g. `NFL-2019_21_SF_KC-KC`. */
  readonly market: string;
  readonly gameId: string;
  readonly team: string;
  readonly isHome: boolean;
  readonly bid: number;
  readonly ask: number;
  /** 'pregame' = the closing line at kickoff; 'ingame' = from play-by-play win probabilities. */
  readonly phase: 'pregame' | 'ingame';
}

export interface Resolution {
  readonly kind: 'resolution';
  readonly time: number;
  readonly gameId: string;
  readonly winner: 'home' | 'away' | 'tie';
  readonly homeTeam: string;
  readonly awayTeam: string;
  readonly homeScore: number;
  readonly awayScore: number;
}

export type BacktestEvent = MarketData | Resolution;

/** Settlement value of a YES contract on `team` (cents): 100 if it won, 0 if it lost, 50 for a tie. */
export function settlementValue(r: Resolution, isHome: boolean): number {
  if (r.winner === 'tie') return 50;
  return (r.winner === 'home') === isHome ? 100 : 0;
}

export const marketTicker = (gameId: string, team: string): string => `NFL-${gameId}-${team}`;
