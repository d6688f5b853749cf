import { mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { DamagedProfileInfo } from '../../../shared/ipc-contract';
import {
  managedSecretKinds,
  secretKinds,
  storedSecretLabels,
  type NewProfileInput,
  type Profile,
  type SecretKind,
  type SecretStatus,
  type StoredSecretKind,
} from '../../../shared/profile';
import { fingerprintOf, type SecretStore } from '../secrets/secret-store';
import { parseProfileFile, type ProfileStore } from './profile-store';
import { secretsMovedAway, type ProfilesService } from './profiles-service';


/**
 * The way out for a profile file that cannot be read: its tokens are still in the keychain under
 * its id (and another profile cannot take the same token), so the admin can restore the last
 * good copy, move the tokens to a new profile, or delete them. The damaged file is never
 * rewritten: once recovered it is moved to profiles/.damaged/, kept byte for byte.
 */
export class DamagedProfiles {
  constructor(
    private readonly store: ProfileStore,
    private readonly secrets: SecretStore,
    private readonly profiles: ProfilesService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async info(file: string): Promise<DamagedProfileInfo> {
    const id = await this.damagedId(file);
    const info: DamagedProfileInfo = { file, secrets: await this.presentSecrets(id) };
    const backup = await this.backupOf(id);
    if (backup) info.backup = { name: backup.name, savedAt: backup.updatedAt, stepsSaved: Object.keys(backup.setup.steps).length };
    return info;
  }

  /** Puts the last good copy back in place (same id, so its keychain entries are attached again). */
  async restore(file: string): Promise<Profile> {
    const id = await this.damagedId(file);
    const backup = await this.backupOf(id);
    if (!backup) {
      throw new AppError('NOT_FOUND', `No good copy of ${file} was kept.`, {
        hint: 'Move its tokens to a new profile instead: "Re-attach to a new profile".',
      });
    }
    await this.moveAside(file);
    return this.store.save(backup);
  }

  /**
   * Creates a new profile and moves to it each keychain entry whose destination it shares with
   * the damaged profile's last good copy (the same rule as editing an address). A token saved for
   * another address, or any token when no good copy says where it was for, stays under the damaged
   * file for the admin to delete; the file then stays listed so that remains possible.
   */
  async recoverInto(file: string, input: NewProfileInput): Promise<{ profile: Profile; leftBehind: string[] }> {
    const id = await this.damagedId(file);
    const backup = await this.backupOf(id);
    const profile = await this.profiles.create(input);
    const stays = new Set<StoredSecretKind>(backup ? secretsMovedAway(backup, profile) : [...secretKinds, ...managedSecretKinds]);
    const moved: SecretKind[] = [];
    const leftBehind: StoredSecretKind[] = [];
    // The Okta sign-in is listed nowhere in the profile file, so its entries are named here.
    for (const kind of [...secretKinds, ...managedSecretKinds]) {
      const value = await this.secrets.get(id, kind);
      if (!value) continue;
      if (stays.has(kind)) {
        leftBehind.push(kind);
        continue;
      }
      // Written to the new profile before it is removed from the old one: a failure in between leaves two copies, never none.
      await this.secrets.set(profile.id, kind, value);
      await this.secrets.delete(id, kind);
      if ((secretKinds as readonly string[]).includes(kind)) moved.push(kind as SecretKind);
    }
    const savedAt = this.now().toISOString();
    const saved = await this.store.update(profile.id, (p) => ({
      ...p,
      secretsMeta: Object.fromEntries(moved.map((k) => [k, { savedAt }])) as Profile['secretsMeta'],
    }));
    if (leftBehind.length === 0) await this.moveAside(file);
    return { profile: saved, leftBehind: leftBehind.map((k) => storedSecretLabels[k]) };
  }

  /** Deletes the damaged profile's keychain entries (the file itself stays where it is). */
  async deleteSecrets(file: string): Promise<{ deleted: SecretKind[] }> {
    const id = await this.damagedId(file);
    const kinds = (await this.presentSecrets(id)).map((s) => s.kind);
    await this.secrets.deleteAll(id);
    return { deleted: kinds };
  }

  /** The profile id a damaged file belongs to; refuses names that are not a damaged profile file. */
  private async damagedId(file: string): Promise<string> {
    const match = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.json$/i.exec(file);
    if (!match) throw new AppError('VALIDATION', `${file} is not a profile file name.`, { hint: 'Reload the profiles list.' });
    let text: string;
    try {
      text = await readFile(join(this.store.dir, file), 'utf8');
    } catch {
      throw new AppError('NOT_FOUND', `${file} is no longer in the profiles folder.`, { hint: 'Reload the profiles list.' });
    }
    if (parseProfileFile(file, text).ok) {
      throw new AppError('CONFLICT', `${file} can be read again: it is not damaged.`, { hint: 'Reload the profiles list.' });
    }
    return match[1]!.toLowerCase();
  }

  private async presentSecrets(id: string): Promise<SecretStatus[]> {
    const out: SecretStatus[] = [];
    for (const kind of secretKinds) {
      const value = await this.secrets.get(id, kind);
      if (value) out.push({ kind, present: true, fingerprint: fingerprintOf(value) });
    }
    return out;
  }

  private async backupOf(id: string): Promise<Profile | null> {
    let text: string;
    try {
      text = await readFile(this.store.backupPathOf(id), 'utf8');
    } catch {
      return null;
    }
    const outcome = parseProfileFile(`${id}.json`, text);
    return outcome.ok && outcome.profile.id === id ? outcome.profile : null;
  }

  /** Keeps the damaged file, byte for byte, out of the list: profiles/.damaged/<file>.<stamp>. */
  private async moveAside(file: string): Promise<void> {
    const dir = join(this.store.dir, '.damaged');
    await mkdir(dir, { recursive: true });
    const stamp = this.now().toISOString().replace(/[:.]/g, '-');
    await rename(join(this.store.dir, file), join(dir, `${file}.${stamp}`));
  }
}
