/**
 * One process, two source trees: alternate short ABM runs of this tree and another checkout (the
 * previous version) and compare CPU time per run. On a machine shared with other jobs, wall-clock runs
 * minutes apart differ by more than the change being measured; interleaved runs of the same length see
 * the same load. Usage: compare-child.ts <otherTreeDir> <agents> <steps> <pairs> [four|full]
 */
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { median } from '../machine.js';
import * as current from '../../src/index.js';

const [otherDir = '', agentsArg = '1000', stepsArg = '1000', pairsArg = '20', popArg = 'four'] = process.argv.slice(2);
const previous = (await import(pathToFileURL(path.join(otherDir, 'src', 'index.ts')).href)) as typeof current;
const n = Number(agentsArg);
const full = popArg === 'full';
const k = n / (full ? 115 : 85);
const noise = Math.round(50 * k);
const informed = Math.round(20 * k);
const arbitrageur = Math.round(10 * k);
const homer = full ? Math.round(30 * k) : 0;
const steps = Number(stepsArg);
const config = {
  steps,
  agentCollectEvery: steps,
  agents: {
    noise: { count: noise },
    informed: { count: informed },
    arbitrageur: { count: arbitrageur },
    marketMaker: { count: n - noise - informed - arbitrageur - homer },
    homer: { count: homer },
    llm: { count: 0 },
  },
};

function run(lib: typeof current): { cpu: number; decisions: number; tape: string } {
  const model = lib.Model.create(config, 1);
  const c0 = process.cpuUsage();
  model.run();
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / 1e6, decisions: model.agents.reduce((s, a) => s + a.decisions, 0), tape: model.manifest().tapeHash };
}

for (let i = 0; i < 2; i++) (run(previous), run(current)); // warm both
const now: number[] = [];
const before: number[] = [];
let sameTape = true;
let decisions = 0;
for (let i = 0; i < Number(pairsArg); i++) {
  // alternate who goes first, so neither always runs right after the other's garbage
  const a = i % 2 === 0 ? run(previous) : undefined;
  const b = run(current);
  const p = a ?? run(previous);
  sameTape &&= p.tape === b.tape;
  decisions = b.decisions;
  before.push(p.cpu);
  now.push(b.cpu);
}
process.stdout.write(
  JSON.stringify({
    agents: n,
    steps,
    population: popArg,
    pairs: now.length,
    decisions,
    current_cpu_s: median(now),
    previous_cpu_s: median(before),
    current_decisions_per_cpu_s: decisions / median(now),
    previous_decisions_per_cpu_s: decisions / median(before),
    same_tape: sameTape,
  }) + '\n',
);
