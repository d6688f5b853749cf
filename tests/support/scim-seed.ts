import { request } from 'undici';

/**
 * Creates `count` ordinary users over SCIM (as Okta would), because Okta's suite, and so the
 * checker's checks 4 and 5, need at least one user on the server. Returns their ids.
 */
export async function seedScimUsers(scimUrl: string, token: string, count: number, prefix = 'seeded'): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 1; i <= count; i++) {
    const userName = `${prefix}.user${i}@example.test`;
    const res = await request(`${scimUrl}/Users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json', accept: 'application/scim+json' },
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName,
        name: { givenName: `Seeded${i}`, familyName: 'User' },
        emails: [{ primary: true, value: userName, type: 'work' }],
        displayName: `Seeded${i} User`,
        active: true,
      }),
    });
    const body = (await res.body.json()) as { id?: string };
    if (res.statusCode !== 201 || !body.id) throw new Error(`seeding ${userName} failed: ${res.statusCode}`);
    ids.push(body.id);
  }
  return ids;
}
