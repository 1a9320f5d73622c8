import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import {
  aggregateSentiment,
  almgrenChriss,
  csad,
  estimateKyleLambda,
  gamblersFallacyTest,
  herdingRegression,
  kyleLambda,
  lexiconSentiment,
  loyaltyAdjustment,
  panicCoefficient,
  recencyWeightedMean,
  recencyWeights,
  rollSpread,
  spreadDecomposition,
  squareRootImpact,
} from '../../src/models/index.js';

describe('microstructure', () => {
  it('Kyle λ = σ_v / (2σ_u) (Kyle 1985), and its regression estimate recovers a known slope', () => {
    expect(kyleLambda(1, 2)).toBe(0.25);
    const rng = Rng.derive(1, 'kyle');
    const flow = Array.from({ length: 5000 }, () => rng.normal(0, 10));
    const dp = flow.map((q) => 0.05 * q + rng.normal(0, 0.3));
    const est = estimateKyleLambda(dp, flow);
    expect(est.lambda).toBeCloseTo(0.05, 2);
    expect(est.t).toBeGreaterThan(50);
  });

  it('Roll’s spread recovers a bid–ask bounce of 2 ticks around a random walk', () => {
    const rng = Rng.derive(2, 'roll');
    let v = 50;
    const prices = Array.from({ length: 20000 }, () => {
      v += rng.normal(0, 0.2);
      return v + (rng.float() < 0.5 ? 1 : -1); // half-spread 1 → spread 2
    });
    const dp = prices.slice(1).map((p, i) => p - prices[i]!);
    expect(rollSpread(dp)).toBeCloseTo(2, 1);
    expect(Number.isNaN(rollSpread([1, 1, 1, 1]))).toBe(true);
  });

  it('spread decomposition: effective = realized + price impact', () => {
    const d = spreadDecomposition([
      { price: 51, direction: 1, midBefore: 50, midAfter: 50.5 },
      { price: 49, direction: -1, midBefore: 50, midAfter: 50 },
    ]);
    expect(d).toEqual({ effective: 2, realized: 1.5, priceImpact: 0.5, n: 2 });
  });

  it('square-root impact Y σ √(Q/V)', () => {
    expect(squareRootImpact(100, 10_000, 0.02)).toBeCloseTo(0.002, 12);
  });

  it('Almgren–Chriss: linear schedule without risk aversion (cost in closed form), front-loaded with it', () => {
    const base = { shares: 1000, intervals: 10, tau: 1, sigma: 0.5, eta: 0.01, gamma: 0.001, epsilon: 0.02, riskAversion: 0 };
    const lin = almgrenChriss(base);
    lin.trades.forEach((n) => expect(n).toBeCloseTo(100, 9));
    const etaT = 0.01 - 0.001 / 2;
    // E = ½γX² + εX + (η̃/τ)·N·(X/N)²
    expect(lin.expectedCost).toBeCloseTo(0.5 * 0.001 * 1e6 + 0.02 * 1000 + etaT * 10 * 100 * 100, 6);
    const averse = almgrenChriss({ ...base, riskAversion: 1e-4 });
    expect(averse.trades[0]).toBeGreaterThan(averse.trades[9]!);
    expect(averse.trades.reduce((a, b) => a + b, 0)).toBeCloseTo(1000, 9);
    expect(averse.variance).toBeLessThan(lin.variance);
    expect(averse.expectedCost).toBeGreaterThan(lin.expectedCost);
  });
});

