import { ValidationError } from '../core/errors.js';

/** Where runs execute: worker threads of this process, or BullMQ workers on any machine through Redis. */
export type Backend = { readonly kind: 'local' } | RedisBackend;

export interface RedisBackend {
  readonly kind: 'redis';
  readonly host: string;
  readonly port: number;
  readonly db: number;
  readonly username?: string;
  /** Never printed: {@link RedisBackend.display} is the form for logs and errors. */
  readonly password?: string;
  readonly tls: boolean;
  /** The URL with any password replaced by ***. */
  readonly display: string;
}

/** Replace the password (and user) of a URL-like string by *** — for any text that may be printed. */
export function redactUrl(text: string): string {
  return text.replace(
    /(\b[a-z][a-z0-9+.-]*:\/\/)([^@/\s]*)@/gi,
    (_m, scheme: string, auth: string) => `${scheme}${auth.includes(':') ? `${auth.slice(0, auth.indexOf(':'))}:***` : '***'}@`,
  );
}

const USAGE = 'local, or redis://[user:password@]host[:port][/db] (rediss:// for TLS)';

/**
 * Parse `--backend`: `local` (the default) or a Redis URL. The password may also come from
 * $OMEGA_REDIS_PASSWORD, which keeps it out of `ps` listings. Errors never echo a password.
 */
export function parseBackend(text: string | undefined, env: NodeJS.ProcessEnv = process.env): Backend {
  const value = (text ?? 'local').trim();
  if (value === '' || value === 'local') return { kind: 'local' };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ValidationError(`--backend must be ${USAGE}, got ${JSON.stringify(redactUrl(value))}`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
    throw new ValidationError(`--backend must be ${USAGE}, got ${JSON.stringify(redactUrl(value))} (scheme ${url.protocol})`);
  if (!url.hostname) throw new ValidationError(`--backend ${JSON.stringify(redactUrl(value))} needs a host, e.g. redis://127.0.0.1:6379`);
  const port = url.port ? Number(url.port) : 6379;
  const dbText = url.pathname.replace(/^\//, '');
  if (!/^\d{0,2}$/.test(dbText))
    throw new ValidationError(
      `--backend ${JSON.stringify(redactUrl(value))}: the database after the port must be a number such as /0, got /${dbText}`,
    );
  const db = dbText ? Number(dbText) : 0;
  const password = url.password ? decodeURIComponent(url.password) : env.OMEGA_REDIS_PASSWORD || undefined;
  const username = url.username ? decodeURIComponent(url.username) : undefined;
  const display = `${url.protocol}//${username || password ? `${username ?? ''}${password ? ':***' : ''}@` : ''}${url.hostname.includes(':') ? `[${url.hostname}]` : url.hostname}:${port}/${db}`;
  return {
    kind: 'redis',
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port,
    db,
    username,
    password,
    tls: url.protocol === 'rediss:',
    display,
  };
}
