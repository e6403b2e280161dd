/**
 * Colours and symbols. Meaning is always carried by a symbol or a word;
 * colour only adds to it, so the no-colour theme loses nothing.
 */
import type React from 'react';
import {createContext, useContext} from 'react';

export type Tone = 'ok' | 'warn' | 'fail' | 'pending' | 'info';

export interface Theme {
  color: boolean;
  /** Colour names for ink's <Text color>, or undefined in the plain theme. */
  tone: Record<Tone, string | undefined>;
  accent: string | undefined;
  dim: boolean;
  added: string | undefined;
  removed: string | undefined;
}

export const SYMBOL: Record<Tone, string> = {ok: '✔', warn: '⚠', fail: '✖', pending: '◌', info: '•'};

export const colourTheme: Theme = {
  color: true,
  tone: {ok: 'green', warn: 'yellow', fail: 'red', pending: 'gray', info: 'cyan'},
  accent: 'cyan',
  dim: true,
  added: 'green',
  removed: 'red',
};

export const plainTheme: Theme = {
  color: false,
  tone: {ok: undefined, warn: undefined, fail: undefined, pending: undefined, info: undefined},
  accent: undefined,
  dim: false,
  added: undefined,
  removed: undefined,
};

export function themeFor(color: boolean): Theme {
  return color ? colourTheme : plainTheme;
}

const ThemeContext = createContext<Theme>(colourTheme);

export function ThemeProvider({theme, children}: {theme: Theme; children: React.ReactNode}) {
  return <ThemeContext.Provider value={theme}>{children}</ThemeContext.Provider>;
}

export function useTheme(): Theme {
  return useContext(ThemeContext);
}
