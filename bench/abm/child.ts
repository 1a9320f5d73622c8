/** One ABM scenario in its own process (so peak RSS is its own). Usage: child.ts <agents> <minSeconds> [four|full] */
import { Model, type ModelConfigInput } from '../../src/index.js';

const [agentsArg = '1000', secondsArg = '5', populationArg = 'four'] = process.argv.slice(2);
const full = populationArg === 'full';
const agents = Number(agentsArg);
const minSeconds = Number(secondsArg);

/**
 * The default proportions scaled to `n` agents: the four reference families (50 : 20 : 10 : 5), or the full
 * population with homers (50 : 20 : 10 : 5 : 30; LLM agents need an endpoint and are left out).
 */
function population(n: number, steps: number): ModelConfigInput {
  const k = n / (full ? 115 : 85);
  const noise = Math.round(50 * k);
  const informed = Math.round(20 * k);
  const arbitrageur = Math.round(10 * k);
  const homer = full ? Math.round(30 * k) : 0;
  const marketMaker = n - noise - informed - arbitrageur - homer;
  // one game that lasts the whole run, as the workload line says
  return {
    steps,
    agentCollectEvery: steps,
    markets: { count: 1, life: Math.max(10, steps), stagger: 0 },
    agents: {
      noise: { count: noise },
      informed: { count: informed },
      arbitrageur: { count: arbitrageur },
      marketMaker: { count: marketMaker },
      homer: { count: homer },
      llm: { count: 0 },
    },
  };
}

// calibrate: a short run tells how many steps fill the minimum duration
const probe = Model.create(population(agents, 100), 1);
const t0 = performance.now();
probe.run({ steps: 99 });
const probeRate = (agents * 99) / ((performance.now() - t0) / 1000);
const steps = Math.max(100, Math.ceil((1.3 * minSeconds * probeRate) / agents));

// the probe includes JIT warm-up, so it can under-estimate: grow the run until it lasts long enough
let runSteps = steps;
let model: Model;
let seconds: number;
let cpuSeconds: number;
for (;;) {
  model = Model.create(population(agents, runSteps), 1);
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  model.run();
  seconds = (performance.now() - start) / 1000;
  // CPU time of this process (all its threads, so the garbage collector's helpers count too): on a machine
  // shared with other jobs, wall-clock time also counts the time other processes held the cores
  const cpu = process.cpuUsage(cpu0);
  cpuSeconds = (cpu.user + cpu.system) / 1e6;
  if (seconds >= minSeconds) break;
  runSteps = Math.ceil((runSteps * 1.3 * minSeconds) / seconds);
}
const decisions = model.agents.reduce((s, a) => s + a.decisions, 0);
process.stdout.write(
  JSON.stringify({
    population: full ? 'full' : 'four',
    agents: model.agents.length,
    steps: model.t,
    seconds,
    decisions,
    decisionsPerS: decisions / seconds,
    cpuSeconds,
    decisionsPerCpuS: decisions / cpuSeconds,
    agentStepsPerS: (model.agents.length * model.t) / seconds,
    trades: model.exchange.tape.length,
    orders: model.agents.reduce((s, a) => s + a.orders, 0),
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    tapeHash: model.manifest().tapeHash,
  }) + '\n',
);
