import { createHash } from 'node:crypto';
import { AppError } from '../../../../shared/errors';
import type { Finding, StepInput } from '../../../../shared/setup';
import { HttpError } from '../../net/http-errors';
import type { OktaApp } from '../../okta/okta-schemas';
import { acsUrlFor } from '../../threatlocker/threatlocker-urls';
import {
  ARTICLE_APP,
  buildCreateAppBody,
  checksToFindings,
  compareApp,
  instanceOfAcs,
  show,
  withArticleValues,
  type AppChoices,
  type FieldCheck,
} from '../app-settings';
import { loadIdpValues } from '../idp-values';
import { validateProfileInputs } from '../input-validation';
import { createdAppDeepLink, type SetupContext, type StepOutcome } from '../setup-context';
import type { StepDefinition } from '../step-definition';
import { plural } from '../../../../shared/plural';
import type { StepDataPatch } from '../../../../shared/setup-data';
import { provisioningMayBeOn, recheckProvisioningSteps, type Recheck } from './provisioning-guard';

function choicesOf(ctx: SetupContext, input: StepInput = {}): AppChoices {
  const saved = ctx.data('create-app');
  return {
    label: input.appLabel ?? (saved.label || ARTICLE_APP.defaultLabel),
    defaultRelayState: input.defaultRelayState ?? saved.defaultRelayState ?? '',
    // Hidden by default: ThreatLocker supports SP-initiated login only, so the tile would not log in.
    hideTile: input.hideTile ?? saved.hideTile ?? true,
  };
}

/** "Not created" can only be told apart from "created, answer lost" by looking. */
function maybeCreated(err: unknown): boolean {
  if (err instanceof HttpError) return err.status >= 500 || err.status === 0;
  return err instanceof AppError && ['NETWORK', 'TIMEOUT', 'BAD_RESPONSE'].includes(err.code);
}

async function findOne(ctx: SetupContext, label: string, knownId: string | undefined): Promise<OktaApp | null> {
  const okta = ctx.okta();
  if (knownId) {
    try {
      const app = await okta.getApp(knownId);
      if (app.status !== 'DELETED' && app.label === label) return app;
    } catch (err) {
      if (!(err instanceof HttpError && err.status === 404)) throw err;
    }
  }
  const found = await okta.findAppsByLabel(label);
  if (found.length > 1) {
    throw new AppError('CONFLICT', `${found.length} Okta apps are labelled "${label}"; the wizard will not guess which one is ThreatLocker's.`, {
      hint: 'Rename or delete the extra apps in Okta (Applications -> Applications), or choose another label, then run this step again.',
    });
  }
  return found[0] ?? null;
}

/**
 * found: an app with this label that this profile did not create (no saved id, no creation
 * mark): it may be another child org's, so it is used only once the admin confirms it.
 */
type Located = { app: OktaApp; created: boolean; adopted?: boolean } | { found: OktaApp };

async function createOrAdopt(ctx: SetupContext, choices: AppChoices, confirmAdoptAppId: string | undefined): Promise<Located> {
  const okta = ctx.okta();
  const body = buildCreateAppBody(ctx.profile.threatlocker.instance, choices);
  ctx.progress(`Looking for an existing Okta app labelled "${choices.label}"`);
  const saved = ctx.data('create-app');
  const existing = await findOne(ctx, choices.label, saved.appId || undefined);
  if (existing) {
    // Ours: the saved app, or the one a run that stopped mid-create made (it marked the label first).
    if (existing.id === saved.appId || saved.creating?.label === choices.label) return { app: existing, created: false };
    if (confirmAdoptAppId === existing.id) return { app: existing, created: false, adopted: true };
    return { found: existing };
  }

  // Marked before the POST: after a crash here the next run still looks before it creates.
  await ctx.saveData('create-app', { creating: { label: choices.label, at: ctx.now().toISOString() } });
  ctx.progress(`Creating the SAML 2.0 app "${choices.label}" in Okta`);
  try {
    const app = await okta.createSamlApp(body);
    return { app, created: true };
  } catch (err) {
    if (!maybeCreated(err)) throw err;
    ctx.progress('Okta did not confirm the creation; checking whether the app exists');
    let after: OktaApp | null;
    try {
      after = await findOne(ctx, choices.label, undefined);
    } catch {
      throw new AppError('REMOTE_ERROR', `Okta failed while creating "${choices.label}" and could not be asked whether the app exists.`, {
        hint: 'Run this step again: it looks for the app by its label before creating one, so it never makes a second app.',
        retryable: true,
        cause: err,
      });
    }
    if (after) return { app: after, created: true };
    throw new AppError('REMOTE_ERROR', `Okta failed while creating "${choices.label}"; no app with that label exists, so nothing was created.`, {
      hint: 'This is usually temporary: run this step again.',
      retryable: true,
      cause: err,
    });
  }
}

