import { describe, expect, it } from 'vitest';
import {
  allParameters,
  buildOddDocument,
  checkOdd,
  CHECKS,
  FULL_SEASON_ABLATIONS,
  claimsOf,
  configValues,
  DESIGN_CONCEPTS,
  OddDocumentSchema,
  oddCoverage,
  renderedDefaults,
  renderOddHtml,
  renderOddMarkdown,
  renderParameterTable,
  ablationConfig,
  CheckContext,
  runCheck,
} from '../../src/odd/index.js';
import { defaultModelConfig, Model, parseModelConfig, type ModelConfig } from '../../src/abm/index.js';
import { calibrationByHorizon, groupStats, modelSeries } from '../../src/facts/index.js';
import { modelFor, runKey, type ModelRunner } from '../../src/odd/evidence.js';
import { Rng } from '../../src/core/rng.js';

describe('the ODD document', () => {
  const doc = buildOddDocument();

  it('has the 2020 structure: 7 elements, 11 design concepts, ≥ 5 patterns', () => {
    expect(DESIGN_CONCEPTS).toHaveLength(11);
    expect(Object.keys(doc.designConcepts)).toEqual([...DESIGN_CONCEPTS]);
    expect(doc.purposeAndPatterns.patterns.length).toBeGreaterThanOrEqual(5);
    expect(oddCoverage(doc)).toHaveLength(6 + 11);
  });

  it('generates parameters, entities and the schedule from the code', () => {
    const rows = Object.values(allParameters()).flat();
    const signal = rows.find((r) => r.group === 'agents.informed' && r.name === 'signalQuality')!;
    expect(signal).toMatchObject({ default: '[0.8, 0.99]', range: '[0, 1]', perAgent: true });
    expect(doc.processOverview.schedule.map((s) => s.phase)).toEqual(Model.SCHEDULE.map((s) => s.phase));
    expect(doc.entities.entities.map((e) => e.name)).toEqual(
      expect.arrayContaining([
        'agent: noise',
        'agent: informed',
        'agent: arbitrageur',
        'agent: marketMaker',
        'account',
        'market',
        'true probability',
      ]),
    );
    const mm = doc.entities.entities.find((e) => e.name === 'agent: marketMaker')!;
    expect(mm.stateVariables.map((v) => v.name)).toEqual(expect.arrayContaining(['fairValue', 'variance', 'riskAversion']));
  });

  it('names a registered check in every claim, and ties every emergence claim to an ablation or a null model', () => {
    for (const { claim } of claimsOf(doc))
      if (!claim.check.startsWith('fact:')) expect(Object.keys(CHECKS), claim.check).toContain(claim.check);
    for (const c of doc.designConcepts.emergence.claims) expect(c.check, c.id).toMatch(/^(ablation-|fact:)/);
    expect(doc.designConcepts.emergence.text).toMatch(/Imposed by the rules:.*heavy tails.*Emerging from the interaction:/s);
  });

  it('rejects a malformed document with the field named', () => {
    const bad = { ...doc, designConcepts: { ...doc.designConcepts, learning: { text: 1 } } };
    const r = OddDocumentSchema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues[0]?.path)).toContain('learning');
  });
});

