import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLedger } from '../../src/paper/ledger.js';
import { exchangesPerTest, ledgerText, runSessionChild, tempSession } from './harness.js';

// the elo-edge week loses about 1.2% (alerts-metrics.test.ts): a 0.5% drawdown limit is breached, and stays breached
const env = { PAPER_ALERT_DRAWDOWN: '0.005' };

const alertsOf = (dir: string) =>
  readLedger(path.join(dir, 'ledger'))
    .filter((r) => r.type === 'alert')
    .map((r) => {
      // the session field names the folder, which differs between the two runs
      const { session: _, ...alert } = r.data as { session?: string; rule: string; time: number; value: number };
      return alert;
    });

describe('alerts across a crash', () => {
  const exchanges = exchangesPerTest();

  it('a breach that lasts across kill -9 and restart is announced once: the same alerts as an uninterrupted run', async () => {
    const key = exchanges.key();
    const whole = tempSession();
    expect((await runSessionChild('session-child.ts', await exchanges.start(), whole, key, { env })).finished).toBe(true);
    const expected = alertsOf(whole);
    expect(expected.length).toBeGreaterThan(0);

    const ex = await exchanges.start();
    const dir = tempSession();
    const killed = await runSessionChild('session-child.ts', ex, dir, key, {
      env,
      killWhen: (d) => ledgerText(d).includes('"type":"alert"'),
    });
    expect(killed.finished).toBe(false);
    expect(alertsOf(dir).length).toBeGreaterThan(0); // killed after its first alert was recorded
    expect((await runSessionChild('session-child.ts', ex, dir, key, { env })).finished).toBe(true);
    // the restarted session neither repeats the alert of the breach it was killed in, nor forgets the peak
    // equity the drawdown is measured from
    expect(alertsOf(dir)).toEqual(expected);
  });
});
