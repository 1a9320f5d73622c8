import { ManualClock } from '../core/clock.js';
import { ValidationError } from '../core/errors.js';
import { provenance } from '../core/provenance.js';
import { Rng } from '../core/rng.js';
import type { Account } from '../market/account.js';
import { Exchange } from '../market/exchange.js';
import { KALSHI_FEES, KALSHI_FEES_WITH_MAKER, NO_FEES } from '../market/fees.js';
import type { Agent } from './agents/agent.js';
import { createAgents } from './agents/index.js';
import { LlmAgent } from './agents/llm-agent.js';
import { ResponseCache } from './llm/cache.js';
import { checkEndpointUrl, LlmClient } from './llm/client.js';
import type { Clock } from '../core/clock.js';
import { redactUrl } from '../core/redact.js';
import path from 'node:path';
import { projectRoot } from '../core/paths.js';
import { DataCollector, DEFAULT_AGENT_REPORTERS, DEFAULT_MODEL_REPORTERS, type AgentReporter, type ModelReporter } from './collector.js';
import { configHash, parseModelConfig, type FamilyName, type ModelConfig, type ModelConfigInput } from './config.js';
import { AgentContext } from './context.js';
import { recordedTruthPath, type TruthPath } from './truth/path.js';
import { scoreTruthPath } from './truth/score.js';
import { MarketState } from './market-state.js';
import { draw } from './params.js';

export interface ModelOptions {
  /** Environment for OMEGA_LLM_URL / OMEGA_LLM_MODEL / the API key variable (default process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Replace the wait between LLM retries (tests). */
  readonly llmSleep?: (ms: number) => Promise<void>;
  /** Wall clock for the LLM calls' step and run deadlines (default the system clock). */
  readonly llmClock?: Clock;
  /** Extra or replacement model-level reporters (merged over the defaults). */
  readonly modelReporters?: Record<string, ModelReporter>;
  /** Extra or replacement agent-level reporters (merged over the defaults). */
  readonly agentReporters?: Record<string, AgentReporter>;
  /**
   * Recorded games for `markets.truth.source: nfl`: each a win-probability path (one value per play) and the
   * result. `omega simulate` loads them from the NFL play-by-play data (experiments/real-data.ts).
   */
  readonly recordedGames?: ReadonlyArray<{ readonly gameId: string; readonly probabilities: readonly number[]; readonly outcome: 0 | 1 }>;
  /** Called with each phase of each step as it runs (instrumentation for the ODD schedule check). */
  readonly onPhase?: (phase: SchedulePhase, step: number) => void;
}

/** Provenance of a run: enough to reproduce it and to prove two runs were the same. */
export interface RunManifest {
  readonly configHash: string;
  readonly seed: number;
  readonly steps: number;
  readonly agents: number;
  readonly trades: number;
  /** SHA-256 of the trade tape (time, market, price, qty, taker side, both accounts of every trade). */
  readonly tapeHash: string;
  readonly packageVersion: string;
  readonly gitCommit: string | null;
  readonly node: string;
  /** Present when LLM agents took part: their replies shape the tape, so where they came from is recorded. */
  readonly llm?: {
    readonly endpoint: string;
    readonly model: string;
    readonly cache: { readonly file: string | null; readonly entriesAtStart: number; readonly hits: number; readonly stored: number };
  };
}

export type SchedulePhase = 'schedule' | 'truth' | 'consult' | 'agents' | 'tally' | 'record' | 'collect';

export interface MarketOutcome {
  readonly ticker: string;
  readonly resolution: 'yes' | 'no';
  /** The true probability when the market resolved: the outcome itself when its game ended, p_t when the run ended first. */
  readonly finalTrueProbability: number;
  /** Step at which it resolved. */
  readonly step: number;
}

/**
 * The agent-based prediction market: a season of binary markets (games) on one {@link Exchange}. Market m
 * opens at step m · stagger, trades for `life` steps and resolves on its game's result; its true
 * probability is a martingale (a game score's chance of ending above zero, or a recorded NFL
 * win-probability path). Every agent trades every market it looks at, with its own positions and limits
 * per market.
 *
 *   const model = Model.create({ markets: { count: 4 } }, 7);
 *   model.run();                 // to the configured end: every market resolves and settles
 *   model.data.modelFrame();     // danfojs DataFrame
 *
 * Each step: markets due resolve and new ones open, the truth moves, every agent is activated once in an
 * order shuffled by the scheduler's stream, trades are tallied, data collected. Randomness: one root seed;
 * independent streams derived from it for the scheduler, each market's truth and each agent (by family and
 * index), so the same config and seed give the same trade tape, byte for byte.
 */
