import { useEffect, useRef, useState } from 'react';
import type { CopyValue, Finding, StepInput, StepView } from '../../../shared/setup';
import { useAppStore } from '../../app/app-store';
import type { UiError } from '../../app/errors';
import { Spinner } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { absoluteTime, relativeTime } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import {
  AssertionPreview,
  CreateAppInputs,
  GroupPicker,
  MappingEditor,
  PhoneFill,
  PushedGroupsTable,
  PrerequisiteExtras,
  type CreateAppDraft,
  type PickedGroup,
} from './StepInputs';
import {
  CopySecretButton,
  CopyTextButton,
  ModeBadge,
  PathText,
  SecretCopiedNote,
  findingIcons,
  findingLabels,
  statusLabels,
} from './setup-parts';
import { arrows, namedRefs, pathParts, rows, str } from './step-data';
import { useSetupStore } from './setup-store';

type Action = 'Run step' | 'Verify' | 'Re-run';

/** Manual steps are verified; steps the console runs are run, then re-run. */
export function primaryAction(step: StepView): Action {
  if (step.mode === 'manual') return 'Verify';
  return step.status === 'not-started' ? 'Run step' : 'Re-run';
}

const credentialCodes = new Set(['SECRET_MISSING', 'AUTH_FAILED', 'PERMISSION_DENIED']);

