import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { systemClock, type Clock } from '../../../core/clock.js';
import { ValidationError } from '../../../core/errors.js';
import { publicKeyFromPem } from '../auth/signing.js';
import { silentLogger, type VenueLogger } from '../log.js';
import { USAGE_TIERS, type UsageTier } from '../rate-limit.js';
import { Authenticator } from './auth.js';
import type { VenueCommand } from './commands.js';
import { parseExchangeConfig, type ExchangeConfig, type ExchangeConfigInput } from './config.js';
import { AbmDriver } from './drivers/abm.js';
import { NflReplayDriver } from './drivers/nfl.js';
import { StaticDriver } from './drivers/static.js';
import { VenueError, badRequest } from './errors.js';
import { FaultInjector, FaultSettingsSchema, type FaultSettings } from './faults.js';
import { HttpApi } from './http.js';
import { Journal } from './journal.js';
import { addKey, loadKeys, writeAtomic, type NewKey } from './keys.js';
import { portfolioRoutes } from './routes-portfolio.js';
import { publicRoutes } from './routes-public.js';
import { LocalVenue, type MarketDriver } from './venue.js';
import { WS_PATH, WsApi } from './ws-server.js';
import type { Reply } from './context.js';

export interface LocalExchangeOptions {
  /** Port on 127.0.0.1 (0 = a free port). */
  readonly port?: number;
  /** Where keys, the config and the journal live; without it the exchange keeps everything in memory. */
  readonly stateDir?: string;
  readonly config?: ExchangeConfigInput;
  /** The wall clock for authentication and real-time pacing (tests inject one). */
  readonly wallClock?: Clock;
  readonly logger?: VenueLogger;
  /** Step the markets on a timer (ABM steps, NFL replay at its speed). Default true. */
  readonly realtime?: boolean;
  readonly tickMs?: number;
  readonly faults?: FaultSettings;
}

function makeDriver(config: ExchangeConfig): MarketDriver {
  if (config.nfl) return new NflReplayDriver(config);
  if (config.abm) return new AbmDriver(config);
  return new StaticDriver(config);
}

/**
 * The local Kalshi exchange: Kalshi's REST paths and JSON and its WebSocket on 127.0.0.1, backed by
 * the market core. `await LocalExchange.start({ port: 0, stateDir })` → `restUrl`, `wsUrl`; keys with
 * `addKey(name)`; lock-step control with `advance({ steps })` / `advance({ to })`; faults with
 * `faults.set({...})`; `stop()` flushes the journal. Everything persists under `stateDir`.
 */
export class LocalExchange {
  readonly venue: LocalVenue;
  readonly faults = new FaultInjector();
  readonly config: ExchangeConfig;
  private server!: Server;
  private http!: HttpApi;
  private ws!: WsApi;
  private journal: Journal | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly keys = new Map<string, { key: KeyObject; tier: UsageTier; name: string }>();
  private readonly wallClock: Clock;
  private readonly log: VenueLogger;
  port = 0;

  private constructor(
    private readonly options: LocalExchangeOptions,
    config: ExchangeConfig,
  ) {
    this.config = config;
    this.wallClock = options.wallClock ?? systemClock;
    this.log = options.logger ?? silentLogger;
    this.venue = new LocalVenue(makeDriver(config));
    if (config.faults) this.faults.set(config.faults);
    if (options.faults) this.faults.set(options.faults);
  }

  static async start(options: LocalExchangeOptions = {}): Promise<LocalExchange> {
    const config = LocalExchange.resolveConfig(options);
    const ex = new LocalExchange(options, config);
    ex.boot();
    await ex.listen(options.port ?? 0);
    if (options.realtime ?? true) ex.startTimer(options.tickMs ?? 250);
    return ex;
  }

  /** The config: given, or the one the state directory was created with; a mismatch is an error. */
  private static resolveConfig(options: LocalExchangeOptions): ExchangeConfig {
    const file = options.stateDir ? path.join(options.stateDir, 'exchange.json') : undefined;
    const stored =
      file && existsSync(file) ? parseExchangeConfig(JSON.parse(readFileSync(file, 'utf8')), `stored config ${file}`) : undefined;
    const given = options.config === undefined ? undefined : parseExchangeConfig(options.config);
    // both parsed by the same schema, so equal configs serialize to equal JSON
    if (stored && given && JSON.stringify(stored) !== JSON.stringify(given)) {
      throw new ValidationError(
        `--state ${options.stateDir} was created with a different exchange config; start it without --config to reuse its own, or use a new --state directory`,
      );
    }
    const config = given ?? stored ?? parseExchangeConfig({});
    if (file && !stored) {
      mkdirSync(options.stateDir!, { recursive: true });
      writeAtomic(file, JSON.stringify(config, null, 2) + '\n');
    }
    return config;
  }

