import pino, { type Logger, type LoggerOptions } from 'pino';
import { redactSecrets, scrubText } from './redact.js';

export type OpsLogger = Logger;

export interface LoggerSetup {
  readonly level?: string;
  readonly name?: string;
  /** Where JSON lines go; default stderr (stdout stays free for a command's own output). */
  readonly destination?: NodeJS.WritableStream;
  /** Time source for the `time` field; default pino's (the wall clock). */
  readonly now?: () => number;
}

/**
 * Structured JSON logs (pino). Everything logged passes through the same redaction as the audit log:
 * secret-named fields at any depth are replaced and every message is scrubbed of PEM text, signature
 * headers and URL passwords, at every level.
 */
export function createLogger(setup: LoggerSetup = {}): OpsLogger {
  const options: LoggerOptions = {
    name: setup.name ?? 'omega',
    level: setup.level ?? process.env.OMEGA_LOG_LEVEL ?? 'info',
    formatters: { log: (object) => redactSecrets(object) },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? scrubText(a) : a)) as Parameters<typeof method>);
      },
    },
    ...(setup.now ? { timestamp: () => `,"time":${setup.now!()}` } : {}),
  };
  return pino(options, (setup.destination ?? process.stderr) as pino.DestinationStream);
}

/** A logger that writes nothing. */
export function silentOpsLogger(): OpsLogger {
  return pino({ level: 'silent' });
}
