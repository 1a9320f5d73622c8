import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import type { AgentContext } from '../../src/abm/context.js';
import { MarketMaker } from '../../src/abm/agents/market-maker.js';
import { MarketMakerParamsSchema, parseModelConfig, type MarketMakerParams } from '../../src/abm/config.js';
import { ValidationError } from '../../src/core/errors.js';
import { Model } from '../../src/abm/model.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { omegaInProcess } from '../helpers/cli.js';

/**
 * A one-market stand-in for the exchange view a market maker reads: the test sets the mid, last price,
 * flow and the maker's position, and sees every order it sends or cancels.
 */
class FakeMarket {
  mid = 50;
  last = 50;
  flow = 0;
  position = 0;
  step = 0;
  private nextId = 1;
  readonly open = new Map<number, { side: 'bid' | 'ask'; price: number; qty: number }>();
  readonly sent: Array<{ step: number; side: 'bid' | 'ask'; price: number; qty: number }> = [];

  context(): AgentContext {
    const f = this as FakeMarket;
    return {
      get step() {
        return f.step;
      },
      activeCount: 1,
      activeMarket: () => 0,
      units: () => 100,
      mid: () => f.mid,
      lastPrice: () => f.last,
      signedFlow: () => f.flow,
      position: () => f.position,
      hasBid: () => false,
      hasAsk: () => false,
      bestBid: () => 0,
      bestAsk: () => 100,
      affordable: () => 1_000,
      isOpen: (id: number) => f.open.has(id),
      remaining: (id: number) => f.open.get(id)?.qty ?? 0,
      restingPrice: (id: number) => f.open.get(id)?.price ?? 0,
      amend: (id: number, price: number, qty: number) => {
        f.open.set(id, { ...f.open.get(id)!, price, qty });
        return true;
      },
      cancel: (id: number) => f.open.delete(id),
      submit: (side: 'bid' | 'ask', price: number, qty: number) => {
        const id = f.nextId++;
        f.open.set(id, { side, price, qty });
        f.sent.push({ step: f.step, side, price, qty });
        return id;
      },
    } as unknown as AgentContext;
  }

  /** One activation of `maker` at the next step. */
  look(maker: MarketMaker): void {
    this.step++;
    maker.step(this.context());
  }

  quoted(): Array<{ side: 'bid' | 'ask'; price: number; qty: number }> {
    return [...this.open.values()].sort((a, b) => a.side.localeCompare(b.side));
  }
}

/** A maker with fixed values: fair value = the latest mid/trade average, no flow impact, 20 contracts a side. */
function maker(p: Partial<MarketMakerParams> = {}): MarketMaker {
  const params = MarketMakerParamsSchema.parse({
    riskAversion: 0.01,
    liquidity: 1.5,
    minSpread: 2,
    maxSpread: 10,
    quoteSize: 20,
    maxInventory: 200,
    horizon: 10,
    fairValueSmoothing: 1,
    flowImpact: 0,
    withdrawalTrigger: 4,
    withdrawalSteps: 10,
    withdrawalSize: 0,
    ...p,
  });
  return new MarketMaker(0, 0, 0, Rng.derive(1, 'test-maker'), 100_000, params);
}

/** A maker that quoted at 50 (step 1), then saw its position become `position` and the price move to `price` (step 2). */
function afterFill(position: number, price: number, p: Partial<MarketMakerParams> = {}): { mm: MarketMaker; mkt: FakeMarket } {
  const mm = maker(p);
  const mkt = new FakeMarket();
  mkt.look(mm);
  mkt.position = position;
  mkt.mid = mkt.last = price;
  mkt.look(mm);
  return { mm, mkt };
}

