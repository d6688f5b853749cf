import { secretKinds } from '../../shared/profile';
import type { Redactor } from '../services/log/redactor';
import { buildSetupReport } from '../services/reports/setup-report';
import type { SetupDeps } from '../services/setup/setup-context';
import { SetupService } from '../services/setup/setup-service';
import type { Handlers } from './handle';

export interface ReportsHandlerDeps extends SetupDeps {
  redactor: Redactor;
  version: string;
}

export function reportsHandlers(deps: ReportsHandlerDeps): Pick<Handlers, 'reports:setup'> {
  // get() builds the view from saved state only: no network, no lock needed.
  const setup = new SetupService(deps);
  return {
    'reports:setup': async ({ profileId }) => {
      const profile = await deps.clients.profile(profileId);
      // Reading each token registers it with the redactor, so even a token that slipped into a saved
      // detail or hint is masked by value, not only by its shape. A locked keychain leaves the shape net.
      for (const kind of secretKinds) await deps.secrets.get(profileId, kind).catch(() => null);
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
