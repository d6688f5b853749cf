import { AppError } from '../../shared/errors';
import type { Handlers } from './handle';
import { isAllowedExternalUrl } from '../security/external-links';

interface AppInfoDeps {
  version: string;
  dataDir: string;
  allowLoopback: boolean;
  canCopySecrets: boolean;
  openExternal: (url: string) => Promise<boolean>;
}

export function appHandlers(deps: AppInfoDeps): Pick<Handlers, 'app:info' | 'shell:openExternal'> {
  return {
    'app:info': () => ({
      version: deps.version,
      dataDir: deps.dataDir,
      allowLoopback: deps.allowLoopback,
      platform: process.platform,
      canCopySecrets: deps.canCopySecrets,
    }),
    'shell:openExternal': async ({ url }) => {
      if (!isAllowedExternalUrl(url)) {
        throw new AppError('HOST_NOT_ALLOWED', `The console only opens Okta and ThreatLocker pages, not ${new URL(url).host}.`);
      }
      return { opened: await deps.openExternal(url) };
    },
  };
}
