import { useEffect, useState } from 'react';
import type { Profile } from '../../../shared/profile';
import { resultNumbers, type CheckOutcome, type ScimCheckResult, type ScimCheckRun } from '../../../shared/scim-check';
import { scimRunStaleReason } from '../../../shared/stale';
import { useAppStore } from '../../core/app-store';
import { CopyTextButton } from '../../components/CopyTextButton';
import { Callout } from '../../components/Callout';
import { ConfirmDialog, Spinner } from '../../components/Dialog';
import { Icon, type IconName } from '../../components/Icon';
import { absoluteTime, relativeTime } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { useCredentialsStore } from '../credentials';
import { formatRunAsText, outcomeLabels } from './format-run';
import { checkStateOf, useScimCheckStore } from './scim-check-store';

const outcomeIcons: Record<CheckOutcome, IconName> = { pass: 'passCircle', warn: 'alert', fail: 'failCircle', skip: 'skipCircle' };

export function ScimCheckScreen({ profile }: { profile: Profile }) {
  const view = useScimCheckStore((s) => checkStateOf(s, profile.id));
  const writeEnabled = useScimCheckStore((s) => s.writeEnabled);
  const setWriteEnabled = useScimCheckStore((s) => s.setWriteEnabled);
  const run = useScimCheckStore((s) => s.run);
  const cancel = useScimCheckStore((s) => s.cancel);
  const showSaved = useScimCheckStore((s) => s.showSaved);
  const scimToken = useCredentialsStore((s) => (s.profileId === profile.id && s.statuses.status === 'ready' ? s.statuses.value.scimBearerToken : undefined));
  const setTab = useAppStore((s) => s.setTab);
  const [confirmWrite, setConfirmWrite] = useState(false);

  useEffect(() => {
    showSaved(profile.id, profile.scimChecks);
  }, [profile.id, profile.scimChecks, showSaved]);

  const running = view.status === 'running';
  const tokenMissing = scimToken !== undefined && !scimToken.present;
  const urlMissing = !profile.threatlocker.scimUrl;

  return (
    <section className="panel-stack" aria-labelledby="scim-check-title" data-testid="scim-check-panel" data-state={view.status}>
      <div className="card check-intro">
        <div className="check-intro-text">
          <h2 id="scim-check-title" className="card-title">
            Test SCIM connection
          </h2>
          <p className="muted">
            Runs the requests Okta makes when it provisions administrators — discovery, user lookups, filters, paging, errors —
            against ThreatLocker’s SCIM endpoint with the saved SCIM bearer token, and explains anything that would break
            provisioning.
          </p>
          <dl className="check-endpoint">
            <dt>Endpoint</dt>
            <dd>{profile.threatlocker.scimUrl ? <code>{profile.threatlocker.scimUrl}</code> : <span className="muted">Not set in this profile</span>}</dd>
          </dl>
        </div>

        {(tokenMissing || urlMissing) && (
          <Callout tone="warning" icon="alert" title="Before the checks can run" data-testid="scim-check-prerequisites">
            <ul className="prerequisites">
              {urlMissing && (
                <li>
                  <strong>This profile has no SCIM API Url.</strong> It’s the “API Url” shown in ThreatLocker under
                  Integrations → SCIM Integration.
                </li>
              )}
              {tokenMissing && (
                <li>
                  <strong>The SCIM bearer token isn’t saved yet.</strong> Generate it in ThreatLocker under Integrations →
                  SCIM Integration, then save it under Credentials.
                </li>
              )}
            </ul>
            {tokenMissing && (
              <button type="button" className="btn btn-secondary btn-small" onClick={() => setTab('credentials')}>
                <Icon name="key" />
                Go to Credentials
              </button>
            )}
          </Callout>
        )}

        <div className="check-controls">
          <label className="checkbox">
            <input
              type="checkbox"
              checked={writeEnabled}
              disabled={running}
              onChange={(event) => {
                if (event.target.checked) setConfirmWrite(true);
                else setWriteEnabled(false);
              }}
            />
            <span>
              Also run write checks <span className="muted">(creates and removes a test administrator in ThreatLocker)</span>
            </span>
          </label>
          <div className="check-buttons">
            <button type="button" className="btn btn-primary" disabled={running} onClick={() => void run(profile.id)}>
              {running ? <Spinner /> : <Icon name="play" />}
              {writeEnabled ? 'Run read-only and write checks' : 'Run read-only checks'}
            </button>
            {running && (
              <button type="button" className="btn btn-secondary" onClick={() => void cancel(profile.id)}>
                <Icon name="x" />
                Cancel
              </button>
            )}
          </div>
        </div>
      </div>

      {view.status === 'running' && <RunProgress results={view.results} total={view.total} write={view.write} />}
      {view.status === 'error' && (
        <>
          <Callout tone="danger" icon="failCircle" title="The checks couldn’t run" role="alert">
            <p>{view.error.message}</p>
            {view.error.hint && <p className="callout-hint">{view.error.hint}</p>}
            <button type="button" className="btn btn-secondary btn-small" onClick={() => void run(profile.id)}>
              <Icon name="refresh" />
              Try again
            </button>
          </Callout>
          {view.results.length > 0 && <ResultList results={view.results} />}
        </>
      )}
      {view.status === 'done' && view.fromHistory && <StaleRunNote reason={scimRunStaleReason(profile, view.run)} />}
      {view.status === 'done' && <RunReport run={view.run} fromHistory={view.fromHistory} profileName={profile.name} />}
      {view.status === 'idle' && !tokenMissing && !urlMissing && (
        <div className="empty-note">
          <Icon name="list" size={20} />
          <p>No checks run yet. Read-only checks are safe to run against production: they only look things up.</p>
        </div>
      )}

      {confirmWrite && (
        <ConfirmDialog
          title="Run write checks too?"
          confirmLabel="Enable write checks"
          onClose={() => setConfirmWrite(false)}
          onConfirm={() => {
            setWriteEnabled(true);
            setConfirmWrite(false);
          }}
          description={
            <>
              <p>
                The write checks create a <strong>real test administrator</strong> (and a test group) in this ThreatLocker
                organization the way Okta would, update and deactivate it, then remove it again.
              </p>
              <p className="muted">
                Its name starts with a fixed test prefix so it’s easy to spot. If clean-up fails, the report lists what was
                left behind.
              </p>
            </>
          }
        />
      )}
    </section>
  );
}

