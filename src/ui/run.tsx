/** Mounts the app on the real terminal. Loaded lazily by src/commands/app.ts. */
import {render} from 'ink';
import {homedir} from 'node:os';
import type {CommandContext} from '../cli/context.js';
import {VERSION} from '../version.js';
import {App, type ExitHow} from './App.js';
import type {Route} from './state/app.js';
import {realServices} from './real-services.js';

export async function runApp(
  ctx: CommandContext,
  opts: {clearLine?: boolean; initialRoute?: Route} = {},
): Promise<number> {
  const {io} = ctx;
  // Wipe the "starting…" line so the first frame replaces it in place.
  if (opts.clearLine) io.stdout.write('\r\u001B[2K');
  let how: ExitHow = 'quit';
  const instance = render(
    <App
      services={realServices(ctx)}
      version={VERSION}
      color={ctx.global.color}
      home={io.env.HOME || homedir()}
      initialRoute={opts.initialRoute}
      onExit={(h) => {
        how = h;
      }}
    />,
    {
      stdout: io.stdout as NodeJS.WriteStream,
      stderr: io.stderr as NodeJS.WriteStream,
      stdin: io.stdin as NodeJS.ReadStream,
      // Ctrl+C is ours: it must not cut a write in half (see App).
      exitOnCtrlC: false,
      patchConsole: true,
    },
  );
  await instance.waitUntilExit();
  // Ctrl+C: the shell's 128 + SIGINT, so scripts can tell an interrupted run from a finished one.
  return exitCodeFor(how);
}

/** q and the menu: 0; Ctrl+C: 130 (128 + SIGINT), as shells report an interrupted command. */
export function exitCodeFor(how: ExitHow): number {
  return how === 'interrupt' ? 130 : 0;
}
