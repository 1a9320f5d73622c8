/**
 * Secrets never reach logs, reports, manifests or caches. A URL can carry one in two places: the
 * password of its user-info (`https://user:KEY@host/…`) and query parameters whose name says key, token,
 * secret, password or signature (`?api_key=KEY`). Both are replaced by `***`.
 */
const SECRET_PARAM = /(key|token|secret|password|passwd|pwd|signature|sig|auth|credential)/i;

const REDACTED = '***';

/** The URL with its user-info password and secret-looking query values replaced by `***`; unparsable text is redacted by pattern. */
export function redactUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return redactText(url);
  }
  if (u.password) u.password = REDACTED;
  else if (u.username) u.username = REDACTED; // `https://KEY@host` puts the key in the user name
  for (const name of [...u.searchParams.keys()]) if (SECRET_PARAM.test(name)) u.searchParams.set(name, REDACTED);
  // URL encodes `*` in query values; keep the marker readable
  return u.toString().replace(/%2A%2A%2A/g, REDACTED);
}

/** Free text (an error message) with URLs redacted and every given secret value replaced by `***`. */
export function redactText(text: string, secrets: ReadonlyArray<string | undefined> = []): string {
  let out = text
    // user-info, with or without a (possibly misspelled) scheme: `user:KEY@host`, `//KEY@host`
    .replace(/(^|[\s"'(/])([^\s"'/@:]+):([^\s"'/@]+)@/g, (_m, lead: string, user: string) => `${lead}${user}:${REDACTED}@`)
    .replace(/(:\/\/)([^\s"'/@:]+)@/g, (_m, sep: string) => `${sep}${REDACTED}@`)
    .replace(/([?&]([^=&\s]*)=)([^&\s#]*)/g, (m, head: string, name: string) => (SECRET_PARAM.test(name) ? `${head}${REDACTED}` : m));
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join(REDACTED);
  return out;
}
