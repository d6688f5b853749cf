import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { Profile } from '../../../shared/profile';
import type { SetupView, StepView } from '../../../shared/setup';
import { Spinner } from '../../components/Dialog';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Icon } from '../../components/Icon';
import { valueOf } from '../../lib/async';
import { relativeTime } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { ExportReportButton } from './ExportReportButton';
import { SavedMappingsContext } from './saved-mappings';
import { SetupSummary } from './SetupSummary';
import { StepPanel } from './StepPanel';
import { statusIcons, statusLabels } from './setup-parts';
import { useSetupStore, type SetupSelection } from './setup-store';

const DONE = new Set<StepView['status']>(['verified', 'unverifiable']);

/**
 * The guided setup: ThreatLocker's Okta SCIM article as eleven steps. The console runs what has
 * an API, guides the rest with exact values, verifies every step, and resumes where it stopped.
 */
export function SetupWizard({ profileId, profileName, sandbox, savedMappings, mappingHistory }: { profileId: string; profileName: string; sandbox: boolean; savedMappings: Profile['mappings']; mappingHistory?: Profile['mappingHistory'] }) {
  return (
    <SavedMappingsContext.Provider value={{ profileId, profileName, mappings: savedMappings, history: mappingHistory ?? [], sandbox }}>
      <Wizard profileId={profileId} sandbox={sandbox} />
    </SavedMappingsContext.Provider>
  );
}

function Wizard({ profileId, sandbox }: { profileId: string; sandbox: boolean }) {
  const state = useSetupStore((s) => s.view);
  const storeProfileId = useSetupStore((s) => s.profileId);
  const running = useSetupStore((s) => s.running);
  const finishedRuns = useSetupStore((s) => s.finishedRuns);
  const load = useSetupStore((s) => s.load);

  useEffect(() => {
    void load(profileId);
  }, [profileId, load]);

  const mine = storeProfileId === profileId;
  const view = mine ? valueOf(state) : undefined;
  const dataState = !mine || state.status === 'idle' ? 'loading' : view ? (state.status === 'error' ? 'ready' : state.status) : state.status;

  return (
    <div className="wizard" data-testid="setup-wizard" data-state={dataState} data-running={running ? 'true' : undefined} data-finished-runs={finishedRuns} aria-busy={dataState === 'loading' || undefined}>
      {view ? (
        <WizardBody view={view} sandbox={sandbox} />
      ) : mine && state.status === 'error' ? (
        <ErrorPanel title="Couldn’t load the setup steps" error={state.error} onRetry={() => void load(profileId)} />
      ) : (
        <WizardSkeleton />
      )}
    </div>
  );
}

function WizardBody({ view, sandbox }: { view: SetupView; sandbox: boolean }) {
  const selected = useSetupStore((s) => s.selected);
  const select = useSetupStore((s) => s.select);
  const steps = view.steps;
  const done = steps.filter((s) => DONE.has(s.status)).length;
  const recheck = steps.filter((s) => s.status === 'needs-recheck').length;
  const allDone = steps.length > 0 && done === steps.length;
  // Opens where the last session stopped; with everything done, on the summary.
  const current: SetupSelection = selected ?? view.resumeAt ?? (allDone ? 'summary' : (steps[0]?.id ?? 'summary'));
  const step = current === 'summary' ? undefined : steps.find((s) => s.id === current);
  const resumeStep = view.resumeAt ? steps.find((s) => s.id === view.resumeAt) : undefined;

  return (
    <>
      <div className="card wizard-head">
        <div className="wizard-head-text">
          <h2 className="card-title" id="setup-title">
            Guided setup
          </h2>
          <p className="muted">
            ThreatLocker’s “Okta SCIM” article, step by step: the console does what the Okta API allows, gives you exact values to
            paste for the rest, and verifies each step.
          </p>
        </div>
        <div className="wizard-meter" aria-label="Setup progress">
          <p className="wizard-meter-text">
            <strong>{done}</strong> of {steps.length} steps done
          </p>
          <progress className="progress" max={100} value={steps.length ? Math.round((done / steps.length) * 100) : 0} aria-label={`${done} of ${steps.length} steps done`} />
          {resumeStep && done > 0 && current !== resumeStep.id && (
            <button type="button" className="wizard-resume" onClick={() => select(resumeStep.id)}>
              <Icon name="clock" size={14} />
              <span>
                Resume where you stopped <span className="muted">· step {resumeStep.number}</span>
              </span>
            </button>
          )}
          {recheck > 0 && (
            <p className="wizard-recheck-note" title={steps.find((s) => s.staleReason)?.staleReason}>
              <Icon name="refresh" size={14} />
              {recheck} {recheck === 1 ? 'step needs' : 'steps need'} re-checking
            </p>
          )}
          {allDone && (
            <p className="wizard-all-done">
              <Icon name="passCircle" size={14} />
              Every step is done
            </p>
          )}
          {/* The summary has its own, next to "Copy as text". */}
          {done > 0 && current !== 'summary' && <ExportReportButton small />}
        </div>
      </div>

      <div className="wizard-grid">
        <StepNav steps={steps} current={current} onSelect={select} />
        {step ? <StepPanel key={step.id} step={step} steps={steps} sandbox={sandbox} /> : <SetupSummary view={view} />}
      </div>
    </>
  );
}

