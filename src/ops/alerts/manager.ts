import type { Alert, AlertChannel } from './channels.js';
import type { AlertRule, OpsSnapshot } from './rules.js';

interface RuleState {
  breached: boolean;
  lastFiredAt: number | undefined;
}

export interface AlertManagerOptions {
  readonly rules: readonly AlertRule[];
  readonly channels: readonly AlertChannel[];
  readonly session?: string;
  /** Called for every alert fired (the paper engine writes it to the audit log). */
  readonly onFire?: (alert: Alert) => void;
  /** Called when a channel fails to deliver after its retries. */
  readonly onDeliveryError?: (channel: string, error: unknown) => void;
}

/**
 * Evaluates the rules on each snapshot. A rule fires when its condition becomes breached, once per
 * breach: it stays quiet while the breach lasts, re-arms when the condition clears, and a new breach
 * inside the rule's cooldown after the last alert is suppressed. Deliveries run in the background;
 * `flush()` waits for them.
 */
export class AlertManager {
  private readonly state = new Map<string, RuleState>();
  private readonly pending = new Set<Promise<void>>();
  readonly fired: Alert[] = [];

  constructor(private readonly options: AlertManagerOptions) {
    const names = new Set<string>();
    for (const r of options.rules) {
      if (names.has(r.name)) throw new RangeError(`AlertManager: two rules are named ${r.name}; give one a name option`);
      names.add(r.name);
      this.state.set(r.name, { breached: false, lastFiredAt: undefined });
    }
  }

  /** Check every rule; returns the alerts fired by this snapshot. */
  evaluate(snapshot: OpsSnapshot): Alert[] {
    const out: Alert[] = [];
    for (const rule of this.options.rules) {
      const st = this.state.get(rule.name)!;
      const breach = rule.check(snapshot);
      if (!breach) {
        st.breached = false;
        continue;
      }
      if (st.breached) continue;
      st.breached = true;
      if (st.lastFiredAt !== undefined && snapshot.time - st.lastFiredAt < rule.cooldownMs) continue;
      st.lastFiredAt = snapshot.time;
      const alert: Alert = {
        rule: rule.name,
        severity: rule.severity,
        message: breach.message,
        value: breach.value,
        threshold: breach.threshold,
        time: snapshot.time,
        ...(this.options.session ? { session: this.options.session } : {}),
      };
      out.push(alert);
      this.fired.push(alert);
      this.options.onFire?.(alert);
      for (const ch of this.options.channels) this.deliver(ch, alert);
    }
    return out;
  }

  /**
   * An alert fired before a restart (read back from the ledger): its rule counts as breached since then, so a
   * breach that lasts across the restart is not announced twice and the cooldown runs from its time.
   */
  restore(alert: Alert): void {
    const st = this.state.get(alert.rule);
    if (st === undefined) return; // a rule the restarted session no longer has
    st.breached = true;
    st.lastFiredAt = alert.time;
    this.fired.push(alert);
  }

  /** Wait for every delivery started so far. */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private deliver(channel: AlertChannel, alert: Alert): void {
    const p = channel
      .send(alert)
      .catch((e: unknown) => this.options.onDeliveryError?.(channel.name, e))
      .finally(() => this.pending.delete(p));
    this.pending.add(p);
  }
}
