import {describe, expect, it} from 'vitest';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {runCommand} from '../src/process/run-command.js';

describe('runCommand', () => {
  it('a program that does not exist: errorCode ENOENT, said as "not found"', async () => {
    const r = await runCommand('/nonexistent/definitely-not-a-program', [], {timeoutMs: 5000});
    expect(r).toMatchObject({ok: false, code: null, errorCode: 'ENOENT', error: 'not found', timedOut: false});
  });

  it('a file that is not executable: errorCode EACCES', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'runcmd-')), 'not-exec');
    writeFileSync(file, '#!/bin/sh\necho hi\n', {mode: 0o644});
    const r = await runCommand(file, [], {timeoutMs: 5000});
    expect(r.ok).toBe(false);
    expect(r.errorCode).toBe('EACCES');
  });

  it('a program that ran and failed has an exit code and no errorCode', async () => {
    const r = await runCommand(process.execPath, ['-e', 'process.stdout.write("x"); process.exit(3)'], {
      timeoutMs: 10_000,
    });
    expect(r).toMatchObject({ok: false, code: 3, stdout: 'x', timedOut: false});
    expect(r.errorCode).toBeUndefined();
  });
});
