import { describe, expect, it } from 'vitest';
import {
  describeThreshold,
  evaluateSuite,
  FACTS,
  NO_AUTOCORRELATION_NULL_FAILURE_RATE,
  THRESHOLD_CHANGELOG,
  verdictRows,
  type GroupStats,
  type SuiteInput,
} from '../../src/facts/index.js';

/** A group of markets with every statistic set to a harmless value, then overridden. */
function group(over: Partial<GroupStats> = {}): GroupStats {
  const samplePrices: number[] = [];
  const sampleOutcomes: number[] = [];
  const sampleMarket: number[] = [];
  // 90 markets, exactly calibrated: 10 at each price 0.1 … 0.9, of which 10·p resolve YES
  for (let m = 0; m < 90; m++) {
    const p = (1 + Math.floor(m / 10)) / 10;
    samplePrices.push(p);
    sampleOutcomes.push(m % 10 < Math.round(10 * p) ? 1 : 0);
    sampleMarket.push(m);
  }
  return {
    markets: 40,
    n: 6000,
    acf1: -0.02,
    portmanteauP: 0.5,
    lag1Z: -1,
    acfInsideBand: 0.95,
    excessKurtosis: 4,
    truthExcessKurtosis: 3,
    hillAlpha: 3,
    skewness: -0.1,
    aggregationDrop: 3,
    fano: 1.4,
    absAcf1: 0.2,
    absAcfBeta: 0.3,
    archP: 0.001,
    garchPersistence: 0.9,
    garchTailRatio: 0.5,
    hurstAbs: 0.7,
    volumeVolatility: 0.3,
    leverage: -0.05,
    timeScaleAsymmetry: 0.05,
    meanAbsError: 2,
    convergence: -0.9,
    excessMovement: 0,
    samplePrices,
    sampleOutcomes,
    sampleMarket,
    ...over,
  };
}
const seeds = (n: number, f: (i: number) => Partial<GroupStats> = () => ({})) => Array.from({ length: n }, (_, i) => group(f(i)));
const verdict = (input: SuiteInput, fact: string) =>
  evaluateSuite(input, { seed: 1, resamples: 400 }).verdicts.find((v) => v.fact === fact)!;
const nulls = (over: Partial<GroupStats> = {}) => ({
  zeroIntelligence: seeds(30, () => ({ meanAbsError: 20, convergence: 0.1, ...over })),
  truthOnly: seeds(30, () => ({ absAcf1: 0, fano: 1, archP: 0.5, volumeVolatility: Number.NaN, ...over })),
  shuffled: seeds(30, () => ({ absAcf1: 0, fano: 0.99, archP: 0.5, volumeVolatility: 0, ...over })),
});

describe('the thresholds file', () => {
  it('gives every fact a source, a tier, a judging rule and a changelog entry matching its current definition', () => {
    expect(FACTS.filter((f) => f.cont).map((f) => f.cont)).toEqual(expect.arrayContaining([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]));
    for (const f of FACTS) {
      expect(f.source.length, f.id).toBeGreaterThan(10);
      expect(['must', 'report']).toContain(f.tier);
      if (f.judge === 'seeds') expect(f.seedRule, f.id).toBeDefined();
      if (f.tier === 'must' && f.kind === 'presence')
        expect(f.differsFrom.length, `${f.id} must name the nulls it beats`).toBeGreaterThan(0);
      const last = THRESHOLD_CHANGELOG.filter((c) => c.fact === f.id).at(-1);
      expect(last, `${f.id} has no changelog entry`).toBeDefined();
      expect(last!.now, `${f.id}: its threshold or tier changed without a changelog entry`).toBe(
        `${f.tier}: ${describeThreshold(f.threshold)}`,
      );
      expect(last!.reason).not.toMatch(/the model (passes|fails)/);
    }
  });

  it('logs the restored tracking threshold and the band fixed to its source', () => {
    expect(THRESHOLD_CHANGELOG.find((c) => c.fact === 'tracks_truth')!.change).toContain('8¢ → 5¢');
    expect(THRESHOLD_CHANGELOG.find((c) => c.fact === 'acf_inside_band')!.change).toContain('0.8 → 0.9');
  });
});