/** The create-app step's outcome, with the data it always carries. */
type AppOutcome = StepOutcome<'create-app'> & { data: StepDataPatch<'create-app'> };

async function compareAndReport(ctx: SetupContext, app: OktaApp, choices: AppChoices, action: string): Promise<AppOutcome> {
  const instance = ctx.profile.threatlocker.instance;
  const checks = compareApp(app, instance, choices);
  const findings: Finding[] = checksToFindings(checks);
  const acsInstance = instanceOfAcs(app.settings?.signOn?.ssoAcsUrl);
  const data: StepDataPatch<'create-app'> = {
    appId: app.id,
    appName: app.name,
    label: choices.label,
    defaultRelayState: choices.defaultRelayState,
    hideTile: choices.hideTile,
    creating: null,
    fields: checks.map((c) => ({ setting: c.setting, path: c.path, ok: c.ok })),
    verifiedAt: ctx.now().toISOString(),
  };
  if (acsInstance !== instance) {
    findings.unshift({
      label: 'ACS URL instance',
      outcome: 'fail',
      expected: acsUrlFor(instance),
      actual: acsInstance ? `points at instance "${acsInstance}"` : String(app.settings?.signOn?.ssoAcsUrl ?? '(not set)'),
      hint: `The Single sign-on URL must use this profile's instance "${instance}". If the instance letter is right, this app may belong to another tenant: choose another app label (or fix the URL in Okta); otherwise correct the instance in the profile.`,
    });
    return { status: 'failed', detail: `The app's Single sign-on URL points at ${acsInstance ? `instance "${acsInstance}"` : 'another address'}, not "${instance}".`, findings, data };
  }
  const bad = checks.filter((c) => !c.ok);
  // Nothing left to rewrite: the "rewrite anyway" offer (and the list it was about) goes.
  if (!bad.length) Object.assign(data, { drift: [], replaceNeedsConfirmation: false, driftFingerprint: null });
  if (bad.length) {
    return {
      status: 'failed',
      detail: `${plural(bad.length, 'setting differs', 'settings differ')} from the article: ${bad.map((c) => c.setting).join(', ')}.`,
      hint: 'Run this step again: it rewrites these fields on the existing app (asking first when provisioning may be on).',
      findings,
      data,
    };
  }
  try {
    ctx.progress('Reading the SAML metadata');
    await loadIdpValues(ctx, app.id);
  } catch (err) {
    findings.push({ label: 'SAML metadata', outcome: 'warn', actual: err instanceof AppError ? err.message : 'not readable', hint: 'Step 4 reads it again.' });
  }
  return { status: 'verified', detail: `${action} "${app.label}" (${app.id}); all ${checks.length} settings read back as the article says.`, findings, data };
}

