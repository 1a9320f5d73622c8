// Frozen copy of the backtester before the trading layer (src/backtest at 3bfe54b), kept only as the
// peer of `npm run bench -- backtest`: the old figure is measured in the same run as the new engine.
import { ManualClock } from '../../../src/core/clock.js';
import { LookAheadError, OmegaError } from '../../../src/core/errors.js';
import type { Game } from '../../../src/data/nfl/games.js';
import type { BacktestEvent, MarketData, Resolution } from './events.js';
import { QuoteExecution, type ExecutionModel } from './execution.js';
import { RESOLUTION_DELAY_MS } from './market-data.js';
import { Portfolio } from './portfolio.js';
import { RiskManager, type RiskLimits } from './risk.js';
import type { Fill, GameInfo, GameResult, OrderAck, Strategy, StrategyContext, StrategyOrder } from './strategy.js';

/** One position on one contract, from first fill to settlement. */
interface Bet {
  readonly gameId: string;
  readonly season: number;
  readonly week: number;
  readonly market: string;
  readonly team: string;
  /** 'yes' (backs the team) or 'no' (against it): the side of the first fill. */
  readonly side: 'yes' | 'no';
  readonly contracts: number;
  /** Average entry price of that side (cents). */
  readonly avgPrice: number;
  readonly fees: number;
  /** Money paid for entries (cents). */
  readonly cost: number;
  readonly payout: number;
  readonly pnl: number;
  readonly won: boolean;
  readonly entryTime: number;
  readonly modelProbability: number | undefined;
  /** Last pregame (closing) mid of the side, for closing-line value (cents). */
  readonly closingPrice: number | undefined;
  /** When that closing quote was published. */
  readonly closingTime: number | undefined;
  readonly entryPhase: 'pregame' | 'ingame';
}

interface EquityPoint {
  readonly time: number;
  readonly season: number;
  readonly week: number;
  readonly equity: number;
}

export interface BacktestResult {
  readonly strategy: string;
  readonly execution: string;
  readonly startingCash: number;
  readonly finalEquity: number;
  readonly bets: readonly Bet[];
  readonly equity: readonly EquityPoint[];
  readonly fills: readonly Fill[];
  readonly rejections: Readonly<Record<string, number>>;
  readonly events: number;
  readonly halted: boolean;
}

export interface BacktestOptions {
  /** Every game the strategy may know about (schedule); results become visible only once resolved. */
  readonly games: readonly Game[];
  /** Market data and resolutions of the games to trade, time-ordered (see nflEvents). */
  readonly events: readonly BacktestEvent[];
  readonly strategy: Strategy;
  readonly execution?: ExecutionModel;
  readonly risk?: RiskLimits;
  /** Cents (default 100,000 = $1,000). */
  readonly startingCash?: number;
  readonly log?: (message: string) => void;
}

interface OpenBet {
  gameId: string;
  market: string;
  team: string;
  side: 'yes' | 'no';
  entries: number;
  entryCost: number;
  cashflow: number;
  fees: number;
  entryTime: number;
  modelProbability: number | undefined;
  entryPhase: 'pregame' | 'ingame';
}

/** Resolved games in time order with their public results, computed once per games array (grids reuse it). */
const historyCache = new WeakMap<readonly Game[], { order: Game[]; results: GameResult[]; byId: Map<string, Game> }>();

function historyOf(games: readonly Game[]) {
  let h = historyCache.get(games);
  if (!h) {
    const order = games.filter((g) => g.result !== undefined).sort((a, b) => a.kickoffMs - b.kickoffMs);
    h = {
      order,
      results: order.map((g) => ({
        ...info(g),
        homeScore: g.homeScore!,
        awayScore: g.awayScore!,
        result: g.result!,
        spreadLine: g.spreadLine,
      })),
      byId: new Map(games.map((g) => [g.gameId, g])),
    };
    historyCache.set(games, h);
  }
  return h;
}

const info = (g: Game): GameInfo => ({
  gameId: g.gameId,
  season: g.season,
  week: g.week,
  gameType: g.gameType,
  kickoff: g.kickoffMs,
  homeTeam: g.homeTeam,
  awayTeam: g.awayTeam,
  homeFranchise: g.homeFranchise,
  awayFranchise: g.awayFranchise,
  neutral: g.neutral,
});

