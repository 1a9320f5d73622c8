import type { ModelConfig } from '../abm/config.js';
import { evaluateSuite, type SuiteResult } from '../facts/suite.js';
import type { GroupStats } from '../facts/group-stats.js';
import { zeroIntelligenceConfig } from '../abm/zero-intelligence.js';
import { runTasks, type PoolOptions } from './pool.js';
import type { TaskMap } from './tasks.js';

export interface ValidateOptions extends PoolOptions {
  /** Number of seeds (default 30), run as seeds firstSeed … firstSeed + seeds − 1. */
  readonly seeds?: number;
  readonly firstSeed?: number;
  /** Analysis scale: returns are summed over this many steps (default 5). */
  readonly scale?: number;
  /** Run the null models beside the model (default true). */
  readonly nulls?: boolean;
  /** Add the real-data columns from the NFL play-by-play files (default true; left out with a notice when the data are missing). */
  readonly real?: boolean;
  readonly dataDir?: string;
}

export interface ValidateResult extends SuiteResult {
  /** Things the user should know (e.g. real data left out). */
  readonly notices: readonly string[];
  /** Real games behind the real-data columns (0 when left out). */
  readonly realGames: number;
}

/**
 * Run the model across seeds (on all cores) with its null models — zero intelligence (its own runs),
 * truth only and shuffled returns (from each seed's markets) — and the real-data reference, then evaluate
 * the stylized-facts suite.
 */
export async function validateModel(config: ModelConfig, options: ValidateOptions = {}): Promise<ValidateResult> {
  const seeds = options.seeds ?? 30;
  const first = options.firstSeed ?? 1;
  const scale = options.scale ?? 5;
  const nulls = options.nulls ?? true;
  const seedList = Array.from({ length: seeds }, (_, i) => first + i);
  const inputs: Array<TaskMap['factsForSeed']['input']> = seedList.map((seed) => ({ config, seed, scale, nulls }));
  if (nulls) for (const seed of seedList) inputs.push({ config: zeroIntelligenceConfig(config), seed, scale });
  const notices: string[] = [];
  // the real games are read while the pool runs the model (in this thread, which would otherwise wait)
  const realJob =
    (options.real ?? true)
      ? runTasks('realFacts', [{ dataDir: options.dataDir }], { workers: 1 }).then(
          (r) => r[0],
          (e: unknown) => {
            notices.push(
              `real-data columns left out: ${(e as Error).message.replace(/^1 of 1 run failed:\n\s*- run 0 \(input 0\) failed: /, '')}`,
            );
            return undefined;
          },
        )
      : Promise.resolve(undefined);
  const out = await runTasks('factsForSeed', inputs, {
    describe: (i) => `${i < seeds ? 'model' : 'zero-intelligence null'}, seed ${inputs[i]!.seed}`,
    ...options,
  });
  const realOut = await realJob;
  const model = out.slice(0, seeds);
  const pick = (k: 'truthOnly' | 'shuffled') => model.map((o) => o[k]).filter((g): g is GroupStats => g !== undefined);
  const suite = evaluateSuite(
    {
      model: model.map((o) => o.model),
      nulls: nulls
        ? { zeroIntelligence: out.slice(seeds).map((o) => o.model), truthOnly: pick('truthOnly'), shuffled: pick('shuffled') }
        : undefined,
      real: realOut ? { perPlay: realOut.perPlay, perFivePlays: realOut.perFivePlays } : undefined,
    },
    { seed: first },
  );
  return { ...suite, notices, realGames: realOut?.games ?? 0 };
}
