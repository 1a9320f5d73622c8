import { z } from 'zod';

/** The JSON a language model must answer with. */
export const LlmDecisionSchema = z
  .object({
    side: z.enum(['buy', 'sell', 'hold'], { error: 'side must be buy, sell or hold' }),
    price: z.number().int({ error: 'price must be a whole number of cents' }).min(1).max(99),
    size: z.number().int({ error: 'size must be a whole number of contracts' }).min(0).max(1_000_000),
    reason: z.string().max(2000),
  })
  .strict();

export type LlmDecision = z.output<typeof LlmDecisionSchema>;

/**
 * Parse a model reply into a decision: the JSON object may be bare or inside a ```json fence; anything
 * else (prose, broken JSON, missing or extra fields, out-of-range values) is rejected with the reason.
 */
export function parseDecision(content: string): { ok: true; decision: LlmDecision } | { ok: false; error: string } {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(content);
  const text = (fenced ? fenced[1]! : content).trim();
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `not JSON: ${(e as Error).message}` };
  }
  const r = LlmDecisionSchema.safeParse(raw);
  if (!r.success) return { ok: false, error: r.error.issues.map((i) => `${i.path.join('.') || 'reply'}: ${i.message}`).join('; ') };
  return { ok: true, decision: r.data };
}
