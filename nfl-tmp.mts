import { backtestNfl, compareForecasts } from './src/backtest/index.ts';
import { loadGames, loadWinProbabilities } from './src/data/index.ts';
import { createHash } from 'node:crypto';
const loaded = await loadGames();
const games = loaded.games;
let t0 = process.cpuUsage();
const f = compareForecasts(games, [1999, 2025]);
let u = process.cpuUsage(t0);
console.log('compare', ((u.user + u.system) / 1000).toFixed(0));
t0 = process.cpuUsage();
const wp = loadWinProbabilities(loaded.dataDir, games);
u = process.cpuUsage(t0);
console.log('loadwp', ((u.user + u.system) / 1000).toFixed(0));
t0 = process.cpuUsage();
const r = backtestNfl(games, { seasons: [2020, 2020], strategy: 'elo-edge', inGame: true }, wp);
u = process.cpuUsage(t0);
console.log('backtest', ((u.user + u.system) / 1000).toFixed(0));
console.log(
  createHash('sha256')
    .update(JSON.stringify([f, r]))
    .digest('hex'),
);
