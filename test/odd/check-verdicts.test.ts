import { describe, expect, it } from 'vitest';
import { CHECKS, CheckContext, configValues, renderedDefaults, runCheck, type CheckResult } from '../../src/odd/index.js';
import { llmExclusion } from '../../src/odd/check-inputs.js';
import { buildOddDocument, DECLARED_SENSING } from '../../src/odd/index.js';
import { DEFAULT_AGENT_REPORTERS, DEFAULT_MODEL_REPORTERS } from '../../src/abm/collector.js';
import { defaultModelConfig, Model, type ModelConfig } from '../../src/abm/index.js';
import type { SuiteResult } from '../../src/facts/suite.js';

/**
 * Each check's verdict on hand-built evidence: evidence that must pass, and for every condition of the
 * verdict a piece of evidence that breaks only that condition and must fail (the reason is in the test name).
 * odd.test.ts runs the checks on the model itself; here the judges are pinned at their boundaries.
 */
const judge = (name: string, evidence: unknown): CheckResult => CHECKS[name]!.judge(evidence);
const passes = (name: string, evidence: unknown) => {
  const r = judge(name, evidence);
  expect(r.pass, r.detail).toBe(true);
  return r.detail;
};
const fails = (name: string, evidence: unknown) => {
  const r = judge(name, evidence);
  expect(r.pass, r.detail).toBe(false);
  return r.detail;
};
const seasons = (pairs: Array<[number, number]>) => pairs.map(([informed, noise]) => ({ informed, noise }));

describe('informed-beat-noise', () => {
  // 7 of 10 seasons ahead is the 70 % the check asks for
  const sevenOfTen = seasons([...Array<[number, number]>(7).fill([30, 10]), ...Array<[number, number]>(3).fill([0, 10])]);
  it('passes when informed traders lead on average and in 7 of 10 seasons', () => {
    // means: informed (7·30 + 3·0)/10 = 21, noise 10
    expect(passes('informed-beat-noise', sevenOfTen)).toBe(
      'mean P&L per agent over 10 seasons: informed 21¢, noise 10¢; informed ahead in 7/10',
    );
  });
  it('fails when they lead in only 6 of 10 seasons (below 70 %)', () => {
    fails('informed-beat-noise', seasons([...Array<[number, number]>(6).fill([40, 10]), ...Array<[number, number]>(4).fill([0, 10])]));
  });
  it('fails when they lead in most seasons but lose on average (one large loss)', () => {
    // informed mean (7·30 − 300·3)/10 = −69 < noise 10
    fails('informed-beat-noise', seasons([...Array<[number, number]>(7).fill([30, 10]), ...Array<[number, number]>(3).fill([-300, 10])]));
  });
  it('fails on equal means, a tie in every season', () => {
    fails(
      'informed-beat-noise',
      seasons([
        [10, 10],
        [10, 10],
      ]),
    );
  });
  it('fails on no seasons at all', () => {
    fails('informed-beat-noise', []);
  });
  it('counts a tied season as not ahead (6 ahead, 1 tie: 6 of 10)', () => {
    fails(
      'informed-beat-noise',
      seasons([...Array<[number, number]>(6).fill([40, 10]), [10, 10], ...Array<[number, number]>(3).fill([0, 10])]),
    );
  });
  it('fails on equal means though informed traders lead in 8 of 10 seasons', () => {
    // informed (8·15 − 2·20)/10 = 8, noise 8
    fails('informed-beat-noise', seasons([...Array<[number, number]>(8).fill([15, 8]), ...Array<[number, number]>(2).fill([-20, 8])]));
  });
});

describe('every-family-trades', () => {
  it('passes when every family has at least 80 % of its agents trading', () => {
    expect(
      passes('every-family-trades', [
        { family: 'noise', share: 1 },
        { family: 'homer', share: 0.8 },
      ]),
    ).toBe('noise 100%, homer 80% of agents traded');
  });
  it('fails when one family has 79 % trading', () => {
    fails('every-family-trades', [
      { family: 'noise', share: 1 },
      { family: 'homer', share: 0.79 },
    ]);
  });
  it('fails when no family was present', () => {
    fails('every-family-trades', []);
  });
});

