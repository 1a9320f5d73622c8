import type { Homer } from '../abm/agents/homer.js';
import type { MarketMaker } from '../abm/agents/market-maker.js';
import type { Arbitrageur } from '../abm/agents/arbitrageur.js';
import { FAMILIES, type FamilyName, type ModelConfig } from '../abm/config.js';
import { Model, type ModelOptions } from '../abm/model.js';
import { zeroIntelligenceConfig } from '../abm/zero-intelligence.js';
import { modelSeries } from '../facts/from-model.js';
import { groupStats, type GroupStats } from '../facts/group-stats.js';
import { truthOnlySeries } from '../facts/nulls.js';
import { evaluateSuite, type SuiteResult } from '../facts/suite.js';
import { Rng } from '../core/rng.js';
import type { OddDocument } from './schema.js';
import { inspect } from 'node:util';

/** What one run of the model contributes to the checks (gathered while it runs). */
export interface RunEvidence {
  readonly model: Model;
  /** P&L per agent of each family at the end (settled). */
  readonly pnl: Record<FamilyName, number>;
  /** Share of (step, trading market) pairs with a two-sided book. */
  readonly twoSided: number;
  /** Largest |inventory| − limit of any market maker in any market at any step (≤ 0: within limits). */
  readonly maxInventoryBreach: number;
  /** Largest loyalty − cap of any homer in any market at any step (≤ 0: bounded). */
  readonly maxLoyaltyOverCap: number;
  readonly stats: GroupStats;
}

/** A paired ablation: the same seeds with one mechanism switched off. */
export interface AblationEvidence {
  readonly name: string;
  /** Per seed: the statistic with the mechanism on and off. */
  readonly on: number[];
  readonly off: number[];
}

/**
 * Models for the checks leave LLM agents out (no endpoint in their environment): a check must not depend
 * on, or pay for, a remote language model. The LLM claims are checked on their own.
 */
export function modelFor(config: Parameters<typeof Model.create>[0], seed?: number, options: ModelOptions = {}): Model {
  return Model.create(config, seed, { env: {}, ...options });
}

/** A smaller season for the ablations (12 games): each ablation runs every seed twice. */
export function ablationConfig(config: ModelConfig, change: (c: ModelConfig) => ModelConfig = (c) => c): ModelConfig {
  const markets = { ...config.markets, count: Math.min(config.markets.count, 12) };
  return change({ ...config, markets, steps: (markets.count - 1) * markets.stagger + markets.life });
}

/** Runs a model built from `config` to its end, calling `onStep` after every step (tests inject one that counts). */
export type ModelRunner = (config: ModelConfig, onStep?: (model: Model) => void) => Model;
const runToEnd: ModelRunner = (config, onStep) => modelFor(config).run({ onStep });

/**
 * The key of a run: the whole config (its seed and steps included), keys sorted. util.inspect rather than JSON,
 * which would write Infinity, NaN and −0 as null or 0 and so conflate configs that differ there.
 */
export function runKey(config: ModelConfig): string {
  return inspect(config, {
    sorted: true,
    compact: true,
    breakLength: Infinity,
    depth: Infinity,
    maxArrayLength: Infinity,
    maxStringLength: Infinity,
  });
}

/** What runs() watches while a model runs: the books, the makers' inventories and the homers' loyalty. */
interface Watched {
  readonly twoSided: number;
  readonly maxInventoryBreach: number;
  readonly maxLoyaltyOverCap: number;
}

/** A run in the cache: its statistics, and for runs() the model and what was watched (an ablation needs only the statistics, so its model is let go). */
interface CachedRun {
  readonly stats: GroupStats;
  readonly kept: { readonly model: Model; readonly watched: Watched } | undefined;
}

/** A watcher for one run of `model`, and what it saw once the run has ended. */
function watch(model: Model): { onStep: (m: Model) => void; seen: () => Watched } {
  let pairs = 0;
  let twoSided = 0;
  let breach = Number.NEGATIVE_INFINITY;
  let loyalty = Number.NEGATIVE_INFINITY;
  const makers = model.family('marketMaker') as MarketMaker[];
  const homers = model.family('homer') as Homer[];
  return {
    onStep: (m) => {
      const [first, end] = m.activeRange;
      for (let k = first; k < end; k++) {
        const b = m.markets[k]!.book;
        pairs++;
        if (b.hasBid() && b.hasAsk()) twoSided++;
        for (const mm of makers) breach = Math.max(breach, Math.abs(m.accountOf(mm).qty(k)) - mm.maxInventory);
      }
      for (const h of homers) for (let k = 0; k < m.markets.length; k++) loyalty = Math.max(loyalty, h.loyalty(k) - h.maxLoyalty);
    },
    seen: () => ({ twoSided: pairs ? twoSided / pairs : Number.NaN, maxInventoryBreach: breach, maxLoyaltyOverCap: loyalty }),
  };
}

