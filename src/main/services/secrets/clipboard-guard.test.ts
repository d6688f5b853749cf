import { afterEach, describe, expect, it, vi } from 'vitest';
import { ClipboardGuard } from './clipboard-guard';

function fakeClipboard() {
  let text = '';
  return { writeText: (t: string) => void (text = t), readText: () => text, get text() { return text; } };
}

describe('ClipboardGuard', () => {
  afterEach(() => vi.useRealTimers());

  it('clears the clipboard after 60 s when it still holds the secret', async () => {
    vi.useFakeTimers();
    const clip = fakeClipboard();
    const guard = new ClipboardGuard(clip);
    expect(await guard.copySecret('tok-123456789')).toEqual({ clearsAfterSeconds: 60 });
    expect(clip.text).toBe('tok-123456789');
    await vi.advanceTimersByTimeAsync(59_000);
    expect(clip.text).toBe('tok-123456789');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(clip.text).toBe('');
  });

  it('leaves whatever the admin copied since', async () => {
    vi.useFakeTimers();
    const clip = fakeClipboard();
    await new ClipboardGuard(clip).copySecret('tok-123456789');
    clip.writeText('an unrelated note');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(clip.text).toBe('an unrelated note');
  });

  it('clears a secret copied moments ago when the app quits, and leaves anything copied since', async () => {
    const clip = fakeClipboard();
    const guard = new ClipboardGuard(clip);
    await guard.copySecret('tok-123456789');
    await guard.dispose();
    expect(clip.text).toBe('');

    const other = new ClipboardGuard(clip);
    await other.copySecret('tok-987654321');
    clip.writeText('an unrelated note');
    await other.dispose();
    expect(clip.text).toBe('an unrelated note');
  });
});
