import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fmtRate, machineLine } from '../machine.js';

/**
 * `npm run bench -- abm-compare [--ref main]`: is the ABM slower than at another git commit? Checks the
 * commit out into a temporary worktree and, in one process, alternates short runs of both trees on the
 * same config and seed (CPU time, median of interleaved pairs; the trade tapes must be identical), at
 * 1,000 and 10,000 agents.
 */
export function abmCompareBench(args: { ref: string; pairs: number }): { ok: boolean } {
  console.log(machineLine());
  console.log(
    `load average: ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  const root = process.cwd();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'omega-abm-ref-'));
  const tree = path.join(dir, 'tree');
  const rev = execFileSync('git', ['rev-parse', '--short', args.ref], { encoding: 'utf8' }).trim();
  console.log(`peer: the same model at ${args.ref} (${rev}), checked out in ${tree}, run in the same process, interleaved with this tree`);
  let ok = true;
  try {
    execFileSync('git', ['worktree', 'add', '--detach', tree, args.ref], { stdio: 'ignore' });
    if (!existsSync(path.join(tree, 'node_modules'))) symlinkSync(path.join(root, 'node_modules'), path.join(tree, 'node_modules'));
    for (const [agents, steps, pop] of [
      [1000, 1000, 'four'],
      [10000, 100, 'four'],
      [10000, 100, 'full'],
    ] as const) {
      const out = execFileSync(
        process.execPath,
        [
          '--import',
          'tsx',
          path.join(root, 'bench', 'abm', 'compare-child.ts'),
          tree,
          String(agents),
          String(steps),
          String(args.pairs),
          pop,
        ],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
      );
      const r = JSON.parse(out.trim().split('\n').at(-1)!) as {
        current_cpu_s: number;
        previous_cpu_s: number;
        current_decisions_per_cpu_s: number;
        previous_decisions_per_cpu_s: number;
        same_tape: boolean;
        pairs: number;
      };
      const ratio = r.current_cpu_s / r.previous_cpu_s;
      console.log(
        `  ${pop.padEnd(4)} ${String(agents).padStart(6)} agents × ${steps} steps, ${r.pairs} pairs: this tree ${fmtRate(r.current_decisions_per_cpu_s)} decisions per CPU-second, ${args.ref} ${fmtRate(r.previous_decisions_per_cpu_s)} (time ratio ${ratio.toFixed(3)}), same tape: ${r.same_tape}`,
      );
      ok &&= r.same_tape;
      console.log(
        JSON.stringify({
          bench: 'abm-compare',
          ref: args.ref,
          rev,
          population: pop,
          agents,
          steps,
          ...r,
          time_ratio: Number(ratio.toFixed(3)),
        }),
      );
    }
  } finally {
    execFileSync('git', ['worktree', 'remove', '--force', tree], { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  }
  return { ok };
}
