import { z } from 'zod';

/** Tokens of one request; `estimated` when the reply gave no usable usage numbers. */
export interface TokenUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly estimated: boolean;
}

/** Characters per token: OpenAI's rule of thumb for English text, used only where the server gave no count. */
const CHARS_PER_TOKEN = 4;

/** What a request costs when no usage comes back: prompt characters / 4 in, and `outputTokens` out. */
export function estimateTokens(messages: ReadonlyArray<{ readonly content: string }>, outputTokens: number): TokenUsage {
  let chars = 0;
  for (const m of messages) chars += m.content.length;
  return { inputTokens: Math.ceil(chars / CHARS_PER_TOKEN), outputTokens, estimated: true };
}

const tokens = (name: string) =>
  z
    .number({ error: `usage.${name} must be a number of tokens` })
    .int({ error: `usage.${name} must be a whole number of tokens` })
    .min(0, { error: `usage.${name} must not be negative` });

const UsageSchema = z.object({ prompt_tokens: tokens('prompt_tokens'), completion_tokens: tokens('completion_tokens') });

const ReplySchema = z.object({
  choices: z
    .array(z.object({ message: z.object({ content: z.string() }) }), { error: 'reply has no choices[0].message.content' })
    .min(1, { error: 'reply has no choices' }),
  usage: z.unknown().optional(),
});

export type ReplyOutcome =
  { kind: 'reply'; content: string; usage: TokenUsage } | { kind: 'bad-response'; detail: string; usage?: TokenUsage; billed: boolean };

/**
 * A chat-completions body parsed into content and token usage. Usage numbers must be whole numbers ≥ 0: a
 * negative or non-numeric count makes the reply a bad response (billed at the estimate), never a `$NaN`. A
 * reply without `usage` is used and billed at an estimate (its own length for the output).
 */
export function readReply(body: unknown, messages: ReadonlyArray<{ readonly content: string }>, estimate: TokenUsage): ReplyOutcome {
  const r = ReplySchema.safeParse(body);
  if (!r.success) return { kind: 'bad-response', detail: r.error.issues[0]!.message.replace(/^Invalid input: /, 'reply: '), billed: true };
  const content = r.data.choices[0]!.message.content;
  if (r.data.usage === undefined || r.data.usage === null) {
    return {
      kind: 'reply',
      content,
      usage: {
        inputTokens: estimateTokens(messages, 0).inputTokens,
        outputTokens: Math.ceil(content.length / CHARS_PER_TOKEN),
        estimated: true,
      },
    };
  }
  const u = UsageSchema.safeParse(r.data.usage);
  if (!u.success)
    return {
      kind: 'bad-response',
      detail: `invalid token usage: ${u.error.issues.map((i) => (i.path.length ? i.message : 'usage must be an object with prompt_tokens and completion_tokens')).join('; ')}`,
      usage: estimate,
      billed: true,
    };
  return { kind: 'reply', content, usage: { inputTokens: u.data.prompt_tokens, outputTokens: u.data.completion_tokens, estimated: false } };
}
