// The guided setup's public face: the shell and other features import only from here.
export { SetupWizard } from './SetupWizard';
export { useSetupStore } from './setup-store';
