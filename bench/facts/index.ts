import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Rng } from '../../src/core/rng.js';
import { readNumericColumn } from '../../src/data/csv.js';
import { acf } from '../../src/facts/acf.js';
import { seriesFacts } from '../../src/facts/series-facts.js';
import { machineLine } from '../machine.js';

type Complex = { re: number; im: number };
interface MathFft {
  fft(x: number[]): Complex[];
  ifft(x: Complex[]): Complex[];
  complex(re: number, im: number): Complex;
}

/** The peer: the autocorrelation as this project computed it before (mathjs's FFT on arrays of complex objects). */
function acfMathjs(math: MathFft, xs: readonly number[], maxLag: number): number[] {
  const n = xs.length;
  const m = xs.reduce((a, b) => a + b, 0) / n;
  let size = 1;
  while (size < 2 * n) size *= 2;
  const padded = new Array<number>(size).fill(0);
  for (let i = 0; i < n; i++) padded[i] = xs[i]! - m;
  const f = math.fft(padded);
  const r = math.ifft(f.map((c) => math.complex(c.re * c.re + c.im * c.im, 0)));
  return Array.from({ length: maxLag }, (_, k) => r[k + 1]!.re / r[0]!.re);
}

/**
 * `npm run bench -- facts [--rows N]`: `omega facts` on a series of N rows (default 1,000,000; GARCH(1,1)
 * returns from a seeded stream, written to a temporary CSV): end to end as a user runs it (a child process,
 * startup included), then the streamed parse and the statistics in this process, and the autocorrelation
 * against the peer, the mathjs FFT the project used before (the first 100,000 values, same lags; values must agree).
 */
export async function factsBench(options: { rows: number }): Promise<{ ok: boolean }> {
  console.log(machineLine());
  const n = options.rows;
  const dir = mkdtempSync(path.join(tmpdir(), 'omega-bench-facts-'));
  const file = path.join(dir, 'series.csv');
  const rng = Rng.derive(7, 'bench-facts');
  let h = 1e-4;
  let prev = 0;
  const lines = ['t,r'];
  for (let t = 0; t < n; t++) {
    h = 1e-6 + 0.09 * prev * prev + 0.9 * h;
    prev = Math.sqrt(h) * rng.normal();
    lines.push(`${t},${prev.toPrecision(8)}`);
  }
  writeFileSync(file, lines.join('\n') + '\n');
  console.log(
    `workload: ${n.toLocaleString('en-US')} rows of GARCH(1,1) returns (${(lines.join('\n').length / 2 ** 20).toFixed(1)} MiB CSV); omega facts --column r --json (20 lags)`,
  );
  console.log(
    'peer: the autocorrelation by mathjs 15 fft/ifft on arrays of complex objects (this project before issue 15), on the first 100,000 values of the same series, same lags',
  );

  const t0 = performance.now();
  const child = spawnSync(process.execPath, ['bin/omega.mjs', 'facts', '--csv', file, '--column', 'r', '--json'], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  const endToEnd = (performance.now() - t0) / 1000;
  if (child.status !== 0) throw new Error(`omega facts failed: ${child.stderr}`);
  console.log(`end to end (a new process, startup included): ${endToEnd.toFixed(2)} s`);

  const t1 = performance.now();
  const { values } = await readNumericColumn(file, 'r');
  const parse = (performance.now() - t1) / 1000;
  const t2 = performance.now();
  const facts = seriesFacts(values, { lags: 20 });
  const stats = (performance.now() - t2) / 1000;
  const rss = process.memoryUsage().rss / 2 ** 20;
  console.log(
    `in process: streamed parse ${parse.toFixed(2)} s, every statistic ${stats.toFixed(2)} s (n = ${facts.n}); RSS ${rss.toFixed(0)} MiB`,
  );

  // the peer needs minutes at a million values (177 s here): both run on the first 100,000
  const head = values.slice(0, Math.min(n, 100_000));
  const t3 = performance.now();
  const ours = acf(head, 20);
  const oursMs = performance.now() - t3;
  const math = createRequire(path.join(process.cwd(), 'package.json'))('mathjs') as MathFft;
  const t4 = performance.now();
  const peer = acfMathjs(math, head, 20);
  const peerMs = performance.now() - t4;
  const maxDiff = Math.max(...ours.map((r, i) => Math.abs(r - peer[i]!)));
  console.log(
    `ACF of ${head.length.toLocaleString('en-US')} values, 20 lags: ours (fft.js) ${oursMs.toFixed(0)} ms, peer (mathjs) ${peerMs.toFixed(0)} ms — ${(peerMs / oursMs).toFixed(1)}× ; largest difference ${maxDiff.toExponential(1)}`,
  );
  rmSync(dir, { recursive: true, force: true });
  const ok = maxDiff < 1e-9 && endToEnd < 10;
  console.log(
    `targets: a million-row series in seconds (end to end < 10 s: ${endToEnd.toFixed(2)} s), ACF equal to the peer's within 1e-9 — ${ok ? 'met' : 'NOT met'}`,
  );
  console.log(
    JSON.stringify({
      bench: 'facts',
      rows: n,
      end_to_end_s: Number(endToEnd.toFixed(2)),
      parse_s: Number(parse.toFixed(2)),
      stats_s: Number(stats.toFixed(2)),
      rss_mib: Math.round(rss),
      acf_rows: head.length,
      acf_ms: Math.round(oursMs),
      peer: 'mathjs fft',
      peer_acf_ms: Math.round(peerMs),
      ratio: Number((peerMs / oursMs).toFixed(1)),
    }),
  );
  return { ok };
}
