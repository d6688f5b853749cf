/**
 * What to do when the OS keychain cannot be reached, for the platform the console runs on. The
 * Linux text names the exact command: on a machine without a desktop session no Secret Service
 * runs, and scripts/with-keyring.sh starts one (a private D-Bus session and gnome-keyring).
 */
export function keychainUnavailableHint(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'darwin') return 'Unlock the macOS Keychain (Keychain Access → login) and try again.';
  if (platform === 'win32') return 'Make sure Windows Credential Manager is available for your account and try again.';
  const noSession = !env.DBUS_SESSION_BUS_ADDRESS;
  return [
    noSession
      ? 'No Secret Service is running (this Linux session has no desktop, so no D-Bus session bus).'
      : 'The Secret Service did not answer: unlock your login keyring (e.g. GNOME Keyring or KWallet) and try again.',
    'Without a desktop, start the console with `bash scripts/with-keyring.sh npm run browser` (apt install gnome-keyring dbus);',
    'it keeps tokens only until the console stops.',
  ].join(' ');
}
