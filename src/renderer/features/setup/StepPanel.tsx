import { useEffect, useRef, useState } from 'react';
import type { StepInput, StepView } from '../../../shared/setup';
import { Spinner } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { AdoptApp } from './inputs/AdoptApp';
import { AppDrift } from './inputs/AppDrift';
import { RuleRemoval } from './inputs/RuleRemoval';
import { AssertionPreview } from './inputs/AssertionPreview';
import { AssignmentGroupNote } from './inputs/AssignmentGroupNote';
import { CreateAppInputs, type CreateAppDraft } from './inputs/CreateAppInputs';
import { GroupPicker } from './inputs/GroupPicker';
import { MappingEditor } from './inputs/MappingEditor';
import { PhoneFill } from './inputs/PhoneFill';
import type { PickedGroup } from './inputs/picked-group';
import { PrerequisiteExtras } from './inputs/PrerequisiteExtras';
import { PushedGroupsTable } from './inputs/PushedGroupsTable';
import { Checklist } from './panel/Checklist';
import { DeepLink } from './panel/DeepLink';
import { Findings } from './panel/Findings';
import { Instructions } from './panel/Instructions';
import { RunAnnouncer } from './panel/RunAnnouncer';
import { RunError } from './panel/RunError';
import { RunProgress } from './panel/RunProgress';
import { StatusBanner } from './panel/StatusBanner';
import { ValuesTable } from './panel/ValuesTable';
import { ModeBadge } from './setup-parts';
import { dataOf } from './step-data';
import { useSetupStore } from './setup-store';

type Action = 'Run step' | 'Verify' | 'Re-run';

/** Manual steps are verified; steps the console runs are run, then re-run. */
export function primaryAction(step: StepView): Action {
  if (step.mode === 'manual') return 'Verify';
  return step.status === 'not-started' ? 'Run step' : 'Re-run';
}

export function StepPanel({ step, steps, sandbox }: { step: StepView; steps: StepView[]; sandbox: boolean }) {
  const running = useSetupStore((s) => s.running);
  const error = useSetupStore((s) => s.stepErrors[step.id]);
  const lastRun = useSetupStore((s) => (s.lastRun?.stepId === step.id ? s.lastRun.at : undefined));
  const runStep = useSetupStore((s) => s.runStep);
  const playStep = useSetupStore((s) => s.playStep);
  const select = useSetupStore((s) => s.select);

  const [checklist, setChecklist] = useState<Record<string, boolean>>(() => Object.fromEntries(step.checklist.map((c) => [c.id, c.confirmed])));
  const [createApp, setCreateApp] = useState<CreateAppDraft>(() => ({
    appLabel: dataOf(step, 'create-app')?.label || 'ThreatLocker',
    defaultRelayState: dataOf(step, 'create-app')?.defaultRelayState ?? '',
    hideTile: dataOf(step, 'create-app')?.hideTile ?? true,
  }));
  const [labelError, setLabelError] = useState<string>();
  const [picked, setPicked] = useState<PickedGroup[]>(() => dataOf(step, 'push-groups')?.groups ?? []);

  // The boxes follow what main saved (a sandbox play ticks them, a save adds new ones); a box the
  // admin changed and main has not seen yet keeps the admin's value.
  const saved = useRef(step.checklist);
  const checklistKey = step.checklist.map((c) => `${c.id}:${c.confirmed}`).join('|');
  useEffect(() => {
    const before = new Map(saved.current.map((c) => [c.id, c.confirmed]));
    saved.current = step.checklist;
    setChecklist((current) =>
      Object.fromEntries(step.checklist.map((c) => [c.id, before.get(c.id) === c.confirmed ? (current[c.id] ?? c.confirmed) : c.confirmed])),
    );
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

  const run = async (extra: Partial<StepInput> = {}) => {
    const input = inputFor();
    if (input) await runStep(step.id, { ...input, ...extra });
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
      {error && <RunError error={error} stepId={step.id} steps={steps} onRetry={() => void (error.during === 'play' ? playStep(step.id) : run())} />}
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
      {step.id === 'create-app' && <AdoptApp step={step} disabled={busy} onConfirm={(appId) => void run({ confirmAdoptAppId: appId })} />}
      {step.id === 'create-app' && <AppDrift step={step} disabled={busy} onConfirm={(fingerprint) => void run({ confirmAppReplace: true, replaceFingerprint: fingerprint })} />}
      {step.id === 'assertion-preview' && <AssertionPreview step={step} />}
      {step.id === 'push-groups' && <GroupPicker picked={picked} onChange={setPicked} disabled={busy} />}
      {step.id === 'push-groups' && <RuleRemoval step={step} disabled={busy} onConfirm={() => void run({ confirmRuleRemoval: true })} />}
      {step.id === 'push-groups' && <AssignmentGroupNote step={step} />}
      {step.id === 'push-groups' && <PushedGroupsTable step={step} />}
      {step.id === 'primary-phone' && <PhoneFill step={step} disabled={busy} />}
      {step.id === 'group-mapping' && <MappingEditor step={step} steps={steps} disabled={busy} />}

      {step.instructions.length > 0 && <Instructions step={step} />}

      {step.values.length > 0 && <ValuesTable step={step} />}
      {step.deepLink && <DeepLink link={step.deepLink} sandbox={sandbox} />}

      {step.checklist.length > 0 && (
        <Checklist items={step.checklist} checked={checklist} disabled={busy} onChange={(id, confirmed) => setChecklist((c) => ({ ...c, [id]: confirmed }))} />
      )}

      <div className="wizard-actions">
        <div className="wizard-actions-main">
          {/* Once the step is done, going on is the main action; re-running stays one click away. */}
          <button type="button" className={`btn ${done ? 'btn-secondary' : 'btn-primary'}`} disabled={busy} onClick={() => void run()} data-action="run">
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
              className="btn btn-primary wizard-next"
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
