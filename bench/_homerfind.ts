import { defaultModelConfig, homerBias } from '../src/index.js';
for (const stake of [0.02, 0.15]) {
  const c = defaultModelConfig();
  const r = await homerBias({ ...c, agents: { ...c.agents, homer: { ...c.agents.homer, maxPositionFraction: stake } } }, { seeds: 12, workers: 2 });
  const f = (e: { cents: number; ci: [number, number] }) => `${e.cents.toFixed(2)} [${e.ci[0].toFixed(2)}, ${e.ci[1].toFixed(2)}]`;
  console.log(`stake ${stake}: markets ${r.markets}; YES dearer ${f(r.yesBias)}¢; longshot side dearer ${f(r.longshotBias)}¢; by level: ${r.byLevel.map((b) => `${b.level} ${f(b)}`).join('; ')}; |error| ${r.absError.withHomers.toFixed(2)} vs ${r.absError.without.toFixed(2)}¢ without`);
}
