import { Model, type ModelOptions } from '../abm/model.js';
import type { ModelConfig } from '../abm/config.js';
import { configHash } from '../abm/config.js';
import { systemClock, type Clock } from '../core/clock.js';
import { OmegaError } from '../core/errors.js';
import {
  checkDashboardLimits,
  configFor,
  DEFAULT_PACE,
  familyInfo,
  LIMITS,
  mergePace,
  mergeSettings,
  settingsFromConfig,
} from './controls.js';
import type { ControlReply, Pace, Settings, Snapshot, StateMessage, Status, StepBatch } from './protocol.js';
import { SeriesRecorder } from './series.js';

/** Timers the play loop uses; tests pass fake ones (with a manual clock) so no test waits on real time. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface SessionOptions {
  /** The config the run starts from; Reset replaces its seed, counts and initial probability. */
  readonly config: ModelConfig;
  readonly pace?: Pace;
  /** Points per trace the page keeps (default 2,000). */
  readonly window?: number;
  /** Longest stretch of stepping before the loop yields to requests (default 25 ms): Pause waits at most this long. */
  readonly sliceMs?: number;
  readonly clock?: Clock;
  readonly timers?: Timers;
  readonly modelOptions?: ModelOptions;
}

/** What a session tells its listeners (the server's stream hub). */
export type SessionEvent =
  { readonly type: 'steps'; readonly from: number; readonly to: number } | { readonly type: 'state' } | { readonly type: 'reset' };

/** A control the run's state does not allow (Step while playing, Play after the end): HTTP 409. */
export class ControlConflictError extends OmegaError {
  constructor(message: string) {
    super('CONFLICT', message);
  }
}

/**
 * One live run of the model behind the dashboard: the Model (the same class notebooks and the CLI
 * use), its per-step series, and the play loop. Several pages may watch one session; it knows nothing
 * about HTTP. Steps are published in batches: every step is in exactly one batch, in order.
 */
export class DashboardSession {
  model: Model;
  series: SeriesRecorder;
  settings: Settings;
  pace: Pace;
  status: Status = 'paused';
  /** Increments on every Reset. */
  run = 1;
  /** Why the loop stopped on its own, if a step threw (cleared by the next control). */
  error: string | null = null;
  readonly window: number;

  private readonly base: ModelConfig;
  private readonly clock: Clock;
  private readonly timers: Timers;
  private readonly sliceMs: number;
  private readonly modelOptions: ModelOptions;
  private readonly listeners = new Set<(e: SessionEvent) => void>();
  /** The last step already published to listeners. */
  private published = 0;
  private timer: unknown;
  /** Pacing anchor: at `time`, the run was at `step`; steps are due at `rate` per second after it. */
  private anchor = { time: 0, step: 0 };
  /** Serializes everything that steps or replaces the model (only matters for async LLM steps). */
  private lock: Promise<unknown> = Promise.resolve();

  constructor(options: SessionOptions) {
    checkDashboardLimits(options.config);
    this.base = options.config;
    this.clock = options.clock ?? systemClock;
    this.timers = options.timers ?? realTimers;
    this.sliceMs = options.sliceMs ?? 25;
    this.window = options.window ?? 2_000;
    this.modelOptions = options.modelOptions ?? {};
    this.pace = mergePace(DEFAULT_PACE, options.pace ?? {});
    this.settings = settingsFromConfig(options.config);
    this.model = Model.create(options.config, undefined, this.modelOptions);
    this.series = new SeriesRecorder(this.model);
  }

