#!/usr/bin/env bash
# Publishes nothing: packs the package exactly as `npm publish` would (the
# prepack hook builds the bundle), installs the tarball into an empty project
# with no network, and runs the installed bin as a user would.
#   bash scripts/smoke-pack.sh        prints sizes and each command's result
set -euo pipefail
cd "$(dirname "$0")/.."
tmp="$(mktemp -d "${TMPDIR:-/tmp}/old-smoke-XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
npm_noise() { grep -v -e 'Unknown user config "nodedir"' -e '^npm warn install-scripts' >&2 || true; }

npm pack --json --pack-destination "$tmp" > "$tmp/pack.json" 2> >(npm_noise)
tgz="$tmp/$(node -e 'const j=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));console.log(j[0].filename)' "$tmp/pack.json")"
node -e '
  const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))[0];
  for (const f of j.files) console.log(`  ${String(f.size).padStart(9)}  ${f.path}`);
  console.log(`tarball ${j.filename}: ${j.size} bytes packed, ${j.unpackedSize} unpacked, ${j.files.length} files`);
' "$tmp/pack.json"

mkdir "$tmp/app" "$tmp/home"
echo '{"name":"smoke","private":true}' > "$tmp/app/package.json"
(cd "$tmp/app" && npm install --offline --no-audit --no-fund --ignore-scripts "$tgz" 2> >(npm_noise) >/dev/null)
deps="$(node -e 'const l=require(process.argv[1]);console.log(Object.keys(l.packages).filter(p=>p.startsWith("node_modules/")).join(" "))' "$tmp/app/package-lock.json")"
[[ "$deps" == "node_modules/openclaw-local-doctor" ]] || { echo "smoke: the tarball pulled in more than itself: $deps" >&2; exit 1; }

# As a user: nothing of ours in the environment, no colour, not a terminal.
run() {
  (cd "$tmp/app" && env -i PATH="$PATH" HOME="$tmp/home" TMPDIR="$tmp" CI=true NO_COLOR=1 \
    npm_config_cache="$tmp/npm-cache" npx --offline --no -- openclaw-local-doctor "$@" < /dev/null)
}
version="$(run --version)"
want="$(node -p 'require("./package.json").version')"
[[ "$version" == "$want" ]] || { echo "smoke: --version printed '$version', want '$want'" >&2; exit 1; }
echo "ok   npx openclaw-local-doctor --version -> $version"
run --help > /dev/null
echo "ok   npx openclaw-local-doctor --help"

# hardware and doctor: JSON on stdout with exit 0/1.
for cmd in "hardware --json" "doctor --json"; do
  set +e
  # shellcheck disable=SC2086
  run $cmd > "$tmp/out.json" 2> "$tmp/err.txt"
  rc=$?
  set -e
  if [[ $rc -gt 1 ]] || ! node -e 'JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"))' "$tmp/out.json" 2>/dev/null; then
    echo "smoke: '$cmd' exited $rc or printed no JSON" >&2
    grep -v 'nodedir' "$tmp/err.txt" >&2 || true
    head -c 2000 "$tmp/out.json" >&2
    exit 1
  fi
  echo "ok   npx openclaw-local-doctor $cmd (exit $rc, $(wc -c < "$tmp/out.json") bytes of JSON)"
done
