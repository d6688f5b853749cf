import type { SecretsService } from '../services/profiles/secrets-service';
import type { Handlers } from './handle';

export function secretsHandlers(
  secrets: SecretsService,
): Pick<Handlers, 'secrets:status' | 'secrets:set' | 'secrets:delete' | 'secrets:copy'> {
  return {
    'secrets:status': async ({ profileId }) => ({ secrets: await secrets.statusAll(profileId) }),
    'secrets:set': ({ profileId, kind, value }) => secrets.set(profileId, kind, value),
    'secrets:delete': ({ profileId, kind }) => secrets.delete(profileId, kind),
    'secrets:copy': ({ profileId, kind }) => secrets.copy(profileId, kind),
  };
}
