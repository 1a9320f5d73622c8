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
      const worker = await startWorker({ backend, concurrency, lockDurationMs: opts.lockDuration, log });
      const m = worker.manifest;
      log(
        `${worker.name} serving queue ${QUEUE_NAME} at ${backend.display} with ${concurrency} thread(s); code ${m.packageVersion}, commit ${m.gitCommit?.slice(0, 12) ?? 'none'}, Node ${m.nodeMajor}, source ${m.sourceHash.slice(0, 12)}`,
      );
      await new Promise<void>((resolve) => {
        let stopping = false;
        const stop = (signal: string) => {
          if (stopping) {
            log(`${signal} again: stopping now; running jobs will be retried by other workers`);
            void worker.close(true).finally(resolve);
            return;
          }
          stopping = true;
          log(`${signal}: finishing running jobs, taking no new ones (send ${signal} again to stop at once) …`);
          void worker.close().then(() => {
            log('stopped');
            resolve();
          });
        };
        process.on('SIGTERM', () => stop('SIGTERM'));
        process.on('SIGINT', () => stop('SIGINT'));
      });
    });
}