describe('mm-inventory-limits', () => {
  it('passes exactly at the limit and below it', () => {
    expect(passes('mm-inventory-limits', 0)).toContain('closest: 0 contracts below');
    expect(passes('mm-inventory-limits', -3)).toContain('closest: 3 contracts below');
  });
  it('fails one contract over the limit', () => {
    expect(fails('mm-inventory-limits', 1)).toBe('a market maker exceeded its limit by 1 contracts');
  });
});

describe('homer-loyalty', () => {
  // 0.1 + 5 ticks · 0.01 = 0.15; ten looks at no change pull 1 % of the gap back: 0.1 + 0.05 · 0.99^10
  const faded = 0.1 + 0.05 * 0.99 ** 10;
  it('passes on the closed-form path', () => {
    expect(passes('homer-loyalty', { reinforced: 0.15, faded, capped: 0.3 })).toContain('(expected 0.15)');
  });
  it.each([
    ['reinforced too far (0.16)', { reinforced: 0.16, faded, capped: 0.3 }],
    ['reinforced too little (0.14)', { reinforced: 0.14, faded, capped: 0.3 }],
    ['faded too far (0.11)', { reinforced: 0.15, faded: 0.11, capped: 0.3 }],
    ['not faded at all (0.15)', { reinforced: 0.15, faded: 0.15, capped: 0.3 }],
    ['capped above 0.3', { reinforced: 0.15, faded, capped: 0.31 }],
    ['stopped below the cap', { reinforced: 0.15, faded, capped: 0.29 }],
  ])('fails when loyalty %s', (_why, evidence) => {
    fails('homer-loyalty', evidence);
  });
});

describe('homer-bounded', () => {
  it('reports the margin below the cap', () => {
    expect(passes('homer-bounded', { overCap: -0.05, errors: [2] })).toContain('(largest margin 0.05)');
  });
  it('passes with loyalty at the cap and every season under 5¢ of error', () => {
    expect(passes('homer-bounded', { overCap: 0, errors: [2, 4.99] })).toBe(
      "loyalty stayed at or below every fan's cap in every market (largest margin 0.00); mean |price − truth| per season 2.00–4.99¢ in 2 seasons (a runaway loop would push a season past 5¢)",
    );
  });
  it('passes within 1e-12 of the cap (floating-point rounding)', () => {
    passes('homer-bounded', { overCap: 1e-12, errors: [2] });
  });
  it('fails when one fan is 0.01 above its cap', () => {
    fails('homer-bounded', { overCap: 0.01, errors: [2, 3] });
  });
  it('fails when a season drifts 5¢ from the truth', () => {
    fails('homer-bounded', { overCap: 0, errors: [2, 5] });
  });
  it('fails on no seasons', () => {
    fails('homer-bounded', { overCap: 0, errors: [] });
  });
});

describe('homer-fallacy', () => {
  it('passes when only the fallacy-prone fan marks YES down to 0.45 after 3 rises', () => {
    expect(passes('homer-fallacy', { on: 0.45, off: 0.5 })).toBe(
      'after 3 rises a fallacy-prone fan values YES at 0.45 (expects a fall); without the fallacy 0.50',
    );
  });
  it.each([
    ['the fan without the fallacy also moves', { on: 0.45, off: 0.45 }],
    ['the fan without the fallacy moves up', { on: 0.45, off: 0.55 }],
    ['the fallacy-prone fan expects a further rise', { on: 0.55, off: 0.5 }],
    ['the fallacy-prone fan does not move', { on: 0.5, off: 0.5 }],
  ])('fails when %s', (_why, evidence) => {
    fails('homer-fallacy', evidence);
  });
});

describe('llm-excluded-without-endpoint', () => {
  const notice = '3 LLM agent(s) left out: no language-model endpoint is configured';
  it('passes when no LLM agent was created and the notice says why', () => {
    expect(passes('llm-excluded-without-endpoint', { requested: 3, llmAgents: 0, notices: ['other', notice] })).toBe('notice: other');
  });
  it('fails when LLM agents were created anyway', () => {
    expect(fails('llm-excluded-without-endpoint', { requested: 3, llmAgents: 3, notices: [notice] })).toBe(
      '3 LLM agents were created without an endpoint',
    );
  });
  it('fails when they were left out silently', () => {
    fails('llm-excluded-without-endpoint', { requested: 3, llmAgents: 0, notices: ['some other notice'] });
  });
  it('fails when the notice counts other agents than were asked for', () => {
    fails('llm-excluded-without-endpoint', { requested: 4, llmAgents: 0, notices: [notice] });
  });
  it('gathers from a model built without an endpoint, and the same model with one gets its LLM agents (and fails the check)', () => {
    const without = llmExclusion({});
    expect(without).toEqual({ requested: 3, llmAgents: 0, notices: [expect.stringMatching(/^3 LLM agent\(s\) left out: /)] });
    passes('llm-excluded-without-endpoint', without);
    // 127.0.0.1:9 (discard): building the model sends nothing; the agents would call it only when stepped
    const withEndpoint = llmExclusion({ OMEGA_LLM_URL: 'http://127.0.0.1:9/v1/chat/completions' });
    expect(withEndpoint.llmAgents).toBe(3);
    fails('llm-excluded-without-endpoint', withEndpoint);
  });
});

