import { create } from 'zustand';

export type ToastTone = 'error' | 'warning' | 'success' | 'info';

export interface ToastAction {
  label: string;
  run: () => void;
}

export interface Toast {
  id: number;
  tone: ToastTone;
  title: string;
  message?: string | undefined;
  hint?: string | undefined;
  actions?: ToastAction[] | undefined;
}

interface ToastState {
  toasts: Toast[];
  show: (toast: Omit<Toast, 'id'>, opts?: { timeoutMs?: number }) => number;
  dismiss: (id: number) => void;
}

let nextId = 1;
const MAX_TOASTS = 4;

export const useToastStore = create<ToastState>((set, get) => ({
  toasts: [],
  show: (toast, opts = {}) => {
    const id = nextId++;
    // Errors stay until dismissed: a person needs time to read the hint.
    const timeoutMs = opts.timeoutMs ?? (toast.tone === 'error' ? 0 : 5000);
    set((state) => ({ toasts: [...state.toasts, { ...toast, id }].slice(-MAX_TOASTS) }));
    if (timeoutMs > 0) setTimeout(() => get().dismiss(id), timeoutMs);
    return id;
  },
  dismiss: (id) => set((state) => ({ toasts: state.toasts.filter((t) => t.id !== id) })),
}));

export const toast = {
  success: (title: string, message?: string) => useToastStore.getState().show({ tone: 'success', title, message }),
  info: (title: string, message?: string) => useToastStore.getState().show({ tone: 'info', title, message }),
};
