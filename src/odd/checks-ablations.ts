// The ODD checks behind emergence claims: each mechanism switched off, seed by seed, against the model with it on.
import { type ModelConfig } from '../abm/config.js';
import { Rng } from '../core/rng.js';
import { bootstrapCi } from '../facts/suite.js';
import { type AblationEvidence } from './evidence.js';
import { check, f2, mean, ok, type Check, type CheckResult } from './verdict.js';

/** Ablations of statistics that need every game of a season and a dozen seeds; quick checks (facts: false) leave them out. */
export const FULL_SEASON_ABLATIONS: ReadonlySet<string> = new Set(['ablation-liquidity-withdrawal', 'ablation-withdrawal-tails']);
/** How many full seasons those ablations compare (fewer when the check runs fewer seeds). */
const FULL_SEASON_SEEDS = 12;

const withoutJumps = (c: ModelConfig): ModelConfig => ({
  ...c,
  markets: { ...c.markets, truth: { ...c.markets.truth, jumpProbability: 0 } },
});
const withoutWithdrawal = (c: ModelConfig): ModelConfig => ({
  ...c,
  agents: { ...c.agents, marketMaker: { ...c.agents.marketMaker, withdrawalSteps: 0 } },
});

/** No informed traders and no arbitrageurs: the traders who act on news about the truth. */
const withoutNewsTraders = (c: ModelConfig): ModelConfig => ({
  ...c,
  agents: { ...c.agents, informed: { ...c.agents.informed, count: 0 }, arbitrageur: { ...c.agents.arbitrageur, count: 0 } },
});

/** A paired ablation judged by the bootstrap CI of the mean per-seed change (off − on) in the expected direction. */
function judgeAblation(e: AblationEvidence, direction: 'rises' | 'falls', what: string, seedShare = 0.5): CheckResult {
  const diffs = e.on.map((v, i) => e.off[i]! - v);
  const [lo, hi] = bootstrapCi(diffs, mean, 1000, Rng.derive(0, 'ablation', e.name));
  const agree = diffs.filter((d) => (direction === 'rises' ? d > 0 : d < 0)).length;
  const pass = (direction === 'rises' ? lo > 0 : hi < 0) && agree >= seedShare * diffs.length;
  return ok(
    pass,
    `${what}: ${f2(mean(e.on))} with the mechanism → ${f2(mean(e.off))} without (change ${f2(mean(diffs))}, 95% CI [${f2(lo)}, ${f2(hi)}]; ${direction} in ${agree}/${diffs.length} seeds)`,
  );
}

/** Ablations: each judged by the bootstrap CI of the per-seed change when one mechanism is off. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each check's evidence type is its own; callers only hand gather's result to the same check's judge
export const ABLATION_CHECKS: Record<string, Check<any>> = {
  'ablation-order-flow': check(
    (ctx) =>
      ctx.ablation(
        'order-flow',
        (c) => ({ ...c, agents: { ...c.agents, marketMaker: { ...c.agents.marketMaker, flowImpact: 0 } } }),
        (s) => s.acf1,
      ),
    (e: AblationEvidence) => judgeAblation(e, 'rises', 'lag-1 autocorrelation of price changes when market makers stop pricing order flow'),
  ),
  // heavy tails have two sources, the truth's jumps and the book's gaps after withdrawal: each is measured with the other off
  'ablation-jumps': check(
    (ctx) => ctx.ablation('jumps', withoutJumps, (s) => s.excessKurtosis, undefined, 'ablation', withoutWithdrawal),
    (e: AblationEvidence) =>
      judgeAblation(e, 'falls', 'excess kurtosis of returns when the game has no scoring jumps (market makers that never withdraw)'),
  ),
  'ablation-withdrawal-tails': check(
    (ctx) =>
      ctx.ablation(
        'withdrawal-tails',
        withoutWithdrawal,
        (s) => s.excessKurtosis,
        Math.min(ctx.seeds, FULL_SEASON_SEEDS),
        'full',
        withoutJumps,
      ),
    (e: AblationEvidence) =>
      judgeAblation(
        e,
        'falls',
        'excess kurtosis of returns when market makers never withdraw after adverse fills (games without scoring jumps)',
      ),
  ),
  'ablation-information': check(
    (ctx) => ctx.ablation('information', withoutNewsTraders, (s) => s.meanAbsError),
    (e: AblationEvidence) => judgeAblation(e, 'rises', 'mean |price − truth| (¢) without informed traders and arbitrageurs'),
  ),
  'ablation-volume-volatility': check(
    (ctx) => ctx.ablation('information-volume', withoutNewsTraders, (s) => s.volumeVolatility),
    (e: AblationEvidence) => judgeAblation(e, 'falls', 'volume–volatility correlation without the traders who act on news'),
  ),
  // the Fano factor counts the top 1% of returns: a 12-game season has about 20 of them, so this ablation runs full seasons
  'ablation-liquidity-withdrawal': check(
    (ctx) => ctx.ablation('liquidity-withdrawal', withoutWithdrawal, (s) => s.fano, Math.min(ctx.seeds, FULL_SEASON_SEEDS), 'full'),
    (e: AblationEvidence) =>
      judgeAblation(e, 'falls', 'Fano factor of extreme returns (intermittency) when market makers never withdraw after adverse fills'),
  ),
};