/**
 * The event-driven backtester: replays market data and resolutions in time order through one strategy.
 * The clock is set to each event's time before the strategy sees it, and the context only reveals what
 * is stamped at or before that time.
 */
export function runBacktest(options: BacktestOptions): BacktestResult {
  const clock = new ManualClock(Number.MIN_SAFE_INTEGER);
  const portfolio = new Portfolio(options.startingCash ?? 100_000);
  const execution = options.execution ?? new QuoteExecution();
  const risk = new RiskManager(options.risk);
  const strategy = options.strategy;
  const cached = historyOf(options.games);
  const games = cached.byId;
  const byResolution = cached.order;
  const history: GameResult[] = [];
  let historyCursor = 0;
  const quotes = new Map<string, MarketData>();
  const closing = new Map<string, MarketData>();
  const open = new Map<string, OpenBet>();
  const bets: Bet[] = [];
  const fills: Fill[] = [];
  const equity: EquityPoint[] = [];
  const rejections: Record<string, number> = {};
  const log = options.log ?? (() => undefined);
  const reject = (reason: string): OrderAck => {
    rejections[reason] = (rejections[reason] ?? 0) + 1;
    return { accepted: false, filled: 0, avgPrice: 0, fees: 0, reason };
  };

  const advanceHistory = () => {
    const now = clock.now();
    while (historyCursor < byResolution.length && byResolution[historyCursor]!.kickoffMs + RESOLUTION_DELAY_MS <= now) {
      history.push(cached.results[historyCursor++]!);
    }
  };

  const ctx: StrategyContext = {
    clock,
    portfolio: {
      get cash() {
        return portfolio.cash;
      },
      get equity() {
        return portfolio.equity;
      },
      position: (m) => portfolio.position(m),
    },
    quote: (market) => quotes.get(market),
    game: (gameId) => {
      const g = games.get(gameId);
      if (!g) throw new OmegaError('UNKNOWN_GAME', `unknown game ${gameId}`);
      return info(g);
    },
    lines: (gameId) => {
      const g = games.get(gameId);
      if (!g) throw new OmegaError('UNKNOWN_GAME', `unknown game ${gameId}`);
      const knownAt = g.kickoffMs - 5 * 60_000;
      if (clock.now() < knownAt)
        throw new LookAheadError(
          `the closing lines of ${gameId} are known from ${new Date(knownAt).toISOString()}, but it is ${new Date(clock.now()).toISOString()}`,
          { gameId },
        );
      return { spreadLine: g.spreadLine, homeMoneyline: g.homeMoneyline, awayMoneyline: g.awayMoneyline };
    },
    history: () => history,
    log,
    placeOrder: (order: StrategyOrder) => {
      const quote = quotes.get(order.market);
      if (!quote) return reject(`no quote for ${order.market} yet`);
      if (!Number.isInteger(order.count) || order.count <= 0) return reject('count must be a positive whole number');
      if (order.side !== 'yes' && order.side !== 'no') return reject('side must be yes or no');
      const g = games.get(quote.gameId)!;
      const weekKey = `${g.season}-${g.week}`;
      const unit = order.side === 'yes' ? quote.ask : 100 - quote.bid;
      let count = order.count;
      if (order.action === 'buy') {
        const room = risk.room(quote.gameId, weekKey);
        if (risk.halted) return reject('trading halted: drawdown limit reached');
        count = Math.min(count, Math.floor(room / unit), Math.floor(portfolio.cash / (unit + 2)));
        if (count <= 0) return reject(room < unit ? 'risk limit: stake per game or exposure per week' : 'not enough cash');
      }
      const r = execution.execute({ ...order, count }, quote);
      if (r.filled === 0) return reject(r.reason ?? 'not filled');
      portfolio.apply(order.market, order.side, order.action, r.filled, r.avgPrice, r.fees);
      const cost = r.filled * r.avgPrice;
      if (order.action === 'buy') risk.record(quote.gameId, weekKey, cost);
      let b = open.get(order.market);
      if (!b) {
        b = {
          gameId: quote.gameId,
          market: order.market,
          team: quote.team,
          side: order.side,
          entries: 0,
          entryCost: 0,
          cashflow: 0,
          fees: 0,
          entryTime: clock.now(),
          modelProbability: order.modelProbability,
          entryPhase: quote.phase,
        };
        open.set(order.market, b);
      }
      if (order.action === 'buy' && order.side === b.side) {
        b.entries += r.filled;
        b.entryCost += cost;
      }
      b.cashflow += order.action === 'buy' ? -cost : cost;
      b.fees += r.fees;
      const fill: Fill = {
        time: clock.now(),
        market: order.market,
        side: order.side,
        action: order.action,
        count: r.filled,
        price: r.avgPrice,
        fees: r.fees,
      };
      fills.push(fill);
      strategy.onFill?.(fill, ctx);
      return { accepted: true, filled: r.filled, avgPrice: r.avgPrice, fees: r.fees, reason: r.reason };
    },
  };

  const settle = (r: Resolution) => {
    const g = games.get(r.gameId);
    for (const s of portfolio.settle(r)) {
      const b = open.get(s.market);
      if (!b) continue;
      open.delete(s.market);
      const close = closing.get(s.market);
      const pnl = b.cashflow + s.payout - b.fees;
      bets.push({
        gameId: b.gameId,
        season: g?.season ?? 0,
        week: g?.week ?? 0,
        market: b.market,
        team: b.team,
        side: b.side,
        contracts: b.entries,
        avgPrice: b.entries ? b.entryCost / b.entries : 0,
        fees: b.fees,
        cost: b.entryCost,
        payout: s.payout,
        pnl,
        won: s.payout > b.entryCost,
        entryTime: b.entryTime,
        modelProbability: b.modelProbability,
        closingPrice: close ? (b.side === 'yes' ? (close.bid + close.ask) / 2 : 100 - (close.bid + close.ask) / 2) : undefined,
        closingTime: close?.time,
        entryPhase: b.entryPhase,
      });
    }
    // positions closed before settlement (in-game round trips) are bets too
    for (const [market, b] of open) {
      if (b.gameId !== r.gameId) continue;
      open.delete(market);
      bets.push({
        gameId: b.gameId,
        season: g?.season ?? 0,
        week: g?.week ?? 0,
        market,
        team: b.team,
        side: b.side,
        contracts: b.entries,
        avgPrice: b.entries ? b.entryCost / b.entries : 0,
        fees: b.fees,
        cost: b.entryCost,
        payout: 0,
        pnl: b.cashflow - b.fees,
        won: b.cashflow - b.fees > 0,
        entryTime: b.entryTime,
        modelProbability: b.modelProbability,
        closingPrice: undefined,
        closingTime: undefined,
        entryPhase: b.entryPhase,
      });
    }
    const eq = portfolio.equity;
    risk.observeEquity(eq);
    equity.push({ time: r.time, season: g?.season ?? 0, week: g?.week ?? 0, equity: eq });
  };

  risk.observeEquity(portfolio.equity);
  if (options.events.length > 0) clock.set(options.events[0]!.time - 1);
  advanceHistory();
  strategy.onStart?.(ctx);
  for (const ev of options.events) {
    clock.set(ev.time);
    advanceHistory();
    if (ev.kind === 'quote') {
      quotes.set(ev.market, ev);
      if (ev.phase === 'pregame') closing.set(ev.market, ev);
      portfolio.mark(ev.market, ev.gameId, ev.isHome, (ev.bid + ev.ask) / 2);
      execution.onQuote(ev);
      strategy.onMarketData(ev, ctx);
    } else {
      settle(ev);
      strategy.onResolution?.(ev, ctx);
      for (const m of [...quotes.keys()]) if (quotes.get(m)!.gameId === ev.gameId) quotes.delete(m);
    }
  }
  strategy.onEnd?.(ctx);
  return {
    strategy: strategy.name,
    execution: execution.name,
    startingCash: portfolio.startingCash,
    finalEquity: portfolio.equity,
    bets,
    equity,
    fills,
    rejections,
    events: options.events.length,
    halted: risk.halted,
  };
}
