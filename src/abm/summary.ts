import { LlmAgent } from './agents/llm-agent.js';
import { FAMILIES, type FamilyName } from './config.js';
import type { LlmUsage } from './llm/client.js';
import type { Model } from './model.js';

export interface MarketSummary {
  readonly ticker: string;
  /** Steps at which it opened and resolved. */
  readonly open: number;
  readonly resolvedAt: number;
  /** NaN when the market had no trade (then there is no market price to report). */
  readonly finalMid: number;
  readonly finalTrueProbability: number;
  readonly resolution: 'yes' | 'no' | 'open';
  readonly volume: number;
  readonly trades: number;
  /** Mean quoted spread over the steps with a two-sided book (ticks). */
  readonly meanSpread: number;
  /** Mean |mid − 100·truth| over the run (ticks). */
  readonly meanAbsError: number;
}

export interface FamilySummary {
  readonly family: FamilyName;
  readonly agents: number;
  readonly tradingAgents: number;
  readonly meanPnl: number;
  readonly totalPnl: number;
  readonly orders: number;
  readonly rejections: number;
  readonly fees: number;
}

/** The LLM agents' calls: what the client sent and billed, and how often the agents fell back to their rule. */
export interface LlmSummary extends LlmUsage {
  /** Decisions the agents sent to the model. */
  readonly consultations: number;
  /** Valid model decisions the agents acted on. */
  readonly modelDecisions: number;
  /** Consultations that ended with the rule deciding instead: invalid replies + failed calls + budget and deadline stops. */
  readonly fallbacks: number;
  readonly invalidReplies: number;
  readonly failedCalls: number;
  readonly budgetStops: number;
  readonly deadlineStops: number;
}

export interface RunSummary {
  readonly steps: number;
  readonly markets: readonly MarketSummary[];
  readonly families: readonly FamilySummary[];
  /** Over all markets: mean of the markets' mean |mid − truth| (¢), the worst market's, and markets resolved. */
  readonly season: {
    readonly markets: number;
    readonly resolved: number;
    readonly meanAbsError: number;
    readonly worstAbsError: number;
    readonly volume: number;
  };
  /** Null when no LLM agent took part. */
  readonly llm: LlmSummary | null;
}

/** The LLM section of a summary (null when the model has no language-model client). */
export function llmSummary(model: Model): LlmSummary | null {
  if (!model.llm) return null;
  const agents = model.agents.filter((a): a is LlmAgent => a instanceof LlmAgent);
  const sum = (f: (a: LlmAgent) => number) => agents.reduce((s, a) => s + f(a), 0);
  const invalidReplies = sum((a) => a.invalidReplies);
  const failedCalls = sum((a) => a.failedCalls);
  const budgetStops = sum((a) => a.budgetStops);
  const deadlineStops = sum((a) => a.deadlineStops);
  return {
    ...model.llm.usage(),
    consultations: sum((a) => a.consultations),
    modelDecisions: sum((a) => a.modelDecisions),
    fallbacks: invalidReplies + failedCalls + budgetStops + deadlineStops,
    invalidReplies,
    failedCalls,
    budgetStops,
    deadlineStops,
  };
}

/** Headline numbers of a run: per market, and P&L by agent family (wealth marked to mid, or settled). */
export function summarize(model: Model): RunSummary {
  const markets = model.markets.map((s) => {
    const mids = s.series();
    const truth = s.truthSeries();
    let errSum = 0;
    for (let i = 0; i < mids.length; i++) errSum += Math.abs(mids[i]! - truth[i]! * s.units);
    let spreadSum = 0;
    let spreadN = 0;
    const cols = model.data.model;
    for (let i = 0; i < cols.step!.length; i++) {
      if (cols.market![i] !== s.market.ticker) continue;
      const sp = cols.spread![i] as number;
      if (Number.isFinite(sp)) ((spreadSum += sp), spreadN++);
    }
    return {
      ticker: s.market.ticker,
      open: s.open,
      resolvedAt: s.resolvedAt,
      // with no trade the "mid" is only the opening price the model started from: report no price, not a made-up one
      finalMid: s.totalTrades === 0 ? Number.NaN : s.midAt(s.length - 1),
      finalTrueProbability: s.outcome !== undefined ? s.trueProbabilityAt(s.resolvedAt) : s.trueProbabilityAt(model.t),
      resolution: s.outcome === undefined ? 'open' : s.outcome === 1 ? 'yes' : 'no',
      volume: s.totalVolume,
      trades: s.totalTrades,
      meanSpread: spreadN ? spreadSum / spreadN : Number.NaN,
      meanAbsError: mids.length ? errSum / mids.length : Number.NaN,
    } satisfies MarketSummary;
  });
  const traded = new Set<number>();
  const tape = model.exchange.tape;
  for (let i = 0; i < tape.length; i++) (traded.add(tape.makerAccountAt(i)), traded.add(tape.takerAccountAt(i)));
  const families = FAMILIES.map((family) => {
    const members = model.family(family);
    let total = 0;
    let orders = 0;
    let rejections = 0;
    let fees = 0;
    let trading = 0;
    for (const a of members) {
      total += model.wealth(a) - a.deposit;
      orders += a.orders;
      rejections += a.rejections;
      fees += model.accountOf(a).feesPaid;
      if (traded.has(a.accountId)) trading++;
    }
    return {
      family,
      agents: members.length,
      tradingAgents: trading,
      meanPnl: members.length ? total / members.length : 0,
      totalPnl: total,
      orders,
      rejections,
      fees,
    } satisfies FamilySummary;
  });
  const errors = markets.map((m) => m.meanAbsError).filter(Number.isFinite);
  const season = {
    markets: markets.length,
    resolved: markets.filter((m) => m.resolution !== 'open').length,
    meanAbsError: errors.length ? errors.reduce((a, b) => a + b, 0) / errors.length : Number.NaN,
    worstAbsError: errors.length ? Math.max(...errors) : Number.NaN,
    volume: markets.reduce((v, m) => v + m.volume, 0),
  };
  return { steps: model.t, markets, families, season, llm: llmSummary(model) };
}
