import cliProgress from 'cli-progress';

const open = new Set<{ stop(): void }>();

/** Stop every bar still drawing (a command that failed midway): a live bar's timer would keep the process alive. */
export function stopProgressBars(): void {
  for (const b of [...open]) b.stop();
}

/** A progress bar with ETA on stderr (stdout stays clean for --json). Quiet when `enabled` is false. */
export function progressBar(label: string, total: number, enabled = true): { update(n: number): void; stop(): void } {
  if (!enabled) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted}`,
      stream: process.stderr,
      noTTYOutput: true,
      notTTYSchedule: 5000,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  const handle = {
    update: (n: number) => bar.update(n),
    stop: () => {
      open.delete(handle);
      bar.stop();
    },
  };
  open.add(handle);
  return handle;
}
