import type { AxiosResponse, AxiosStatic } from 'axios';
import { systemClock, type Clock } from '../../core/clock.js';
import { OmegaError, ValidationError } from '../../core/errors.js';
import { redactText, redactUrl } from '../../core/redact.js';
import { ResponseCache } from './cache.js';
import { estimateTokens, readReply, type TokenUsage } from './reply.js';

export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

export interface LlmClientOptions {
  /** OpenAI-compatible chat-completions URL (http or https). */
  readonly url: string;
  readonly model: string;
  readonly apiKey?: string;
  /** Named in the message when the endpoint refuses the key (default OMEGA_LLM_API_KEY). */
  readonly apiKeyEnv?: string;
  /** How long one request is waited for before the client gives up on it (and retries). */
  readonly timeoutMs: number;
  readonly retries: number;
  /** Dollars per million tokens. */
  readonly inputPricePerMTok: number;
  readonly outputPricePerMTok: number;
  /** Spending cap for every call through this client (dollars). */
  readonly budget: number;
  readonly cache: ResponseCache;
  /** Cap on reply tokens, sent as `max_tokens`; the bound used to price a request that was never answered. Default 300. */
  readonly maxOutputTokens?: number;
  /** A request given up on is still listened to this long for its late (billed) reply, then aborted. Default 4 × timeoutMs. */
  readonly lateReplyWindowMs?: number;
  /** Wall-clock allowance of one step's consultations (ms from {@link LlmClient.beginStep}). Default: none. */
  readonly stepDeadlineMs?: number;
  /** Wall-clock allowance of every call through this client (ms from the first call). Default: none. */
  readonly runDeadlineMs?: number;
  /** Wait between retries (ms → promise); injected so tests need not sleep. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Wall clock for the deadlines (default the system clock). */
  readonly clock?: Clock;
}

export type ChatFailure = 'budget' | 'deadline' | 'timeout' | 'http' | 'network' | 'bad-response';

export type ChatFailed = { readonly ok: false; readonly error: ChatFailure; readonly detail: string };

export type ChatResult =
  | {
      readonly ok: true;
      readonly content: string;
      readonly fromCache: boolean;
      readonly inputTokens: number;
      readonly outputTokens: number;
      readonly cost: number;
    }
  | ChatFailed;

/** The endpoint is unusable as configured (wrong key, unreachable, wrong URL): the run stops with this. */
export class LlmEndpointError extends OmegaError {
  constructor(code: 'LLM_AUTH' | 'LLM_UNREACHABLE' | 'LLM_NOT_FOUND', message: string) {
    super(code, message);
  }
}

/** What the client did and what it cost: printed in the summary, `--json` and the report. */
export interface LlmUsage {
  readonly endpoint: string;
  readonly model: string;
  /** HTTP requests sent (every attempt). */
  readonly calls: number;
  /** Valid replies received in time. */
  readonly replies: number;
  readonly cacheHits: number;
  readonly retries: number;
  /** chat() outcomes that were not a usable reply, by kind (each one is a fallback to the rule). */
  readonly failures: Readonly<Record<ChatFailure, number>>;
  /** Replies that arrived after the client gave up: billed by the provider, so counted in `spent`, but not used. */
  readonly lateReplies: number;
  /** Requests given up on and never answered (aborted at the end of their late window or at close): billed at the estimate. */
  readonly abandoned: number;
  /** Given-up requests still awaiting a late reply (their estimate is held against the budget). */
  readonly pending: number;
  /** Dollars billed: replies in time, late replies, and estimates for requests whose cost is unknown. */
  readonly spent: number;
  /** The part of `spent` that is an estimate (no usage numbers came back). */
  readonly estimated: number;
  readonly budget: number;
  readonly budgetLeft: number;
}

type Outcome =
  | { kind: 'reply'; content: string; usage: TokenUsage }
  | { kind: 'bad-response'; detail: string; usage?: TokenUsage; billed: boolean }
  | { kind: 'http'; status: number }
  | { kind: 'network'; code: string; message: string }
  | { kind: 'aborted' };

const NETWORK_SETUP_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ERR_INVALID_URL',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
]);

