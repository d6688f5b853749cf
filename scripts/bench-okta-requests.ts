/**
 * How many Okta requests the wizard spends, per step, against the sandbox with a big org: the
 * budget is shared with every other integration of the org, so each step should make the fewest
 * requests that carry the data (largest pages: app users 500, group members 1000, logs 1000).
 *
 *   npx tsx scripts/bench-okta-requests.ts [--users N] [--org-type enterprise|developer]
 *
 * Prints one line per step: requests made, and the 429s and peak in flight seen by the sandbox.
 */
import type { SetupStepId } from '../src/shared/setup';
import { startSandbox } from '../sandbox/index';
import { buildHarness, memoryKeytar, newDataDir } from '../tests/support/setup-harness';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const users = Number(arg('users') ?? 20_000);
const orgType = arg('org-type') === 'developer' ? 'developer' : 'enterprise';

const sb = await startSandbox({ users, groups: 30, orgType });
try {
  const h = await buildHarness({ dataDir: await newDataDir(), keychainService: 'bench-okta-requests', sandbox: sb, keytar: memoryKeytar() });
  const profileId = (await h.sandbox.start()).profile.id;
  const count = () => sb.okta.concurrency().requests;
  const measure = async (label: string, work: () => Promise<unknown>) => {
    const before = count();
    const t = Date.now();
    await work();
    console.log(`${label.padEnd(34)} ${String(count() - before).padStart(5)} requests  ${Date.now() - t} ms`);
  };
  const run = (stepId: SetupStepId, input: Record<string, unknown> = {}) => h.ok('setup:runStep', { profileId, stepId, input });
  const play = (stepId: SetupStepId) => h.ok('sandbox:playStep', { profileId, stepId });
  console.log(`Okta sandbox: ${users} users, ${orgType} org`);
  await measure('1 prerequisites', () => run('prerequisites'));
  await measure('2 create-app', () => run('create-app'));
  await measure('3 assertion-preview', () => run('assertion-preview'));
  await measure('5 enable-scim (play)', () => play('enable-scim'));
  await measure('6 scim-connection (play)', () => play('scim-connection'));
  await measure('7 to-app', () => run('to-app').then(() => play('to-app')));
  const { groups } = await h.ok('setup:searchGroups', { profileId, query: 'ThreatLocker' });
  await measure(`8 push-groups (${groups.length} groups)`, () => run('push-groups', { groupIds: groups.map((g) => g.id) }));
  await sb.okta.controls.whenIdle();
  await measure('9 primary-phone (verify)', () => h.ok('setup:runStep', { profileId, stepId: 'primary-phone', input: {} }));
  const seen = sb.okta.concurrency();
  console.log(`429 from a bucket: ${seen.rateLimited}; refused for concurrency: ${seen.rejected}; peak in flight: ${seen.peak}`);
} finally {
  await sb.stop();
}
