/**
 * step.data is typed per step (src/shared/setup-data.ts): `dataOf(step, 'push-groups')` gives that
 * step's data, or undefined for any other step.
 */
export { viewDataOf as dataOf } from '../../../shared/setup-data';

/** Main writes paths as "Okta -> app -> Provisioning"; people read arrows. */
export function arrows(text: string): string {
  return text.replace(/\s*->\s*/g, ' → ');
}

export function pathParts(text: string): string[] {
  return text.split(/\s*->\s*/).filter(Boolean);
}