/** Check that `url` can be an endpoint: an absolute http(s) URL. `what` names where it came from. */
export function checkEndpointUrl(url: string, what: string): void {
  let u: URL | undefined;
  try {
    u = new URL(url);
  } catch {
    u = undefined;
  }
  if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:') || !u.hostname) {
    throw new ValidationError(
      `${what} must be an http(s) URL like http://127.0.0.1:8080/v1/chat/completions, got ${JSON.stringify(redactUrl(url))}`,
      [{ path: what, message: 'not an http(s) URL' }],
    );
  }
}

let axiosModule: Promise<AxiosStatic> | undefined;
/** axios, loaded on the first request: ≈ 0.1 CPU-s that every process loading the model paid, though most never call a model server. */
const loadAxios = () => (axiosModule ??= import('axios').then((m) => m.default));

/**
 * A small client for OpenAI-compatible chat completions (axios): response cache first (keyed by endpoint,
 * model and messages), then the budget and the deadlines, then the request, retried with exponential
 * back-off on timeouts, 429 and 5xx. Cost is tokens × price from the reply's validated `usage`.
 *
 * A request the client gives up on (timeout, deadline) is not aborted at once: a provider bills a request it
 * answers even when nobody waits, so the client keeps listening for its late reply for `lateReplyWindowMs`,
 * holding an estimate (prompt characters / 4 input tokens + `max_tokens` output tokens) against the budget
 * meanwhile. A late reply is billed at its real usage and counted in `lateReplies`; a request still unanswered
 * when its window ends or at {@link close} is aborted and billed at the estimate (`abandoned`).
 *
 * A refused key (401/403), an unknown URL (404) and an endpoint that cannot be reached before it ever
 * answered throw {@link LlmEndpointError} at once: hundreds of failed calls would say nothing more.
 */
export class LlmClient {
  readonly endpoint: string;
  private spentDollars = 0;
  private estimatedDollars = 0;
  private reservedDollars = 0;
  private readonly counts = { calls: 0, replies: 0, cacheHits: 0, retries: 0, lateReplies: 0, abandoned: 0 };
  private readonly failures: Record<ChatFailure, number> = { budget: 0, deadline: 0, timeout: 0, http: 0, network: 0, 'bad-response': 0 };
  private readonly pending = new Set<Promise<void>>();
  private readonly controllers = new Set<AbortController>();
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly clock: Clock;
  private answeredOnce = false;
  private fatal: LlmEndpointError | undefined;
  private runDeadlineAt: number | undefined;
  private stepDeadlineAt: number | undefined;

  constructor(readonly options: LlmClientOptions) {
    checkEndpointUrl(options.url, 'the language-model endpoint');
    this.endpoint = redactUrl(options.url);
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.clock = options.clock ?? systemClock;
  }

  get spent(): number {
    return this.spentDollars;
  }

  get calls(): number {
    return this.counts.calls;
  }

  get cacheHits(): number {
    return this.counts.cacheHits;
  }

  get budgetLeft(): number {
    return Math.max(0, this.options.budget - this.spentDollars - this.reservedDollars);
  }

  usage(): LlmUsage {
    return {
      endpoint: this.endpoint,
      model: this.options.model,
      ...this.counts,
      failures: { ...this.failures },
      pending: this.pending.size,
      spent: this.spentDollars,
      estimated: this.estimatedDollars,
      budget: this.options.budget,
      budgetLeft: this.budgetLeft,
    };
  }

  /** Start a step's wall-clock allowance (`stepDeadlineMs`): consultations after it fall back to the rule. */
  beginStep(): void {
    const ms = this.options.stepDeadlineMs;
    this.stepDeadlineAt = ms === undefined ? undefined : this.clock.now() + ms;
  }

