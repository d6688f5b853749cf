import { useProfilesStore } from '../features/profiles';
import { useSandboxStore } from '../features/sandbox-mode';
import { useScimCheckStore } from '../features/scim-check';
import { useSetupStore } from '../features/setup';
import { useAppStore } from '../core/app-store';
import { postError } from '../core/errors';

/**
 * Wires main -> renderer events into the stores and starts the first loads. Returns the
 * unsubscribe so a hot reload (or a test) can tear it down.
 */
export function bootstrap(): () => void {
  const unsubscribers = [
    window.api.on('sandbox:state', (info) => useSandboxStore.getState().applyState(info)),
    window.api.on('scim:progress', (payload) => useScimCheckStore.getState().progress(payload)),
    window.api.on('setup:progress', (payload) => useSetupStore.getState().progress(payload)),
  ];

  const onRejection = (event: PromiseRejectionEvent) => {
    event.preventDefault();
    postError(event.reason);
  };
  window.addEventListener('unhandledrejection', onRejection);

  void useProfilesStore.getState().load();
  void useSandboxStore.getState().loadInfo();
  void useAppStore.getState().loadInfo();

  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
    window.removeEventListener('unhandledrejection', onRejection);
  };
}
