import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import { startDashboard } from '../dashboard/server.js';
import { intFlag, modelConfigFromFlags, withModelFlags, type ModelFlags } from './options.js';

interface DashboardFlags extends ModelFlags {
  port: number;
  open?: boolean;
}

/** Open `url` in the desktop's browser (xdg-open / open / start); a missing opener is only a note. */
function openBrowser(url: string, log: (s: string) => void): void {
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  const child = spawn(cmd, args as string[], { stdio: 'ignore', detached: true });
  child.on('error', (e) => log(`note: could not open a browser (${cmd}: ${e.message}); open ${url} yourself`));
  child.unref();
}

export function registerDashboard(program: Command): void {
  withModelFlags(
    program
      .command('dashboard')
      .description('serve the live simulation page on 127.0.0.1: population sliders, reset/step/play-pause, live charts, downloads'),
    'steps before the run resolves (overrides the config)',
  )
    .option('-p, --port <n>', 'port on 127.0.0.1 (0 picks a free one)', intFlag('--port', 0, 65_535), 8765)
    .option('--open', 'open the page in the desktop browser')
    .addHelpText('after', '\nExamples:\n  npx omega dashboard\n  npx omega dashboard --config configs/small.yaml --seed 7 --port 0 --open')
    .action(async (flags: DashboardFlags) => {
      const config = modelConfigFromFlags(flags);
      const dashboard = await startDashboard({ config, port: flags.port });
      // the URL is the first line on stdout, so scripts can read it
      process.stdout.write(`${dashboard.url}\n`);
      const log = (s: string) => process.stderr.write(`${s}\n`);
      const m = dashboard.session.model;
      log(
        `omega dashboard: ${m.agents.length} agents, ${m.markets.length} market(s), ${config.steps} steps, seed ${config.seed}; press Ctrl-C to stop`,
      );
      for (const n of m.notices) log(`note: ${n}`);
      if (flags.open) openBrowser(dashboard.url, log);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void dashboard.close().then(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
