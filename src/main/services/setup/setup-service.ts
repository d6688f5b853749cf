import { AppError } from '../../../shared/errors';
import type { Profile } from '../../../shared/profile';
import { readStepData, toViewData } from '../../../shared/setup-data';
import { type SetupStepId, type SetupView, type StepInput, type StepView } from '../../../shared/setup';
import { HttpError } from '../net/http-errors';
import { fingerprintOf } from '../secrets/secret-store';
import { checklistConfirmedBy, SetupContext, UNREADABLE_REASON, type SetupDeps, type StepOutcome } from './setup-context';
import { groupNameOrDeleted } from './group-names';
import { validateProfileInputs } from './input-validation';
import { failedOutcome } from './step-errors';
import { assignmentGroupName } from './steps/assignment-group';
import { stepById, steps } from './steps';
import { markSetupStale, SANDBOX_STOPPED_REASON } from '../profiles/stale-results';
import { buildSummary } from './summary';

const DONE = new Set(['verified', 'unverifiable']);

/** A stale result keeps its data (to find what exists) but loses its verdict and its findings. */
function withdrawVerdict(view: StepView, reason: string): void {
  const was = view.status === 'verified' ? 'It was verified' : view.status === 'failed' ? 'It had failed' : 'It was done';
  view.status = 'needs-recheck';
  view.staleReason = reason;
  view.detail = `${was}, but ${reason}.`;
  view.hint = 'Run this step again to check it against the org as it is now.';
  view.findings = [];
}

/**
 * The setup wizard: runs, verifies and replays steps, and builds the screen from what is saved
 * in the profile (so a restart resumes where the last run stopped).
 */
export class SetupService {
  /** One step at a time per profile: step state is read-modify-write on the profile file. */
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: SetupDeps) {}

  async get(profileId: string): Promise<SetupView> {
    return this.view(await this.deps.clients.profile(profileId));
  }

  runStep(profileId: string, stepId: SetupStepId, input: StepInput = {}): Promise<SetupView> {
    return this.exclusive(profileId, async () => {
      const step = stepById(stepId);
      const ctx = new SetupContext(this.deps, await this.checkedProfile(profileId), stepId);
      // The admin's confirmations are kept whatever the run's outcome.
      if (input.checklist) await ctx.confirm(input.checklist, 'admin');
      const outcome = await this.settle(() => step.run(ctx, input));
      await ctx.saveOutcome(outcome);
      return this.view(ctx.profile);
    });
  }

  /** Sandbox only: plays the admin-UI clicks of a manual step, then verifies it. */
  playStep(profileId: string, stepId: SetupStepId): Promise<SetupView> {
    return this.exclusive(profileId, async () => {
      const step = stepById(stepId);
      const ctx = new SetupContext(this.deps, await this.checkedProfile(profileId), stepId);
      if (!ctx.profile.sandbox) {
        throw new AppError('SANDBOX', 'Only sandbox profiles can play steps.', { hint: 'Do this step by hand in Okta or ThreatLocker.' });
      }
      const admin = ctx.sandbox();
      if (!admin) throw new AppError('SANDBOX', 'The sandbox is not running.', { hint: 'Start the sandbox, then play the step again.', retryable: true });
      if (!step.play || !step.sandboxCanPlay) {
        throw new AppError('VALIDATION', `Step "${step.title}" has nothing for the sandbox to play.`, { hint: 'Run the step instead.' });
      }
      const play = step.play.bind(step);
      try {
        await play(ctx, admin);
      } catch (err) {
        if (err instanceof AppError) throw err;
        // The simulators' refusals are plain errors with a readable reason, never a secret.
        throw new AppError('SANDBOX', `The sandbox refused: ${err instanceof Error ? err.message : String(err)}`, { hint: 'Do what the sandbox asks (often an earlier step, or a value in this one), then play the step again.' });
      }
      const outcome = await this.settle(() => step.verify(ctx));
      await ctx.saveOutcome(outcome);
      return this.view(ctx.profile);
    });
  }

  async searchGroups(profileId: string, query: string): Promise<{ id: string; name: string; description?: string; type?: string }[]> {
    const profile = await this.deps.clients.profile(profileId);
    const out: { id: string; name: string; description?: string; type?: string }[] = [];
    // q is a startsWith on the name; capped so a big org answers fast.
    const { label } = readStepData('create-app', profile.setup.steps['create-app']?.data).data;
    const assignment = assignmentGroupName(label ?? 'ThreatLocker');
    for await (const g of this.deps.clients.okta(profile).listGroups({ q: query || undefined, limit: 50 })) {
      // Only Okta groups can be pushed: app groups are other apps' (or this app's pushed targets), Everyone is built in.
      if (g.type && g.type !== 'OKTA_GROUP') continue;
      // The console's own assignment group is never pushed (Okta: assignment and push use different groups).
      if (g.profile.name === assignment) continue;
      const row: { id: string; name: string; description?: string; type?: string } = { id: g.id, name: g.profile.name };
      if (g.profile.description) row.description = g.profile.description;
      if (g.type) row.type = g.type;
      out.push(row);
      if (out.length >= 50) break;
    }
    return out;
  }

  /** Group membership rules with their target groups ("push groups by rule" takes those groups). */
  async listGroupRules(profileId: string): Promise<{ id: string; name: string; status: string; groups: { id: string; name: string }[] }[]> {
    const profile = await this.deps.clients.profile(profileId);
    const okta = this.deps.clients.okta(profile);
    const names = new Map<string, string>();
    const rules = [];
    for await (const r of okta.listGroupRules({ expand: 'groupIdToGroupNameMap' })) {
      const map = (r._embedded?.groupIdToGroupNameMap ?? {}) as Record<string, unknown>;
      for (const [id, name] of Object.entries(map)) if (typeof name === 'string' && name !== '') names.set(id, name);
      rules.push(r);
    }
    const out = [];
    for (const r of rules) {
      const groups: { id: string; name: string }[] = [];
      for (const id of r.actions?.assignUserToGroups?.groupIds ?? []) {
        // One deleted target group must not fail the whole list.
        if (!names.has(id)) names.set(id, await groupNameOrDeleted(okta, id));
        groups.push({ id, name: names.get(id)! });
      }
      out.push({ id: r.id, name: r.name, status: r.status, groups });
    }
    return out;
  }

  /** Wrong inputs fail here, before the profile's URLs are registered or any request is sent. */
  private async checkedProfile(profileId: string): Promise<Profile> {
    await validateProfileInputs(this.deps, await this.deps.store.get(profileId));
    return this.deps.clients.profile(profileId);
  }

  private async settle(work: () => Promise<StepOutcome>): Promise<StepOutcome> {
    try {
      return await work();
    } catch (err) {
      // Wrong inputs are the caller's to fix before anything is recorded or sent.
      // (An HttpError is the remote's refusal, which is the step's failure to report, not an input error.)
      if (err instanceof AppError && err.code === 'VALIDATION' && !(err instanceof HttpError)) throw err;
      return failedOutcome(err);
    }
  }

  private async view(saved: Profile): Promise<SetupView> {
    // A sandbox org exists only while this process's sandbox serves it: otherwise nothing saved can hold.
    const profile = saved.sandbox && !this.sandboxRunning() ? markSetupStale(saved, SANDBOX_STOPPED_REASON, new Date().toISOString()) : saved;
    const scimToken = await this.deps.secrets.get(profile.id, 'scimBearerToken').catch(() => null);
    return savedSetupView(profile, scimToken ? fingerprintOf(scimToken) : undefined);
  }

  /** Starting the sandbox points its profile at it (and marks older results stale if it is a new org). */
  private sandboxRunning(): boolean {
    return this.deps.sandboxHandle() !== null;
  }

  private exclusive<T>(profileId: string, work: () => Promise<T>): Promise<T> {
    const prev = this.locks.get(profileId) ?? Promise.resolve();
    const next = prev.catch(() => undefined).then(work);
    this.locks.set(profileId, next);
    void next.finally(() => {
      if (this.locks.get(profileId) === next) this.locks.delete(profileId);
    }).catch(() => undefined);
    return next;
  }
}

