import { describe, expect, it } from 'vitest';
import { allParameters, buildOddDocument, checkOdd, CHECKS, claimsOf, DESIGN_CONCEPTS, OddDocumentSchema, oddCoverage, renderOddHtml, renderOddMarkdown } from '../../src/odd/index.js';
import { defaultModelConfig, Model } from '../../src/abm/index.js';

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
    expect(signal).toMatchObject({ default: '[0.6, 0.95]', range: '[0, 1]', perAgent: true });
    expect(doc.processOverview.schedule.map((s) => s.phase)).toEqual(Model.SCHEDULE.map((s) => s.phase));
    expect(doc.entities.entities.map((e) => e.name)).toEqual(expect.arrayContaining(['agent: noise', 'agent: informed', 'agent: arbitrageur', 'agent: marketMaker', 'account', 'market']));
    const mm = doc.entities.entities.find((e) => e.name === 'agent: marketMaker')!;
    expect(mm.stateVariables.map((v) => v.name)).toEqual(expect.arrayContaining(['fairValue', 'variance', 'riskAversion']));
  });

  it('names a registered check in every claim', () => {
    for (const { claim } of claimsOf(doc)) {
      if (claim.check.startsWith('fact:')) continue;
      expect(Object.keys(CHECKS), claim.check).toContain(claim.check);
    }
  });

  it('rejects a malformed document with the field named', () => {
    const bad = { ...doc, designConcepts: { ...doc.designConcepts, learning: { text: 1 } } };
    const r = OddDocumentSchema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues[0]?.path)).toContain('learning');
  });
});

describe('checking the ODD claims', () => {
  const doc = buildOddDocument();
  const result = checkOdd(doc); // the defaults: 12 seeds × the default model's 2,000 steps

  it('runs every claim and covers every element and concept', () => {
    const failing = result.results.filter((r) => !r.pass).map((r) => `${r.id}: ${r.detail}`);
    expect(failing).toEqual([]);
    expect(result.coverage.filter((c) => c.status === 'unchecked')).toEqual([]);
    expect(result.coverage.filter((c) => c.status === 'n/a').map((c) => c.part)).toEqual(expect.arrayContaining(['4. Design concepts · learning', '4. Design concepts · collectives']));
    expect(result.pass).toBe(true);
  });

  it('fails a claim whose check fails, and an element left unchecked', () => {
    const edited = structuredClone(doc);
    edited.designConcepts.observation.claims = [];
    edited.designConcepts.sensing.claims[0]!.check = 'no-such-check';
    edited.purposeAndPatterns.patterns.push({ id: 'impossible', description: 'returns are thin-tailed', scale: 'x', check: 'fact:no_such_fact' });
    const r = checkOdd(edited, { seeds: 3, config: { ...defaultModelConfig(), steps: 600 } });
    expect(r.pass).toBe(false);
    expect(r.coverage.find((c) => c.part === '4. Design concepts · observation')?.status).toBe('unchecked');
    expect(r.results.find((x) => x.check === 'no-such-check')).toMatchObject({ pass: false, detail: expect.stringContaining('unknown check') });
    expect(r.results.find((x) => x.check === 'fact:no_such_fact')?.pass).toBe(false);
  });

  it('catches a schedule that no longer matches the code', () => {
    const edited = structuredClone(doc);
    edited.processOverview.schedule.reverse();
    const r = checkOdd(edited, { seeds: 2, config: { ...defaultModelConfig(), steps: 400 } });
    expect(r.results.find((x) => x.check === 'schedule-matches-code')?.pass).toBe(false);
  });

  it('renders Markdown and HTML with the verdicts inline', () => {
    const md = renderOddMarkdown(doc, result);
    for (const h of ['## 1. Purpose and patterns', '## 2. Entities, state variables and scales', '## 3. Process overview and scheduling', '## 4. Design concepts', '## 5. Initialization', '## 6. Input data', '## 7. Submodels', '### Sensing']) expect(md).toContain(h);
    expect(md).toContain('✅');
    expect(md).not.toContain('❌');
    expect(md).toContain('`agents.informed.signalQuality`');
    const html = renderOddHtml(doc, result);
    expect(html).toContain('<h2>7. Submodels</h2>');
    expect(html).toContain('<table>');
  });
});
