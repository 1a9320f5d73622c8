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

/**
 * Shared, lazily computed evidence for the checks: runs of the configured model across seeds (with what
 * was observed while they ran), the stylized-facts suite on them with its null models, and paired ablations.
 */
export class CheckContext {
  private cachedRuns: RunEvidence[] | undefined;
  private cachedSuite: SuiteResult | undefined;
  private readonly ablations = new Map<string, AblationEvidence>();

  constructor(
    readonly config: ModelConfig,
    readonly seeds: number,
    readonly document: OddDocument,
  ) {}

  runs(): RunEvidence[] {
    if (this.cachedRuns) return this.cachedRuns;
    this.cachedRuns = [];
    for (let i = 0; i < this.seeds; i++) {
      const model = modelFor({ ...this.config, seed: this.config.seed + i });
      let pairs = 0;
      let twoSided = 0;
      let breach = Number.NEGATIVE_INFINITY;
      let loyalty = Number.NEGATIVE_INFINITY;
      const makers = model.family('marketMaker') as MarketMaker[];
      const homers = model.family('homer') as Homer[];
      model.run({
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
      });
      const pnl = {} as Record<FamilyName, number>;
      for (const f of FAMILIES) {
        const members = model.family(f);
        pnl[f] = members.length ? members.reduce((s, a) => s + model.wealth(a) - a.deposit, 0) / members.length : Number.NaN;
      }
      this.cachedRuns.push({
        model,
        pnl,
        twoSided: pairs ? twoSided / pairs : Number.NaN,
        maxInventoryBreach: breach,
        maxLoyaltyOverCap: loyalty,
        stats: groupStats(modelSeries(model)),
      });
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
   * they cannot mask this one) and with `off` applied on top, and record `measure` of both runs (cached by name).
   */
  ablation(
    name: string,
    off: (c: ModelConfig) => ModelConfig,
    measure: (stats: GroupStats, model: Model) => number,
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
        const model = modelFor({ ...cfg, seed }).run();
        out.push(measure(groupStats(modelSeries(model)), model));
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
