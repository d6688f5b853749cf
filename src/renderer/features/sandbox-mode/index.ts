// The sandbox feature's public face: the shell imports only from here.
export { SandboxChip } from './SandboxChip';
export { SandboxStartingDialog, TrySandboxButton } from './SandboxStartingDialog';
export { useSandboxStore } from './sandbox-store';
