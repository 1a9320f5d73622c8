import cliProgress from 'cli-progress';

/** A progress bar with ETA on stderr (stdout stays clean for --json). Quiet when `enabled` is false. */
export function progressBar(label: string, total: number, enabled = true): { update(n: number): void; stop(): void } {
  if (!enabled) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted}`, stream: process.stderr, noTTYOutput: true, notTTYSchedule: 5000, etaBuffer: 50 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    update: (n) => bar.update(n),
    stop: () => bar.stop(),
  };
}
