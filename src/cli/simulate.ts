import path from 'node:path';
import type { Command } from 'commander';
import { requireAgents } from '../abm/config.js';
import { Model } from '../abm/model.js';
import { simulationReport, summaryTables } from '../abm/report.js';
import { summarize } from '../abm/summary.js';
import { systemClock } from '../core/clock.js';
import { projectRoot } from '../core/paths.js';
import { marketRuns } from '../facts/from-model.js';
import { runFactRows } from '../facts/run-verdicts.js';
import { seedStats } from '../facts/seed-stats.js';
import { checkOdd } from '../odd/check-odd.js';
import { buildOddDocument } from '../odd/document.js';
import { renderOddMarkdown } from '../odd/render.js';
import { ValidationError } from '../core/errors.js';
import { checkOutputDir } from '../core/output-dir.js';
import { redactUrl } from '../core/redact.js';
import { textTable } from './format.js';
import { modelConfigFromFlags, withModelFlags } from './options.js';
import { progressBar } from './progress.js';

interface SimulateOptions {
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
  withModelFlags(program.command('simulate').description('run the agent-based prediction-market simulation, print a summary and write a report under reports/'))
    .option('-o, --out <dir>', 'report folder (default: reports/<timestamp>-<seed>)')
    .option('--json', 'print the summary and the run manifest as one JSON object on stdout')
    .option('--no-report', 'do not write the report folder')
    .option('--no-progress', 'no progress bar')
    .option('--no-checks', 'skip the stylized-facts verdicts and the ODD checks')
    .addHelpText('after', '\nExamples:\n  npm start\n  npm start -- --seed 7 --steps 5000\n  npx omega simulate --config configs/small.yaml --json')
    .action(async (opts: SimulateOptions) => {
      const config = modelConfigFromFlags(opts);
      // the report folder is checked before the run, not discovered unwritable after it
      const reportDir = opts.report ? checkOutputDir(opts.out ?? defaultReportDir(config.seed), opts.out ? '--out' : 'the report folder') : undefined;
      requireAgents(config, opts.config ? `config file ${opts.config}` : 'model config');
      const model = Model.create(config);
      if (model.agents.length === 0) {
        throw new ValidationError(`no agent takes part: the only agents configured are ${config.agents.llm.count} LLM agent(s), and no language-model endpoint is set; set OMEGA_LLM_URL or agents.llm.endpoint, or give another family a count ≥ 1`, [{ path: 'agents', message: 'no agents take part' }]);
      }
      const log = (s: string) => process.stderr.write(`${s}\n`);
      if (!opts.json) log(`omega simulate: ${model.agents.length} agents (${config.agents.noise.count} noise, ${config.agents.informed.count} informed, ${config.agents.arbitrageur.count} arbitrageurs, ${config.agents.marketMaker.count} market makers), ${config.markets.count} market(s), ${config.steps} steps, seed ${config.seed}`);
      const bar = progressBar('simulate', config.steps, opts.progress && !opts.json);
      const every = Math.max(1, Math.floor(config.steps / 200));
      for (const n of model.notices) log(`note: ${n}`);
      if (model.llm) log(`LLM agents on: ${model.llm.options.model} at ${model.llm.endpoint} (budget $${model.llm.options.budget}; replies cached in ${config.agents.llm.cacheFile || 'memory'})`);
      await model.runAsync({ onStep: (m) => m.t % every === 0 && bar.update(m.t) });
      bar.update(model.t);
      bar.stop();
      const summary = summarize(model);
      const manifest = model.manifest();
      // stylized facts of this run (per market), then the ODD claims checked across seeds of this config
      const facts = opts.checks ? marketRuns(model).map((r) => runFactRows(seedStats(r))) : [];
      if (opts.checks && !opts.json) log('checking the ODD claims across seeds …');
      const oddDoc = opts.checks ? buildOddDocument() : undefined;
      const odd = oddDoc ? checkOdd(oddDoc, { config }) : undefined;
      if (reportDir) {
        const report = simulationReport(model);
        if (facts.length) {
          report.heading('Stylized facts of this run');
          report.text(`Returns are Δlogit(mid) summed over 5 steps. One run has no confidence interval and cannot judge facts that pool many markets; \`omega validate --seeds 30\` gives verdicts with bootstrap CIs across seeds.`);
          facts.forEach((rows, i) => report.table(`facts${facts.length > 1 ? `-${i + 1}` : ''}`, rows, { title: model.markets[i]!.market.ticker }));
        }
        if (odd && oddDoc) {
          report.heading('ODD checks');
          report.text(`${odd.results.filter((r) => r.pass).length}/${odd.results.length} claims of the ODD document hold over ${odd.seeds} seeds × ${odd.steps} steps; ${odd.coverage.filter((c) => c.status === 'unchecked').length} elements/concepts unchecked. The full document with verdicts is odd.md beside this report.`);
          report.table('odd-claims', odd.results.map((r) => ({ verdict: r.pass ? 'PASS' : 'FAIL', where: r.where, claim: r.statement, check: r.check, evidence: r.detail })), { title: 'Claims and their checks' });
          report.table('odd-coverage', odd.coverage.map((c) => ({ part: c.part, status: c.status, claims: c.claims, note: c.note })), { title: 'Coverage' });
        }
        await report.write(reportDir, {
          files: {
            ...(odd && oddDoc ? { 'odd.md': renderOddMarkdown(oddDoc, odd) } : {}),
            'manifest.json': JSON.stringify(manifest, null, 2) + '\n',
            // a key written inside agents.llm.endpoint never reaches the report
            'config.json': JSON.stringify({ ...config, agents: { ...config.agents, llm: { ...config.agents.llm, endpoint: redactUrl(config.agents.llm.endpoint) } } }, null, 2) + '\n',
          },
        });
      }
      if (opts.json) {
        process.stdout.write(JSON.stringify({ summary, manifest, notices: model.notices, llm: summary.llm, facts, odd: odd ? { pass: odd.pass, claims: odd.results.length, failed: odd.results.filter((r) => !r.pass).map((r) => r.id) } : null, reportDir: reportDir ?? null }) + '\n');
        return;
      }
      const tables = summaryTables(summary);
      if (summary.llm) console.log(textTable(tables.llm, '\nLLM agents'));
      console.log(textTable(tables.markets, '\nMarkets'));
      console.log(textTable(tables.families, '\nP&L by agent family (¢)'));
      facts.forEach((rows, i) => console.log(textTable(rows, `\nStylized facts of this run — ${model.markets[i]!.market.ticker} (Δlogit(mid) over 5 steps; across seeds: omega validate)`)));
      if (odd) console.log(`\nODD: ${odd.results.filter((r) => r.pass).length}/${odd.results.length} claims hold over ${odd.seeds} seeds${odd.pass ? '' : ` — failing: ${odd.results.filter((r) => !r.pass).map((r) => r.id).join(', ')}`}; ${odd.coverage.filter((c) => c.status === 'unchecked').length} elements/concepts unchecked`);
      console.log(`\ntape hash ${manifest.tapeHash} (${manifest.trades} trades); config ${manifest.configHash.slice(0, 12)}…`);
      if (reportDir) console.log(`report: ${path.relative(process.cwd(), path.join(reportDir, 'report.html')) || reportDir}`);
    });
}
