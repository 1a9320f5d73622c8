import { Command, CommanderError } from 'commander';
import { InvariantError, OmegaError } from '../core/errors.js';
import { registerAudit } from './audit.js';
import { registerPaper } from './paper.js';
import { registerBacktest } from './backtest.js';
import { registerDashboard } from './dashboard.js';
import { registerFacts } from './facts.js';
import { registerOdd } from './odd.js';
import { stopProgressBars } from './progress.js';
import { registerSimulate } from './simulate.js';
import { registerSweep } from './sweep.js';
import { registerValidate } from './validate.js';
import { registerWorker } from './worker.js';
import { registerExchange } from '../venues/kalshi/cli/exchange.js';
import { registerKalshi } from '../venues/kalshi/cli/check.js';

/** Exit code of a usage error or bad input (a flag, a config, a data file): documented in the README. */
export const EXIT_BAD_INPUT = 2;

/** Builds the `omega` command tree. Each subcommand lives in its own file under src/cli/. */
export function buildProgram(): Command {
  const program = new Command();
  // set before the subcommands are added: each copies these settings when it is created
  program
    .enablePositionalOptions()
    .name('omega')
    .description('Omega Point: prediction-market research — simulate, validate, backtest, paper-trade, report.')
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) });
  registerSimulate(program);
  registerFacts(program);
  registerValidate(program);
  registerOdd(program);
  registerBacktest(program);
  registerSweep(program);
  registerDashboard(program);
  registerWorker(program);
  registerExchange(program);
  registerKalshi(program);
  registerAudit(program);
  registerPaper(program);
  return program;
}

const HELP_CODES = new Set(['commander.helpDisplayed', 'commander.help', 'commander.version']);

/**
 * Runs the CLI; returns the process exit code: 0 done, 1 a check failed (validate, odd --check), 2 bad
 * input or a usage error (unknown command or flag, a missing value). Bad input becomes one clear line
 * on stderr; commander prints its own usage errors.
 */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  if (argv.length <= 2) {
    process.stderr.write(program.helpInformation());
    process.stderr.write('omega: a command is needed (simulate, facts, validate, odd, backtest nfl, sweep)\n');
    return EXIT_BAD_INPUT;
  }
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) return HELP_CODES.has(e.code) && e.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
    if (e instanceof OmegaError && !(e instanceof InvariantError)) {
      process.stderr.write(`omega: ${e.message}\n`);
      return EXIT_BAD_INPUT;
    }
    throw e;
  } finally {
    stopProgressBars();
  }
}
