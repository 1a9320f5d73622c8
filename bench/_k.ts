import { defaultModelConfig, parseModelConfig, mergeDeep, runTasks } from '../src/index.js';
const over = process.env.CFG ? JSON.parse(process.env.CFG) : {};
const cfg = parseModelConfig(mergeDeep(JSON.parse(JSON.stringify(defaultModelConfig())) as Record<string, unknown>, over));
const out = await runTasks('homerPair', Array.from({ length: Number(process.env.SEEDS ?? 6) }, (_, i) => ({ config: cfg, seed: i + 1 })), { workers: 2 });
const fit = (key: 'withHomers' | 'without') => { let sx = 0, sy = 0, sxx = 0, sxy = 0, n = 0; for (const ms of out) for (const m of ms) m.truth.forEach((t, i) => { if (t < Number(process.env.LO ?? 0) || t > 1 - Number(process.env.LO ?? 0)) return; const y = m[key][i]!; sx += t; sy += y; sxx += t * t; sxy += t * y; n++; }); const k = (sxy - sx * sy / n) / (sxx - sx * sx / n); return { k: k.toFixed(4), a: ((sy - k * sx) / n).toFixed(4) }; };
console.log(JSON.stringify(over), 'with', fit('withHomers'), 'without', fit('without'));
