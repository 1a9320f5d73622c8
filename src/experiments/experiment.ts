import { createHash } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { canonicalJson, type ModelConfig } from '../abm/config.js';
import { OmegaError, ValidationError } from '../core/errors.js';
import { Rng } from '../core/rng.js';
import { tQuantileDf } from '../stats/distributions.js';
import { fullFactorial, latinHypercube, morrisDesign, oneAtATime, saltelliDesign, type ParameterRange, type Point } from './designs.js';
import { configAt, SEED_PARAM_HINT } from './points.js';
import { finishCheckpoint, lockCheckpoint, readCheckpoint, startCheckpoint } from './checkpoint.js';
import { runTasks, type PoolOptions } from './pool.js';
import { morrisIndices, sobolIndices, type MorrisIndex, type SobolIndex } from './sensitivity.js';
import type { RunMetrics } from './metrics.js';

export const DESIGNS = ['replications', 'factorial', 'lhs', 'oat', 'morris', 'sobol'] as const;
export type Design = (typeof DESIGNS)[number];

export interface ExperimentSpec {
  readonly base: ModelConfig;
  readonly design: Design;
  readonly params: readonly ParameterRange[];
  /** Design size: replications = seeds; factorial/oat = levels per parameter; lhs = points; morris = trajectories; sobol = base sample N. */
  readonly runs: number;
  /** Replicates per point (seeds base.seed, base.seed + 1, …; the same seeds at every point). */
  readonly seeds?: number;
  /** Seed of the design's own sampling (LHS, Morris, Saltelli). */
  readonly designSeed?: number;
}

export interface RunRecord {
  readonly index: number;
  readonly point: Point;
  readonly seed: number;
  readonly metrics: RunMetrics;
  readonly manifest: { configHash: string; seed: number; tapeHash: string; packageVersion: string; gitCommit: string | null; node: string };
}

export interface MetricSummary {
  readonly metric: string;
  readonly n: number;
  readonly mean: number;
  readonly sd: number;
  readonly ciLow: number;
  readonly ciHigh: number;
}

export interface ExperimentResult {
  readonly spec: ExperimentSpec;
  readonly hash: string;
  readonly points: Point[];
  readonly records: RunRecord[];
  /** Mean ± 95% t-interval of every metric over all runs (replications) or per point. */
  readonly summary: MetricSummary[];
  readonly morris?: Record<string, MorrisIndex[]>;
  readonly sobol?: Record<string, SobolIndex[]>;
  /** Runs skipped because the checkpoint already had them. */
  readonly resumed: number;
}

interface Plan {
  points: Point[];
  morrisRows?: ReturnType<typeof morrisDesign>;
  saltelli?: ReturnType<typeof saltelliDesign>;
}

function plan(spec: ExperimentSpec): Plan {
  const rng = Rng.derive(spec.designSeed ?? 0, 'experiment-design', spec.design);
  switch (spec.design) {
    case 'replications':
      return { points: [{}] };
    case 'factorial':
      return { points: fullFactorial(spec.params, spec.runs) };
    case 'lhs':
      return { points: latinHypercube(spec.params, spec.runs, rng) };
    case 'oat': {
      const base = Object.fromEntries(spec.params.map((p) => [p.name, p.integer ? Math.round((p.min + p.max) / 2) : (p.min + p.max) / 2]));
      return { points: oneAtATime(spec.params, base, spec.runs).map((x) => x.point) };
    }
    case 'morris': {
      const rows = morrisDesign(spec.params, spec.runs, rng);
      return { points: rows.map((r) => r.point), morrisRows: rows };
    }
    case 'sobol': {
      const s = saltelliDesign(spec.params, spec.runs, rng);
      return { points: [...s.A, ...s.B, ...s.AB.flat()], saltelli: s };
    }
  }
}

/** A stable id of the experiment: config, design, parameters, sizes (what a checkpoint must match). */
export function experimentHash(spec: ExperimentSpec): string {
  return createHash('sha256')
    .update(canonicalJson({ ...spec, seeds: spec.seeds ?? 1, designSeed: spec.designSeed ?? 0 }))
    .digest('hex');
}

export function summarizeMetrics(records: readonly RunRecord[]): MetricSummary[] {
  const names = [...new Set(records.flatMap((r) => Object.keys(r.metrics)))];
  return names.map((metric) => {
    const xs = records.map((r) => r.metrics[metric]!).filter(Number.isFinite);
    const n = xs.length;
    const mean = n ? xs.reduce((a, b) => a + b, 0) / n : Number.NaN;
    const sd = n > 1 ? Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1)) : Number.NaN;
    const h = n > 1 ? (tQuantileDf(0.975, n - 1) * sd) / Math.sqrt(n) : Number.NaN;
    return { metric, n, mean, sd, ciLow: mean - h, ciHigh: mean + h };
  });
}

export interface RunExperimentOptions extends PoolOptions {
  /** JSON-lines checkpoint: finished runs are appended as they finish, and skipped when the experiment is rerun. */
  readonly checkpoint?: string;
}

function checkSpec(spec: ExperimentSpec): void {
  if (spec.design !== 'replications' && spec.params.length === 0)
    throw new OmegaError('NO_PARAMETERS', `the ${spec.design} design needs at least one parameter (--param path=min:max)`);
  if (!(Number.isInteger(spec.runs) && spec.runs >= (spec.design === 'factorial' || spec.design === 'oat' ? 2 : 1)))
    throw new OmegaError(
      'BAD_RUNS',
      `runs must be a whole number ≥ ${spec.design === 'factorial' || spec.design === 'oat' ? 2 : 1} for the ${spec.design} design, got ${spec.runs}`,
    );
  const seen = new Set<string>();
  for (const p of spec.params) {
    if (seen.has(p.name))
      throw new ValidationError(`--param ${p.name} is given more than once; give each parameter once (one range per parameter)`);
    seen.add(p.name);
    if (p.name === 'seed') throw new ValidationError(SEED_PARAM_HINT);
  }
}