/** The view of a profile's saved state alone: no keychain, no network (offline review). */
export function savedSetupView(profile: Profile, scimFingerprint?: string): SetupView {
  const views = steps.map((s, i) => stepView(profile, s.id, i + 1));
  const resumeAt = views.find((v) => !DONE.has(v.status))?.id;
  const view: SetupView = { profileId: profile.id, steps: views, summary: buildSummary(profile, scimFingerprint) };
  if (resumeAt) view.resumeAt = resumeAt;
  return view;
}

function stepView(profile: Profile, id: SetupStepId, number: number): StepView {
  const step = stepById(id);
  const state = profile.setup.steps[id];
  const { readable, data } = readStepData(id, state?.data);
  const all = <K extends SetupStepId>(other: K) => readStepData(other, profile.setup.steps[other]?.data).data;
  const parts = step.describe({ profile, all });
  const view: StepView = {
    id,
    number,
    title: step.title,
    why: step.why,
    mode: step.mode,
    status: state?.status ?? 'not-started',
    instructions: parts.instructions,
    values: parts.values,
    checklist: parts.checklist.map((c) => {
      const by = checklistConfirmedBy(profile, data, c.id);
      const at = data.checklistAt?.[c.id];
      return by ? { ...c, confirmed: true, confirmedBy: by, ...(at ? { confirmedAt: at } : {}) } : { ...c, confirmed: false };
    }),
    // Saved data comes from a file (possibly imported): a malformed finding was dropped on reading.
    findings: data.findings ?? [],
    data: toViewData(id, data),
    sandboxCanPlay: profile.sandbox && step.sandboxCanPlay,
  };
  if (state?.detail) view.detail = state.detail;
  if (data.hint) view.hint = data.hint;
  if (state?.updatedAt) view.updatedAt = state.updatedAt;
  if (state?.stale && state.status !== 'not-started') withdrawVerdict(view, state.stale.reason);
  else if (!readable && state && state.status !== 'not-started') withdrawVerdict(view, UNREADABLE_REASON);
  if (parts.deepLink) view.deepLink = parts.deepLink;
  return view;
}