describe('market makers withdraw liquidity after adverse fills', () => {
  it('pulls both quotes for withdrawalSteps steps after it bought and the fair value then fell by the trigger, then quotes again', () => {
    const mm = maker();
    const mkt = new FakeMarket();
    mkt.look(mm); // step 1: fair value 50
    expect(mkt.quoted().map((q) => q.qty)).toEqual([20, 20]);
    mkt.position = 20; // its bid was hit
    mkt.mid = 46;
    mkt.last = 46; // and the price fell 4 ticks: an adverse fill
    mkt.look(mm); // step 2
    expect(mm.withdrawals).toBe(1);
    expect(mkt.quoted()).toEqual([]);
    for (let s = 3; s <= 11; s++) mkt.look(mm);
    expect(mkt.quoted()).toEqual([]);
    expect(mm.withdrawnQuotes).toBe(10); // steps 2…11
    mkt.look(mm); // step 12 = 2 + 10: back
    expect(mkt.quoted().map((q) => q.qty)).toEqual([20, 20]);
    expect(mm.withdrawals).toBe(1);
  });

  it('also withdraws after it sold and the fair value rose by the trigger', () => {
    const { mm, mkt } = afterFill(-5, 55);
    expect(mm.withdrawals).toBe(1);
    expect(mkt.quoted()).toEqual([]);
  });

  it('keeps quoting after a move just under the trigger, a move in its favor, or a move without a fill', () => {
    for (const [position, price] of [
      [20, 46.5], // bought, fell 3.5 < 4 ticks
      [20, 58], // bought, rose: a good fill
      [0, 40], // not filled: the move costs it nothing
    ] as const) {
      const { mm, mkt } = afterFill(position, price);
      expect(mm.withdrawals, `position ${position}, price ${price}`).toBe(0);
      expect(mkt.quoted().length).toBe(2);
    }
  });

  it('never withdraws with withdrawalSteps 0 (the ablation)', () => {
    const { mm, mkt } = afterFill(20, 30, { withdrawalSteps: 0 });
    expect(mm.withdrawals).toBe(0);
    expect(mkt.quoted().map((q) => q.qty)).toEqual([20, 20]);
  });

  it('with withdrawalSize > 0 shows that share of its size at its widest spread', () => {
    const { mkt } = afterFill(20, 40, { withdrawalSize: 0.25 });
    const [ask, bid] = mkt.quoted();
    expect([bid!.qty, ask!.qty]).toEqual([5, 5]);
    // half-spread maxSpread/2 = 5 around r = 40 − q·γ·σ²·τ = 40 − 1 · 0.01 · 5.95 · 10 = 39.405
    // (σ² = 0.95 · 1 + 0.05 · (40 − 50)² = 5.95): bid ⌊34.405⌋ = 34, ask ⌈44.405⌉ = 45
    expect([bid!.price, ask!.price]).toEqual([34, 45]);
  });
});

describe('liquidity withdrawal configuration', () => {
  it('is on by default: 3–6 ticks, 20–50 steps, quotes pulled', () => {
    const mm = parseModelConfig({}).agents.marketMaker;
    expect([mm.withdrawalTrigger, mm.withdrawalSteps, mm.withdrawalSize]).toEqual([[3, 6], [20, 50], 0]);
  });

  it.each([
    [{ withdrawalSteps: -1 }, 'agents.marketMaker.withdrawalSteps'],
    [{ withdrawalSteps: 2.5 }, 'agents.marketMaker.withdrawalSteps'],
    [{ withdrawalSize: 1.5 }, 'agents.marketMaker.withdrawalSize'],
    [{ withdrawalTrigger: [6, 3] }, 'agents.marketMaker.withdrawalTrigger'],
  ])('refuses %j with one error naming the field', (bad, field) => {
    let err: unknown;
    try {
      parseModelConfig({ agents: { marketMaker: bad } });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ValidationError);
    const issues = (err as ValidationError).issues;
    expect(issues.map((i) => i.path)).toEqual([field]);
  });
});

describe('liquidity withdrawal in the model', () => {
  const small = { markets: { count: 2, stagger: 200, life: 300 } };

  it('happens in a run, and the same seed gives the same tape byte for byte', () => {
    const a = Model.create(small, 11, { env: {} }).run();
    const b = Model.create(small, 11, { env: {} }).run();
    const makers = a.family('marketMaker') as MarketMaker[];
    expect(makers.reduce((n, mm) => n + mm.withdrawals, 0)).toBeGreaterThan(0);
    expect(a.exchange.tape.hash()).toBe(b.exchange.tape.hash());
    expect((b.family('marketMaker') as MarketMaker[]).map((mm) => mm.withdrawals)).toEqual(makers.map((mm) => mm.withdrawals));
  });

  it('changes the tape when switched off (the ablation runs a different model on the same seed)', () => {
    const on = Model.create(small, 11, { env: {} }).run();
    const off = Model.create({ ...small, agents: { marketMaker: { withdrawalSteps: 0 } } }, 11, { env: {} }).run();
    expect((off.family('marketMaker') as MarketMaker[]).every((mm) => mm.withdrawals === 0 && mm.withdrawnQuotes === 0)).toBe(true);
    expect(off.exchange.tape.hash()).not.toBe(on.exchange.tape.hash());
  });

  it('a bad value in a config file is one clear error and exit code 2 from the CLI', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'omega-withdrawal-'));
    const file = path.join(dir, 'bad.yaml');
    writeFileSync(file, 'agents:\n  marketMaker: { withdrawalSize: 1.5 }\n');
    const r = await omegaInProcess(['simulate', '--config', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('agents.marketMaker.withdrawalSize must be in [0,1]');
    expect(r.stdout).toBe('');
  });
});
