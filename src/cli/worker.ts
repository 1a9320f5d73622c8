import os from 'node:os';
import type { Command } from 'commander';
import { ValidationError } from '../core/errors.js';
import { parseBackend } from '../experiments/backend.js';
import { defaultWorkers } from '../experiments/pool.js';
import { QUEUE_NAME } from '../experiments/redis/connection.js';
import { startWorker } from '../experiments/redis/worker.js';
import { intFlag } from './options.js';

interface WorkerCliOptions {
  backend: string;
  concurrency?: number;
  lockDuration: number;
}

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description(
      'serve runs of omega sweep / validate / backtest grid from a Redis queue (BullMQ) on this machine, until SIGTERM or Ctrl-C',
    )
    .requiredOption(
      '--backend <url>',
      'the Redis server the coordinators use: redis://[user:password@]host[:port][/db] (password also from $OMEGA_REDIS_PASSWORD)',
    )
    .option(
      '--concurrency <n>',
      'runs at once, each on its own worker thread (default: the number of cores)',
      intFlag('--concurrency', 1, 1024),
    )
    .option(
      '--lock-duration <ms>',
      'job lock lifetime; a worker killed mid-run has its runs retried elsewhere after about this long',
      intFlag('--lock-duration', 1000, 3_600_000),
      30_000,
    )
    .addHelpText('after', '\nExample: npx omega worker --backend redis://redis.example.org:6379 --concurrency 8')
    .action(async (opts: WorkerCliOptions) => {
      const backend = parseBackend(opts.backend);
      if (backend.kind !== 'redis') throw new ValidationError('omega worker needs --backend redis://host:port (local runs need no worker)');
      const log = (s: string) => process.stderr.write(`omega worker: ${s}\n`);
      const concurrency = opts.concurrency ?? defaultWorkers();
      // SIGTERM / Ctrl-C are handled from before the worker connects: once started it may take a job at once, and a
      // signal landing before the handlers (Node's default: exit at once) would leave that job to wait for its lock
      // to expire. A signal while starting stops the worker, the graceful way, as soon as it has started.
      let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
      let stopping: string | undefined;
      let stopped!: () => void;
      const finished = new Promise<void>((resolve) => (stopped = resolve));
      const finishAndStop = (w: NonNullable<typeof worker>, signal: string) => {
        log(`${signal}: finishing running jobs, taking no new ones (send ${signal} again to stop at once) …`);
        void w.close().then(() => {
          log('stopped');
          stopped();
        });
      };
      const onSignal = (signal: string) => {
        if (stopping === undefined) {
          stopping = signal;
          if (worker) finishAndStop(worker, signal);
          else log(`${signal} while starting: stopping once started …`);
        } else if (worker) {
          log(`${signal} again: stopping now; running jobs will be retried by other workers`);
          void worker.close(true).finally(stopped);
        } else {
          log(`${signal} again: stopping now`); // still connecting (Redis may be slow to answer): nothing is running
          process.exit(128 + os.constants.signals[signal as NodeJS.Signals]);
        }
      };
      const onTerm = () => onSignal('SIGTERM');
      const onInt = () => onSignal('SIGINT');
      process.on('SIGTERM', onTerm);
      process.on('SIGINT', onInt);
      try {
        log(`connecting to ${backend.display} …`);
        worker = await startWorker({ backend, concurrency, lockDurationMs: opts.lockDuration, log });
        const m = worker.manifest;
        log(
          `${worker.name} serving queue ${QUEUE_NAME} at ${backend.display} with ${concurrency} thread(s); code ${m.packageVersion}, commit ${m.gitCommit?.slice(0, 12) ?? 'none'}, Node ${m.nodeMajor}, source ${m.sourceHash.slice(0, 12)}`,
        );
        if (stopping !== undefined) finishAndStop(worker, stopping);
        await finished;
      } finally {
        process.off('SIGTERM', onTerm);
        process.off('SIGINT', onInt);
      }
    });
}
