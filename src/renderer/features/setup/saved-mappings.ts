import { createContext } from 'react';
import type { MappingChange, Profile } from '../../../shared/profile';

/**
 * The mappings saved in the open profile's file (older sessions'). The profile screen hands them
 * down through SetupWizard, so setup never reaches into the profiles feature for them.
 */
export const SavedMappingsContext = createContext<{ profileId: string; profileName: string; mappings: Profile['mappings']; history?: MappingChange[]; sandbox?: boolean } | undefined>(undefined);