  async chat(messages: readonly ChatMessage[]): Promise<ChatResult> {
    if (this.fatal) throw this.fatal;
    const o = this.options;
    const key = ResponseCache.key(this.endpoint, o.model, messages);
    const cached = o.cache.get(key);
    if (cached) {
      this.counts.cacheHits++;
      return {
        ok: true,
        content: cached.content,
        fromCache: true,
        inputTokens: cached.inputTokens,
        outputTokens: cached.outputTokens,
        cost: 0,
      };
    }
    // checked before each call: calls already in flight when the cap is crossed still complete and count
    if (this.spentDollars + this.reservedDollars >= o.budget) return this.fail('budget', `budget of $${o.budget} spent`);
    if (o.runDeadlineMs !== undefined) this.runDeadlineAt ??= this.clock.now() + o.runDeadlineMs;
    let last: ChatFailed = { ok: false, error: 'network', detail: 'no attempt made' };
    for (let attempt = 0; attempt <= o.retries; attempt++) {
      if (attempt > 0) {
        this.counts.retries++;
        await this.sleep(100 * 2 ** (attempt - 1));
      }
      const left = this.timeLeft();
      if (left <= 0)
        return this.fail(
          'deadline',
          `the ${this.runDeadlineAt !== undefined && this.clock.now() >= this.runDeadlineAt ? 'run' : 'step'} deadline for model calls has passed`,
        );
      const waitMs = Math.min(o.timeoutMs, left);
      const r = await this.attempt(messages, waitMs);
      // explicit `=== false`: tslab checks src without strictNullChecks, where `if (r.ok)` does not narrow
      if (r.ok === false) {
        last = r;
        if (r.error === 'bad-response') break; // the server answered; asking again costs again
        if (r.error === 'http' && !/HTTP (429|5\d\d)/.test(r.detail)) break; // a 4xx other than 429 will not get better
        continue;
      }
      o.cache.set(key, { content: r.content, inputTokens: r.inputTokens, outputTokens: r.outputTokens });
      this.counts.replies++;
      return r;
    }
    this.failures[last.error]++;
    return last;
  }

