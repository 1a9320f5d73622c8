import { backtestNfl, defaultWorkers, loadGames, nflEvents, parameterGrid, runTasks, STRATEGIES } from '../../src/index.js';
import { fmtRate, machineLine } from '../machine.js';

/**
 * `npm run bench -- backtest`: (1) a full 1999–2025 replay of every NFL game through the event engine
 * with the Elo-edge strategy (quotes, strategy callbacks, fills, fees, settlement); (2) a walk-forward
 * grid of ≥ 100 configurations on all cores.
 */
export async function backtestBench(): Promise<{ ok: boolean }> {
  console.log(machineLine());
  const { games, dataDir } = await loadGames();
  const events = nflEvents(games).length;
  console.log(`workload: ${games.length} games 1999–2025 → ${events} events (a pregame quote per team contract where moneylines exist, one resolution per game); Elo-edge strategy; quote execution with Kalshi fees`);
  console.log('peers (published, not run here: no Python/Lean on this machine): LEAN ~0.2M data points/s, nautilus_trader ~0.5M/s (PERFORMANCE_ANCHORS.md)');
  const times: number[] = [];
  let last = backtestNfl(games, { seasons: [1999, 2025], strategy: 'elo-edge' });
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    last = backtestNfl(games, { seasons: [1999, 2025], strategy: 'elo-edge' });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const replayMs = times[2]!;
  const eps = last.result.events / (replayMs / 1000);
  console.log(`full replay 1999–2025: ${replayMs.toFixed(0)} ms (median of 5) for ${last.result.events} events = ${fmtRate(eps)} events/s, ${last.metrics.bets} bets`);

  const grid = parameterGrid({ strategy: STRATEGIES, edge: [0.01, 0.02, 0.03, 0.05, 0.08], kelly: [0.1, 0.25, 0.5], minPrice: [1, 20], maxPrice: [70, 99] });
  const seasons = [2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024] as const;
  const inputs = grid.flatMap((g) => seasons.map((s) => ({ config: { ...g, seasons: [s, s] as [number, number] }, dataDir })));
  const workers = defaultWorkers();
  const t0 = performance.now();
  const out = await runTasks('nflBacktest', inputs, { workers });
  const gridMs = performance.now() - t0;
  const best = out.reduce((b, r) => (r.metrics.roi > b.metrics.roi && r.metrics.bets >= 20 ? r : b), out[0]!);
  console.log(`walk-forward grid: ${grid.length} configurations × ${seasons.length} test seasons = ${inputs.length} backtests on ${workers} workers in ${(gridMs / 1000).toFixed(1)} s (best fold by ROI with ≥ 20 bets: ${JSON.stringify(best.config)} ROI ${(100 * best.metrics.roi).toFixed(1)}%)`);
  const ok = replayMs < 2000 && gridMs < 60_000 && grid.length >= 100;
  console.log(`targets: full replay < 2 s (${(replayMs / 1000).toFixed(2)} s), grid of ≥ 100 configurations < 60 s (${(gridMs / 1000).toFixed(1)} s) — ${ok ? 'met' : 'NOT met'}`);
  console.log(JSON.stringify({ bench: 'backtest', games: games.length, events: last.result.events, replay_ms: Math.round(replayMs), events_per_s: Math.round(eps), grid_configs: grid.length, grid_backtests: inputs.length, grid_workers: workers, grid_s: Number((gridMs / 1000).toFixed(2)) }));
  return { ok };
}