describe('verdicts', () => {
  it('pass every must-pass fact on evidence that supports them, with model, null and real columns', () => {
    const r = evaluateSuite(
      { model: seeds(30), nulls: nulls(), real: { perPlay: seeds(10), perFivePlays: seeds(10) } },
      { seed: 1, resamples: 400 },
    );
    expect(r.verdicts.filter((v) => v.tier === 'must' && !v.pass).map((v) => `${v.fact}: ${v.model.detail}`)).toEqual([]);
    expect(r.pass).toBe(true);
    const row = verdictRows(r).find((x) => x.fact === 'volatility_clustering')!;
    expect(Object.keys(row)).toEqual([
      'fact',
      'cont',
      'tier',
      'threshold',
      'model',
      'seeds_passing',
      'zero_intelligence',
      'truth_only',
      'shuffled',
      'nfl_per_play',
      'nfl_per_5_plays',
      'beats_nulls',
      'verdict',
    ]);
    expect(row.beats_nulls).toBe('✓ shuffled, ✓ truthOnly');
  });

  it('fail a presence fact whose CI crosses the threshold, though its mean passes', () => {
    // mean ACF(|r|) 0.01 > 0, but half the seeds are negative: the CI holds 0
    const v = verdict({ model: seeds(30, (i) => ({ absAcf1: i % 2 ? 0.08 : -0.06 })), nulls: nulls() }, 'volatility_clustering');
    expect(v.model.value).toBeGreaterThan(0);
    expect(v.model.ciLow).toBeLessThan(0);
    expect(v.model.meets).toBe(false);
    expect(v.pass).toBe(false);
  });

  it('fail a presence fact that a null shows as strongly (the truth alone clusters as much)', () => {
    const v = verdict(
      {
        model: seeds(30, (i) => ({ absAcf1: 0.1 + 0.001 * i })),
        nulls: { ...nulls(), truthOnly: seeds(30, (i) => ({ absAcf1: 0.1 + 0.001 * i })) },
      },
      'volatility_clustering',
    );
    expect(v.model.meets).toBe(true);
    expect(v.differs).toEqual({ shuffled: true, truthOnly: false });
    expect(v.pass).toBe(false);
    // and without the nulls, a must-pass presence fact cannot pass at all
    expect(verdict({ model: seeds(30) }, 'volatility_clustering').pass).toBe(false);
  });

  it('judge autocorrelation seed by seed: too many failing seeds fail the fact even when the mean ρ₁ is near 0', () => {
    // 8 of 30 seeds reject (ρ₁ of ±0.3 cancel in the mean); a martingale would fail 7.4% of seeds: binomial p ≈ 0.003
    const bad = verdict(
      { model: seeds(30, (i) => (i < 8 ? { portmanteauP: 0.001, acf1: i % 2 ? 0.3 : -0.3 } : {})) },
      'no_autocorrelation',
    );
    expect(Math.abs(bad.model.value - 22 / 30)).toBeLessThan(1e-12);
    expect(bad.model.meets).toBe(false);
    expect(bad.model.detail).toMatch(/8\/30 seeds fail \(null rate 7\.4%\), binomial p = 0\.00/);
    // 2 of 30 failing is what chance gives
    expect(verdict({ model: seeds(30, (i) => (i < 2 ? { portmanteauP: 0.01 } : {})) }, 'no_autocorrelation').pass).toBe(true);
    // a significantly positive lag 1 fails a seed even when the portmanteau (lags 2–11) does not reject
    expect(verdict({ model: seeds(30, () => ({ lag1Z: 4 })) }, 'no_autocorrelation').pass).toBe(false);
    expect(NO_AUTOCORRELATION_NULL_FAILURE_RATE).toBeCloseTo(0.07375, 12);
  });

  it('require every seed to track the truth: one seed at 6¢ fails the fact', () => {
    expect(verdict({ model: seeds(30), nulls: nulls() }, 'tracks_truth').pass).toBe(true);
    const v = verdict({ model: seeds(30, (i) => (i === 17 ? { meanAbsError: 6 } : {})), nulls: nulls() }, 'tracks_truth');
    expect(v.model.detail).toContain('29/30 seeds pass');
    expect(v.pass).toBe(false);
  });

  it('count ARCH effects only when the share of rejecting seeds is clearly above the test’s 5% size', () => {
    expect(verdict({ model: seeds(30, (i) => ({ archP: i < 3 ? 0.01 : 0.5 })), nulls: nulls() }, 'arch_effects').model.meets).toBe(false);
    expect(verdict({ model: seeds(30, (i) => ({ archP: i < 12 ? 0.01 : 0.5 })), nulls: nulls() }, 'arch_effects').pass).toBe(true);
  });

  it('fail calibration for prices whose logit is scaled, and pass calibrated prices', () => {
    expect(verdict({ model: seeds(30) }, 'calibration').pass).toBe(true);
    const timid = seeds(30).map((g) => ({
      ...g,
      samplePrices: g.samplePrices.map((p) => 1 / (1 + Math.exp(-0.5 * Math.log(p / (1 - p))))),
    }));
    const v = verdict({ model: timid }, 'calibration');
    expect(v.model.value).toBeGreaterThan(1.5);
    expect(v.pass).toBe(false);
  });

  it('name what is missing: a statistic a population does not have is shown as absent, not as a pass', () => {
    const v = verdict({ model: seeds(30), nulls: nulls() }, 'volume_volatility');
    expect(v.nulls.truthOnly).toMatchObject({ meets: false, detail: 'the statistic does not exist for this population' });
    expect(v.differs.truthOnly).toBe(true);
    expect(verdict({ model: seeds(30, () => ({ volumeVolatility: Number.NaN })), nulls: nulls() }, 'volume_volatility').pass).toBe(false);
  });
});

describe('the null models on a real (small) season', () => {
  it('the zero-intelligence and truth-only populations each fail at least one must-pass fact', async () => {
    const { parseModelConfig } = await import('../../src/abm/index.js');
    const { validateModel } = await import('../../src/experiments/validate.js'); // not the index: it loads every experiment
    const config = parseModelConfig({
      markets: { count: 6, life: 400, stagger: 200 },
      agents: {
        noise: { count: 20 },
        informed: { count: 10 },
        arbitrageur: { count: 4 },
        marketMaker: { count: 3 },
        homer: { count: 6 },
        llm: { count: 0 },
      },
    });
    // one worker: each pool thread would first load the compiled sources, and a pool returns exactly one
    // thread's results (test/experiments/experiment.test.ts)
    const r = await validateModel(config, { seeds: 6, workers: 1, real: false });
    const failed = (n: 'zeroIntelligence' | 'truthOnly') =>
      r.verdicts.filter((v) => v.tier === 'must' && v.nulls[n] !== undefined && !v.nulls[n]!.meets).map((v) => v.fact);
    // no information: prices neither track the truth nor converge on the outcome
    expect(failed('zeroIntelligence')).toEqual(expect.arrayContaining(['tracks_truth', 'convergence']));
    // no trading: no volume to correlate with volatility
    expect(failed('truthOnly')).toContain('volume_volatility');
    // and the model beats the zero-intelligence market where information matters
    expect(r.verdicts.find((v) => v.fact === 'tracks_truth')!.differs.zeroIntelligence).toBe(true);
  }, 300_000);
});
