/**
 * How fast the Status refresh reads a large org within Okta's limits, and how fast the join and
 * the per-keystroke filtering are.
 *
 *   npm run bench:status -- [--users 100000] [--groups 10000] [--pushed-groups 2000] [--window-ms 60000]
 *
 * The parent process starts the provisioned sandbox, grows it (every active user assigned and
 * provisioned, N pushed groups with their ThreatLocker groups, seeded directly in the simulators
 * rather than through 100,000 pushes), then runs the refresh in a child process so the peak RSS
 * printed is the console's, not the simulators'. --window-ms shortens Okta's rate-limit window
 * (the limits per window stay Okta's published ones) so a run that needs several windows ends in
 * minutes; the lower bound below uses the same window.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '../sandbox/index';
import { bucketOf, ORG_LIMITS, type RateBucket } from '../sandbox/okta/okta-rate-limits';
import type { Logger } from '../src/main/services/log/logger';
import { readStatusOnce } from '../src/main/services/status/status-standalone';
import { RowIndex } from '../src/main/services/status/status-view';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};

if (process.env.BENCH_STATUS_CHILD) await child();
else await parent();

async function parent(): Promise<void> {
  const users = arg('users', 100_000);
  const groups = arg('groups', 10_000);
  const pushedGroups = arg('pushed-groups', 2_000);
  const windowMs = arg('window-ms', 60_000);
  let t = Date.now();
  const sb = await startSandbox({ provisioned: true, users, groups, oktaTiming: { rateWindowMs: windowMs } });
  try {
    console.log(`sandbox: ${users} users, ${groups} groups, enterprise limits, window ${windowMs / 1000} s (started in ${Date.now() - t} ms)`);
    t = Date.now();
    const grown = grow(sb, pushedGroups);
    console.log(`grown: ${grown.appUsers} app users provisioned, ${grown.mappings} pushed groups (in ${Date.now() - t} ms)`);
    // Okta's windows start at a bucket's first request: let the ones seeding opened run out, so
    // the refresh starts on fresh budgets and the lower bound below is exact.
    await new Promise((r) => setTimeout(r, windowMs + 1_000));
    const before = sb.okta.concurrency();
    const out = await new Promise<string>((resolve, reject) => {
      const c = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
        env: { ...process.env, BENCH_STATUS_CHILD: '1', OKTA_URL: sb.okta.url, OKTA_TOKEN: sb.okta.apiToken, APP_ID: sb.provisioned!.appId, SCIM_URL: sb.threatlocker.scimUrl, SCIM_TOKEN: sb.threatlocker.scimToken, WINDOW_MS: String(windowMs) },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let text = '';
      c.stdout.on('data', (d: Buffer) => (text += d.toString()));
      c.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`the measuring process exited with ${code}`))));
    });
    process.stdout.write(out);
    const after = sb.okta.concurrency();
    console.log(`sandbox saw: ${after.requests - before.requests} requests, ${after.rateLimited - before.rateLimited} bucket 429s, ${after.rejected - before.rejected} concurrency 429s, peak in flight ${after.peak} (cap ${ORG_LIMITS.enterprise.concurrency})`);
  } finally {
    await sb.stop();
  }
}

/** Every active user assigned and provisioned; N groups pushed with their members in ThreatLocker. */
function grow(sb: Awaited<ReturnType<typeof startSandbox>>, pushedGroups: number): { appUsers: number; mappings: number } {
  const store = sb.okta.state.store;
  const app = store.apps.get(sb.provisioned!.appId)!;
  const tl = sb.threatlocker.scimStore;
  const now = new Date().toISOString();
  const tlIdOf = new Map<string, string>();
  for (const au of app.users.values()) if (au.externalId) tlIdOf.set(au.userId, au.externalId);
  let added = 0;
  for (const u of store.users) {
    if (u.status !== 'ACTIVE' || app.users.has(u.id)) continue;
    let created;
    try {
      created = tl.createUser({ userName: u.profile.login, name: { givenName: u.profile.firstName ?? '', familyName: u.profile.lastName ?? '' }, active: true });
    } catch {
      continue; // already in ThreatLocker (the seed's deactivated leaver)
    }
    tlIdOf.set(u.id, created.id);
    app.users.set(u.id, {
      seq: store.nextSeq(), userId: u.id, direct: true, viaGroups: new Set(), status: 'PROVISIONED', syncState: 'SYNCHRONIZED', externalId: created.id,
      userName: u.profile.login, created: now, lastUpdated: now, statusChanged: now, lastSync: now, lastError: null, profileOverrides: {},
    });
    added++;
  }
  const already = new Set([...app.pushMappings.values()].map((m) => m.sourceGroupId));
  let mappings = 0;
  for (const g of store.groups) {
    if (mappings >= pushedGroups) break;
    if (g.type !== 'OKTA_GROUP' || already.has(g.id)) continue;
    const members = store.membersOf(g).map((u) => tlIdOf.get(u.id)).filter((id): id is string => !!id);
    let target;
    try {
      target = tl.createGroup({ displayName: g.name, members: members.map((value) => ({ value })) });
    } catch {
      continue; // a duplicate display name in the seed
    }
    const id = store.ids.next('gPm');
    app.pushMappings.set(id, { seq: store.nextSeq(), id, sourceGroupId: g.id, targetGroupId: target.id, status: 'ACTIVE', errorSummary: null, lastPush: now, created: now, lastUpdated: now });
    mappings++;
  }
  return { appUsers: added, mappings };
}

