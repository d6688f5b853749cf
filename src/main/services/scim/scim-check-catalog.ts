/**
 * Every result a run can produce, in report order. Numbers follow shared/reference/scim-checks.md;
 * one numbered check may have several results when it sends distinct requests (check 1 probes
 * three credentials, check 17 walks the whole group life cycle). The list is fixed per mode so a
 * progress bar knows its total before the first request.
 */
export interface CheckSpec {
  id: string;
  number: number;
  title: string;
  expected: string;
  /** Okta's suite: 400 ms for discovery and the unknown-user filter, 600 ms for the rest. */
  latencyLimitMs: number;
}

const FAST = 400;
const NORMAL = 600;

const spec = (id: string, number: number, title: string, expected: string, latencyLimitMs = NORMAL): CheckSpec => ({
  id,
  number,
  title,
  expected,
  latencyLimitMs,
});

export const readCheckSpecs: readonly CheckSpec[] = [
  spec('auth-no-token', 1, 'Refuses a request without a token', '401 or 403 without an Authorization header'),
  spec('auth-wrong-token', 1, 'Refuses a wrong token', '401 or 403 with a made-up bearer token'),
  spec('auth-token', 1, 'Accepts the configured token', '200 for GET /Users with the configured token'),
  spec('service-provider-config', 2, 'ServiceProviderConfig', '200 with the ServiceProviderConfig schema and patch, bulk, filter, sort, etag, changePassword, authenticationSchemes (optional: warn only)', FAST),
  spec('resource-types', 3, 'ResourceTypes', '200 ListResponse (optional: warn only)', FAST),
  spec('schemas', 3, 'Schemas', '200 ListResponse (optional: warn only)', FAST),
  spec('users-list', 4, 'List users (count=1)', '200 ListResponse with integer totalResults/itemsPerPage/startIndex and a user with id, userName, name.givenName, name.familyName, active, emails[].value'),
  spec('user-get', 5, 'Get a user by id', '200 with the same id and attributes as the list'),
  spec('filter-unknown-user', 6, 'Filter on an unknown userName', '200 with totalResults 0', FAST),
  spec('filter-unknown-user-okta', 6, 'Filter on an unknown userName (Okta encoding)', "200 with totalResults 0 for Okta's exact request (%20/%22 encoding, startIndex=1&count=100)", FAST),
  spec('unknown-id-404', 7, 'Get an unknown user id', '404 with the SCIM Error schema, a non-empty detail and status "404"'),
  spec('paging', 8, 'Paging', 'startIndex=1 and 101 with count=100: integer counts, Resources.length <= count, no id on two pages, stable order'),
  spec('groups-list', 9, 'List groups', '200 ListResponse for GET /Groups?startIndex=1&count=100'),
  spec('content-type', 10, 'Response Content-Type', 'application/scim+json on every SCIM response (application/json is a warning)'),
];

export const writeCheckSpecs: readonly CheckSpec[] = [
  spec('user-create', 11, 'Create a test user', '201 with id, active true, the attributes echoed and the User schema'),
  spec('user-get-created', 12, 'Read the test user back', '200 with the same values'),
  spec('user-duplicate', 13, 'Create the same user again', '409 Conflict, ideally scimType "uniqueness"'),
  spec('user-filter-case', 14, 'Filter on the upper-cased userName', '200 with totalResults 1 (userName is case-insensitive; 0 is a warning)'),
  spec('user-put', 15, 'Replace the test user (PUT)', '200 with the changed givenName'),
  spec('user-deactivate', 16, 'Deactivate the test user (PATCH)', '200 with active false, or 204'),
  spec('user-reactivate', 16, 'Reactivate the test user (PATCH)', '200 with active true, or 204'),
  spec('group-filter-absent', 17, 'Filter on an unknown group displayName', '200 with totalResults 0'),
  spec('group-create', 17, 'Create a test group', '201 with id and displayName'),
  spec('group-get', 17, 'Read the test group back', '200 with the same displayName'),
  spec('group-rename', 17, 'Rename the test group (PATCH)', '200 or 204, new displayName visible'),
  spec('group-add-member', 17, 'Add the test user to the group (PATCH add)', '200 or 204, member visible'),
  spec('group-remove-member', 17, 'Remove the member (PATCH remove members[value eq ...])', '200 or 204, member gone'),
  spec('group-replace-members', 17, 'Replace the members (PATCH replace)', '200 or 204, members replaced'),
  spec('group-delete', 17, 'Delete the test group', '204'),
  spec('cleanup', 18, 'Clean up the test identities', 'every test user and group removed (users deleted, or deactivated where DELETE is refused)'),
  spec('leftover-search', 18, 'Search for leftovers', 'userName sw "<prefix>" finds nothing'),
];

export function checkSpecsFor(write: boolean): CheckSpec[] {
  return write ? [...readCheckSpecs, ...writeCheckSpecs] : [...readCheckSpecs];
}

export const SCIM_SCHEMAS = {
  listResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
  patchOp: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  serviceProviderConfig: 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
} as const;
