import { mkdtemp, readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../src/main/app-services';
import { createDispatch, type Dispatch } from '../../src/main/ipc/handle';
import { testAppServices } from '../support/app-services';
import { testKeychainService } from '../support/keychain';
import { goodProfile } from '../support/review-fixtures';
import { reportSchemaErrors } from '../support/report-schema-validator';

/**
 * Offline review through the IPC dispatch, as the renderer calls it. Every outbound request of
 * main goes through the one dispatcher, which asks the proxy resolver per origin, and through the
 * HTTP client: both are recorded, and no review call may touch either.
 */
describe('offline review', () => {
  const keychain = testKeychainService();
  const requests: string[] = [];
  let dataDir: string;
  let services: AppServices;
  let call: (channel: string, payload: unknown) => Promise<any>;
  const good = goodProfile();

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tloc-review-'));
    await mkdir(join(dataDir, 'profiles'), { recursive: true });
    await writeFile(join(dataDir, 'profiles', `${good.id}.json`), JSON.stringify(good));
    services = testAppServices({
      dataDir,
      keychainService: keychain.service,
      network: { resolveProxy: async (url) => (requests.push(`route ${url.origin}`), null) },
      http: { decorate: (client) => ({ ...client, request: (req: { url: string }) => (requests.push(`http ${req.url}`), client.request(req as never)) }) as never },
    });
    const dispatch: Dispatch = createDispatch(services.handlers, services.logger);
    call = (channel, payload) => dispatch(channel, payload, { trusted: true, description: 'test' });
  });
  afterAll(async () => {
    await services.dispose();
    await keychain.cleanup();
  });

  const file = (over: Record<string, unknown> = {}) => JSON.stringify({ ...JSON.parse(JSON.stringify(good)), ...over });

  it('opens a saved profile and an exported file, lints, diffs and exports every format with zero network requests', async () => {
    const saved = await call('review:open', { profileId: good.id });
    expect(saved).toMatchObject({ ok: true, value: { source: { kind: 'profile', label: 'Acme' }, model: { summary: { verdict: 'ready' } } } });
    expect(saved.value.ages.map((a: { part: string }) => a.part)).toEqual(['Profile (last saved)', 'SCIM check', 'Status snapshot']);
    const fromFile = await call('review:open', { fileName: 'acme.tlprofile.json', content: file({ name: 'Acme copy' }) });
    expect(fromFile).toMatchObject({ ok: true, value: { source: { kind: 'file', label: 'acme.tlprofile.json' } } });
    const diff = await call('review:diff', { before: { profileId: good.id }, after: { fileName: 'b.json', content: file({ name: 'Acme copy' }) } });
    expect(diff.value.changes).toEqual([{ section: 'setting', key: 'Profile name', kind: 'changed', old: 'Acme', new: 'Acme copy' }]);
    for (const format of ['html', 'markdown', 'json', 'mapping-csv', 'status-csv']) {
      const out = await call('review:export', { source: { profileId: good.id }, format });
      expect(out.ok, format).toBe(true);
      if (format === 'json') expect(reportSchemaErrors(out.value.content)).toEqual([]);
    }
    expect((await call('review:overview', {})).value.rows).toHaveLength(1);
    expect(requests).toEqual([]);
  });

  it('gives a clear error for malformed, truncated, too-large and non-profile files, and the saved profiles still open', async () => {
    const cases: [string, string, string][] = [
      ['malformed.json', '{ this is not json', 'not valid JSON'],
      ['truncated.json', file().slice(0, 300), 'not valid JSON'],
      ['list.json', '[1,2,3]', 'does not look like a profile'],
      ['huge.json', ' '.repeat(6_000_000), 'larger than 5 MB'],
    ];
    for (const [fileName, content, message] of cases) {
      const out = await call('review:open', { fileName, content });
      expect(out, fileName).toMatchObject({ ok: false, error: { message: expect.stringContaining(message) } });
    }
    expect((await call('review:open', { profileId: good.id })).ok).toBe(true);
    expect(await readdir(join(dataDir, 'profiles'))).toEqual([`${good.id}.json`]);
  });

  it('keeps prototype-pollution keys, scripts and formula strings inert in every format', async () => {
    const hostile = `{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},${file({ name: '=cmd|"/c calc"!A1 <script>alert(1)</script>' }).slice(1)}`
      .replace('"steps":{', '"steps":{"__proto__":{"status":"verified","updatedAt":"x"},');
    const out = await call('review:open', { fileName: '<img src=x onerror=alert(1)>.json', content: hostile });
    expect(out.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(out.value.model.profile.name).toBe('=cmd|"/c calc"!A1 <script>alert(1)</script>');
    const html = (await call('review:export', { source: { fileName: 'h.json', content: hostile }, format: 'html' })).value.content as string;
    expect(html).not.toMatch(/<script>|<img/);
    const hostileId = '22222222-2222-4222-8222-222222222222';
    await writeFile(join(dataDir, 'profiles', `${hostileId}.json`), hostile.replace(good.id, hostileId));
    const csv = (await call('review:overviewCsv', {})).value.content as string;
    expect(csv).toContain(`"'=cmd|""/c calc""!A1 <script>alert(1)</script>"`);
    expect(csv).not.toMatch(/(^|,)"?[=+@-]/m);
    const md = (await call('review:export', { source: { fileName: 'h.json', content: hostile }, format: 'markdown' })).value.content as string;
    expect(md).toContain('\\<script\\>');
    // Nothing was saved from an opened file: review never writes.
    expect(JSON.parse(await readFile(join(dataDir, 'profiles', `${good.id}.json`), 'utf8')).name).toBe('Acme');
    expect((await call('review:overview', {})).value.rows).toHaveLength(2);
  });
});
