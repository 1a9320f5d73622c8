import { Command, CommanderError } from 'commander';
import { InvariantError, OmegaError } from '../core/errors.js';
import { stopProgressBars } from './progress.js';

/** Exit code of a usage error or bad input (a flag, a config, a data file): documented in the README. */
export const EXIT_BAD_INPUT = 2;

type Register = (program: Command) => void;

/**
 * Each command's module, loaded on demand: a command loads only its own code (`omega sweep` never loads the
 * Kalshi client, `omega worker` alone loads BullMQ), so a command starts sooner — felt by scripts and by the test
 * suite's many child processes. The order is the order of `omega --help`.
 */
const COMMANDS: Readonly<Record<string, () => Promise<Register>>> = {
  simulate: async () => (await import('./simulate.js')).registerSimulate,
  facts: async () => (await import('./facts.js')).registerFacts,
  validate: async () => (await import('./validate.js')).registerValidate,
  odd: async () => (await import('./odd.js')).registerOdd,
  backtest: async () => (await import('./backtest.js')).registerBacktest,
  sweep: async () => (await import('./sweep.js')).registerSweep,
  dashboard: async () => (await import('./dashboard.js')).registerDashboard,
  worker: async () => (await import('./worker.js')).registerWorker,
  exchange: async () => (await import('../venues/kalshi/cli/exchange.js')).registerExchange,
  kalshi: async () => (await import('../venues/kalshi/cli/check.js')).registerKalshi,
  audit: async () => (await import('./audit.js')).registerAudit,
  paper: async () => (await import('./paper.js')).registerPaper,
};

/**
 * Builds the `omega` command tree: every command, or only `command` when it names one (its parsing, errors and
 * help are the same either way). Each subcommand lives in its own file under src/cli/.
 */
export async function buildProgram(command?: string): Promise<Command> {
  const program = new Command();
  // set before the subcommands are added: each copies these settings when it is created
  program
    .enablePositionalOptions()
    .name('omega')
    .description('Omega Point: prediction-market research — simulate, validate, backtest, paper-trade, report.')
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) });
  const names = command !== undefined && Object.hasOwn(COMMANDS, command) ? [command] : Object.keys(COMMANDS);
  const registers = await Promise.all(names.map((name) => COMMANDS[name]!()));
  for (const register of registers) register(program);
  return program;
}

const HELP_CODES = new Set(['commander.helpDisplayed', 'commander.help', 'commander.version']);

/**
 * Runs the CLI; returns the process exit code: 0 done, 1 a check failed (validate, odd --check), 2 bad
 * input or a usage error (unknown command or flag, a missing value). Bad input becomes one clear line
 * on stderr; commander prints its own usage errors.
 */
export async function main(argv: string[]): Promise<number> {
  const program = await buildProgram(argv[2]);
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
