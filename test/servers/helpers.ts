import {afterEach} from 'vitest';
import {createServer} from 'node:http';
import {startFake, startHangingServer, type FakeKind, type FakeOptions, type FakeServer} from '../fakes/index.js';

const open: {close(): Promise<void>}[] = [];

/** Closes every fake a test started. Call once per test file. */
export function useFakes(): {
  fake(kind: FakeKind, opts?: FakeOptions): Promise<FakeServer>;
  hanging(): Promise<{origin: string; port: number; close(): Promise<void>}>;
} {
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });
  return {
    async fake(kind, opts) {
      const f = await startFake(kind, opts);
      open.push(f);
      return f;
    },
    async hanging() {
      const h = await startHangingServer();
      open.push(h);
      return h;
    },
  };
}

/** A loopback port that was just free (bound, then closed): connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const addr = s.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
