import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fmtRate, machineLine } from '../machine.js';

interface AbmResult {
  population: string;
  agents: number;
  steps: number;
  seconds: number;
  decisions: number;
  decisionsPerS: number;
  cpuSeconds: number;
  decisionsPerCpuS: number;
  trades: number;
  orders: number;
  maxRssMB: number;
}

/**
 * `npm run bench -- abm`: agent decisions per second of the full model (exchange, collateral, fees,
 * data collection) at 1,000 and 10,000 agents in the default proportions, each run ≥ 5 s. Reports wall-clock
 * decisions/s and decisions per CPU-second of the process (on a shared machine the two differ by the time
 * other jobs held the cores), with the load average before each scenario.
 */
export function abmBench(args: { seconds: number }): { ok: boolean } {
  console.log(machineLine());
  console.log(
    `load average: ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  console.log(
    `workload: default proportions, one market, seed 1, steps chosen so each run lasts ≥ ${args.seconds} s, each scenario in its own process — "four": noise 50 : informed 20 : arbitrageur 10 : market maker 5; "full": the same plus homers 30 (LLM agents need an endpoint and are left out)`,
  );
  console.log(
    'peer: no agent-based market simulator is installable here (Mesa needs PyPI, Agents.jl needs Julia); for context, the reference system this project replaces measured 37k agent-steps/s at 10,000 agents (MISSION.md)',
  );
  const lines: string[] = [];
  let ok = true;
  let cpuOk = true;
  for (const [agents, pop] of [
    [1000, 'four'],
    [10000, 'four'],
    [10000, 'full'],
  ] as const) {
    const load = os.loadavg()[0]!;
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', path.join(process.cwd(), 'bench', 'abm', 'child.ts'), String(agents), String(args.seconds), pop],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const r = JSON.parse(out.trim().split('\n').at(-1)!) as AbmResult;
    console.log(
      `  ${pop.padEnd(4)} ${String(r.agents).padStart(6)} agents × ${r.steps} steps: ${fmtRate(r.decisionsPerS)} decisions/s over ${r.seconds.toFixed(1)} s (${fmtRate(r.decisionsPerCpuS)} per CPU-second over ${r.cpuSeconds.toFixed(1)} s), ${r.orders.toLocaleString('en-US')} orders, ${r.trades.toLocaleString('en-US')} trades, peak RSS ${r.maxRssMB.toFixed(0)} MB`,
    );
    if (agents === 10000) ((ok &&= r.decisionsPerS >= 2_000_000), (cpuOk &&= r.decisionsPerCpuS >= 2_000_000));
    lines.push(
      JSON.stringify({
        bench: 'abm',
        population: pop,
        agents: r.agents,
        steps: r.steps,
        seconds: Number(r.seconds.toFixed(2)),
        decisions_per_s: Math.round(r.decisionsPerS),
        cpu_seconds: Number(r.cpuSeconds.toFixed(2)),
        decisions_per_cpu_s: Math.round(r.decisionsPerCpuS),
        load_before: Number(load.toFixed(2)),
        orders: r.orders,
        trades: r.trades,
        peak_rss_mb: Math.round(r.maxRssMB),
        vs_reference_system_x: Number((r.decisionsPerS / 37_000).toFixed(1)),
      }),
    );
  }
  console.log(
    `target (issue 15): ≥ 2,000,000 decisions/s at 10,000 agents — wall clock: ${ok ? 'met' : 'NOT met'}; per CPU-second: ${cpuOk ? 'met' : 'NOT met'}`,
  );
  for (const l of lines) console.log(l);
  return { ok };
}
