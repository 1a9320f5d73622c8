/**
 * A paper session whose strategy leaves orders resting (post-only bids two ticks under the best bid, one
 * per market), in its own process, for the restart-policy test (killed with SIGKILL while orders rest).
 * Arguments: session dir, REST URL, WS URL, key id; PAPER_KEY_PEM holds the key, PAPER_AT_RESTART the policy,
 * PAPER_GAMES_FILE the NFL games (parent-games.ts).
 */
import { KalshiRestClient } from '../../src/venues/kalshi/rest/client.js';
import { KalshiWsClient } from '../../src/venues/kalshi/ws/client.js';
import { privateKeyFromPem } from '../../src/venues/kalshi/auth/signing.js';
import type { Strategy } from '../../src/trading/strategy.js';
import { PaperEngine } from '../../src/paper/engine.js';
import { adminLockstep } from '../../src/paper/lockstep.js';
import { nflMarketsOf } from '../../src/paper/session.js';
import { parentGames } from './parent-games.js';

const [dir, restUrl, wsUrl, keyId] = process.argv.slice(2) as [string, string, string, string];
const policy = process.env.PAPER_AT_RESTART === 'cancel' ? 'cancel' : 'adopt';
const markets = nflMarketsOf(parentGames(), { season: 2023, weeks: [1] });
const seen = new Set<string>();
const restingBids: Strategy = {
  name: 'resting-bids',
  onMarketData(d, ctx) {
    if (d.kind !== 'book' || seen.has(d.ticker) || d.bids.length === 0) return;
    seen.add(d.ticker);
    const best = Math.max(...d.bids.map((l) => l.price));
    if (best > 3) ctx.submitOrder({ ticker: d.ticker, side: 'bid', price: best - 2, count: 5, timeInForce: 'gtc', postOnly: true });
  },
};
const credentials = { keyId, privateKey: privateKeyFromPem(process.env.PAPER_KEY_PEM!) };
const rest = new KalshiRestClient({ baseUrl: restUrl, credentials, tier: 'off' });
const ws = new KalshiWsClient({ url: wsUrl, credentials, rest });
const engine = new PaperEngine({
  dir,
  mode: 'orders',
  strategy: restingBids,
  instruments: markets.instruments,
  rest,
  ws,
  lockstep: adminLockstep(restUrl),
  openOrdersAtStop: 'keep',
  openOrdersAtRestart: policy,
  config: { strategy: 'resting-bids', openOrdersAtRestart: policy },
});
process.stdout.write('ready\n');
const summary = await engine.run();
rest.close();
process.stdout.write(`done ${JSON.stringify(summary)}\n`);
