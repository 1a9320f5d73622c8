import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import { configHash, defaultModelConfig, loadModelConfig, Model, parseModelConfig } from '../../src/abm/index.js';

function errorOf(f: () => unknown): ValidationError {
  try {
    f();
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error('expected a ValidationError');
}

describe('model config', () => {
  it('defaults to the reference population: 50 noise, 20 informed, 10 arbitrageurs, 5 market makers, 30 homers, 5 LLM agents', () => {
    const c = defaultModelConfig();
    expect([
      c.agents.noise.count,
      c.agents.informed.count,
      c.agents.arbitrageur.count,
      c.agents.marketMaker.count,
      c.agents.homer.count,
      c.agents.llm.count,
    ]).toEqual([50, 20, 10, 5, 30, 5]);
    // without an endpoint the 5 LLM agents are left out, with a notice
    const m = Model.create({}, 42, { env: {} });
    expect(m.agents).toHaveLength(115);
    expect(m.notices.join(' ')).toMatch(/5 LLM agent\(s\) left out: no language-model endpoint is configured/);
  });

  it('runs a season of 36 games until the last resolves unless steps are given', () => {
    const c = defaultModelConfig();
    expect(c.markets).toMatchObject({ count: 36, life: 1000, stagger: 250 });
    expect(c.steps).toBe(35 * 250 + 1000);
    expect(parseModelConfig({ markets: { count: 4, life: 100, stagger: 0 } }).steps).toBe(100);
    expect(parseModelConfig({ steps: 700 }).steps).toBe(700);
  });

  it('configs/default.yaml is the same model as no file at all', () => {
    expect(configHash(loadModelConfig('configs/default.yaml'))).toBe(configHash(defaultModelConfig()));
  });

  it.each([
    [{ agents: { informed: { signalQuality: 1.5 } } }, 'agents.informed.signalQuality must be in [0,1]'],
    [{ agents: { informed: { signalQuality: [0.9, 0.2] } } }, 'agents.informed.signalQuality: range must be [min, max] with min ≤ max'],
    [{ agents: { noise: { count: -1 } } }, 'agents.noise.count must be a whole number ≥ 0'],
    [{ agents: { noise: { countt: 5 } } }, 'agents.noise: unknown key "countt"'],
    [{ agents: { whales: {} } }, 'agents: unknown key "whales"'],
    [{ steps: -1 }, 'steps must be a whole number ≥ 0'],
    [{ markets: { fundamental: { volatility: 0.03 } } }, 'markets.fundamental was replaced by markets.truth'],
    [{ markets: { truth: { source: 'espn' } } }, 'markets.truth.source must be score (the simulated game) or nfl'],
    [{ markets: { life: 5 } }, 'markets.life must be a whole number in [10,1000000]'],
    [{ markets: { fees: 'free' } }, 'markets.fees must be one of kalshi, kalshi_maker, none'],
    [{ agents: { noise: { shortWindow: 50, longWindow: 20 } } }, 'agents.noise.shortWindow must be shorter than agents.noise.longWindow'],
  ])('rejects %j naming the field', (input, message) => {
    const e = errorOf(() => parseModelConfig(input));
    expect(e.message).toContain(message);
    expect(e.issues.length).toBeGreaterThan(0);
  });

  it('reads YAML and JSON files and names the file in errors', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'omega-cfg-'));
    const good = path.join(dir, 'm.yaml');
    writeFileSync(good, 'steps: 300\nagents:\n  noise: { count: 3 }\n');
    expect(loadModelConfig(good).agents.noise.count).toBe(3);
    const json = path.join(dir, 'm.json');
    writeFileSync(json, JSON.stringify({ seed: 9 }));
    expect(loadModelConfig(json).seed).toBe(9);
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, 'agents:\n  informed:\n    signalQuality: 2\n');
    expect(errorOf(() => loadModelConfig(bad)).message).toMatch(
      /config file .*bad\.yaml[\s\S]*agents\.informed\.signalQuality must be in \[0,1\]/,
    );
    const broken = path.join(dir, 'broken.yaml');
    writeFileSync(broken, 'steps: [1, 2\n');
    expect(errorOf(() => loadModelConfig(broken)).message).toMatch(/broken\.yaml is not valid YAML/);
    expect(errorOf(() => loadModelConfig(path.join(dir, 'missing.yaml'))).message).toMatch(/cannot read config file/);
  });

  it('hashes configs canonically and independently of the seed', () => {
    expect(configHash(parseModelConfig({ seed: 1 }))).toBe(configHash(parseModelConfig({ seed: 2 })));
    expect(configHash(parseModelConfig({ steps: 10 }))).not.toBe(configHash(parseModelConfig({ steps: 11 })));
  });
});
