// Frozen copy of the backtester before the trading layer (src/backtest at 3bfe54b), kept only as the
// peer of `npm run bench -- backtest`: the old figure is measured in the same run as the new engine.
/** Risk limits of a backtest, all in cents or fractions of the trader's own equity. */
export interface RiskLimits {
  /** Most money staked on one game (cents). */
  readonly maxStakePerGame?: number;
  /** Most money staked in one season-week (cents). */
  readonly maxExposurePerWeek?: number;
  /** Stop opening positions once equity falls this far below its peak (0.3 = 30%). */
  readonly drawdownHalt?: number;
}

/** Tracks stakes against the limits; answers how much of an order may go through. */
export class RiskManager {
  private readonly perGame = new Map<string, number>();
  private readonly perWeek = new Map<string, number>();
  private peak = 0;
  halted = false;

  constructor(readonly limits: RiskLimits = {}) {}

  observeEquity(equity: number): void {
    this.peak = Math.max(this.peak, equity);
    const dd = this.peak > 0 ? 1 - equity / this.peak : 0;
    if (this.limits.drawdownHalt !== undefined && dd >= this.limits.drawdownHalt) this.halted = true;
  }

  /** Largest stake (cents) the limits allow now for this game and week. */
  room(gameId: string, weekKey: string): number {
    if (this.halted) return 0;
    const g = (this.limits.maxStakePerGame ?? Infinity) - (this.perGame.get(gameId) ?? 0);
    const w = (this.limits.maxExposurePerWeek ?? Infinity) - (this.perWeek.get(weekKey) ?? 0);
    return Math.max(0, Math.min(g, w));
  }

  record(gameId: string, weekKey: string, stake: number): void {
    this.perGame.set(gameId, (this.perGame.get(gameId) ?? 0) + stake);
    this.perWeek.set(weekKey, (this.perWeek.get(weekKey) ?? 0) + stake);
  }
}
