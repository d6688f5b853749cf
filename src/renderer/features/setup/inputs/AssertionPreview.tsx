import type { StepView } from '../../../../shared/setup';
import { dataOf } from '../step-data';

export function AssertionPreview({ step }: { step: StepView }) {
  const a = dataOf(step, 'assertion-preview')?.assertion;
  if (!a) return null;
  // An empty value reads as missing, like an absent one.
  const text = (key: Exclude<keyof typeof a, 'sampleUser'>) => a[key] || undefined;
  const sample = a.sampleUser;
  const line = (indent: number, content: string) => `${'  '.repeat(indent)}${content}`;
  const lines = [
    '<saml2:Assertion>',
    line(1, `<saml2:Issuer>${text('issuer') ?? '?'}</saml2:Issuer>`),
    line(1, '<saml2:Subject>'),
    line(2, `<saml2:NameID Format="${text('nameIdFormat') ?? '?'}">${text('sampleNameId') ?? '(no sample user)'}</saml2:NameID>`),
    line(2, `<saml2:SubjectConfirmationData Recipient="${text('recipient') ?? '?'}"/>`),
    line(1, '</saml2:Subject>'),
    line(1, '<saml2:Conditions>'),
    line(2, `<saml2:AudienceRestriction><saml2:Audience>${text('audience') ?? '?'}</saml2:Audience></saml2:AudienceRestriction>`),
    line(1, '</saml2:Conditions>'),
    '</saml2:Assertion>',
  ];
  return (
    <div className="wizard-block">
      <h3 className="wizard-block-title">
        What Okta will assert
        {sample && (
          <span className="wizard-block-meta">
            sample: {sample.login || 'a user'}
            {sample.source ? ` (${sample.source})` : ''}
          </span>
        )}
      </h3>
      <pre className="wizard-xml" tabIndex={0} aria-label="SAML assertion preview">
        {lines.join('\n')}
      </pre>
      <p className="wizard-caption">
        Destination <code>{text('destination') ?? '(not set)'}</code> · signed with <code>{text('signatureAlgorithm') ?? '?'}</code>
        {text('certificateAlgorithm') ? (
          <>
            {' '}
            (certificate <code>{text('certificateAlgorithm')}</code>)
          </>
        ) : null}
      </p>
    </div>
  );
}
