import path from 'node:path';
import type { Command } from 'commander';
import { ValidationError } from '../../../core/errors.js';
import { createVenueLogger } from '../log.js';
import { USAGE_TIERS, type UsageTier } from '../rate-limit.js';
import { loadExchangeConfig, parseExchangeConfig } from '../server/config.js';
import { addKey } from '../server/keys.js';
import { LocalExchange } from '../server/local-exchange.js';
import { existsSync, readFileSync } from 'node:fs';

interface ExchangeOptions {
  port?: number;
  state?: string;
  config?: string;
  json?: boolean;
  logLevel: string;
}

/** --port: a whole number 0..65535 (0 = a free port). */
function portFlag(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 0 || n > 65_535)
    throw new ValidationError(`--port must be a whole number between 0 and 65535 (0 picks a free port), got ${JSON.stringify(value)}`);
  return n;
}

const dollars = (cents: number) => `$${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export function registerExchange(program: Command): void {
  const cmd = program
    .command('exchange')
    .enablePositionalOptions()
    .description(
      'run the local Kalshi exchange on 127.0.0.1: Kalshi REST paths and JSON, its WebSocket, signed requests, rate limits; markets traded by the agent-based model unless a config says otherwise',
    )
    .option('-p, --port <n>', 'port on 127.0.0.1 (default 0: a free port)', portFlag)
    .option('--state <dir>', 'keep keys, accounts, orders and fills here (they survive a restart); default: in memory')
    .option('-c, --config <file>', 'exchange config (YAML or JSON): static markets, abm, or nfl replay; see README "Kalshi venue"')
    .option('--json', 'first line: {"rest_url","ws_url"} as JSON')
    .option('--log-level <level>', 'pino level for the server log on stderr (trace … silent)', 'info')
    .addHelpText(
      'after',
      '\nExamples:\n  omega exchange --port 8080 --state .exchange\n  omega exchange keys add --state .exchange --name alice\n  omega kalshi check --env local --base-url http://127.0.0.1:8080/trade-api/v2 --key-id ID --key-file .exchange/keys/alice.pem',
    )
    .action(async (opts: ExchangeOptions) => {
      const config = opts.config ? loadExchangeConfig(opts.config) : undefined;
      const logger = createVenueLogger({ level: opts.logLevel, name: 'omega-exchange' });
      const ex = await LocalExchange.start({
        port: opts.port ?? 0,
        stateDir: opts.state ? path.resolve(opts.state) : undefined,
        config: config ?? undefined,
        logger,
      });
      if (opts.json)
        process.stdout.write(
          JSON.stringify({
            rest_url: ex.restUrl,
            ws_url: ex.wsUrl,
            state_dir: opts.state ? path.resolve(opts.state) : null,
            driver: ex.venue.driver.name,
          }) + '\n',
        );
      else {
        process.stdout.write(`${ex.restUrl}\n`);
        process.stdout.write(`WebSocket: ${ex.wsUrl}\n`);
        process.stdout.write(
          `markets: ${ex.venue.markets.size} (${ex.venue.driver.name}); keys: ${ex.venue.users.size}; state: ${opts.state ? path.resolve(opts.state) : 'in memory (lost on exit)'}\n`,
        );
        if (opts.state)
          process.stdout.write(
            `add a key: omega exchange keys add --state ${opts.state} --name NAME   (new accounts start with ${dollars(ex.config.demoBalanceCents)})\n`,
          );
      }
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await ex.stop();
    });

  cmd
    .command('keys')
    .description('manage the local exchange’s API keys')
    .command('add')
    .description('create an RSA key pair, register the public key with the exchange state, write the private key PEM (mode 0600)')
    .requiredOption('--state <dir>', 'the exchange state directory (created if missing)')
    .requiredOption('--name <name>', 'a name for the key (names its PEM file)')
    .option('--tier <tier>', `rate-limit tier: ${USAGE_TIERS.join(', ')} (default basic)`)
    .option('--json', 'print {"key_id","name","pem_path","tier"} as JSON')
    .action((opts: { state: string; name: string; tier?: string; json?: boolean }) => {
      if (opts.tier !== undefined && !USAGE_TIERS.includes(opts.tier as UsageTier))
        throw new ValidationError(`--tier must be one of ${USAGE_TIERS.join(', ')}, got ${JSON.stringify(opts.tier)}`);
      const stateDir = path.resolve(opts.state);
      const key = addKey(stateDir, opts.name, { tier: opts.tier as UsageTier | undefined });
      const stored = path.join(stateDir, 'exchange.json');
      const balance = existsSync(stored)
        ? parseExchangeConfig(JSON.parse(readFileSync(stored, 'utf8'))).demoBalanceCents
        : parseExchangeConfig({}).demoBalanceCents;
      if (opts.json)
        process.stdout.write(
          JSON.stringify({ key_id: key.keyId, name: key.name, pem_path: key.pemPath, tier: key.tier, balance_cents: balance }) + '\n',
        );
      else {
        process.stdout.write(`key id: ${key.keyId}\n`);
        process.stdout.write(`private key: ${key.pemPath} (mode 0600; keep it secret)\n`);
        process.stdout.write(`tier: ${key.tier}; the account starts with ${dollars(balance)} when the exchange first sees the key\n`);
      }
    });
}
