import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { FamilyState } from '../../src/abm/agents/state.js';
import { draw } from '../../src/abm/params.js';
import { Homer, InformedTrader, Model, NoiseTrader } from '../../src/abm/index.js';

describe('FamilyState: per-market agent state in one array per family', () => {
  it('lays fields out market-major and fills each field with its starting value', () => {
    const s = new FamilyState({ a: 0, b: Number.NaN, c: 1 }, 3, 2);
    expect(s.data.length).toBe(3 * 3 * 2);
    const slot = s.slot(2);
    expect({ offset: slot.offset, stride: slot.stride }).toEqual({ offset: 6, stride: 9 });
    // agent 2, market 1 → fields at 1·9 + 6 … 1·9 + 8
    expect([slot.data[15], slot.data[16], slot.data[17]]).toEqual([0, Number.NaN, 1]);
    expect(Array.from(s.data).filter(Number.isNaN).length).toBe(6);
    expect(Array.from(s.data).filter((v) => v === 1).length).toBe(6);
  });

  it('refuses an agent index outside the family', () => {
    const s = new FamilyState({ a: 0 }, 2, 1);
    expect(() => s.slot(2)).toThrow(/agent index 2 outside 0…1/);
    expect(() => s.slot(-1)).toThrow(RangeError);
  });

  it('agents of one family share the array but never each other’s fields', () => {
    const m = Model.create(
      {
        steps: 60,
        markets: { count: 3, life: 60, stagger: 0 },
        agents: { noise: { count: 6 }, informed: { count: 4 }, arbitrageur: { count: 1 }, marketMaker: { count: 2 }, homer: { count: 5 } },
      },
      3,
    ).run();
    const homers = m.family('homer') as Homer[];
    // each homer's loyalty stays its own: a change to one fan's field leaves the others alone
    const before = homers.map((h) => [0, 1, 2].map((k) => h.loyalty(k)));
    homers[0]!.observe(1, 10);
    homers[0]!.observe(1, 90);
    const after = homers.map((h) => [0, 1, 2].map((k) => h.loyalty(k)));
    expect(after.slice(1)).toEqual(before.slice(1));
    expect(after[0]![1]).not.toBe(before[0]![1]);
    expect([after[0]![0], after[0]![2]]).toEqual([before[0]![0], before[0]![2]]);
    // informed traders hold a belief per market they looked at, each within (0, 1)
    for (const t of m.family('informed') as InformedTrader[])
      for (let k = 0; k < 3; k++) if (!Number.isNaN(t.belief(k))) expect(t.belief(k)).toBeGreaterThan(0);
    expect((m.family('noise') as NoiseTrader[]).some((n) => [0, 1, 2].some((k) => n.returnMemory(k) !== 0))).toBe(true);
  });

  it('an agent built on its own gets a private slot, with the same draws as one built into a family', () => {
    const m = Model.create({ steps: 1, markets: { count: 2, life: 10, stagger: 0 }, agents: { homer: { count: 2 } } }, 1);
    const inFamily = m.family('homer')[1] as Homer;
    const rng = Rng.derive(m.config.seed, 'agent', 'homer', 1);
    draw(m.config.agents.homer.cash, rng); // createAgents draws the cash first
    const alone = new Homer(0, 1, 0, rng, inFamily.capital, m.config.agents.homer, 2);
    expect([alone.loyalty(0), alone.loyalty(1)]).toEqual([inFamily.loyalty(0), inFamily.loyalty(1)]);
    alone.observe(0, 40);
    alone.observe(0, 60);
    expect(inFamily.loyalty(0)).toBe(inFamily.baseLoyalty);
  });
});
