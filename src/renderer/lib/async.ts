import type { UiError } from '../core/errors';

/** Async state as a union, never a pile of boolean flags. */
export type Async<T> =
  | { status: 'idle' }
  | { status: 'loading'; previous?: T }
  | { status: 'ready'; value: T }
  | { status: 'error'; error: UiError; previous?: T };

export const idle = { status: 'idle' } as const;

/** The last value we had, whatever the current state, so a refresh doesn't blank the screen. */
export function valueOf<T>(state: Async<T>): T | undefined {
  switch (state.status) {
    case 'ready':
      return state.value;
    case 'loading':
    case 'error':
      return state.previous;
    default:
      return undefined;
  }
}
