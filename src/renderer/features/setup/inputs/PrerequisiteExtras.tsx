import type { StepView } from '../../../../shared/setup';
import { useAppStore } from '../../../core/app-store';
import { Icon } from '../../../components/Icon';
import { plural } from '../../../lib/format';
import { dataOf } from '../step-data';

export function PrerequisiteExtras({ step }: { step: StepView }) {
  const setTab = useAppStore((s) => s.setTab);
  const orgs = dataOf(step, 'prerequisites')?.childOrganizations ?? [];
  return (
    <div className="wizard-block wizard-inline-note">
      <Icon name="key" size={16} />
      <p>
        The tokens live under <strong>Credentials</strong>; this step checks them and the Okta token’s permissions.
        {orgs.length > 0 && <> The portal token sees {plural(orgs.length, 'child organization')}.</>}
      </p>
      <button type="button" className="btn btn-secondary btn-small" onClick={() => setTab('credentials')}>
        <Icon name="key" />
        Open credentials
      </button>
    </div>
  );
}