export class Model {
  readonly config: ModelConfig;
  readonly seed: number;
  readonly exchange: Exchange;
  readonly markets: MarketState[];
  readonly agents: Agent[];
  readonly data: DataCollector;
  /** Steps taken so far. */
  t = 0;
  outcomes: MarketOutcome[] | undefined;
  /** Things the user should know about this run (e.g. LLM agents left out for want of an endpoint). */
  readonly notices: string[] = [];
  /** The language-model client shared by LLM agents (undefined when none take part). */
  readonly llm: LlmClient | undefined;
  /** Each market's depth just before resolution (the book is emptied by settlement). */
  depthAtClose: ReturnType<Exchange['depth']>[] | undefined;

  private readonly clock: ManualClock;
  private readonly scheduler: Rng;
  private readonly order: Int32Array;
  private readonly ctx: AgentContext;
  private readonly onPhase: ((phase: SchedulePhase, step: number) => void) | undefined;
  /** Markets firstActive … nextToOpen − 1 trade now (they open and close in order). */
  private firstActive = 0;
  private nextToOpen = 0;
  private tapeCursor = 0;
  private readonly accounts: Account[];

  /** Validate `config` (or use the default), apply `seed` if given, and build the model. */
  static create(config: ModelConfigInput | ModelConfig = {}, seed?: number, options: ModelOptions = {}): Model {
    const cfg = parseModelConfig(seed === undefined ? config : { ...config, seed });
    return new Model(cfg, options);
  }

  private constructor(config: ModelConfig, options: ModelOptions) {
    this.config = config;
    this.seed = config.seed;
    this.clock = new ManualClock(0);
    this.exchange = new Exchange({ clock: this.clock });
    const fees = config.markets.fees === 'kalshi' ? KALSHI_FEES : config.markets.fees === 'kalshi_maker' ? KALSHI_FEES_WITH_MAKER : NO_FEES;
    this.markets = [];
    const { count, life, stagger, truth } = config.markets;
    const listed = stagger === 0 ? count : Math.min(count, Math.ceil(config.steps / stagger));
    const games = truth.source === 'nfl' ? options.recordedGames : undefined;
    if (truth.source === 'nfl' && !games?.length)
      throw new ValidationError(
        'markets.truth.source is nfl, but no recorded games were given: load them from the NFL play-by-play data (omega simulate --truth nfl does; in code pass { recordedGames: recordedGames() } to Model.create)',
      );
    const gameOrder = games ? Rng.derive(this.seed, 'nfl-games').shuffle(games.map((_, i) => i)) : [];
    for (let m = 0; m < listed; m++) {
      const open = m * stagger;
      let path: TruthPath;
      if (games) {
        const g = games[gameOrder[m % games.length]!]!;
        path = recordedTruthPath(g.probabilities, g.outcome, life, `nfl:${g.gameId}`);
      } else {
        const p0 = draw(config.markets.initialProbability, Rng.derive(this.seed, 'market', m));
        path = scoreTruthPath(p0, life, truth, Rng.derive(this.seed, 'truth', m));
      }
      const market = this.exchange.listMarket({ ticker: `OMEGA-SIM-${m + 1}`, title: `Simulated game ${m + 1}`, fees });
      this.markets.push(new MarketState(m, market, path, open, open + life));
    }
    const env = options.env ?? process.env;
    const llmCfg = config.agents.llm;
    const url = llmCfg.endpoint || env.OMEGA_LLM_URL || '';
    if (llmCfg.count > 0 && url) checkEndpointUrl(url, llmCfg.endpoint ? 'agents.llm.endpoint' : 'OMEGA_LLM_URL');
    if (llmCfg.count > 0 && !url) {
      this.notices.push(
        `${llmCfg.count} LLM agent(s) left out: no language-model endpoint is configured (set agents.llm.endpoint in the config or OMEGA_LLM_URL to an OpenAI-compatible chat-completions URL)`,
      );
    }
    this.llm =
      llmCfg.count > 0 && url
        ? new LlmClient({
            url,
            model: env.OMEGA_LLM_MODEL || llmCfg.model,
            apiKey: env[llmCfg.apiKeyEnv],
            apiKeyEnv: llmCfg.apiKeyEnv,
            maxOutputTokens: llmCfg.maxOutputTokens as number,
            stepDeadlineMs: llmCfg.stepDeadlineMs as number,
            runDeadlineMs: llmCfg.runDeadlineMs as number,
            clock: options.llmClock,
            timeoutMs: llmCfg.timeoutMs as number,
            retries: llmCfg.retries as number,
            inputPricePerMTok: llmCfg.inputPricePerMTok as number,
            outputPricePerMTok: llmCfg.outputPricePerMTok as number,
            budget: llmCfg.budget as number,
            cache: new ResponseCache(llmCfg.cacheFile ? path.resolve(projectRoot(), llmCfg.cacheFile) : undefined),
            sleep: options.llmSleep,
          })
        : undefined;
    this.agents = createAgents(config, this.exchange, { llm: this.llm !== undefined, markets: this.markets.length });
    if (this.agents.length === 0) this.notices.push('no agent takes part: the market will have no trades and no price');
    this.accounts = this.agents.map((a) => this.exchange.accountRef(a.accountId));
    this.scheduler = Rng.derive(this.seed, 'scheduler');
    this.order = Int32Array.from(this.agents, (_, i) => i);
    this.ctx = new AgentContext(this.exchange, this.markets);
    this.onPhase = options.onPhase;
    this.data = new DataCollector(
      { ...DEFAULT_MODEL_REPORTERS, ...options.modelReporters },
      { ...DEFAULT_AGENT_REPORTERS, ...options.agentReporters },
    );
    this.openAndClose(0);
    for (let m = this.firstActive; m < this.nextToOpen; m++) this.markets[m]!.record();
    this.data.collectModel(this);
    this.data.collectAgents(this);
  }

