// The profiles feature's public face (the list and one profile's screen): the shell and other features import only from here.
export { ProfileScreen } from './ProfileScreen';
export { ProfilesScreen } from './ProfilesScreen';
export { useProfilesStore } from './profiles-store';
