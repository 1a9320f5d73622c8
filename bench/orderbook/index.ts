import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fmtRate, machineLine } from '../machine.js';

interface ChildResult {
  engine: string;
  rates: number[];
  median: number;
  p50ns: number;
  p99ns: number;
  p9999ns: number;
  maxRssMB: number;
  heapGrowthMB: number;
  stats: { newOrders: number; cancels: number; crossing: number; fills: number; restingAtEnd: number };
  state: unknown;
}

function runChild(engine: string, resting: number, n: number, reps: number): ChildResult {
  const child = path.join(process.cwd(), 'bench', 'orderbook', 'child.ts');
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', child, engine, String(resting), String(n), String(reps)], {
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as ChildResult;
}

/**
 * `npm run bench -- orderbook [--messages N] [--reps R]`: the same seeded 1M-message stream through
 * our book and through nodejs-order-book (the npm peer), at ~1,000 and ~8,000 resting orders.
 */
export function orderbookBench(args: { messages: number; reps: number }): { ok: boolean } {
  console.log(machineLine());
  console.log(
    `workload: ${args.messages.toLocaleString('en-US')} seeded messages (new limit orders at 1–99¢ around a random-walk fair value, ~12% crossing; cancels of live orders), median of ${args.reps} runs, each engine in its own process`,
  );
  const lines: string[] = [];
  let ok = true;
  const results: Record<number, { ours: ChildResult; peer: ChildResult; none: ChildResult }> = {};
  for (const resting of [1000, 8000]) {
    const none = runChild('none', resting, args.messages, 1);
    const ours = runChild('ours', resting, args.messages, args.reps);
    const peer = runChild('peer', resting, args.messages, args.reps);
    results[resting] = { ours, peer, none };
    const s = ours.stats;
    const same = JSON.stringify(ours.state) === JSON.stringify(peer.state);
    ok &&= same;
    console.log(
      `\n~${resting} resting: mix ${((100 * s.newOrders) / args.messages).toFixed(0)}% new / ${((100 * s.cancels) / args.messages).toFixed(0)}% cancel, ${((100 * s.crossing) / s.newOrders).toFixed(1)}% of new orders cross, ${s.fills.toLocaleString('en-US')} fills, ${s.restingAtEnd} resting at end`,
    );
    console.log('  engine               msgs/s (median)   p50 ns   p99 ns   p99.99 ns   peak RSS MB   heap growth MB');
    for (const r of [ours, peer, none]) {
      console.log(
        `  ${r.engine.padEnd(20)} ${fmtRate(r.median).padStart(15)} ${r.p50ns.toFixed(0).padStart(8)} ${r.p99ns.toFixed(0).padStart(8)} ${r.p9999ns.toFixed(0).padStart(11)} ${r.maxRssMB.toFixed(0).padStart(13)} ${r.heapGrowthMB.toFixed(1).padStart(16)}`,
      );
    }
    console.log(`  final state (levels, orders, best bid/ask) ours vs peer: ${same ? 'MATCH' : 'DIFFERENT'}`);
    const ratio = ours.median / peer.median;
    lines.push(
      JSON.stringify({
        bench: 'orderbook',
        resting,
        messages: args.messages,
        ours_msgs_per_s: Math.round(ours.median),
        peer: 'nodejs-order-book',
        peer_msgs_per_s: Math.round(peer.median),
        ratio: Number(ratio.toFixed(1)),
        ours_p50_ns: Math.round(ours.p50ns),
        ours_p99_ns: Math.round(ours.p99ns),
        peer_p50_ns: Math.round(peer.p50ns),
        peer_p99_ns: Math.round(peer.p99ns),
        ours_peak_rss_mb: Math.round(ours.maxRssMB),
        peer_peak_rss_mb: Math.round(peer.maxRssMB),
        harness_peak_rss_mb: Math.round(none.maxRssMB),
        state_match: same,
      }),
    );
  }
  const r1 = results[1000]!;
  const r8 = results[8000]!;
  const depthRatio = r8.ours.median / r1.ours.median;
  console.log(
    `\ntargets: ours ≥ 50× peer at ~1k (${(r1.ours.median / r1.peer.median).toFixed(0)}×), ≥ 10M msgs/s at ~1k (${fmtRate(r1.ours.median)}), 8k/1k throughput ≥ 0.8 (${depthRatio.toFixed(2)})`,
  );
  for (const l of lines) console.log(l);
  return { ok };
}
