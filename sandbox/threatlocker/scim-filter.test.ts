import SCIMMY from 'scimmy';
import { describe, expect, it } from 'vitest';
import { matchesFilter } from './scim-filter';

const user = {
  id: 'AbC-1',
  userName: 'Ann.Lee@Acme.example',
  name: { givenName: 'Ann', familyName: 'Lee' },
  active: true,
  emails: [{ value: 'Ann.Lee@Acme.example', type: 'work', primary: true }],
  meta: { created: '2024-03-01T10:00:00.000Z' },
};
const group = { id: 'g1', displayName: 'TL Admins', members: [{ value: 'AbC-1', display: 'ann' }] };
const caseExact = new Set(['id', 'members.value']);
const match = (filter: string, record: object = user) => matchesFilter(new SCIMMY.Types.Filter(filter), record, caseExact);

describe('matchesFilter', () => {
  it('compares case-insensitive attributes case-insensitively and ids exactly', () => {
    expect(match('userName eq "ann.lee@acme.EXAMPLE"')).toBe(true);
    expect(match('userName sw "ANN"')).toBe(true);
    expect(match('userName ew "@acme.example"')).toBe(true);
    expect(match('userName co "LEE@"')).toBe(true);
    expect(match('id eq "abc-1"')).toBe(false);
    expect(match('id eq "AbC-1"')).toBe(true);
  });

  it('handles and / or / not, presence, booleans, complex and multi-valued attributes', () => {
    expect(match('userName sw "ann" and active eq true')).toBe(true);
    expect(match('userName sw "bob" or name.familyName eq "lee"')).toBe(true);
    expect(match('not (userName sw "ann")')).toBe(false);
    expect(match('title pr')).toBe(false);
    expect(match('name.givenName pr')).toBe(true);
    expect(match('active eq false')).toBe(false);
    expect(match('emails[type eq "work" and value co "acme"]')).toBe(true);
    expect(match('emails co "ACME"')).toBe(true);
    expect(match('meta.created gt "2024-01-01T00:00:00Z"')).toBe(true);
    expect(match('meta.created lt "2024-01-01T00:00:00Z"')).toBe(false);
  });

  it('matches group members by exact value', () => {
    expect(match('members[value eq "AbC-1"]', group)).toBe(true);
    expect(match('members[value eq "abc-1"]', group)).toBe(false);
    expect(match('displayName eq "tl admins"', group)).toBe(true);
  });
});