describe('llm-reply-validated', () => {
  it('passes when the valid reply is accepted and all four bad ones rejected', () => {
    expect(passes('llm-reply-validated', { good: true, bad: [false, false, false, false] })).toContain('valid JSON decision accepted; 4/4');
  });
  it('fails when the valid reply is rejected', () => {
    expect(fails('llm-reply-validated', { good: false, bad: [false, false, false, false] })).toContain('REJECTED');
  });
  it('fails when one bad reply is accepted', () => {
    expect(fails('llm-reply-validated', { good: true, bad: [false, false, true, false] })).toBe(
      'valid JSON decision accepted; 3/4 bad replies (prose, out-of-range price, unknown side, missing reason) rejected',
    );
  });
  it('fails when no bad reply was tried', () => {
    fails('llm-reply-validated', { good: true, bad: [] });
  });
});

describe('mm-two-sided', () => {
  it('passes at 90 % and fails at 89.9 %', () => {
    expect(passes('mm-two-sided', 0.9)).toBe('book two-sided in 90.0% of (step, trading market) pairs');
    fails('mm-two-sided', 0.899);
  });
});

describe('arbitrageurs-close', () => {
  it('passes when some close orders filled, each for at least one contract', () => {
    expect(passes('arbitrageurs-close', { attempts: 10, closes: 4, contracts: 4 })).toBe(
      '4 of 10 close orders filled, closing 4 contracts (counted from the position before and after each order)',
    );
    passes('arbitrageurs-close', { attempts: 4, closes: 4, contracts: 9 });
  });
  it('fails when no close order filled', () => {
    fails('arbitrageurs-close', { attempts: 40, closes: 0, contracts: 0 });
  });
  it('fails when fewer contracts than filled orders were closed (an order closed nothing)', () => {
    fails('arbitrageurs-close', { attempts: 10, closes: 4, contracts: 3 });
  });
  it('fails when more orders filled than were sent', () => {
    fails('arbitrageurs-close', { attempts: 3, closes: 4, contracts: 4 });
  });
});

describe('conservation', () => {
  // 900 cash + 0 reserved + 80 in open YES/NO pairs + 20 fees = 1000 deposited
  const sound = { deposited: 1000, cash: 900, reserved: 0, openPairValue: 80, fees: 20, yesHeld: [3, 0], noHeld: [3, 0] };
  it('passes when cash, open pairs and fees add up to the deposits and every YES has its NO', () => {
    expect(passes('conservation', [sound, sound])).toBe('money and contracts conserved in 2 settled seasons');
  });
  it.each([
    ['a cent is missing', { ...sound, cash: 899 }],
    ['a cent is left reserved after settlement', { ...sound, cash: 890, reserved: 10 }],
    ['a YES contract has no NO', { ...sound, noHeld: [2, 0] }],
  ])('fails when %s', (_why, broken) => {
    expect(fails('conservation', [sound, broken])).toBe('1 seasons broke conservation');
  });
  it('fails on no seasons', () => {
    fails('conservation', []);
  });
});

describe('reproducible', () => {
  it('passes when the same seed repeats the tape and the next seed changes it', () => {
    expect(passes('reproducible', { a: 'abcdef0123456789', b: 'abcdef0123456789', c: 'ffffeeeeddddcccc' })).toBe(
      'tape abcdef012345… then abcdef012345…; seed+1 gives ffffeeeedddd…',
    );
  });
  it('fails when the same seed gives another tape', () => {
    fails('reproducible', { a: 'aa', b: 'ab', c: 'cc' });
  });
  it('fails when the next seed gives the same tape (the seed is ignored)', () => {
    fails('reproducible', { a: 'aa', b: 'aa', c: 'aa' });
  });
});

