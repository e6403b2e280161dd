/**
 * The interactive app: screens on a stack, global keys (Esc back, q and
 * Ctrl+C quit, ? help), and the session shared by all screens. Takes its
 * engines as `services` so every screen can be tested with fakes.
 */
import {useEffect, useMemo, useReducer, useRef, useState} from 'react';
import {Box, Static, useApp} from 'ink';
import {useKeys} from './hooks/useKeys.js';
import {Help} from './components/Help.js';
import {NavProvider, type KeyControl, type Nav} from './hooks/keys.js';
import {SessionProvider, useSession} from './hooks/session.js';
import {Doctor} from './screens/Doctor.js';
import {Hardware} from './screens/Hardware.js';
import {Home, type MenuValue} from './screens/Home.js';
import {Setup} from './screens/Setup.js';
import type {Services} from './services.js';
import {appReducer, currentRoute, initialAppState, type Route} from './state/app.js';
import {ThemeProvider, themeFor} from './theme.js';
import {Busy} from './components/Busy.js';

export interface AppProps {
  services: Services;
  version: string;
  /** False under NO_COLOR / --no-color: the plain theme. */
  color?: boolean;
  /** For ~ in paths. */
  home?: string;
  /** The first screen (tests start deep; the CLI starts at home). */
  initialRoute?: Route;
  /**
   * Called once as the app exits (after any write in flight has finished):
   * 'quit' for q or the menu, 'interrupt' for Ctrl+C (the CLI exits 130 then).
   */
  onExit?: (how: ExitHow) => void;
}

export type ExitHow = 'quit' | 'interrupt';

function Screens(props: {initialRoute?: Route; onExit?: (how: ExitHow) => void}) {
  const session = useSession();
  const {exit} = useApp();
  const [state, dispatch] = useReducer(appReducer, props.initialRoute, (r) =>
    r && r.screen !== 'home' ? {...initialAppState, routes: [{screen: 'home'} as Route, r]} : initialAppState,
  );
  const [homeChoice, setHomeChoice] = useState<MenuValue | undefined>(undefined);
  const textEntry = useRef(false);
  const backHandler = useRef<(() => boolean) | undefined>(undefined);

  const leave = (how: ExitHow) => {
    props.onExit?.(how);
    exit();
  };
  const quit = (how: ExitHow = 'quit') => {
    if (session.writing()) {
      // Never leave a write half-done: quit as soon as it has finished.
      session.onIdle.current = () => leave(how);
      dispatch({type: 'quit-when-idle'});
    } else leave(how);
  };

  const nav = useMemo<Nav>(
    () => ({
      push: (route) => dispatch({type: 'push', route}),
      replace: (route) => dispatch({type: 'replace', route}),
      back: () => dispatch({type: 'back'}),
      quit: () => quit('quit'),
    }),
    // quit reads session.writing() at call time through the ref-backed session.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [session],
  );
  const keys = useMemo<KeyControl>(
    () => ({
      active: !state.help && !state.quitWhenIdle,
      setTextEntry: (on) => {
        textEntry.current = on;
      },
      setBack: (h) => {
        backHandler.current = h;
      },
    }),
    [state.help, state.quitWhenIdle],
  );

  useKeys((input, key) => {
    if (key.ctrl && input === 'c') return quit('interrupt');
    if (state.quitWhenIdle) return;
    if (state.help) return dispatch({type: 'help', open: false});
    if (key.escape) {
      if (session.writing()) return;
      if (!backHandler.current?.()) dispatch({type: 'back'});
      return;
    }
    if (textEntry.current) return;
    if (input === 'q') quit();
    else if (input === '?') dispatch({type: 'help', open: true});
  });

  useEffect(
    () => () => {
      session.onIdle.current = undefined;
    },
    [session],
  );

  const route = currentRoute(state);
  return (
    <NavProvider nav={nav} keys={keys}>
      <Box flexDirection="column">
        {/*
          Ink 6.8 keeps the root's reference to the last <Static> created (reconciler.js sets rootNode.staticNode and never
          clears it); when a screen with one (the doctor) unmounts, its yoga node is freed and the next frame reads a
          garbage height from it (an OOM in Output.get). A fresh empty <Static> on every screen change, before the screen,
          keeps that reference on a live node; a screen's own <Static>, created after it, still wins.
        */}
        <Static key={`${state.routes.length}-${route.screen}`} items={[] as never[]}>
          {() => null}
        </Static>
        {/* Screens stay mounted under the help overlay so their state survives it. */}
        <Box display={state.help ? 'none' : 'flex'} flexDirection="column">
          {route.screen === 'home' ? <Home lastChoice={homeChoice} onChoose={setHomeChoice} /> : null}
          {route.screen === 'hardware' ? <Hardware /> : null}
          {route.screen === 'setup' ? <Setup /> : null}
          {route.screen === 'doctor' ? (
            <Doctor key={`${state.routes.length}-${route.note ?? ''}`} note={route.note} />
          ) : null}
        </Box>
        {state.help ? <Help /> : null}
        {state.quitWhenIdle ? <Busy label="finishing the write, then quitting…" /> : null}
      </Box>
    </NavProvider>
  );
}

export function App(props: AppProps) {
  return (
    <ThemeProvider theme={themeFor(props.color ?? true)}>
      <SessionProvider services={props.services} version={props.version} home={props.home}>
        <Screens initialRoute={props.initialRoute} onExit={props.onExit} />
      </SessionProvider>
    </ThemeProvider>
  );
}
