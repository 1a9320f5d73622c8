import http from 'node:http';

/** The fields of an event's JSON `data` that tests read (unchecked: each test asserts what it reads). */
interface SseData {
  readonly from: number;
  readonly to: number;
  readonly rows: { readonly step: readonly number[] };
}

export interface SseEvent {
  event: string;
  data: SseData;
}

/**
 * A minimal server-sent-events reader for tests (Node 20 has no EventSource): collects parsed events
 * and lets a test wait for the n-th one matching a predicate.
 */
export class SseClient {
  readonly events: SseEvent[] = [];
  private waiters: Array<() => void> = [];
  private req: http.ClientRequest;
  closed = false;

  constructor(url: string) {
    this.req = http.get(url, (res) => {
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          let event = 'message';
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith('event: ')) event = line.slice(7);
            else if (line.startsWith('data: ')) data.push(line.slice(6));
          }
          if (data.length) this.events.push({ event, data: JSON.parse(data.join('\n')) as SseData });
          for (const w of this.waiters.splice(0)) w();
        }
      });
      res.on('close', () => {
        this.closed = true;
        for (const w of this.waiters.splice(0)) w();
      });
    });
    this.req.on('error', () => undefined);
  }

  /** Resolves once `count` events satisfy `pred` (fails after `ms`, a guard against a hang, not a timing check). */
  async waitFor(pred: (e: SseEvent) => boolean, count = 1, ms = 10_000): Promise<SseEvent[]> {
    const started = process.hrtime.bigint();
    for (;;) {
      const hits = this.events.filter(pred);
      if (hits.length >= count) return hits;
      if (this.closed) throw new Error(`stream closed with ${hits.length}/${count} matching events`);
      if (Number(process.hrtime.bigint() - started) / 1e6 > ms) throw new Error(`gave up waiting: ${hits.length}/${count} matching events`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 100);
      });
    }
  }

  close(): void {
    this.req.destroy();
  }
}
