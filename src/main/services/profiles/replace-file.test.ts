import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { replaceFile, type ReplaceDeps } from './replace-file';

function busyErr(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: operation not permitted, rename`), { code });
}

/** A real rename that fails with `code` for the first `times` calls, as Windows does while a scanner holds the file. */
function flakyFs(code: string, times: number): ReplaceDeps & { calls: number; slept: number[] } {
  const state = { calls: 0, slept: [] as number[] };
  return Object.assign(state, {
    rename: async (from: string, to: string) => {
      state.calls++;
      if (state.calls <= times) throw busyErr(code);
      const { rename } = await import('node:fs/promises');
      await rename(from, to);
    },
    sleep: async (ms: number) => void state.slept.push(ms),
  });
}

describe('replaceFile', () => {
  it('retries while the target is busy (EBUSY twice) and then replaces it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tloc-replace-'));
    await writeFile(join(dir, 'p.json'), 'old');
    await writeFile(join(dir, 'p.json.tmp'), 'new');
    const fs = flakyFs('EBUSY', 2);
    await replaceFile(join(dir, 'p.json.tmp'), join(dir, 'p.json'), fs);
    expect(fs.calls).toBe(3);
    expect(fs.slept).toEqual([20, 50]);
    expect(await readFile(join(dir, 'p.json'), 'utf8')).toBe('new');
  });

  it('gives up after about 2 s with an error that names the file and the likely holder', async () => {
    const fs = flakyFs('EPERM', 100);
    const err = await replaceFile('/x/.p.json.tmp', '/x/p.json', fs).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toBe('p.json could not be replaced: another program is holding it open (EPERM).');
    expect((err as AppError).hint).toMatch(/Antivirus.*OneDrive/);
    expect(fs.slept.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2_000);
  });

  it('does not retry other failures', async () => {
    const fs = flakyFs('ENOSPC', 1);
    await expect(replaceFile('/x/a', '/x/b', fs)).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(fs.calls).toBe(1);
  });
});
