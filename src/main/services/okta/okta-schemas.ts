import { z } from 'zod';

/**
 * Schemas of the Okta objects the console reads. Every object is loose (unknown keys kept),
 * for two reasons: Okta adds fields all the time and must not break us, and replaceApp is a
 * full PUT of what getApp returned, so a stripped field would be erased in Okta.
 * Only what the console relies on is required; Okta sends null for empty profile attributes.
 */

const str = z.string();
const optStr = z.string().nullish();
const links = z.record(z.string(), z.unknown()).optional();

export const oktaAppSchema = z.looseObject({
  id: str,
  /** Generated key for custom apps (acme_threatlocker_1); needed for Admin Console links. */
  name: str,
  label: str,
  /** ACTIVE | INACTIVE | DELETED; kept open so a new status does not break listing. */
  status: str,
  signOnMode: str,
  created: optStr,
  lastUpdated: optStr,
  features: z.array(str).optional(),
  credentials: z
    .looseObject({
      signing: z.looseObject({ kid: optStr }).optional(),
      userNameTemplate: z.looseObject({ template: optStr, type: optStr, pushStatus: optStr }).optional(),
    })
    .optional(),
  settings: z
    .looseObject({
      signOn: z.looseObject({ ssoAcsUrl: optStr, audience: optStr, recipient: optStr, destination: optStr }).nullish(),
    })
    .optional(),
  visibility: z.looseObject({}).optional(),
  _links: links,
});
export type OktaApp = z.infer<typeof oktaAppSchema>;

export const oktaUserProfileSchema = z.looseObject({
  login: str,
  email: optStr,
  firstName: optStr,
  lastName: optStr,
  primaryPhone: optStr,
  mobilePhone: optStr,
});
export type OktaUserProfile = z.infer<typeof oktaUserProfileSchema>;

export const oktaUserSchema = z.looseObject({
  id: str,
  status: str,
  created: optStr,
  lastUpdated: optStr,
  profile: oktaUserProfileSchema,
  _links: links,
});
export type OktaUser = z.infer<typeof oktaUserSchema>;

export const oktaAppUserSchema = z.looseObject({
  id: str,
  externalId: optStr,
  /** USER | GROUP */
  scope: optStr,
  status: optStr,
  syncState: optStr,
  credentials: z.looseObject({ userName: optStr }).nullish(),
  profile: z.record(z.string(), z.unknown()).nullish(),
  lastSync: optStr,
  lastUpdated: optStr,
  statusChanged: optStr,
  _embedded: z.looseObject({ user: oktaUserSchema.optional() }).optional(),
  _links: links,
});
export type OktaAppUser = z.infer<typeof oktaAppUserSchema>;

export const oktaGroupSchema = z.looseObject({
  id: str,
  /** OKTA_GROUP | APP_GROUP | BUILT_IN */
  type: optStr,
  created: optStr,
  lastUpdated: optStr,
  lastMembershipUpdated: optStr,
  profile: z.looseObject({ name: str, description: optStr }),
  _embedded: z.record(z.string(), z.unknown()).optional(),
  _links: links,
});
export type OktaGroup = z.infer<typeof oktaGroupSchema>;

export const oktaAppGroupSchema = z.looseObject({
  /** The group id. */
  id: str,
  priority: z.number().nullish(),
  lastUpdated: optStr,
  profile: z.record(z.string(), z.unknown()).nullish(),
  _embedded: z.record(z.string(), z.unknown()).optional(),
  _links: links,
});
export type OktaAppGroup = z.infer<typeof oktaAppGroupSchema>;

export const oktaGroupRuleSchema = z.looseObject({
  id: str,
  name: str,
  /** ACTIVE | INACTIVE | INVALID */
  status: str,
  type: optStr,
  conditions: z
    .looseObject({
      expression: z.looseObject({ type: optStr, value: optStr }).nullish(),
      people: z.unknown().optional(),
    })
    .nullish(),
  actions: z
    .looseObject({
      assignUserToGroups: z.looseObject({ groupIds: z.array(str).optional() }).nullish(),
    })
    .nullish(),
  _embedded: z.record(z.string(), z.unknown()).optional(),
});
export type OktaGroupRule = z.infer<typeof oktaGroupRuleSchema>;

export const featureNames = ['USER_PROVISIONING', 'INBOUND_PROVISIONING'] as const;
export type OktaFeatureName = (typeof featureNames)[number];

export const oktaFeatureSchema = z.looseObject({
  name: str,
  /** ENABLED | DISABLED */
  status: str,
  description: optStr,
  capabilities: z.record(z.string(), z.unknown()).nullish(),
  _links: links,
});
export type OktaFeature = z.infer<typeof oktaFeatureSchema>;

