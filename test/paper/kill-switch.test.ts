import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuditLog } from '../../src/ops/audit/audit-log.js';
import { parsePaperConfig } from '../../src/paper/config.js';
import { readLedger } from '../../src/paper/ledger.js';
import { adminLockstep } from '../../src/paper/lockstep.js';
import { nflMarkets, runPaperSession } from '../../src/paper/session.js';
import type { LocalExchange } from '../../src/venues/kalshi/server/local-exchange.js';
import { connection, makeStateTemplate, startExchange, tempSession } from './harness.js';

describe('kill switch', () => {
  let ex: LocalExchange;
  let key: { template: string; keyId: string; pem: string };
  beforeAll(async () => {
    key = await makeStateTemplate();
    ex = await startExchange(key.template);
  });
  afterAll(async () => {
    await ex.stop();
  });

  it('a loss beyond --max-loss halts trading: recorded, audited, and every later order refused before it reaches the venue', async () => {
    const dir = tempSession();
    const summary = await runPaperSession({
      dir,
      config: parsePaperConfig({ strategy: 'elo-edge', season: 2023, weeks: [1], maxLoss: 500 }),
      markets: await nflMarkets({ season: 2023, weeks: [1] }),
      venue: connection(ex, key.keyId, key.pem),
      lockstep: adminLockstep(ex.restUrl),
    });
    expect(summary.state).toBe('done');
    const ledger = readLedger(path.join(dir, 'ledger'));
    const haltAt = ledger.findIndex((r) => r.type === 'halt');
    expect(haltAt).toBeGreaterThan(0);
    expect((ledger[haltAt]!.data as { reason: string }).reason).toMatch(/exceeds maxLoss 500/);
    expect(readAuditLog(path.join(dir, 'audit')).filter((r) => r.type === 'kill_switch')).toHaveLength(1);
    // after the halt no order reached the venue: the strategy kept deciding, the runner refused each one
    const later = ledger.slice(haltAt);
    expect(later.filter((r) => r.type === 'request' && (r.data as { op: string }).op === 'submit')).toHaveLength(0);
    expect(later.filter((r) => r.type === 'fill')).toHaveLength(0);
    expect(summary.rejections.trading_halted).toBeGreaterThan(0);
    // each refused decision is in the ledger and the audit log
    expect(later.filter((r) => r.type === 'risk' && (r.data as { reason: string }).reason === 'trading_halted')).toHaveLength(
      summary.rejections.trading_halted!,
    );
    expect(readAuditLog(path.join(dir, 'audit')).filter((r) => r.type === 'risk.block')).toHaveLength(summary.rejections.trading_halted!);
    expect(ledger.slice(0, haltAt).filter((r) => r.type === 'fill').length).toBeGreaterThan(0);
  });
});