describe('sentiment and herding', () => {
  it('scores text with VADER and aggregates (N_pos − N_neg) / (N_pos + N_neg)', () => {
    expect(lexiconSentiment('The Eagles played a great game, a wonderful win!').compound).toBeGreaterThan(0.5);
    expect(lexiconSentiment('Terrible loss, an awful collapse.').compound).toBeLessThan(-0.5);
    expect(aggregateSentiment([0.6, 0.2, -0.4, 0.01])).toEqual({ score: (2 - 1) / 3, positive: 2, negative: 1, neutral: 1 });
    expect(aggregateSentiment(['great win', 'awful loss', 'bad bad bad']).score).toBeCloseTo(-1 / 3, 12);
  });

  it('panic coefficient is exp(α·CSAD + β·vol + γ·sentiment)', () => {
    expect(panicCoefficient({ csad: 0.1, volatility: 0.2, sentiment: -0.5 }, { alpha: 2, beta: 3, gamma: -1 })).toBeCloseTo(
      Math.exp(0.2 + 0.6 + 0.5),
      12,
    );
  });

  it('the CCK herding regression matches statsmodels OLS', () => {
    // r_{i,t} = sin(0.37t + i)(1 + 0.1i) + 0.05cos(1.3t(i+1)) + 0.3 sin(0.05t), t = 0…299, i = 0…5.
    // statsmodels 0.13.5: sm.OLS(csad, add_constant([|rm|, rm²])).fit() →
    //   params [0.7892907037454978, 0.08447812866125473, -0.1968316362703708],
    //   tvalues [93.31692494284236, 0.9581325016194088, -0.9850152177123987], p(γ2) 0.3254183453953501, R² 0.0032599421615611135
    const R = Array.from({ length: 6 }, (_, i) =>
      Array.from(
        { length: 300 },
        (_, t) => Math.sin(0.37 * t + i) * (1 + 0.1 * i) + 0.05 * Math.cos(1.3 * t * (i + 1)) + 0.3 * Math.sin(0.05 * t),
      ),
    );
    const { csad: c, marketReturn } = csad(R);
    const h = herdingRegression(c, marketReturn);
    expect(h.alpha).toBeCloseTo(0.7892907037454978, 9);
    expect(h.gamma1).toBeCloseTo(0.08447812866125473, 9);
    expect(h.gamma2).toBeCloseTo(-0.1968316362703708, 9);
    expect(h.t[2]).toBeCloseTo(-0.9850152177123987, 6);
    expect(h.pValue2).toBeCloseTo(0.3254183453953501, 6);
    expect(h.rSquared).toBeCloseTo(0.0032599421615611135, 9);
    expect(h.verdict).toBe('no herding');
  });

  it('detects herding when dispersion shrinks in large market moves', () => {
    const rng = Rng.derive(5, 'herd');
    const rm = Array.from({ length: 2000 }, () => rng.normal(0, 1));
    const c = rm.map((r) => 1 + 0.5 * Math.abs(r) - 0.2 * r * r + rng.normal(0, 0.05));
    expect(herdingRegression(c, rm).verdict).toBe('herding');
  });
});

describe('behavioral biases', () => {
  it('recency weights sum to 1, are equal at λ = 0 and favor the newest', () => {
    expect(recencyWeights(4, 0)).toEqual([0.25, 0.25, 0.25, 0.25]);
    const w = recencyWeights(5, 0.5);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(w[4]! / w[3]!).toBeCloseTo(2, 12);
    expect(recencyWeightedMean([0, 0, 1], 1)).toBe(1);
  });

  it('loyalty pulls the probability toward the favored outcome', () => {
    expect(loyaltyAdjustment(0.4, 0.25, true)).toBeCloseTo(0.55, 12);
    expect(loyaltyAdjustment(0.4, 0.25, false)).toBeCloseTo(0.3, 12);
  });

  it('detects the gambler’s fallacy in bets that go against streaks, and not in bets that do not', () => {
    const rng = Rng.derive(7, 'gf');
    const moves = Array.from({ length: 4000 }, () => (rng.float() < 0.5 ? 1 : -1));
    let run = 0;
    const fallacy = moves.map(
      (m) => ((run = Math.sign(run) === m ? run + m : m), Math.abs(run) >= 3 ? -Math.sign(run) : rng.float() < 0.5 ? 1 : -1),
    );
    const random = moves.map(() => (rng.float() < 0.5 ? 1 : -1));
    expect(gamblersFallacyTest(moves, fallacy).detected).toBe(true);
    expect(gamblersFallacyTest(moves, random).detected).toBe(false);
  });
});

describe('microstructure of the simulated market', () => {
  it('estimates a positive Kyle λ and a spread decomposition from the model’s own trades', async () => {
    const { Model, tradesForSpread } = await import('../../src/abm/index.js');
    const m = Model.create({ markets: { count: 1, life: 1500 } }, 3, { env: {} }).run(); // one game: its rows are the model rows
    const mid = m.data.model.mid as number[];
    const flow = m.data.model.signed_flow as number[];
    const dp = mid.slice(1).map((x, i) => x - mid[i]!);
    const k = estimateKyleLambda(dp, flow.slice(1));
    expect(k.lambda).toBeGreaterThan(0); // buying pressure lifts the price
    expect(k.t).toBeGreaterThan(1.96); // significant at 5% (two-sided normal critical value); seed 3 gives t = 2.95 since the season model (8122f1c, 5d0dc5d)
    const d = spreadDecomposition(tradesForSpread(m, 5));
    expect(d.effective).toBeGreaterThan(0);
    expect(d.effective).toBeCloseTo(d.realized + d.priceImpact, 9);
    expect(d.priceImpact).toBeGreaterThan(0); // informed flow moves prices
  });
});
