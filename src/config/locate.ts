import {existsSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {ConfigLocation, ConfigSource} from '../core/types/config.js';

const CONFIG_NAME = 'openclaw.json';
const LEGACY_CONFIG_NAMES = ['clawdbot.json'];
const LEGACY_STATE_DIRS = ['.clawdbot'];
/** Names from early-2026 builds; OpenClaw 2026.9 ignores them, but finding one explains an "empty" install. */
const OLD_STATE_DIRS = ['.moltbot', '.moldbot'];
const OLD_CONFIG_NAMES = ['moltbot.json', 'moldbot.json'];
const OLD_ENV_VARS = ['CLAWDBOT_CONFIG_PATH', 'CLAWDBOT_STATE_DIR', 'MOLTBOT_CONFIG_PATH', 'MOLTBOT_STATE_DIR'];

export const PROFILE_NAME_RE = /^[a-z0-9][a-z0-9_-]{0,63}$/i;

/** Extra facts about the resolution, for `config path` (optional field of ConfigLocation). */
export interface LocateNotes {
  notes: string[];
}

function clean(value: string | undefined): string | undefined {
  const t = value?.trim();
  return t && t !== 'undefined' && t !== 'null' ? t : undefined;
}

function fileExists(p: string): boolean {
  try {
    return existsSync(p);
  } catch {
    return false;
  }
}

/** Envs in the brief's sense: '1' is what OpenClaw checks; 'true'/'yes' are refused too (safer). */
function flagSet(value: string | undefined): boolean {
  const v = value?.trim().toLowerCase();
  return v === '1' || v === 'true' || v === 'yes';
}

interface HomeInfo {
  /** OS home: HOME > USERPROFILE > os.homedir(). */
  osHome: string;
  /** Effective home: OPENCLAW_HOME (tilde → OS home) > OS home. */
  home: string;
}

function resolveHomes(env: NodeJS.ProcessEnv, homedirFallback: string | undefined, cwd: string): HomeInfo {
  let fallback = homedirFallback;
  if (fallback === undefined) {
    try {
      fallback = os.homedir();
    } catch {
      fallback = undefined;
    }
  }
  const osHome = path.resolve(cwd, clean(env.HOME) ?? clean(env.USERPROFILE) ?? clean(fallback) ?? cwd);
  const explicit = clean(env.OPENCLAW_HOME);
  let home = osHome;
  if (explicit)
    home = path.resolve(
      cwd,
      explicit.replace(/^~(?=$|[\\/])/, () => osHome),
    );
  return {osHome, home};
}

/** `~`, `~/x` → effective home; relative → cwd. `~user` is not expanded (same as OpenClaw). */
export function expandUserPath(input: string, home: string, cwd: string): string {
  const t = input.trim();
  return path.resolve(
    cwd,
    t.replace(/^~(?=$|[\\/])/, () => home),
  );
}

export interface LocateOptions {
  env: NodeJS.ProcessEnv;
  /** --config PATH */
  configPath?: string;
  profile?: string;
  /** os.homedir() fallback; injectable for tests. */
  homedir?: string;
  cwd?: string;
}

/** Resolve the config path exactly as OpenClaw does (env, profile, legacy names). */
export function locateConfig(opts: LocateOptions): ConfigLocation & Partial<LocateNotes> {
  const env = opts.env ?? {};
  const cwd = opts.cwd ?? process.cwd();
  const {osHome, home} = resolveHomes(env, opts.homedir, cwd);
  const notes: string[] = [];
  const readOnlyVar = flagSet(env.OPENCLAW_CONFIG_READONLY)
    ? 'OPENCLAW_CONFIG_READONLY'
    : flagSet(env.OPENCLAW_NIX_MODE)
      ? 'OPENCLAW_NIX_MODE'
      : undefined;
  const readOnlyReason = readOnlyVar
    ? `${readOnlyVar}=${env[readOnlyVar]} is set, so OpenClaw treats the config as read-only; this tool will not write it either.`
    : undefined;

  let stateDirEnv = clean(env.OPENCLAW_STATE_DIR);
  let configPathEnv = clean(env.OPENCLAW_CONFIG_PATH);
  let profileSetConfig = false;
  let profileSetState = false;
  const profile = clean(opts.profile);
  if (profile !== undefined) {
    if (!PROFILE_NAME_RE.test(profile)) throw new Error(`invalid profile name ${JSON.stringify(profile)}`);
    // Same rules as OpenClaw's --profile: it fills OPENCLAW_STATE_DIR / OPENCLAW_CONFIG_PATH
    // unless they are already set to something other than the default profile's paths.
    const defaultDir = path.join(home, '.openclaw');
    const profileDir = path.join(home, profile.toLowerCase() === 'default' ? '.openclaw' : `.openclaw-${profile}`);
    const switches = defaultDir !== profileDir;
    const stateIsInherited =
      stateDirEnv !== undefined && switches && expandUserPath(stateDirEnv, home, cwd) === defaultDir;
    if (stateDirEnv === undefined || stateIsInherited) {
      stateDirEnv = profileDir;
      profileSetState = true;
    }
    const configIsInherited =
      switches &&
      (clean(env.OPENCLAW_STATE_DIR) === undefined || stateIsInherited) &&
      configPathEnv !== undefined &&
      expandUserPath(configPathEnv, home, cwd) === path.join(defaultDir, CONFIG_NAME);
    if (configPathEnv === undefined || configIsInherited) {
      configPathEnv = path.join(stateDirEnv, CONFIG_NAME);
      profileSetConfig = true;
    } else {
      notes.push(
        `OPENCLAW_CONFIG_PATH is set, so it wins over --profile ${profile} (OpenClaw keeps an explicit config path).`,
      );
    }
  } else {
    const envProfile = clean(env.OPENCLAW_PROFILE);
    if (envProfile && envProfile.toLowerCase() !== 'default') {
      notes.push(
        `OPENCLAW_PROFILE=${envProfile} is set, but on its own it does not move the config in OpenClaw 2026.9; pass --profile ${envProfile} to use ~/.openclaw-${envProfile}/.`,
      );
    }
  }
  for (const name of OLD_ENV_VARS) {
    if (clean(env[name]))
      notes.push(`${name} is set, but current OpenClaw ignores it; use ${name.replace(/^[A-Z]+_/, 'OPENCLAW_')}.`);
  }

  const newStateDir = path.join(home, '.openclaw');
  const legacyStateDirs = LEGACY_STATE_DIRS.map((d) => path.join(home, d));
  const defaultStateDir = fileExists(newStateDir) ? newStateDir : (legacyStateDirs.find(fileExists) ?? newStateDir);
  const stateDir = stateDirEnv !== undefined ? expandUserPath(stateDirEnv, home, cwd) : defaultStateDir;

  const base = {home, stateDir, readOnly: readOnlyVar !== undefined, ...(readOnlyReason ? {readOnlyReason} : {})};
  const legacyFound = findOldInstalls(home, osHome, stateDir);

  const finish = (p: string, source: ConfigSource, reason: string, candidates: {path: string; exists: boolean}[]) => ({
    ...base,
    path: p,
    exists: fileExists(p),
    source,
    reason,
    candidates,
    legacyFound,
    ...(notes.length ? {notes} : {}),
  });

  if (opts.configPath !== undefined && opts.configPath.trim() !== '') {
    const p = expandUserPath(opts.configPath, home, cwd);
    const exists = fileExists(p);
    return finish(p, 'flag', `--config was given${exists ? '' : ' (the file does not exist yet)'}.`, [
      {path: p, exists},
    ]);
  }

  if (configPathEnv !== undefined) {
    const p = expandUserPath(configPathEnv, home, cwd);
    const exists = fileExists(p);
    const missing = exists ? '' : ' It does not exist yet.';
    if (profileSetConfig) {
      return finish(p, 'profile', `--profile ${profile} selects ${path.dirname(p)}.${missing}`, [{path: p, exists}]);
    }
    return finish(p, 'env-config-path', `OPENCLAW_CONFIG_PATH is set, so OpenClaw uses that file.${missing}`, [
      {path: p, exists},
    ]);
  }

  // OpenClaw's config I/O: with OPENCLAW_STATE_DIR only that directory is searched; otherwise
  // ~/.openclaw, then ~/.clawdbot. In both cases openclaw.json before clawdbot.json; the first existing wins.
  const candidatePaths: string[] = [];
  const dirs = stateDirEnv !== undefined ? [stateDir] : [newStateDir, ...legacyStateDirs];
  for (const dir of dirs) for (const n of [CONFIG_NAME, ...LEGACY_CONFIG_NAMES]) candidatePaths.push(path.join(dir, n));
  const candidates = candidatePaths.map((p) => ({path: p, exists: fileExists(p)}));
  const found = candidates.find((c) => c.exists);
  if (!found) {
    const p = path.join(stateDir, CONFIG_NAME);
    const why =
      stateDirEnv !== undefined && !profileSetState
        ? `OPENCLAW_STATE_DIR is set and no config exists yet; OpenClaw would create it there.`
        : `No config exists yet; OpenClaw would create it here.`;
    return finish(p, 'new', why, candidates);
  }
  const p = found.path;
  const inStateOverride = stateDirEnv !== undefined && path.dirname(p) === stateDir;
  const legacyName = LEGACY_CONFIG_NAMES.includes(path.basename(p));
  const legacyDir = legacyStateDirs.includes(path.dirname(p));
  let source: ConfigSource;
  let reason: string;
  if (inStateOverride) {
    source = 'state-dir';
    reason = `OPENCLAW_STATE_DIR is set and ${path.basename(p)} exists there.`;
    if (legacyName) reason = `OPENCLAW_STATE_DIR is set and only the legacy ${path.basename(p)} exists there.`;
  } else if (legacyName || legacyDir) {
    source = 'legacy';
    reason = `Only a legacy file exists (${legacyDir ? `${path.basename(path.dirname(p))}/` : ''}${path.basename(p)}); OpenClaw still reads it.`;
  } else {
    source = 'default';
    reason = 'The default location; it exists.';
  }
  return finish(p, source, reason, candidates);
}

function findOldInstalls(home: string, osHome: string, stateDir: string): string[] {
  const dirs = new Set<string>();
  for (const h of new Set([home, osHome])) {
    for (const d of [...OLD_STATE_DIRS, '.openclaw', ...LEGACY_STATE_DIRS]) dirs.add(path.join(h, d));
  }
  dirs.add(stateDir);
  const found: string[] = [];
  for (const dir of dirs) {
    const isOldDir = OLD_STATE_DIRS.includes(path.basename(dir));
    const names = isOldDir ? [CONFIG_NAME, ...LEGACY_CONFIG_NAMES, ...OLD_CONFIG_NAMES] : OLD_CONFIG_NAMES;
    for (const n of names) {
      const p = path.join(dir, n);
      if (fileExists(p) && !found.includes(p)) found.push(p);
    }
    if (isOldDir && fileExists(dir) && !found.some((f) => f.startsWith(dir + path.sep))) found.push(dir);
  }
  return found;
}
