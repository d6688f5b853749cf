import type { Finding } from '../../../../shared/setup';
import { Icon } from '../../../components/Icon';
import { findingIcons, findingLabels } from '../setup-parts';
import { arrows } from '../step-data';

export function Findings({ findings }: { findings: Finding[] }) {
  const counts = { pass: 0, warn: 0, fail: 0, info: 0 };
  for (const f of findings) counts[f.outcome]++;
  const problems = counts.fail + counts.warn;
  // A long all-green list is proof, not news: folded, one click away.
  const folded = problems === 0 && findings.length > 6;
  const list = (
    <ul className="wizard-findings" aria-label="Verification results">
      {findings.map((f, i) => (
        <FindingRow key={`${f.label}-${i}`} finding={f} />
      ))}
    </ul>
  );
  return (
    <div className="wizard-block">
      <h3 className="wizard-block-title">
        What the console checked
        <span className="wizard-block-meta">
          {counts.pass > 0 && <span className="wizard-count wizard-count-pass">{counts.pass} passed</span>}
          {counts.warn > 0 && <span className="wizard-count wizard-count-warn">{counts.warn} warning{counts.warn === 1 ? '' : 's'}</span>}
          {counts.fail > 0 && <span className="wizard-count wizard-count-fail">{counts.fail} failed</span>}
          {counts.info > 0 && <span className="wizard-count wizard-count-info">{counts.info} for information</span>}
        </span>
      </h3>
      {folded ? (
        <details className="wizard-fold">
          <summary>
            <Icon name="chevronRight" size={14} className="wizard-fold-icon" />
            <span className="wizard-fold-closed">Show all {findings.length} checks</span>
            <span className="wizard-fold-opened">Hide the {findings.length} checks</span>
          </summary>
          {list}
        </details>
      ) : (
        list
      )}
    </div>
  );
}

function FindingRow({ finding: f }: { finding: Finding }) {
  const problem = f.outcome === 'fail' || f.outcome === 'warn';
  return (
    <li className={`wizard-finding wizard-finding-${f.outcome}${problem ? '' : ' wizard-finding-compact'}`} data-outcome={f.outcome}>
      <span className="wizard-finding-icon" role="img" aria-label={findingLabels[f.outcome]}>
        <Icon name={findingIcons[f.outcome]} size={16} />
      </span>
      <div className="wizard-finding-main">
        <p className="wizard-finding-label">{arrows(f.label)}</p>
        {problem && f.expected !== undefined ? (
          <dl className="expected-actual wizard-expected-actual">
            <dt>Expected</dt>
            <dd>{f.expected}</dd>
            {f.actual !== undefined && (
              <>
                <dt>Actual</dt>
                <dd>{f.actual}</dd>
              </>
            )}
          </dl>
        ) : (
          f.actual && <p className="wizard-finding-actual">{f.actual}</p>
        )}
        {f.hint &&
          (problem ? (
            <p className="result-hint wizard-finding-hint">
              <Icon name="info" size={14} />
              <span>{arrows(f.hint)}</span>
            </p>
          ) : (
            <p className="wizard-finding-note">{arrows(f.hint)}</p>
          ))}
      </div>
    </li>
  );
}
