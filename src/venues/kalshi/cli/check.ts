import type { Command } from 'commander';
import { ValidationError } from '../../../core/errors.js';
import { systemClock } from '../../../core/clock.js';
import { loadCredentials } from '../auth/keys.js';
import type { KalshiCredentials } from '../auth/signing.js';
import { privateKeyFromPem } from '../auth/signing.js';
import { KALSHI_URLS } from '../env.js';
import { createVenueLogger } from '../log.js';
import { ClockSkewError, CircuitOpenError, KalshiApiError, KalshiTransportError } from '../rest/errors.js';
import { KalshiRestClient } from '../rest/client.js';
import { LocalExchange } from '../server/local-exchange.js';

interface CheckLine {
  readonly step: 'config' | 'clock' | 'auth' | 'balance' | 'market data';
  readonly ok: boolean;
  readonly detail: string;
  readonly fix?: string;
}

interface CheckOptions {
  env: string;
  baseUrl?: string;
  keyId?: string;
  keyFile?: string;
  keyEnv?: string;
  json?: boolean;
  maxSkew: number;
  logLevel: string;
}

/** Explain a failed request as one line with a fix. */
function explain(e: unknown, step: CheckLine['step']): CheckLine {
  if (e instanceof ClockSkewError)
    return {
      step,
      ok: false,
      detail: e.message,
      fix: 'synchronize this machine’s clock (NTP: timedatectl set-ntp true / chronyc makestep)',
    };
  if (e instanceof KalshiApiError) {
    const c = e.body?.code;
    if (e.status === 401) {
      const d = e.body?.details ?? '';
      if (d === 'NOT_FOUND')
        return {
          step,
          ok: false,
          detail: `the key id is unknown to ${step === 'auth' ? 'this exchange' : 'Kalshi'} (401 ${d})`,
          fix: 'use a key created in this environment (demo keys fail on prod), or register it: omega exchange keys add',
        };
      if (d === 'INCORRECT_API_KEY_SIGNATURE')
        return {
          step,
          ok: false,
          detail: 'the signature does not verify (401 INCORRECT_API_KEY_SIGNATURE)',
          fix: 'the --key-file does not belong to --key-id; pass the PEM saved when this key was created',
        };
      return { step, ok: false, detail: e.message, fix: 'check --key-id and --key-file' };
    }
    if (e.status === 429 || c === 'too_many_requests')
      return {
        step,
        ok: false,
        detail: `rate limited: ${e.message}`,
        fix: 'wait a few seconds; if it persists, another client shares this key — lower its request rate',
      };
    return {
      step,
      ok: false,
      detail: e.message,
      fix: e.status >= 500 ? 'Kalshi is failing; retry later (status page)' : 'see the message',
    };
  }
  if (e instanceof CircuitOpenError)
    return { step, ok: false, detail: e.message, fix: 'repeated failures: wait for the breaker to close, check connectivity' };
  if (e instanceof KalshiTransportError)
    return { step, ok: false, detail: e.message, fix: 'check the base URL and that the exchange is reachable' };
  return { step, ok: false, detail: e instanceof Error ? e.message : String(e), fix: 'see the message' };
}

/** Run the checks: config, clock skew, authentication, balance, market data — one line each. */
async function runKalshiCheck(client: KalshiRestClient | undefined, config: CheckLine, maxSkewMs: number): Promise<CheckLine[]> {
  const lines: CheckLine[] = [config];
  if (!config.ok || !client) return lines;
  try {
    await client.getExchangeStatus();
    const skew = client.transport.skewMs;
    if (skew === undefined) lines.push({ step: 'clock', ok: true, detail: 'the server sent no Date header; skew unknown' });
    else if (Math.abs(skew) > maxSkewMs)
      lines.push({
        step: 'clock',
        ok: false,
        detail: `this machine's clock is ${(Math.abs(skew) / 1000).toFixed(0)} s ${skew > 0 ? 'behind' : 'ahead of'} the exchange (limit ±${maxSkewMs / 1000} s)`,
        fix: 'synchronize the clock (NTP); Kalshi rejects timestamps ~30-60 s off with header_timestamp_expired',
      });
    else lines.push({ step: 'clock', ok: true, detail: `within ${Math.max(1, Math.ceil(Math.abs(skew) / 1000))} s of the exchange` });
  } catch (e) {
    lines.push(explain(e, 'clock'));
    return lines;
  }
  let balance;
  try {
    balance = await client.getBalance();
    lines.push({ step: 'auth', ok: true, detail: 'signed request accepted (RSA-PSS)' });
  } catch (e) {
    lines.push(explain(e, 'auth'));
    return lines;
  }
  lines.push({
    step: 'balance',
    ok: true,
    detail: `$${(balance.balanceCents / 100).toFixed(2)} available, portfolio $${(balance.portfolioValueCents / 100).toFixed(2)}`,
  });
  try {
    const markets = [];
    for await (const m of client.markets({ status: 'open', limit: 100 })) {
      markets.push(m);
      if (markets.length >= 100) break;
    }
    if (markets.length === 0)
      lines.push({ step: 'market data', ok: false, detail: 'no open markets', fix: 'the exchange lists no open markets right now' });
    else {
      const m = markets.find((x) => x.yesBid !== undefined || x.yesAsk !== undefined) ?? markets[0]!;
      const ob = await client.getOrderbook(m.ticker);
      lines.push({
        step: 'market data',
        ok: true,
        detail: `${markets.length}${markets.length >= 100 ? '+' : ''} open markets; ${m.ticker} book: ${ob.yes.length} YES / ${ob.no.length} NO levels, best bid ${ob.yes.at(-1)?.price ?? '-'}¢, best ask ${ob.no.length ? 100 - ob.no.at(-1)!.price : '-'}¢`,
      });
    }
  } catch (e) {
    lines.push(explain(e, 'market data'));
  }
  return lines;
}