function StepNav({ steps, current, onSelect }: { steps: StepView[]; current: SetupSelection; onSelect: (selection: SetupSelection) => void }) {
  const running = useSetupStore((s) => s.running);
  const now = useNow();
  const listRef = useRef<HTMLDivElement>(null);

  // Up/Down move between steps, like a list; Tab still walks through them too.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(event.key)) return;
    const buttons = [...(listRef.current?.querySelectorAll<HTMLButtonElement>('button[data-nav]') ?? [])];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (index < 0) return;
    event.preventDefault();
    const next =
      event.key === 'Home' ? 0 : event.key === 'End' ? buttons.length - 1 : (index + (event.key === 'ArrowDown' ? 1 : -1) + buttons.length) % buttons.length;
    buttons[next]?.focus();
  };

  return (
    <nav className="wizard-nav" aria-label="Setup steps">
      <div ref={listRef} onKeyDown={onKeyDown}>
        <ol className="wizard-nav-list">
          {steps.map((step) => {
            const isRunning = running?.stepId === step.id;
            const statusText = isRunning ? (running.kind === 'play' ? 'Playing in the sandbox…' : 'Running…') : statusLabels[step.status];
            const when = step.status !== 'not-started' && !isRunning ? relativeTime(step.updatedAt, now) : '';
            return (
              <li key={step.id} className={`wizard-nav-item wizard-nav-${step.status}`} data-status={step.status}>
                <button
                  type="button"
                  className="wizard-nav-button"
                  data-nav
                  data-step-id={step.id}
                  aria-current={current === step.id ? 'step' : undefined}
                  title={step.status === 'unverifiable' || step.status === 'failed' ? step.detail : undefined}
                  onClick={() => onSelect(step.id)}
                >
                  <span className={`wizard-marker wizard-marker-${isRunning ? 'running' : step.status}`} aria-hidden="true">
                    {isRunning ? <Spinner /> : step.status === 'not-started' ? step.number : <Icon name={statusIcons[step.status]} size={13} strokeWidth={2.5} />}
                  </span>
                  <span className="wizard-nav-text">
                    <span className="wizard-nav-title">
                      <span className="visually-hidden">{step.number}. </span>
                      {step.title}
                    </span>
                    <span className="wizard-nav-status">
                      {statusText}
                      {when && <span className="wizard-nav-when"> · {when}</span>}
                    </span>
                  </span>
                </button>
              </li>
            );
          })}
        </ol>
        <div className="wizard-nav-summary">
          <button
            type="button"
            className="wizard-nav-button"
            data-nav
            data-step-id="summary"
            aria-current={current === 'summary' ? 'step' : undefined}
            onClick={() => onSelect('summary')}
          >
            <span className="wizard-marker wizard-marker-summary" aria-hidden="true">
              <Icon name="list" size={13} strokeWidth={2.25} />
            </span>
            <span className="wizard-nav-text">
              <span className="wizard-nav-title">Summary</span>
              <span className="wizard-nav-status">Every setting and how it was checked</span>
            </span>
          </button>
        </div>
      </div>
    </nav>
  );
}

function WizardSkeleton() {
  return (
    <>
      <p className="visually-hidden" role="status">
        Loading the setup steps…
      </p>
      <div className="card wizard-head" aria-hidden="true">
        <div className="wizard-head-text">
          <span className="skeleton skeleton-line skeleton-line-title" />
          <span className="skeleton skeleton-line" />
        </div>
      </div>
      <div className="wizard-grid" aria-hidden="true">
        <div className="wizard-nav wizard-nav-skeleton">
          {Array.from({ length: 11 }, (_, i) => (
            <div key={i} className="wizard-skeleton-step">
              <span className="skeleton wizard-skeleton-marker" />
              <span className="skeleton skeleton-line" />
            </div>
          ))}
        </div>
        <div className="card wizard-panel">
          <span className="skeleton skeleton-line skeleton-line-title" />
          <span className="skeleton skeleton-line" />
          <span className="skeleton skeleton-line skeleton-short" />
        </div>
      </div>
    </>
  );
}
