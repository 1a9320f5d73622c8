import path from 'node:path';
import type { Command } from 'commander';
import { loadModelConfig, parseModelConfig } from '../abm/config.js';
import { OmegaError, ValidationError } from '../core/errors.js';
import { checkOutputDir } from '../core/output-dir.js';
import { projectRoot } from '../core/paths.js';
import { DESIGNS, experimentHash, experimentRows, runExperiment, type Design, type ExperimentSpec } from '../experiments/experiment.js';
import { METRIC_DESCRIPTIONS } from '../experiments/metrics.js';
import { parseBackend } from '../experiments/backend.js';
import { defaultWorkers } from '../experiments/pool.js';
import { parseParameter } from '../experiments/points.js';
import { toCsv } from '../report/csv.js';
import { writeFileAtomic } from '../report/files.js';
import { textTable } from './format.js';
import { intFlag } from './options.js';
import { progressBar } from './progress.js';

interface SweepOptions {
  config?: string;
  design: string;
  runs: number;
  param: string[];
  seeds: number;
  steps?: number;
  workers: number;
  backend?: string;
  metric: string;
  designSeed: number;
  out?: string;
  json?: boolean;
  progress: boolean;
}

const collect = (v: string, prev: string[]) => [...prev, v];

export function registerSweep(program: Command): void {
  program
    .command('sweep')
    .description(
      'experiments on all cores: replications, full-factorial or Latin-hypercube sweeps, one-at-a-time, Morris and Sobol sensitivity; resumable',
    )
    .option('-c, --config <file>', 'base model config (default: the built-in default model)')
    .option('--design <name>', `one of ${DESIGNS.join(', ')}`, 'morris')
    .option(
      '--runs <n>',
      'design size: replications = seeds; factorial/oat = levels per parameter; lhs = points; morris = trajectories; sobol = base sample N',
      intFlag('--runs', 1, 1_000_000),
      10,
    )
    .option('--param <path=min:max>', 'a parameter to vary (repeatable), e.g. agents.informed.count=10:40', collect, [])
    .option('--seeds <n>', 'replicate seeds per point (the same seeds at every point)', intFlag('--seeds', 1, 10_000), 1)
    .option('-n, --steps <n>', 'steps per run (overrides the config)', intFlag('--steps', 10, 100_000_000))
    .option('--workers <n>', 'worker threads (default: all cores; 1 = this thread)', intFlag('--workers', 1, 1024), defaultWorkers())
    .option(
      '--backend <url>',
      'local (default), or redis://[user:password@]host:port[/db]: runs go to `omega worker` processes on any machine',
      'local',
    )
    .option('--metric <name>', `metric for the sensitivity table: ${Object.keys(METRIC_DESCRIPTIONS).join(', ')}`, 'mean_abs_error')
    .option('--design-seed <n>', 'seed of the design’s own sampling', intFlag('--design-seed', 0), 0)
    .option(
      '-o, --out <dir>',
      'output folder (default reports/sweep-<design>-<experiment hash>); rerunning the same experiment there resumes it',
    )
    .option('--json', 'print the results summary as JSON')
    .option('--no-progress', 'no progress bar')
    .addHelpText(
      'after',
      '\nExample: npx omega sweep --design morris --runs 10 --param agents.informed.count=5:40 --param agents.marketMaker.riskAversion=0.05:0.5 --steps 500',
    )
    .action(async (opts: SweepOptions) => {
      if (!DESIGNS.includes(opts.design as Design))
        throw new ValidationError(`--design must be one of ${DESIGNS.join(', ')}, got ${JSON.stringify(opts.design)}`);
      if (!(opts.metric in METRIC_DESCRIPTIONS))
        throw new ValidationError(
          `--metric must be one of ${Object.keys(METRIC_DESCRIPTIONS).join(', ')}, got ${JSON.stringify(opts.metric)}`,
        );
      const backend = parseBackend(opts.backend);
      const overrides = opts.steps !== undefined ? { steps: opts.steps } : {};
      const base = opts.config ? loadModelConfig(opts.config, overrides) : parseModelConfig(overrides, 'command-line options');
      const params = opts.param.map((p) => parseParameter(p, base));
      const spec: ExperimentSpec = {
        base,
        design: opts.design as Design,
        params,
        runs: opts.runs,
        seeds: opts.seeds,
        designSeed: opts.designSeed,
      };
      const hash = experimentHash(spec);
      const dir = checkOutputDir(
        opts.out ?? path.join(projectRoot(), 'reports', `sweep-${opts.design}-${hash.slice(0, 10)}`),
        opts.out ? '--out' : 'the sweep folder',
      );
      const checkpoint = path.join(dir, 'runs.jsonl');
      const controller = new AbortController();
      const onSigint = () => controller.abort();
      process.once('SIGINT', onSigint);
      const log = (s: string) => !opts.json && process.stderr.write(`${s}\n`);
      log(
        `omega sweep: ${opts.design} design, ${params.length} parameter(s), ${backend.kind === 'redis' ? `runs on omega workers via ${backend.display}` : `${opts.workers} worker(s)`}; results in ${path.relative(process.cwd(), dir) || dir}`,
      );
      let bar: ReturnType<typeof progressBar> | undefined;
      const t0 = performance.now();
      let result;
      try {
        result = await runExperiment(spec, {
          workers: opts.workers,
          backend,
          log: (line) => process.stderr.write(`omega sweep: ${line}\n`),
          checkpoint,
          signal: controller.signal,
          onProgress: (d, total) => {
            bar ??= progressBar('sweep', total, opts.progress && !opts.json);
            bar.update(d);
          },
        });
      } catch (e) {
        bar?.stop();
        if (controller.signal.aborted)
          throw new OmegaError(
            'INTERRUPTED',
            `interrupted; finished runs are saved in ${checkpoint} — run the same command again to resume`,
          );
        throw e;
      } finally {
        process.removeListener('SIGINT', onSigint);
      }
      bar?.stop();
      const seconds = (performance.now() - t0) / 1000;
      if (result.resumed) log(`resumed: ${result.resumed} of ${result.records.length} runs came from the checkpoint`);
      writeFileAtomic(path.join(dir, 'results.csv'), toCsv(experimentRows(result)));
      writeFileAtomic(path.join(dir, 'summary.csv'), toCsv(result.summary.map((s) => ({ ...s }))));
      const indexRows = result.morris
        ? result.morris[opts.metric]!.map((m) => ({ parameter: m.parameter, mu: m.mu, mu_star: m.muStar, sigma: m.sigma, effects: m.n }))
        : result.sobol
          ? result.sobol[opts.metric]!.map((s) => ({
              parameter: s.parameter,
              first_order: s.first,
              first_ci: `[${s.firstCi[0].toFixed(3)}, ${s.firstCi[1].toFixed(3)}]`,
              total: s.total,
              total_ci: `[${s.totalCi[0].toFixed(3)}, ${s.totalCi[1].toFixed(3)}]`,
            }))
          : [];
      if (indexRows.length) writeFileAtomic(path.join(dir, `sensitivity-${opts.metric}.csv`), toCsv(indexRows));
      writeFileAtomic(
        path.join(dir, 'experiment.json'),
        JSON.stringify(
          {
            hash: result.hash,
            design: spec.design,
            runs: spec.runs,
            seeds: spec.seeds,
            params,
            points: result.points.length,
            records: result.records.length,
            morris: result.morris,
            sobol: result.sobol,
          },
          null,
          2,
        ) + '\n',
      );
      if (opts.json) {
        process.stdout.write(
          JSON.stringify({
            hash: result.hash,
            design: spec.design,
            points: result.points.length,
            runs: result.records.length,
            resumed: result.resumed,
            seconds,
            workers: backend.kind === 'redis' ? 'redis' : opts.workers,
            summary: result.summary,
            sensitivity: indexRows,
            dir,
          }) + '\n',
        );
        return;
      }
      console.log(
        textTable(
          result.summary.map((s) => ({
            metric: s.metric,
            n: s.n,
            mean: s.mean,
            sd: s.sd,
            ci95: `[${s.ciLow.toPrecision(4)}, ${s.ciHigh.toPrecision(4)}]`,
          })),
          `${result.records.length} runs (${result.points.length} points × ${spec.design === 'replications' ? spec.runs : spec.seeds} seeds) in ${seconds.toFixed(1)} s`,
        ),
      );
      if (indexRows.length)
        console.log(
          textTable(
            indexRows,
            `\n${spec.design === 'morris' ? 'Morris elementary effects' : 'Sobol indices'} of ${opts.metric} (${METRIC_DESCRIPTIONS[opts.metric]})`,
          ),
        );
      console.log(`\nresults: ${path.relative(process.cwd(), path.join(dir, 'results.csv'))} (one row per run with its manifest)`);
    });
}