function RunProgress({ results, total, write }: { results: ScimCheckResult[]; total: number | undefined; write: boolean }) {
  const done = results.length;
  return (
    <div className="card run-progress">
      <div className="run-progress-head">
        <p role="status" aria-live="polite" className="run-progress-text">
          {total ? `Running check ${Math.min(done + 1, total)} of ${total}…` : `Starting the ${write ? 'read-only and write' : 'read-only'} checks…`}
        </p>
        <span className="muted">{total ? `${done}/${total} done` : ''}</span>
      </div>
      {/* A fixed max: React may set value before max, and the browser clamps value to the old max. */}
      <progress className="progress" max={100} value={total ? Math.round((done / total) * 100) : undefined} aria-label="Check progress" />
      {results.length > 0 && <ResultList results={results} />}
    </div>
  );
}

function RunReport({ run, fromHistory, profileName }: { run: ScimCheckRun; fromHistory: boolean; profileName: string }) {
  const now = useNow();
  const { pass, warn, fail, skip } = run.summary;
  const verdict = fail > 0 ? 'fail' : warn > 0 ? 'warn' : 'pass';
  const verdictText =
    fail > 0
      ? `${fail} ${fail === 1 ? 'check' : 'checks'} failed — Okta provisioning would break`
      : warn > 0
        ? `Passed with ${warn} ${warn === 1 ? 'warning' : 'warnings'}`
        : 'All checks passed — Okta can provision through this connection';
  return (
    <div className="card run-report" data-testid="scim-check-report" data-verdict={verdict}>
      <div className={`verdict verdict-${verdict}`}>
        <Icon name={outcomeIcons[verdict]} size={22} />
        <div className="verdict-text" role="status">
          <p className="verdict-title">{verdictText}</p>
          <p className="verdict-meta">
            {run.write ? 'Read-only and write checks' : 'Read-only checks'} ·{' '}
            <span title={absoluteTime(run.finishedAt)}>
              {fromHistory ? 'last run ' : ''}
              {relativeTime(run.finishedAt, now)}
            </span>
          </p>
        </div>
        <CopyTextButton
          label="results"
          text="Copy as text"
          nameFromText
          copiedMessage="The results were copied as text."
          value={formatRunAsText(run, profileName)}
          small={false}
        />
      </div>
      <ul className="summary" aria-label="Summary">
        <SummaryStat outcome="pass" count={pass} label="Passed" />
        <SummaryStat outcome="warn" count={warn} label="Warnings" />
        <SummaryStat outcome="fail" count={fail} label="Failed" />
        <SummaryStat outcome="skip" count={skip} label="Skipped" />
      </ul>
      {run.leftovers.length > 0 && (
        <Callout tone="warning" icon="alert" title="Test identities were left in ThreatLocker">
          <p>Clean-up couldn’t remove these; delete them by hand under Administrators:</p>
          <ul className="leftovers">
            {run.leftovers.map((item) => (
              <li key={item}>
                <code>{item}</code>
              </li>
            ))}
          </ul>
        </Callout>
      )}
      <ResultList results={run.results} />
    </div>
  );
}

