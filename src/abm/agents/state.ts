/**
 * Per-market state of every agent of one family in one array, market-major: the fields of agent i in market m
 * sit at (m·agents + i)·fields … + fields − 1. With 10,000 agents, state in small per-agent arrays costs a cache
 * miss per array per activation; here the array header stays cached and the agents trading one market share a
 * compact block. An agent keeps a reference to the array and its own offset ({@link StateSlot}).
 */
export class FamilyState {
  readonly data: Float64Array;
  readonly fields: number;

  constructor(
    /** The fields in order, with their starting values (an agent class's `STATE`). */
    readonly layout: StateLayout,
    readonly agents: number,
    readonly markets: number,
  ) {
    const initial = Object.values(layout);
    const fields = (this.fields = initial.length);
    this.data = new Float64Array(fields * agents * markets);
    for (let f = 0; f < fields; f++) if (initial[f] !== 0) for (let j = f; j < this.data.length; j += fields) this.data[j] = initial[f]!;
  }

  /** The slot of agent `index` (0 ≤ index < agents). */
  slot(index: number): StateSlot {
    if (!(index >= 0 && index < this.agents)) throw new RangeError(`FamilyState: agent index ${index} outside 0…${this.agents - 1}`);
    return { data: this.data, offset: index * this.fields, stride: this.agents * this.fields };
  }
}

/** Where one agent's per-market fields live: field f of market m is data[m·stride + offset + f]. */
export interface StateSlot {
  readonly data: Float64Array;
  readonly offset: number;
  readonly stride: number;
}

/** Names of an agent family's per-market fields, in storage order, with their starting values. */
export type StateLayout = Readonly<Record<string, number>>;
