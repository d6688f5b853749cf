export interface ClipboardLike {
  writeText(text: string): Promise<void> | void;
  readText(): Promise<string> | string;
}

export const CLIPBOARD_CLEAR_SECONDS = 60;

/**
 * Copies a secret for pasting into a portal, then clears the clipboard after a delay, but only
 * if it still holds that secret: whatever the admin copied since is left alone.
 */
export class ClipboardGuard {
  private timer: NodeJS.Timeout | undefined;
  /** The secret last copied, until the clipboard was checked for it. */
  private pending: string | undefined;

  constructor(
    private readonly clipboard: ClipboardLike,
    private readonly clearAfterMs = CLIPBOARD_CLEAR_SECONDS * 1000,
  ) {}

  async copySecret(value: string): Promise<{ clearsAfterSeconds: number }> {
    await this.clipboard.writeText(value);
    this.pending = value;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.clearIfStill(value), this.clearAfterMs);
    this.timer.unref?.();
    return { clearsAfterSeconds: Math.round(this.clearAfterMs / 1000) };
  }

  private async clearIfStill(value: string): Promise<void> {
    if (this.pending === value) this.pending = undefined;
    if ((await this.clipboard.readText()) === value) await this.clipboard.writeText('');
  }

  /** Quitting: a token copied less than the delay ago must not outlive the app on the clipboard. */
  async dispose(): Promise<void> {
    clearTimeout(this.timer);
    if (this.pending !== undefined) await this.clearIfStill(this.pending);
  }
}
