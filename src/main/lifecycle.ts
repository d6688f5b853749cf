import type { App, Dialog } from 'electron';
import { APP_NAME } from './data-dir';
import type { Logger } from './services/log/logger';
import { Redactor } from './services/log/redactor';

/** Clean-up on quit may need this long (SCIM check clean-up deletes its test user and groups). */
export const QUIT_CLEANUP_LIMIT_MS = 60_000;

/**
 * Holds the quit until `cleanup` has finished: running SCIM write checks are cancelled and their
 * test user and groups deleted, a freshly copied token is taken off the clipboard. A clean-up
 * that hangs longer than the limit lets the app quit anyway.
 */
export function quitAfterCleanup(app: Pick<App, 'on' | 'quit'>, cleanup: () => Promise<void>, onError: (error: unknown) => void): void {
  let state: 'running' | 'cleaning' | 'done' = 'running';
  app.on('before-quit', (event) => {
    if (state === 'done') return;
    event.preventDefault();
    if (state === 'cleaning') return;
    state = 'cleaning';
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, QUIT_CLEANUP_LIMIT_MS);
    });
    void Promise.race([cleanup().catch(onError), limit]).finally(() => {
      clearTimeout(timer);
      state = 'done';
      app.quit();
    });
  });
}

/** A startup that failed says so in a dialog and exits, instead of running on with no window. */
export function reportStartupFailure(
  error: unknown,
  deps: { dialog: Pick<Dialog, 'showErrorBox'>; app: Pick<App, 'exit'>; logger?: Logger | undefined; redactor?: Redactor | undefined },
): void {
  deps.logger?.error('app', 'startup failed', error);
  const reason = (deps.redactor ?? new Redactor()).redact(error instanceof Error ? error.message : String(error)).slice(0, 600);
  try {
    deps.dialog.showErrorBox(
      `${APP_NAME} could not start`,
      `${reason}\n\nThe app will close. If this repeats, start it with --data-dir <a folder you can write to> and report the message above.`,
    );
  } finally {
    deps.app.exit(1);
  }
}
