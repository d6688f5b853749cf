import { AppError } from '../../../../shared/errors';
import type { Finding } from '../../../../shared/setup';
import { fingerprintOf } from '../../secrets/secret-store';
import { acsUrlFor } from '../../threatlocker/threatlocker-urls';
import { validateProfileInputs } from '../input-validation';
import type { SetupContext, StepOutcome } from '../setup-context';
import type { StepDefinition } from '../step-definition';
import { plural } from '../../../../shared/plural';
import type { StepDataPatch } from '../../../../shared/setup-data';

async function check(ctx: SetupContext): Promise<StepOutcome<'prerequisites'>> {
  const { profile, deps } = ctx;
  const findings: Finding[] = [];
  const instance = profile.threatlocker.instance;
  findings.push({ label: 'ThreatLocker instance', outcome: 'pass', actual: instance, hint: `Single sign-on URL: ${acsUrlFor(instance)}` });
  findings.push({ label: 'SCIM API Url', outcome: 'pass', actual: profile.threatlocker.scimUrl ?? '' });
  const scimToken = await deps.secrets.get(profile.id, 'scimBearerToken');
  const oktaCredential = await deps.clients.oktaCredential(profile.id);
  if (!scimToken) {
    throw new AppError('VALIDATION', 'No ThreatLocker SCIM bearer token is saved for this profile.', {
      hint: 'In ThreatLocker: Integrations -> SCIM Integration -> Generate API Token, then paste it in the profile\'s Credentials panel.',
    });
  }
  if (!oktaCredential) {
    throw new AppError('VALIDATION', 'This profile has no way into Okta: no Okta sign-in and no Okta API token.', {
      hint: 'On the Credentials tab, sign in with Okta (OAuth 2.0), or create an API token in the Okta Admin Console (Security -> API -> Tokens) and paste it there.',
    });
  }
  findings.push({ label: 'SCIM bearer token', outcome: 'pass', actual: `saved in the keychain (••••${fingerprintOf(scimToken)})` });

  findings.push({ label: 'Okta credential', outcome: 'pass', actual: oktaCredential === 'Bearer' ? 'the Okta sign-in (OAuth 2.0 access token)' : 'the Okta API token (SSWS)' });
  ctx.progress(oktaCredential === 'Bearer' ? 'Checking the Okta sign-in and its scopes' : 'Checking the Okta API token and its permissions');
  const probe = await ctx.okta().probePermissions();
  for (const c of probe.checked) {
    const f: Finding = { label: `Okta permission ${c.scope}`, outcome: c.ok ? 'pass' : probe.missing.includes(c.scope) ? 'fail' : 'warn' };
    if (c.detail) f.actual = c.detail;
    findings.push(f);
  }

  const data: StepDataPatch<'prerequisites'> = { missingScopes: probe.missing };
  const portal = await ctx.portal();
  if (portal) {
    ctx.progress('Listing child organizations from the ThreatLocker portal API');
    try {
      const orgs = await portal.listChildOrganizations();
      data.childOrganizations = orgs.map((o) => ({ id: o.id, name: o.name }));
      findings.push({ label: 'ThreatLocker portal API token', outcome: 'pass', actual: `${plural(orgs.length, 'child organization')} listed` });
    } catch (err) {
      findings.push({
        label: 'ThreatLocker portal API token',
        outcome: 'warn',
        actual: err instanceof AppError ? err.message : 'the portal API did not answer',
        hint: err instanceof AppError ? err.hint : 'Optional: without it, pick roles by hand in step 10.',
      });
    }
  } else {
    findings.push({ label: 'ThreatLocker portal API token', outcome: 'info', actual: 'not saved (optional: lists child organizations and roles)' });
  }

  if (probe.missing.length) {
    return {
      status: 'failed',
      ...(oktaCredential === 'Bearer'
        ? {
            detail: `The Okta sign-in was not granted: ${probe.missing.join(', ')}.`,
            hint: 'In Okta, grant the missing scopes on the console app\'s Okta API Scopes tab (your admin role must allow them too), then sign out and sign in again on the Credentials tab.',
          }
        : {
            detail: `The Okta API token lacks: ${probe.missing.join(', ')}.`,
            hint: 'Use a token of a Super Administrator, or give its admin role the missing permissions (apps, groups, users manage), then run this step again.',
          }),
      findings,
      data,
    };
  }
  const credential = oktaCredential === 'Bearer' ? 'the Okta sign-in has every scope' : 'the Okta token has every permission';
  return { status: 'verified', detail: `Inputs are valid and ${credential} the wizard needs.`, findings, data };
}

export const prerequisitesStep: StepDefinition<'prerequisites'> = {
  id: 'prerequisites',
  title: 'Prerequisites',
  why: 'The instance letter, the SCIM API Url and token from ThreatLocker, and an Okta API token with enough permissions: every later step depends on them, so they are checked before anything is created.',
  mode: 'mixed',
  sandboxCanPlay: false,
  describe: () => ({
    instructions: [
      'ThreatLocker instance: in the ThreatLocker portal click Help (top right); the letter in "ThreatLocker Access (X)" is your instance.',
      'Child organization (MSP only): pick it from the list when a portal API token is saved, or leave it empty.',
      'In ThreatLocker open Integrations -> SCIM Integration. Copy the "API Url" into the profile, click "Generate API Token" and paste the token into the profile (it is kept in the OS keychain).',
      'The SCIM integration\'s Enabled toggle must be on, or Okta\'s connection test fails.',
      'Generating a new SCIM token invalidates the previous one: if Okta already has a token, update Okta right after.',
      'Okta: enter your Okta domain (acme.okta.com) and an API token (Security -> API -> Tokens) of an admin who can manage apps, groups and users.',
    ],
    values: [],
    checklist: [],
  }),
  async run(ctx) {
    await validateProfileInputs(ctx.deps, ctx.profile, { requireScim: true });
    return check(ctx);
  },
  async verify(ctx) {
    await validateProfileInputs(ctx.deps, ctx.profile, { requireScim: true });
    return check(ctx);
  },
};
