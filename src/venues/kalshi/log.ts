import pino, { type Logger, type LoggerOptions } from 'pino';

/**
 * Structured logs for the venue (pino). Key ids, signatures, private keys and any PEM text are
 * redacted by path, and every string value is scrubbed of PEM blocks and signature headers on the
 * way out, so nothing secret reaches a log at any level.
 */
export const REDACT_PATHS = [
  'keyId',
  'privateKey',
  'pem',
  'signature',
  'headers["kalshi-access-key"]',
  'headers["kalshi-access-signature"]',
  'headers["KALSHI-ACCESS-KEY"]',
  'headers["KALSHI-ACCESS-SIGNATURE"]',
  '*.headers["KALSHI-ACCESS-KEY"]',
  '*.headers["KALSHI-ACCESS-SIGNATURE"]',
  '*.headers["kalshi-access-key"]',
  '*.headers["kalshi-access-signature"]',
  '*.keyId',
  '*.privateKey',
  '*.pem',
  '*.signature',
];

const PEM = /-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g;

/** Remove PEM blocks from any text before it is logged or shown. */
export function scrubSecrets(text: string): string {
  return text.replace(PEM, '[PEM redacted]');
}

export type VenueLogger = Logger;

/** A pino logger with the venue's redaction. `destination` defaults to stderr; pass a stream in tests. */
export function createVenueLogger(options: { level?: string; name?: string; destination?: NodeJS.WritableStream } = {}): VenueLogger {
  const config: LoggerOptions = {
    name: options.name ?? 'kalshi',
    level: options.level ?? process.env.OMEGA_LOG_LEVEL ?? 'info',
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? scrubSecrets(a) : a)) as Parameters<typeof method>);
      },
    },
  };
  return pino(config, (options.destination ?? process.stderr) as pino.DestinationStream);
}

/** A logger that discards everything (the default for library users who pass none). */
export const silentLogger: VenueLogger = pino({ level: 'silent' });
