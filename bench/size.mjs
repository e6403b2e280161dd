// What users download: the npm tarball, and the bundle inside it.
import {spawnSync} from 'node:child_process';
import {readFileSync, statSync} from 'node:fs';
import {gzipSync} from 'node:zlib';
import {join} from 'node:path';

export const TARBALL_TARGET_BYTES = 1_500_000;

/** Sizes of the built bundle and of the tarball `npm pack` would publish (dry run, no file written). */
export function sizeRows({root}) {
  const bundlePath = join(root, 'dist/openclaw-local-doctor.mjs');
  const bundle = statSync(bundlePath).size;
  const bundleGz = gzipSync(readFileSync(bundlePath), {level: 9}).length;
  const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {cwd: root, encoding: 'utf8'});
  if (r.status !== 0) throw new Error(`npm pack --dry-run failed: ${r.stderr}`);
  const info = JSON.parse(r.stdout.slice(r.stdout.indexOf('[')))[0];
  return [
    {name: 'bundle (dist/openclaw-local-doctor.mjs)', bytes: bundle, note: `${fmtBytes(bundleGz)} gzipped`},
    {
      name: 'npm tarball',
      bytes: info.size,
      targetBytes: TARBALL_TARGET_BYTES,
      note: `${info.files.length} files, ${fmtBytes(info.unpackedSize)} unpacked`,
    },
  ];
}

export function fmtBytes(n) {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} MB`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} kB`;
  return `${n} B`;
}
