import { HttpError } from '../../net/http-errors';
import type { OktaFeature } from '../../okta/okta-schemas';
import type { SetupContext } from '../setup-context';

export type ProvisioningRead =
  | { kind: 'enabled'; features: string[]; feature?: OktaFeature; via: string }
  | { kind: 'disabled'; features: string[]; reason: string }
  | { kind: 'unknown'; features: string[]; reason: string };

/**
 * What Okta exposes about provisioning on a custom SAML app: app.features (read-only) and
 * GET /features/USER_PROVISIONING, which answers 400 "Provisioning is not enabled" until SCIM
 * is switched on. Anything else (403, 404, an org that hides it) is "could not verify".
 */
export async function readProvisioning(ctx: SetupContext, appId: string): Promise<ProvisioningRead> {
  const okta = ctx.okta();
  const app = await okta.getApp(appId);
  const features = app.features ?? [];
  try {
    const feature = await okta.getFeature(appId, 'USER_PROVISIONING');
    return { kind: 'enabled', features, feature, via: 'GET /features/USER_PROVISIONING answered' };
  } catch (err) {
    if (!(err instanceof HttpError)) throw err;
    if (err.status === 400 && /provisioning is not enabled/i.test(`${err.remoteSummary ?? ''} ${err.message}`)) {
      return { kind: 'disabled', features, reason: 'Okta says: Provisioning is not enabled for the app instance.' };
    }
    if (err.status >= 500 || err.status === 429) throw err;
    if (features.includes('SCIM_PROVISIONING')) return { kind: 'enabled', features, via: 'app.features lists SCIM_PROVISIONING' };
    return { kind: 'unknown', features, reason: `Okta does not expose the provisioning state of this app (GET features answered ${err.status}).` };
  }
}