export function StepPanel({ step, steps, sandbox }: { step: StepView; steps: StepView[]; sandbox: boolean }) {
  const running = useSetupStore((s) => s.running);
  const error = useSetupStore((s) => s.stepErrors[step.id]);
  const lastRun = useSetupStore((s) => (s.lastRun?.stepId === step.id ? s.lastRun.at : undefined));
  const runStep = useSetupStore((s) => s.runStep);
  const playStep = useSetupStore((s) => s.playStep);
  const select = useSetupStore((s) => s.select);

  const [checklist, setChecklist] = useState<Record<string, boolean>>(() => Object.fromEntries(step.checklist.map((c) => [c.id, c.confirmed])));
  const [createApp, setCreateApp] = useState<CreateAppDraft>(() => ({
    appLabel: str(step.data.label) ?? 'ThreatLocker',
    defaultRelayState: typeof step.data.defaultRelayState === 'string' ? step.data.defaultRelayState : '',
    hideTile: typeof step.data.hideTile === 'boolean' ? step.data.hideTile : true,
  }));
  const [labelError, setLabelError] = useState<string>();
  const [picked, setPicked] = useState<PickedGroup[]>(() => namedRefs(rows(step.data, 'groups')));

  // New checklist items appear after a save (e.g. one per group mapping): start them unticked.
  const checklistKey = step.checklist.map((c) => `${c.id}:${c.confirmed}`).join('|');
  useEffect(() => {
    setChecklist((current) => Object.fromEntries(step.checklist.map((c) => [c.id, current[c.id] ?? c.confirmed])));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the key stands for step.checklist
  }, [checklistKey]);

  const isRunning = running?.stepId === step.id;
  const busy = running !== undefined;
  const action = primaryAction(step);
  const index = steps.findIndex((s) => s.id === step.id);
  const next = steps[index + 1];
  const done = step.status === 'verified' || step.status === 'unverifiable';

  const inputFor = (): StepInput | undefined => {
    const input: StepInput = {};
    if (step.id === 'create-app') {
      const label = createApp.appLabel.trim();
      if (!label) {
        setLabelError('Give the app a label, e.g. ThreatLocker');
        return undefined;
      }
      if (label.length > 100) {
        setLabelError('Keep the label under 100 characters');
        return undefined;
      }
      input.appLabel = label;
      input.defaultRelayState = createApp.defaultRelayState.trim();
      input.hideTile = createApp.hideTile;
    }
    if (step.id === 'push-groups' && picked.length > 0) input.groupIds = picked.map((g) => g.id);
    if (step.checklist.length > 0) input.checklist = checklist;
    return input;
  };

  const run = async () => {
    const input = inputFor();
    if (input) await runStep(step.id, input);
  };

  return (
    <section
      className="card wizard-panel"
      data-testid="setup-step"
      data-step-id={step.id}
      data-status={step.status}
      data-running={isRunning ? 'true' : undefined}
      aria-labelledby={`wizard-step-title-${step.id}`}
    >
      <header className="wizard-panel-head">
        <p className="wizard-eyebrow">
          Step {step.number} of {steps.length}
          <ModeBadge mode={step.mode} />
        </p>
        <h2 id={`wizard-step-title-${step.id}`} className="wizard-panel-title">
          {step.title}
        </h2>
        <p className="wizard-why">{step.why}</p>
      </header>

      <StatusBanner step={step} steps={steps} />
      <RunAnnouncer step={step} at={lastRun} />
      {error && <RunError error={error} stepId={step.id} steps={steps} />}
      {isRunning && <RunProgress kind={running.kind} messages={running.messages} />}

      {step.id === 'prerequisites' && <PrerequisiteExtras step={step} />}
      {step.id === 'create-app' && (
        <CreateAppInputs
          draft={createApp}
          disabled={busy}
          labelError={labelError}
          onChange={(draft) => {
            setCreateApp(draft);
            setLabelError(undefined);
          }}
        />
      )}
      {step.id === 'assertion-preview' && <AssertionPreview step={step} />}
      {step.id === 'push-groups' && <GroupPicker picked={picked} onChange={setPicked} disabled={busy} />}
      {step.id === 'push-groups' && <PushedGroupsTable step={step} />}
      {step.id === 'primary-phone' && <PhoneFill step={step} disabled={busy} />}
      {step.id === 'group-mapping' && <MappingEditor step={step} steps={steps} disabled={busy} />}

      {step.instructions.length > 0 && (
        <div className="wizard-block">
          <h3 className="wizard-block-title">{step.mode === 'automated' ? 'What the console does' : 'What to do'}</h3>
          <ol className="wizard-instructions">
            {step.instructions.map((text, i) => (
              <li key={i}>{arrows(text)}</li>
            ))}
          </ol>
        </div>
      )}

      {step.values.length > 0 && <ValuesTable step={step} />}
      {step.deepLink && <DeepLink link={step.deepLink} sandbox={sandbox} />}

      {step.checklist.length > 0 && (
        <fieldset className="wizard-block wizard-checklist" disabled={busy}>
          <legend className="wizard-block-title">Confirm when done</legend>
          {step.checklist.map((item) => (
            <label key={item.id} className="checkbox wizard-check">
              <input
                type="checkbox"
                data-checklist-id={item.id}
                checked={checklist[item.id] ?? false}
                onChange={(e) => setChecklist((c) => ({ ...c, [item.id]: e.target.checked }))}
              />
              <span>{arrows(item.label)}</span>
            </label>
          ))}
        </fieldset>
      )}

      <div className="wizard-actions">
        <div className="wizard-actions-main">
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void run()} data-action="run">
            {isRunning && running.kind === 'run' ? <Spinner /> : <Icon name={action === 'Verify' ? 'passCircle' : action === 'Re-run' ? 'refresh' : 'play'} />}
            {action}
          </button>
          {step.sandboxCanPlay && sandbox && (
            <button type="button" className="btn btn-secondary wizard-play" disabled={busy} onClick={() => void playStep(step.id)} data-action="play">
              {isRunning && running.kind === 'play' ? <Spinner /> : <Icon name="flask" />}
              Play this step in the sandbox
            </button>
          )}
          {done && (
            <button
              type="button"
              className="btn btn-ghost wizard-next"
              onClick={() => {
                select(next ? next.id : 'summary');
              }}
            >
              {next ? `Continue to step ${next.number}` : 'Go to the summary'}
              <Icon name="chevronRight" />
            </button>
          )}
        </div>
        {step.sandboxCanPlay && sandbox && (
          <p className="wizard-play-note">
            <Icon name="flask" size={14} />
            The sandbox plays the Okta/ThreatLocker admin for you: it makes the clicks this step asks for in the simulated
            admin consoles, then verifies.
          </p>
        )}
      </div>

      {step.findings.length > 0 && <Findings findings={step.findings} />}
    </section>
  );
}

