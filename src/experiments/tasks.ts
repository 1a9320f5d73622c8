import { Model } from '../abm/model.js';
import { backtestNfl, type NflBacktestConfig } from '../backtest/nfl.js';
import type { PerformanceMetrics } from '../backtest/metrics.js';
import { parseGames, type Game } from '../data/nfl/games.js';
import { gamesFile, resolveDataDir } from '../data/data-dir.js';
import { readText } from '../data/read-text.js';
import type { ModelConfig } from '../abm/config.js';
import { modelSeries } from '../facts/from-model.js';
import { groupStats, SAMPLE_FRACTIONS, type GroupStats } from '../facts/group-stats.js';
import type { HomerPairMarket } from './homer-bias.js';
import { truthOnlySeries } from '../facts/nulls.js';
import { Rng } from '../core/rng.js';
import { realDataStats } from './real-data.js';
import { runMetrics, type RunMetrics } from './metrics.js';

/**
 * Units of work a worker thread can run. Inputs and outputs are plain data (structured-clone safe),
 * and each task depends only on its input, so a pool returns exactly what a single thread would.
 */
export interface TaskMap {
  /** Run the model with one seed: the stylized-facts statistics of its markets, and (with `nulls`) of the truth-only and shuffled-returns nulls of the same markets. */
  factsForSeed: {
    input: { config: ModelConfig; seed: number; scale: number; nulls?: boolean };
    output: { model: GroupStats; truthOnly?: GroupStats; shuffled?: GroupStats };
  };
  /** The stylized-facts statistics of the real in-game win-probability paths (groups of games, per play and per 5 plays). */
  realFacts: { input: { dataDir?: string; groups?: number }; output: { perPlay: GroupStats[]; perFivePlays: GroupStats[]; games: number } };
  /** One seed run with and without homers: each market's truth and both prices at the sample points. */
  homerPair: { input: { config: ModelConfig; seed: number }; output: HomerPairMarket[] };
  /** Run the model at one configuration and seed; return its metrics and provenance. */
  runPoint: {
    input: { config: ModelConfig; seed: number };
    output: {
      metrics: RunMetrics;
      manifest: { configHash: string; seed: number; tapeHash: string; packageVersion: string; gitCommit: string | null; node: string };
    };
  };
  /** One NFL backtest configuration on the games of a data directory (loaded once per worker). */
  nflBacktest: {
    input: { config: NflBacktestConfig; dataDir?: string };
    output: { config: NflBacktestConfig; metrics: PerformanceMetrics; games: number };
  };
}

const gamesCache = new Map<string, Game[]>();

function gamesIn(dataDir: string | undefined): Game[] {
  const dir = resolveDataDir({ dataDir }).dir;
  let games = gamesCache.get(dir);
  if (!games) {
    const file = gamesFile(dir);
    if (!file) throw new Error(`no NFL games table under ${dir}`);
    games = parseGames(file, readText(file), dir).games;
    gamesCache.set(dir, games);
  }
  return games;
}

export type TaskName = keyof TaskMap;

export const TASKS: { [K in TaskName]: (input: TaskMap[K]['input']) => TaskMap[K]['output'] | Promise<TaskMap[K]['output']> } = {
  factsForSeed: async ({ config, seed, scale, nulls }) => {
    const model = await Model.create({ ...config, seed, agentCollectEvery: config.steps }).runAsync();
    const series = modelSeries(model);
    if (!nulls) return { model: groupStats(series, { scale }) };
    return {
      model: groupStats(series, { scale }),
      truthOnly: groupStats(truthOnlySeries(series), { scale }),
      shuffled: groupStats(series, { scale }, { shuffle: Rng.derive(seed, 'shuffled-null') }),
    };
  },
  realFacts: ({ dataDir, groups }) => realDataStats({ dataDir, groups }),
  homerPair: async ({ config, seed }) => {
    const run = async (c: ModelConfig) =>
      (await Model.create({ ...c, seed, agentCollectEvery: c.steps }, undefined, { env: {} }).runAsync()).markets;
    const withHomers = await run(config);
    const without = await run({ ...config, agents: { ...config.agents, homer: { ...config.agents.homer, count: 0 } } });
    return withHomers.map((s, m) => {
      const at = SAMPLE_FRACTIONS.map((f) => Math.min(s.length - 1, Math.round(f * s.life)));
      const w = without[m]!;
      return {
        truth: at.map((i) => s.truthSeries()[i]!),
        withHomers: at.map((i) => s.midAt(i) / s.units),
        without: at.map((i) => w.midAt(i) / w.units),
        outcome: s.outcome!,
      };
    });
  },
  runPoint: async ({ config, seed }) => {
    const model = await Model.create({ ...config, seed, agentCollectEvery: config.steps }).runAsync();
    const m = model.manifest();
    return {
      metrics: runMetrics(model),
      manifest: {
        configHash: m.configHash,
        seed: m.seed,
        tapeHash: m.tapeHash,
        packageVersion: m.packageVersion,
        gitCommit: m.gitCommit,
        node: m.node,
      },
    };
  },
  nflBacktest: ({ config, dataDir }) => {
    const { metrics, games } = backtestNfl(gamesIn(dataDir), config);
    return { config, metrics, games };
  },
};

/** The worker threads' entry (compiled to build/<hash>/experiments/tasks.js, see compiled.ts): `{ task, input }` → output. */
export async function runTask<K extends TaskName>(message: { task: K; input: TaskMap[K]['input'] }): Promise<TaskMap[K]['output']> {
  const f = TASKS[message.task];
  if (!f) throw new Error(`unknown task ${String(message.task)}`);
  return f(message.input);
}
