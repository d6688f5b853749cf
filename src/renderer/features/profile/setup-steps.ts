/**
 * The eleven steps of ThreatLocker's "Setting Up User and Group Provisioning for ThreatLocker
 * Admins via SCIM in the Okta Portal" article, in its order. Names only: the guided setup that
 * performs and verifies them is not built yet, so nothing here claims a status.
 */
export const setupSteps: readonly { title: string; where: string }[] = [
  { title: 'Find the ThreatLocker instance', where: 'ThreatLocker → Help → “ThreatLocker Access (X)”' },
  { title: 'Create the SAML 2.0 app integration', where: 'Okta → Applications → Create App Integration' },
  { title: 'Configure SAML settings', where: 'Single sign-on URL, Audience URI, Name ID format, Application username' },
  { title: 'Turn on SCIM provisioning for the app', where: 'Okta → the app → General → App Settings → Provisioning: SCIM' },
  { title: 'Generate the ThreatLocker SCIM API token', where: 'ThreatLocker → Integrations → SCIM Integration → Generate API Token' },
  { title: 'Enter the SCIM connection', where: 'Base URL, unique identifier “email”, HTTP Header authentication' },
  { title: 'Test the connector configuration', where: 'Okta → Provisioning → Test Connector Configuration' },
  { title: 'Enable provisioning to the app', where: 'To App: Create Users, Update User Attributes, Deactivate Users' },
  { title: 'Push groups to ThreatLocker', where: 'Okta → the app → Push Groups' },
  { title: 'Map groups to ThreatLocker roles', where: 'ThreatLocker → SCIM Integration → Group Mapping (users need a primaryPhone)' },
  { title: 'Allow SSO in Login Settings', where: 'ThreatLocker → Login Settings' },
];
