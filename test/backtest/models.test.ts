import { describe, expect, it } from 'vitest';
import {
  americanToImplied,
  devig,
  EloModel,
  fitSpreadModel,
  FIVETHIRTYEIGHT_ELO,
  moneylineHomeProbability,
  overround,
  spreadProbability,
} from '../../src/backtest/index.js';
import { game } from './fixtures.js';

describe('de-vigging American moneylines', () => {
  it('converts American odds to implied probabilities', () => {
    expect(americanToImplied(-200)).toBeCloseTo(2 / 3, 12); // stake 200 to win 100
    expect(americanToImplied(170)).toBeCloseTo(100 / 270, 12); // stake 100 to win 170
    expect(americanToImplied(100)).toBe(0.5);
    expect(() => americanToImplied(-50)).toThrow(/≤ −100 or ≥ \+100/);
  });

  it('proportional: −200/+170 → (2/3)/(2/3 + 10/27) = 18/28 (hand-computed)', () => {
    expect(moneylineHomeProbability(-200, 170)).toBeCloseTo(18 / 28, 12);
    expect(overround([americanToImplied(-200), americanToImplied(170)])).toBeCloseTo(1 / 27, 12);
    expect(moneylineHomeProbability(-110, -110)).toBe(0.5);
  });

  it('Shin: with two outcomes it reduces to p = (1 + q1 − q2) / 2 (closed form)', () => {
    const q1 = 2 / 3;
    const q2 = 10 / 27;
    expect(moneylineHomeProbability(-200, 170, 'shin')).toBeCloseTo((1 + q1 - q2) / 2, 9);
    // reference: scipy.optimize.brentq on Σ Shin(z) = 1 → 0.6481481481481481, z = 0.0371643
    expect(moneylineHomeProbability(-200, 170, 'shin')).toBeCloseTo(0.6481481481481481, 9);
  });

  it('power: p_i = q_i^k with Σ = 1 (scipy brentq reference values)', () => {
    expect(moneylineHomeProbability(-200, 170, 'power')).toBeCloseTo(0.6508223655362573, 9);
    expect(moneylineHomeProbability(-1000, 650, 'power')).toBeCloseTo(0.8977486451172204, 9);
    const p = devig([americanToImplied(-1000), americanToImplied(650)], 'power');
    expect(p[0]! + p[1]!).toBeCloseTo(1, 12);
  });

  it('methods order the favourite: proportional < Shin < power (margin loaded on longshots)', () => {
    const pr = moneylineHomeProbability(-475, 435);
    const sh = moneylineHomeProbability(-475, 435, 'shin');
    const pw = moneylineHomeProbability(-475, 435, 'power');
    expect(pr).toBeCloseTo(0.8154833533894906, 9);
    expect(sh).toBeCloseTo(0.8195855343356323, 9);
    expect(pw).toBeCloseTo(0.8216723287716784, 9);
  });
});

describe('Elo', () => {
  it('matches a worked example of 538’s update', () => {
    // 1500 v 1500 at home, HFA 65: P = 1/(1 + 10^(−65/400)) = 0.592350…
    // home wins by 7: M = ln(8) · 2.2 / (0.065 + 2.2) = 2.019776…; shift = 20 · M · (1 − P) = 16.46623…
    const elo = new EloModel(FIVETHIRTYEIGHT_ELO);
    const g = game({ home: 'AAA', away: 'BBB', day: 1, result: 7 });
    expect(elo.predict(g)).toBeCloseTo(1 / (1 + 10 ** (-65 / 400)), 12);
    const p = 1 / (1 + 10 ** (-65 / 400));
    const m = (Math.log(8) * 2.2) / (0.065 + 2.2);
    expect(elo.update(g)).toBeCloseTo(20 * m * (1 - p), 10);
    expect(elo.rating('AAA')).toBeCloseTo(1500 + 20 * m * (1 - p) + 5, 10); // ratings start at the mean 1505
    expect(elo.rating('BBB')).toBeCloseTo(1505 - 20 * m * (1 - p), 10);
  });

  it('regresses ratings a third of the way to 1505 between seasons, and splits ties', () => {
    const elo = new EloModel(
      FIVETHIRTYEIGHT_ELO,
      new Map([
        ['AAA', 1605],
        ['BBB', 1405],
      ]),
    );
    elo.predict(game({ home: 'AAA', away: 'BBB', day: 1, season: 2030 }));
    elo.predict(game({ home: 'AAA', away: 'BBB', day: 1, season: 2031 }));
    expect(elo.rating('AAA')).toBeCloseTo(1605 - 100 / 3, 10);
    const tie = new EloModel({ ...FIVETHIRTYEIGHT_ELO, homeAdvantage: 0 });
    expect(tie.update(game({ home: 'X', away: 'Y', day: 1, result: 0 }))).toBeCloseTo(0, 12); // equal teams, no HFA, tie → no change
  });
});

