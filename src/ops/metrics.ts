import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter, Gauge, Registry } from 'prom-client';

/**
 * A paper session's metrics in Prometheus text format (prom-client), on a registry of its own so
 * two sessions in one process never share counters.
 */
export class SessionMetrics {
  readonly registry = new Registry();
  readonly decisions = new Counter({
    name: 'omega_decisions_total',
    help: 'Strategy callbacks handled (market data, order updates, fills, resolutions)',
    registers: [this.registry],
  });
  readonly orders = new Counter({
    name: 'omega_orders_total',
    help: 'Orders by outcome',
    labelNames: ['event'] as const,
    registers: [this.registry],
  });
  readonly fills = new Counter({
    name: 'omega_fills_total',
    help: 'Fills received',
    labelNames: ['liquidity'] as const,
    registers: [this.registry],
  });
  readonly contracts = new Counter({ name: 'omega_filled_contracts_total', help: 'Contracts filled', registers: [this.registry] });
  readonly errors = new Counter({
    name: 'omega_errors_total',
    help: 'Errors by source',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });
  readonly alerts = new Counter({
    name: 'omega_alerts_total',
    help: 'Alerts fired by rule',
    labelNames: ['rule'] as const,
    registers: [this.registry],
  });
  readonly auditRecords = new Counter({ name: 'omega_audit_records_total', help: 'Audit records appended', registers: [this.registry] });
  readonly equity = new Gauge({
    name: 'omega_equity',
    help: 'Account equity in the market grid units (cents on the cent grid)',
    registers: [this.registry],
  });
  readonly cash = new Gauge({ name: 'omega_cash', help: 'Free cash', registers: [this.registry] });
  readonly drawdown = new Gauge({ name: 'omega_drawdown_ratio', help: 'Drawdown from the equity peak, 0..1', registers: [this.registry] });
  readonly openOrders = new Gauge({ name: 'omega_open_orders', help: 'Orders not yet finished', registers: [this.registry] });
  readonly position = new Gauge({
    name: 'omega_position_contracts',
    help: 'Signed position (+YES, -NO)',
    labelNames: ['ticker'] as const,
    registers: [this.registry],
  });
  readonly marketDataAge = new Gauge({
    name: 'omega_market_data_age_seconds',
    help: 'Seconds since the last market data message',
    registers: [this.registry],
  });
  readonly circuitOpen = new Gauge({
    name: 'omega_circuit_open',
    help: '1 while the venue circuit breaker is open',
    registers: [this.registry],
  });
  readonly halted = new Gauge({ name: 'omega_trading_halted', help: '1 once the kill switch tripped', registers: [this.registry] });
  readonly reconciliationDifferences = new Gauge({
    name: 'omega_reconciliation_differences',
    help: "Markets whose venue position disagrees with the session's own fills",
    registers: [this.registry],
  });

  text(): Promise<string> {
    return this.registry.metrics();
  }
}

export interface MetricsServer {
  readonly url: string;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Serve `GET /metrics` (Prometheus text) on a loopback address; port 0 picks a free port. */
export async function serveMetrics(registry: Registry, options: { host?: string; port?: number } = {}): Promise<MetricsServer> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host))
    throw new RangeError(`serveMetrics: host ${host} is not a loopback address; metrics are served on 127.0.0.1 or ::1 only`);
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: GET /metrics\n');
      return;
    }
    registry.metrics().then(
      (body) => res.writeHead(200, { 'content-type': registry.contentType }).end(body),
      (e: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics failed: ${String(e)}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/metrics`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