function SummaryStat({ outcome, count, label }: { outcome: CheckOutcome; count: number; label: string }) {
  return (
    <li className={`summary-stat summary-${outcome}${count === 0 ? ' summary-zero' : ''}`}>
      <Icon name={outcomeIcons[outcome]} size={16} />
      <span className="summary-count">{count}</span>
      <span className="summary-label">{label}</span>
    </li>
  );
}

function ResultList({ results }: { results: ScimCheckResult[] }) {
  const numbers = resultNumbers(results);
  return (
    <ol className="results" aria-label="Check results">
      {results.map((result, i) => (
        <ResultRow key={result.id} result={result} number={numbers[i]!} />
      ))}
    </ol>
  );
}

function ResultRow({ result, number }: { result: ScimCheckResult; number: string }) {
  const problem = result.outcome === 'warn' || result.outcome === 'fail';
  return (
    <li className={`result result-${result.outcome}`} data-outcome={result.outcome} data-check-id={result.id}>
      <span className={`outcome outcome-${result.outcome}`}>
        <Icon name={outcomeIcons[result.outcome]} size={16} />
        {outcomeLabels[result.outcome]}
      </span>
      <div className="result-main">
        <p className="result-title">
          <span className="result-number">{number}.</span> {result.title}
        </p>
        {result.request && (
          <p className="result-request">
            <span className="method">{result.request.method}</span> {result.request.url}
          </p>
        )}
        {problem && (
          <div className="result-detail">
            <dl className="expected-actual">
              <dt>Expected</dt>
              <dd>{result.expected}</dd>
              {result.actual && (
                <>
                  <dt>Actual</dt>
                  <dd>{result.actual}</dd>
                </>
              )}
            </dl>
            {result.hint && (
              <p className="result-hint">
                <Icon name="info" size={16} />
                <span>{result.hint}</span>
              </p>
            )}
          </div>
        )}
        {result.outcome === 'skip' && result.actual && <p className="muted result-skip-note">{result.actual}</p>}
      </div>
      <div className="result-meta">
        {result.status !== undefined && <span className="http-status">HTTP {result.status}</span>}
        {result.latencyMs !== undefined && <span className="latency">{Math.round(result.latencyMs)} ms</span>}
        {result.retried && (
          <span className="retried" title="The server failed at first; the check repeated the read (reads are safe to repeat).">
            {result.retried}
          </span>
        )}
      </div>
    </li>
  );
}

/** A saved run from before the endpoint or the org may have changed is not today's answer. */
function StaleRunNote({ reason }: { reason: string | undefined }) {
  if (!reason) return null;
  return (
    <div className="callout callout-warning" role="status" data-testid="scim-run-stale">
      <Icon name="refresh" size={20} className="callout-icon" />
      <div className="callout-body">
        <p className="callout-title">This saved check needs re-running</p>
        <p>Its results may no longer hold: {reason}. Run the checks again.</p>
      </div>
    </div>
  );
}
