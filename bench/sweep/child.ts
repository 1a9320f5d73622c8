/**
 * One sweep in a fresh process, as `omega sweep` runs it (cold JIT, pool started inside the timing).
 * Usage: child.ts <workers> [redis-url]. Prints one JSON line: wall ms, this process's CPU ms, rows hash.
 */
import { createHash } from 'node:crypto';
import { experimentRows, runExperiment } from '../../src/index.js';
import { sweepSpec } from './spec.js';

const [workersArg = '1', backend] = process.argv.slice(2);
const spec = sweepSpec();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const r = await runExperiment(spec, { workers: Number(workersArg), backend });
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
process.stdout.write(
  JSON.stringify({
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    runs: r.records.length,
    rows: createHash('sha256')
      .update(JSON.stringify(experimentRows(r)))
      .digest('hex'),
  }) + '\n',
);
