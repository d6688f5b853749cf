import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { AppError } from '../../../shared/errors';
import { jsonNestingExceeds } from '../../../shared/json-limits';
import {
  MAX_PROFILE_BYTES,
  MAX_PROFILE_DEPTH,
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
      // One unreadable entry (a folder named zz.json, a file without permission) is reported, not fatal.
      const outcome = await readProfileFile(join(this.dir, file)).then(
        (text) => parseProfileFile(file, text),
        (error: unknown) => problem(file, 'PROFILE_CORRUPT', `could not be read (${describeFsError(error)}). It was left untouched.`),
      );
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
      text = await readProfileFile(path);
    } catch {
      throw new AppError('NOT_FOUND', 'That profile no longer exists.', { hint: 'Reload the profiles list.' });
    }
    const outcome = parseProfileFile(`${id}.json`, text);
    if (!outcome.ok) throw new AppError(outcome.problem.code, `${outcome.problem.file}: ${outcome.problem.reason}`);
    return outcome.profile;
  }

  async save(profile: Profile): Promise<Profile> {
    const next = profileSchema.parse({ ...profile, updatedAt: this.now().toISOString() });
    // Compact: indentation grows with the square of the nesting, and nobody edits these by hand.
    const text = `${JSON.stringify(next)}\n`;
    if (text.length > MAX_PROFILE_BYTES || jsonNestingExceeds(text, MAX_PROFILE_DEPTH)) {
      throw new AppError('VALIDATION', `The profile "${next.name}" would be too large or too deeply nested to save.`, {
        hint: `Profiles are limited to ${MAX_PROFILE_BYTES / 1_000_000} MB and ${MAX_PROFILE_DEPTH} levels of nesting.`,
      });
    }
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
  const limit = checkProfileText(text);
  if (limit) return problem(file, 'PROFILE_CORRUPT', `${limit} It was left untouched.`);
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

/** Why text cannot be a profile before parsing it (too large, too deeply nested), or undefined. */
export function checkProfileText(text: string): string | undefined {
  if (text.length > MAX_PROFILE_BYTES) return `is larger than ${MAX_PROFILE_BYTES / 1_000_000} MB, far more than any profile.`;
  if (jsonNestingExceeds(text, MAX_PROFILE_DEPTH)) return `is nested more than ${MAX_PROFILE_DEPTH} levels deep, which no profile is.`;
  return undefined;
}

/** Reads a profile file, refusing one too large to be a profile before reading it into memory. */
async function readProfileFile(path: string): Promise<string> {
  const info = await stat(path);
  if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
  if (info.size > MAX_PROFILE_BYTES) throw Object.assign(new Error('too large'), { code: 'EFBIG' });
  return readFile(path, 'utf8');
}

function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EISDIR') return 'it is a folder, not a file';
  if (code === 'EFBIG') return `it is larger than ${MAX_PROFILE_BYTES / 1_000_000} MB, far more than any profile`;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return typeof code === 'string' ? code : 'unknown error';
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
