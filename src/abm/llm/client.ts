import axios, { AxiosError } from 'axios';
import { ResponseCache } from './cache.js';

export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

export interface LlmClientOptions {
  /** OpenAI-compatible chat-completions URL. */
  readonly url: string;
  readonly model: string;
  readonly apiKey?: string;
  readonly timeoutMs: number;
  readonly retries: number;
  /** Dollars per million tokens. */
  readonly inputPricePerMTok: number;
  readonly outputPricePerMTok: number;
  /** Spending cap for every call through this client (dollars). */
  readonly budget: number;
  readonly cache: ResponseCache;
  /** Wait between retries (ms → promise); injected so tests need not sleep. */
  readonly sleep?: (ms: number) => Promise<void>;
}

export type ChatResult =
  | { readonly ok: true; readonly content: string; readonly fromCache: boolean; readonly inputTokens: number; readonly outputTokens: number; readonly cost: number }
  | { readonly ok: false; readonly error: 'budget' | 'timeout' | 'http' | 'network' | 'bad-response'; readonly detail: string };

/**
 * A small client for OpenAI-compatible chat completions (axios): response cache first, then the budget,
 * then the request with a timeout, retried with exponential back-off on timeouts, 429 and 5xx. Cost is
 * tokens × price from the reply's `usage`.
 */
export class LlmClient {
  spent = 0;
  calls = 0;
  cacheHits = 0;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(readonly options: LlmClientOptions) {
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  get budgetLeft(): number {
    return Math.max(0, this.options.budget - this.spent);
  }

  async chat(messages: readonly ChatMessage[]): Promise<ChatResult> {
    const o = this.options;
    const key = ResponseCache.key(o.model, messages);
    const cached = o.cache.get(key);
    if (cached) {
      this.cacheHits++;
      return { ok: true, content: cached.content, fromCache: true, inputTokens: cached.inputTokens, outputTokens: cached.outputTokens, cost: 0 };
    }
    // checked before each call: calls already in flight when the cap is crossed still complete and count
    if (this.spent >= o.budget) return { ok: false, error: 'budget', detail: `budget of $${o.budget} spent` };
    let last: ChatResult = { ok: false, error: 'network', detail: 'no attempt made' };
    for (let attempt = 0; attempt <= o.retries; attempt++) {
      if (attempt > 0) await this.sleep(100 * 2 ** (attempt - 1));
      this.calls++;
      try {
        const res = await axios.post(
          o.url,
          { model: o.model, messages, temperature: 0, response_format: { type: 'json_object' } },
          { timeout: o.timeoutMs, headers: { 'content-type': 'application/json', ...(o.apiKey ? { authorization: `Bearer ${o.apiKey}` } : {}) } },
        );
        const body = res.data as { choices?: Array<{ message?: { content?: unknown } }>; usage?: { prompt_tokens?: number; completion_tokens?: number } };
        const content = body?.choices?.[0]?.message?.content;
        if (typeof content !== 'string') return { ok: false, error: 'bad-response', detail: 'reply has no choices[0].message.content' };
        const inputTokens = body.usage?.prompt_tokens ?? 0;
        const outputTokens = body.usage?.completion_tokens ?? 0;
        const cost = (inputTokens * o.inputPricePerMTok + outputTokens * o.outputPricePerMTok) / 1e6;
        this.spent += cost;
        o.cache.set(key, { content, inputTokens, outputTokens });
        return { ok: true, content, fromCache: false, inputTokens, outputTokens, cost };
      } catch (e) {
        const err = e as AxiosError;
        const status = err.response?.status;
        if (err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT' || /timeout/i.test(err.message)) last = { ok: false, error: 'timeout', detail: `no reply within ${o.timeoutMs} ms` };
        else if (status !== undefined) {
          last = { ok: false, error: 'http', detail: `HTTP ${status}` };
          if (status !== 429 && status < 500) return last; // a 4xx other than 429 will not get better
        } else last = { ok: false, error: 'network', detail: err.message };
      }
    }
    return last;
  }
}