describe('Elo at neutral sites', () => {
  // 538 ("How our NFL predictions work"): no home-field advantage at a neutral site, in the probability
  // and in the margin-of-victory multiplier. Expected values from python3's math module (Python 3.11).
  it('drops home-field advantage from the probability', () => {
    const elo = new EloModel(
      FIVETHIRTYEIGHT_ELO,
      new Map([
        ['AAA', 1600],
        ['BBB', 1500],
      ]),
    );
    // 1 / (1 + 10**(-100/400)) = 0.6400649998028851
    expect(elo.predict(game({ home: 'AAA', away: 'BBB', day: 1, neutral: true }))).toBeCloseTo(0.6400649998028851, 12);
    // at home the same teams would be 1 / (1 + 10**(-165/400)): the neutral flag must matter
    expect(elo.predict(game({ home: 'AAA', away: 'BBB', day: 1 }))).toBeCloseTo(1 / (1 + 10 ** (-165 / 400)), 12);
    const even = new EloModel(FIVETHIRTYEIGHT_ELO);
    expect(even.predict(game({ home: 'AAA', away: 'BBB', day: 1, neutral: true }))).toBe(0.5);
  });

  it('updates without home-field advantage in the margin-of-victory multiplier', () => {
    // equal teams, home side wins by 7: shift = 20 · ln(8) · (1 − 0.5) = 20.79441541679836
    const even = new EloModel(FIVETHIRTYEIGHT_ELO);
    expect(even.update(game({ home: 'AAA', away: 'BBB', day: 1, result: 7, neutral: true }))).toBeCloseTo(20.79441541679836, 10);
    // 1600 v 1500, "home" wins by 3: M = ln(4)·2.2/(0.001·100 + 2.2) = 1.3260206932451126; shift = 20·M·(1 − p) = 9.54562516969116
    const a = new EloModel(
      FIVETHIRTYEIGHT_ELO,
      new Map([
        ['AAA', 1600],
        ['BBB', 1500],
      ]),
    );
    expect(a.update(game({ home: 'AAA', away: 'BBB', day: 1, result: 3, neutral: true }))).toBeCloseTo(9.54562516969116, 10);
    // the "away" side wins by 10: winner edge −100, M = ln(11)·2.2/(0.001·(−100) + 2.2); shift = 20·M·(0 − p) = −32.157899448421546
    const b = new EloModel(
      FIVETHIRTYEIGHT_ELO,
      new Map([
        ['AAA', 1600],
        ['BBB', 1500],
      ]),
    );
    expect(b.update(game({ home: 'AAA', away: 'BBB', day: 1, result: -10, neutral: true }))).toBeCloseTo(-32.157899448421546, 10);
    expect(b.rating('BBB')).toBeCloseTo(1500 + 32.157899448421546, 10);
  });
});

describe('spread-implied probability', () => {
  it('is Φ(spread/σ) and symmetric', () => {
    expect(spreadProbability(0, 13.86)).toBe(0.5);
    expect(spreadProbability(3, 13.86) + spreadProbability(-3, 13.86)).toBeCloseTo(1, 12);
    expect(spreadProbability(13.86, 13.86)).toBeCloseTo(0.841344746, 8); // Φ(1)
  });

  it('recovers the scale by maximum likelihood from simulated outcomes', () => {
    // margin = spread + N(0, 12²) → P(home wins) = Φ(spread/12)
    let seed = 7;
    const rand = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const normal = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
    const games = Array.from({ length: 6000 }, (_, i) => {
      const spread = Math.round((rand() * 20 - 10) * 2) / 2;
      const margin = spread + 12 * normal();
      return game({
        gameId: `g${i}`,
        home: 'H',
        away: 'A',
        day: 1 + (i % 28),
        spreadLine: spread,
        result: margin > 0 ? 1 : margin < 0 ? -1 : 0,
      });
    });
    const m = fitSpreadModel(games);
    expect(m.scale).toBeGreaterThan(11);
    expect(m.scale).toBeLessThan(13);
  });
});
