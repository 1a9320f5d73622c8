import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import {
  checkDashboardLimits,
  configFor,
  DASHBOARD_LIMITS,
  mergePace,
  mergeSettings,
  settingsFromConfig,
} from '../../src/dashboard/index.js';
import { parseModelConfig } from '../../src/abm/index.js';

const base = settingsFromConfig(parseModelConfig({}));

function refusal(request: unknown): string {
  try {
    mergeSettings(base, request);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(request)}`);
}

describe('dashboard controls: validation at the boundary', () => {
  it('names the field, what it must be and what it got', () => {
    expect(refusal({ counts: { noise: -5 } })).toContain('counts.noise must be a whole number from 0 to 5,000 (got -5)');
    expect(refusal({ counts: { noise: 'abc' } })).toContain('counts.noise must be a whole number from 0 to 5,000 (got "abc")');
    expect(refusal({ counts: { noise: '' } })).toContain('counts.noise must be a whole number from 0 to 5,000 (got "")');
    expect(refusal({ counts: { noise: 2.5 } })).toContain('(got 2.5)');
    expect(refusal({ counts: { dragons: 3 } })).toContain(
      'counts.dragons is not an agent family; use one of noise, informed, arbitrageur, marketMaker, homer, llm',
    );
    expect(refusal({ initialProbability: 1.5 })).toContain('initialProbability must be a number from 0.01 to 0.99 (got 1.5)');
    expect(refusal({ initialProbability: '0.7-0.2' })).toContain('min ≤ max');
    expect(refusal({ seed: -1 })).toContain('seed must be a whole number');
    expect(refusal({ speed: 3 })).toMatch(/unknown key "speed"/);
    expect(refusal({ counts: { noise: 5000, informed: 5000, arbitrageur: 5000, marketMaker: 5000, homer: 5000 } })).toContain(
      'counts add up to 25,005 agents; the dashboard runs at most 20,000',
    );
  });

  it('lists every problem of one request', () => {
    const e = (() => {
      try {
        mergeSettings(base, { counts: { noise: -1, homer: 'x' }, seed: 'y' });
      } catch (err) {
        return err as ValidationError;
      }
    })()!;
    expect(e.issues.map((i) => i.path).sort()).toEqual(['counts.homer', 'counts.noise', 'seed']);
  });

  it('accepts numerals typed into a box, ranges, and leaves missing fields as they were', () => {
    const s = mergeSettings(base, { counts: { noise: ' 12 ', llm: 0 }, seed: '7', initialProbability: '0.35' });
    expect(s).toEqual({ seed: 7, initialProbability: 0.35, counts: { ...base.counts, noise: 12, llm: 0 } });
    expect(mergeSettings(base, { initialProbability: '0.4-0.6' }).initialProbability).toEqual([0.4, 0.6]);
    expect(mergeSettings(base, { initialProbability: [0.2, 0.3] }).initialProbability).toEqual([0.2, 0.3]);
    expect(mergeSettings(base, {})).toEqual(base);
  });

  it('pace: whole numbers within the limits', () => {
    expect(mergePace({ stepsPerSecond: 50, renderInterval: 1 }, { renderInterval: '5' })).toEqual({
      stepsPerSecond: 50,
      renderInterval: 5,
    });
    expect(() => mergePace({ stepsPerSecond: 50, renderInterval: 1 }, { stepsPerSecond: DASHBOARD_LIMITS.stepsPerSecond.max + 1 })).toThrow(
      /stepsPerSecond must be a whole number from 1 to 100,000/,
    );
  });

  it('settings become a config: counts, seed and initial probability replaced, everything else kept', () => {
    const cfg0 = parseModelConfig({ steps: 777, agents: { informed: { signalQuality: 0.9 } } });
    const s = mergeSettings(settingsFromConfig(cfg0), { seed: 3, counts: { noise: 4 }, initialProbability: 0.2 });
    const cfg = configFor(cfg0, s);
    expect(cfg).toEqual(
      parseModelConfig({
        steps: 777,
        seed: 3,
        markets: { initialProbability: 0.2 },
        agents: { noise: { count: 4 }, informed: { signalQuality: 0.9 } },
      }),
    );
    expect(settingsFromConfig(cfg)).toEqual(s);
  });

  it('a config the page could not reset to is refused at start, naming the config key', () => {
    expect(() => checkDashboardLimits(parseModelConfig({ agents: { noise: { count: 6000 } } }))).toThrow(
      'agents.noise.count is 6,000; the dashboard runs at most 5,000 per family (use omega simulate for bigger runs)',
    );
    expect(() =>
      checkDashboardLimits(
        parseModelConfig({
          agents: { noise: { count: 5000 }, informed: { count: 5000 }, arbitrageur: { count: 5000 }, homer: { count: 5000 } },
        }),
      ),
    ).toThrow('the population is 20,010 agents; the dashboard runs at most 20,000');
    expect(() => checkDashboardLimits(parseModelConfig({}))).not.toThrow();
  });
});
