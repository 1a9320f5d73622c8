import type { ModelConfig } from '../abm/config.js';
import { evaluateSuite, type SuiteResult } from '../facts/suite.js';
import { runTasks, type PoolOptions } from './pool.js';

export interface ValidateOptions extends PoolOptions {
  /** Number of seeds (default 30), run as seeds firstSeed … firstSeed + seeds − 1. */
  readonly seeds?: number;
  readonly firstSeed?: number;
  /** Analysis scale: returns are summed over this many steps (default 5). */
  readonly scale?: number;
}

/** Run the model across seeds (on all cores) and evaluate the stylized-facts suite. */
export async function validateModel(config: ModelConfig, options: ValidateOptions = {}): Promise<SuiteResult> {
  const seeds = options.seeds ?? 30;
  const first = options.firstSeed ?? 1;
  const scale = options.scale ?? 5;
  const inputs = Array.from({ length: seeds }, (_, i) => ({ config, seed: first + i, scale }));
  const perSeed = await runTasks('factsForSeed', inputs, { describe: (i) => `seed ${inputs[i]!.seed}`, ...options });
  return evaluateSuite(perSeed.flat(), { seed: first });
}
