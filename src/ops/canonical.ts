import { createHash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';

// canonicalize is CommonJS whose typings declare an ES default export: under NodeNext the default
// import is typed as the module, but at run time (Node ESM, tsx, tslab's CommonJS) it is the function.
type Canonicalize = (input: unknown) => string | undefined;
const canonicalizeJson: Canonicalize =
  typeof canonicalizeModule === 'function'
    ? (canonicalizeModule as Canonicalize)
    : (canonicalizeModule as unknown as { default: Canonicalize }).default;

/**
 * Canonical JSON (RFC 8785 key order, no whitespace, `canonicalize`): the one byte form that audit
 * records are hashed and written in, so any change to a record's bytes changes what it parses to or
 * fails the "written in canonical form" check.
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalizeJson(value);
  if (text === undefined) throw new TypeError('canonicalJson: the value has no JSON form (undefined, a function or a symbol)');
  return text;
}

/** SHA-256 of a string's UTF-8 bytes, as 64 lower-case hex digits. */
export function sha256Hex(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}