/** Body of PUT /features/USER_PROVISIONING (partial updates allowed). */
export interface OktaCapabilities {
  create?: { lifecycleCreate?: { status: 'ENABLED' | 'DISABLED' } };
  update?: {
    profile?: { status: 'ENABLED' | 'DISABLED' };
    lifecycleDeactivate?: { status: 'ENABLED' | 'DISABLED' };
    password?: { status: 'ENABLED' | 'DISABLED'; seed?: 'OKTA' | 'RANDOM'; change?: 'CHANGE' | 'KEEP_EXISTING' };
  };
}

export const oktaConnectionSchema = z.looseObject({
  /** OAUTH2 | TOKEN | UNKNOWN; some answers nest it in profile instead. */
  authScheme: optStr,
  /** ENABLED | DISABLED | UNKNOWN */
  status: str,
  baseUrl: optStr,
  profile: z.looseObject({ authScheme: optStr }).nullish(),
  _links: links,
});
export type OktaConnection = z.infer<typeof oktaConnectionSchema>;

export const oktaGroupPushMappingSchema = z.looseObject({
  id: str,
  sourceGroupId: str,
  targetGroupId: optStr,
  /** ACTIVE | INACTIVE | ERROR */
  status: str,
  errorSummary: optStr,
  lastPush: optStr,
  created: optStr,
  lastUpdated: optStr,
  _links: links,
});
export type OktaGroupPushMapping = z.infer<typeof oktaGroupPushMappingSchema>;

export type CreateGroupPushMappingBody = { sourceGroupId: string; status?: 'ACTIVE' | 'INACTIVE' } & (
  | { targetGroupId: string; targetGroupName?: never }
  | { targetGroupName: string; targetGroupId?: never }
);

export const oktaJsonWebKeySchema = z.looseObject({
  kid: str,
  kty: optStr,
  use: optStr,
  x5c: z.array(str).nullish(),
  'x5t#S256': optStr,
  created: optStr,
  expiresAt: optStr,
});
export type OktaJsonWebKey = z.infer<typeof oktaJsonWebKeySchema>;

export const oktaLogEventSchema = z.looseObject({
  uuid: str,
  published: str,
  eventType: str,
  displayMessage: optStr,
  severity: optStr,
  outcome: z.looseObject({ result: optStr, reason: optStr }).nullish(),
  actor: z.looseObject({ id: optStr, type: optStr, alternateId: optStr, displayName: optStr }).nullish(),
  target: z
    .array(z.looseObject({ id: optStr, type: optStr, alternateId: optStr, displayName: optStr }))
    .nullish(),
  transaction: z.looseObject({ id: optStr }).nullish(),
  debugContext: z.looseObject({ debugData: z.record(z.string(), z.unknown()).nullish() }).nullish(),
});
export type OktaLogEvent = z.infer<typeof oktaLogEventSchema>;

/** Body of POST /api/v1/apps for a custom SAML 2.0 app (see reference/okta-api.md section 1). */
export interface SamlAppCreateBody {
  label: string;
  signOnMode: 'SAML_2_0';
  visibility?: { autoLaunch?: boolean; autoSubmitToolbar?: boolean; hide?: { iOS?: boolean; web?: boolean } };
  accessibility?: { selfService?: boolean };
  credentials?: {
    userNameTemplate?: { template: string; type: 'NONE' | 'BUILT_IN' | 'CUSTOM'; pushStatus?: 'PUSH' | 'DONT_PUSH' | 'NOT_CONFIGURED' };
  };
  settings: {
    signOn: {
      ssoAcsUrl: string;
      recipient?: string;
      destination?: string;
      audience: string;
      defaultRelayState?: string;
      subjectNameIdTemplate?: string;
      subjectNameIdFormat?: string;
      responseSigned: boolean;
      assertionSigned: boolean;
      signatureAlgorithm?: 'RSA_SHA256' | 'RSA_SHA1';
      digestAlgorithm?: 'SHA256' | 'SHA1';
      honorForceAuthn: boolean;
      authnContextClassRef?: string;
      requestCompressed: boolean;
      allowMultipleAcsEndpoints: boolean;
      acsEndpoints?: { url: string; index: number }[];
      idpIssuer?: string;
      attributeStatements?: { type?: 'EXPRESSION' | 'GROUP'; name: string; namespace?: string; values: string[] }[];
      [key: string]: unknown;
    };
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

export interface AssignUserToAppBody {
  id: string;
  scope?: 'USER';
  credentials?: { userName?: string };
  profile?: Record<string, unknown>;
}

export interface AssignGroupToAppBody {
  priority?: number;
  profile?: Record<string, unknown>;
}
