import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { profileSchema, type Profile, type SecretKind } from '../../../shared/profile';
import { checkScimUrl, validateProfileInputs } from './input-validation';
import { normalizeInstance } from '../threatlocker/threatlocker-urls';
import type { SetupDeps } from './setup-context';

async function refusal(fn: () => unknown): Promise<AppError> {
  try {
    await fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected a refusal');
}

describe('normalizeInstance', () => {
  it.each([
    ['d', 'd'],
    ['G', 'g'],
    [' h ', 'h'],
  ])('accepts %j as %j', (input, out) => {
    expect(normalizeInstance(input)).toBe(out);
  });

  it.each(['', '1', 'd1', 'd.', 'portalapi.d', 'https://portal.d.threatlocker.com', 'ThreatLocker Access (D)'])(
    'refuses %j, saying it must be a letter and where to find it',
    async (input) => {
      const err = await refusal(() => normalizeInstance(input));
      expect(err.code).toBe('VALIDATION');
      expect(err.message).toContain(`"${input.slice(0, 20)}"`);
      expect(err.message).toMatch(/must be a letter, such as d/);
      expect(err.hint).toMatch(/Help/);
      expect(err.hint).toMatch(/ThreatLocker Access \(X\)/);
    },
  );
});

describe('checkScimUrl', () => {
  it('accepts the https API Url', () => {
    expect(() => checkScimUrl('https://portalapi.d.threatlocker.com/scim/v2', false)).not.toThrow();
  });

  it.each([false, true])('refuses http:// to a real host (sandbox=%s), naming the scheme to use', async (sandbox) => {
    const err = await refusal(() => checkScimUrl('http://portalapi.d.threatlocker.com/scim/v2', sandbox));
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toBe('The SCIM API Url must start with https:// (it starts with http://).');
    expect(err.hint).toMatch(/clear text/);
    expect(err.hint).toMatch(/SCIM Integration/);
  });

  it('refuses other schemes', async () => {
    expect((await refusal(() => checkScimUrl('ftp://portalapi.d.threatlocker.com/scim', false))).message).toContain('it starts with ftp://');
  });

  it('allows plain-http loopback only for the sandbox / --allow-loopback', async () => {
    expect(() => checkScimUrl('http://127.0.0.1:4711/scim/v2', true)).not.toThrow();
    expect(() => checkScimUrl('http://localhost:4711/scim/v2', true)).not.toThrow();
    const err = await refusal(() => checkScimUrl('http://127.0.0.1:4711/scim/v2', false));
    expect(err.message).toMatch(/must start with https:\/\//);
  });

  it.each(['portalapi.d.threatlocker.com/scim/v2', '', 'API Url'])('refuses %j as not a web address', async (url) => {
    const err = await refusal(() => checkScimUrl(url, false));
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toBe('The SCIM API Url is not a web address.');
    expect(err.hint).toMatch(/Integrations -> SCIM Integration/);
  });
});

describe('validateProfileInputs', () => {
  const ID_A = '11111111-1111-4111-8111-111111111111';
  const ID_B = '22222222-2222-4222-8222-222222222222';

  function profile(over: { instance?: string; scimUrl?: string; sandbox?: boolean } = {}): Profile {
    return profileSchema.parse({
      schemaVersion: 1,
      id: ID_A,
      name: 'Acme',
      createdAt: '2026-03-01T00:00:00Z',
      updatedAt: '2026-03-01T00:00:00Z',
      sandbox: over.sandbox ?? false,
      okta: { orgUrl: 'https://acme.okta.com' },
      threatlocker: { instance: 'd', ...(over.scimUrl ? { scimUrl: over.scimUrl } : {}) },
    });
  }

  /** secrets: profileId -> kind -> value; names: profileId -> profile name (missing = deleted profile). */
  function deps(secrets: Record<string, Partial<Record<SecretKind, string>>>, names: Record<string, string>): SetupDeps {
    return {
      allowLoopback: false,
      secrets: {
        get: async (id: string, kind: SecretKind) => secrets[id]?.[kind] ?? null,
        findOwners: async (kind: SecretKind, value: string) => Object.keys(secrets).filter((id) => secrets[id]?.[kind] === value),
      },
      store: {
        get: async (id: string) => {
          if (!(id in names)) throw new AppError('NOT_FOUND', 'no such profile');
          return { name: names[id] };
        },
      },
    } as unknown as SetupDeps;
  }

  it('passes a complete profile', async () => {
    await expect(validateProfileInputs(deps({ [ID_A]: { scimBearerToken: 'tok-a' } }, { [ID_A]: 'Acme' }), profile({ scimUrl: 'https://portalapi.d.threatlocker.com/scim/v2' }), { requireScim: true })).resolves.toBeUndefined();
  });

  it('says where to find the SCIM API Url when a step needs it', async () => {
    const err = await refusal(() => validateProfileInputs(deps({}, {}), profile(), { requireScim: true }));
    expect(err.message).toBe('The profile has no SCIM API Url.');
    expect(err.hint).toMatch(/Integrations -> SCIM Integration/);
    await expect(validateProfileInputs(deps({}, {}), profile())).resolves.toBeUndefined();
  });

  it('refuses an http SCIM Url on a real profile, allows loopback http on a sandbox profile', async () => {
    await refusal(() => validateProfileInputs(deps({}, {}), profile({ scimUrl: 'http://127.0.0.1:4711/scim/v2' })));
    await expect(validateProfileInputs(deps({}, {}), profile({ sandbox: true, scimUrl: 'http://127.0.0.1:4711/scim/v2' }))).resolves.toBeUndefined();
  });

  it('refuses a token also saved in another profile, by that profile\'s name and never showing the token', async () => {
    const token = 'tl_scim_CANARY_7d3f9a2b41c8e6';
    const err = await refusal(() =>
      validateProfileInputs(deps({ [ID_A]: { scimBearerToken: token }, [ID_B]: { scimBearerToken: token } }, { [ID_A]: 'Acme', [ID_B]: 'Contoso' }), profile()),
    );
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toBe('The ThreatLocker SCIM bearer token saved in this profile is also saved for the profile "Contoso".');
    expect(err.hint).toMatch(/Credentials panel/);
    expect(`${err.message} ${err.hint}`).not.toContain(token.slice(0, -4));
  });

  it('ignores a keychain entry left by a deleted profile', async () => {
    const token = 'same-token';
    await expect(validateProfileInputs(deps({ [ID_A]: { oktaApiToken: token }, [ID_B]: { oktaApiToken: token } }, { [ID_A]: 'Acme' }), profile())).resolves.toBeUndefined();
  });
});