  onEvent(listener: (e: SessionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get step(): number {
    return this.model.t;
  }

  /** Exactly one step, published at once. Refused while playing or after the end. */
  async stepOnce(): Promise<ControlReply> {
    return this.exclusive(async () => {
      if (this.status === 'playing') throw new ControlConflictError('the run is playing; press Pause before stepping');
      this.refuseIfEnded('step');
      this.error = null;
      await this.advance();
      this.publish();
      if (this.status === 'ended') this.emit({ type: 'state' });
      return this.reply();
    });
  }

  async play(): Promise<ControlReply> {
    return this.exclusive(async () => {
      this.refuseIfEnded('play');
      this.error = null;
      if (this.status !== 'playing') {
        this.status = 'playing';
        this.anchor = { time: this.clock.now(), step: this.model.t };
        this.emit({ type: 'state' });
        this.schedule(0);
      }
      return this.reply();
    });
  }

  /**
   * Stop the loop. The loop checks the status before every step and yields every `sliceMs`, so the
   * run stops within one slice; the reply's `step` is where it stopped, and every step up to it has
   * been published.
   */
  async pause(): Promise<ControlReply> {
    if (this.status === 'playing') this.status = 'paused';
    this.cancelTimer();
    return this.exclusive(async () => {
      this.publish();
      this.emit({ type: 'state' });
      return this.reply();
    });
  }

  /** Rebuild the model from the current settings merged with `request`; refused input changes nothing. */
  async reset(request: unknown = {}): Promise<ControlReply> {
    const settings = mergeSettings(this.settings, request);
    const config = configFor(this.base, settings);
    const model = Model.create(config, undefined, this.modelOptions);
    if (this.status === 'playing') this.status = 'paused';
    this.cancelTimer();
    return this.exclusive(async () => {
      this.settings = settings;
      this.model = model;
      this.series = new SeriesRecorder(model);
      this.published = 0;
      this.status = 'paused';
      this.error = null;
      this.run++;
      this.emit({ type: 'reset' });
      return this.reply();
    });
  }

  /** Change speed and render interval; a playing run continues at the new pace from now. */
  setPace(request: unknown): ControlReply {
    this.pace = mergePace(this.pace, request);
    this.anchor = { time: this.clock.now(), step: this.model.t };
    if (this.status === 'playing') {
      this.cancelTimer();
      this.schedule(0);
    }
    this.emit({ type: 'state' });
    return this.reply();
  }

  /** Publish steps not yet published (a new page calls this so its snapshot and the batches meet exactly). */
  publish(): void {
    const to = this.series.lastStep;
    if (to > this.published) {
      const from = this.published + 1;
      this.published = to;
      this.emit({ type: 'steps', from, to });
    }
  }

  /** Everything a page needs to draw the run from scratch: the last `window` published steps of `market`. */
  snapshot(market: number): Snapshot {
    this.publish();
    const to = this.published;
    const book = this.series.book(market);
    return {
      kind: 'snapshot',
      run: {
        id: this.run,
        markets: this.model.markets.map((s) => s.market.ticker),
        market,
        familiesPresent: this.series.families,
        agents: this.model.agents.length,
        endStep: this.model.config.steps,
        configHash: configHash(this.model.config),
        notices: this.model.notices,
        window: this.window,
      },
      families: familyInfo(),
      limits: LIMITS,
      settings: this.settings,
      pace: this.pace,
      status: this.status,
      rows: this.series.rows(market, to - this.window + 1, to),
      book,
      summary: this.series.summary(market, book),
    };
  }

  /** The published steps `from`..`to` of `market` as one batch. */
  batch(market: number, from: number, to: number): StepBatch {
    const book = this.series.book(market);
    return {
      kind: 'steps',
      run: this.run,
      from,
      to,
      status: this.status,
      rows: this.series.rows(market, from, to),
      book,
      summary: this.series.summary(market, book),
    };
  }

  stateMessage(): StateMessage {
    return { kind: 'state', run: this.run, step: this.model.t, status: this.status, pace: this.pace, error: this.error };
  }

  /** Stop the loop for good (server shutdown). */
  close(): void {
    if (this.status === 'playing') this.status = 'paused';
    this.cancelTimer();
  }

  // ---------------------------------------------------------------- the loop

  private async tick(): Promise<void> {
    this.timer = undefined;
    if (this.status !== 'playing') return;
    let behind = false;
    try {
      behind = await this.slice();
    } catch (e) {
      // a step that throws stops the run where it is; the pages show why
      this.status = 'paused';
      this.error = `the run stopped at step ${this.model.t}: ${(e as Error).message}`;
      this.publish();
      this.emit({ type: 'state' });
      return;
    }
    if (this.status !== 'playing') return;
    const next = this.anchor.time + ((this.model.t - this.anchor.step + 1) * 1000) / this.pace.stepsPerSecond;
    this.schedule(behind ? 0 : Math.max(0, Math.ceil(next - this.clock.now())));
  }

  /** Steps due since the anchor, for at most `sliceMs`; true when it could not run them all. */
  private slice(): Promise<boolean> {
    return this.exclusive(async () => {
      if (this.status !== 'playing') return false;
      const start = this.clock.now();
      const due = Math.floor(((start - this.anchor.time) * this.pace.stepsPerSecond) / 1000) - (this.model.t - this.anchor.step);
      let n = 0;
      while (n < due && this.status === 'playing') {
        await this.advance();
        n++;
        if (this.clock.now() - start >= this.sliceMs) break;
      }
      // the machine cannot keep up: drop the debt instead of bursting to catch up
      const behind = n < due && this.status === 'playing';
      if (behind) this.anchor = { time: this.clock.now(), step: this.model.t };
      if (this.status !== 'playing' || this.series.lastStep - this.published >= this.pace.renderInterval) this.publish();
      // advance() may have ended the run
      if ((this.status as Status) === 'ended') this.emit({ type: 'state' });
      return behind;
    });
  }

  /** One model step, recorded; at the configured end the model resolves and the run ends. */
  private async advance(): Promise<void> {
    if (this.model.needsAsync) await this.model.stepAsync();
    else this.model.step();
    this.series.record();
    if (this.model.t >= this.model.config.steps) {
      this.model.resolve();
      this.status = 'ended';
    }
  }

  private schedule(ms: number): void {
    if (this.timer === undefined) this.timer = this.timers.setTimeout(() => void this.tick(), ms);
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private refuseIfEnded(what: string): void {
    if (this.status === 'ended')
      throw new ControlConflictError(`the run is over (it resolved after step ${this.model.t}); press Reset to ${what} a new run`);
  }

  private reply(): ControlReply {
    return { run: this.run, step: this.model.t, status: this.status, settings: this.settings, pace: this.pace };
  }

  private emit(e: SessionEvent): void {
    for (const l of this.listeners) l(e);
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.lock.then(fn);
    this.lock = next.catch(() => undefined);
    return next;
  }
}
