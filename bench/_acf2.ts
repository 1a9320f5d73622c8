import { defaultModelConfig, parseModelConfig, mergeDeep, Model, modelSeries, analysisReturns, robustPortmanteau } from '../src/index.js';
const over = process.env.CFG ? JSON.parse(process.env.CFG) : {};
const cfg = parseModelConfig(mergeDeep(JSON.parse(JSON.stringify(defaultModelConfig())) as Record<string, unknown>, over));
const zs: number[][] = [];
for (let seed = 1; seed <= Number(process.env.SEEDS ?? 6); seed++) {
  const m = Model.create(cfg, seed, { env: {} }).run();
  const a = analysisReturns(modelSeries(m));
  zs.push(robustPortmanteau(a.changes, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], { demean: false }).z);
}
for (const z of zs) console.log(z.map((x) => x.toFixed(1).padStart(5)).join(''));
console.log('mean', zs[0]!.map((_, k) => (zs.reduce((s, z) => s + z[k]!, 0) / zs.length).toFixed(1).padStart(5)).join(''));