  get resolved(): boolean {
    return this.outcomes !== undefined;
  }

  /** Agents of one family. */
  family(name: FamilyName): Agent[] {
    return this.agents.filter((a) => a.family === name);
  }

  accountOf(agent: Agent): Account {
    return this.accounts[agent.id]!;
  }

  /** Cash + reserved + every position marked at its market's mid. */
  wealth(agent: Agent): number {
    const acct = this.accountOf(agent);
    let w = acct.cash + acct.reserved;
    for (const [m, pos] of acct.positions) if (pos.qty !== 0) w += pos.markValue(this.markets[m]!.mid());
    return w;
  }

  /** Contracts the agent holds over all markets, YES and NO alike (Σ |position|). */
  openPosition(agent: Agent): number {
    let q = 0;
    for (const pos of this.accountOf(agent).positions.values()) q += Math.abs(pos.qty);
    return q;
  }

  realizedPnl(agent: Agent): number {
    let r = 0;
    for (const pos of this.accountOf(agent).positions.values()) r += pos.realizedPnl;
    return r;
  }

  /**
   * The schedule of one step, in order. `step()` runs exactly these phases, and the ODD document's
   * "process overview and scheduling" is generated from this list, so the two cannot drift apart.
   */
  static readonly SCHEDULE: ReadonlyArray<{ readonly phase: SchedulePhase; readonly description: string }> = [
    {
      phase: 'schedule',
      description:
        'markets whose game has ended resolve: resting orders are canceled and positions settle on the outcome; markets due to open start trading',
    },
    {
      phase: 'truth',
      description:
        'each trading market’s true probability moves to this step’s value of its path (the game score’s win probability, drawn in advance from the market’s own stream)',
    },
    {
      phase: 'consult',
      description:
        'LLM agents that decide this step ask their language model, concurrently, from the state at the start of the step (only when LLM agents take part)',
    },
    {
      phase: 'agents',
      description:
        'every agent is activated once, in an order shuffled by the scheduler’s stream; each looks at a trading market (market makers at all of them) and may send, amend or cancel orders, which the exchange matches immediately',
    },
    { phase: 'tally', description: 'the step’s trades are tallied per market: volume, trade count, signed taker flow, last price' },
    {
      phase: 'record',
      description: 'each trading market records its mid price and volume (the series behind moving averages and statistics)',
    },
    {
      phase: 'collect',
      description:
        'model reporters (one row per trading market) every `collectEvery` steps, agent reporters every `agentCollectEvery` steps',
    },
  ];

  /** True when LLM agents take part: then the model must be stepped with `stepAsync` / `runAsync`. */
  get needsAsync(): boolean {
    return this.llm !== undefined && this.agents.some((a) => a instanceof LlmAgent);
  }

