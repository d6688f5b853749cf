import type { Finding } from '../../../../shared/setup';
import type { OktaUser } from '../../okta/okta-schemas';
import { acsUrlFor } from '../../threatlocker/threatlocker-urls';
import { ARTICLE_APP, instanceOfAcs } from '../app-settings';
import { loadIdpValues } from '../idp-values';
import type { SetupContext, StepOutcome } from '../setup-context';
import type { StepDefinition } from '../step-definition';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A real user to preview the NameID with: an assigned one if any, else a group member, else any active user. */
async function sampleUser(ctx: SetupContext, appId: string): Promise<{ user: OktaUser; source: string } | null> {
  const okta = ctx.okta();
  for await (const au of okta.listAppUsers(appId, { expand: 'user', limit: 20 })) {
    if (au._embedded?.user) return { user: au._embedded.user, source: 'a user assigned to the app' };
  }
  for await (const g of okta.listAppGroups(appId, { limit: 20 })) {
    for await (const u of okta.listGroupMembers(g.id, { limit: 20 })) {
      if (u.status === 'ACTIVE') return { user: u, source: 'a member of an assigned group' };
    }
  }
  for await (const u of okta.listUsers({ filter: 'status eq "ACTIVE"', limit: 20 })) {
    return { user: u, source: 'an active user, as no one is assigned yet' };
  }
  return null;
}

async function preview(ctx: SetupContext): Promise<StepOutcome<'assertion-preview'>> {
  const { appId } = ctx.requireApp();
  ctx.progress('Reading the app and its SAML metadata');
  const { app, metadata, cert } = await loadIdpValues(ctx, appId);
  const signOn = (app.settings?.signOn ?? {}) as Record<string, unknown>;
  const instance = ctx.profile.threatlocker.instance;
  const acs = acsUrlFor(instance);
  ctx.progress('Picking a real user for the sample NameID');
  const sample = await sampleUser(ctx, appId);
  // userNameTemplate ${source.email}: the NameID is the user's e-mail.
  const nameId = sample?.user.profile.email ?? undefined;
  // Okta's signOn settings are loosely typed: anything but a string shows as "not set".
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  const assertion = {
    issuer: metadata.entityId,
    audience: text(signOn.audience),
    recipient: text(signOn.recipient),
    destination: text(signOn.destination),
    nameIdFormat: text(signOn.subjectNameIdFormat),
    sampleNameId: nameId ?? null,
    sampleUser: sample ? { id: sample.user.id, login: sample.user.profile.login, source: sample.source } : null,
    signatureAlgorithm: text(signOn.signatureAlgorithm),
    certificateAlgorithm: cert.algorithmName,
  };
  const findings: Finding[] = [
    flag('Issuer', !!metadata.entityId, 'the IdP entity ID', metadata.entityId, 'Okta\'s metadata has no issuer.'),
    flag('Audience', signOn.audience === ARTICLE_APP.audience, ARTICLE_APP.audience, signOn.audience, 'ThreatLocker rejects any other audience: run step 2 again.'),
    flag('Recipient', signOn.recipient === acs && instanceOfAcs(signOn.recipient) === instance, acs, signOn.recipient, 'Must be this instance\'s ACS URL: run step 2 again.'),
    flag('Destination', signOn.destination === acs, acs, signOn.destination, 'Must be this instance\'s ACS URL: run step 2 again.'),
    flag('Name ID format', signOn.subjectNameIdFormat === ARTICLE_APP.nameIdFormat, 'EmailAddress', signOn.subjectNameIdFormat, 'ThreatLocker matches admins by e-mail: run step 2 again.'),
    sample
      ? flag('Sample NameID', !!nameId && EMAIL.test(nameId), 'an e-mail address', nameId ?? '(empty)', `The user ${sample.user.profile.login} has no valid e-mail; ThreatLocker would reject their login.`)
      : { label: 'Sample NameID', outcome: 'warn', actual: 'no active user to preview', hint: 'Assign a user (step 8) and run this step again.' },
    flag('Signing', signOn.signatureAlgorithm === 'RSA_SHA256' && !!cert.threatlockerAlgorithm, 'RSA-SHA256 with a SHA-2 certificate', `${String(signOn.signatureAlgorithm)} / ${cert.algorithmName}`, 'ThreatLocker needs SHA-256 or SHA-512 signing.'),
  ];
  const failed = findings.filter((f) => f.outcome === 'fail');
  if (failed.length) {
    return { status: 'failed', detail: `ThreatLocker would reject: ${failed.map((f) => f.label).join(', ')}.`, hint: failed[0]!.hint ?? 'Run step 2 again.', findings, data: { assertion } };
  }
  return { status: 'verified', detail: `The assertion Okta will send matches what ThreatLocker expects (sample NameID from ${sample?.source ?? 'no user'}).`, findings, data: { assertion } };
}

function flag(label: string, ok: boolean, expected: string, actual: unknown, hint: string): Finding {
  const f: Finding = { label, outcome: ok ? 'pass' : 'fail', expected, actual: actual === undefined || actual === null ? '(not set)' : String(actual) };
  if (!ok) f.hint = hint;
  return f;
}

export const assertionPreviewStep: StepDefinition<'assertion-preview'> = {
  id: 'assertion-preview',
  title: 'Preview the SAML assertion',
  why: 'The article asks to preview the assertion before finishing. The console reads what Okta will assert (issuer, audience, recipient, NameID) for a real user and flags anything ThreatLocker would refuse.',
  mode: 'automated',
  sandboxCanPlay: false,
  describe: () => ({ instructions: [], values: [], checklist: [] }),
  run: (ctx) => preview(ctx),
  verify: (ctx) => preview(ctx),
};