export const createAppStep: StepDefinition<'create-app'> = {
  id: 'create-app',
  title: 'Create the Okta SAML 2.0 app',
  why: 'ThreatLocker signs admins in through a SAML app in Okta; SCIM provisioning is switched on for the same app later. The console creates it through the API with exactly the article\'s values and reads it back.',
  mode: 'automated',
  sandboxCanPlay: false,
  describe: ({ profile, all }) => {
    const data = all('create-app');
    return {
      instructions: [
        `Creates (or reuses) the SAML 2.0 app "${data.label || ARTICLE_APP.defaultLabel}" with Single sign-on URL, Recipient and Destination ${safeAcs(profile.threatlocker.instance)}, Audience URI ${ARTICLE_APP.audience}, Name ID format EmailAddress, Application username Email, updated on create and update.`,
        'Optional: a Default RelayState, and whether to hide the tile (ThreatLocker supports SP-initiated login only, so the tile would not log in; hidden by default).',
      ],
      values: [],
      checklist: [],
      ...createdAppDeepLink(profile, data, 'Open the app in the Okta Admin Console'),
    };
  },
  async run(ctx, input) {
    await validateProfileInputs(ctx.deps, ctx.profile);
    const choices = choicesOf(ctx, input);
    const located = await createOrAdopt(ctx, choices, input.confirmAdoptAppId);
    // An app with this label aimed at another instance may be another tenant's: report, never overwrite.
    if ('found' in located && instanceOfAcs(located.found.settings?.signOn?.ssoAcsUrl) !== ctx.profile.threatlocker.instance) {
      const report = await compareAndReport(ctx, located.found, choices, 'Found');
      // Not this profile's app: its id is reported, never saved as the app later steps work on.
      const data = { ...report.data };
      delete data.appId;
      delete data.appName;
      return { ...report, data };
    }
    if ('found' in located) return askToAdopt(located.found, choices);
    const { app, created } = located;
    await ctx.saveData('create-app', {
      appId: app.id, appName: app.name, label: choices.label, creating: null, adoptCandidate: null,
      ...(created ? { adopted: false } : located.adopted ? { adopted: true } : {}),
    });
    let current = await ctx.okta().getApp(app.id);
    if (!created && instanceOfAcs(current.settings?.signOn?.ssoAcsUrl) !== ctx.profile.threatlocker.instance) {
      return compareAndReport(ctx, current, choices, 'Found');
    }
    const wrong = compareApp(current, ctx.profile.threatlocker.instance, choices).filter((c) => !c.ok);
    let rechecks: Recheck[] | undefined;
    if (wrong.length) {
      // Okta has only a full PUT for the app, and in real orgs that resets SCIM provisioning.
      const reasons = await provisioningMayBeOn(ctx, app.id);
      if (reasons.length && input.confirmAppReplace !== true) return refuseReplace(ctx, current, choices, wrong, reasons);
      // The admin confirmed one list: if Okta's app differs in other ways now, show the new list instead.
      if (reasons.length && input.replaceFingerprint !== driftFingerprint(wrong)) return refuseReplace(ctx, current, choices, wrong, reasons, true);
      ctx.progress(`Setting ${plural(wrong.length, 'field')} on the existing app to the article's values`);
      const body = buildCreateAppBody(ctx.profile.threatlocker.instance, choices);
      await ctx.okta().replaceApp(app.id, withArticleValues(current as Record<string, unknown>, body));
      current = await ctx.okta().getApp(app.id);
      if (reasons.length) rechecks = await recheckProvisioningSteps(ctx);
    }
    if (current.status === 'INACTIVE') {
      ctx.progress('Activating the app');
      await ctx.okta().activateApp(app.id);
      current = await ctx.okta().getApp(app.id);
    }
    const outcome = await compareAndReport(ctx, current, choices, created ? 'Created' : ctx.data('create-app').adopted ? 'Adopted (made outside the console)' : wrong.length ? 'Updated' : 'Reused');
    return rechecks ? afterReplace(outcome, rechecks) : outcome;
  },
  async verify(ctx) {
    const { appId } = ctx.requireApp();
    return compareAndReport(ctx, await ctx.okta().getApp(appId), choicesOf(ctx), 'Read back');
  },
};

/** An app with this label exists that this profile did not create: shown, not used, until the admin confirms it. */
function askToAdopt(app: OktaApp, choices: AppChoices): StepOutcome<'create-app'> {
  const created = app.created ? `created ${app.created}` : 'creation date unknown';
  return {
    status: 'failed',
    detail: `An Okta app labelled "${app.label}" already exists (${app.id}, ${created}) and this profile did not create it, so the console did not use it: it may belong to another ThreatLocker tenant (child organization) on this Okta org.`,
    hint: 'If it is this tenant\'s ThreatLocker app, use it (it is then recorded as adopted). Otherwise choose another app label and run this step again.',
    findings: [{ label: 'Existing app with this label', outcome: 'warn', expected: 'created by this profile, or confirmed by you', actual: `${app.id} (${created})` }],
    data: { label: choices.label, adoptCandidate: { id: app.id, label: app.label, created: app.created ?? null } },
  };
}

