import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Profile } from '../../src/shared/profile';
import { osKeychain } from '../../src/main/services/secrets/os-keychain';

const keychainService = process.env.TLOC_KEYCHAIN_SERVICE ?? 'ThreatLocker Okta Console';

/**
 * Reads (and, for scenarios, changes) the sandbox as a test would from outside: the profile file,
 * the keychain, and the two simulators' HTTP APIs, the way another admin would act in Okta or
 * ThreatLocker while the console watches.
 */
export async function sandboxAccess(dataDir: string) {
  const dir = join(dataDir, 'profiles');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json'));
  const profiles = await Promise.all(files.map(async (f) => JSON.parse(await readFile(join(dir, f), 'utf8')) as Profile));
  const profile = profiles.find((p) => p.sandbox)!;
  const secret = async (kind: string) => (await osKeychain.getPassword(keychainService, `${profile.id}:${kind}`))!;
  const oktaCall = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${profile.okta.orgUrl}${path}`, {
      method,
      headers: { authorization: `SSWS ${await secret('oktaApiToken')}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}`);
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const okta = <T>(path: string) => oktaCall<T>('GET', path);
  const scimCall = async (method: string, path: string) =>
    fetch(`${profile.threatlocker.scimUrl}${path}`, { method, headers: { authorization: `Bearer ${await secret('scimBearerToken')}`, accept: 'application/scim+json' } });
  const scimUserList = async () => ((await (await scimCall('GET', '/Users?startIndex=1&count=200')).json()) as { Resources: { id: string; userName: string; active: boolean }[] }).Resources;
  const scimUsers = async () => (await scimUserList()).map((u) => u.userName.toLowerCase());
  return { profile, okta, oktaCall, scimCall, scimUserList, scimUsers, secret };
}