  private boot(): void {
    const dir = this.options.stateDir;
    const t0 = this.venue.driver.clockMs(this.wallClock.now());
    const history = dir ? Journal.read(path.join(dir, 'journal.jsonl')) : [];
    // the driver's first epoch is stamped with the first journaled time, so a replay rebuilds it identically
    this.venue.driver.init(this.venue, history[0]?.ts ?? t0);
    for (const [i, cmd] of history.entries()) {
      try {
        this.venue.execute(cmd);
      } catch (e) {
        throw new Error(
          `replaying ${dir}/journal.jsonl failed at command ${i + 1} (${cmd.op}): ${(e as Error).message}; the journal does not match this code or config`,
        );
      }
    }
    if (dir) {
      this.journal = new Journal(path.join(dir, 'journal.jsonl'), this.config.fsync);
      if (history.length === 0) void this.journal.append({ op: 'advance', ts: t0, steps: 0 });
      this.reloadKeys();
    }
  }

  private reloadKeys(): void {
    if (!this.options.stateDir) return;
    for (const k of loadKeys(this.options.stateDir)) {
      if (!this.keys.has(k.key_id)) this.keys.set(k.key_id, { key: publicKeyFromPem(k.public_key_pem), tier: k.tier, name: k.name });
      this.ensureUser(k.key_id);
    }
  }

  private ensureUser(keyId: string): void {
    const k = this.keys.get(keyId)!;
    if (this.venue.users.has(keyId)) return;
    void this.exec({ op: 'account', ts: this.now(), keyId, name: k.name, cashCents: this.config.demoBalanceCents, tier: k.tier });
  }

  private now(): number {
    return this.venue.driver.clockMs(this.wallClock.now());
  }

  /** Run a command, then journal it; resolves when it is durable. */
  exec = async (cmd: VenueCommand): Promise<unknown> => {
    const result = this.venue.execute(cmd);
    if (this.journal) await this.journal.append(cmd);
    return result;
  };

  private publicKey = (keyId: string): KeyObject | undefined => {
    if (!this.keys.has(keyId)) this.reloadKeys();
    return this.keys.get(keyId)?.key;
  };

  private async listen(port: number): Promise<void> {
    const auth = new Authenticator(this.publicKey, this.config.authWindowMs);
    this.http = new HttpApi({
      venue: this.venue,
      routes: [...publicRoutes, ...portfolioRoutes],
      auth,
      faults: this.faults,
      log: this.log,
      wallClock: this.wallClock,
      rateLimits: this.config.rateLimits,
      exec: this.exec,
      tierOf: (keyId) => this.venue.users.get(keyId)?.tier ?? 'basic',
      admin: (m, p, b) => this.admin(m, p, b),
    });
    this.server = createServer((req, res) => this.http.handle(req, res));
    this.server.keepAliveTimeout = 30_000;
    this.ws = new WsApi(this.venue, auth, this.faults, this.wallClock, this.config.publicWebSocket, this.log);
    this.ws.attach(this.server);
    this.venue.addListener(this.ws);
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    const addr = this.server.address();
    this.port = typeof addr === 'object' && addr ? addr.port : port;
  }

