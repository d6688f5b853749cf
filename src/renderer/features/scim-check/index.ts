// The connection check's public face: the shell and other features import only from here.
export { ScimCheckScreen } from './ScimCheckScreen';
export { useScimCheckStore } from './scim-check-store';
