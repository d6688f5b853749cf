import type { CopyValue, Finding } from '../../../../shared/setup';
import { loadIdpValues } from '../idp-values';
import { certificateFindings } from '../saml-metadata';
import { type SetupContext, type StepOutcome } from '../setup-context';
import type { StepDefinition } from '../step-definition';

const TARGET = 'ThreatLocker -> Integrations -> SAML Integration';

async function verify(ctx: SetupContext): Promise<StepOutcome<'threatlocker-saml'>> {
  const { appId } = ctx.requireApp();
  ctx.progress('Reading the SAML metadata and checking the signing certificate');
  const { metadata, cert } = await loadIdpValues(ctx, appId);
  const findings: Finding[] = certificateFindings(cert, ctx.now());
  const algorithm = cert.threatlockerAlgorithm;
  findings.push({
    label: 'Signature Algorithm to pick in ThreatLocker',
    outcome: algorithm ? 'info' : 'fail',
    actual: algorithm ?? 'none (the certificate is not SHA-256 or SHA-512)',
  });
  if (findings.some((f) => f.outcome === 'fail')) {
    const first = findings.find((f) => f.outcome === 'fail')!;
    return { status: 'failed', detail: `The signing certificate is not usable by ThreatLocker: ${first.label.toLowerCase()} ${first.actual}.`, hint: first.hint ?? 'Activate a SHA-2 signing certificate in Okta.', findings };
  }

  const sandbox = ctx.sandbox();
  if (sandbox) {
    const saml = sandbox.threatlocker.controls.getSamlIntegration();
    const same = (label: string, expected: string, actual: string | undefined) =>
      findings.push({ label, outcome: expected === actual ? 'pass' : 'fail', expected: label === 'Certificate' ? 'the metadata certificate' : expected, actual: label === 'Certificate' ? (expected === actual ? 'the same certificate' : 'another certificate') : (actual ?? '(not set)') });
    const norm = (pem: string | undefined) => pem?.replace(/\s+/g, '');
    same('ThreatLocker Sign-On URL', metadata.ssoUrl, saml?.signOnUrl);
    same('ThreatLocker Issuer', metadata.entityId, saml?.issuer);
    same('Certificate', norm(cert.pem)!, norm(saml?.certificatePem));
    same('ThreatLocker Signature Algorithm', algorithm!, saml?.signatureAlgorithm);
    const bad = findings.filter((f) => f.outcome === 'fail');
    if (!saml) return { status: 'not-started', detail: 'The sandbox ThreatLocker has no SAML integration yet.', hint: 'Enter the values below in ThreatLocker (or play the step in the sandbox).', findings };
    if (bad.length) return { status: 'failed', detail: `The sandbox ThreatLocker's SAML integration differs: ${bad.map((f) => f.label).join(', ')}.`, hint: 'Paste the values below again and save.', findings };
    return { status: 'verified', detail: 'Verified in the sandbox ThreatLocker: its SAML integration holds the metadata values.', findings, data: { confirmedBy: 'sandbox' } };
  }
  if (ctx.checklist()['saml-saved']) {
    return {
      status: 'unverifiable',
      detail: 'Confirmed by you. ThreatLocker has no API to read its SAML integration, so the console cannot read it back.',
      findings,
      data: { confirmedBy: 'admin' },
    };
  }
  return { status: 'not-started', detail: 'Enter the four values in ThreatLocker\'s SAML integration, save, then confirm here.', findings };
}

export const threatlockerSamlStep: StepDefinition<'threatlocker-saml'> = {
  id: 'threatlocker-saml',
  title: 'ThreatLocker SAML integration',
  why: 'ThreatLocker must trust Okta as its identity provider: it needs Okta\'s Sign-On URL, Issuer and signing certificate, and a matching signature algorithm (SHA-256 or SHA-512).',
  mode: 'manual',
  sandboxCanPlay: true,
  describe: ({ all }) => {
    const d = all('threatlocker-saml');
    const values: CopyValue[] = [];
    const add = (label: string, value: string | undefined, target: string, pick = false) => {
      if (value) values.push({ label, value, target, ...(pick ? { pick } : {}) });
    };
    add('Sign-On URL', d.signOnUrl, `${TARGET} -> Sign-On URL`);
    add('Issuer', d.issuer, `${TARGET} -> Issuer`);
    add('X.509 certificate', d.certificatePem, `${TARGET} -> Certificate`);
    add('Signature Algorithm', d.threatlockerAlgorithm ?? undefined, `${TARGET} -> Signature Algorithm`, true);
    return {
      instructions: [
        'In ThreatLocker open Integrations -> SAML Integration (create it if there is none).',
        'Paste the Sign-On URL, the Issuer and the certificate below, and pick the Signature Algorithm shown (it matches the certificate).',
        'Save the integration, then confirm here.',
      ],
      values,
      checklist: [{ id: 'saml-saved', label: 'I saved these values in ThreatLocker\'s SAML integration' }],
    };
  },
  async run(ctx) {
    return verify(ctx);
  },
  verify,
  async play(ctx, admin) {
    await loadIdpValues(ctx, ctx.requireApp().appId);
    const d = ctx.data('threatlocker-saml');
    admin.threatlocker.controls.setSamlIntegration({
      signOnUrl: d.signOnUrl ?? '',
      issuer: d.issuer ?? '',
      certificatePem: d.certificatePem ?? '',
      signatureAlgorithm: d.threatlockerAlgorithm === 'SHA512' ? 'SHA512' : 'SHA256',
    });
    // The admin would tick "I saved these values" after saving: the sandbox does, and says so.
    await ctx.confirm({ 'saml-saved': true }, 'sandbox');
  },
};
