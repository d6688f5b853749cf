#!/usr/bin/env bash
# Runs a command with an unlocked OS keychain. On a Linux box without a desktop session (CI,
# containers) it starts a private D-Bus session and a gnome-keyring whose login keyring lives in
# a fresh temp folder (so no stored keyring password can get in the way); elsewhere it just runs.
set -euo pipefail
if [[ "$(uname)" == "Linux" && -z "${TLOC_KEYRING_READY:-}" ]] && command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
  export TLOC_KEYRING_READY=1
  exec dbus-run-session -- bash -c '
    keyring_home=$(mktemp -d)
    echo -n ci | XDG_DATA_HOME="$keyring_home" gnome-keyring-daemon --unlock --components=secrets >/dev/null
    "$@"; status=$?
    rm -rf "$keyring_home"
    exit $status' _ "$@" 2> >(grep -v "Failed to set fd limit" >&2)
fi
exec "$@"