function StatusBanner({ step, steps }: { step: StepView; steps: StepView[] }) {
  const now = useNow();
  if (step.status === 'not-started' && !step.detail) return null;
  const tone = step.status === 'verified' ? 'success' : step.status === 'unverifiable' ? 'warning' : step.status === 'failed' ? 'danger' : 'neutral';
  const icon = step.status === 'verified' ? 'passCircle' : step.status === 'unverifiable' ? 'alert' : step.status === 'failed' ? 'failCircle' : 'info';
  const title =
    step.status === 'verified'
      ? 'Verified'
      : step.status === 'unverifiable'
        ? 'Done — the console can’t verify this step'
        : step.status === 'failed'
          ? 'This step failed'
          : 'Not done yet';
  return (
    <div className={`callout callout-${tone} wizard-banner`} data-testid="step-status" data-status={step.status}>
      <Icon name={icon} size={20} className="callout-icon" />
      <div className="callout-body">
        <p className="callout-title">
          {title}
          {step.updatedAt && (
            <span className="wizard-banner-when" title={absoluteTime(step.updatedAt)}>
              {' '}
              · {relativeTime(step.updatedAt, now)}
            </span>
          )}
        </p>
        {step.detail && <p className="wizard-banner-detail">{step.detail}</p>}
        {step.hint && (
          <p className="callout-hint wizard-banner-hint">
            <strong>{step.status === 'failed' ? 'What to do: ' : 'Next: '}</strong>
            {arrows(step.hint)}
          </p>
        )}
        {step.status === 'failed' && <GoToStep text={step.hint} steps={steps} self={step.id} />}
      </div>
    </div>
  );
}

/** Says how a run ended, once, for screen readers (the banner itself is not a live region). */
function RunAnnouncer({ step, at }: { step: StepView; at: number | undefined }) {
  const [message, setMessage] = useState('');
  useEffect(() => {
    if (at) setMessage(`${step.title}: ${statusLabels[step.status]}. ${step.detail ?? ''}`);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- announce per run, not per render
  }, [at]);
  return (
    <p className="visually-hidden" role="status" aria-live="polite">
      {message}
    </p>
  );
}

/** "Run step 2 … first" -> the step to offer a way to. */
function referencedStep(text: string | undefined, steps: StepView[], self: StepView['id']): StepView | undefined {
  const match = /\bsteps? (\d+)/i.exec(text ?? '');
  const step = match ? steps.find((s) => s.number === Number(match[1])) : undefined;
  return step && step.id !== self ? step : undefined;
}

function GoToStep({ text, steps, self }: { text: string | undefined; steps: StepView[]; self: StepView['id'] }) {
  const select = useSetupStore((s) => s.select);
  const target = referencedStep(text, steps, self);
  if (!target) return null;
  return (
    <button type="button" className="btn btn-secondary btn-small" onClick={() => select(target.id)}>
      Go to step {target.number}
      <Icon name="chevronRight" />
    </button>
  );
}

function RunError({ error, stepId, steps }: { error: UiError; stepId: StepView['id']; steps: StepView[] }) {
  const clear = useSetupStore((s) => s.clearStepError);
  const setTab = useAppStore((s) => s.setTab);
  return (
    <div className="callout callout-danger wizard-run-error" role="alert" data-testid="step-error" data-code={error.code}>
      <Icon name="failCircle" size={20} className="callout-icon" />
      <div className="callout-body">
        <p className="callout-title">The step couldn’t run</p>
        <p>{error.message}</p>
        {error.hint && <p className="callout-hint">{arrows(error.hint)}</p>}
        <div className="wizard-callout-actions">
          {(credentialCodes.has(error.code) || /credentials panel|Credentials/i.test(error.hint ?? '')) && (
            <button type="button" className="btn btn-secondary btn-small" onClick={() => setTab('credentials')}>
              <Icon name="key" />
              Open credentials
            </button>
          )}
          <GoToStep text={`${error.message} ${error.hint ?? ''}`} steps={steps} self={stepId} />
        </div>
      </div>
      <button type="button" className="icon-button wizard-dismiss" aria-label="Dismiss" onClick={() => clear(stepId)}>
        <Icon name="x" />
      </button>
    </div>
  );
}