describe('stream-independence', () => {
  it('passes when every trader decided identically', () => {
    expect(passes('stream-independence', { same: 33, total: 33 })).toBe(
      '33/33 random-style traders decided identically after adding two agents',
    );
  });
  it('fails when three traders changed their decisions', () => {
    fails('stream-independence', { same: 30, total: 33 });
  });
  it('fails when there were no traders to compare', () => {
    fails('stream-independence', { same: 0, total: 0 });
  });
});

describe('random-activation', () => {
  // 11 agents: a numeric sort puts 10 last; a string sort would put it after 1
  const first = [10, 3, 7, 0, 9, 1, 4, 8, 2, 6, 5];
  const second = [2, 9, 0, 10, 5, 7, 1, 3, 6, 4, 8];
  it('passes when each step is a permutation of all agents and consecutive steps differ', () => {
    expect(passes('random-activation', { first, second, agents: 11 })).toBe(
      'each step activates all 11 agents once (a permutation); consecutive orders differ',
    );
  });
  it('fails when an agent is activated twice', () => {
    expect(fails('random-activation', { first: [0, 1, 1], second: [1, 0, 2], agents: 3 })).toContain('NOT a permutation');
  });
  it('fails when an agent is left out', () => {
    fails('random-activation', { first: [0, 1], second: [1, 0], agents: 3 });
  });
  it('fails when the order repeats (no reshuffle between steps)', () => {
    expect(fails('random-activation', { first, second: [...first], agents: 11 })).toContain('are the same');
  });
});

describe('sensing-declared', () => {
  it('passes when each family reads only what the ODD document declares', () => {
    expect(passes('sensing-declared', [{ family: 'noise', calls: ['bestAsk', 'mid'] }])).toBe('noise: bestAsk, mid');
    expect(DECLARED_SENSING.noise).toEqual(expect.arrayContaining(['bestAsk', 'mid']));
  });
  it('lists what each family read', () => {
    expect(
      passes('sensing-declared', [
        { family: 'noise', calls: ['bestAsk', 'mid'] },
        { family: 'informed', calls: ['trueProbability'] },
      ]),
    ).toBe('noise: bestAsk, mid | informed: trueProbability');
  });
  it('names every undeclared read', () => {
    expect(
      fails('sensing-declared', [
        { family: 'noise', calls: ['trueProbability', 'mid'] },
        { family: 'homer', calls: ['trueProbability'] },
      ]),
    ).toBe('noise read trueProbability; homer read trueProbability');
  });
  it('fails when a noise trader reads the true probability (undeclared)', () => {
    expect(fails('sensing-declared', [{ family: 'noise', calls: ['mid', 'trueProbability'] }])).toBe('noise read trueProbability');
  });
  it('fails when an unknown family reads anything', () => {
    fails('sensing-declared', [{ family: 'whale', calls: ['mid'] }]);
  });
  it('fails when nothing was traced', () => {
    fails('sensing-declared', []);
  });
});

describe('interaction-only-via-orders', () => {
  it('passes when no agent holds another agent, the model or the exchange', () => {
    expect(passes('interaction-only-via-orders', { leaks: [], agents: 5 })).toBe(
      'no agent field refers to another agent, the model or the exchange (5 agents)',
    );
  });
  it('fails when a noise trader holds the model', () => {
    expect(fails('interaction-only-via-orders', { leaks: ['noise.model', 'homer.peer'], agents: 5 })).toBe(
      'references found: noise.model, homer.peer',
    );
  });
  it('fails when there were no agents to inspect', () => {
    fails('interaction-only-via-orders', { leaks: [], agents: 0 });
  });
});

describe('no-ambient-randomness', () => {
  it('passes with no hits and names each hit otherwise', () => {
    expect(passes('no-ambient-randomness', [])).toBe('no Math.random or Date.now in src/ outside the clock module');
    expect(fails('no-ambient-randomness', ['abm/agents/noise.ts:12', 'core/x.ts:3'])).toBe(
      'ambient calls at abm/agents/noise.ts:12, core/x.ts:3',
    );
  });
});

