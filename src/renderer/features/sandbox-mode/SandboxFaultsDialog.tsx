import { useEffect, useState } from 'react';
import type { FaultSettingsView, SandboxFaults } from '../../../shared/ipc-contract';
import { Dialog } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { useSandboxStore } from './sandbox-store';

type Target = keyof SandboxFaults;
const targets: { id: Target; label: string }[] = [
  { id: 'okta', label: 'Okta' },
  { id: 'threatlocker', label: 'ThreatLocker (portal API and SCIM)' },
];
const fields: { key: keyof FaultSettingsView; label: string; max: number }[] = [
  { key: 'latencyMs', label: 'Latency added to every answer (ms)', max: 30_000 },
  { key: 'next429', label: 'Next requests answered 429 (rate limited)', max: 100_000 },
  { key: 'next5xx', label: 'Next requests answered 500/502/503', max: 100_000 },
  { key: 'nextDrop', label: 'Next requests dropped (connection closed)', max: 100_000 },
  { key: 'nextMalformed', label: 'Next requests answered with a body that is not JSON', max: 100_000 },
];
const none: FaultSettingsView = { latencyMs: 0, next429: 0, next5xx: 0, nextDrop: 0, nextMalformed: 0 };

/**
 * The sandbox's fault switches, to rehearse failures: each count is consumed by the next
 * requests to that simulator, so the figures shown go down as the console retries.
 */
export function SandboxFaultsDialog({ onClose }: { onClose: () => void }) {
  const faults = useSandboxStore((s) => s.faults);
  const loadFaults = useSandboxStore((s) => s.loadFaults);
  const setFaults = useSandboxStore((s) => s.setFaults);
  const [target, setTarget] = useState<Target>('okta');
  const [draft, setDraft] = useState<FaultSettingsView>(none);
  const [busy, setBusy] = useState(false);
  const [applied, setApplied] = useState<string>();

  useEffect(() => {
    void loadFaults();
  }, [loadFaults]);
  useEffect(() => {
    if (faults) setDraft(faults[target]);
  }, [faults, target]);

  const apply = async (settings: FaultSettingsView, what: string) => {
    setBusy(true);
    const ok = await setFaults(target, settings);
    setBusy(false);
    if (ok) setApplied(what);
  };
  const name = targets.find((t) => t.id === target)!.label;

  return (
    <Dialog
      title="Sandbox faults"
      size="medium"
      busy={busy}
      onClose={onClose}
      description="Make the simulated servers fail the way real ones do, to see how the console copes. Only the built-in sandbox is affected."
    >
      <form
        className="form sandbox-faults"
        onSubmit={(e) => {
          e.preventDefault();
          void apply(draft, `Faults set for ${name}.`);
        }}
      >
        <fieldset className="sandbox-faults-target">
          <legend className="field-label">Simulator</legend>
          {targets.map((t) => (
            <label key={t.id} className="checkbox">
              <input type="radio" name="fault-target" checked={target === t.id} onChange={() => { setTarget(t.id); setApplied(undefined); }} />
              {t.label}
            </label>
          ))}
        </fieldset>
        {fields.map((f) => (
          <label key={f.key} className="field sandbox-faults-field">
            <span className="field-label">{f.label}</span>
            <input
              className="input"
              type="number"
              min={0}
              max={f.max}
              step={1}
              value={draft[f.key]}
              onChange={(e) => setDraft({ ...draft, [f.key]: Math.min(f.max, Math.max(0, Math.trunc(Number(e.target.value) || 0))) })}
            />
          </label>
        ))}
        <p className="muted" role="status">
          {applied ?? (faults ? `Pending for ${name}: ${describe(faults[target])}.` : 'Reading the current faults…')}
        </p>
        <div className="dialog-actions">
          <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => void apply(none, `Faults cleared for ${name}.`)}>
            Clear faults for {target === 'okta' ? 'Okta' : 'ThreatLocker'}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            <Icon name="check" />
            Apply
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function describe(f: FaultSettingsView): string {
  const on = [
    f.latencyMs > 0 && `${f.latencyMs} ms latency`,
    f.next429 > 0 && `${f.next429} × 429`,
    f.next5xx > 0 && `${f.next5xx} × 5xx`,
    f.nextDrop > 0 && `${f.nextDrop} dropped`,
    f.nextMalformed > 0 && `${f.nextMalformed} malformed`,
  ].filter(Boolean);
  return on.length ? on.join(', ') : 'none';
}
