import type { Command } from 'commander';
import { readNumericColumn } from '../data/csv.js';
import { ValidationError } from '../core/errors.js';
import { seriesFacts, type ReturnTransform } from '../facts/series-facts.js';
import { textTable } from './format.js';
import { intFlag } from './options.js';

interface FactsOptions {
  csv: string;
  column: string;
  kind: string;
  transform: string;
  lags: number;
  archLags: number;
  hillK?: number;
  json?: boolean;
}

export function registerFacts(program: Command): void {
  program
    .command('facts')
    .description(
      'statistics of one series from a CSV file: moments, Jarque–Bera, ACFs, Ljung–Box, McLeod–Li, ARCH-LM, Hill tail index, DFA Hurst',
    )
    .requiredOption('--csv <file>', 'CSV file with a header row')
    .requiredOption('--column <name>', 'the column holding the series')
    .option('--kind <kind>', 'prices (returns are computed) or returns', 'returns')
    .option('--transform <t>', 'for prices: diff (price changes), logit (Δlogit of cents 1–99) or log (log returns)', 'diff')
    .option('--lags <n>', 'lags for the ACFs and Ljung–Box tests', intFlag('--lags', 1, 10_000), 20)
    .option('--arch-lags <n>', 'lags of the ARCH-LM regression', intFlag('--arch-lags', 1, 1000), 5)
    .option('--hill-k <n>', 'tail size of the Hill estimator (default max(10, 5% of n))', intFlag('--hill-k', 1))
    .option('--json', 'print one JSON object')
    .addHelpText(
      'after',
      '\nJSON keys: n, mean, std, skewness, excess_kurtosis, jarque_bera {stat,p_value}, acf [lag1..lagL], acf_abs, ljung_box {lags,q,p_value}, ljung_box_sq, arch_lm {lags,lm,p_value}, hill {k,alpha}, hurst_dfa.\nExample: npx omega facts --csv reports/<run>/model.csv --column mid --kind prices --transform logit --json',
    )
    .action(async (opts: FactsOptions) => {
      if (opts.kind !== 'prices' && opts.kind !== 'returns')
        throw new ValidationError(`--kind must be prices or returns, got ${JSON.stringify(opts.kind)}`);
      if (!['diff', 'logit', 'log'].includes(opts.transform))
        throw new ValidationError(`--transform must be diff, logit or log, got ${JSON.stringify(opts.transform)}`);
      const { values, lines } = await readNumericColumn(opts.csv, opts.column);
      if (opts.kind === 'prices' && opts.transform === 'logit') {
        const i = values.findIndex((v) => v < 0 || v > 100);
        if (i >= 0)
          throw new ValidationError(
            `${opts.csv} line ${lines[i]}, column "${opts.column}": ${values[i]} is not a price in cents (0–100), which --transform logit needs; use --transform diff or log for other prices`,
          );
      }
      let facts;
      try {
        facts = seriesFacts(values, {
          kind: opts.kind,
          transform: opts.transform as ReturnTransform,
          lags: opts.lags,
          archLags: opts.archLags,
          hillK: opts.hillK,
        });
      } catch (e) {
        if (e instanceof RangeError) throw new ValidationError(`${opts.csv} column "${opts.column}": ${e.message}`);
        throw e;
      }
      if (opts.json) {
        process.stdout.write(JSON.stringify(facts) + '\n');
        return;
      }
      const rows = [
        { statistic: 'n', value: facts.n },
        { statistic: 'mean', value: facts.mean },
        { statistic: 'std (n−1)', value: facts.std },
        { statistic: 'skewness', value: facts.skewness },
        { statistic: 'excess kurtosis', value: facts.excess_kurtosis },
        {
          statistic: 'Jarque–Bera (p)',
          value: `${facts.jarque_bera.stat.toPrecision(6)} (p = ${facts.jarque_bera.p_value.toPrecision(3)})`,
        },
        {
          statistic: `Ljung–Box Q(${facts.ljung_box.lags}) (p)`,
          value: `${facts.ljung_box.q.toPrecision(6)} (p = ${facts.ljung_box.p_value.toPrecision(3)})`,
        },
        {
          statistic: `McLeod–Li Q(${facts.ljung_box_sq.lags}) (p)`,
          value: `${facts.ljung_box_sq.q.toPrecision(6)} (p = ${facts.ljung_box_sq.p_value.toPrecision(3)})`,
        },
        {
          statistic: `ARCH-LM(${facts.arch_lm.lags}) (p)`,
          value: `${facts.arch_lm.lm.toPrecision(6)} (p = ${facts.arch_lm.p_value.toPrecision(3)})`,
        },
        { statistic: `Hill α (k = ${facts.hill.k})`, value: facts.hill.alpha },
        { statistic: 'DFA Hurst', value: facts.hurst_dfa },
        {
          statistic: 'ACF lags 1–5',
          value: facts.acf
            .slice(0, 5)
            .map((x) => x.toFixed(3))
            .join(' '),
        },
        {
          statistic: 'ACF(|r|) lags 1–5',
          value: facts.acf_abs
            .slice(0, 5)
            .map((x) => x.toFixed(3))
            .join(' '),
        },
      ];
      console.log(textTable(rows, `${opts.csv} · ${opts.column} (${opts.kind}${opts.kind === 'prices' ? `, ${opts.transform}` : ''})`));
    });
}