describe('observation-reporters', () => {
  // the collector's reporters are the spec: one model row per market at steps 0, 2, …, 40 (21) and one
  // agent row per agent at steps 0, 10, …, 40 (5 each)
  const modelCols = ['step', 'market', ...Object.keys(DEFAULT_MODEL_REPORTERS)];
  const agentCols = ['step', ...Object.keys(DEFAULT_AGENT_REPORTERS)];
  const sound = { modelCols, agentCols, modelRows: 21, agentRows: 5 * 7, agents: 7 };
  it('passes with every reporter as a column and the expected row counts', () => {
    expect(passes('observation-reporters', sound)).toBe(
      `model columns ${modelCols.join(',')}; 21 model rows (21 expected) and 35 agent rows (35 expected) for 40 steps collected every 2 / 10`,
    );
  });
  it.each([
    ['a model row is missing (20 of 21)', { ...sound, modelRows: 20 }],
    ['an agent was collected at an extra step', { ...sound, agentRows: 6 * 7 }],
    ['the step column is missing from the model table', { ...sound, modelCols: modelCols.slice(1) }],
    ['an agent reporter is missing', { ...sound, agentCols: agentCols.slice(0, -1) }],
  ])('fails when %s', (_why, evidence) => {
    fails('observation-reporters', evidence);
  });
});

describe('initial-state', () => {
  const sound = { flat: true, inRange: true, emptyBooks: true, sameSeedSame: true, nextSeedDiffers: true };
  it('passes when every condition holds', () => {
    passes('initial-state', sound);
  });
  it.each(Object.keys(sound))('fails when %s is false', (key) => {
    expect(fails('initial-state', { ...sound, [key]: false })).toContain(': false');
  });
});

describe('truth-martingale', () => {
  const row = (step: number, slope: number, calibrated: boolean) => ({ step, slope, ci: [slope - 0.1, slope + 0.1], calibrated });
  it('passes when every horizon is calibrated', () => {
    expect(passes('truth-martingale', [row(10, 1.02, true), row(50, 0.97, true)])).toBe(
      'outcome on p_t at 2 horizons: slopes 1.02, 0.97; 2/2 intervals (Bonferroni) hold slope 1 and intercept 0',
    );
  });
  it('fails when one horizon is not calibrated', () => {
    expect(fails('truth-martingale', [row(10, 1.02, true), row(50, 0.6, false)])).toContain('1/2 intervals');
  });
  it('fails with no horizons', () => {
    fails('truth-martingale', []);
  });
});

describe('outcome-from-truth', () => {
  it('passes when every market settled on its game', () => {
    expect(passes('outcome-from-truth', { markets: 36, agree: 36 })).toBe(
      "36/36 markets settled on their game's result (the sign of the final score)",
    );
  });
  it('fails when one market disagrees, or there were none', () => {
    fails('outcome-from-truth', { markets: 36, agree: 35 });
    fails('outcome-from-truth', { markets: 0, agree: 0 });
  });
});

describe('fees-kalshi', () => {
  // Kalshi's fee schedule: taker ⌈0.07·C·P·(1−P)⌉, maker ⌈0.0175·C·P·(1−P)⌉ in cents:
  // 0.07·10·0.5·0.5 = 0.175 $ → 18¢; 0.07·100·0.23·0.77 = 1.2397 $ → 124¢; 0.0175·100·0.23·0.77 = 0.3099 $ → 31¢
  it("passes on the schedule's three examples", () => {
    expect(passes('fees-kalshi', [18, 124, 31])).toBe('taker 10@50 → 18¢ (18), taker 100@23 → 124¢ (124), maker 100@23 → 31¢ (31)');
  });
  it.each([
    ['the taker fee at 50¢ is off by one', [17, 124, 31]],
    ['the taker fee at 23¢ is off by one', [18, 123, 31]],
    ['the maker fee is off by one', [18, 124, 30]],
  ])('fails when %s', (_why, got) => {
    fails('fees-kalshi', got);
  });
});

describe('kelly-closed-form', () => {
  // f* = (p − c)/(1 − c): (0.6 − 0.5)/0.5 = 0.2; no edge at p = 0.4 → 0
  it('passes on the closed form', () => {
    expect(passes('kelly-closed-form', { edge: 0.2, none: 0 })).toBe(
      'f*(p = 0.6, c = 0.5) = 0.200000 (closed form 0.2); f*(0.4, 0.5) = 0 (0)',
    );
  });
  it.each([
    ['the edge is overstaked (0.25)', { edge: 0.25, none: 0 }],
    ['the edge is understaked (0.15)', { edge: 0.15, none: 0 }],
    ['a bet without an edge is staked', { edge: 0.2, none: 0.01 }],
  ])('fails when %s', (_why, evidence) => {
    fails('kelly-closed-form', evidence);
  });
});

