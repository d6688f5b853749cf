import { useCallback, useReducer } from 'react';

export interface History<T> {
  past: T[];
  present: T;
  future: T[];
  /** Edits with the same key in a row merge into one undo step (typing a name is one step, not one per letter). */
  lastKey?: string;
}

type Action<T> = { type: 'set'; value: T; key?: string } | { type: 'reset'; value: T } | { type: 'undo' } | { type: 'redo' };

const LIMIT = 100;

export function reduce<T>(h: History<T>, a: Action<T>): History<T> {
  switch (a.type) {
    case 'set':
      if (a.key !== undefined && a.key === h.lastKey) return { ...h, present: a.value };
      return { past: [...h.past, h.present].slice(-LIMIT), present: a.value, future: [], lastKey: a.key };
    case 'reset':
      return { past: [], present: a.value, future: [] };
    case 'undo':
      if (!h.past.length) return h;
      return { past: h.past.slice(0, -1), present: h.past.at(-1)!, future: [h.present, ...h.future] };
    case 'redo':
      if (!h.future.length) return h;
      return { past: [...h.past, h.present], present: h.future[0]!, future: h.future.slice(1) };
  }
}

/** A value with undo and redo, for the mapping editor's rows; `kept` restores a history kept from before. */
export function useUndoable<T>(initial: () => T, kept?: () => History<T> | undefined) {
  const [h, dispatch] = useReducer(reduce<T>, undefined, () => kept?.() ?? { past: [], present: initial(), future: [] });
  return {
    history: h,
    value: h.present,
    canUndo: h.past.length > 0,
    canRedo: h.future.length > 0,
    set: useCallback((value: T, key?: string) => dispatch({ type: 'set', value, key }), []),
    reset: useCallback((value: T) => dispatch({ type: 'reset', value }), []),
    undo: useCallback(() => dispatch({ type: 'undo' }), []),
    redo: useCallback(() => dispatch({ type: 'redo' }), []),
  };
}
