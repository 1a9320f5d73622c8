import { spawn, execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { privateKeyFromPem, publicKeyFromPem, signMessage, signingMessage, verifySignature } from '../../src/venues/kalshi/index.js';
import { fmtRate, machineLine } from '../machine.js';

interface LoadResult {
  mode: string;
  creates: number;
  failed: number;
  seconds: number;
  per_s: number;
  p50_ms: number;
  p99_ms: number;
}

/** RSA-PSS signing and verification rates on one core (the client's cost, reported apart from the exchange's). */
function signingCost(): { signs_per_s: number; verifies_per_s: number } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  const priv = privateKeyFromPem(privateKey);
  const pub = publicKeyFromPem(publicKey);
  const msg = signingMessage(Date.now(), 'POST', '/trade-api/v2/portfolio/events/orders');
  let n = 0;
  let t0 = performance.now();
  let sig = '';
  while (performance.now() - t0 < 1000) ((sig = signMessage(priv, msg)), n++);
  const signs = n / ((performance.now() - t0) / 1000);
  n = 0;
  t0 = performance.now();
  while (performance.now() - t0 < 1000) (verifySignature(pub, msg, sig), n++);
  return { signs_per_s: signs, verifies_per_s: n / ((performance.now() - t0) / 1000) };
}

const child = (file: string, args: string[]) =>
  execFileSync(process.execPath, ['--import', 'tsx', path.join(process.cwd(), 'bench', 'exchange', file), ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 24,
  });

/**
 * `npm run bench -- exchange`: signed V2 order creates/s through the local exchange over loopback HTTP
 * (exchange and load client in separate processes), p50/p99 latency, the same orders through
 * kalshi-typescript@3.30.0 as the peer, the client's signing cost, and WebSocket delta fan-out to 100
 * subscribers.
 */