export function registerKalshi(program: Command): void {
  program
    .command('kalshi')
    .description('Kalshi venue tools')
    .command('check')
    .description(
      'check config, clock skew, authentication, balance and market data against Kalshi (demo/prod) or the local exchange; one line each with a fix',
    )
    .option('--env <env>', 'demo, prod or local (local without --base-url starts an in-memory local exchange with a fresh key)', 'demo')
    .option('--base-url <url>', 'REST base URL (overrides --env), e.g. http://127.0.0.1:8080/trade-api/v2')
    .option('--key-id <id>', 'API key id (default $KALSHI_KEY_ID)')
    .option('--key-file <file>', 'private key PEM file (default $KALSHI_KEY_FILE)')
    .option('--key-env <var>', 'environment variable holding the private key PEM instead of a file', 'KALSHI_PRIVATE_KEY')
    .option('--max-skew <seconds>', 'clock difference that fails the check', '10')
    .option('--json', 'print the lines as a JSON array')
    .option('--log-level <level>', 'client log level on stderr', 'silent')
    .action(async (opts: CheckOptions) => {
      if (!['demo', 'prod', 'local'].includes(opts.env))
        throw new ValidationError(`--env must be demo, prod or local, got ${JSON.stringify(opts.env)}`);
      const maxSkew = Number(opts.maxSkew) * 1000;
      if (!Number.isFinite(maxSkew) || maxSkew <= 0)
        throw new ValidationError(`--max-skew must be a positive number of seconds, got ${JSON.stringify(opts.maxSkew)}`);
      let local: LocalExchange | undefined;
      let baseUrl = opts.baseUrl ?? (opts.env === 'local' ? undefined : KALSHI_URLS[opts.env as 'demo' | 'prod'].rest);
      let creds: KalshiCredentials | undefined;
      let config: CheckLine;
      try {
        if (!baseUrl) {
          local = await LocalExchange.start({ port: 0, realtime: false, config: { abm: { stepsPerSecond: 0 } } });
          await local.advance({ steps: 20 });
          const key = await local.addKey('check');
          creds = { keyId: key.keyId, privateKey: privateKeyFromPem(key.privateKeyPem) };
          baseUrl = local.restUrl;
        } else {
          creds = loadCredentials({
            keyId: opts.keyId ?? process.env.KALSHI_KEY_ID ?? '',
            keyFile: opts.keyFile ?? process.env.KALSHI_KEY_FILE,
            keyEnv: opts.keyEnv,
          });
        }
        new URL(baseUrl);
        config = {
          step: 'config',
          ok: true,
          detail: `${baseUrl} (${local ? 'in-memory local exchange' : opts.baseUrl ? '--base-url' : opts.env}), key ${creds.keyId.slice(0, 8)}…`,
        };
      } catch (e) {
        config = {
          step: 'config',
          ok: false,
          detail: e instanceof Error ? e.message : String(e),
          fix: 'pass --key-id and --key-file (or set KALSHI_KEY_ID and KALSHI_KEY_FILE), and a valid --base-url',
        };
      }
      const client = config.ok
        ? new KalshiRestClient({
            baseUrl,
            credentials: creds,
            clock: systemClock,
            maxRetries: 4,
            baseDelayMs: 100,
            maxDelayMs: 2_000,
            logger: createVenueLogger({ level: opts.logLevel, name: 'omega-kalshi-check' }),
          })
        : undefined;
      const lines = await runKalshiCheck(client, config, maxSkew);
      client?.close();
      await local?.stop();
      if (opts.json) process.stdout.write(JSON.stringify(lines) + '\n');
      else
        for (const l of lines)
          process.stdout.write(`${l.ok ? '✓' : '✗'} ${l.step}: ${l.detail}${l.ok || !l.fix ? '' : ` — fix: ${l.fix}`}\n`);
      process.exitCode = lines.every((l) => l.ok) && lines.length === 5 ? 0 : 1;
    });
}