/** Identifies the drift list the admin read, so a confirmation applies to that list only. */
export function driftFingerprint(wrong: FieldCheck[]): string {
  const rows = wrong.map((c) => [c.setting, show(c.expected), show(c.actual)]).sort((a, b) => a[0]!.localeCompare(b[0]!));
  return createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 32);
}

/** Drift on an app whose provisioning may be on: no PUT; the fixes by hand, or the confirmed rewrite. */
function refuseReplace(ctx: SetupContext, app: OktaApp, choices: AppChoices, wrong: FieldCheck[], reasons: string[], changed = false): StepOutcome<'create-app'> {
  const findings: Finding[] = [
    ...wrong.map((c): Finding => ({ label: c.setting, outcome: 'fail', expected: show(c.expected), actual: show(c.actual), hint: `Okta Admin Console -> Applications -> "${choices.label}" -> ${c.where}` })),
    ...reasons.map((r): Finding => ({ label: 'Provisioning may be on', outcome: 'warn', actual: r })),
  ];
  return {
    status: 'failed',
    detail: `${changed ? 'Okta\'s app changed since the list you confirmed, so nothing was rewritten; here is what differs now. ' : ''}${plural(wrong.length, 'setting differs', 'settings differ')} from the article (${wrong.map((c) => c.setting).join(', ')}), and SCIM provisioning may be on for this app, so the console did not rewrite it: Okta can only replace the whole app, and in real orgs that resets Provisioning to NONE without an error.`,
    hint: 'Fix each setting by hand at the Admin Console path listed, then verify this step. Or confirm the rewrite: afterwards the provisioning steps are checked again and you re-enter what Okta dropped (SCIM connection, token, To App settings).',
    findings,
    data: {
      appId: app.id,
      appName: app.name,
      label: choices.label,
      defaultRelayState: choices.defaultRelayState,
      hideTile: choices.hideTile,
      drift: wrong.map((c) => ({ setting: c.setting, expected: show(c.expected), actual: show(c.actual), where: c.where })),
      replaceNeedsConfirmation: true,
      driftFingerprint: driftFingerprint(wrong),
      provisioningReasons: reasons,
      verifiedAt: ctx.now().toISOString(),
    },
  };
}

/** The step's outcome after a confirmed replace: says plainly which of steps 5-8 must be redone. */
function afterReplace(outcome: AppOutcome, rechecks: Recheck[]): StepOutcome<'create-app'> {
  const redo = rechecks.filter((r) => !r.ok);
  const data: StepDataPatch<'create-app'> = { ...outcome.data, drift: [], replaceNeedsConfirmation: false, driftFingerprint: null, replacedAt: outcome.data.verifiedAt, rechecked: rechecks };
  if (!redo.length) return { ...outcome, detail: `${outcome.detail} The app was replaced with your confirmation; steps 5-8 read back fine afterwards.`, data };
  const findings: Finding[] = [
    ...(outcome.findings ?? []),
    ...redo.map((r): Finding => ({ label: `Step "${r.title}" must be redone`, outcome: 'fail', actual: r.detail, hint: `Enter ${r.reenter ?? 'its settings'} again.` })),
  ];
  return {
    ...outcome,
    detail: `${outcome.detail} The app was replaced with your confirmation, and Okta no longer shows the provisioning set up: redo ${redo.map((r) => `"${r.title}"`).join(', ')}.`,
    hint: `Re-enter: ${redo.map((r) => r.reenter).filter(Boolean).join('; ')}.`,
    findings,
    data,
  };
}

function safeAcs(instance: string): string {
  try {
    return acsUrlFor(instance);
  } catch {
    return 'https://portalapi.<instance>.threatlocker.com/portalApi/AuthenticationSAML/AssertionConsumerService';
  }
}
