import type { Command } from 'commander';
import { z } from 'zod';
import { loadModelConfig, parseModelConfig, type ModelConfig, type ModelConfigInput } from '../abm/config.js';
import { parseDecimal } from '../core/numbers.js';
import { parseWith } from '../core/validation.js';

/** Parsers for CLI flag values: each failure names the flag and what it needs. Only plain decimals count (`0x10` is refused). */
export const intFlag =
  (flag: string, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  (value: string): number =>
    parseWith(
      z
        .number({ error: 'must be a whole number written in decimal digits' })
        .refine((v) => Number.isInteger(v) && v >= min && v <= max, { error: `must be a whole number between ${min} and ${max}` }),
      parseDecimal(value),
      `value for ${flag} (${JSON.stringify(value)})`,
      flag,
    );

export const numberFlag =
  (flag: string, min = -Infinity, max = Infinity) =>
  (value: string): number =>
    parseWith(
      z
        .number({ error: 'must be a number in decimal notation' })
        .refine((v) => Number.isFinite(v) && v >= min && v <= max, { error: `must be a number between ${min} and ${max}` }),
      parseDecimal(value),
      `value for ${flag} (${JSON.stringify(value)})`,
      flag,
    );

/** The flags every command that builds a model shares: --config, --seed, --steps. */
export interface ModelFlags {
  config?: string;
  seed?: number;
  steps?: number;
}

/** Adds --config, --seed and --steps to a command. */
export function withModelFlags(command: Command, stepsHelp = 'steps to run (overrides the config)'): Command {
  return command
    .option('-c, --config <file>', 'model config (YAML or JSON); default: the built-in default model (configs/default.yaml)')
    .option('-s, --seed <n>', 'root seed (overrides the config)', intFlag('--seed'))
    .option('-n, --steps <n>', stepsHelp, intFlag('--steps', 1, 100_000_000));
}

/** The validated model config the flags name: the file (or the default) with --seed and --steps applied. */
export function modelConfigFromFlags(flags: ModelFlags): ModelConfig {
  const overrides: ModelConfigInput = {
    ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
    ...(flags.steps !== undefined ? { steps: flags.steps } : {}),
  };
  return flags.config ? loadModelConfig(flags.config, overrides) : parseModelConfig(overrides, 'command-line options');
}