  /** Wait for every given-up request to end (late reply, error, or the end of its window). */
  async settle(): Promise<LlmUsage> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
    return this.usage();
  }

  /** Abort every request still open (billed at its estimate) and wait for the accounting. */
  async close(): Promise<LlmUsage> {
    for (const c of this.controllers) c.abort();
    return this.settle();
  }

  private fail(error: ChatFailure, detail: string): ChatFailed {
    this.failures[error]++;
    return { ok: false, error, detail };
  }

  private timeLeft(): number {
    const deadlines = [this.stepDeadlineAt, this.runDeadlineAt].filter((d): d is number => d !== undefined);
    return deadlines.length === 0 ? Infinity : Math.min(...deadlines) - this.clock.now();
  }

  private cost(u: TokenUsage): number {
    return (u.inputTokens * this.options.inputPricePerMTok + u.outputTokens * this.options.outputPricePerMTok) / 1e6;
  }

  private bill(dollars: number, estimated: boolean): void {
    this.spentDollars += dollars;
    if (estimated) this.estimatedDollars += dollars;
  }

  /** One request, waited for `waitMs`; after that it goes on in the background as a possibly billed late reply. */
  private async attempt(messages: readonly ChatMessage[], waitMs: number): Promise<ChatResult> {
    const o = this.options;
    const maxOutputTokens = o.maxOutputTokens ?? 300;
    const estimate = estimateTokens(messages, maxOutputTokens);
    const controller = new AbortController();
    this.controllers.add(controller);
    const window = setTimeout(() => controller.abort(), waitMs + (o.lateReplyWindowMs ?? 4 * o.timeoutMs));
    this.counts.calls++;
    const request = this.send(messages, maxOutputTokens, controller.signal, estimate).finally(() => {
      clearTimeout(window);
      this.controllers.delete(controller);
    });
    let giveUp: ReturnType<typeof setTimeout> | undefined;
    const gaveUp = new Promise<'gave-up'>((r) => (giveUp = setTimeout(() => r('gave-up'), waitMs)));
    const first = await Promise.race([request, gaveUp]);
    clearTimeout(giveUp);
    if (first === 'gave-up') {
      this.late(request, this.cost(estimate));
      return { ok: false, error: 'timeout', detail: `no reply within ${waitMs} ms` };
    }
    return this.resolve(first, estimate);
  }

  private resolve(outcome: Outcome, estimate: TokenUsage): ChatResult {
    switch (outcome.kind) {
      case 'reply': {
        this.answeredOnce = true;
        const cost = this.cost(outcome.usage);
        this.bill(cost, outcome.usage.estimated);
        return {
          ok: true,
          content: outcome.content,
          fromCache: false,
          inputTokens: outcome.usage.inputTokens,
          outputTokens: outcome.usage.outputTokens,
          cost,
        };
      }
      case 'bad-response':
        this.answeredOnce = true;
        if (outcome.billed) this.bill(this.cost(outcome.usage ?? estimate), outcome.usage?.estimated ?? true);
        return { ok: false, error: 'bad-response', detail: outcome.detail };
      case 'http':
        this.answeredOnce = true;
        this.checkStatus(outcome.status);
        return { ok: false, error: 'http', detail: `HTTP ${outcome.status}` };
      case 'network':
        this.checkReachable(outcome);
        return { ok: false, error: 'network', detail: redactText(outcome.message, [this.options.apiKey, this.options.url]) };
      case 'aborted': // closed while in flight: sent, so possibly billed
        this.counts.abandoned++;
        this.bill(this.cost(estimate), true);
        return { ok: false, error: 'timeout', detail: 'aborted: the client was closed' };
    }
  }

  /** Account for a request given up on: hold its estimate until it ends, then bill what it really cost. */
  private late(request: Promise<Outcome>, estimate: number): void {
    this.reservedDollars += estimate;
    const done = request.then((outcome) => {
      this.reservedDollars -= estimate;
      if (outcome.kind === 'reply') {
        this.counts.lateReplies++;
        this.bill(this.cost(outcome.usage), outcome.usage.estimated);
      } else if (outcome.kind === 'bad-response') {
        this.counts.lateReplies++;
        if (outcome.billed) this.bill(outcome.usage ? this.cost(outcome.usage) : estimate, outcome.usage?.estimated ?? true);
      } else if (outcome.kind === 'aborted') {
        this.counts.abandoned++;
        this.bill(estimate, true);
      } // an HTTP or network error is not billed
    });
    const tracked = done.finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  private checkStatus(status: number): void {
    const where = `the language-model endpoint ${this.endpoint}`;
    const keyVar = this.options.apiKeyEnv ?? 'OMEGA_LLM_API_KEY';
    if (status === 401 || status === 403) {
      this.fatal = new LlmEndpointError(
        'LLM_AUTH',
        this.options.apiKey
          ? `${where} refused the API key (HTTP ${status}): check the key in $${keyVar} (and that it may use model "${this.options.model}")`
          : `${where} wants an API key (HTTP ${status}): set $${keyVar} to your key`,
      );
      throw this.fatal;
    }
    if (status === 404) {
      this.fatal = new LlmEndpointError(
        'LLM_NOT_FOUND',
        `${where} answered HTTP 404: check the URL path (OpenAI-compatible servers serve /v1/chat/completions) and the model name "${this.options.model}" (OMEGA_LLM_MODEL / agents.llm.model)`,
      );
      throw this.fatal;
    }
  }

  private checkReachable(outcome: { code: string; message: string }): void {
    // once the endpoint has answered, a dropped connection is a failure to count and retry, not a setup error
    if (this.answeredOnce || !NETWORK_SETUP_CODES.has(outcome.code)) return;
    this.fatal = new LlmEndpointError(
      'LLM_UNREACHABLE',
      `cannot reach the language-model endpoint ${this.endpoint} (${outcome.code}): start the model server, or fix OMEGA_LLM_URL / agents.llm.endpoint, or unset both to run without LLM agents`,
    );
    throw this.fatal;
  }

  private async send(
    messages: readonly ChatMessage[],
    maxOutputTokens: number,
    signal: AbortSignal,
    estimate: TokenUsage,
  ): Promise<Outcome> {
    const o = this.options;
    const axios = await loadAxios();
    let res: AxiosResponse;
    try {
      res = await axios.post(
        o.url,
        { model: o.model, messages, temperature: 0, max_tokens: maxOutputTokens, response_format: { type: 'json_object' } },
        {
          signal,
          validateStatus: () => true,
          headers: { 'content-type': 'application/json', ...(o.apiKey ? { authorization: `Bearer ${o.apiKey}` } : {}) },
        },
      );
    } catch (e) {
      if (signal.aborted || axios.isCancel(e)) return { kind: 'aborted' };
      const err = e as { code?: string; message?: string };
      return { kind: 'network', code: err.code ?? 'ERROR', message: err.message ?? String(e) };
    }
    if (res.status < 200 || res.status >= 300) return { kind: 'http', status: res.status };
    return readReply(res.data, messages, estimate);
  }
}
