import { AppError } from '../../../shared/errors';
import { secretKinds, secretLabels, type SecretKind, type SecretStatus } from '../../../shared/profile';
import type { ProfileStore } from './profile-store';
import { markSetupStale, staleReasonForSecret } from './stale-results';
import type { ClipboardGuard } from '../secrets/clipboard-guard';
import { fingerprintOf, SecretStore } from '../secrets/secret-store';

/** What the renderer may do with secrets: set, replace, delete, copy, and see their status. */
export class SecretsService {
  constructor(
    private readonly store: SecretStore,
    private readonly profiles: ProfileStore,
    private readonly clipboard: ClipboardGuard | null,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async statusAll(profileId: string): Promise<SecretStatus[]> {
    const profile = await this.profiles.get(profileId);
    return Promise.all(
      secretKinds.map(async (kind) => this.statusOf(kind, await this.store.get(profileId, kind), profile.secretsMeta[kind]?.savedAt)),
    );
  }

  async set(profileId: string, kind: SecretKind, value: string): Promise<SecretStatus> {
    await this.profiles.get(profileId); // a secret for a deleted profile would be orphaned in the keychain
    // Another profile may hold it even when this one does too (a replace with the same value).
    for (const owner of (await this.store.findOwners(kind, value)).filter((id) => id !== profileId)) {
      await this.refuseIfOwned(owner, kind);
    }
    const previous = await this.store.get(profileId, kind);
    await this.store.set(profileId, kind, value);
    const savedAt = this.now().toISOString();
    await this.profiles.update(profileId, (p) => {
      const next = { ...p, secretsMeta: { ...p.secretsMeta, [kind]: { savedAt } } };
      // A different token may reach a different org or tenant: what it verified must be re-checked.
      return previous !== null && previous !== value ? markSetupStale(next, staleReasonForSecret(kind), savedAt) : next;
    });
    return this.statusOf(kind, value, savedAt);
  }

  /**
   * A token held by another profile is refused. One whose profile file is damaged is refused with
   * the way to recover it. One whose profile is not in this data folder is refused too, never
   * removed: another data folder (--data-dir) sharing this keychain may still use it.
   */
  private async refuseIfOwned(owner: string, kind: SecretKind): Promise<void> {
    const { profiles, problems } = await this.profiles.list();
    const profile = profiles.find((p) => p.id === owner);
    if (profile) {
      throw new AppError('CONFLICT', `This ${secretLabels[kind]} is already saved for "${profile.name}".`, {
        hint: 'Each Okta org and ThreatLocker organization has its own token: paste the one made for this profile.',
      });
    }
    if (problems.some((p) => p.file === `${owner}.json`)) {
      throw new AppError('CONFLICT', `This ${secretLabels[kind]} is saved for the profile file ${owner}.json, which cannot be read.`, {
        hint: `On the Profiles screen, choose "Recover ${owner}.json…" to re-attach its tokens to a new profile, restore it, or delete them.`,
      });
    }
    throw new AppError(
      'CONFLICT',
      `This ${secretLabels[kind]} is already saved in the system keychain for profile ${owner}, which is not in this data folder: another data folder sharing the keychain, or a profile removed outside the console.`,
      {
        hint:
          `If that profile is in use elsewhere, make a separate token for this profile. If it is a leftover, delete the keychain entry "${SecretStore.account(owner, kind)}" ` +
          `of "${this.store.service}" in the OS keychain (Keychain Access, Credential Manager or Passwords and Keys), then save the token again.`,
      },
    );
  }

  async delete(profileId: string, kind: SecretKind): Promise<SecretStatus> {
    await this.store.delete(profileId, kind);
    await this.profiles.update(profileId, (p) => {
      const { [kind]: _gone, ...rest } = p.secretsMeta;
      return { ...p, secretsMeta: rest };
    });
    return { kind, present: false };
  }

  async copy(profileId: string, kind: SecretKind): Promise<{ clearsAfterSeconds: number }> {
    if (!this.clipboard) {
      // An expected refusal (the window hides the button here), not a fault: logged as info.
      throw new AppError('VALIDATION', 'Copying a token needs the desktop app\'s clipboard.', {
        hint: 'In the browser console, paste the token from where you keep it (e.g. your password manager).',
      });
    }
    return this.clipboard.copySecret(await this.store.require(profileId, kind));
  }

  private statusOf(kind: SecretKind, value: string | null, savedAt: string | undefined): SecretStatus {
    if (!value) return { kind, present: false };
    const status: SecretStatus = { kind, present: true, fingerprint: fingerprintOf(value) };
    if (savedAt) status.savedAt = savedAt;
    return status;
  }
}
