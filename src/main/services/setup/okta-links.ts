import { isLoopbackHost, isOktaHost } from '../net/host-policy';

/**
 * The Admin Console page of an app instance: `<org>-admin.<cell>/admin/app/<name>/instance/<id>/`.
 * Sandbox (loopback) orgs get the same shape on the simulator's origin; it is only shown there.
 */
export function adminAppUrl(orgUrl: string, appName: string, appId: string): string {
  return `${adminOrigin(orgUrl)}/admin/app/${encodeURIComponent(appName)}/instance/${encodeURIComponent(appId)}/`;
}

/** The Admin Console's Applications list, where "Create App Integration" is. */
export function adminAppsUrl(orgUrl: string): string {
  return `${adminOrigin(orgUrl)}/admin/apps/active`;
}

function adminOrigin(orgUrl: string): string {
  const url = new URL(orgUrl);
  let host = url.host;
  if (isOktaHost(url.hostname) && !isLoopbackHost(url.hostname)) {
    const dot = url.hostname.indexOf('.');
    host = `${url.hostname.slice(0, dot)}-admin${url.hostname.slice(dot)}${url.port ? `:${url.port}` : ''}`;
  }
  return `${url.protocol}//${host}`;
}
