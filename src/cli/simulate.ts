import path from 'node:path';
import type { Command } from 'commander';
import { requireAgents } from '../abm/config.js';
import { Model } from '../abm/model.js';
import { simulationReport, summaryTables } from '../abm/report.js';
import { summarize } from '../abm/summary.js';
import { systemClock } from '../core/clock.js';
import { projectRoot } from '../core/paths.js';
import { modelSeries } from '../facts/from-model.js';
import { groupStats } from '../facts/group-stats.js';
import { runFactRows } from '../facts/run-verdicts.js';
import { checkOdd } from '../odd/check-odd.js';
import { buildOddDocument } from '../odd/document.js';
import { renderOddMarkdown } from '../odd/render.js';
import { ValidationError } from '../core/errors.js';
import { checkOutputDir } from '../core/output-dir.js';
import { redactUrl } from '../core/redact.js';
import { recordedGames } from '../experiments/real-data.js';
import { textTable } from './format.js';
import { modelConfigFromFlags, withModelFlags } from './options.js';
import { progressBar } from './progress.js';

interface SimulateOptions {
  truth?: string;
  dataDir?: string;
  config?: string;
  seed?: number;
  steps?: number;
  out?: string;
  json?: boolean;
  report: boolean;
  progress: boolean;
  checks: boolean;
}

/** reports/<UTC timestamp>-<seed>: the wall clock only names the folder, it never enters the run. */
function defaultReportDir(seed: number): string {
  const iso = new Date(systemClock.now()).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return path.join(projectRoot(), 'reports', `${iso}-${seed}`);
}

