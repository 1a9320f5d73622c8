import { describe, expect, it } from 'vitest';
import { compareSession } from '../../src/paper/compare.js';
import { parsePaperConfig } from '../../src/paper/config.js';
import { runPaperSession } from '../../src/paper/session.js';
import { connection, openerFixture, tempSession } from './harness.js';

describe('paper vs backtest with real-time pacing', () => {
  const opener = openerFixture();

  it('differences appear and each is attributed to a cause; the timing ones to latency', async () => {
    // replay 2 h per wall second; every REST answer is delayed 150 ms, so orders reach the book after the data they answer
    const ex = await opener.start({
      nfl: { season: 2023, weeks: [1], speed: 7200 },
      rateLimits: false,
      fsync: false,
      faults: { latencyMs: 150 },
    });
    const key = opener.key();
    const markets = opener.markets();
    const dir = tempSession();
    const summary = await runPaperSession({
      dir,
      config: parsePaperConfig({ strategy: 'elo-edge', season: 2023, weeks: [1] }),
      markets,
      venue: connection(ex, key.keyId, key.pem),
      pollMs: 25,
    });
    expect(summary.state).toBe('done');
    expect(summary.orders).toBeGreaterThan(0);
    const c = compareSession(dir, markets);
    expect(c.differences.length).toBeGreaterThan(0);
    for (const d of c.differences) expect(['latency', 'queue position', 'missed data', 'follows an earlier difference']).toContain(d.cause);
    const timing = c.differences.filter((d) => d.kind === 'timing');
    expect(timing.length).toBeGreaterThan(0);
    for (const d of timing) {
      expect(d.cause).toBe('latency');
      expect(d.paper).toBeGreaterThan(0);
    }
    expect(c.counts['cause: latency']).toBeGreaterThan(0);
  }, 120_000);
});
