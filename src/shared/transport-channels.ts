/** The two physical Electron IPC channels that carry the whole typed contract. */
export const INVOKE_CHANNEL = 'tloc:invoke';
export const EVENT_CHANNEL = 'tloc:event';
