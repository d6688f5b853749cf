/**
 * The sandbox: an Okta simulator and a ThreatLocker simulator on 127.0.0.1, used by the
 * product's demo mode and by the tests. Each simulator gets its own FaultSettings so a test can
 * break one side without touching the other.
 */
import type { FaultPlan } from './fault-spec';
import { noFaults } from './faults';
import { startOktaOidcServer, type OktaOidcServer } from './okta/okta-oidc-server';
import { startOktaSimulator, type OktaSimulator, type OktaSimulatorOptions, type OrgType } from './okta/okta-simulator';
import { seedProvisionedSetup, type ProvisionedSetup } from './provisioned-setup';
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
  /** Okta's published limits of an enterprise (default) or a free developer org. */
  orgType?: OrgType;
  /** Tests only: a shorter rate-limit window, and a per-request latency so concurrency is real. */
  oktaTiming?: Pick<OktaSimulatorOptions, 'rateWindowMs' | 'serviceTimeMs'>;
  /** ThreatLocker's SCIM Enabled toggle at start (default on; the product's "Try" flow starts it off). */
  threatlockerScimEnabled?: boolean;
  /** Seed a finished setup the way the wizard makes it (provisioned-setup.ts). */
  provisioned?: boolean;
  /** Faults switched on from the start (`--faults`); the sandbox controls can change them later. */
  faults?: Partial<FaultPlan>;
}

export interface Sandbox {
  okta: OktaSimulator;
  /** The org's OpenID Connect provider (sign-in with OAuth 2.0). */
  oidc: OktaOidcServer;
  threatlocker: ThreatLockerSimulator;
  /** With `provisioned`: what was set up. */
  provisioned?: ProvisionedSetup;
  stop(): Promise<void>;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const seed = opts.seed ?? 42;
  // The org's authorization server: OAuth sign-in, and the judge of the Bearer tokens the simulator gets.
  const oidc = await startOktaOidcServer();
  const okta = await startOktaSimulator({
    verifyBearer: (token) => oidc.verify(token),
    seed,
    ...(opts.users !== undefined ? { users: opts.users } : {}),
    ...(opts.groups !== undefined ? { groups: opts.groups } : {}),
    ...(opts.orgType ? { orgType: opts.orgType } : {}),
    ...opts.oktaTiming,
    faults: { ...noFaults(), ...opts.faults?.okta },
  });
  let threatlocker: ThreatLockerSimulator;
  try {
    threatlocker = await startThreatLockerSimulator({
      seed,
      faults: { ...noFaults(), ...opts.faults?.threatlocker },
      // A finished setup needs SCIM on; otherwise as asked (default on).
      scimEnabled: opts.provisioned === true || opts.threatlockerScimEnabled !== false,
      // The MSP's own portal admins, who exist before Okta provisions anyone.
      existingAdministrators: [
        { userName: 'msp.owner@acme-msp.example', givenName: 'Morgan', familyName: 'Reyes' },
        { userName: 'msp.tech@acme-msp.example', givenName: 'Sam', familyName: 'Okafor' },
      ],
    });
  } catch (error) {
    // Do not leave the Okta servers listening when the sandbox as a whole failed to start.
    await okta.stop();
    await oidc.stop();
    throw error;
  }
  let stopped: Promise<void> | undefined;
  const sandbox: Sandbox = {
    okta,
    oidc,
    threatlocker,
    stop: () => {
      stopped ??= Promise.all([okta.stop(), oidc.stop(), threatlocker.stop()]).then(() => undefined);
      return stopped;
    },
  };
  if (opts.provisioned) {
    try {
      sandbox.provisioned = await seedProvisionedSetup(okta, threatlocker);
    } catch (error) {
      await sandbox.stop();
      throw error;
    }
  }
  return sandbox;
}
