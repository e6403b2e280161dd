/** The no-command entry: Ink only on a terminal; pipes, CI and --json get the doctor report. */
import {beforeEach, describe, expect, it, vi} from 'vitest';
import {memoryIo} from '../../src/cli/io.js';
import type {CommandContext} from '../../src/cli/context.js';

const doctorRun = vi.fn(async (_ctx: CommandContext) => 0);
const appRun = vi.fn(async () => 0);
vi.mock('../../src/commands/doctor.js', () => ({run: doctorRun}));
vi.mock('../../src/ui/run.js', () => ({runApp: appRun}));
// Loading Ink on a non-interactive path is a bug: make it loud.
vi.mock('ink', () => {
  throw new Error('ink was imported');
});

const {run, chooseMode} = await import('../../src/commands/app.js');

function ctx(
  opts: {tty?: boolean; env?: NodeJS.ProcessEnv; values?: CommandContext['values']; json?: boolean} = {},
): CommandContext & {io: ReturnType<typeof memoryIo>} {
  const io = memoryIo({env: opts.env ?? {}});
  if (opts.tty) {
    (io.stdout as {isTTY?: boolean}).isTTY = true;
    io.stdin = Object.assign(Object.create(process.stdin), {isTTY: true});
  } else {
    io.stdin = Object.assign(Object.create(process.stdin), {isTTY: false});
  }
  return {
    io,
    global: {color: false, json: Boolean(opts.json)},
    values: opts.values ?? {},
    args: [],
  } as CommandContext & {io: ReturnType<typeof memoryIo>};
}

describe('app command', () => {
  beforeEach(() => {
    doctorRun.mockClear();
    appRun.mockClear();
  });

  it('runs the doctor when not on a terminal, with a one-line note on stderr', async () => {
    const c = ctx({tty: false});
    expect(await run(c)).toBe(0);
    expect(doctorRun).toHaveBeenCalledWith(c);
    expect(appRun).not.toHaveBeenCalled();
    const err = c.io.err();
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toMatch(/not a terminal/);
    expect(err).toMatch(/setup --stack ID --yes, hardware, servers, config check/);
    expect(c.io.out()).toBe('');
  });

  it('treats CI as non-interactive even on a terminal', async () => {
    const c = ctx({tty: true, env: {CI: 'true'}});
    await run(c);
    expect(doctorRun).toHaveBeenCalled();
    expect(c.io.err()).toMatch(/CI is set/);
    expect(chooseMode(ctx({tty: true, env: {CI: 'false'}}))).toEqual({kind: 'interactive'});
  });

  it('--json and doctor flags give the report without a note', async () => {
    const c = ctx({tty: true, json: true});
    await run(c);
    expect(doctorRun).toHaveBeenCalled();
    expect(c.io.err()).toBe('');
    expect(chooseMode(ctx({tty: true, values: {fix: true}}))).toEqual({kind: 'report'});
  });

  it('opens the app on a terminal, after a cheap first line', async () => {
    const c = ctx({tty: true});
    await run(c);
    expect(appRun).toHaveBeenCalled();
    expect(doctorRun).not.toHaveBeenCalled();
    expect(c.io.out()).toMatch(/^openclaw-local-doctor \d+\.\d+\.\d+ · starting…$/);
  });

  it('ends the starting line when the app cannot start', async () => {
    appRun.mockImplementationOnce(async () => {
      throw new Error('yoga failed');
    });
    const c = ctx({tty: true});
    await expect(run(c)).rejects.toThrow('yoga failed');
    expect(c.io.out()).toMatch(/starting…\n$/);
  });
});