async function child(): Promise<void> {
  const env = (name: string) => process.env[name] ?? '';
  const windowMs = Number(env('WINDOW_MS'));
  const perBucket = new Map<RateBucket, number>();
  const firstAnswer = new Map<RateBucket, boolean>();
  let total429 = 0;
  let steady429 = 0;
  const count = (line: string) => {
    const m = /^(GET|POST|PUT|DELETE) (\S+) -> (\d{3})/.exec(line);
    if (!m) return;
    const bucket = bucketOf(new URL(m[2]!).pathname);
    perBucket.set(bucket, (perBucket.get(bucket) ?? 0) + 1);
    if (m[3] === '429') {
      total429++;
      if (firstAnswer.get(bucket)) steady429++;
    }
    firstAnswer.set(bucket, true);
  };
  const logger: Logger = { debug: () => undefined, info: (_a, m) => count(m), warn: (_a, m) => count(m), error: () => undefined };
  let peakRss = 0;
  const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const started = performance.now();
  const startedAt = Date.now();
  const { fetched, join, joinMs } = await readStatusOnce({ oktaUrl: env('OKTA_URL'), oktaToken: env('OKTA_TOKEN'), appId: env('APP_ID'), scimUrl: env('SCIM_URL'), scimToken: env('SCIM_TOKEN'), allowLoopback: true, logger });
  const wall = performance.now() - started;
  clearInterval(sample);
  peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);

  const limits = ORG_LIMITS.enterprise.buckets;
  let bound = 0;
  const lines: string[] = [];
  for (const [bucket, n] of [...perBucket].sort((a, b) => b[1] - a[1])) {
    const windows = Math.floor((n - 1) / limits[bucket]);
    bound = Math.max(bound, windows * windowMs);
    lines.push(`  ${bucket.padEnd(10)} ${String(n).padStart(6)} requests (limit ${limits[bucket]}/window: at least ${windows} full window waits)`);
  }
  // Per keystroke: typing "smith" one letter at a time, then clearing it, in main (where the rows live).
  const index = new RowIndex(join);
  const keystrokes: number[] = [];
  for (const text of ['s', 'sm', 'smi', 'smit', 'smith', 'smit', 'smi', 'sm', 's', '']) {
    const t = performance.now();
    index.page({ text, sort: 'cls', desc: false, offset: 0, limit: 100 });
    keystrokes.push(performance.now() - t);
  }
  const sorted = [...keystrokes].sort((a, b) => a - b);

  console.log(`refresh: ${Math.round(wall)} ms wall; ${fetched.failed.length ? `PARTIAL (${fetched.failed.join(', ')})` : 'complete'}; ${join.people.length} people, ${join.groups.length} pushed groups`);
  console.log(`sources done after: ${fetched.states.map((st) => `${st.source} ${st.readAt ? `${Math.round((Date.parse(st.readAt) - startedAt) / 1000)} s` : st.state}`).join(', ')}`);
  console.log('requests per bucket:');
  console.log(lines.join('\n'));
  // The Okta side alone: ThreatLocker's SCIM reads run in parallel and are not bound by Okta's limits.
  const oktaMs = Math.max(...fetched.states.filter((st) => st.source.startsWith('okta-') && st.readAt).map((st) => Date.parse(st.readAt!) - startedAt));
  const ratio = (ms: number) => (bound > 0 ? (bound / ms).toFixed(2) : 'n/a (every bucket fits in one window)');
  console.log(`lower bound from Okta's limits: ${Math.round(bound)} ms; Okta sources read in ${oktaMs} ms: ratio bound/achieved ${ratio(oktaMs)} (whole refresh: ${ratio(wall)})`);
  console.log(`429s received: ${total429} total, ${steady429} in steady state (after each bucket's first answer)`);
  console.log(`peak RSS of the refreshing process: ${Math.round(peakRss / 1048576)} MB`);
  console.log(`join: ${Math.round(joinMs)} ms for ${join.people.length} people`);
  console.log(`filter per keystroke (main, 100-row page): median ${sorted[5]!.toFixed(1)} ms, max ${sorted[sorted.length - 1]!.toFixed(1)} ms`);
}
