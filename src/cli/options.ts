import type { Command } from 'commander';
import { z } from 'zod';
import { loadModelConfig, parseModelConfig, type ModelConfig, type ModelConfigInput } from '../abm/config.js';
import { parseWith } from '../core/validation.js';

/** Parsers for CLI flag values: each failure names the flag and what it needs. */
export const intFlag = (flag: string, min = 0, max = Number.MAX_SAFE_INTEGER) => (value: string): number =>
  parseWith(
    z.coerce.number({ error: `must be a whole number` }).int({ error: `must be a whole number between ${min} and ${max}` }).min(min, { error: `must be a whole number between ${min} and ${max}` }).max(max, { error: `must be a whole number between ${min} and ${max}` }),
    value.trim() === '' ? Number.NaN : value,
    `value for ${flag} (${JSON.stringify(value)})`,
    flag,
  );

export const numberFlag = (flag: string, min = -Infinity, max = Infinity) => (value: string): number =>
  parseWith(
    z.coerce.number({ error: 'must be a number' }).refine((v) => Number.isFinite(v) && v >= min && v <= max, { error: `must be a number between ${min} and ${max}` }),
    value.trim() === '' ? Number.NaN : value,
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
  const overrides: ModelConfigInput = { ...(flags.seed !== undefined ? { seed: flags.seed } : {}), ...(flags.steps !== undefined ? { steps: flags.steps } : {}) };
  return flags.config ? loadModelConfig(flags.config, overrides) : parseModelConfig(overrides, 'command-line options');
}
