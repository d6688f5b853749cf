import type { StepView } from '../../../../shared/setup';
import { dataOf } from '../step-data';

/** Step 8: which group assigns the app (the step's "why" says why), and an old-style setup flagged. */
export function AssignmentGroupNote({ step }: { step: StepView }) {
  const data = dataOf(step, 'push-groups');
  const group = data?.assignmentGroup;
  const oldStyle = data?.oldStyle ?? [];
  if (!group && oldStyle.length === 0) return null;
  return (
    <div className="wizard-block" data-testid="assignment-group">
      <h3 className="wizard-block-title">App assignment</h3>
      {group && (
        <p>
          The app is assigned through <strong>{group.name}</strong>, which a group rule fills from the pushed groups.
        </p>
      )}
      {oldStyle.length > 0 && (
        <p className="wizard-text-fail" role="status">
          Old-style setup: {oldStyle.join(', ')} {oldStyle.length === 1 ? 'is' : 'are'} both assigned to the app and pushed. Remove{' '}
          {oldStyle.length === 1 ? 'it' : 'them'} from the app’s Assignments tab in Okta; members stay assigned through the assignment group.
        </p>
      )}
    </div>
  );
}
