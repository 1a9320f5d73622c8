/**
 * Runs one engine on one stream in its own process, so peak RSS belongs to that engine alone.
 * Prints one JSON object on stdout. Usage: child.ts <engine> <resting> <messages> <reps>
 */
import { harness, ours, peer, type Engine } from './engines.js';
import { generateStream } from './stream.js';
import { median, quantileInPlace } from '../machine.js';

const [engineName = 'ours', restingArg = '1000', nArg = '1000000', repsArg = '5'] = process.argv.slice(2);
const engines: Record<string, Engine> = { ours, peer, none: harness };
const engine = engines[engineName];
if (engine === undefined) throw new Error(`unknown engine ${engineName}`);
const stream = generateStream(Number(nArg), Number(restingArg));
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const rates: number[] = [];
let state = engine.run(stream); // warm-up, also the state we report
for (let r = 0; r < Number(repsArg); r++) {
  const t0 = process.hrtime.bigint();
  state = engine.run(stream);
  const ns = Number(process.hrtime.bigint() - t0);
  rates.push(stream.n / (ns / 1e9));
}
const heapAfter = process.memoryUsage().heapUsed;
const latency = new Float64Array(stream.n);
engine.run(stream, latency);
const p50 = quantileInPlace(latency, 0.5);
const p99 = quantileInPlace(latency, 0.99);
const p9999 = quantileInPlace(latency, 0.9999);
process.stdout.write(
  JSON.stringify({
    engine: engine.name,
    rates,
    median: median(rates),
    p50ns: p50,
    p99ns: p99,
    p9999ns: p9999,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    heapGrowthMB: (heapAfter - heapBefore) / 2 ** 20,
    stats: stream.stats,
    state,
  }) + '\n',
);
