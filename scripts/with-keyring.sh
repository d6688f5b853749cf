#!/usr/bin/env bash
# Runs a command with an unlocked OS keychain. On a Linux box without a desktop session (CI,
# containers) it starts a private D-Bus session and a gnome-keyring whose login keyring lives in
# a fresh temp folder (so no stored keyring password can get in the way); elsewhere it just runs.
set -euo pipefail
if [[ "$(uname)" == "Linux" && -z "${TLOC_KEYRING_READY:-}" ]] && command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
  export TLOC_KEYRING_READY=1
  exec dbus-run-session --config-file="$(dirname "$0")/keyring-session-bus.conf" -- bash -c '
    # The keyring folder goes on every way out (a clean exit, Ctrl-C, kill): an unlocked keyring
    # holding tokens must not outlive the run. Its password is random per run and never printed,
    # so a copy of the folder left by a crash (SIGKILL) cannot be opened with a known one.
    keyring_home=$(mktemp -d "${TMPDIR:-/tmp}/tloc-keyring.XXXXXX")
    child=""
    # TERM for both: a background command of a non-interactive shell ignores SIGINT.
    stop() { [[ -n "$child" ]] && kill -TERM "$child" 2>/dev/null && wait "$child"; exit "$1"; }
    trap "kill \$keeper 2>/dev/null; pkill -TERM -P \$keeper 2>/dev/null; rm -rf \"\$keyring_home\"" EXIT
    trap "stop 130" INT
    trap "stop 143" TERM
    password=$(head -c 32 /dev/urandom | base64 | tr -d "\n")
    # Kept running the way systemd keeps it on a desktop: gnome-keyring aborts when several
    # processes open keychain sessions at once (an upstream bug), and a test run has several. It
    # comes back on the same keyring folder, unlocked with the same password, within a second;
    # the console retries a failed Linux keychain call for longer than that. (At most 100 starts:
    # a daemon that cannot start at all must not spin for the whole run.)
    keep_keyring() {
      for _ in $(seq 100); do
        printf %s "$password" | XDG_DATA_HOME="$keyring_home" gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 || true
        sleep 0.1
      done
    }
    keep_keyring &
    keeper=$!
    # The daemon takes the Secret Service name, then makes the login keyring the default
    # collection, a moment after it returns. A call before that fails ("keychain could not be
    # reached", "no result found"). So wait for both (up to 30 s on a loaded machine); the name
    # is asked of the bus itself, which never starts a daemon.
    if command -v dbus-send >/dev/null; then
      for _ in $(seq 300); do
        if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q true &&
          dbus-send --session --print-reply --dest=org.freedesktop.secrets /org/freedesktop/secrets org.freedesktop.Secret.Service.ReadAlias string:default 2>/dev/null | grep -q "collection/"; then
          break
        fi
        sleep 0.1
      done
    fi
    # In the background (stdin kept) so a signal reaches the trap at once, not after the command ends.
    "$@" <&0 &
    child=$!
    wait "$child"; status=$?
    exit $status' _ "$@" 2> >(grep -v "Failed to set fd limit" >&2)
fi
exec "$@"
