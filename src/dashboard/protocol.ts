/**
 * What the dashboard server sends to the page and accepts from it. Types only: the browser client
 * imports this file too, so it must not import anything (no Node, no zod, no model code).
 */

/** Model settings the page edits and Reset applies (they persist across resets). */
export interface Settings {
  readonly seed: number;
  /** Agents per family (every family of the model config, present or not). */
  readonly counts: Readonly<Record<string, number>>;
  /** True probability at step 0: one value, or the config's [min, max] range drawn per market. */
  readonly initialProbability: number | readonly [number, number];
}

/** How fast the run plays and how often the page is updated; applied at once, no Reset needed. */
export interface Pace {
  readonly stepsPerSecond: number;
  /** Chart updates at most every this many steps (a batch then carries several steps). */
  readonly renderInterval: number;
}

export type Status = 'paused' | 'playing' | 'ended';

interface Range {
  readonly min: number;
  readonly max: number;
}

/** Ranges of every control: the server's validation uses the same numbers. */
export interface Limits {
  readonly count: Range;
  readonly totalAgents: number;
  readonly initialProbability: Range;
  readonly stepsPerSecond: Range;
  readonly renderInterval: Range;
  readonly seed: Range;
}

export interface FamilyInfo {
  readonly name: string;
  readonly label: string;
}

/** One value per step; `null` where the value is undefined (an empty book side has no spread). */
export type Column = (number | null)[];

/** Per-step series of one market (and the model-wide wealth by family) for a range of steps. */
export interface StepRows {
  /** Every step of the range: the wealth columns have one value each. */
  readonly step: number[];
  /**
   * The steps of the range in which this market traded (it opened and had not settled), as the data
   * collector records it: the market's columns (mid … midChange) have one value each.
   */
  readonly marketStep: number[];
  readonly mid: Column;
  readonly lastPrice: Column;
  /** True probability in price units (¢ on the default grid), so it shares the price axis. */
  readonly truth: Column;
  readonly volume: Column;
  readonly trades: Column;
  readonly spread: Column;
  /** Mid change since the previous step (null at the market's first step). */
  readonly midChange: Column;
  /** Mean wealth of each family present in the run (¢, marked to mid). */
  readonly wealth: Readonly<Record<string, Column>>;
}

interface BookLevel {
  readonly price: number;
  readonly qty: number;
}

/** The order book of the charted market after `step`, in YES-price space. */
export interface BookSnapshot {
  readonly step: number;
  /** YES bids, best (highest) first. */
  readonly bids: readonly BookLevel[];
  /** YES asks (NO bids at units − price), best (lowest) first. */
  readonly asks: readonly BookLevel[];
  readonly units: number;
}

export interface FamilyPnl {
  readonly family: string;
  readonly agents: number;
  /** Σ (wealth − starting cash) over the family's agents (¢). */
  readonly total: number;
  readonly mean: number;
}

export interface Summary {
  readonly step: number;
  /**
   * The step last price, mid, truth and |mid − truth| are from: the market's latest trading step (`step`
   * while it trades, the step before it settled once it has; `step` before it opens).
   */
  readonly marketStep: number;
  readonly lastPrice: number;
  readonly mid: number;
  readonly truth: number;
  /** |mid − truth| at `marketStep` (price units); null before the market opens. */
  readonly errorVsTruth: number | null;
  /** Mean |mid − truth| over the market's trading steps so far (not the rows after it settled); null before it opens. */
  readonly meanAbsError: number | null;
  readonly trades: number;
  readonly volume: number;
  /** Best ask − best bid of the book snapshot (null with a side empty). */
  readonly spread: number | null;
  readonly bestBid: number | null;
  readonly bestAsk: number | null;
  readonly pnl: readonly FamilyPnl[];
  /** Set once the run reached its configured end and settled. */
  readonly outcome: { readonly resolution: 'yes' | 'no'; readonly finalTrueProbability: number } | null;
  /** Set once this market has settled (its game ended, or the run did): the step it settled at and how. */
  readonly settlement: { readonly step: number; readonly resolution: 'yes' | 'no' } | null;
  /** Every market's resolution once settled (null while it has not), for the market selector. */
  readonly settled: readonly ('yes' | 'no' | null)[];
}

interface RunInfo {
  /** Increments on every Reset: a page holding another run rebuilds. */
  readonly id: number;
  readonly markets: readonly string[];
  /** The market this stream charts. */
  readonly market: number;
  /** Families with at least one agent in this run (the wealth chart has one trace each). */
  readonly familiesPresent: readonly string[];
  readonly agents: number;
  /** The configured end of the run. */
  readonly endStep: number;
  readonly configHash: string;
  readonly notices: readonly string[];
  /** Points kept per trace on the page; the downloads hold the full series. */
  readonly window: number;
}

export interface Snapshot {
  readonly kind: 'snapshot';
  readonly run: RunInfo;
  readonly families: readonly FamilyInfo[];
  readonly limits: Limits;
  readonly settings: Settings;
  readonly pace: Pace;
  readonly status: Status;
  /** The last `window` steps up to `summary.step`. */
  readonly rows: StepRows;
  readonly book: BookSnapshot;
  readonly summary: Summary;
}

export interface StepBatch {
  readonly kind: 'steps';
  readonly run: number;
  readonly from: number;
  readonly to: number;
  readonly status: Status;
  readonly rows: StepRows;
  readonly book: BookSnapshot;
  readonly summary: Summary;
}

/** Play/pause and pace changes (from any tab). */
export interface StateMessage {
  readonly kind: 'state';
  readonly run: number;
  readonly step: number;
  readonly status: Status;
  readonly pace: Pace;
  /** Set when a step threw and the loop stopped by itself. */
  readonly error: string | null;
}

export type ServerMessage = Snapshot | StepBatch | StateMessage;

/** The reply to every control POST that succeeded. */
export interface ControlReply {
  readonly run: number;
  readonly step: number;
  readonly status: Status;
  readonly settings: Settings;
  readonly pace: Pace;
}

/** The reply to a refused control POST: nothing was changed. */
export interface ErrorReply {
  readonly error: string;
  readonly issues?: readonly { readonly path: string; readonly message: string }[];
}
