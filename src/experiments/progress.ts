/**
 * Progress for notebooks (where a terminal bar cannot redraw): prints a line at every 10% with the elapsed
 * time and an ETA. `now` is injected (the wall clock by default) because only the display depends on it.
 */
export function notebookProgress(label: string, now: () => number = () => performance.now()): (done: number, total: number) => void {
  const start = now();
  let shown = -1;
  return (done, total) => {
    const tenth = Math.floor((10 * done) / total);
    if (tenth === shown && done !== total) return;
    shown = tenth;
    const elapsed = (now() - start) / 1000;
    const eta = done > 0 ? (elapsed * (total - done)) / done : Number.NaN;
    console.log(
      `${label}: ${done}/${total} (${Math.round((100 * done) / total)}%), ${elapsed.toFixed(1)} s elapsed${done < total ? `, ETA ${eta.toFixed(1)} s` : ''}`,
    );
  };
}
