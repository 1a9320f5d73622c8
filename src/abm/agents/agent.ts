import type { Rng } from '../../core/rng.js';
import type { FamilyName } from '../config.js';
import type { AgentContext } from '../context.js';

/**
 * Base of every trader. An agent owns one exchange account and one random stream derived from
 * (seed, family, index), and acts only through the {@link AgentContext} it is handed each step
 * (the market core's order interface plus the observables its family may sense).
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
    /** Starting cash: the base for this agent's position limits and sizing. */
    readonly capital: number,
  ) {}

  /** A finer label than the family (e.g. `noise/contrarian`). */
  get kind(): string {
    return this.family;
  }

  /** One activation: observe through `ctx`, maybe send or cancel orders. */
  abstract step(ctx: AgentContext): void;
}
