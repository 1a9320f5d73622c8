import { describe, expect, it } from 'vitest';
import { buildOddDocument, checkOdd, claimsOf, DESIGN_CONCEPTS, oddCoverage, type OddDocument } from '../../src/odd/index.js';
import { defaultModelConfig, parseModelConfig } from '../../src/abm/index.js';

/**
 * checkOdd's bookkeeping on a hand-built document: which claims sit where, how each element and concept is
 * covered, and which claims a quick run skips. Every claim is checked by `kelly-closed-form` (a closed form,
 * no model run), so these tests take milliseconds; odd.test.ts checks the real document's claims on the model.
 */
const claim = (id: string, check = 'kelly-closed-form') => ({ id, statement: `statement of ${id}`, check });
const claims = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => claim(`${prefix}-${i + 1}`));

/** Every element with its own number of claims (1 + 1, 3, 4, 5, 0 and n/a, 1 + 5), so a count read from the wrong element shows. */
function handBuilt(): OddDocument {
  const doc = structuredClone(buildOddDocument());
  doc.purposeAndPatterns.patterns = [{ id: 'tails', description: 'heavy tails', scale: 'returns', check: 'kelly-closed-form' }];
  doc.purposeAndPatterns.claims = claims('purpose', 1);
  doc.entities.claims = claims('entity', 3);
  doc.processOverview.claims = claims('process', 4);
  // design concept i (0-based) has i claims; the first, with none, is explicitly not applicable
  DESIGN_CONCEPTS.forEach((k, i) => {
    doc.designConcepts[k] = { text: k, claims: claims(k, i), ...(i === 0 ? { notApplicable: `${k} does not apply` } : {}) };
  });
  doc.initialization = { text: 'init', claims: claims('init', 5) };
  doc.inputData = { text: 'input', claims: [], notApplicable: 'no input data' };
  doc.submodels = [
    { name: 'first', text: '', parameters: [], claims: claims('first', 1) },
    { name: 'second', text: '', parameters: [], claims: claims('second', 5) },
  ];
  return doc;
}

const KELLY = 'f*(p = 0.6, c = 0.5) = 0.200000 (closed form 0.2); f*(0.4, 0.5) = 0 (0)';

describe('claimsOf', () => {
  it('lists every claim in document order under its element, patterns first as claims of element 1', () => {
    const listed = claimsOf(handBuilt()).map(({ where, claim: c }) => [where, c.id]);
    expect(listed.slice(0, 10)).toEqual([
      ['1. Purpose and patterns', 'pattern-tails'],
      ['1. Purpose and patterns', 'purpose-1'],
      ['2. Entities, state variables and scales', 'entity-1'],
      ['2. Entities, state variables and scales', 'entity-2'],
      ['2. Entities, state variables and scales', 'entity-3'],
      ['3. Process overview and scheduling', 'process-1'],
      ['3. Process overview and scheduling', 'process-2'],
      ['3. Process overview and scheduling', 'process-3'],
      ['3. Process overview and scheduling', 'process-4'],
      ['4. Design concepts · emergence', 'emergence-1'],
    ]);
    // 0 + 1 + … + 10 = 55 design-concept claims, then initialization, then each submodel's
    expect(listed.slice(9, 9 + 55).every(([where]) => where!.startsWith('4. Design concepts · '))).toBe(true);
    expect(listed.slice(9 + 55)).toEqual([
      ...[1, 2, 3, 4, 5].map((i) => ['5. Initialization', `init-${i}`]),
      ['7. Submodels · first', 'first-1'],
      ...[1, 2, 3, 4, 5].map((i) => ['7. Submodels · second', `second-${i}`]),
    ]);
    expect(listed).toHaveLength(2 + 3 + 4 + 55 + 5 + 6);
  });

  it('lists input-data claims under element 6', () => {
    const doc = handBuilt();
    doc.inputData = { text: 'input', claims: claims('input', 2) };
    expect(
      claimsOf(doc)
        .filter(({ where }) => where.startsWith('6.'))
        .map(({ where, claim: c }) => [where, c.id]),
    ).toEqual([
      ['6. Input data', 'input-1'],
      ['6. Input data', 'input-2'],
    ]);
  });

  it('states a pattern with its scale and keeps its check', () => {
    expect(claimsOf(handBuilt())[0]!.claim).toEqual({
      id: 'pattern-tails',
      statement: 'Pattern: heavy tails (returns)',
      check: 'kelly-closed-form',
    });
  });
});

