import type { IncomingMessage, ServerResponse } from 'node:http';
import { OmegaError, ValidationError } from '../core/errors.js';
import type { ErrorReply } from './protocol.js';

/** Largest control body accepted: the biggest real one (a reset with six counts) is ~200 bytes. */
const MAX_BODY_BYTES = 64 * 1024;

/** A request the server refuses, with its status code and a message for the page. */
export class HttpError extends OmegaError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super('HTTP', message);
  }
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

export function sendText(res: ServerResponse, type: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(200, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

/** The reply to a refused request: one message naming the field and the fix, plus each issue. */
export function sendError(res: ServerResponse, e: unknown): void {
  if (e instanceof ValidationError) {
    const body: ErrorReply = { error: `${e.message}\nNothing was changed.`, issues: e.issues };
    sendJson(res, 400, body);
  } else if (e instanceof HttpError) sendJson(res, e.status, { error: e.message } satisfies ErrorReply);
  else if (e instanceof OmegaError) sendJson(res, e.code === 'CONFLICT' ? 409 : 400, { error: e.message } satisfies ErrorReply);
  else throw e;
}

/**
 * Only pages served by this server may call it: the Host header must name the loopback address we
 * listen on (no DNS rebinding), and a cross-site Origin is refused.
 */
export function checkOrigin(req: IncomingMessage, port: number): void {
  const allowed = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
  const host = req.headers.host ?? '';
  if (!allowed.includes(host))
    throw new HttpError(403, `requests must address this dashboard as http://127.0.0.1:${port}/ (Host was ${JSON.stringify(host)})`);
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== 'null' && !allowed.map((h) => `http://${h}`).includes(origin)) {
    throw new HttpError(403, `cross-site request from ${origin} refused`);
  }
}

/** Read a JSON body (application/json, at most 64 KiB). An empty body is `{}`. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `request body is larger than ${MAX_BODY_BYTES / 1024} KiB`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  if (type !== 'application/json')
    throw new HttpError(415, `send controls as JSON with Content-Type: application/json (got ${JSON.stringify(type || 'none')})`);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ValidationError(`request body is not valid JSON (${(e as Error).message}); send an object such as {"counts":{"noise":50}}`, [
      { path: '(body)', message: 'is not valid JSON' },
    ]);
  }
}
