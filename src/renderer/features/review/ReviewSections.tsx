import type { ReportModel } from '../../../shared/review';
import { stepStatusLabels } from '../../../shared/setup';
import { absoluteTime } from '../../lib/format';

const severityLabel = { error: 'Error', warning: 'Warning', info: 'Info' } as const;

/** The report model as screen sections, in the report's order. React escapes every value. */
export function ReviewSections({ model }: { model: ReportModel }) {
  const check = model.scimCheck;
  return (
    <>
      <section className="review-section" aria-labelledby="review-summary" data-verdict={model.summary.verdict}>
        <h2 id="review-summary">Summary</h2>
        {model.summary.verdict === 'ready' ? (
          <p>Ready: every step is done and the lint found no error.</p>
        ) : (
          <>
            <p>Needs attention, because:</p>
            <ul>{model.summary.reasons.map((r) => <li key={r}>{r}</li>)}</ul>
          </>
        )}
      </section>

      <section className="review-section" aria-labelledby="review-lint">
        <h2 id="review-lint">Lint findings ({model.lint.length})</h2>
        {model.lint.length === 0 ? (
          <p className="muted">No findings.</p>
        ) : (
          <table className="review-table" data-testid="lint-findings">
            <thead><tr><th>Severity</th><th>Setting</th><th>What is wrong</th><th>How to fix it</th><th>Step</th></tr></thead>
            <tbody>
              {model.lint.map((f, i) => (
                <tr key={`${f.rule}-${i}`} data-rule={f.rule}>
                  <td className={`sev-${f.severity}`}>{severityLabel[f.severity]}</td>
                  <td>{f.setting}</td>
                  <td>{f.problem}</td>
                  <td>{f.fix}</td>
                  <td><a href={f.link}>{model.steps.find((s) => s.id === f.stepId)?.title ?? f.stepId}</a></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="review-section" aria-labelledby="review-steps">
        <h2 id="review-steps">Setup steps and their last verification</h2>
        <table className="review-table">
          <thead><tr><th>#</th><th>Step</th><th>Status</th><th>Outcome</th><th>Verified</th></tr></thead>
          <tbody>
            {model.steps.map((s) => (
              <tr key={s.id} id={`step-${s.id}`}>
                <td>{s.number}</td>
                <td>{s.title}</td>
                <td className="review-status">{stepStatusLabels[s.status]}</td>
                <td>{[s.detail, s.staleReason].filter(Boolean).join(' ') || '—'}</td>
                <td>{s.updatedAt ? absoluteTime(s.updatedAt) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="review-section" aria-labelledby="review-scim">
        <h2 id="review-scim">SCIM connection check</h2>
        {!check ? (
          <p className="muted">No SCIM check saved.</p>
        ) : 'unreadable' in check ? (
          <p className="muted">The saved check cannot be read by this version.</p>
        ) : (
          <>
            <p>
              {check.summary.pass} pass, {check.summary.warn} warn, {check.summary.fail} fail, {check.summary.skip} skipped — ran {absoluteTime(check.finishedAt)}.
            </p>
            <table className="review-table">
              <thead><tr><th>#</th><th>Check</th><th>Outcome</th><th>Hint</th></tr></thead>
              <tbody>{check.results.map((r) => <tr key={r.number}><td>{r.number}</td><td>{r.title}</td><td>{r.outcome}</td><td>{r.hint ?? '—'}</td></tr>)}</tbody>
            </table>
          </>
        )}
      </section>

      <section className="review-section" aria-labelledby="review-mapping">
        <h2 id="review-mapping">Group to role mapping</h2>
        {model.mappings.length === 0 ? (
          <p className="muted">No mapping saved.</p>
        ) : (
          <table className="review-table">
            <thead><tr><th>Okta group</th><th>ThreatLocker role</th></tr></thead>
            <tbody>{model.mappings.map((m) => <tr key={m.oktaGroupId}><td>{m.oktaGroupName}</td><td>{m.roleName}</td></tr>)}</tbody>
          </table>
        )}
      </section>

      <section className="review-section" aria-labelledby="review-status">
        <h2 id="review-status">Provisioning status</h2>
        {model.status ? (
          <ul>{Object.entries(model.status.counts).map(([k, n]) => <li key={k}>{k}: {n}</li>)}</ul>
        ) : (
          <p className="muted">No status data yet.</p>
        )}
      </section>

      <section className="review-section" aria-labelledby="review-values">
        <h2 id="review-values">Every saved value</h2>
        <dl className="review-values">
          {model.appendix.map((v) => (
            <div key={v.key}><dt>{v.key}</dt><dd className="mono">{v.value}</dd></div>
          ))}
        </dl>
      </section>
    </>
  );
}
