import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { Model, randomTraderDecisions, type ModelConfigInput } from '../../src/abm/index.js';

/** Two games side by side (the second opens at step 150) and a small population. */
const small: ModelConfigInput = {
  steps: 300,
  markets: { count: 2, life: 300, stagger: 150 },
  agents: { noise: { count: 20 }, informed: { count: 8 }, arbitrageur: { count: 4 }, marketMaker: { count: 2 }, homer: { count: 12 } },
};

describe('reproducibility', () => {
  it('same config and seed give the same trade tape, data and outcome', () => {
    const a = Model.create(small, 11).run();
    const b = Model.create(small, 11).run();
    expect(a.manifest().tapeHash).toBe(b.manifest().tapeHash);
    expect(a.data.modelCsv()).toBe(b.data.modelCsv());
    expect(a.data.agentCsv()).toBe(b.data.agentCsv());
    expect(a.outcomes).toEqual(b.outcomes);
    expect(a.exchange.tape.length).toBeGreaterThan(100);
  });

  it('a different seed gives a different run', () => {
    expect(Model.create(small, 11).run().manifest().tapeHash).not.toBe(Model.create(small, 12).run().manifest().tapeHash);
  });

  it('golden tape hash: seed 7 on the small model (update only for a declared behavior change; last: market makers withdraw after adverse fills)', () => {
    const m = Model.create(small, 7).run();
    expect({ trades: m.exchange.tape.length, tapeHash: m.manifest().tapeHash }).toMatchInlineSnapshot(`
      {
        "tapeHash": "8a501bb8307ac1addd5a456183f9b43056b43bc1ccade4a392ebd4a35ebbd200",
        "trades": 455,
      }
    `);
  });

  it('the tape hash is the SHA-256 of the documented encoding, as openssl computes it from the trades themselves', () => {
    const m = Model.create(small, 7).run();
    const tape = m.exchange.tape;
    // time f64, market i32, price i32, qty f64, taker side u8, maker account i32, taker account i32 (little-endian)
    const rows = Buffer.alloc(tape.length * 33);
    for (let i = 0; i < tape.length; i++) {
      let o = rows.writeDoubleLE(tape.timeAt(i), i * 33);
      o = rows.writeInt32LE(tape.marketAt(i), o);
      o = rows.writeInt32LE(tape.priceAt(i), o);
      o = rows.writeDoubleLE(tape.qtyAt(i), o);
      o = rows.writeUInt8(tape.takerSideAt(i), o);
      o = rows.writeInt32LE(tape.makerAccountAt(i), o);
      rows.writeInt32LE(tape.takerAccountAt(i), o);
    }
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'omega-tape-')), 'tape.bin');
    writeFileSync(file, rows);
    const openssl = spawnSync('openssl', ['dgst', '-sha256', '-r', file], { encoding: 'utf8' });
    expect(openssl.status, openssl.stderr).toBe(0);
    expect(m.manifest().tapeHash).toBe(openssl.stdout.split(' ')[0]);
    // and the tape holds exactly the trades and contracts the data collector counted step by step
    const cols = m.data.model;
    expect(tape.length).toBe((cols.trades as number[]).reduce((a, b) => a + b, 0));
    let qty = 0;
    for (let i = 0; i < tape.length; i++) qty += tape.qtyAt(i);
    expect(qty).toBe((cols.volume as number[]).reduce((a, b) => a + b, 0));
    expect(new Set(Array.from({ length: tape.length }, (_, i) => tape.marketAt(i)))).toEqual(new Set([0, 1]));
  });

  it('the manifest carries config hash, seed, version, commit and Node version', () => {
    const man = Model.create(small, 3).run().manifest();
    expect(man).toMatchObject({ seed: 3, steps: 300, agents: 46, packageVersion: '0.1.0', node: process.version });
    expect(man.configHash).toMatch(/^[0-9a-f]{64}$/);
    expect(man.tapeHash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('random streams are independent per agent', () => {
  it('derived streams depend only on (seed, labels)', () => {
    const draws = (r: Rng) => [r.float(), r.float(), r.int(0, 1000)];
    expect(draws(Rng.derive(5, 'agent', 'noise', 3))).toEqual(draws(Rng.derive(5, 'agent', 'noise', 3)));
    expect(draws(Rng.derive(5, 'agent', 'noise', 3))).not.toEqual(draws(Rng.derive(5, 'agent', 'noise', 4)));
    expect(draws(Rng.derive(5, 'agent', 'noise', 3))).not.toEqual(draws(Rng.derive(6, 'agent', 'noise', 3)));
  });

  it('adding an agent leaves every other agent’s parameters and decisions unchanged', () => {
    const more: ModelConfigInput = { ...small, agents: { ...small.agents, informed: { count: 9 }, noise: { count: 21 } } };
    const a = Model.create(small, 21);
    const b = Model.create(more, 21);
    for (const x of a.agents) {
      const y = b.agents.find((z) => z.family === x.family && z.familyIndex === x.familyIndex)!;
      expect(y.capital).toBe(x.capital);
      expect(y.kind).toBe(x.kind);
      expect(y.rng.state()).toEqual(x.rng.state());
    }
    // the market differs (one more trader), yet each random trader decides exactly as before
    const da = randomTraderDecisions(small, 21);
    const db = randomTraderDecisions(more, 21);
    expect(Model.create(small, 21).run().manifest().tapeHash).not.toBe(Model.create(more, 21).run().manifest().tapeHash);
    expect(da.size).toBeGreaterThan(3);
    for (const [i, seq] of da) expect(db.get(i)).toEqual(seq);
  });

  it('an extra draw in one agent leaves every other agent’s decisions unchanged', () => {
    const base = randomTraderDecisions(small, 21);
    const firstRandom = [...base.keys()][0]!;
    const perturbed = randomTraderDecisions(small, 21, { extraDrawFor: firstRandom });
    let changed = false;
    for (const [i, seq] of base) {
      if (i === firstRandom) changed = JSON.stringify(perturbed.get(i)) !== JSON.stringify(seq);
      else expect(perturbed.get(i)).toEqual(seq);
    }
    expect(changed).toBe(true); // the perturbed agent itself does change
  });
});
