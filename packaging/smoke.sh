#!/usr/bin/env bash
# Smoke test of the BUILT app, not the source: unpacks the archive that `make dist` made into an
# empty folder and runs its program in a bare environment (a new home folder, no Python, no
# project files), as a person who downloaded it would:
#   - `kinship-app --version` says the version in pyproject.toml;
#   - `assess` answers the contract's example case;
#   - `letter` writes a PDF with pages;
#   - the window opens to the start screen (offscreen) and quits (`--quit-when-shown`), keeping its
#     data folder in the user's data directory (~/.local/share/kinship-app);
#   - install.sh installs it for the user alone (menu entry, icons), uninstall.sh removes it and
#     keeps the saved data.
# Then prints the bundle's size and its start-up time next to the source run's.
#
#   bash packaging/smoke.sh [ARCHIVE]      (make dist-smoke)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

archive=${1:-}
if [ -z "$archive" ]; then
  archive=$(ls -t dist/kinship-app-*-linux-*.tar.gz 2>/dev/null | head -n 1 || true)
fi
[ -n "$archive" ] && [ -f "$archive" ] || { echo "smoke: no archive (run make dist first)" >&2; exit 1; }
version=$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
SOURCE_PY=${SOURCE_PY:-$ROOT/.venv/bin/python}
RUNS=${SMOKE_RUNS:-5}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/unpack" "$work/home" "$work/run" "$work/bin"
chmod 700 "$work/run"
tar -xzf "$archive" -C "$work/unpack"
bundle="$work/unpack/kinship-app-$version"
app="$bundle/kinship-app"
[ -x "$app" ] || { echo "smoke: $archive has no kinship-app-$version/kinship-app" >&2; exit 1; }
# A folder on PATH with no python in it: the bundle must not need one.
for tool in sh ls cat mkdir cp rm mv ln sed dirname basename readlink printf chmod; do
  [ -x "/bin/$tool" ] && ln -s "/bin/$tool" "$work/bin/$tool" || { [ -x "/usr/bin/$tool" ] && ln -s "/usr/bin/$tool" "$work/bin/$tool"; } || true
done

failures=0
pass() { printf 'ok    %s\n' "$1"; }
fail() { printf 'FAIL  %s\n' "$1"; failures=$((failures + 1)); }

# The bare environment: only a home folder, its XDG folders, a UTF-8 locale and the offscreen screen.
bare() {
  env -i HOME="$work/home" PATH="$work/bin" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
    XDG_DATA_HOME="$work/home/.local/share" XDG_CONFIG_HOME="$work/home/.config" \
    XDG_CACHE_HOME="$work/home/.cache" XDG_RUNTIME_DIR="$work/run" "$@"
}

# 1. --version
out=$(bare "$app" --version 2>&1) || true
[ "$out" = "kinship-app $version" ] && pass "--version: $out" || fail "--version said: $out (expected kinship-app $version)"

# 2. assess the contract's example case
if bare "$app" assess "$ROOT/packaging/smoke/case.json" --as-of 2026-11-22 > "$work/assess.json" 2> "$work/assess.err" \
   && python3 - "$work/assess.json" <<'EOF'
import json, sys
out = json.load(open(sys.argv[1]))
assert out["kinship"] is True and out["category"] == "private_family_arrangement", out["category"]
assert any(e["code"] == "child_benefit" for e in out["entitlements"])
EOF
then pass "assess: private_family_arrangement, with Child Benefit"
else fail "assess: $(head -c 400 "$work/assess.err")"; fi

# 3. a letter as a PDF
if bare "$app" letter support_summary "$ROOT/packaging/smoke/case.json" --as-of 2026-11-22 \
     --out "$work/summary.pdf" 2> "$work/letter.err" && [ "$(head -c 5 "$work/summary.pdf")" = "%PDF-" ]; then
  if command -v pdfinfo >/dev/null; then
    pages=$(pdfinfo "$work/summary.pdf" | sed -n 's/^Pages: *//p')
  else
    pages=$(grep -ac '/Type /Page\b' "$work/summary.pdf" || true)
  fi
  [ "${pages:-0}" -ge 1 ] && pass "letter: a PDF of $pages page(s)" || fail "letter: a PDF with no pages"
else
  fail "letter: $(head -c 400 "$work/letter.err")"
fi

