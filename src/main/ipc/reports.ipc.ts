import { secretKinds } from '../../shared/profile';
import type { Redactor } from '../services/log/redactor';
import { buildSetupReport } from '../services/reports/setup-report';
import type { ProfileClients } from '../services/profile-clients';
import type { SecretStore } from '../services/secrets/secret-store';
import type { SetupService } from '../services/setup/setup-service';
import type { Handlers } from './handle';

export interface ReportsHandlerDeps {
  setup: SetupService;
  clients: ProfileClients;
  secrets: SecretStore;
  redactor: Redactor;
  version: string;
  now?: () => Date;
}

export function reportsHandlers(deps: ReportsHandlerDeps): Pick<Handlers, 'reports:setup'> {
  const { setup } = deps;
  return {
    'reports:setup': async ({ profileId }) => {
      const profile = await deps.clients.profile(profileId);
      // Reading each token registers it with the redactor, so even a token that slipped into a saved
      // detail or hint is masked by value, not only by its shape. A locked keychain leaves the shape net.
      for (const kind of secretKinds) await deps.secrets.get(profileId, kind).catch(() => null);
      // get() builds the view from saved state only: no network.
      const view = await setup.get(profileId);
      return buildSetupReport({
        profile,
        view,
        version: deps.version,
        generatedAt: deps.now?.() ?? new Date(),
        redact: (text) => deps.redactor.redact(text),
      });
    },
  };
}