  /** Advance one step: run the phases of {@link Model.SCHEDULE} in order. */
  step(): void {
    if (this.needsAsync)
      throw new Error(
        'Model.step: this model has LLM agents, whose model calls are asynchronous; use await model.stepAsync() or await model.runAsync()',
      );
    const t = this.beginStep();
    for (const { phase } of Model.SCHEDULE) {
      if (phase === 'consult') continue;
      this.onPhase?.(phase, t);
      this.runPhase(phase, t);
    }
  }

  /** Advance one step, waiting for the LLM agents' consultations (works for every model). */
  async stepAsync(): Promise<void> {
    const t = this.beginStep();
    for (const { phase } of Model.SCHEDULE) {
      this.onPhase?.(phase, t);
      if (phase === 'consult') await this.consult(t);
      else this.runPhase(phase, t);
    }
  }

  private beginStep(): number {
    if (this.resolved) throw new Error(`Model.step: the run is over (resolved after step ${this.t}); create a new model`);
    const t = ++this.t;
    this.clock.set(t);
    return t;
  }

  /** LLM agents prepare their decisions; at most 4 requests in flight. */
  private async consult(t: number): Promise<void> {
    const llmAgents = this.agents.filter((a): a is LlmAgent => a instanceof LlmAgent);
    if (llmAgents.length === 0) return;
    this.llm?.beginStep();
    // each agent draws only from its own stream, so preparing them concurrently stays deterministic;
    // the context is shared, so each gets its own view pinned to itself
    const ctxFor = (a: LlmAgent) => {
      const c = new AgentContext(this.exchange, this.markets);
      c.agent = a;
      c.account = this.accounts[a.id]!;
      c.step = t;
      c.setActive(this.firstActive, this.nextToOpen);
      return c;
    };
    let next = 0;
    const worker = async () => {
      while (next < llmAgents.length) {
        const a = llmAgents[next++]!;
        await a.prepare(ctxFor(a), this.llm);
      }
    };
    await Promise.all(Array.from({ length: Math.min(4, llmAgents.length) }, worker));
  }

  private runPhase(phase: SchedulePhase, t: number): void {
    switch (phase) {
      case 'consult':
        return; // asynchronous: see stepAsync
      case 'schedule':
        this.openAndClose(t);
        return;
      case 'truth':
        for (let m = this.firstActive; m < this.nextToOpen; m++) {
          const s = this.markets[m]!;
          s.stepVolume = 0;
          s.stepTrades = 0;
          s.stepFlow = 0;
        }
        return;
      case 'agents': {
        this.scheduler.shuffle(this.order as unknown as number[]);
        const ctx = this.ctx;
        ctx.step = t;
        ctx.setActive(this.firstActive, this.nextToOpen);
        const agents = this.agents;
        for (let i = 0; i < this.order.length; i++) {
          const k = this.order[i]!;
          ctx.agent = agents[k]!;
          ctx.account = this.accounts[k]!;
          ctx.agent.step(ctx);
        }
        return;
      }
      case 'tally': {
        const tape = this.exchange.tape;
        for (let i = this.tapeCursor; i < tape.length; i++) {
          const s = this.markets[tape.marketAt(i)]!;
          const q = tape.qtyAt(i);
          s.stepVolume += q;
          s.stepTrades++;
          s.totalVolume += q;
          s.totalTrades++;
          s.signedFlow += tape.takerSideAt(i) === 0 ? q : -q;
          s.stepFlow += tape.takerSideAt(i) === 0 ? q : -q;
          s.lastPrice = tape.priceAt(i);
        }
        this.tapeCursor = tape.length;
        return;
      }
      case 'record':
        for (let m = this.firstActive; m < this.nextToOpen; m++) this.markets[m]!.record();
        return;
      case 'collect':
        if (t % this.config.collectEvery === 0) this.data.collectModel(this);
        if (t % this.config.agentCollectEvery === 0) this.data.collectAgents(this);
        return;
    }
  }

  /** Markets trading now (their indices). */
  activeMarkets(): number[] {
    return Array.from({ length: this.nextToOpen - this.firstActive }, (_, i) => this.firstActive + i);
  }

  /** Markets firstActive … endActive − 1 trade now. */
  get activeRange(): readonly [first: number, end: number] {
    return [this.firstActive, this.nextToOpen];
  }