  get restUrl(): string {
    return `http://127.0.0.1:${this.port}/trade-api/v2`;
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}${WS_PATH}`;
  }

  private startTimer(tickMs: number): void {
    this.timer = setInterval(() => {
      const req = this.venue.driver.realtime(this.wallClock.now());
      if (req)
        this.exec({ op: 'advance', ts: this.now(), ...req }).catch((e: unknown) =>
          this.log.error({ err: (e as Error).message }, 'advance failed'),
        );
    }, tickMs);
    this.timer.unref();
  }

  /**
   * Register a new key (RSA-2048). With a state directory the private key is written there (0600) and
   * its path returned; either way the PEM text is returned to the caller, never logged.
   */
  async addKey(name: string, tier: UsageTier = this.config.defaultTier): Promise<NewKey> {
    let key: NewKey;
    if (this.options.stateDir) {
      key = addKey(this.options.stateDir, name, { tier, nowMs: this.wallClock.now() });
    } else {
      const pair = generateKeyPairSync('rsa', {
        modulusLength: 2048,
        publicKeyEncoding: { type: 'spki', format: 'pem' },
        privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
      });
      key = { keyId: randomUUID(), name, pemPath: '', privateKeyPem: pair.privateKey, tier };
      this.keys.set(key.keyId, { key: publicKeyFromPem(pair.publicKey), tier, name });
    }
    this.reloadKeys();
    if (!this.venue.users.has(key.keyId))
      await this.exec({ op: 'account', ts: this.now(), keyId: key.keyId, name, cashCents: this.config.demoBalanceCents, tier });
    return key;
  }

  /** Lock-step control: advance the markets (ABM steps, or NFL replay time up to `to` ms). */
  async advance(request: { steps?: number; to?: number }): Promise<Record<string, unknown>> {
    await this.exec({ op: 'advance', ts: request.to ?? this.now(), ...request });
    return this.venue.driver.status();
  }

  async settle(ticker: string, result: 'yes' | 'no' | { valueCents: number }): Promise<void> {
    await this.exec({ op: 'settle', ts: this.now(), ticker, result });
  }

  private async admin(method: string, p: string, body: unknown): Promise<Reply | undefined> {
    const b = (body ?? {}) as Record<string, unknown>;
    if (method === 'GET' && p === '/admin/status') return { status: 200, body: this.status() };
    if (method === 'GET' && p === '/admin/faults') return { status: 200, body: this.faults.settings };
    if (method === 'POST' && p === '/admin/faults') {
      const r = FaultSettingsSchema.safeParse(b);
      if (!r.success) throw badRequest(`invalid fault settings: ${r.error.issues[0]!.path.join('.')} ${r.error.issues[0]!.message}`);
      this.faults.set(r.data);
      return { status: 200, body: this.faults.settings };
    }
    if (method === 'DELETE' && p === '/admin/faults') {
      this.faults.clear();
      return { status: 200, body: {} };
    }
    if (method === 'POST' && p === '/admin/faults/drop-websockets') return { status: 200, body: { dropped: this.faults.dropWebSockets() } };
    if (method === 'POST' && p === '/admin/advance') {
      const steps = b.steps === undefined ? undefined : Number(b.steps);
      const to = b.to === undefined ? undefined : Number(b.to);
      if ((steps !== undefined && !(Number.isInteger(steps) && steps >= 0)) || (to !== undefined && !Number.isFinite(to)))
        throw badRequest('advance takes {"steps": N} (whole number) or {"to": ms}');
      return { status: 200, body: await this.advance({ steps, to }) };
    }
    if (method === 'POST' && p === '/admin/settle') {
      const result =
        b.result === 'yes' || b.result === 'no' ? b.result : typeof b.value_cents === 'number' ? { valueCents: b.value_cents } : undefined;
      if (typeof b.ticker !== 'string' || !result)
        throw badRequest('settle takes {"ticker": T, "result": "yes"|"no"} or {"ticker": T, "value_cents": N}');
      await this.settle(b.ticker, result);
      return { status: 200, body: { ticker: b.ticker } };
    }
    if (method === 'POST' && p === '/admin/tier') {
      const tier = b.tier as UsageTier;
      if (typeof b.key_id !== 'string' || !USAGE_TIERS.includes(tier))
        throw badRequest(`tier takes {"key_id": ID, "tier": ${USAGE_TIERS.join('|')}}`);
      if (!this.venue.users.has(b.key_id)) throw new VenueError(404, 'not_found', `key ${b.key_id} not found`);
      await this.exec({ op: 'tier', ts: this.now(), keyId: b.key_id, tier });
      return { status: 200, body: { key_id: b.key_id, tier } };
    }
    return undefined;
  }

  status(): Record<string, unknown> {
    const cpu = process.cpuUsage();
    return {
      process_cpu_ms: Math.round((cpu.user + cpu.system) / 1000),
      rest_url: this.restUrl,
      ws_url: this.wsUrl,
      epoch: this.venue.epoch,
      markets: this.venue.markets.size,
      users: this.venue.users.size,
      orders: this.venue.orders.size,
      trades: this.venue.trades.length,
      websocket_connections: this.ws.connections,
      driver: this.venue.driver.status(),
      faults: this.faults.settings,
    };
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.ws.close();
    this.server.closeAllConnections?.();
    await new Promise<void>((r) => this.server.close(() => r()));
    await this.journal?.close();
  }
}
