import { defaultModelConfig, parseModelConfig, mergeDeep, runTasks } from '../src/index.js';
const grid: Array<Record<string, unknown>> = JSON.parse(process.env.GRID!);
for (const over of grid) {
  const cfg = parseModelConfig(mergeDeep(JSON.parse(JSON.stringify(defaultModelConfig())) as Record<string, unknown>, over));
  const out = await runTasks('factsForSeed', Array.from({ length: Number(process.env.SEEDS ?? 8) }, (_, i) => ({ config: cfg, seed: i + 1, scale: 5, nulls: true })), { workers: 2 });
  const m = (f: (o: (typeof out)[number]) => number) => (out.reduce((s, o) => s + f(o), 0) / out.length).toFixed(3);
  console.log(JSON.stringify(over), 'F', m((o) => o.model.fano), 'truthF', m((o) => o.truthOnly!.fano), 'clust', m((o) => o.model.absAcf1), 'mae', m((o) => o.model.meanAbsError));
}
