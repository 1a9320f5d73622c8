import {
  defaultWorkers,
  loadGames,
  makeStrategy,
  nflFeed,
  parameterGrid,
  performance as metricsOf,
  runNfl,
  runTasks,
  STRATEGIES,
} from '../../src/index.js';
import { fmtRate, machineLine } from '../machine.js';
import { legacyEloBacktest, legacyEvents } from './legacy/nfl.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * `npm run bench -- backtest`: (1) a full 1999–2025 replay of every NFL game through the event engine
 * on the trading layer (market data → simulated exchange → strategy runner → Elo-edge strategy → order
 * lifecycle, fills, fees, settlement), and the same replay through the engine it replaced (a frozen copy
 * in bench/backtest/legacy), interleaved in one process: the difference is the strategy layer's cost;
 * (2) a walk-forward grid of ≥ 100 configurations on all cores.
 */
export async function backtestBench(): Promise<{ ok: boolean }> {
  console.log(machineLine());
  const { games, dataDir } = await loadGames();
  const feed = nflFeed(games);
  const oldEvents = legacyEvents(games, [1999, 2025]);
  console.log(
    `workload: ${games.length} games 1999–2025 → ${feed.events.length} events (a pregame quote per team contract where moneylines exist, a resolution per contract; the previous engine: ${oldEvents.length}, one resolution per game); event streams built once, outside the timing; Elo-edge strategy; fills at the quote with Kalshi fees`,
  );
  console.log(
    'peers: the previous engine (synchronous fills, its own portfolio), run here on the same games; published, not run here (no Python/Lean on this machine): LEAN ~0.2M data points/s, nautilus_trader ~0.5M/s (PERFORMANCE_ANCHORS.md)',
  );
  const newMs: number[] = [];
  const oldMs: number[] = [];
  const replay = () => runNfl({ games, feed, strategy: makeStrategy({ seasons: [1999, 2025], strategy: 'elo-edge' }) });
  let fresh = replay();
  let legacy = legacyEloBacktest(games, oldEvents);
  for (let i = 0; i < 5; i++) {
    let t0 = performance.now();
    fresh = replay();
    newMs.push(performance.now() - t0);
    t0 = performance.now();
    legacy = legacyEloBacktest(games, oldEvents);
    oldMs.push(performance.now() - t0);
  }
  const replayMs = median(newMs);
  const legacyMs = median(oldMs);
  const eps = fresh.events / (replayMs / 1000);
  const legacyEps = legacy.events / (legacyMs / 1000);
  const gamesPerS = games.length / (replayMs / 1000);
  const same = legacy.finalEquity === fresh.finalEquity && legacy.bets.length === fresh.bets.length;
  const bets = metricsOf(fresh).bets;
  console.log(
    `full replay 1999–2025, trading layer: ${replayMs.toFixed(0)} ms (median of 5) for ${fresh.events} events = ${fmtRate(eps)} events/s (${fmtRate(gamesPerS)} games/s), ${bets} bets, ${fresh.orders.length} orders`,
  );
  console.log(
    `full replay 1999–2025, previous engine: ${legacyMs.toFixed(0)} ms (median of 5) for ${legacy.events} events = ${fmtRate(legacyEps)} events/s, ${legacy.bets.length} bets — ${same ? 'the same bets and final equity' : 'DIFFERENT bets or final equity'}`,
  );
  console.log(`strategy-layer overhead: ${(replayMs / legacyMs).toFixed(1)}× the previous engine's time per replay`);

  const grid = parameterGrid({
    strategy: STRATEGIES,
    edge: [0.01, 0.02, 0.03, 0.05, 0.08],
    kelly: [0.1, 0.25, 0.5],
    minPrice: [1, 20],
    maxPrice: [70, 99],
  });
  const seasons = [2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024] as const;
  const inputs = grid.flatMap((g) => seasons.map((s) => ({ config: { ...g, seasons: [s, s] as [number, number] }, dataDir })));
  const workers = defaultWorkers();
  const t0 = performance.now();
  const out = await runTasks('nflBacktest', inputs, { workers });
  const gridMs = performance.now() - t0;
  const best = out.reduce((b, r) => (r.metrics.roi > b.metrics.roi && r.metrics.bets >= 20 ? r : b), out[0]!);
  console.log(
    `walk-forward grid: ${grid.length} configurations × ${seasons.length} test seasons = ${inputs.length} backtests on ${workers} workers in ${(gridMs / 1000).toFixed(1)} s (best fold by ROI with ≥ 20 bets: ${JSON.stringify(best.config)} ROI ${(100 * best.metrics.roi).toFixed(1)}%)`,
  );
  const ok = replayMs < 2000 && gridMs < 60_000 && grid.length >= 100 && same;
  console.log(
    `targets: full replay < 2 s (${(replayMs / 1000).toFixed(2)} s), grid of ≥ 100 configurations < 60 s (${(gridMs / 1000).toFixed(1)} s), same results as the previous engine (${same ? 'yes' : 'no'}) — ${ok ? 'met' : 'NOT met'}`,
  );
  console.log(
    JSON.stringify({
      bench: 'backtest',
      games: games.length,
      events: fresh.events,
      replay_ms: Math.round(replayMs),
      events_per_s: Math.round(eps),
      previous_engine_events: legacy.events,
      previous_engine_replay_ms: Math.round(legacyMs),
      previous_engine_events_per_s: Math.round(legacyEps),
      overhead_x: Number((replayMs / legacyMs).toFixed(2)),
      same_results: same,
      grid_configs: grid.length,
      grid_backtests: inputs.length,
      grid_workers: workers,
      grid_s: Number((gridMs / 1000).toFixed(2)),
    }),
  );
  return { ok };
}