export function registerSimulate(program: Command): void {
  withModelFlags(
    program
      .command('simulate')
      .description('run the agent-based prediction-market simulation, print a summary and write a report under reports/'),
  )
    .option('-o, --out <dir>', 'report folder (default: reports/<timestamp>-<seed>)')
    .option('--json', 'print the summary and the run manifest as one JSON object on stdout')
    .option('--no-report', 'do not write the report folder')
    .option('--no-progress', 'no progress bar')
    .option('--no-checks', 'skip the stylized-facts verdicts and the ODD checks')
    .option(
      '--truth <source>',
      'what drives each game: score (the simulated game, default) or nfl (recorded in-game win probability of real NFL games, from the play-by-play data)',
    )
    .option(
      '--data-dir <dir>',
      'data directory holding nfl/ for --truth nfl (default: $OMEGA_DATA_DIR or the shared data next to the project)',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  npm start\n  npm start -- --seed 7 --steps 5000\n  npx omega simulate --config configs/small.yaml --json',
    )
    .action(async (opts: SimulateOptions) => {
      const config = modelConfigFromFlags(opts);
      if (opts.truth !== undefined && opts.truth !== 'score' && opts.truth !== 'nfl')
        throw new ValidationError(`--truth must be score or nfl, got ${JSON.stringify(opts.truth)}`);
      const cfg = opts.truth
        ? { ...config, markets: { ...config.markets, truth: { ...config.markets.truth, source: opts.truth as 'score' | 'nfl' } } }
        : config;
      // the report folder is checked before the run, not discovered unwritable after it
      const reportDir = opts.report
        ? checkOutputDir(opts.out ?? defaultReportDir(config.seed), opts.out ? '--out' : 'the report folder')
        : undefined;
      requireAgents(cfg, opts.config ? `config file ${opts.config}` : 'model config');
      const model = Model.create(
        cfg,
        undefined,
        cfg.markets.truth.source === 'nfl' ? { recordedGames: loadRecordedGames(opts.dataDir) } : {},
      );
      if (model.agents.length === 0) {
        throw new ValidationError(
          `no agent takes part: the only agents configured are ${config.agents.llm.count} LLM agent(s), and no language-model endpoint is set; set OMEGA_LLM_URL or agents.llm.endpoint, or give another family a count ≥ 1`,
          [{ path: 'agents', message: 'no agents take part' }],
        );
      }
      const log = (s: string) => process.stderr.write(`${s}\n`);
      if (!opts.json)
        log(
          `omega simulate: ${model.agents.length} agents (${config.agents.noise.count} noise, ${config.agents.informed.count} informed, ${config.agents.arbitrageur.count} arbitrageurs, ${config.agents.marketMaker.count} market makers, ${config.agents.homer.count} homers${model.agents.some((a) => a.family === 'llm') ? `, ${config.agents.llm.count} LLM` : ''}), ${config.markets.count} market(s), ${config.steps} steps, seed ${config.seed}`,
        );
      const bar = progressBar('simulate', config.steps, opts.progress && !opts.json);
      const every = Math.max(1, Math.floor(config.steps / 200));
      for (const n of model.notices) log(`note: ${n}`);
      if (model.llm)
        log(
          `LLM agents on: ${model.llm.options.model} at ${model.llm.endpoint} (budget $${model.llm.options.budget}; replies cached in ${config.agents.llm.cacheFile || 'memory'})`,
        );
      await model.runAsync({ onStep: (m) => m.t % every === 0 && bar.update(m.t) });
      bar.update(model.t);
      bar.stop();
      const summary = summarize(model);
      const manifest = model.manifest();
      // stylized facts of this run (per market), then the ODD claims checked across seeds of this config
      const facts = opts.checks ? runFactRows(groupStats(modelSeries(model))) : undefined;
      if (opts.checks && !opts.json) log('checking the ODD claims across seeds …');
      const oddDoc = opts.checks ? buildOddDocument() : undefined;
      // the ODD claims are checked on the configured model over 4 seeds here; the stylized facts need 30 seeds and the nulls (omega odd --check)
      const odd = oddDoc
        ? checkOdd(oddDoc, {
            config: { ...config, markets: { ...config.markets, truth: { ...config.markets.truth, source: 'score' } } },
            seeds: 4,
            facts: false,
          })
        : undefined;
      if (reportDir) {
        const report = simulationReport(model);
        if (facts) {
          report.heading('Stylized facts of this run');
          report.text(
            `Returns are Δlogit(mid) over 5 steps in the first 90% of each market’s life, divided by the volatility profile of life × price level, pooled over the run’s ${model.markets.length} markets. One run has no spread across seeds; \`omega validate --seeds 30\` gives verdicts with CIs, null models and real data.`,
          );
          report.table('facts', facts, { title: `All ${model.markets.length} markets of this run` });
        }
        if (odd && oddDoc) {
          report.heading('ODD checks');
          report.text(
            `${odd.results.filter((r) => r.pass && !r.skipped).length}/${odd.results.filter((r) => !r.skipped).length} claims of the ODD document hold (stylized-fact claims: omega odd --check) over ${odd.seeds} seeds × ${odd.steps} steps; ${odd.coverage.filter((c) => c.status === 'unchecked').length} elements/concepts unchecked. The full document with verdicts is odd.md beside this report.`,
          );
          report.table(
            'odd-claims',
            odd.results.map((r) => ({
              verdict: r.skipped ? 'not checked here' : r.pass ? 'PASS' : 'FAIL',
              where: r.where,
              claim: r.statement,
              check: r.check,
              evidence: r.detail,
            })),
            { title: 'Claims and their checks' },
          );
          report.table(
            'odd-coverage',
            odd.coverage.map((c) => ({ part: c.part, status: c.status, claims: c.claims, note: c.note })),
            { title: 'Coverage' },
          );
        }
        await report.write(reportDir, {
          files: {
            ...(odd && oddDoc ? { 'odd.md': renderOddMarkdown(oddDoc, odd) } : {}),
            'manifest.json': JSON.stringify(manifest, null, 2) + '\n',
            // a key written inside agents.llm.endpoint never reaches the report
            'config.json':
              JSON.stringify(
                { ...config, agents: { ...config.agents, llm: { ...config.agents.llm, endpoint: redactUrl(config.agents.llm.endpoint) } } },
                null,
                2,
              ) + '\n',
          },
        });
      }
      if (opts.json) {
        process.stdout.write(
          JSON.stringify({
            summary,
            manifest,
            notices: model.notices,
            llm: summary.llm,
            facts,
            odd: odd ? { pass: odd.pass, claims: odd.results.length, failed: odd.results.filter((r) => !r.pass).map((r) => r.id) } : null,
            reportDir: reportDir ?? null,
          }) + '\n',
        );
        return;
      }
      const tables = summaryTables(summary);
      const season = summary.season;
      console.log(
        `\nSeason: ${season.resolved}/${season.markets} games resolved; price vs true probability: mean |mid − truth| ${season.meanAbsError.toFixed(2)}¢ over the games (worst game ${season.worstAbsError.toFixed(2)}¢); ${season.volume.toLocaleString('en-US')} contracts traded`,
      );
      if (summary.llm) console.log(textTable(tables.llm, '\nLLM agents'));
      console.log(textTable(tables.markets, '\nGames'));
      console.log(textTable(tables.families, '\nP&L by agent family (¢)'));
      if (facts)
        console.log(
          textTable(
            facts,
            `\nStylized facts of this run — ${model.markets.length} market(s) pooled (Δlogit(mid) over 5 steps; across seeds, with null models: omega validate)`,
          ),
        );
      if (odd) {
        const checked = odd.results.filter((r) => !r.skipped);
        console.log(
          `\nODD: ${checked.filter((r) => r.pass).length}/${checked.length} claims hold over ${odd.seeds} seeds${
            odd.pass
              ? ''
              : ` — failing: ${checked
                  .filter((r) => !r.pass)
                  .map((r) => r.id)
                  .join(', ')}`
          }; ${odd.results.length - checked.length} claims (stylized facts, full-season ablations) left to omega odd --check; ${odd.coverage.filter((c) => c.status === 'unchecked').length} elements/concepts unchecked`,
        );
      }
      console.log(`\ntape hash ${manifest.tapeHash} (${manifest.trades} trades); config ${manifest.configHash.slice(0, 12)}…`);
      if (reportDir) console.log(`report: ${path.relative(process.cwd(), path.join(reportDir, 'report.html')) || reportDir}`);
    });
}

/** The recorded NFL games for `--truth nfl`, with one clear error when the play-by-play data are missing. */
function loadRecordedGames(dataDir: string | undefined) {
  try {
    return recordedGames(dataDir);
  } catch (e) {
    throw new ValidationError(`--truth nfl needs the NFL play-by-play data: ${(e as Error).message}`);
  }
}
