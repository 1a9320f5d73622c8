import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { DashboardSession } from '../../src/dashboard/index.js';
import { parseModelConfig } from '../../src/abm/index.js';
import { StreamHub } from '../../src/dashboard/streams.js';
import { FakeTime } from './fake-time.js';
import { SMALL } from './headless.js';

/** A response that records what is written; `writableLength` says how far behind its reader is. */
class FakeResponse extends EventEmitter {
  written: string[] = [];
  writableLength = 0;
  destroyed = false;
  writeHead() {
    return this;
  }
  write(s: string) {
    this.written.push(s);
    return true;
  }
  end() {
    this.emit('close');
  }
  destroy() {
    this.destroyed = true;
    this.emit('close');
  }
}

function setup() {
  const time = new FakeTime();
  const session = new DashboardSession({ config: parseModelConfig(SMALL), clock: time, timers: time });
  return { session, hub: new StreamHub(session) };
}

const asRes = (r: FakeResponse) => r as unknown as ServerResponse;

describe('StreamHub', () => {
  it('builds nothing while no page watches', async () => {
    const { session } = setup();
    const batch = vi.spyOn(session, 'batch');
    const snapshot = vi.spyOn(session, 'snapshot');
    for (let i = 0; i < 5; i++) await session.stepOnce();
    expect(batch).not.toHaveBeenCalled();
    expect(snapshot).not.toHaveBeenCalled();
  });

  it('serializes each batch once per watched market, however many pages watch it', async () => {
    const { session, hub } = setup();
    const pages = [new FakeResponse(), new FakeResponse(), new FakeResponse()];
    for (const p of pages) hub.open(asRes(p), 0);
    const batch = vi.spyOn(session, 'batch');
    await session.stepOnce();
    expect(batch).toHaveBeenCalledTimes(1);
    const last = pages.map((p) => p.written.at(-1));
    expect(new Set(last).size).toBe(1);
    expect(last[0]).toMatch(/^event: steps\ndata: \{"kind":"steps","run":1,"from":1,"to":1,/);
  });

  it('drops a page that reads too slowly (it reconnects and resyncs) and one that closes', async () => {
    const { session, hub } = setup();
    const slow = new FakeResponse();
    const ok = new FakeResponse();
    const gone = new FakeResponse();
    for (const p of [slow, ok, gone]) hub.open(asRes(p), 0);
    expect(hub.size).toBe(3);
    gone.emit('close');
    expect(hub.size).toBe(2);
    slow.writableLength = 9 * 1024 * 1024;
    await session.stepOnce();
    expect(slow.destroyed).toBe(true);
    expect(hub.size).toBe(1);
    expect(ok.written.at(-1)).toContain('"from":1');
    const n = gone.written.length;
    await session.stepOnce();
    expect(gone.written.length).toBe(n);
  });
});
