import { describe, expect, it } from 'vitest';
import { expectedPnlByFamily, kellyContracts, kellyFraction, MarketMaker, Model, positionLimit, summarize } from '../../src/abm/index.js';

describe('agent families', () => {
  it('every family trades (risk limits are relative to each agent’s own capital)', () => {
    const s = summarize(Model.create({ steps: 1000 }, 5).run());
    for (const f of s.families.filter((x) => x.agents > 0)) {
      expect(f.tradingAgents, `${f.family}: ${f.tradingAgents}/${f.agents} traded`).toBeGreaterThanOrEqual(Math.ceil(0.8 * f.agents));
      expect(f.orders).toBeGreaterThan(0);
    }
  });

  it('informed traders beat noise traders on average across seeds', () => {
    const informed: number[] = [];
    const noise: number[] = [];
    for (let seed = 1; seed <= 16; seed++) {
      const m = Model.create({ steps: 2000 }, seed);
      m.run({ steps: 1999 }); // stop before resolution: mark at the truth
      const pnl = expectedPnlByFamily(m);
      informed.push(pnl.informed);
      noise.push(pnl.noise);
    }
    const mean = (x: number[]) => x.reduce((a, b) => a + b, 0) / x.length;
    expect(mean(informed)).toBeGreaterThan(mean(noise));
    expect(mean(noise)).toBeLessThan(0);
    // paired: in most seeds the informed family does better than the noise family
    expect(informed.filter((x, i) => x > noise[i]!).length).toBeGreaterThanOrEqual(12);
  });

  it('market makers quote both sides and never hold more than their inventory limit', () => {
    for (const seed of [1, 2, 3]) {
      // agent reporters at their default interval: the limits are read from the accounts each step, and collecting
      // every agent every step (as this test once did) tripled its cost without changing the tape
      const m = Model.create({ steps: 800 }, seed);
      const makers = m.family('marketMaker') as MarketMaker[];
      let twoSided = 0;
      m.run({
        onStep: (model) => {
          for (const mm of makers) expect(Math.abs(model.accountOf(mm).qty(0))).toBeLessThanOrEqual(mm.maxInventory);
          if (model.markets[0]!.book.hasBid() && model.markets[0]!.book.hasAsk()) twoSided++;
        },
      });
      expect(twoSided / 800).toBeGreaterThan(0.9);
      for (const mm of makers) expect(mm.peakInventory).toBeLessThanOrEqual(mm.maxInventory);
    }
  });

  it('the price tracks the true probability', () => {
    const s = summarize(Model.create({ steps: 1500 }, 9).run());
    expect(s.markets[0]!.meanAbsError).toBeLessThan(5); // ticks
    expect(s.markets[0]!.meanSpread).toBeLessThan(6);
  });

  it('conserves money: after settlement, cash + fees equal deposits and no position or reservation is left', () => {
    const m = Model.create({ steps: 400 }, 4).run();
    const a = m.exchange.audit();
    expect(a.cash + a.fees).toBe(a.deposited);
    expect(a.reserved).toBe(0);
    expect(a.openPairValue).toBe(0);
    for (const agent of m.agents) expect(m.accountOf(agent).cash).toBeGreaterThanOrEqual(0);
  });
});

describe('model API', () => {
  it('step, run({ steps }), run({ until }) and resolution at the end', () => {
    const m = Model.create({ steps: 100 }, 1);
    m.step();
    expect(m.t).toBe(1);
    m.run({ steps: 10 });
    expect(m.t).toBe(11);
    m.run({ until: (x) => x.t >= 40 });
    expect(m.t).toBe(40);
    expect(m.resolved).toBe(false);
    m.run();
    expect(m.t).toBe(100);
    expect(m.resolved).toBe(true);
    expect(m.outcomes![0]!.resolution).toMatch(/^(yes|no)$/);
    expect(() => m.step()).toThrow(/run is over/);
  });

  it('collects typed model and agent reporters into columns and DataFrames', () => {
    const m = Model.create({ steps: 50, agentCollectEvery: 10 }, 1, {
      modelReporters: { depth_bid: (_m, s) => s.book.sideQty(0) },
      agentReporters: { double_cash: (a, model) => 2 * model.accountOf(a).cash },
    }).run();
    expect(m.data.modelRowCount).toBe(51); // step 0 … 50
    expect(Object.keys(m.data.model)).toEqual(
      expect.arrayContaining([
        'step',
        'market',
        'last_price',
        'mid',
        'best_bid',
        'best_ask',
        'spread',
        'volume',
        'trades',
        'true_probability',
        'depth_bid',
      ]),
    );
    expect(Object.keys(m.data.agents)).toEqual(
      expect.arrayContaining(['step', 'id', 'family', 'cash', 'position', 'wealth', 'realized_pnl', 'double_cash']),
    );
    expect(m.data.agentRowCount).toBe(115 * 6); // 115 agents (LLM agents left out) at steps 0, 10, 20, 30, 40, 50
    const df = m.data.modelFrame();
    expect(df.shape).toEqual([51, 12]);
    const json = JSON.parse(m.data.modelJson()) as Array<Record<string, unknown>>;
    expect(json).toHaveLength(51);
    expect(json[0]).toMatchObject({ step: 0, market: 'OMEGA-SIM-1' });
    expect(JSON.parse(m.data.agentJson())).toHaveLength(115 * 6);
    expect(m.data.modelCsv().split('\n')[0]).toBe(
      'step,market,last_price,mid,best_bid,best_ask,spread,volume,trades,signed_flow,true_probability,depth_bid',
    );
  });
});

describe('risk layer', () => {
  // Kelly for a binary contract paying 1 at price c with win probability p: f* = (p − c)/(1 − c)
  // (Kelly 1956; e.g. p = 0.6, c = 0.5 → 0.2 of bankroll).
  it('computes Kelly fractions and stakes', () => {
    expect(kellyFraction(0.6, 0.5)).toBeCloseTo(0.2, 12);
    expect(kellyFraction(0.4, 0.5)).toBe(0);
    expect(kellyContracts(0.6, 0.5, 10_000, 0.5)).toBe(20); // ½ × 0.2 × $100 = $10 → 20 contracts at 50¢
    expect(positionLimit(10_000, 0.5, 0.25)).toBe(200); // $50 of 25¢ contracts
  });
});
