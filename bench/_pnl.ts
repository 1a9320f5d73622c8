import { defaultModelConfig, parseModelConfig, mergeDeep, Model, summarize } from '../src/index.js';
const over = process.env.CFG ? JSON.parse(process.env.CFG) : {};
const cfg = parseModelConfig(mergeDeep(JSON.parse(JSON.stringify(defaultModelConfig())) as Record<string, unknown>, over));
const rows: string[] = [];
for (let seed = 42; seed < 42 + Number(process.env.SEEDS ?? 4); seed++) {
  const m = Model.create(cfg, seed, { env: {} }).run();
  const s = summarize(m);
  const f = Object.fromEntries(s.families.map((x) => [x.family, Math.round(x.meanPnl)]));
  rows.push(`seed ${seed}: informed ${f.informed} noise ${f.noise} arb ${f.arbitrageur} mm ${f.marketMaker} homer ${f.homer} mae ${s.season.meanAbsError.toFixed(2)}`);
}
console.log(JSON.stringify(over)); console.log(rows.join('\n'));
