/** The local exchange under load, in its own process. Prints one JSON line {rest_url, ws_url, key_id, pem_path} and serves until killed. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LocalExchange } from '../../src/venues/kalshi/index.js';

const state = mkdtempSync(path.join(tmpdir(), 'omega-bench-exchange-'));
const ex = await LocalExchange.start({
  port: 0,
  stateDir: state,
  realtime: false,
  config: {
    markets: [
      { ticker: 'BENCH-A', fair: 0.5 },
      { ticker: 'BENCH-B', fair: 0.5 },
    ],
    rateLimits: false,
    demoBalanceCents: 1e11,
    house: { halfSpreadCents: 20, size: 1000, levels: 3 },
  },
});
const keys = [];
for (const name of ['load', 'sdk', 'client', 'fanout']) keys.push(await ex.addKey(name, 'prime'));
process.stdout.write(
  JSON.stringify({ rest_url: ex.restUrl, ws_url: ex.wsUrl, state, keys: keys.map((k) => ({ key_id: k.keyId, pem_path: k.pemPath })) }) +
    '\n',
);
process.on('SIGTERM', () => void ex.stop().then(() => process.exit(0)));
