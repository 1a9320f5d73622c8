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
import { Fundamental } from './fundamental.js';
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
  readonly llm?: { readonly endpoint: string; readonly model: string; readonly cache: { readonly file: string | null; readonly entriesAtStart: number; readonly hits: number; readonly stored: number } };
}

export type SchedulePhase = 'truth' | 'consult' | 'agents' | 'tally' | 'record' | 'collect';

export interface MarketOutcome {
  readonly ticker: string;
  readonly resolution: 'yes' | 'no';
  readonly finalTrueProbability: number;
}

/**
 * The agent-based prediction market. Owns an {@link Exchange} with one or more binary markets, a latent
 * true probability per market, the agents, a scheduler and a data collector.
 *
 *   const model = Model.create({ steps: 500 }, 7);
 *   model.run();                 // to the configured end, then resolve and settle
 *   model.data.modelFrame();     // danfojs DataFrame
 *
 * Each step: the truth moves, every agent is activated once in an order shuffled by the scheduler's
 * stream, trades are tallied, data collected. Randomness: one root seed; independent streams derived
 * from it for the scheduler, each market's truth, each market's resolution, and each agent (by family and
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
  private readonly truth: Float64Array[];
  private readonly ctx: AgentContext;
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
    this.truth = [];
    for (let m = 0; m < config.markets.count; m++) {
      const p0 = draw(config.markets.initialProbability, Rng.derive(this.seed, 'market', m));
      const market = this.exchange.listMarket({ ticker: `OMEGA-SIM-${m + 1}`, title: `Simulated binary market ${m + 1}`, fees });
      const fundamental = new Fundamental(p0, config.markets.fundamental, Rng.derive(this.seed, 'fundamental', m));
      this.markets.push(new MarketState(market, fundamental, config.steps));
      const h = new Float64Array(config.steps + 1);
      h[0] = fundamental.probability;
      this.truth.push(h);
    }
    const env = options.env ?? process.env;
    const llmCfg = config.agents.llm;
    const url = llmCfg.endpoint || env.OMEGA_LLM_URL || '';
    if (llmCfg.count > 0 && url) checkEndpointUrl(url, llmCfg.endpoint ? 'agents.llm.endpoint' : 'OMEGA_LLM_URL');
    if (llmCfg.count > 0 && !url) {
      this.notices.push(`${llmCfg.count} LLM agent(s) left out: no language-model endpoint is configured (set agents.llm.endpoint in the config or OMEGA_LLM_URL to an OpenAI-compatible chat-completions URL)`);
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
    this.agents = createAgents(config, this.exchange, { llm: this.llm !== undefined });
    if (this.agents.length === 0) this.notices.push('no agent takes part: the market will have no trades and no price');
    this.accounts = this.agents.map((a) => this.exchange.accountRef(a.accountId));
    this.scheduler = Rng.derive(this.seed, 'scheduler');
    this.order = Int32Array.from(this.agents, (_, i) => i);
    this.ctx = new AgentContext(this.exchange, this.markets, this.truth);
    this.data = new DataCollector({ ...DEFAULT_MODEL_REPORTERS, ...options.modelReporters }, { ...DEFAULT_AGENT_REPORTERS, ...options.agentReporters });
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
    { phase: 'truth', description: 'each market’s true probability takes one step of its jump diffusion (own stream)' },
    { phase: 'consult', description: 'LLM agents that decide this step ask their language model, concurrently, from the state at the start of the step (only when LLM agents take part)' },
    { phase: 'agents', description: 'every agent is activated once, in an order shuffled by the scheduler’s stream; each observes and may send, amend or cancel orders, which the exchange matches immediately' },
    { phase: 'tally', description: 'the step’s trades are tallied per market: volume, trade count, signed taker flow, last price' },
    { phase: 'record', description: 'each market records its mid price (the series behind moving averages and statistics)' },
    { phase: 'collect', description: 'model reporters every `collectEvery` steps, agent reporters every `agentCollectEvery` steps' },
  ];

  /** True when LLM agents take part: then the model must be stepped with `stepAsync` / `runAsync`. */
  get needsAsync(): boolean {
    return this.llm !== undefined && this.agents.some((a) => a instanceof LlmAgent);
  }

  /** Advance one step: run the phases of {@link Model.SCHEDULE} in order. */
  step(): void {
    if (this.needsAsync) throw new Error('Model.step: this model has LLM agents, whose model calls are asynchronous; use await model.stepAsync() or await model.runAsync()');
    const t = this.beginStep();
    for (const { phase } of Model.SCHEDULE) if (phase !== 'consult') this.runPhase(phase, t);
  }

  /** Advance one step, waiting for the LLM agents' consultations (works for every model). */
  async stepAsync(): Promise<void> {
    const t = this.beginStep();
    for (const { phase } of Model.SCHEDULE) {
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
      const c = new AgentContext(this.exchange, this.markets, this.truth);
      c.agent = a;
      c.account = this.accounts[a.id]!;
      c.step = t;
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
      case 'truth':
        for (let m = 0; m < this.markets.length; m++) {
          const s = this.markets[m]!;
          s.stepVolume = 0;
          s.stepTrades = 0;
          s.stepFlow = 0;
          const h = this.truth[m]!;
          const p = s.fundamental.step();
          if (t < h.length) h[t] = p;
        }
        return;
      case 'agents': {
        this.scheduler.shuffle(this.order as unknown as number[]);
        const ctx = this.ctx;
        ctx.step = t;
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
        for (const s of this.markets) s.record();
        return;
      case 'collect':
        if (t % this.config.collectEvery === 0) this.data.collectModel(this);
        if (t % this.config.agentCollectEvery === 0) this.data.collectAgents(this);
        return;
    }
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
      throw new ValidationError(`Model.${method}: steps must be a whole number ≥ 0, got ${JSON.stringify(steps)}`, [{ path: 'steps', message: 'must be a whole number ≥ 0' }]);
    }
    return Math.min(this.config.steps, this.t + steps);
  }

  /**
   * End of the run: each market resolves YES with its final true probability (a draw from the market's
   * resolution stream), the exchange cancels resting orders and settles positions, and a last row of
   * agent data is collected.
   */
  resolve(): MarketOutcome[] {
    if (this.outcomes) return this.outcomes;
    this.depthAtClose = this.markets.map((s) => this.exchange.depth(s.market.ticker));
    const outcomes: MarketOutcome[] = [];
    for (let m = 0; m < this.markets.length; m++) {
      const s = this.markets[m]!;
      const p = s.fundamental.probability;
      const yes = Rng.derive(this.seed, 'resolution', m).float() < p;
      this.exchange.settle(s.market.ticker, yes ? 'yes' : 'no');
      outcomes.push({ ticker: s.market.ticker, resolution: yes ? 'yes' : 'no', finalTrueProbability: p });
    }
    this.outcomes = outcomes;
    if (this.t % this.config.agentCollectEvery !== 0) this.data.collectAgents(this);
    return outcomes;
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
        ? { llm: { endpoint: redactUrl(this.llm.options.url), model: this.llm.options.model, cache: { file: this.config.agents.llm.cacheFile || null, entriesAtStart: this.llm.options.cache.loaded, hits: this.llm.cacheHits, stored: this.llm.options.cache.stored } } }
        : {}),
    };
  }
}