function RunProgress({ kind, messages }: { kind: 'run' | 'play'; messages: string[] }) {
  const last = messages[messages.length - 1];
  const logRef = useRef<HTMLOListElement>(null);
  // Keep the newest line in view.
  useEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [messages.length]);
  return (
    <div className="wizard-progress" data-testid="step-progress">
      <div className="wizard-progress-head">
        <Spinner />
        <p className="wizard-progress-text">{last ?? (kind === 'play' ? 'The sandbox is playing this step…' : 'Starting…')}</p>
      </div>
      <progress className="progress" aria-label="Step progress" />
      <ol ref={logRef} className="wizard-progress-log" aria-label="Progress" aria-live="polite" aria-relevant="additions">
        {messages.map((m, i) => (
          <li key={i} className={i === messages.length - 1 ? 'wizard-progress-current' : undefined}>
            <Icon name={i === messages.length - 1 ? 'chevronRight' : 'check'} size={12} />
            {m}
          </li>
        ))}
      </ol>
    </div>
  );
}

/** The path segments every value's target shares ("Okta → app → Provisioning"), shown once. */
function commonTarget(values: CopyValue[]): string[] {
  const paths = values.map((v) => (v.target ? pathParts(v.target) : undefined));
  if (paths.length < 2 || paths.some((p) => !p)) return [];
  const [first, ...rest] = paths as string[][];
  let n = 0;
  while (n < first!.length - 1 && rest.every((p) => p.length - 1 > n && p[n] === first![n])) n++;
  return first!.slice(0, n);
}

function ValuesTable({ step }: { step: StepView }) {
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
            <ValueRow key={`${value.label}-${i}`} value={value} copyKey={`${step.id}:${value.label}`} skip={common.length} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ValueRow({ value, copyKey, skip }: { value: CopyValue; copyKey: string; skip: number }) {
  const secret = value.secretKind !== undefined;
  const long = (value.value?.length ?? 0) > 160 || (value.value ?? '').includes('\n');
  // Only what the shared path doesn't say, and nothing that merely repeats the label.
  const rest = value.target ? pathParts(value.target).slice(skip) : [];
  const where = rest.length === 1 && rest[0]!.toLowerCase() === value.label.toLowerCase() ? [] : rest;
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
            Kept in the keychain — copy it, it is never shown
          </span>
        ) : value.value ? (
          <code className={`wizard-value${long ? ' wizard-value-long' : ''}`} tabIndex={long ? 0 : undefined}>
            {value.value}
          </code>
        ) : (
          <span className="muted">Not set in this profile</span>
        )}
        {secret && <SecretCopiedNote copyKey={copyKey} />}
      </td>
      <td className="wizard-value-copy">
        {secret && value.secretKind ? (
          <CopySecretButton label={value.label} kind={value.secretKind} copyKey={copyKey} />
        ) : (
          <CopyTextButton label={value.label} value={value.value ?? ''} />
        )}
      </td>
    </tr>
  );
}

function DeepLink({ link, sandbox }: { link: { label: string; url: string }; sandbox: boolean }) {
  const openExternal = useSetupStore((s) => s.openExternal);
  return (
    <div className="wizard-block wizard-link">
      <span className="wizard-link-icon" aria-hidden="true">
        <Icon name="external" size={18} />
      </span>
      <div className="wizard-link-text">
        <p className="wizard-link-label">{arrows(link.label)}</p>
        <code className="wizard-link-url" title={link.url}>
          {link.url}
        </code>
      </div>
      <button type="button" className="btn btn-secondary" disabled={sandbox} onClick={() => void openExternal(link.url)}>
        <Icon name="external" />
        Open in Okta Admin Console
      </button>
      {sandbox && <p className="wizard-link-note">This is a sandbox profile: its Okta is simulated, so the link opens only for real Okta orgs.</p>}
    </div>
  );
}

function Findings({ findings }: { findings: Finding[] }) {
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
        </span>
      </h3>
      {folded ? (
        <details className="wizard-fold">
          <summary>
            <Icon name="chevronRight" size={14} className="wizard-fold-icon" />
            Show all {findings.length} checks
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
