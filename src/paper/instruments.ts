import { OrderRejectedError } from '../core/errors.js';
import type { Game } from '../data/nfl/games.js';
import { winner } from '../data/nfl/games.js';
import { KALSHI_FEES, type FeeSchedule } from '../market/fees.js';
import { nflGameInstruments } from '../backtest/nfl-feed.js';
import type { Instrument } from '../trading/instrument.js';
import { nflEventTicker } from '../venues/kalshi/server/drivers/nfl.js';

/**
 * The instruments of the NFL game-winner markets a Kalshi-style venue lists for `games` (the local
 * exchange's replay uses Kalshi's ticker form `KXNFLGAME-<date><away><home>-<team>`), with the same
 * NFL facts the backtester's instruments carry, so an NFL strategy runs unchanged on either.
 */
export function nflVenueInstruments(games: readonly Game[], fees: FeeSchedule = KALSHI_FEES): Map<string, Instrument> {
  const out = new Map<string, Instrument>();
  for (const g of games) {
    if (winner(g) === undefined || g.homeMoneyline === undefined || g.awayMoneyline === undefined) continue;
    const event = nflEventTicker(g);
    const homeTicker = `${event}-${g.homeTeam}`;
    const awayTicker = `${event}-${g.awayTeam}`;
    for (const instrument of nflGameInstruments(g, homeTicker, awayTicker, fees)) out.set(instrument.ticker, instrument);
  }
  return out;
}

/** A lookup that names the ticker it does not know. */
export function instrumentLookup(instruments: ReadonlyMap<string, Instrument>): (ticker: string) => Instrument {
  return (ticker) => {
    const i = instruments.get(ticker);
    if (i === undefined)
      throw new OrderRejectedError(
        'UNKNOWN_MARKET',
        `unknown market ${JSON.stringify(ticker)}: the session lists ${instruments.size} markets`,
        { ticker },
      );
    return i;
  };
}
