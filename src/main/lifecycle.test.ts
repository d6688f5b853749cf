import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { QUIT_CLEANUP_LIMIT_MS, quitAfterCleanup, reportStartupFailure } from './lifecycle';
import { Redactor } from './services/log/redactor';

/** Electron's quit sequence as far as the app sees it: before-quit, which may be prevented. */
function fakeApp() {
  const app = Object.assign(new EventEmitter(), {
    quits: 0,
    quitted: false,
    quit() {
      app.quits++;
      let prevented = false;
      app.emit('before-quit', { preventDefault: () => (prevented = true) });
      if (!prevented) app.quitted = true;
    },
  });
  return app;
}

describe('quitAfterCleanup', () => {
  afterEach(() => vi.useRealTimers());

  it('holds the quit until the clean-up is done, once, however often the admin asks', async () => {
    const app = fakeApp();
    let finish!: () => void;
    const cleanup = vi.fn(() => new Promise<void>((r) => (finish = r)));
    quitAfterCleanup(app as never, cleanup, () => undefined);
    app.quit();
    app.quit(); // Cmd+Q twice
    expect(app.quitted).toBe(false);
    expect(cleanup).toHaveBeenCalledTimes(1);
    finish();
    await vi.waitFor(() => expect(app.quitted).toBe(true));
  });

  it('quits anyway when the clean-up hangs past the limit, or fails', async () => {
    vi.useFakeTimers();
    const app = fakeApp();
    quitAfterCleanup(app as never, () => new Promise<void>(() => undefined), () => undefined);
    app.quit();
    await vi.advanceTimersByTimeAsync(QUIT_CLEANUP_LIMIT_MS - 1);
    expect(app.quitted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(app.quitted).toBe(true);

    const failing = fakeApp();
    const errors: unknown[] = [];
    quitAfterCleanup(failing as never, () => Promise.reject(new Error('network down')), (e) => errors.push(e));
    failing.quit();
    await vi.advanceTimersByTimeAsync(0);
    expect(failing.quitted).toBe(true);
    expect(errors).toHaveLength(1);
  });
});

describe('reportStartupFailure', () => {
  it('shows the reason without a secret and exits with 1', () => {
    const redactor = new Redactor();
    const canary = 'canary-00000000000000000000000000000042';
    redactor.register(canary);
    const shown: string[] = [];
    let code: number | undefined;
    reportStartupFailure(new Error(`ENOTDIR: not a directory, mkdir '/x' while using ${canary}`), {
      dialog: { showErrorBox: (title, content) => shown.push(title, content) },
      app: { exit: (c?: number) => void (code = c) },
      redactor,
    });
    expect(shown[0]).toBe('ThreatLocker Okta Console could not start');
    expect(shown[1]).toContain("ENOTDIR: not a directory, mkdir '/x'");
    expect(shown.join('\n')).not.toContain(canary.slice(0, 12));
    expect(code).toBe(1);
  });
});