describe('schedule-matches-code', () => {
  const documented = Model.SCHEDULE.map((s) => s.phase);
  const ran = documented.filter((p) => p !== 'consult');
  it('passes when every traced step runs the documented phases (no consultation without LLM agents)', () => {
    expect(documented).toContain('consult');
    expect(passes('schedule-matches-code', { documented, traced: [ran, ran] })).toBe(
      `2 steps traced inside Model.step: ${ran.join(' → ')} (the document without the LLM consultation)`,
    );
  });
  it('fails when a step skips a phase, naming the step, what it ran and what the document says', () => {
    expect(fails('schedule-matches-code', { documented, traced: [ran, ran.slice(1)] })).toBe(
      `step 2 ran ${ran.slice(1).join(' → ')}; the document says ${ran.join(' → ')}`,
    );
  });
  it('fails when the first step swaps two phases', () => {
    const swapped = [ran[1]!, ran[0]!, ...ran.slice(2)];
    expect(fails('schedule-matches-code', { documented, traced: [swapped, ran] })).toMatch(/^step 1 ran /);
  });
  it('fails when nothing was traced', () => {
    fails('schedule-matches-code', { documented, traced: [] });
  });
});

describe('parameters-match-config', () => {
  // a row is a line that starts with a backticked name and its default (trimmed); text before a row's pipe makes it no row
  const rendered = [
    ...renderedDefaults('| `a.x` | 1 | any |\n| `a.y` |  [1, 2]  | any |\n| `seed` | 1 | any |\nnot a row\nsee | `a.q` | 9 | any |\n'),
  ];
  it('reads the name and default of each table row', () => {
    expect(rendered).toEqual([
      ['a.x', '1'],
      ['a.y', '[1, 2]'],
      ['seed', '1'],
    ]);
  });
  it('passes when the table equals the file, whatever the seed and step count', () => {
    expect(
      passes('parameters-match-config', {
        rendered,
        file: [
          ['a.x', '1'],
          ['a.y', '[1, 2]'],
          ['seed', '7'],
          ['steps', '100'],
        ],
      }),
    ).toBe('3 rendered parameter rows equal configs/default.yaml parsed and validated');
  });
  it('fails when the file has a parameter the tables lack', () => {
    expect(
      fails('parameters-match-config', {
        rendered,
        file: [
          ['a.x', '1'],
          ['a.y', '[1, 2]'],
          ['a.z', '3'],
        ],
      }),
    ).toBe('a.z is not in the ODD tables');
  });
  it('fails when nothing was rendered', () => {
    fails('parameters-match-config', { rendered: [], file: [] });
    // nothing rendered, and the file has only the parameters the comparison skips
    fails('parameters-match-config', {
      rendered: [],
      file: [
        ['seed', '1'],
        ['steps', '5'],
      ],
    });
  });
  it('fails when the config file gave no parameters', () => {
    expect(fails('parameters-match-config', { rendered, file: [] })).toBe('configs/default.yaml gave no parameters');
  });
  it('names every difference: a default that differs and a parameter missing from the tables', () => {
    expect(
      fails('parameters-match-config', {
        rendered,
        file: [
          ['a.x', '2'],
          ['a.y', '[1, 2]'],
          ['a.z', '3'],
        ],
      }),
    ).toBe('a.x: table 1, configs/default.yaml 2; a.z is not in the ODD tables');
  });
  it('flattens a config to dotted names, arrays in brackets, the family mix as JSON', () => {
    const flat = configValues({ a: { b: 1, c: [0.5, 2] }, mix: { x: 1 }, d: 'text' } as unknown as ModelConfig);
    expect([...flat]).toEqual([
      ['a.b', '1'],
      ['a.c', '[0.5, 2]'],
      ['mix', '{"x":1}'],
      ['d', 'text'],
    ]);
  });
});

