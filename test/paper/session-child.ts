/**
 * A paper session in its own process, for the crash-recovery test (killed with SIGKILL at random
 * moments). Arguments: session dir, REST URL, WS URL, key id; the private key PEM comes in PAPER_KEY_PEM.
 * PAPER_GAMES_FILE holds the NFL games (parent-games.ts). PAPER_ALERT_DRAWDOWN (a fraction) adds a drawdown alert rule, recorded in the ledger.
 */
import { drawdownRule } from '../../src/ops/alerts/rules.js';
import { privateKeyFromPem } from '../../src/venues/kalshi/auth/signing.js';
import { parsePaperConfig } from '../../src/paper/config.js';
import { adminLockstep } from '../../src/paper/lockstep.js';
import { nflMarketsOf, runPaperSession } from '../../src/paper/session.js';
import { parentGames } from './parent-games.js';

const [dir, restUrl, wsUrl, keyId] = process.argv.slice(2) as [string, string, string, string];
const config = parsePaperConfig(JSON.parse(process.env.PAPER_CONFIG ?? '{"strategy":"elo-edge","season":2023,"weeks":[1]}'));
const markets = nflMarketsOf(parentGames(), config);
const drawdown = process.env.PAPER_ALERT_DRAWDOWN;
const alerts = drawdown === undefined ? undefined : { rules: [drawdownRule(Number(drawdown), { cooldownMs: 0 })], channels: [] };
process.stdout.write('ready\n');
try {
  const summary = await runPaperSession({
    dir,
    config,
    markets,
    venue: { restUrl, wsUrl, credentials: { keyId, privateKey: privateKeyFromPem(process.env.PAPER_KEY_PEM!) }, tier: 'off' },
    lockstep: adminLockstep(restUrl),
    ...(alerts ? { alerts } : {}),
  });
  process.stdout.write(`done ${JSON.stringify(summary)}\n`);
} catch (e) {
  // a kill that came after the session's last record leaves a finished session
  if ((e as { code?: string }).code !== 'SESSION_FINISHED') throw e;
  process.stdout.write('done already\n');
}
