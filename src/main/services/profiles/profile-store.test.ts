import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { PROFILE_SCHEMA_VERSION, type Profile } from '../../../shared/profile';
import { ProfileStore } from './profile-store';

function sampleProfile(id: string, name: string): Profile {
  return {
    schemaVersion: PROFILE_SCHEMA_VERSION,
    id,
    name,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    sandbox: false,
    okta: { orgUrl: 'https://acme.okta.com', customDomain: false },
    threatlocker: { instance: 'd' },
    secretsMeta: {},
    setup: { steps: {} },
    mappings: [],
  };
}

describe('ProfileStore', () => {
  let dataDir: string;
  let store: ProfileStore;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tloc-profiles-'));
    store = new ProfileStore(dataDir);
  });

  it('saves atomically and reads back what it wrote, leaving no temp files', async () => {
    const saved = await store.save(sampleProfile('11111111-1111-4111-8111-111111111111', 'Acme'));
    expect(await store.get(saved.id)).toEqual(saved);
    expect(await readdir(store.dir)).toEqual(['.last-good', `${saved.id}.json`]);
    // The last good copy, for when the profile file is damaged later.
    expect(await readdir(store.backupDir)).toEqual([`${saved.id}.json`]);
    expect(await readFile(store.backupPathOf(saved.id), 'utf8')).toBe(await readFile(join(store.dir, `${saved.id}.json`), 'utf8'));
  });

  it('reports a corrupt file and a future-version file by name, leaves them byte-for-byte, and still loads the rest', async () => {
    await store.save(sampleProfile('11111111-1111-4111-8111-111111111111', 'Good one'));
    const corrupt = Buffer.from('{"schemaVersion": 1, "id": "broken", \u0000 garbage');
    const future = Buffer.from(JSON.stringify({ ...sampleProfile('22222222-2222-4222-8222-222222222222', 'From the future'), schemaVersion: 7 }));
    await writeFile(join(store.dir, 'corrupt.json'), corrupt);
    await writeFile(join(store.dir, 'future.json'), future);

    const listing = await store.list();

    expect(listing.profiles.map((p) => p.name)).toEqual(['Good one']);
    const byFile = Object.fromEntries(listing.problems.map((p) => [p.file, p]));
    expect(byFile['corrupt.json']?.code).toBe('PROFILE_CORRUPT');
    expect(byFile['corrupt.json']?.reason).toMatch(/not valid JSON/);
    expect(byFile['future.json']?.code).toBe('PROFILE_TOO_NEW');
    expect(byFile['future.json']?.reason).toMatch(/newer version.*format 7.*reads 1/);
    expect(await readFile(join(store.dir, 'corrupt.json'))).toEqual(corrupt);
    expect(await readFile(join(store.dir, 'future.json'))).toEqual(future);
  });

  it('reports a JSON file that is not a profile with the field that is wrong', async () => {
    await writeFile(join(await ensureDir(store), 'odd.json'), JSON.stringify({ ...sampleProfile('33333333-3333-4333-8333-333333333333', 'x'), threatlocker: { instance: '7' } }));
    const { problems } = await store.list();
    expect(problems[0]?.reason).toMatch(/threatlocker\.instance/);
  });

  it('refuses an id that could escape the profiles folder', async () => {
    await expect(store.get('../../etc/passwd')).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

async function ensureDir(store: ProfileStore): Promise<string> {
  await store.list();
  return store.dir;
}
