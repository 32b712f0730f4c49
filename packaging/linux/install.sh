#!/bin/sh
# Installs the Kinship care helper app for you alone: no administrator password needed.
#
#   ./install.sh          from the unpacked folder (the one holding this script and kinship-app)
#
# Puts the program in ~/.local/opt/kinship-app, adds it to your applications menu with its icon,
# and links ~/.local/bin/kinship-app to it. Running it again installs this copy over the old one.
# Your saved households are kept elsewhere (~/.local/share/kinship-app) and are never touched.
# To remove the program: ~/.local/opt/kinship-app/uninstall.sh
set -eu

NAME=kinship-app
HERE=$(cd "$(dirname "$0")" && pwd)
: "${HOME:?HOME is not set}"
DATA_HOME=${XDG_DATA_HOME:-$HOME/.local/share}
DEST=${KINSHIP_APP_PREFIX:-$HOME/.local/opt/$NAME}
BIN=$HOME/.local/bin
APPS=$DATA_HOME/applications
ICONS=$DATA_HOME/icons/hicolor

say() { printf '%s\n' "$*"; }
fail() { printf 'Could not install: %s\n' "$*" >&2; exit 1; }

[ -x "$HERE/$NAME" ] || fail "run this script from the unpacked folder (no $NAME program beside it in $HERE)."
[ -d "$HERE/_internal" ] || fail "the folder $HERE is incomplete (no _internal folder): unpack the archive again."
case "$HERE" in
  "$DEST") fail "this copy is already the installed one ($DEST)." ;;
esac

# Check that this copy runs on this computer before replacing anything.
if ! "$HERE/$NAME" --version >/dev/null 2>&1; then
  fail "the program in $HERE does not start on this computer ('$HERE/$NAME --version' failed)."
fi

# Copy next to the old copy first, then swap: a failed copy leaves the old one working.
mkdir -p "$(dirname "$DEST")"
rm -rf "$DEST.new"
cp -R "$HERE" "$DEST.new" || { rm -rf "$DEST.new"; fail "could not copy the program to $DEST (is the disk full?)."; }
rm -rf "$DEST.old"
[ -e "$DEST" ] && mv "$DEST" "$DEST.old"
mv "$DEST.new" "$DEST"
rm -rf "$DEST.old"

# The menu entry: the same file as in the folder, pointed at the installed program.
mkdir -p "$APPS"
# Desktop-entry quoting: \ " ` $ escaped inside the quotes, then every \ doubled, % as %%.
desktop_exec=$(printf '%s' "$DEST/$NAME" | sed -e 's/[\\"`$]/\\&/g' -e 's/\\/\\\\/g' -e 's/%/%%/g')
try_exec=$(printf '%s' "$DEST/$NAME" | sed -e 's/\\/\\\\/g')
while IFS= read -r line; do
  case "$line" in
    Exec=*) printf 'Exec="%s"\n' "$desktop_exec" ;;
    TryExec=*) printf 'TryExec=%s\n' "$try_exec" ;;
    *) printf '%s\n' "$line" ;;
  esac
done < "$HERE/share/applications/$NAME.desktop" > "$APPS/$NAME.desktop.tmp"
mv "$APPS/$NAME.desktop.tmp" "$APPS/$NAME.desktop"
chmod 644 "$APPS/$NAME.desktop"

# The icon in every size.
for png in "$HERE"/share/icons/hicolor/*/apps/$NAME.png "$HERE"/share/icons/hicolor/scalable/apps/$NAME.svg; do
  [ -f "$png" ] || continue
  size=$(basename "$(dirname "$(dirname "$png")")")
  mkdir -p "$ICONS/$size/apps"
  cp "$png" "$ICONS/$size/apps/"
done

# A command for the terminal, if nothing else of that name is there.
mkdir -p "$BIN"
if [ -L "$BIN/$NAME" ] || [ ! -e "$BIN/$NAME" ]; then
  ln -sfn "$DEST/$NAME" "$BIN/$NAME"
fi

# Let the menu and icon theme notice (where these tools exist; harmless where they do not).
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$APPS" 2>/dev/null || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$ICONS" 2>/dev/null || true

say "Installed Kinship care helper $("$DEST/$NAME" --version 2>/dev/null | sed 's/^kinship-app //')."
say "Open it from your applications menu (\"Kinship care helper\"), or run: $DEST/$NAME"
say "Your saved households will be kept in $DATA_HOME/$NAME"
say "To remove the program: $DEST/uninstall.sh"
