import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'ThreatLocker Okta Console';

/** The same folder Electron's app.getPath('userData') gives, so both hosts share profiles. */
export function defaultDataDir(): string {
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_NAME);
}