/** Evidence each check must FAIL on: one case per check, so no check passes whatever it is shown. */
const FAILING: Record<string, () => unknown> = {
  'informed-beat-noise': () => [
    { informed: -500, noise: 100 },
    { informed: 50, noise: 40 },
  ],
  'every-family-trades': () => [
    { family: 'noise', share: 1 },
    { family: 'homer', share: 0.5 },
  ],
  'mm-inventory-limits': () => 3,
  'homer-loyalty': () => ({ reinforced: 0.15, faded: 0.15, capped: 0.3 }), // no pull back toward the start
  'homer-bounded': () => ({ overCap: 0.05, errors: [2.5, 3] }),
  'homer-fallacy': () => ({ on: 0.5, off: 0.5 }),
  'llm-excluded-without-endpoint': () => ({ requested: 3, llmAgents: 3, notices: [] }),
  'llm-reply-validated': () => ({ good: true, bad: [false, true, false, false] }),
  'mm-two-sided': () => 0.85,
  'arbitrageurs-close': () => ({ attempts: 40, closes: 0, contracts: 0 }), // orders sent, none filled: the old check counted these
  conservation: () => [{ deposited: 1000, cash: 990, reserved: 0, openPairValue: 0, fees: 5, yesHeld: [0], noHeld: [0] }],
  reproducible: () => ({ a: 'aa', b: 'ab', c: 'cc' }),
  'stream-independence': () => ({ same: 30, total: 33 }),
  'random-activation': () => ({ first: [0, 1, 1], second: [1, 0, 2], agents: 3 }),
  'sensing-declared': () => [{ family: 'noise', calls: ['mid', 'trueProbability'] }],
  'interaction-only-via-orders': () => ({ leaks: ['noise.model'], agents: 5 }),
  'no-ambient-randomness': () => ['abm/agents/noise.ts:12'],
  'observation-reporters': () => ({ modelCols: ['step', 'market', 'mid'], agentCols: ['step'], modelRows: 21, agentRows: 5, agents: 1 }),
  'initial-state': () => ({ flat: true, inRange: true, emptyBooks: true, sameSeedSame: false, nextSeedDiffers: true }),
  'truth-martingale': () => {
    // the old truth: a logit walk reflected at ±4, resolved with probability p_T — not a martingale
    const paths = Array.from({ length: 4000 }, (_, i) => {
      const rng = Rng.derive(1, 'old-truth', i);
      let x = rng.uniform(-1.5, 1.5);
      const probabilities: number[] = [];
      for (let t = 0; t <= 400; t++) {
        if (t > 0) {
          x += 0.03 * rng.normal() + (rng.float() < 0.005 ? 0.6 * rng.normal() : 0);
          while (x > 4 || x < -4) x = x > 4 ? 8 - x : -8 - x;
        }
        probabilities.push(1 / (1 + Math.exp(-x)));
      }
      return { probabilities, outcome: rng.float() < probabilities[400]! ? 1 : 0 };
    });
    return calibrationByHorizon(paths, [0, 100, 200, 300]).map((h) => ({
      step: h.step,
      slope: h.regression.slope.value,
      ci: h.slopeCi,
      calibrated: h.calibrated,
    }));
  },
  'outcome-from-truth': () => ({ markets: 36, agree: 35 }),
  'fees-kalshi': () => [18, 124, 30],
  'kelly-closed-form': () => ({ edge: 0.25, none: 0 }),
  'schedule-matches-code': () => {
    const documented = Model.SCHEDULE.map((s) => s.phase);
    const ran = documented.filter((p) => p !== 'consult');
    return { documented, traced: [ran, [...ran.slice(0, 2), ran[3]!, ran[2]!, ...ran.slice(4)]] }; // step 2 swapped agents and tally
  },
  'parameters-match-config': () => {
    // the real rendered tables against a config file whose market makers are twice as averse to risk
    const edited = parseModelConfig({ agents: { marketMaker: { riskAversion: [0.02, 0.1] } } });
    return { rendered: [...renderedDefaults(renderParameterTable(buildOddDocument()))], file: [...configValues(edited)] };
  },
  'ablation-order-flow': () => ({ name: 'order-flow', on: [-0.05, -0.06, -0.04], off: [-0.08, -0.07, -0.09] }),
  'ablation-jumps': () => ({ name: 'jumps', on: [3, 3.2, 2.9], off: [3.1, 3.4, 3] }),
  'ablation-information': () => ({ name: 'information', on: [2.5, 2.6, 2.4], off: [2.4, 2.6, 2.3] }),
  'ablation-volume-volatility': () => ({ name: 'information-volume', on: [0.4, 0.42, 0.41], off: [0.45, 0.44, 0.47] }),
  // bursts as strong without withdrawal: the mechanism is not what makes them
  'ablation-withdrawal-tails': () => ({ name: 'withdrawal-tails', on: [2.9, 3.1, 2.5], off: [3.2, 2.8, 2.9] }),
  'ablation-liquidity-withdrawal': () => ({ name: 'liquidity-withdrawal', on: [1.2, 1.25, 1.18], off: [1.22, 1.24, 1.21] }),
};

