/** One resolved market: its price path as probabilities in [0, 1] (oldest first) and its outcome. */
export interface ResolvedMarket {
  readonly prices: ArrayLike<number>;
  readonly outcome: 0 | 1;
}
