import type { z } from 'zod';
import { ValidationError } from './errors.js';

type Issue = z.core.$ZodIssue;

function pathOf(prefix: string, path: readonly PropertyKey[]): string {
  const parts = path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p)));
  const joined = parts.reduce((acc, p) => (p.startsWith('[') ? acc + p : acc ? `${acc}.${p}` : p), '');
  return [prefix, joined].filter(Boolean).join('.') || '(root)';
}

/** One readable line per zod issue: `agents.informed.signalQuality must be in [0,1]`. */
export function describeIssue(issue: Issue, prefix = ''): { path: string; message: string } {
  const path = pathOf(prefix, issue.path);
  if (issue.code === 'unrecognized_keys') {
    return {
      path,
      message: `${path}: unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')} (check the spelling; unknown keys are rejected)`,
    };
  }
  if (issue.code === 'invalid_union') {
    const inner = issue.errors.flat()[0];
    return {
      path,
      message: `${path} ${issue.message === 'Invalid input' && inner ? inner.message.replace(/^Invalid input: /, '') : issue.message}`,
    };
  }
  const message = issue.message.replace(/^Invalid input: /, '');
  return { path, message: /^(must|is|should)\b/.test(message) ? `${path} ${message}` : `${path}: ${message}` };
}

/**
 * Parse `input` with `schema`; on failure throw one {@link ValidationError} listing every problem,
 * each naming its field. `what` names the input ("config file configs/x.yaml", "--seed").
 */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, what: string, prefix = ''): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => describeIssue(i, prefix));
  const lines = issues.map((i) => `  - ${i.message}`).join('\n');
  throw new ValidationError(`invalid ${what}:\n${lines}`, issues);
}