/**
 * Shared, lazily computed evidence for the checks: runs of the configured model across seeds (with what
 * was observed while they ran), the stylized-facts suite on them with its null models, and paired ablations.
 * Every run of the model behind runs() and the ablations happens once per context: the order-flow, information
 * and volume–volatility ablations share their baseline seeds, the last two their runs without news traders, and
 * the liquidity-withdrawal ablation's baseline is runs()' own seasons. The cache lives and dies with the context.
 */
export class CheckContext {
  private cachedRuns: RunEvidence[] | undefined;
  private cachedSuite: SuiteResult | undefined;
  private readonly ablations = new Map<string, AblationEvidence>();
  private readonly cache = new Map<string, CachedRun>();

  constructor(
    readonly config: ModelConfig,
    readonly seeds: number,
    readonly document: OddDocument,
    private readonly runner: ModelRunner = runToEnd,
  ) {}

  /**
   * `config` run to its end, once per context. `keep` asks for the model and what runs() watches while it runs
   * (a run made without them is made again; the ablations ask only for statistics, and keeping every ablation's
   * model would hold hundreds of MB for nothing).
   */
  private run(config: ModelConfig, keep = false): CachedRun {
    const key = runKey(config);
    const hit = this.cache.get(key);
    if (hit && (hit.kept || !keep)) return hit;
    let watcher: ReturnType<typeof watch> | undefined;
    const model = keep ? this.runner(config, (m) => (watcher ??= watch(m)).onStep(m)) : this.runner(config);
    const entry: CachedRun = {
      stats: groupStats(modelSeries(model)),
      kept: keep ? { model, watched: (watcher ?? watch(model)).seen() } : undefined,
    };
    this.cache.set(key, entry);
    return entry;
  }

  runs(): RunEvidence[] {
    if (this.cachedRuns) return this.cachedRuns;
    this.cachedRuns = [];
    for (let i = 0; i < this.seeds; i++) {
      const { stats, kept } = this.run({ ...this.config, seed: this.config.seed + i }, true);
      const { model, watched } = kept!;
      const pnl = {} as Record<FamilyName, number>;
      for (const f of FAMILIES) {
        const members = model.family(f);
        pnl[f] = members.length ? members.reduce((s, a) => s + model.wealth(a) - a.deposit, 0) / members.length : Number.NaN;
      }
      this.cachedRuns.push({ model, pnl, ...watched, stats });
    }
    return this.cachedRuns;
  }

  /** The suite on the runs, beside the truth-only and shuffled nulls of the same markets and a zero-intelligence population over the same seeds. */
  suite(): SuiteResult {
    if (this.cachedSuite) return this.cachedSuite;
    const runs = this.runs();
    const zi = zeroIntelligenceConfig(this.config);
    this.cachedSuite = evaluateSuite(
      {
        model: runs.map((r) => r.stats),
        nulls: {
          truthOnly: runs.map((r) => groupStats(truthOnlySeries(modelSeries(r.model)))),
          shuffled: runs.map((r) => groupStats(modelSeries(r.model), {}, { shuffle: Rng.derive(r.model.seed, 'shuffled-null') })),
          zeroIntelligence: runs.map((r) => groupStats(modelSeries(modelFor({ ...zi, seed: r.model.seed }).run()))),
        },
      },
      { seed: this.config.seed },
    );
    return this.cachedSuite;
  }

  /**
   * Run each seed twice on the ablation season (or the full season, for a statistic that needs every game),
   * with the configuration as is (or with `base` applied: the other sources of the effect switched off, so
   * they cannot mask this one) and with `off` applied on top, and record `measure` of both runs (cached by name;
   * the runs themselves are shared with every other ablation and runs() of this context).
   */
  ablation(
    name: string,
    off: (c: ModelConfig) => ModelConfig,
    measure: (stats: GroupStats) => number,
    seeds = Math.min(this.seeds, 6),
    season: 'ablation' | 'full' = 'ablation',
    base: (c: ModelConfig) => ModelConfig = (c) => c,
  ): AblationEvidence {
    const hit = this.ablations.get(name);
    if (hit) return hit;
    const on: number[] = [];
    const offValues: number[] = [];
    for (let i = 0; i < seeds; i++) {
      const seed = this.config.seed + i;
      for (const [cfg, out] of [
        [season === 'full' ? base(this.config) : ablationConfig(this.config, base), on],
        [season === 'full' ? off(base(this.config)) : ablationConfig(this.config, (c) => off(base(c))), offValues],
      ] as const) {
        out.push(measure(this.run({ ...cfg, seed }).stats));
      }
    }
    const ev = { name, on, off: offValues };
    this.ablations.set(name, ev);
    return ev;
  }
}

/** The arbitrageurs' close orders over the runs: sent, and those that filled. */
export function arbitrageCloses(runs: readonly RunEvidence[]): { attempts: number; closes: number; contracts: number } {
  let attempts = 0;
  let closes = 0;
  let contracts = 0;
  for (const r of runs) {
    for (const a of r.model.family('arbitrageur') as Arbitrageur[]) {
      attempts += a.closeAttempts;
      closes += a.closes;
      contracts += a.closedContracts;
    }
  }
  return { attempts, closes, contracts };
}
