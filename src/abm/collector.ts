import type { DataFrame } from 'danfojs-node';
import { toCsv } from '../report/csv.js';
import { toFrame } from '../report/frame.js';
import type { Agent } from './agents/agent.js';
import type { MarketState } from './market-state.js';
import type { Model } from './model.js';

export type Cell = number | string;
/** A model-level reporter: one value per trading market per collection step. */
export type ModelReporter = (model: Model, market: MarketState) => Cell;
/** An agent-level reporter: one value per agent per collection step. */
export type AgentReporter = (agent: Agent, model: Model) => Cell;

export const DEFAULT_MODEL_REPORTERS = {
  last_price: (_m, s) => s.lastPrice,
  mid: (_m, s) => s.mid(),
  best_bid: (_m, s) => (s.book.hasBid() ? s.book.bestBid() : Number.NaN),
  best_ask: (_m, s) => (s.book.hasAsk() ? s.book.bestAsk() : Number.NaN),
  spread: (_m, s) => s.spread(),
  volume: (_m, s) => s.stepVolume,
  trades: (_m, s) => s.stepTrades,
  signed_flow: (_m, s) => s.stepFlow,
  true_probability: (m, s) => s.trueProbabilityAt(m.t),
} satisfies Record<string, ModelReporter>;

export const DEFAULT_AGENT_REPORTERS = {
  id: (a) => a.id,
  family: (a) => a.family,
  kind: (a) => a.kind,
  cash: (a, m) => m.accountOf(a).cash + m.accountOf(a).reserved,
  position: (a, m) => m.openPosition(a),
  wealth: (a, m) => m.wealth(a),
  realized_pnl: (a, m) => m.realizedPnl(a),
  fees: (a, m) => m.accountOf(a).feesPaid,
  orders: (a) => a.orders,
  rejections: (a) => a.rejections,
} satisfies Record<string, AgentReporter>;

/** Columns of collected values, keyed by column name. */
export type Columns = Record<string, Cell[]>;

/**
 * Collects typed reporters into columnar arrays (Mesa's DataCollector, with functions instead of
 * attribute names). Model rows are (step, market) for the markets trading at that step; agent rows are (step, agent). Both become danfojs
 * DataFrames or CSV at the edge.
 */
export class DataCollector {
  readonly model: Columns;
  readonly agents: Columns;

  constructor(
    readonly modelReporters: Readonly<Record<string, ModelReporter>>,
    readonly agentReporters: Readonly<Record<string, AgentReporter>>,
  ) {
    this.model = { step: [], market: [] };
    for (const k of Object.keys(modelReporters)) this.model[k] = [];
    this.agents = { step: [] };
    for (const k of Object.keys(agentReporters)) this.agents[k] = [];
  }

  collectModel(model: Model): void {
    const [first, end] = model.activeRange;
    for (let i = first; i < end; i++) {
      const s = model.markets[i]!;
      this.model.step!.push(model.t);
      this.model.market!.push(s.market.ticker);
      for (const [k, f] of Object.entries(this.modelReporters)) this.model[k]!.push(f(model, s));
    }
  }

  collectAgents(model: Model): void {
    const entries = Object.entries(this.agentReporters);
    for (const a of model.agents) {
      this.agents.step!.push(model.t);
      for (const [k, f] of entries) this.agents[k]!.push(f(a, model));
    }
  }

  get modelRowCount(): number {
    return this.model.step!.length;
  }

  get agentRowCount(): number {
    return this.agents.step!.length;
  }

  /** Model data as records (one per step and market). */
  modelRows(): Record<string, Cell>[] {
    return rows(this.model);
  }

  agentRows(): Record<string, Cell>[] {
    return rows(this.agents);
  }

  modelFrame(): DataFrame {
    return toFrame(this.model);
  }

  agentFrame(): DataFrame {
    return toFrame(this.agents);
  }

  modelCsv(): string {
    return toCsv(this.modelRows());
  }

  agentCsv(): string {
    return toCsv(this.agentRows());
  }

  /** Model data as JSON: an array of records (NaN becomes null, as JSON has no NaN). */
  modelJson(): string {
    return JSON.stringify(this.modelRows());
  }

  agentJson(): string {
    return JSON.stringify(this.agentRows());
  }
}

function rows(cols: Columns): Record<string, Cell>[] {
  const keys = Object.keys(cols);
  const n = cols[keys[0]!]!.length;
  const out = new Array<Record<string, Cell>>(n);
  for (let i = 0; i < n; i++) {
    const r: Record<string, Cell> = {};
    for (const k of keys) r[k] = cols[k]![i]!;
    out[i] = r;
  }
  return out;
}