/**
 * Run an experiment on all cores (or on `omega worker`s through Redis): every point of the design × every
 * replicate seed, each run a fresh model. Results are identical whatever the number or place of workers.
 * With a checkpoint file, an interrupted experiment resumes where it stopped (the file must belong to the
 * same experiment, and only one process may write it at a time).
 */
export async function runExperiment(spec: ExperimentSpec, options: RunExperimentOptions = {}): Promise<ExperimentResult> {
  checkSpec(spec);
  const hash = experimentHash(spec);
  const p = plan(spec);
  const replicates = spec.design === 'replications' ? spec.runs : (spec.seeds ?? 1);
  const configs = p.points.map((pt) => configAt(spec.base, pt));
  const jobs = p.points.flatMap((point, i) =>
    Array.from({ length: replicates }, (_, s) => ({ index: i * replicates + s, point, seed: spec.base.seed + s, config: configs[i]! })),
  );
  const header = { experiment: hash, design: spec.design, created: 'omega-point' };
  let done = new Map<number, RunRecord>();
  let release: (() => void) | undefined;
  if (options.checkpoint) {
    release = lockCheckpoint(options.checkpoint, options.log);
  }
  try {
    if (options.checkpoint) {
      done = readCheckpoint<RunRecord>(options.checkpoint, hash, jobs.length);
      // JSON wrote NaN metrics as null: read them back as the NaN a fresh run gives, so outputs match byte for byte
      for (const [i, r] of done)
        done.set(i, { ...r, metrics: Object.fromEntries(Object.entries(r.metrics).map(([k, v]) => [k, v ?? Number.NaN])) });
      if (done.size === 0) startCheckpoint(options.checkpoint, header);
    }
    const todo = jobs.filter((j) => !done.has(j.index));
    const resumed = jobs.length - todo.length;
    if (resumed) options.onProgress?.(resumed, jobs.length);
    await runTasks(
      'runPoint',
      todo.map((j) => ({ config: j.config, seed: j.seed })),
      {
        ...options,
        checkpointed: Boolean(options.checkpoint),
        experiment: hash.slice(0, 32),
        indices: todo.map((j) => j.index),
        describe: (i) =>
          `${Object.entries(todo[i]!.point)
            .map(([k, v]) => `${k}=${v}`)
            .join(', ')}${Object.keys(todo[i]!.point).length ? ', ' : ''}seed ${todo[i]!.seed}`,
        onProgress: (d) => options.onProgress?.(resumed + d, jobs.length),
        onResult: (i, out) => {
          const j = todo[i]!;
          if (done.has(j.index)) return; // already counted (never twice, whatever a backend delivers)
          const o = out as { metrics: RunMetrics; manifest: RunRecord['manifest'] };
          const rec: RunRecord = { index: j.index, point: j.point, seed: j.seed, metrics: o.metrics, manifest: o.manifest };
          done.set(j.index, rec);
          if (options.checkpoint) appendFileSync(options.checkpoint, JSON.stringify(rec) + '\n');
        },
      },
    );
    if (options.checkpoint) finishCheckpoint(options.checkpoint, header, [...done.values()]);
    return analyze(
      spec,
      hash,
      p,
      jobs.map((j) => done.get(j.index)!),
      replicates,
      resumed,
    );
  } finally {
    release?.();
  }
}

function analyze(spec: ExperimentSpec, hash: string, p: Plan, records: RunRecord[], replicates: number, resumed: number): ExperimentResult {
  const perPoint = (metric: string) =>
    p.points.map((_, i) => {
      const xs = records
        .slice(i * replicates, (i + 1) * replicates)
        .map((r) => r.metrics[metric]!)
        .filter(Number.isFinite);
      return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN;
    });
  const metricNames = Object.keys(records[0]?.metrics ?? {});
  const result: ExperimentResult = { spec, hash, points: p.points, records, summary: summarizeMetrics(records), resumed };
  if (p.morrisRows) {
    const morris: Record<string, MorrisIndex[]> = {};
    for (const m of metricNames) morris[m] = morrisIndices(spec.params, p.morrisRows, perPoint(m));
    return { ...result, morris };
  }
  if (p.saltelli) {
    const n = spec.runs;
    const k = spec.params.length;
    const sobol: Record<string, SobolIndex[]> = {};
    for (const m of metricNames) {
      const y = perPoint(m);
      sobol[m] = sobolIndices(
        spec.params,
        y.slice(0, n),
        y.slice(n, 2 * n),
        Array.from({ length: k }, (_, i) => y.slice(2 * n + i * n, 2 * n + (i + 1) * n)),
        { seed: spec.designSeed ?? 0 },
      );
    }
    return { ...result, sobol };
  }
  return result;
}

/** One row per run: the point's parameters, seed, every metric and the run's manifest. */
export function experimentRows(result: ExperimentResult): Array<Record<string, string | number | null>> {
  return result.records.map((r) => ({
    run: r.index,
    ...r.point,
    seed: r.seed,
    ...r.metrics,
    config_hash: r.manifest.configHash,
    tape_hash: r.manifest.tapeHash,
    package_version: r.manifest.packageVersion,
    git_commit: r.manifest.gitCommit,
    node: r.manifest.node,
  }));
}
