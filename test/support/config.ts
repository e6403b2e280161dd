/**
 * Builders for the config engine's data in tests: a ConfigLocation without
 * touching the disk, and a LoadedConfig from text through the real (pure)
 * parser, so a fake snapshot parses exactly as `readConfig` would.
 */
import {parseConfigText} from '../../src/config/read.js';
import type {ConfigLocation, LoadedConfig} from '../../src/core/types/config.js';

/** A located config: `path` from --config unless overridden; not read-only, no legacy files. */
export function fakeLocation(path: string, o: Partial<ConfigLocation> = {}): ConfigLocation {
  const stateDir = path.slice(0, Math.max(0, path.lastIndexOf('/'))) || '/';
  return {
    path,
    exists: true,
    source: 'flag',
    reason: 'from --config',
    stateDir,
    home: '/home/t',
    candidates: [],
    legacyFound: [],
    readOnly: false,
    ...o,
  };
}

/** What readConfig returns for a file holding `text` ('' = no file). */
export function loadedFromText(text: string, path = '/cfg/openclaw.json'): LoadedConfig {
  if (text === '') return {path, exists: false, text, value: undefined, duplicateKeys: []};
  return parseConfigText(text, path);
}
