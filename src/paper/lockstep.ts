import axios, { type AxiosInstance } from 'axios';

/** Where a replaying venue stands: its clock, and whether its replay has finished. */
export interface ReplayPosition {
  readonly time: number;
  readonly done: boolean;
  /** When the next replay step happens (undefined when done). */
  readonly next: number | undefined;
}

/**
 * Lock-step control of a local exchange replay: the paper engine moves the exchange's clock itself, one
 * replay time at a time, and handles everything that time produced before moving on — no latency and
 * no race between market data and orders, so the session is deterministic.
 */
export interface LockstepControl {
  position(): Promise<ReplayPosition>;
  /** Apply every replay step up to `to` (ms of replay time). */
  advanceTo(to: number): Promise<ReplayPosition>;
}

function positionOf(driver: Record<string, unknown>): ReplayPosition {
  const time = Number(driver.replayTimeMs);
  if (!Number.isFinite(time))
    throw new Error(
      `the exchange's replay status has no replayTimeMs (driver ${String(driver.driver)}): lock-step needs an NFL replay with speed 0`,
    );
  const next = driver.nextStepAt === undefined || driver.nextStepAt === null ? undefined : Number(driver.nextStepAt);
  return { time, done: driver.done === true, next };
}

/** Lock-step over the local exchange's loopback admin endpoints (`/admin/status`, `/admin/advance`). */
export function adminLockstep(restUrl: string): LockstepControl {
  const origin = new URL(restUrl).origin;
  const http: AxiosInstance = axios.create({ baseURL: origin, timeout: 30_000 });
  return {
    position: async () => positionOf(((await http.get('/admin/status')).data as { driver: Record<string, unknown> }).driver),
    advanceTo: async (to) => positionOf((await http.post('/admin/advance', { to })).data as Record<string, unknown>),
  };
}
