import type { FaultSettings } from './faults';

/** Which simulator a fault applies to. */
export type FaultTarget = 'okta' | 'threatlocker';
export const faultTargets: readonly FaultTarget[] = ['okta', 'threatlocker'];

export type FaultPlan = Record<FaultTarget, Partial<FaultSettings>>;

/** The names people type, and the setting each one sets. */
const settingOf: Record<string, keyof FaultSettings> = {
  latency: 'latencyMs',
  '429': 'next429',
  '5xx': 'next5xx',
  drop: 'nextDrop',
  malformed: 'nextMalformed',
};

const maxOf: Record<keyof FaultSettings, number> = {
  latencyMs: 30_000,
  next429: 100_000,
  next5xx: 100_000,
  nextDrop: 100_000,
  nextMalformed: 100_000,
};

export const FAULT_SPEC_HELP =
  'SPEC is a comma-separated list of [okta:|threatlocker:]NAME=N, where NAME is latency (ms added to every answer), ' +
  '429, 5xx, drop or malformed (how many of the next requests get that fault). Without a prefix a fault applies to ' +
  'both simulators. Example: okta:malformed=20,threatlocker:5xx=1';

/**
 * Parses `--faults` (e.g. `okta:429=3,threatlocker:5xx=1,latency=200`) into the settings of each
 * simulator. Returns an error that names the part to fix rather than guessing.
 */
export function parseFaultSpec(spec: string): FaultPlan | { error: string } {
  const plan: FaultPlan = { okta: {}, threatlocker: {} };
  const parts = spec
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) return { error: `--faults needs at least one fault. ${FAULT_SPEC_HELP}` };
  for (const part of parts) {
    const match = /^(?:(okta|threatlocker|tl):)?([a-z0-9]+)=(\d+)$/i.exec(part);
    if (!match) return { error: `"${part}" is not a fault. ${FAULT_SPEC_HELP}` };
    const [, rawTarget, rawName, rawValue] = match;
    const setting = settingOf[rawName!.toLowerCase()];
    if (!setting) return { error: `Unknown fault "${rawName}" in "${part}": use latency, 429, 5xx, drop or malformed.` };
    const value = Number(rawValue);
    if (value > maxOf[setting]) return { error: `"${part}": ${rawName} can be at most ${maxOf[setting]}.` };
    const target = rawTarget?.toLowerCase();
    const targets: FaultTarget[] = target === undefined ? [...faultTargets] : [target === 'okta' ? 'okta' : 'threatlocker'];
    for (const t of targets) plan[t][setting] = value;
  }
  return plan;
}

/** One line per simulator with a fault switched on, for the CLI's output; empty when none is. */
export function describeFaultPlan(plan: FaultPlan): string[] {
  const names = Object.fromEntries(Object.entries(settingOf).map(([name, setting]) => [setting, name])) as Record<keyof FaultSettings, string>;
  return faultTargets
    .map((t) => {
      const on = Object.entries(plan[t]).filter(([, v]) => v !== undefined && v > 0);
      return on.length ? `FAULTS_${t.toUpperCase()}=${on.map(([k, v]) => `${names[k as keyof FaultSettings]}=${v}`).join(',')}` : '';
    })
    .filter(Boolean);
}
