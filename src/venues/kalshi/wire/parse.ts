import type { z } from 'zod';
import { OmegaError } from '../../../core/errors.js';
import { describeIssue } from '../../../core/validation.js';

/**
 * A Kalshi payload that does not have the shape the project reads. The message names the endpoint
 * and the first offending field (`markets[0].ticker is required`), so a changed API is one clear line.
 */
export class KalshiSchemaError extends OmegaError {
  readonly field: string;
  constructor(what: string, field: string, message: string) {
    super('KALSHI_SCHEMA', `Kalshi ${what}: ${message} (the API may have changed; check KALSHI_API.md and the fixture for this endpoint)`, {
      what,
      field,
    });
    this.field = field;
  }
}

/** Parse a payload; unknown extra fields are accepted, a missing or malformed required one throws {@link KalshiSchemaError}. */
export function parseWire<S extends z.ZodType>(schema: S, data: unknown, what: string): z.output<S> {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const described = describeIssue(issue);
  const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
  const message = missing ? `${described.path} is required but missing` : described.message;
  return (() => {
    throw new KalshiSchemaError(what, described.path, message);
  })();
}
