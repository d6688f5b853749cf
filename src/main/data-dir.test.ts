import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adoptLegacyProfiles, APP_NAME, LEGACY_APP_FOLDER } from './data-dir';

describe('adoptLegacyProfiles', () => {
  it('moves profiles from the old desktop folder into the shared one, once', () => {
    const appData = mkdtempSync(join(tmpdir(), 'tloc-legacy-'));
    mkdirSync(join(appData, LEGACY_APP_FOLDER, 'profiles'), { recursive: true });
    writeFileSync(join(appData, LEGACY_APP_FOLDER, 'profiles', 'p1.json'), '{"id":"p1"}');
    const dataDir = join(appData, APP_NAME);
    expect(adoptLegacyProfiles(appData, dataDir)).toBe(join(appData, LEGACY_APP_FOLDER, 'profiles'));
    expect(readFileSync(join(dataDir, 'profiles', 'p1.json'), 'utf8')).toBe('{"id":"p1"}');
    expect(existsSync(join(appData, LEGACY_APP_FOLDER, 'profiles'))).toBe(false);
    expect(adoptLegacyProfiles(appData, dataDir)).toBeNull();
  });

  it('leaves both alone when the shared folder already has profiles', () => {
    const appData = mkdtempSync(join(tmpdir(), 'tloc-legacy-'));
    mkdirSync(join(appData, LEGACY_APP_FOLDER, 'profiles'), { recursive: true });
    mkdirSync(join(appData, APP_NAME, 'profiles'), { recursive: true });
    expect(adoptLegacyProfiles(appData, join(appData, APP_NAME))).toBeNull();
    expect(existsSync(join(appData, LEGACY_APP_FOLDER, 'profiles'))).toBe(true);
  });
});
