import { rename as fsRename } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '../../../shared/errors';

/** What Windows answers while antivirus, the search indexer or OneDrive holds the target open. */
const BUSY_CODES = new Set(['EPERM', 'EACCES', 'EBUSY']);
/** About 2 s in all: long enough for a scanner to let go, short enough to answer the admin. */
const DELAYS_MS = [20, 50, 100, 200, 400, 600, 800];

export interface ReplaceDeps {
  rename: (from: string, to: string) => Promise<void>;
  sleep: (ms: number) => Promise<void>;
}

const realDeps: ReplaceDeps = { rename: fsRename, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

/**
 * Renames `from` over `to`, retrying while another program briefly holds `to` open (Windows
 * refuses the replace then; elsewhere these codes are rare and retrying is harmless). Still busy
 * after the retries: an error that says what holds the file and what to do.
 */
export async function replaceFile(from: string, to: string, deps: ReplaceDeps = realDeps): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await deps.rename(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (!BUSY_CODES.has(code)) throw error;
      const delay = DELAYS_MS[attempt];
      if (delay === undefined) {
        throw new AppError('CONFLICT', `${basename(to)} could not be replaced: another program is holding it open (${code}).`, {
          hint: 'Antivirus, the search indexer or a sync app (OneDrive, Dropbox) may be scanning the file. Wait a moment and retry; nothing was lost.',
          retryable: true,
          cause: error,
        });
      }
      await deps.sleep(delay);
    }
  }
}