describe('every ODD check can fail', () => {
  it('has failing evidence for every registered check', () => {
    expect(Object.keys(FAILING).sort()).toEqual(Object.keys(CHECKS).sort());
  });

  for (const name of Object.keys(FAILING)) {
    it(`${name} fails on evidence that contradicts it`, () => {
      const r = CHECKS[name]!.judge(FAILING[name]!());
      expect(r.pass, r.detail).toBe(false);
      expect(r.detail.length).toBeGreaterThan(10);
    });
  }

  it('parameters-match-config passes on the file as shipped, and names the differing parameter otherwise', () => {
    const rendered = [...renderedDefaults(renderParameterTable(buildOddDocument()))];
    expect(CHECKS['parameters-match-config']!.judge({ rendered, file: [...configValues(defaultModelConfig())] }).pass).toBe(true);
    const r = CHECKS['parameters-match-config']!.judge(FAILING['parameters-match-config']!());
    expect(r.detail).toContain('agents.marketMaker.riskAversion: table [0.01, 0.05], configs/default.yaml [0.02, 0.1]');
  });
});

describe('checking the ODD claims', () => {
  const doc = buildOddDocument();
  // 4 seasons of 12 games (the ablations' season) keep the tests affordable; omega odd --check runs the full
  // 36-game season over 30 seeds, and the stylized-fact claims need those and are left to it. The evidence is
  // shared between checks (as checkOdd shares it) and computed on first use inside a test, so a test is
  // charged only for the evidence its check needs.
  let shared: CheckContext | undefined;
  const context = () => (shared ??= new CheckContext(ablationConfig(defaultModelConfig()), 4, doc));
  // the full-season ablations need a dozen 36-game seasons, as the stylized facts need 30: omega odd --check runs them
  const named = [...new Set(claimsOf(doc).map(({ claim }) => claim.check))].filter(
    (c) => !c.startsWith('fact:') && !FULL_SEASON_ABLATIONS.has(c),
  );

  it.each(named)('the claim checked by %s holds on 4 seasons of 12 games', (name) => {
    const r = runCheck(name, context());
    expect(r.pass, r.detail).toBe(true);
  });

  it('covers every element and concept with a claim or an explicit n/a', () => {
    const rows = oddCoverage(doc);
    expect(rows.filter((c) => c.status === 'unchecked')).toEqual([]);
    expect(rows.filter((c) => c.status === 'n/a').map((c) => c.part)).toEqual(
      expect.arrayContaining(['4. Design concepts · learning', '4. Design concepts · collectives']),
    );
  });

  /** The document with every claim checked by a check that needs no model run (so these tests stay quick). */
  function quickDoc() {
    const edited = structuredClone(doc);
    for (const { claim } of claimsOf(edited)) claim.check = 'kelly-closed-form';
    for (const p of edited.purposeAndPatterns.patterns) p.check = 'kelly-closed-form';
    return edited;
  }

  it('passes a document whose every claim passes and whose every element is covered', () => {
    const r = checkOdd(quickDoc(), { seeds: 1, facts: false });
    expect(r.results.length).toBe(claimsOf(doc).length);
    expect(r.results.every((x) => x.pass && !x.skipped)).toBe(true);
    expect(r.pass).toBe(true);
  });

  it('fails a claim whose check fails, and an element left unchecked', () => {
    const edited = quickDoc();
    edited.designConcepts.observation.claims = [];
    edited.designConcepts.sensing.claims[0]!.check = 'no-such-check';
    const r = checkOdd(edited, { seeds: 1 });
    expect(r.pass).toBe(false);
    expect(r.coverage.find((c) => c.part === '4. Design concepts · observation')).toEqual({
      part: '4. Design concepts · observation',
      status: 'unchecked',
      claims: 0,
      note: 'no claim names a check',
    });
    expect(r.results.find((x) => x.check === 'no-such-check')).toMatchObject({
      where: '4. Design concepts · sensing',
      pass: false,
      detail: expect.stringContaining('unknown check'),
    });
  });

  it('fails a document with only an element left unchecked, though every claim passes', () => {
    const edited = quickDoc();
    edited.inputData.claims = [];
    delete edited.inputData.notApplicable;
    const r = checkOdd(edited, { seeds: 1, facts: false });
    expect(r.results.every((x) => x.pass)).toBe(true);
    expect(r.coverage.find((c) => c.part.startsWith('6.'))?.status).toBe('unchecked');
    expect(r.pass).toBe(false);
  });

  it('skips stylized facts only when told to, and says where they are checked', () => {
    const edited = quickDoc();
    edited.purposeAndPatterns.patterns[0]!.check = 'fact:no_such_fact';
    const skipped = checkOdd(edited, { seeds: 1, facts: false }).results.find((x) => x.check === 'fact:no_such_fact');
    expect(skipped).toMatchObject({ pass: true, skipped: true, detail: expect.stringContaining('omega odd --check') });
    expect(skipped?.statement).toMatch(/^Pattern: /);
    expect(skipped?.id).toBe(`pattern-${doc.purposeAndPatterns.patterns[0]!.id}`);
  });

  it('places every claim under its ODD element (Grimm et al. 2020 headings)', () => {
    const headings = [
      '1. Purpose and patterns',
      '2. Entities, state variables and scales',
      '3. Process overview and scheduling',
      '4. Design concepts',
      '5. Initialization',
      '6. Input data',
      '7. Submodels',
    ];
    const where = new Set(claimsOf(doc).map((c) => c.where.replace(/ · .*/, '')));
    // every element but one left explicitly n/a has a claim, each under its own heading
    const na = oddCoverage(doc).filter((r) => r.status === 'n/a' && !r.part.startsWith('4.'));
    expect([...where]).toEqual(headings.filter((h) => !na.some((r) => r.part === h)));
    const rows = oddCoverage(doc);
    expect(rows.map((r) => r.part.replace(/ · .*/, ''))).toEqual([
      '1. Purpose and patterns',
      '2. Entities, state variables and scales',
      '3. Process overview and scheduling',
      ...Array<string>(11).fill('4. Design concepts'),
      '5. Initialization',
      '6. Input data',
      '7. Submodels',
    ]);
    // each checked row counts its claims; the n/a rows carry the document's reason
    const submodelClaims = doc.submodels.reduce((s, m) => s + m.claims.length, 0);
    expect(rows.at(-1)).toEqual({ part: '7. Submodels', status: 'checked', claims: submodelClaims, note: '' });
    const learning = rows.find((r) => r.part === '4. Design concepts · learning')!;
    expect(learning).toEqual({ part: learning.part, status: 'n/a', claims: 0, note: doc.designConcepts.learning.notApplicable });
  });

  it('renders Markdown and HTML with the verdicts inline', () => {
    // the verdicts of a quick run: every claim but the stylized facts checked by a closed form, the facts skipped
    const edited = structuredClone(doc);
    for (const { claim } of claimsOf(edited)) if (!claim.check.startsWith('fact:')) claim.check = 'kelly-closed-form';
    const result = checkOdd(edited, { seeds: 1, facts: false });
    const md = renderOddMarkdown(doc, result);
    for (const h of [
      '## 1. Purpose and patterns',
      '## 2. Entities, state variables and scales',
      '## 3. Process overview and scheduling',
      '## 4. Design concepts',
      '## 5. Initialization',
      '## 6. Input data',
      '## 7. Submodels',
      '### Sensing',
    ])
      expect(md).toContain(h);
    expect(md).toContain('✅');
    expect(md).not.toContain('❌');
    expect(md).toContain('◻️'); // the stylized facts left to omega odd --check
    expect(md).toContain('`agents.informed.signalQuality`');
    const html = renderOddHtml(doc, result);
    expect(html).toContain('<h2>7. Submodels</h2>');
    expect(html).toContain('<table>');
  });
});

