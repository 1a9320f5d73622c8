import { describe, expect, it } from 'vitest';
import { evaluateSuite, FACTS, satisfies, verdictRows, type SeedStats } from '../../src/facts/index.js';
import { defaultModelConfig } from '../../src/abm/index.js';
import { runTasks, validateModel } from '../../src/experiments/index.js';

describe('stylized-facts suite', () => {
  it('has a statistic, threshold, tier and source for every fact', () => {
    expect(FACTS.length).toBeGreaterThanOrEqual(15);
    for (const f of FACTS) {
      expect(f.source.length).toBeGreaterThan(5);
      expect(['must', 'report']).toContain(f.tier);
    }
    expect(satisfies(0.5, { op: 'between', lo: 0, hi: 1 })).toBe(true);
    expect(satisfies(Number.NaN, { op: '>', value: 0 })).toBe(false);
  });

  it('the default model passes every must-pass fact across 30 seeds', async () => {
    const r = await validateModel(defaultModelConfig(), { seeds: 30, workers: 1 });
    const failing = r.verdicts.filter((v) => v.tier === 'must' && !v.pass).map((v) => `${v.fact}=${v.value}`);
    expect(failing).toEqual([]);
    expect(r.pass).toBe(true);
    const rows = verdictRows(r);
    expect(rows.map((x) => x.fact)).toEqual(FACTS.map((f) => f.id));
  });

  it('a pool of workers returns exactly what one thread does', async () => {
    const inputs = [5, 6, 7].map((seed) => ({ config: { ...defaultModelConfig(), steps: 300 }, seed, scale: 5 }));
    const one = await runTasks('factsForSeed', inputs, { workers: 1 });
    const two = await runTasks('factsForSeed', inputs, { workers: 2 });
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
  });

  it('fails a must-pass fact when the evidence contradicts it', () => {
    const fake = (seed: number): SeedStats => ({ seed, n: 100, acf1: 0.5, acfInsideBand: 0.2, excessKurtosis: 3, hillAlpha: 3, aggregationSpearman: -1, absAcf1: 0.3, archRejects: 1, absAcfBeta: 0.3, hurstAbs: 0.6, volumeVolatility: 0.3, skewness: -0.1, leverage: -0.1, meanAbsError: 1, sampledPrices: [0.5, 0.7, 0.9], outcome: 1 });
    const r = evaluateSuite([fake(1), fake(2), fake(3)]);
    expect(r.verdicts.find((v) => v.fact === 'no_autocorrelation')).toMatchObject({ pass: false, value: 0.5, seedsPassing: 0 });
    expect(r.pass).toBe(false);
  });
});
