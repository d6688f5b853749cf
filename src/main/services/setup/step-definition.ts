import type { Profile } from '../../../shared/profile';
import type { ChecklistItem, CopyValue, SetupStepId, StepInput } from '../../../shared/setup';
import type { StepDataOf } from '../../../shared/setup-data';
import type { SetupContext, StepOutcome } from './setup-context';
import type { SandboxAdmin } from './sandbox-admin';

/** The static parts of a step's screen, from the saved profile only (no network). */
export interface StepStatic {
  instructions: string[];
  values: CopyValue[];
  /** Items the admin confirms by hand; `confirmed` is filled in by the service from saved state. */
  checklist: Pick<ChecklistItem, 'id' | 'label'>[];
  deepLink?: { label: string; url: string };
}

export interface DescribeInput {
  profile: Profile;
  /** Saved data of every step (this one's included), for values that come from earlier steps. */
  all: <K extends SetupStepId>(id: K) => StepDataOf<K>;
}

export interface StepDefinition<K extends SetupStepId = SetupStepId> {
  id: K;
  title: string;
  why: string;
  mode: 'automated' | 'manual' | 'mixed';
  /** True when the sandbox controls can play this step's admin-UI part. */
  sandboxCanPlay: boolean;
  describe(input: DescribeInput): StepStatic;
  /** Does the step's work (API calls, saving the admin's inputs), then verifies. */
  run(ctx: SetupContext, input: StepInput): Promise<StepOutcome<K>>;
  /** Reads back and settles the status, changing nothing remote. */
  verify(ctx: SetupContext): Promise<StepOutcome<K>>;
  /** Sandbox only: what the admin would click in Okta's or ThreatLocker's UI. */
  play?(ctx: SetupContext, admin: SandboxAdmin): Promise<void>;
}
