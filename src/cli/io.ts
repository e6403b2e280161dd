/**
 * Everything a command touches of the outside process, so tests can run
 * commands in-process with captured output and a fake environment.
 */
export interface OutputStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface Io {
  stdout: OutputStream;
  stderr: OutputStream;
  /** The real process stdin (for interactive use and `explain` reading a pipe). */
  stdin: NodeJS.ReadableStream & {isTTY?: boolean};
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Injected clock so backups and reports are reproducible in tests. */
  now: () => Date;
}

export function processIo(): Io {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    now: () => new Date(),
  };
}

/** Collects output in memory; for tests. */
export function memoryIo(overrides: Partial<Io> = {}): Io & {out: () => string; err: () => string} {
  let out = '';
  let err = '';
  const io: Io = {
    stdout: {write: (s: string) => (out += s), isTTY: false, columns: 80},
    stderr: {write: (s: string) => (err += s), isTTY: false, columns: 80},
    stdin: process.stdin,
    env: {},
    cwd: process.cwd(),
    now: () => new Date(),
    ...overrides,
  };
  return Object.assign(io, {out: () => out, err: () => err});
}
