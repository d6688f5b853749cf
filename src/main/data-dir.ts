import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'ThreatLocker Okta Console';

/** The same folder Electron's app.getPath('userData') gives, so both hosts share profiles. */
export function defaultDataDir(): string {
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_NAME);
}

/** Where the desktop app kept its data before it had a product name (package.json "name"). */
export const LEGACY_APP_FOLDER = 'threatlocker-okta-console';

/**
 * Moves profiles the desktop app saved under its old folder into the shared one, once, so an
 * admin who ran an earlier build keeps them. Nothing is moved when the shared folder already has
 * profiles (the browser host's win: nothing is merged or overwritten). Returns what was moved.
 */
export function adoptLegacyProfiles(appData: string, dataDir: string): string | null {
  const legacy = join(appData, LEGACY_APP_FOLDER, 'profiles');
  const target = join(dataDir, 'profiles');
  if (!existsSync(legacy) || existsSync(target)) return null;
  mkdirSync(dataDir, { recursive: true });
  renameSync(legacy, target);
  return legacy;
}