describe('coverage', () => {
  it("counts each element's own claims, and marks an element without claims n/a (with its reason) or unchecked", () => {
    const doc = handBuilt();
    doc.designConcepts.observation.claims = []; // no claim and no n/a reason
    const checked = (part: string, n: number) => ({ part, status: 'checked', claims: n, note: '' });
    expect(oddCoverage(doc)).toEqual([
      checked('1. Purpose and patterns', 2),
      checked('2. Entities, state variables and scales', 3),
      checked('3. Process overview and scheduling', 4),
      { part: '4. Design concepts · basicPrinciples', status: 'n/a', claims: 0, note: 'basicPrinciples does not apply' },
      ...DESIGN_CONCEPTS.slice(1, -1).map((k, i) => checked(`4. Design concepts · ${k}`, i + 1)),
      { part: '4. Design concepts · observation', status: 'unchecked', claims: 0, note: 'no claim names a check' },
      checked('5. Initialization', 5),
      { part: '6. Input data', status: 'n/a', claims: 0, note: 'no input data' },
      checked('7. Submodels', 6),
    ]);
  });

  it('honors an n/a reason only where an element may have one (initialization, input data, design concepts)', () => {
    const doc = handBuilt();
    doc.initialization = { text: 'init', claims: [], notApplicable: 'nothing to set up' };
    doc.inputData = { text: 'input', claims: [] };
    const rows = oddCoverage(doc);
    expect(rows.find((r) => r.part === '5. Initialization')).toEqual({
      part: '5. Initialization',
      status: 'n/a',
      claims: 0,
      note: 'nothing to set up',
    });
    expect(rows.find((r) => r.part === '6. Input data')?.status).toBe('unchecked');
    // elements 1–3 and 7 have no n/a field: without claims they are unchecked
    doc.entities.claims = [];
    doc.processOverview.claims = [];
    doc.purposeAndPatterns.patterns = [];
    doc.purposeAndPatterns.claims = [];
    for (const s of doc.submodels) s.claims = [];
    expect(
      oddCoverage(doc)
        .filter((r) => !r.part.startsWith('4.') && r.part !== '5. Initialization')
        .map((r) => [r.part, r.status]),
    ).toEqual([
      ['1. Purpose and patterns', 'unchecked'],
      ['2. Entities, state variables and scales', 'unchecked'],
      ['3. Process overview and scheduling', 'unchecked'],
      ['6. Input data', 'unchecked'],
      ['7. Submodels', 'unchecked'],
    ]);
  });

  it('counts patterns and claims of element 1 together (one pattern alone covers it)', () => {
    const doc = handBuilt();
    doc.purposeAndPatterns.claims = [];
    expect(oddCoverage(doc)[0]).toEqual({ part: '1. Purpose and patterns', status: 'checked', claims: 1, note: '' });
  });
});

describe('checkOdd', () => {
  it("runs each claim's check and reports it with where, id, statement and check; passes when all pass and all is covered", () => {
    const r = checkOdd(handBuilt());
    expect(r.pass).toBe(true);
    expect(r.results).toHaveLength(75);
    expect(r.results[1]).toEqual({
      where: '1. Purpose and patterns',
      id: 'purpose-1',
      statement: 'statement of purpose-1',
      check: 'kelly-closed-form',
      pass: true,
      detail: KELLY,
    });
    // 30 seeds by default, as omega validate; the default season's length
    expect(r.seeds).toBe(30);
    expect(r.steps).toBe(defaultModelConfig().steps);
    expect(r.coverage).toEqual(oddCoverage(handBuilt()));
  });

  it('fails when one claim fails though every element is covered', () => {
    const doc = handBuilt();
    doc.entities.claims[1]!.check = 'no-such-check';
    const r = checkOdd(doc, { seeds: 3 });
    expect(r.seeds).toBe(3);
    expect(r.coverage.every((c) => c.status !== 'unchecked')).toBe(true);
    expect(r.results.filter((x) => !x.pass).map((x) => x.id)).toEqual(['entity-2']);
    expect(r.pass).toBe(false);
  });

  it('fails when every claim passes but a concept is unchecked', () => {
    const doc = handBuilt();
    doc.designConcepts.observation.claims = [];
    const r = checkOdd(doc);
    expect(r.results.every((x) => x.pass)).toBe(true);
    expect(r.pass).toBe(false);
  });

  describe('a quick run (facts: false)', () => {
    const doc = handBuilt();
    doc.entities.claims[0]!.check = 'fact:heavy_tails';
    doc.entities.claims[1]!.check = 'ablation-liquidity-withdrawal';
    doc.entities.claims[2]!.check = 'ablation-withdrawal-tails';
    it('skips the stylized facts and the full-season ablations, saying where they are checked, and runs the rest', () => {
      const r = checkOdd(doc, { facts: false });
      const entity = r.results.filter((x) => x.where.startsWith('2.'));
      expect(entity.map(({ pass, skipped, detail }) => ({ pass, skipped, detail }))).toEqual([
        {
          pass: true,
          skipped: true,
          detail: 'not checked here: a stylized fact needs many seeds and the null models (omega odd --check, omega validate)',
        },
        ...[1, 2].map(() => ({
          pass: true,
          skipped: true,
          detail: 'not checked here: this ablation compares 12 full seasons with the mechanism on and off (omega odd --check)',
        })),
      ]);
      expect(entity[0]).toMatchObject({ id: 'entity-1', check: 'fact:heavy_tails', where: '2. Entities, state variables and scales' });
      expect(r.results.filter((x) => x.skipped)).toHaveLength(3);
      expect(r.results.find((x) => x.id === 'process-1')).toMatchObject({ pass: true, detail: KELLY });
      expect(r.results.find((x) => x.id === 'process-1')).not.toHaveProperty('skipped');
      expect(r.pass).toBe(true);
    });
    it('checks them otherwise (here on a one-game, 30-step season with two traders, a seed each)', () => {
      const tiny = parseModelConfig({
        markets: { count: 1, life: 30 },
        agents: {
          noise: { count: 2 },
          informed: { count: 0 },
          arbitrageur: { count: 0 },
          marketMaker: { count: 0 },
          homer: { count: 0 },
          llm: { count: 0 },
        },
      });
      const r = checkOdd(doc, { seeds: 1, config: tiny });
      const entity = r.results.filter((x) => x.where.startsWith('2.'));
      expect(entity.map((x) => x.skipped)).toEqual([undefined, undefined, undefined]);
      // the suite was asked for (one seed is too few for it): the claim was checked, not skipped
      expect(entity[0]).toMatchObject({ pass: false, detail: 'check threw: the stylized-facts suite needs at least 2 seeds, got 1' });
      expect(entity[1]!.detail).toMatch(/^Fano factor of extreme returns/);
      expect(entity[2]!.detail).toMatch(/^excess kurtosis of returns when market makers never withdraw/);
    });
  });
});
