import type { NamedRef } from '../../../../../shared/setup-data';
import type { StepView } from '../../../../../shared/setup';
import { useToastStore } from '../../../../core/toast-store';
import { useSetupStore } from '../../setup-store';
import { dataOf } from '../../step-data';

/** What the editor says before it pushes a group (one sentence: the push reaches people, not just a list). */
export const pushSays = (name: string) =>
  `Step 8 runs again with “${name}” added: Okta pushes the group to ThreatLocker and, through the group rule, assigns the app to its members, so Okta provisions them to ThreatLocker as users.`;

/**
 * Pushes one more group from the mapping editor by running step 8 (push groups) with the groups it
 * already pushes plus this one: the same store action and main step runner as the wizard's step 8.
 * When step 8 needs the admin (a confirmation, an error) it opens step 8 and says why.
 */
export function usePushGroup(steps: StepView[]) {
  const runStep = useSetupStore((s) => s.runStep);
  const select = useSetupStore((s) => s.select);
  const picked = dataOf(steps.find((s) => s.id === 'push-groups'), 'push-groups')?.groups ?? [];
  return async (group: NamedRef): Promise<string | undefined> => {
    const ran = await runStep('push-groups', { groupIds: [...picked.map((g) => g.id), group.id] });
    const { view } = useSetupStore.getState();
    const step8 = view.status === 'ready' ? view.value.steps.find((s) => s.id === 'push-groups') : undefined;
    const data = dataOf(step8, 'push-groups');
    const row = data?.pushed?.find((g) => g.id === group.id);
    if (ran && row?.mappingStatus === 'ACTIVE' && !row.errorSummary) {
      const rest = step8?.status === 'verified' ? '' : ` Step 8 still reports: ${step8?.detail ?? 'a problem'}`;
      return `Step 8 pushed “${group.name}”: Okta’s read-back lists its push as ACTIVE.${rest}`;
    }
    const why = !ran
      ? 'it could not run, and says why there'
      : data?.ruleRemovalNeedsConfirmation?.length
        ? 'it needs your confirmation before it changes the group rule'
        : row?.errorSummary
          ? `Okta’s push of it is in ERROR: ${row.errorSummary}`
          : (step8?.detail?.replace(/\.$/, '') ?? 'it did not finish');
    select('push-groups');
    // It explains a jump to another step: it stays until dismissed (an info toast would go after 5 s).
    useToastStore.getState().show({ tone: 'warning', title: `“${group.name}” is not pushed yet`, message: `Opened step 8: ${why}.` }, { timeoutMs: 0 });
    return undefined;
  };
}
