import { Command, CommanderError } from 'commander';
import { OmegaError } from '../core/errors.js';
import { registerBacktest } from './backtest.js';
import { registerDashboard } from './dashboard.js';
import { registerFacts } from './facts.js';
import { registerOdd } from './odd.js';
import { registerSimulate } from './simulate.js';
import { registerSweep } from './sweep.js';
import { registerValidate } from './validate.js';
import { registerWorker } from './worker.js';
import { registerExchange } from '../venues/kalshi/cli/exchange.js';
import { registerKalshi } from '../venues/kalshi/cli/check.js';

/** Builds the `omega` command tree. Each subcommand lives in its own file under src/cli/. */
export function buildProgram(): Command {
  const program = new Command();
  program.enablePositionalOptions().name('omega').description('Omega Point: prediction-market research — simulate, validate, backtest, paper-trade, report.').showHelpAfterError();
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
  return program;
}

/** Runs the CLI; returns the process exit code. Errors become one clear line on stderr. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  program.exitOverride();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    if (e instanceof OmegaError) {
      process.stderr.write(`omega: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
