import { z } from 'zod';

/** The fields Kalshi's `ErrorResponse` may carry; none is required (KALSHI_API.md §0a). */
export const ErrorBodySchema = z.object({
  code: z.string().optional(),
  message: z.string().optional(),
  details: z.string().optional(),
  service: z.string().optional(),
});

/**
 * Every error shape Kalshi sends, normalized: nested `{"error":{code,message,details}}`, flat
 * `{code,message}`, bare `{msg}`, and the 429 `{"error":"too many requests"}`.
 */
export interface KalshiErrorBody {
  readonly code: string;
  readonly message: string;
  readonly details?: string;
}

export function normalizeErrorBody(body: unknown): KalshiErrorBody | undefined {
  if (body === null || typeof body !== 'object') return typeof body === 'string' && body ? { code: 'unknown', message: body } : undefined;
  const b = body as Record<string, unknown>;
  if (typeof b.error === 'string') return { code: b.error === 'too many requests' ? 'too_many_requests' : 'unknown', message: b.error };
  const inner = b.error !== null && typeof b.error === 'object' ? (b.error as Record<string, unknown>) : b;
  const r = ErrorBodySchema.safeParse(inner);
  if (r.success && (r.data.code || r.data.message))
    return {
      code: r.data.code ?? 'unknown',
      message: r.data.message ?? r.data.code ?? '',
      ...(r.data.details ? { details: r.data.details } : {}),
    };
  if (typeof b.msg === 'string') return { code: 'unknown', message: b.msg };
  return undefined;
}