describe('the run cache of a check context', () => {
  const doc = buildOddDocument();
  // two 120-step games: the cache's bookkeeping does not depend on the season's size, and these runs take milliseconds
  const tiny = parseModelConfig({ markets: { count: 2, life: 120, stagger: 60 } });
  const noFlow = (c: ModelConfig): ModelConfig => ({
    ...c,
    agents: { ...c.agents, marketMaker: { ...c.agents.marketMaker, flowImpact: 0 } },
  });
  /** The real runner, counting the configs it runs. */
  const counting = () => {
    const ran: ModelConfig[] = [];
    const runner: ModelRunner = (c, onStep) => {
      ran.push(c);
      return modelFor(c).run({ onStep });
    };
    return { ran, runner };
  };
  const uncached = (c: ModelConfig) => groupStats(modelSeries(modelFor(c).run()));

  it('runs each config and seed once, shares runs between ablations and runs(), and keeps them apart by every field', () => {
    const { ran, runner } = counting();
    const ctx = new CheckContext(tiny, 2, doc, runner);
    ctx.runs();
    ctx.runs();
    expect(ran.map((c) => c.seed)).toEqual([42, 43]);
    // the baseline of a full-season ablation is runs()' own seasons: only the runs without flow pricing are new
    const acf = ctx.ablation('acf', noFlow, (s) => s.acf1, 2, 'full');
    expect(ran).toHaveLength(4);
    // another statistic of the same runs: no run at all
    const error = ctx.ablation('error', noFlow, (s) => s.meanAbsError, 2, 'full');
    expect(ran).toHaveLength(4);
    expect(error.on).toEqual(ctx.runs().map((r) => r.stats.meanAbsError));
    // the values are those of uncached runs of each config: on and off (one field apart) are not conflated
    for (let i = 0; i < 2; i++) {
      const [on, off] = [uncached({ ...tiny, seed: 42 + i }), uncached({ ...noFlow(tiny), seed: 42 + i })];
      expect([acf.on[i], acf.off[i], error.off[i]]).toEqual([on.acf1, off.acf1, off.meanAbsError]);
    }
    expect(acf.off).not.toEqual(acf.on);
    // a two-game season is its own ablation season (180 steps either way): the same configs, no new run
    ctx.ablation('season', noFlow, (s) => s.acf1, 2);
    expect(ran).toHaveLength(4);
    expect(new Set(ran.map(runKey)).size).toBe(4);
    // a new context shares nothing with the old one
    const other = counting();
    new CheckContext(tiny, 2, doc, other.runner).ablation('acf', noFlow, (s) => s.acf1, 2, 'full');
    expect(other.ran).toHaveLength(4);
  });

  it('runs a season again for runs() when an ablation ran it without watching it', () => {
    const { ran, runner } = counting();
    const ctx = new CheckContext(tiny, 2, doc, runner);
    ctx.ablation('acf', noFlow, (s) => s.acf1, 2, 'full');
    expect(ran).toHaveLength(4);
    const runs = ctx.runs();
    expect(ran).toHaveLength(6);
    expect(runs.every((r) => Number.isFinite(r.twoSided) && Number.isFinite(r.maxInventoryBreach))).toBe(true);
    ctx.ablation('error', noFlow, (s) => s.meanAbsError, 2, 'full');
    expect(ran).toHaveLength(6);
  });

  it('runs the baseline of the order-flow, information and volume–volatility ablations once, and the runs without news traders once', () => {
    const { ran, runner } = counting();
    const ctx = new CheckContext(tiny, 2, doc, runner);
    runCheck('ablation-order-flow', ctx); // 2 seeds: baseline and no flow pricing
    expect(ran).toHaveLength(4);
    runCheck('ablation-information', ctx); // the runs without informed traders and arbitrageurs
    expect(ran).toHaveLength(6);
    runCheck('ablation-volume-volatility', ctx); // nothing new
    expect(ran).toHaveLength(6);
    expect(ran.filter((c) => c.agents.informed.count === 0 && c.agents.arbitrageur.count === 0)).toHaveLength(2);
    ctx.runs();
    runCheck('ablation-liquidity-withdrawal', ctx); // full seasons: runs()' two, and two without withdrawal
    expect(ran).toHaveLength(10);
  });

  it('keys a run by every field of its config, nested ones included, and not by the order of its keys', () => {
    const base = runKey(tiny);
    const keys = new Set([base]);
    let leaves = 0;
    /** Every config that differs from `tiny` in one leaf (a number, string, boolean or array element). */
    const visit = (value: unknown, set: (v: unknown) => ModelConfig) => {
      if (Array.isArray(value)) value.forEach((v: unknown, i) => visit(v, (w) => set(value.map((x: unknown, j) => (j === i ? w : x)))));
      else if (value && typeof value === 'object')
        for (const [k, v] of Object.entries(value)) visit(v, (w) => set({ ...(value as object), [k]: w }));
      else {
        leaves++;
        keys.add(runKey(set(typeof value === 'number' ? value + 1 : typeof value === 'boolean' ? !value : `${String(value)}-x`)));
      }
    };
    visit(tiny, (v) => v as ModelConfig);
    expect(leaves).toBeGreaterThan(50);
    expect(keys.size).toBe(leaves + 1);
    // values JSON would write alike
    const jumps = (p: number) => runKey({ ...tiny, markets: { ...tiny.markets, truth: { ...tiny.markets.truth, jumpProbability: p } } });
    expect(new Set([jumps(0), jumps(-0), jumps(Number.NaN), jumps(Number.POSITIVE_INFINITY)]).size).toBe(4);
    const reversed = Object.fromEntries(Object.entries(tiny).reverse()) as ModelConfig;
    expect(runKey(reversed)).toBe(base);
  });
});
