import { Redis } from 'ioredis';
import { OmegaError } from '../../core/errors.js';
import { redactUrl, type RedisBackend } from '../backend.js';

/** The BullMQ queue every `omega worker` serves and every coordinator fills. */
export const QUEUE_NAME = 'omega-runs';
/** Tries per job before it is reported as failed (a worker killed mid-run does not use one up: that is a stall). */
export const JOB_ATTEMPTS = 3;
/** Marks a refusal for different code, so the coordinator stops at once instead of counting it as a run failure. */
export const MANIFEST_REFUSAL = 'omega worker refused the job:';

/** Errors that only say the connection is down (reported once by {@link connectRedis}, not at every retry). */
export const isConnectionError = (e: unknown): boolean =>
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENOTFOUND|Connection is closed|connect ETIMEDOUT/i.test(
    e instanceof Error ? `${(e as NodeJS.ErrnoException).code ?? ''} ${e.message}` : String(e),
  );

const errorText = (e: unknown) => redactUrl(e instanceof Error ? ((e as NodeJS.ErrnoException).code ?? e.message) : String(e));

/**
 * An ioredis connection that never gives up on a command (maxRetriesPerRequest null, offline queue):
 * when Redis goes away, commands wait and the owner logs one line when it is lost and one when it is back.
 * The first connection must succeed within `startTimeoutMs` (workers wait for ever: pass Infinity).
 */
export async function connectRedis(
  backend: RedisBackend,
  role: string,
  log: (line: string) => void,
  startTimeoutMs = 10_000,
): Promise<Redis> {
  const redis = new Redis({
    host: backend.host,
    port: backend.port,
    db: backend.db,
    username: backend.username,
    password: backend.password,
    tls: backend.tls ? {} : undefined,
    connectionName: `omega-${role}`,
    lazyConnect: true,
    maxRetriesPerRequest: null,
    enableOfflineQueue: true,
    enableAutoPipelining: true,
    retryStrategy: (times) => Math.min(100 * times, 2000),
  });
  let everReady = false;
  let lost = false;
  let lastError = '';
  redis.on('error', (e: unknown) => {
    lastError = errorText(e);
    if (everReady && !lost) {
      lost = true;
      log(`lost the connection to Redis at ${backend.display} (${lastError}); waiting for it to come back …`);
    }
  });
  redis.on('ready', () => {
    if (lost) log(`Redis at ${backend.display} is back; continuing`);
    lost = false;
    everReady = true;
  });
  const auth = (s: string) => /WRONGPASS|NOAUTH|invalid password|invalid username/i.test(s);
  await new Promise<void>((resolve, reject) => {
    let waitingLogged = false;
    const timer = Number.isFinite(startTimeoutMs)
      ? setTimeout(
          () =>
            fail(
              `cannot reach Redis at ${backend.display} within ${startTimeoutMs / 1000} s (${lastError || 'no answer'}); start it (e.g. redis-server --port ${backend.port}) or fix --backend`,
            ),
          startTimeoutMs,
        )
      : undefined;
    const onError = () => {
      if (auth(lastError))
        fail(
          `Redis at ${backend.display} refused the credentials (${lastError}); check the password in --backend or $OMEGA_REDIS_PASSWORD`,
        );
      else if (!waitingLogged && !Number.isFinite(startTimeoutMs)) {
        waitingLogged = true;
        log(`waiting for Redis at ${backend.display} (${lastError}) …`);
      }
    };
    const onReady = () => {
      cleanup();
      resolve();
    };
    function cleanup() {
      if (timer) clearTimeout(timer);
      redis.off('error', onError);
      redis.off('ready', onReady);
    }
    function fail(message: string) {
      cleanup();
      redis.disconnect();
      reject(new OmegaError('REDIS_UNREACHABLE', message));
    }
    redis.on('error', onError);
    redis.on('ready', onReady);
    redis.connect().catch(() => undefined); // failures arrive as 'error' events; the retry strategy keeps trying
  });
  return redis;
}