# 4. the window, to the start screen and out
if timeout 60 env -i HOME="$work/home" PATH="$work/bin" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
     XDG_RUNTIME_DIR="$work/run" "$app" --quit-when-shown 2> "$work/window.err"; then
  if [ -f "$work/home/.local/share/kinship-app/settings.ini" ]; then
    pass "window: start screen shown; data folder ~/.local/share/kinship-app"
  else
    fail "window: no data folder in ~/.local/share/kinship-app ($(ls -A "$work/home"))"
  fi
else
  fail "window: $(head -c 600 "$work/window.err")"
fi

# 5. install for one user, then uninstall (keeping the data)
if bare "$bundle/install.sh" > "$work/install.out" 2>&1; then
  desktop="$work/home/.local/share/applications/kinship-app.desktop"
  installed="$work/home/.local/opt/kinship-app/kinship-app"
  if [ -f "$desktop" ] && grep -q "^Exec=\"$installed\"$" "$desktop" \
     && [ -f "$work/home/.local/share/icons/hicolor/256x256/apps/kinship-app.png" ] \
     && [ "$(bare "$installed" --version)" = "kinship-app $version" ]; then
    if command -v desktop-file-validate >/dev/null && ! desktop-file-validate "$desktop"; then
      fail "install: desktop-file-validate refused $desktop"
    else
      pass "install.sh: program, menu entry and icons in the home folder"
    fi
  else
    fail "install.sh: $(cat "$work/install.out")"
  fi
  if bare "$work/home/.local/opt/kinship-app/uninstall.sh" > "$work/uninstall.out" 2>&1 \
     && [ ! -e "$desktop" ] && [ ! -e "$installed" ] && [ -d "$work/home/.local/share/kinship-app" ]; then
    pass "uninstall.sh: removed; the data folder is kept"
  else
    fail "uninstall.sh: $(cat "$work/uninstall.out")"
  fi
else
  fail "install.sh: $(cat "$work/install.out")"
fi

# 6. size and start-up time, next to the source run's: medians of $RUNS starts each, taken in turn
#    (the first of each, which fills the disk cache, not counted). Wall time swings with whatever
#    else the machine is doing; CPU time (user + system) much less.
TIMER=$(cat <<'EOF'
import resource, statistics, subprocess, sys, time
runs, cmds = int(sys.argv[1]), [c.split("\x1f") for c in sys.argv[2:]]
wall, cpu = [[] for _ in cmds], [[] for _ in cmds]
for i in range(runs + 1):
    for k, cmd in enumerate(cmds):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if i:
            wall[k].append((time.perf_counter() - t) * 1000)
            cpu[k].append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
w = [statistics.median(x) for x in wall]
c = [statistics.median(x) for x in cpu]
line = f"start-up to the start screen, median of {runs}: bundle {w[0]:.0f} ms ({c[0]:.0f} ms CPU)"
if len(cmds) > 1:
    line += f", source {w[1]:.0f} ms ({c[1]:.0f} ms CPU): {w[0] / w[1]:.2f}x wall, {c[0] / c[1]:.2f}x CPU"
print(line)
EOF
)
US=$'\x1f'
bundle_cmd="env${US}-i${US}HOME=$work/home${US}PATH=$work/bin${US}LANG=C.UTF-8${US}QT_QPA_PLATFORM=offscreen${US}XDG_RUNTIME_DIR=$work/run${US}$app${US}--quit-when-shown${US}--data-dir${US}$work/time-bundle"
source_cmd="env${US}HOME=$work/home${US}LANG=C.UTF-8${US}QT_QPA_PLATFORM=offscreen${US}XDG_RUNTIME_DIR=$work/run${US}$SOURCE_PY${US}-m${US}ui${US}--quit-when-shown${US}--data-dir${US}$work/time-source"
echo
echo "bundle: $(du -sm "$bundle" | cut -f1) MB unpacked; archive $(basename "$archive"): $(( $(stat -c %s "$archive") / 1048576 )) MB"
if [ -x "$SOURCE_PY" ]; then
  python3 -c "$TIMER" "$RUNS" "$bundle_cmd" "$source_cmd"
else
  python3 -c "$TIMER" "$RUNS" "$bundle_cmd"
  echo "(no source venv at $SOURCE_PY to compare with: make venv)"
fi

echo
if [ "$failures" -eq 0 ]; then
  echo "smoke: all checks passed on the built bundle"
else
  echo "smoke: $failures check(s) failed" >&2
  exit 1
fi
