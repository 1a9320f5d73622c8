import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseModelConfig, type ModelConfig, type ModelConfigInput } from '../abm/config.js';
import { simulationReport } from '../abm/report.js';
import { OmegaError } from '../core/errors.js';
import { clientAsset, plotlyAsset } from './assets.js';
import { parseMarketIndex } from './controls.js';
import { checkOrigin, HttpError, readJson, sendError, sendJson, sendText } from './http.js';
import { pageHtml } from './page.js';
import type { Pace } from './protocol.js';
import { DashboardSession, type SessionOptions } from './session.js';
import { StreamHub } from './streams.js';

export interface DashboardOptions extends Omit<SessionOptions, 'config'> {
  /** The model config (validated here); default: the built-in default model. */
  readonly config?: ModelConfig | ModelConfigInput;
  /** Port on 127.0.0.1; 0 picks a free one (default 0). */
  readonly port?: number;
  readonly pace?: Pace;
}

export interface Dashboard {
  /** http://127.0.0.1:PORT/ */
  readonly url: string;
  readonly port: number;
  readonly session: DashboardSession;
  /** Pages currently streaming. */
  readonly clients: () => number;
  close(): Promise<void>;
}

// the page loads scripts and styles only from here; Plotly sets inline styles and draws into blob:/data: images
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/**
 * Serve the live dashboard of one model run on 127.0.0.1. The run is the same `Model` the notebooks
 * and the CLI use; the page streams it over server-sent events and controls it with JSON POSTs.
 */
export async function startDashboard(options: DashboardOptions = {}): Promise<Dashboard> {
  const config = parseModelConfig(options.config ?? {}, 'dashboard config');
  const session = new DashboardSession({ ...options, config });
  const hub = new StreamHub(session);
  await clientAsset(); // fail at start, not on the first page load, if the client does not build
  let port = options.port ?? 0;

  const download = (res: ServerResponse, name: string, type: string, body: string) =>
    sendText(res, type, body, {
      'Content-Disposition': `attachment; filename="omega-seed${session.settings.seed}-step${session.step}-${name}"`,
      'Cache-Control': 'no-store',
    });

  const routes: Record<string, (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void> = {
    'GET /': (_q, res) =>
      sendText(res, 'text/html; charset=utf-8', pageHtml(), { 'Content-Security-Policy': CSP, 'Cache-Control': 'no-store' }),
    'GET /assets/app.js': async (_q, res) => {
      const a = await clientAsset();
      sendText(res, a.type, a.body, { 'Cache-Control': 'no-store' });
    },
    'GET /assets/plotly.min.js': (_q, res) => {
      const a = plotlyAsset();
      sendText(res, a.type, a.body, { 'Cache-Control': 'public, max-age=3600' });
    },
    'GET /events': (_q, res, url) => hub.open(res, parseMarketIndex(url.searchParams.get('market'), session.model.markets.length)),
    'GET /api/state': (_q, res, url) =>
      sendJson(res, 200, session.snapshot(parseMarketIndex(url.searchParams.get('market'), session.model.markets.length))),
    'GET /api/health': (_q, res) => sendJson(res, 200, { run: session.run, step: session.step, status: session.status, clients: hub.size }),
    'POST /api/step': async (req, res) => (await readJson(req), sendJson(res, 200, await session.stepOnce())),
    'POST /api/play': async (req, res) => (await readJson(req), sendJson(res, 200, await session.play())),
    'POST /api/pause': async (req, res) => (await readJson(req), sendJson(res, 200, await session.pause())),
    'POST /api/reset': async (req, res) => sendJson(res, 200, await session.reset(await readJson(req))),
    'POST /api/pace': async (req, res) => sendJson(res, 200, session.setPace(await readJson(req))),
    'GET /download/series.csv': (_q, res, url) =>
      download(
        res,
        'series.csv',
        'text/csv; charset=utf-8',
        session.series.csv(parseMarketIndex(url.searchParams.get('market'), session.model.markets.length)),
      ),
    'GET /download/model.csv': (_q, res) => download(res, 'model.csv', 'text/csv; charset=utf-8', session.model.data.modelCsv()),
    'GET /download/agents.csv': (_q, res) => download(res, 'agents.csv', 'text/csv; charset=utf-8', session.model.data.agentCsv()),
    'GET /download/report.html': (_q, res) =>
      download(res, 'report.html', 'text/html; charset=utf-8', simulationReport(session.model).toHtml()),
    'GET /download/manifest.json': (_q, res) =>
      download(res, 'manifest.json', 'application/json; charset=utf-8', JSON.stringify(session.model.manifest(), null, 2) + '\n'),
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      try {
        checkOrigin(req, port);
        const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
        const route = routes[`${req.method} ${url.pathname}`];
        if (!route) {
          const known = Object.keys(routes).some((k) => k.endsWith(` ${url.pathname}`));
          throw new HttpError(
            known ? 405 : 404,
            known ? `${req.method} is not allowed on ${url.pathname}` : `no such page: ${url.pathname}`,
          );
        }
        await route(req, res, url);
      } catch (e) {
        if (res.headersSent) res.destroy();
        else if (e instanceof OmegaError) sendError(res, e);
        else sendJson(res, 500, { error: `internal error: ${(e as Error).message}` });
      }
    })();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'EADDRINUSE'
          ? new OmegaError('PORT_IN_USE', `port ${port} on 127.0.0.1 is already in use; pick another with --port N (0 picks a free one)`)
          : e,
      ),
    );
    server.listen(port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const heartbeat = setInterval(() => hub.heartbeat(), 15_000);
  heartbeat.unref();

  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    session,
    clients: () => hub.size,
    close: async () => {
      clearInterval(heartbeat);
      session.close();
      hub.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
