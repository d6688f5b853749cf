// The credentials feature's public face: other features and the shell import only from here.
export { CredentialsPanel, SecretCopiedNote } from './CredentialsPanel';
export { useCredentialsStore } from './credentials-store';
