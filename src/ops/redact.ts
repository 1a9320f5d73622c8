/**
 * Secrets never reach the audit log, the logs or a report: keys whose names say "secret" are
 * replaced, and every string is scrubbed of PEM blocks, signature headers and passwords in URLs.
 * This runs on everything the audit log writes and on every log line (see logger.ts).
 */
import { redactText } from '../core/redact.js';

export const REDACTED = '[redacted]';

/** Property names whose values are secrets wherever they appear (case and separators ignored). */
const SECRET_KEY =
  /^(?:private_?key|privatekey|pem|secret|client_?secret|password|passwd|passphrase|signature|access_?signature|api_?key|apikey|key_?id|access_?key|kalshi_?access_?(?:key|signature)|authorization|token|access_?token|refresh_?token|webhook_?secret)$/i;

const PEM_BLOCK = /-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(?:-----END [A-Z0-9 ]+-----|$)/g;
const AUTH_HEADER = /\b(KALSHI-ACCESS-(?:KEY|SIGNATURE)|authorization)(\s*[:=]\s*)("?)[^\s",}]+/gi;

function isSecretKey(name: string): boolean {
  return SECRET_KEY.test(name.replace(/-/g, '_'));
}

/** A string with PEM blocks and header secrets replaced, and URLs' passwords and secret query values (core's `redactText`). */
export function scrubText(text: string): string {
  return redactText(text.replace(PEM_BLOCK, '[PEM redacted]').replace(AUTH_HEADER, `$1$2$3${REDACTED}`));
}

/** A deep copy of `value` with secret-named properties replaced and every string scrubbed. */
export function redactSecrets<T>(value: T): T {
  return redactValue(value, 0) as T;
}

function redactValue(value: unknown, depth: number): unknown {
  if (depth > 64) return '[too deep]';
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  if (value instanceof Error) return { name: value.name, message: scrubText(value.message) };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>))
    out[k] = isSecretKey(k) && v !== undefined && v !== null ? REDACTED : redactValue(v, depth + 1);
  return out;
}