describe('ablations', () => {
  // constant per-seed changes: every bootstrap resample has the same mean, so the 95 % CI is that change
  it('a rise passes a "rises" check with its numbers, and fails a "falls" check', () => {
    const e = { name: 'order-flow', on: [0.1, 0.2, 0.3], off: [0.6, 0.7, 0.8] };
    expect(passes('ablation-order-flow', e)).toBe(
      'lag-1 autocorrelation of price changes when market makers stop pricing order flow: 0.20 with the mechanism → 0.70 without (change 0.50, 95% CI [0.50, 0.50]; rises in 3/3 seeds)',
    );
    passes('ablation-information', e);
    fails('ablation-jumps', e);
    fails('ablation-volume-volatility', e);
  });
  it('a fall passes a "falls" check and fails a "rises" check', () => {
    const e = { name: 'jumps', on: [3, 3, 3], off: [2, 2, 2] };
    expect(passes('ablation-jumps', e)).toContain('falls in 3/3 seeds');
    passes('ablation-volume-volatility', e);
    fails('ablation-order-flow', e);
    fails('ablation-information', e);
  });
  it('fails when the mean change is positive but fewer than half the seeds rise', () => {
    // changes 5, 5, 5, 0, 0, 0, 0: only 3 of 7 seeds rise (< 3.5); a resample of seven zeros has chance
    // (4/7)^7 ≈ 2 % < 2.5 %, so the CI's lower end is above 0 and the seed count alone fails the check
    const e = { name: 'information', on: [0, 0, 0, 0, 0, 0, 0], off: [5, 5, 5, 0, 0, 0, 0] };
    const detail = fails('ablation-information', e);
    expect(detail).toContain('rises in 3/7 seeds');
    expect(Number(/CI \[([-\d.]+),/.exec(detail)![1])).toBeGreaterThan(0);
  });
  it('names the statistic and the direction of each ablation', () => {
    const rise = { name: 'x', on: [1, 1, 1], off: [2, 2, 2] };
    const fall = { name: 'x', on: [2, 2, 2], off: [1, 1, 1] };
    const tail = (d: string) => `: 1.00 with the mechanism → 2.00 without (change 1.00, 95% CI [1.00, 1.00]; ${d} in 3/3 seeds)`;
    const tailFall = ': 2.00 with the mechanism → 1.00 without (change -1.00, 95% CI [-1.00, -1.00]; falls in 3/3 seeds)';
    expect(passes('ablation-information', rise)).toBe('mean |price − truth| (¢) without informed traders and arbitrageurs' + tail('rises'));
    expect(passes('ablation-jumps', fall)).toBe(
      'excess kurtosis of returns when the game has no scoring jumps (market makers that never withdraw)' + tailFall,
    );
    expect(passes('ablation-withdrawal-tails', fall)).toBe(
      'excess kurtosis of returns when market makers never withdraw after adverse fills (games without scoring jumps)' + tailFall,
    );
    expect(passes('ablation-volume-volatility', fall)).toBe('volume–volatility correlation without the traders who act on news' + tailFall);
    expect(passes('ablation-liquidity-withdrawal', fall)).toBe(
      'Fano factor of extreme returns (intermittency) when market makers never withdraw after adverse fills' + tailFall,
    );
    fails('ablation-withdrawal-tails', rise);
    fails('ablation-liquidity-withdrawal', rise);
  });
  it('fails when the mean change is negative but fewer than half the seeds fall', () => {
    // the mirror of the case above: changes −5, −5, −5, 0, 0, 0, 0; the CI's upper end is below 0, 3 of 7 fall
    const detail = fails('ablation-jumps', { name: 'jumps', on: [0, 0, 0, 0, 0, 0, 0], off: [-5, -5, -5, 0, 0, 0, 0] });
    expect(detail).toContain('falls in 3/7 seeds');
    expect(Number(/, ([-\d.]+)\]/.exec(detail)![1])).toBeLessThan(0);
  });
  it('passes when exactly half the seeds move and the interval excludes zero', () => {
    // changes 5, 5, 5, 0, 0, 0: 3 of 6 (= half); a resample of six zeros has chance 1/64 < 2.5 %, so the CI's lower end is 5/6
    expect(passes('ablation-information', { name: 'information', on: [0, 0, 0, 0, 0, 0], off: [5, 5, 5, 0, 0, 0] })).toContain(
      '95% CI [0.83, 5.00]; rises in 3/6 seeds',
    );
    expect(passes('ablation-jumps', { name: 'jumps', on: [0, 0, 0, 0, 0, 0], off: [-5, -5, -5, 0, 0, 0] })).toContain(
      '-0.83]; falls in 3/6 seeds',
    );
  });
  it('fails when the interval ends exactly at zero', () => {
    // changes 0, 1, 1: a resample of three zeros has chance 1/27 ≈ 3.7 % > 2.5 %, so the CI's end nearest zero is 0
    expect(fails('ablation-information', { name: 'information', on: [0, 0, 0], off: [0, 1, 1] })).toContain('95% CI [0.00, 1.00]');
    expect(fails('ablation-jumps', { name: 'jumps', on: [0, 0, 0], off: [0, -1, -1] })).toContain('95% CI [-1.00, 0.00]');
  });
  it('fails a fall when most seeds fall but the interval reaches above zero', () => {
    // changes −1, −1, 3: the mirror of the case below
    expect(fails('ablation-jumps', { name: 'jumps', on: [0, 0, 0], off: [-1, -1, 3] })).toContain('falls in 2/3 seeds');
  });
  it('fails when most seeds rise but the interval reaches below zero', () => {
    // changes 1, 1, −3: 2 of 3 seeds rise (≥ 1.5), but a resample with k ones has mean (4k − 9)/3 < 0 for
    // k ≤ 2, chance 1 − (2/3)^3 ≈ 70 %, so the CI's lower end is negative and the interval alone fails it
    const e = { name: 'information', on: [0, 0, 0], off: [1, 1, -3] };
    const detail = fails('ablation-information', e);
    expect(detail).toContain('rises in 2/3 seeds');
    expect(Number(/CI \[([-\d.]+),/.exec(detail)![1])).toBeLessThan(0);
  });
});

describe('runCheck', () => {
  const doc = buildOddDocument();
  /** A context whose stylized-facts suite is given, so the fact lookup is tested without running the model. */
  class GivenSuite extends CheckContext {
    constructor(private readonly given: SuiteResult) {
      super(defaultModelConfig(), 2, doc);
    }
    override suite(): SuiteResult {
      return this.given;
    }
  }
  const value = (v: number, lo: number, hi: number, detail: string) => ({
    value: v,
    ciLow: lo,
    ciHigh: hi,
    groups: 2,
    groupsPassing: 1,
    meets: true,
    detail,
  });
  const suite = {
    seeds: 2,
    markets: 10,
    pass: false,
    verdicts: [
      {
        fact: 'fat_tails',
        statistic: 'excess kurtosis',
        threshold: '> 1',
        model: value(4.5678, 3.21, 6.001, '10 markets'),
        differs: { truthOnly: true, shuffled: false },
        pass: false,
      },
      { fact: 'plain', statistic: 's', threshold: 't', model: value(1, 0.5, 1.5, 'd'), differs: {}, pass: true },
    ],
  } as unknown as SuiteResult;
  const ctx = new GivenSuite(suite);

  it('reports a stylized fact with its value, interval, threshold and each null it beats or not', () => {
    expect(runCheck('fact:fat_tails', ctx)).toEqual({
      pass: false,
      detail: 'excess kurtosis: 4.57 (95% CI 3.21 … 6.00), threshold > 1; 10 markets; beats truthOnly, does not beat shuffled',
    });
    expect(runCheck('fact:plain', ctx)).toEqual({ pass: true, detail: 's: 1.00 (95% CI 0.500 … 1.50), threshold t; d' });
  });
  it('fails a fact the suite does not know', () => {
    expect(runCheck('fact:no_such_fact', ctx)).toEqual({ pass: false, detail: 'no stylized fact named no_such_fact' });
  });
  it('fails an unknown check, naming the known ones', () => {
    const r = runCheck('no-such-check', ctx);
    expect(r.pass).toBe(false);
    expect(r.detail).toMatch(/^unknown check "no-such-check" \(known: informed-beat-noise, .*, fact:<id>\)$/);
  });
  it('fails a check whose evidence cannot be gathered, with the error', () => {
    class Broken extends CheckContext {
      override runs(): never {
        throw new Error('no runs here');
      }
    }
    expect(runCheck('mm-two-sided', new Broken(defaultModelConfig(), 1, doc))).toEqual({
      pass: false,
      detail: 'check threw: no runs here',
    });
  });
});
