#!/bin/sh
# Removes the Kinship care helper app that install.sh installed for you.
# Your saved households (~/.local/share/kinship-app) are kept: the program only tells you where.
set -eu

NAME=kinship-app
: "${HOME:?HOME is not set}"
DATA_HOME=${XDG_DATA_HOME:-$HOME/.local/share}
DEST=${KINSHIP_APP_PREFIX:-$HOME/.local/opt/$NAME}
BIN=$HOME/.local/bin
APPS=$DATA_HOME/applications
ICONS=$DATA_HOME/icons/hicolor

rm -f "$APPS/$NAME.desktop"
for icon in "$ICONS"/*/apps/$NAME.png "$ICONS"/scalable/apps/$NAME.svg; do
  [ -f "$icon" ] && rm -f "$icon"
done
# The terminal command, only if it is our link.
if [ -L "$BIN/$NAME" ] && [ "$(readlink "$BIN/$NAME")" = "$DEST/$NAME" ]; then
  rm -f "$BIN/$NAME"
fi
if [ -d "$DEST" ] && [ -x "$DEST/$NAME" ]; then
  rm -rf "$DEST"
fi
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$APPS" 2>/dev/null || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$ICONS" 2>/dev/null || true

printf '%s\n' "Removed Kinship care helper."
if [ -d "$DATA_HOME/$NAME" ]; then
  printf '%s\n' "Your saved households are still in $DATA_HOME/$NAME" \
    "If you no longer need them, delete that folder (they cannot be got back afterwards)."
fi