export async function exchangeBench(args: { seconds: number; concurrency: number; subscribers: number }): Promise<{ ok: boolean }> {
  console.log(machineLine());
  console.log(
    `workload: resting V2 bid creates (1 contract, 1¢-40¢, two markets) for ${args.seconds} s per client at concurrency ${args.concurrency}; the exchange journals each create with group-commit fsync before answering; rate limits off; exchange and client in separate processes on loopback`,
  );
  console.log(
    "peer: kalshi-typescript@3.30.0 (the official SDK, own axios instance) sending the same orders in the same run; also this project's KalshiRestClient",
  );
  const server = spawn(process.execPath, ['--import', 'tsx', path.join(process.cwd(), 'bench', 'exchange', 'server.ts')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  type ServerInfo = { rest_url: string; ws_url: string; keys: Array<{ key_id: string; pem_path: string }> };
  const info = await new Promise<ServerInfo>((resolve) =>
    createInterface({ input: server.stdout! }).once('line', (l) => resolve(JSON.parse(l) as ServerInfo)),
  );
  const lines: string[] = [];
  const results: Record<string, LoadResult> = {};
  const cpuPerCreate: Record<string, number> = {};
  try {
    const adminStatus = async () =>
      (await fetch(info.rest_url.replace('/trade-api/v2', '/admin/status'))).json() as Promise<{ process_cpu_ms: number; orders: number }>;
    for (const [i, mode] of (['raw', 'sdk', 'client'] as const).entries()) {
      const key = info.keys[i]!;
      const before = await adminStatus();
      const r = JSON.parse(
        child('load.ts', [mode, info.rest_url, key.key_id, key.pem_path, String(args.seconds), String(args.concurrency)])
          .trim()
          .split('\n')
          .at(-1)!,
      ) as LoadResult;
      results[mode] = r;
      const after = await adminStatus();
      // exchange CPU per create (the exchange process's own CPU time): its capacity on one core, whatever the load here
      cpuPerCreate[mode] = ((after.process_cpu_ms - before.process_cpu_ms) * 1000) / Math.max(1, after.orders - before.orders);
      const label = {
        raw: 'load client (signature reused within its timestamp)',
        sdk: 'kalshi-typescript SDK (signs every request)',
        client: 'KalshiRestClient (signs every request)',
      }[mode];
      console.log(
        `  ${label.padEnd(55)} ${fmtRate(r.per_s).padStart(6)} creates/s, p50 ${r.p50_ms.toFixed(2)} ms, p99 ${r.p99_ms.toFixed(2)} ms, ${r.failed} failed; exchange CPU ${cpuPerCreate[mode]!.toFixed(0)} µs/create`,
      );
      lines.push(
        JSON.stringify({
          bench: 'exchange',
          scenario: `creates-${mode}`,
          creates_per_s: Math.round(r.per_s),
          exchange_cpu_us_per_create: Math.round(cpuPerCreate[mode]!),
          p50_ms: Number(r.p50_ms.toFixed(3)),
          p99_ms: Number(r.p99_ms.toFixed(3)),
          creates: r.creates,
          failed: r.failed,
          seconds: Number(r.seconds.toFixed(2)),
          concurrency: args.concurrency,
        }),
      );
    }
    const sig = signingCost();
    console.log(
      `  RSA-PSS 2048 on one core: ${fmtRate(sig.signs_per_s)} signatures/s (client), ${fmtRate(sig.verifies_per_s)} verifications/s (exchange)`,
    );
    lines.push(
      JSON.stringify({
        bench: 'exchange',
        scenario: 'signing',
        signs_per_s: Math.round(sig.signs_per_s),
        verifies_per_s: Math.round(sig.verifies_per_s),
      }),
    );
    const key = info.keys[3]!;
    const f = JSON.parse(
      child('fanout.ts', [info.rest_url, info.ws_url, key.key_id, key.pem_path, String(args.subscribers), '2000'])
        .trim()
        .split('\n')
        .at(-1)!,
    ) as { delivered: number; expected: number; messages_per_s: number; p50_ms: number; p99_ms: number; seconds: number };
    console.log(
      `  WebSocket fan-out to ${args.subscribers} subscribers: ${f.delivered.toLocaleString('en-US')}/${f.expected.toLocaleString('en-US')} deltas delivered, ${fmtRate(f.messages_per_s)} messages/s, delay p50 ${f.p50_ms} ms, p99 ${f.p99_ms} ms`,
    );
    lines.push(
      JSON.stringify({
        bench: 'exchange',
        scenario: 'ws-fanout',
        subscribers: args.subscribers,
        deltas_delivered: f.delivered,
        deltas_expected: f.expected,
        messages_per_s: Math.round(f.messages_per_s),
        p50_ms: f.p50_ms,
        p99_ms: f.p99_ms,
      }),
    );
  } finally {
    server.kill('SIGTERM');
  }
  const raw = results.raw!;
  const ok = raw.per_s >= 5000;
  const capacity = 1e6 / cpuPerCreate.raw!;
  console.log(
    `load average while running: ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} on ${os.cpus().length} cores`,
  );
  console.log(
    `target: ≥ 5,000 signed order creates/s through the local exchange — ${ok ? 'met' : 'NOT met'} (${fmtRate(raw.per_s)}/s measured; ${(raw.per_s / results.sdk!.per_s).toFixed(1)}× the SDK's rate in this run; the exchange spent ${cpuPerCreate.raw!.toFixed(0)} µs of CPU per create, i.e. ≈ ${fmtRate(capacity)}/s on one free core)`,
  );
  for (const l of lines) console.log(l);
  console.log(
    JSON.stringify({
      bench: 'exchange',
      creates_per_s: Math.round(raw.per_s),
      exchange_cpu_us_per_create: Math.round(cpuPerCreate.raw!),
      one_core_capacity_creates_per_s: Math.round(capacity),
      load_avg_1m: Number(os.loadavg()[0]!.toFixed(1)),
      p50_ms: Number(raw.p50_ms.toFixed(3)),
      p99_ms: Number(raw.p99_ms.toFixed(3)),
      peer: 'kalshi-typescript@3.30.0',
      peer_creates_per_s: Math.round(results.sdk!.per_s),
      project_client_creates_per_s: Math.round(results.client!.per_s),
      target_met: ok,
    }),
  );
  return { ok };
}
