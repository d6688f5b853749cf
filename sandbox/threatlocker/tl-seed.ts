/**
 * Deterministic seed data for the ThreatLocker simulator: the MSP parent organization, its child
 * organizations, each organization's own user roles, and the sandbox credentials. Everything is
 * derived from the numeric seed so two runs with the same seed print the same GUIDs and tokens
 * (demo scripts and screenshots stay stable), while different seeds never collide.
 */

import { mulberry32 } from '../seeded-random';

export interface TlOrganization {
  organizationId: string;
  /** Short name, as ThreatLocker shows it in the organization picker. */
  name: string;
  displayName: string;
  /** null for the MSP parent organization. */
  parentOrganizationId: string | null;
  dateAdded: string;
}

export interface TlUserRole {
  userRoleId: string;
  name: string;
  description: string;
  organizationId: string;
}

export interface TlSeed {
  parent: TlOrganization;
  children: TlOrganization[];
  /** Roles keyed by organizationId. Roles are per organization and never inherited. */
  rolesByOrganization: Map<string, TlUserRole[]>;
  portalToken: string;
  otherInstanceToken: string;
  initialScimToken: string;
}

function hex(random: () => number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += Math.floor(random() * 16).toString(16);
  return out;
}

/** A version-4-shaped GUID (ThreatLocker ids are GUIDs; clients validate the shape). */
export function guid(random: () => number): string {
  const variant = '89ab'[Math.floor(random() * 4)]!;
  return `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-${variant}${hex(random, 3)}-${hex(random, 12)}`;
}

const tokenAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** An opaque token; the prefix makes a leaked sandbox credential recognisable as fake. */
export function token(random: () => number, prefix: string, length = 48): string {
  let out = prefix;
  for (let i = 0; i < length; i++) out += tokenAlphabet[Math.floor(random() * tokenAlphabet.length)];
  return out;
}

const childNames: ReadonlyArray<[name: string, displayName: string]> = [
  ['contoso-dental', 'Contoso Dental Group'],
  ['northwind-logistics', 'Northwind Logistics'],
  ['fabrikam-legal', 'Fabrikam Legal LLP'],
  ['tailspin-clinics', 'Tailspin Clinics'],
  ['woodgrove-accounting', 'Woodgrove Accounting'],
];

const roleDescriptions: Record<string, string> = {
  'Global Administrator': 'Full access to this organization and all of its child organizations',
  Administrator: 'Full access to this organization',
  'Read Only': 'View-only access to the portal',
  Helpdesk: 'Approve requests and view computers',
  Auditor: 'Read the Unified Audit and reports',
  Technician: 'Manage computers and maintenance mode',
  'Billing Contact': 'View invoices and licensing',
  'Security Analyst': 'Review Ringfencing and Detect alerts',
  Approver: 'Approve or deny application requests',
};

/** Extra roles some child organizations define; the rest of the pool is skipped on purpose so
 * that no two child organizations have the same role list (the console must never assume it). */
const optionalRoles = ['Helpdesk', 'Auditor', 'Technician', 'Billing Contact', 'Security Analyst', 'Approver'];

export function createTlSeed(seed: number, instance: string): TlSeed {
  const random = mulberry32(seed);
  // Dates are seeded too, counted back from a fixed epoch so snapshots stay stable.
  const epoch = Date.UTC(2024, 0, 1);
  const day = 86_400_000;
  const dateAdded = () => new Date(epoch - Math.floor(random() * 900) * day).toISOString();

  const parent: TlOrganization = {
    organizationId: guid(random),
    name: 'acme-msp',
    displayName: 'Acme MSP',
    parentOrganizationId: null,
    dateAdded: dateAdded(),
  };
  const children = childNames.map(([name, displayName]) => ({
    organizationId: guid(random),
    name,
    displayName,
    parentOrganizationId: parent.organizationId,
    dateAdded: dateAdded(),
  }));

  const rolesByOrganization = new Map<string, TlUserRole[]>();
  const makeRole = (org: TlOrganization, name: string): TlUserRole => ({
    userRoleId: guid(random),
    name,
    description: roleDescriptions[name] ?? `Custom role for ${org.displayName}`,
    organizationId: org.organizationId,
  });
  rolesByOrganization.set(
    parent.organizationId,
    ['Global Administrator', 'Administrator', 'Read Only', 'Helpdesk', 'Auditor'].map((n) => makeRole(parent, n)),
  );
  children.forEach((child, index) => {
    const extras = optionalRoles.filter((_, i) => (i + index) % 3 !== 0);
    const names = ['Administrator', 'Read Only', ...extras, `${child.displayName} IT`];
    rolesByOrganization.set(child.organizationId, names.map((n) => makeRole(child, n)));
  });

  // Tokens depend on the instance too: a token from instance "d" must not authenticate on "g".
  const tokenRandom = mulberry32(seed ^ hashString(instance));
  return {
    parent,
    children,
    rolesByOrganization,
    portalToken: token(tokenRandom, 'tlsim-portal-', 40),
    otherInstanceToken: token(tokenRandom, 'tlsim-portal-', 40),
    initialScimToken: token(tokenRandom, 'tlsim-scim-', 48),
  };
}

/** FNV-1a, to fold a string into the numeric seed. */
export function hashString(value: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
