/**
 * What every screen shares: the config, this machine's hardware and the
 * servers found, each loaded once in the background, plus the write guard
 * (quitting waits for a write in flight, never leaves it half-done).
 */
import type React from 'react';
import {createContext, useCallback, useContext, useMemo, useRef, useState} from 'react';
import type {HardwareProfile} from '../../core/types/hardware.js';
import type {ConfigSnapshot, Discovery, Services} from '../services.js';
import {useAsync, type Async} from './useAsync.js';

export interface Session {
  services: Services;
  version: string;
  home?: string;
  config: Async<ConfigSnapshot>;
  hardware: Async<HardwareProfile>;
  discovery: Async<Discovery>;
  openclawVersion: Async<string | null>;
  /** After a write: read the config again and look at the servers again. */
  refresh(): void;
  /** Look for local servers again (after the user started one). */
  rescan(): void;
  /** Runs a write; while it runs, quitting is deferred. */
  guardWrite<T>(work: () => Promise<T>): Promise<T>;
  writing(): boolean;
  /** Called by the App; the session calls it when a deferred quit may go ahead. */
  onIdle: React.MutableRefObject<(() => void) | undefined>;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function SessionProvider(props: {
  services: Services;
  version: string;
  home?: string;
  children: React.ReactNode;
}) {
  const {services} = props;
  const config = useAsync(() => services.loadConfig(), [services]);
  // The config (a quick file read) goes first: the menu waits for it. The
  // slow probes start once it is in, so they do not compete with it for CPU
  // (hardware detection may start a child process). Discovery also needs the
  // config for its local providers.
  const configDone = config.status !== 'pending';
  // Latched: a re-read after a write does not detect the machine or ask OpenClaw's version again.
  const [firstConfigDone, setFirstConfigDone] = useState(false);
  if (configDone && !firstConfigDone) setFirstConfigDone(true);
  const started = configDone || firstConfigDone;
  const later = <T,>(work: () => Promise<T>) => (started ? work() : new Promise<T>(() => {}));
  const hardware = useAsync(() => later(() => services.detectHardware()), [services, started]);
  const openclawVersion = useAsync(() => later(() => services.openclawVersion()), [services, started]);
  const discovery = useAsync(
    () => (configDone ? services.discover(config.value) : new Promise<Discovery>(() => {})),
    [services, configDone, config.value],
  );
  const inFlight = useRef(0);
  const onIdle = useRef<(() => void) | undefined>(undefined);
  const {rerun: rerunConfig} = config;
  const refresh = useCallback(() => rerunConfig(), [rerunConfig]);
  const {rerun: rescan} = discovery;
  const guardWrite = useCallback(async <T,>(work: () => Promise<T>): Promise<T> => {
    inFlight.current++;
    try {
      return await work();
    } finally {
      inFlight.current--;
      if (inFlight.current === 0) onIdle.current?.();
    }
  }, []);
  const value = useMemo<Session>(
    () => ({
      services,
      version: props.version,
      home: props.home,
      config,
      hardware,
      discovery,
      openclawVersion,
      refresh,
      rescan,
      guardWrite,
      writing: () => inFlight.current > 0,
      onIdle,
    }),
    [services, props.version, props.home, config, hardware, discovery, openclawVersion, refresh, rescan, guardWrite],
  );
  return <SessionContext.Provider value={value}>{props.children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
