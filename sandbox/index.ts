/**
 * The sandbox: an Okta simulator and a ThreatLocker simulator on 127.0.0.1, used by the
 * product's demo mode and by the tests. Each simulator gets its own FaultSettings so a test can
 * break one side without touching the other.
 */
import type { FaultPlan } from './fault-spec';
import { noFaults } from './faults';
import { startOktaSimulator, type OktaSimulator } from './okta/okta-simulator';
import { startThreatLockerSimulator, type ThreatLockerSimulator } from './threatlocker/threatlocker-simulator';

export type { OktaSimulator } from './okta/okta-simulator';
export type { ThreatLockerSimulator } from './threatlocker/threatlocker-simulator';

export interface SandboxOptions {
  /** Seeds both simulators (default 42). */
  seed?: number;
  /** Okta users to seed. */
  users?: number;
  /** Okta groups to seed. */
  groups?: number;
  /** Faults switched on from the start (`--faults`); the sandbox controls can change them later. */
  faults?: Partial<FaultPlan>;
}

export interface Sandbox {
  okta: OktaSimulator;
  threatlocker: ThreatLockerSimulator;
  stop(): Promise<void>;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const seed = opts.seed ?? 42;
  const okta = await startOktaSimulator({
    seed,
    ...(opts.users !== undefined ? { users: opts.users } : {}),
    ...(opts.groups !== undefined ? { groups: opts.groups } : {}),
    faults: { ...noFaults(), ...opts.faults?.okta },
  });
  let threatlocker: ThreatLockerSimulator;
  try {
    threatlocker = await startThreatLockerSimulator({
      seed,
      faults: { ...noFaults(), ...opts.faults?.threatlocker },
      // The MSP's own portal admins, who exist before Okta provisions anyone.
      existingAdministrators: [
        { userName: 'msp.owner@acme-msp.example', givenName: 'Morgan', familyName: 'Reyes' },
        { userName: 'msp.tech@acme-msp.example', givenName: 'Sam', familyName: 'Okafor' },
      ],
    });
  } catch (error) {
    // Do not leave the Okta server listening when the sandbox as a whole failed to start.
    await okta.stop();
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return {
    okta,
    threatlocker,
    stop: () => {
      stopped ??= Promise.all([okta.stop(), threatlocker.stop()]).then(() => undefined);
      return stopped;
    },
  };
}
