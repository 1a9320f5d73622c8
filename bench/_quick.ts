import { defaultModelConfig, parseModelConfig, mergeDeep, validateModel, verdictRows } from '../src/index.js';
const over = process.env.CFG ? JSON.parse(process.env.CFG) : {};
const cfg = parseModelConfig(mergeDeep(JSON.parse(JSON.stringify(defaultModelConfig())) as Record<string, unknown>, over));
const seeds = Number(process.env.SEEDS ?? 8);
const t0 = performance.now();
const r = await validateModel(cfg, { seeds, workers: 2, nulls: !!process.env.NULLS, real: false });
console.log(`${seeds} seeds ${r.markets} markets ${((performance.now() - t0) / 1000).toFixed(1)} s  pass=${r.pass}`);
for (const v of r.verdicts) {
  if (process.env.ALL || v.tier === 'must' || ['favourite_longshot', 'heavy_tails', 'excess_movement', 'acf_inside_band'].includes(v.fact))
    console.log(v.fact.padEnd(26), v.tier.padEnd(6), `${v.model.value.toPrecision(3)} [${v.model.ciLow.toPrecision(3)}, ${v.model.ciHigh.toPrecision(3)}]`.padEnd(30), v.model.meets ? 'meets' : 'MISS ', v.pass ? 'PASS' : 'FAIL', v.model.detail.slice(0, 110));
}
