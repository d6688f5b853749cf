import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { AppError } from '../../../shared/errors';
import {
  PROFILE_SCHEMA_VERSION,
  profileSchema,
  type Profile,
  type ProfileProblem,
} from '../../../shared/profile';
import { writeFileAtomic } from './atomic-write';

export interface ProfileListing {
  profiles: Profile[];
  problems: ProfileProblem[];
}

type ReadOutcome = { ok: true; profile: Profile } | { ok: false; problem: ProfileProblem };

/**
 * One versioned JSON file per profile in <dataDir>/profiles. A file that cannot be read is
 * reported by name and never touched: the admin may want it back, or a newer version wrote it.
 */
export class ProfileStore {
  readonly dir: string;

  constructor(dataDir: string, private readonly now: () => Date = () => new Date()) {
    this.dir = join(dataDir, 'profiles');
  }

  async list(): Promise<ProfileListing> {
    await mkdir(this.dir, { recursive: true });
    const files = (await readdir(this.dir)).filter((f) => f.endsWith('.json') && !f.startsWith('.')).sort();
    const listing: ProfileListing = { profiles: [], problems: [] };
    for (const file of files) {
      const outcome = parseProfileFile(file, await readFile(join(this.dir, file), 'utf8'));
      if (outcome.ok) listing.profiles.push(outcome.profile);
      else listing.problems.push(outcome.problem);
    }
    listing.profiles.sort((a, b) => a.name.localeCompare(b.name));
    return listing;
  }

  async get(id: string): Promise<Profile> {
    const path = this.pathOf(id);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      throw new AppError('NOT_FOUND', 'That profile no longer exists.', { hint: 'Reload the profiles list.' });
    }
    const outcome = parseProfileFile(`${id}.json`, text);
    if (!outcome.ok) throw new AppError(outcome.problem.code, `${outcome.problem.file}: ${outcome.problem.reason}`);
    return outcome.profile;
  }

  async save(profile: Profile): Promise<Profile> {
    const next = profileSchema.parse({ ...profile, updatedAt: this.now().toISOString() });
    const text = `${JSON.stringify(next, null, 2)}\n`;
    await mkdir(this.backupDir, { recursive: true });
    await writeFileAtomic(this.pathOf(next.id), text);
    // The last good copy: if the profile file is damaged later (a disk error, a bad edit), the
    // wizard's progress can be restored from here (see DamagedProfiles). The profile is saved
    // already, so a failure here only means the recovery has an older copy to offer.
    await writeFileAtomic(this.backupPathOf(next.id), text).catch(() => undefined);
    return next;
  }

  /** Where the last good copy of each profile is kept (hidden, so list() never reads it as a profile). */
  get backupDir(): string {
    return join(this.dir, '.last-good');
  }

  backupPathOf(id: string): string {
    return join(this.backupDir, basename(this.pathOf(id)));
  }

  /** Reads, changes and writes one profile; the change function gets a fresh copy. */
  async update(id: string, change: (profile: Profile) => Profile): Promise<Profile> {
    return this.save(change(await this.get(id)));
  }

  async delete(id: string): Promise<void> {
    await rm(this.pathOf(id), { force: true });
    await rm(this.backupPathOf(id), { force: true });
  }

  newId(): string {
    return randomUUID();
  }

  private pathOf(id: string): string {
    // ids are uuids (schema-checked at the IPC boundary); this keeps a bad one from escaping the folder
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('VALIDATION', 'Not a profile id.');
    return join(this.dir, `${id}.json`);
  }
}

export function parseProfileFile(file: string, text: string): ReadOutcome {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof SyntaxError ? error.message : 'unreadable';
    return problem(file, 'PROFILE_CORRUPT', `is not valid JSON (${detail}). It was left untouched; restore it from a backup or delete it.`);
  }
  const check = checkProfile(raw);
  return check.ok ? check : problem(file, check.code, `${check.reason} It was left untouched.`);
}

export type ProfileCheck = { ok: true; profile: Profile } | { ok: false; code: ProfileProblem['code']; reason: string };

/** Whether parsed JSON is a profile this version can read; the reason completes "<file> ...". */
export function checkProfile(raw: unknown): ProfileCheck {
  const version = typeof raw === 'object' && raw !== null ? (raw as { schemaVersion?: unknown }).schemaVersion : undefined;
  if (typeof version === 'number' && version > PROFILE_SCHEMA_VERSION) {
    return {
      ok: false,
      code: 'PROFILE_TOO_NEW',
      reason: `was written by a newer version of the console (profile format ${version}; this version reads ${PROFILE_SCHEMA_VERSION}). Update the console to open it.`,
    };
  }
  const parsed = profileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length ? `${issue.path.join('.')}: ` : '';
    return { ok: false, code: 'PROFILE_CORRUPT', reason: `does not look like a profile (${where}${issue?.message ?? 'invalid'}).` };
  }
  return { ok: true, profile: parsed.data };
}

function problem(file: string, code: ProfileProblem['code'], reason: string): ReadOutcome {
  return { ok: false, problem: { file, code, reason } };
}