  /** Resolve the markets whose game ended by step t and open those due (markets open and close in index order). */
  private openAndClose(t: number): void {
    while (this.firstActive < this.nextToOpen && this.markets[this.firstActive]!.close <= t)
      this.settleMarket(this.markets[this.firstActive++]!, t);
    while (this.nextToOpen < this.markets.length && this.markets[this.nextToOpen]!.open <= t) this.nextToOpen++;
  }

  private settleMarket(s: MarketState, t: number): void {
    s.closeDepth = this.exchange.depth(s.market.ticker);
    s.outcome = s.truth.outcome;
    s.resolvedAt = t;
    this.exchange.settle(s.market.ticker, s.outcome === 1 ? 'yes' : 'no');
  }

  /** The order in which agents were activated in the last step (agent ids). */
  activationOrder(): number[] {
    return Array.from(this.order);
  }

  /** {@link run} for models with LLM agents (or any model): awaits each step's consultations. */
  async runAsync(options: { steps?: number; until?: (model: Model) => boolean; onStep?: (model: Model) => void } = {}): Promise<this> {
    const end = this.runEnd(options.steps, 'runAsync');
    try {
      while (this.t < end && !this.resolved) {
        if (options.until?.(this)) break;
        await this.stepAsync();
        options.onStep?.(this);
      }
    } catch (e) {
      await this.llm?.close(); // a fatal endpoint error: stop what is still in flight
      throw e;
    }
    if (this.t >= this.config.steps && !this.resolved) {
      this.resolve();
      await this.llm?.close(); // requests still awaiting a late reply are aborted and billed at their estimate
    }
    return this;
  }

  /**
   * Run `steps` more steps, or until `until(model)` is true, never past the configured end; with no
   * argument, run to the end. Reaching the end resolves and settles every market.
   */
  run(options: { steps?: number; until?: (model: Model) => boolean; onStep?: (model: Model) => void } = {}): this {
    const end = this.runEnd(options.steps, 'run');
    while (this.t < end && !this.resolved) {
      if (options.until?.(this)) break;
      this.step();
      options.onStep?.(this);
    }
    if (this.t >= this.config.steps && !this.resolved) this.resolve();
    return this;
  }

  /** The step a run of `steps` more steps stops at (never past the configured end); `steps` must be a whole number ≥ 0. */
  private runEnd(steps: number | undefined, method: string): number {
    if (steps === undefined) return this.config.steps;
    if (typeof steps !== 'number' || !Number.isInteger(steps) || steps < 0) {
      throw new ValidationError(`Model.${method}: steps must be a whole number ≥ 0, got ${JSON.stringify(steps)}`, [
        { path: 'steps', message: 'must be a whole number ≥ 0' },
      ]);
    }
    return Math.min(this.config.steps, this.t + steps);
  }

  /**
   * End of the run: markets still trading resolve on their game's result (decided by its truth path, which
   * was drawn in advance), the exchange settles them, and a last row of agent data is collected.
   */
  resolve(): MarketOutcome[] {
    if (this.outcomes) return this.outcomes;
    while (this.firstActive < this.nextToOpen) this.settleMarket(this.markets[this.firstActive++]!, this.t);
    this.depthAtClose = this.markets.map((s) => s.closeDepth ?? this.exchange.depth(s.market.ticker));
    this.outcomes = this.markets.map((s) => ({
      ticker: s.market.ticker,
      resolution: s.outcome === 1 ? 'yes' : 'no',
      finalTrueProbability: s.trueProbabilityAt(s.resolvedAt),
      step: s.resolvedAt,
    }));
    if (this.t % this.config.agentCollectEvery !== 0) this.data.collectAgents(this);
    return this.outcomes;
  }

  manifest(): RunManifest {
    const { version, commit } = provenance();
    return {
      configHash: configHash(this.config),
      seed: this.seed,
      steps: this.t,
      agents: this.agents.length,
      trades: this.exchange.tape.length,
      tapeHash: this.exchange.tape.hash(),
      packageVersion: version,
      gitCommit: commit,
      node: process.version,
      ...(this.llm
        ? {
            llm: {
              endpoint: redactUrl(this.llm.options.url),
              model: this.llm.options.model,
              cache: {
                file: this.config.agents.llm.cacheFile || null,
                entriesAtStart: this.llm.options.cache.loaded,
                hits: this.llm.cacheHits,
                stored: this.llm.options.cache.stored,
              },
            },
          }
        : {}),
    };
  }
}
