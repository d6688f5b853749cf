import type { StepView } from '../../../../shared/setup';
import { dataOf } from '../step-data';

const pushTone = (status: string | undefined, error: string | undefined) =>
  error || status === 'ERROR' ? 'fail' : status === 'ACTIVE' ? 'pass' : status ? 'warn' : 'none';

export function PushedGroupsTable({ step }: { step: StepView }) {
  const list = dataOf(step, 'push-groups')?.pushed ?? [];
  if (list.length === 0) return null;
  return (
    <div className="wizard-block">
      <h3 className="wizard-block-title">Push status in Okta</h3>
      <table className="wizard-table" aria-label="Pushed groups">
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col">Also assigned to the app</th>
            <th scope="col">Push mapping</th>
          </tr>
        </thead>
        <tbody>
          {list.map((g) => {
            const tone = pushTone(g.mappingStatus, g.errorSummary);
            return (
              <tr key={g.id} data-group={g.name} data-push-status={g.mappingStatus ?? 'none'}>
                <td className="wizard-strong">{g.name}</td>
                {/* A pushed group should not also assign the app (Okta does not support it). */}
                <td>{g.assigned ? <span className="wizard-text-fail">Yes (old style)</span> : 'No'}</td>
                <td>
                  <span className={`wizard-pill wizard-pill-${tone}`}>{g.mappingStatus ?? 'No mapping'}</span>
                  {g.errorSummary && <p className="wizard-text-fail wizard-cell-note">{g.errorSummary}</p>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
