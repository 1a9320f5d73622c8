import type { Rng } from '../../core/rng.js';
import type { FamilyName } from '../config.js';
import type { AgentContext } from '../context.js';

/**
 * Base of every trader. An agent owns one exchange account and one random stream derived from
 * (seed, family, index), and acts only through the {@link AgentContext} it is handed each step
 * (the market core's order interface plus the observables its family may sense). It has its own capital in
 * each market (sizing and position limits are relative to it), all held as cash in its one account, so a
 * loss in one game does not starve the agent in the next.
 */
export abstract class Agent {
  /** Steps in which the agent was activated (its decisions). */
  decisions = 0;
  /** Orders it sent (accepted by the exchange). */
  orders = 0;
  /** Orders the exchange refused (e.g. not enough free cash). */
  rejections = 0;

  constructor(
    /** Position in the model's agent list. */
    readonly id: number,
    readonly family: FamilyName,
    /** Index within its family: with the seed, it fixes the agent's random stream. */
    readonly familyIndex: number,
    readonly accountId: number,
    readonly rng: Rng,
    /** Capital per market: the base for this agent's position limits and sizing in each market. */
    readonly capital: number,
    /** Markets in the run (its account starts with `capital` for each). */
    markets = 1,
  ) {
    this.deposit = capital * markets;
  }

  /** Cash deposited in its account at the start: its capital for every market of the run. */
  readonly deposit: number;

  /** A finer label than the family (e.g. `noise/contrarian`). */
  get kind(): string {
    return this.family;
  }

  /** One activation: observe through `ctx`, maybe send or cancel orders. */
  abstract step(ctx: AgentContext): void;
}
