import { OmegaError } from '../core/errors.js';
import type { Clock } from '../core/clock.js';
import { canonicalJson } from '../ops/canonical.js';
import { ChainLog } from '../ops/audit/chain-log.js';
import type { ChainRecord } from '../ops/audit/record.js';
import { readChain } from '../ops/audit/verify.js';

export const LEDGER_PREFIX = 'ledger';

/**
 * What a session ledger holds, one record per line (a hash-chained, fsync'd {@link ChainLog}):
 * - `session`: the session's config, starting cash and markets (the first record);
 * - `data` / `resolution`: market data and resolutions as delivered to the strategy;
 * - `request`: an order, cancel or amend the strategy sent — written before it leaves the process;
 * - `order` / `fill`: what the venue answered (acknowledgements, rejections, cancels; fills keyed by trade id);
 * - `account`: cash, collateral and positions as the venue reported them;
 * - `risk`: an order the runner refused before it left (a risk limit, the kill switch);
 * - `restart`: a restart that canceled the orders left open (`openOrdersAtRestart: cancel`), which ones;
 * - `alert`, `halt`, `stop`: alerts fired, the kill switch, a graceful stop.
 */
export type LedgerType =
  'session' | 'data' | 'resolution' | 'request' | 'order' | 'fill' | 'account' | 'risk' | 'alert' | 'halt' | 'restart' | 'stop';

/** A restarted session's strategy asked for something other than what the ledger says it asked before. */
export class RecoveryDivergenceError extends OmegaError {
  constructor(seq: number, expected: string, got: string) {
    super(
      'RECOVERY_DIVERGED',
      `recovery diverged at ledger record ${seq}: the ledger has ${expected} but the restarted session produced ${got} (is the strategy deterministic, and are its options the same?)`,
      { seq },
    );
  }
}

/**
 * The session ledger: the session's inputs and outputs in the order they happened. On restart it is
 * read back and replayed: while records remain, `write` checks that the restarted session produces the
 * very record the ledger holds next (and does not write it again); past the end it appends. So a fill is
 * never counted twice and a replay that goes another way stops with {@link RecoveryDivergenceError}.
 */
export class SessionLedger {
  private readonly log: ChainLog;
  private readonly existing: ChainRecord[];
  private cursor = 0;
  /** Called for every record written or confirmed (`fresh` false while replaying). */
  onRecord: ((record: ChainRecord, fresh: boolean) => void) | undefined;

  constructor(
    readonly dir: string,
    clock: Clock,
  ) {
    // a torn tail is cut by the ChainLog before anything is read
    this.log = new ChainLog(dir, { clock, prefix: LEDGER_PREFIX, fsync: 'always' });
    this.existing = readChain(dir, LEDGER_PREFIX);
  }

  get repair() {
    return this.log.repair;
  }

  /** True while records written before a restart remain to be replayed. */
  get replaying(): boolean {
    return this.cursor < this.existing.length;
  }

  /** The next record to replay, if any. */
  peek(): ChainRecord | undefined {
    return this.existing[this.cursor];
  }

  /** Every record read at open (the session before the restart). */
  get history(): readonly ChainRecord[] {
    return this.existing;
  }

  get head(): { seq: number; hash: string } {
    return this.log.head;
  }

  /** Record `data` (or, while replaying, check it is what the ledger holds next). Returns the record and whether it is new. */
  write<T>(type: LedgerType, data: T): { record: ChainRecord; fresh: boolean } {
    if (this.cursor < this.existing.length) {
      const r = this.existing[this.cursor]!;
      const got = canonicalJson({ type, data });
      const want = canonicalJson({ type: r.type, data: r.data });
      if (got !== want) throw new RecoveryDivergenceError(r.seq, want.slice(0, 300), got.slice(0, 300));
      this.cursor++;
      this.onRecord?.(r, false);
      return { record: r, fresh: false };
    }
    const record = this.log.append(type, data);
    this.onRecord?.(record, true);
    return { record, fresh: true };
  }

  close(): void {
    this.log.close();
  }
}

/** The records of a session ledger, verified. */
export function readLedger(dir: string): ChainRecord[] {
  return readChain(dir, LEDGER_PREFIX, { allowTornTail: true });
}
