import { defaultModelConfig, parseModelConfig, mergeDeep, homerBias } from '../src/index.js';
const over = process.env.CFG ? JSON.parse(process.env.CFG) : {};
const cfg = parseModelConfig(mergeDeep(JSON.parse(JSON.stringify(defaultModelConfig())) as Record<string, unknown>, over));
const t0 = performance.now();
const r = await homerBias(cfg, { seeds: Number(process.env.SEEDS ?? 12), workers: 2 });
console.log(JSON.stringify(r, (k, v) => (typeof v === 'number' ? Number(v.toFixed(3)) : v)));
console.log(((performance.now() - t0) / 1000).toFixed(1), 's');
