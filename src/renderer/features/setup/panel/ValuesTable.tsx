import type { CopyValue, StepView } from '../../../../shared/setup';
import { CopyTextButton } from '../../../components/CopyTextButton';
import { Icon } from '../../../components/Icon';
import { selectCanCopySecrets, useAppStore } from '../../../core/app-store';
import { SecretCopiedNote } from '../../credentials';
import { CopySecretButton, PathText } from '../setup-parts';
import { pathParts } from '../step-data';

/** The path segments every value's target shares ("Okta → app → Provisioning"), shown once. */
function commonTarget(values: CopyValue[]): string[] {
  const paths = values.map((v) => (v.target ? pathParts(v.target) : undefined));
  if (paths.length < 2 || paths.some((p) => !p)) return [];
  const [first, ...rest] = paths as string[][];
  let n = 0;
  while (n < first!.length - 1 && rest.every((p) => p.length - 1 > n && p[n] === first![n])) n++;
  return first!.slice(0, n);
}

export function ValuesTable({ step }: { step: StepView }) {
  const common = commonTarget(step.values);
  return (
    <div className="wizard-block">
      <h3 className="wizard-block-title">
        Values to enter
        {common.length > 0 && (
          <span className="wizard-block-meta wizard-values-where">
            in <PathText text={common.join(' -> ')} />
          </span>
        )}
      </h3>
      <table className="wizard-values">
        <thead className="visually-hidden">
          <tr>
            <th scope="col">Setting</th>
            <th scope="col">Value</th>
            <th scope="col">Copy</th>
          </tr>
        </thead>
        <tbody>
          {step.values.map((value, i) => (
            <ValueRow key={`${value.label}-${i}`} value={value} skip={common.length} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ValueRow({ value, skip }: { value: CopyValue; skip: number }) {
  const secret = value.secretKind !== undefined;
  const long = (value.value?.length ?? 0) > 160 || (value.value ?? '').includes('\n');
  const canCopySecrets = useAppStore(selectCanCopySecrets);
  // Only what the shared path doesn't say, and nothing that merely repeats the label
  // ("X.509 certificate" -> "Certificate").
  const rest = value.target ? pathParts(value.target).slice(skip) : [];
  const label = value.label.toLowerCase();
  const where = rest.length === 1 && (label.includes(rest[0]!.toLowerCase()) || rest[0]!.toLowerCase().includes(label)) ? [] : rest;
  return (
    <tr data-value-label={value.label}>
      <th scope="row" className="wizard-value-label">
        <span>{value.label}</span>
        {where.length > 0 && (
          <span className="wizard-value-target">
            <PathText text={where.join(' -> ')} />
          </span>
        )}
      </th>
      <td className="wizard-value-cell">
        {secret ? (
          <span className="wizard-secret-value">
            <Icon name="lock" size={14} />
            {canCopySecrets
              ? 'Kept in the keychain — copy it, it is never shown'
              : 'Kept in the keychain and never shown: paste the token from where you keep it (the browser console cannot copy tokens)'}
          </span>
        ) : value.value ? (
          <code className={`wizard-value${long ? ' wizard-value-long' : ''}`} tabIndex={long ? 0 : undefined}>
            {value.value}
          </code>
        ) : (
          <span className="muted">Not set in this profile</span>
        )}
        {value.secretKind && <SecretCopiedNote kind={value.secretKind} className="wizard-secret-copied" />}
      </td>
      <td className="wizard-value-copy">
        {secret && value.secretKind ? (
          canCopySecrets && <CopySecretButton label={value.label} kind={value.secretKind} />
        ) : value.pick ? (
          <span className="wizard-value-pick">Select it</span>
        ) : (
          <CopyTextButton label={value.label} value={value.value ?? ''} className="wizard-copy" />
        )}
      </td>
    </tr>
  );
}
