import path from 'node:path';
import type { Command } from 'commander';
import { loadModelConfig, defaultModelConfig } from '../abm/config.js';
import { ValidationError } from '../core/errors.js';
import { checkOutputFile } from '../core/output-dir.js';
import { checkOdd } from '../odd/check-odd.js';
import { buildOddDocument } from '../odd/document.js';
import { renderOddHtml, renderOddMarkdown } from '../odd/render.js';
import { writeFileAtomic } from '../report/files.js';
import { textTable } from './format.js';
import { intFlag } from './options.js';

interface OddOptions {
  check?: boolean;
  out?: string;
  seeds: number;
  config?: string;
  json?: boolean;
}

export function registerOdd(program: Command): void {
  program
    .command('odd')
    .description('the model’s ODD document (2020 protocol): run every claim’s check and/or render it with the verdicts inline')
    .option('--check', 'run all checks; print coverage and verdicts; exit 1 when a claim fails or an element/concept is unchecked')
    .option('--out <file>', 'write the document (.md, plus .html beside it) with the verdicts inline')
    .option('--seeds <n>', 'seeds for the checks that run the model', intFlag('--seeds', 2, 10_000), 30)
    .option('-c, --config <file>', 'model config (default: the built-in default model)')
    .option('--json', 'print the check results as JSON')
    .addHelpText('after', '\nExamples:\n  npx omega odd --check\n  npx omega odd --out reports/odd.md')
    .action((opts: OddOptions) => {
      if (!opts.check && !opts.out) throw new ValidationError('omega odd needs --check, --out <file>, or both (see omega odd --help)');
      if (opts.out && !opts.out.endsWith('.md'))
        throw new ValidationError(`--out must name a Markdown file ending in .md (the .html is written beside it), got ${opts.out}`);
      if (opts.out) checkOutputFile(opts.out, '--out');
      const config = opts.config ? loadModelConfig(opts.config) : defaultModelConfig();
      const doc = buildOddDocument();
      const t0 = performance.now();
      const result = checkOdd(doc, { seeds: opts.seeds, config });
      const seconds = (performance.now() - t0) / 1000;
      if (opts.out) {
        const md = path.resolve(opts.out);
        writeFileAtomic(md, renderOddMarkdown(doc, result));
        writeFileAtomic(md.replace(/\.md$/, '.html'), renderOddHtml(doc, result));
        if (!opts.json) console.log(`wrote ${opts.out} and ${opts.out.replace(/\.md$/, '.html')}`);
      }
      if (opts.json) {
        process.stdout.write(
          JSON.stringify({
            pass: result.pass,
            seeds: result.seeds,
            steps: result.steps,
            coverage: result.coverage,
            results: result.results,
          }) + '\n',
        );
      } else if (opts.check) {
        console.log(
          textTable(
            result.coverage.map((c) => ({ part: c.part, status: c.status, claims: c.claims, note: c.note })),
            'Coverage (7 elements, 11 design concepts)',
          ),
        );
        console.log(
          textTable(
            result.results.map((r) => ({
              verdict: r.pass ? 'PASS' : 'FAIL',
              where: r.where,
              claim: r.id,
              check: r.check,
              detail: r.detail.length > 90 ? `${r.detail.slice(0, 87)}…` : r.detail,
            })),
            '\nClaims',
          ),
        );
        const failed = result.results.filter((r) => !r.pass).length;
        const unchecked = result.coverage.filter((c) => c.status === 'unchecked').length;
        console.log(
          `\n${result.pass ? 'PASS' : 'FAIL'}: ${result.results.length - failed}/${result.results.length} claims hold; ${unchecked} element(s)/concept(s) unchecked (${result.seeds} seeds × ${result.steps} steps, ${seconds.toFixed(1)} s)`,
        );
      }
      if (opts.check && !result.pass) process.exitCode = 1;
    });
}
