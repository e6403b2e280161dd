/**
 * How screens talk to the App's global keys: a screen in text entry turns
 * off the one-letter keys (q, ?), a screen with inner steps takes Esc
 * first, and `active` is false while the help overlay covers the screen.
 */
import type React from 'react';
import {createContext, useContext, useEffect} from 'react';
import type {Route} from '../state/app.js';

export interface Nav {
  push(route: Route): void;
  replace(route: Route): void;
  back(): void;
  quit(): void;
}

export interface KeyControl {
  active: boolean;
  setTextEntry(on: boolean): void;
  /** The handler returns true when it used the Esc (went back a step inside the screen). */
  setBack(handler: (() => boolean) | undefined): void;
}

const NavContext = createContext<Nav | undefined>(undefined);
const KeyContext = createContext<KeyControl>({active: true, setTextEntry: () => {}, setBack: () => {}});

export function NavProvider({nav, keys, children}: {nav: Nav; keys: KeyControl; children: React.ReactNode}) {
  return (
    <NavContext.Provider value={nav}>
      <KeyContext.Provider value={keys}>{children}</KeyContext.Provider>
    </NavContext.Provider>
  );
}

export function useNav(): Nav {
  const nav = useContext(NavContext);
  if (!nav) throw new Error('useNav outside NavProvider');
  return nav;
}

/** False while the help overlay is open: screens pass it to their inputs. */
export function useKeysActive(): boolean {
  return useContext(KeyContext).active;
}

export function useTextEntry(on: boolean): void {
  const keys = useContext(KeyContext);
  useEffect(() => {
    keys.setTextEntry(on);
    return () => keys.setTextEntry(false);
  }, [keys, on]);
}

/** Registers this render's Esc handler (re-registered every render, so it never sees stale state). */
export function useBackHandler(handler: () => boolean): void {
  const keys = useContext(KeyContext);
  useEffect(() => {
    keys.setBack(handler);
    return () => keys.setBack(undefined);
  });
}
