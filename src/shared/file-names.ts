/**
 * `<profile-slug>-<what>-<YYYY-MM-DD>.<ext>`, dated on the admin's calendar: an MSP exports the
 * same file for many organizations, and a name without the profile and the day gets overwritten.
 */
export function datedFileName(profileName: string, what: string, ext: string, at: Date = new Date()): string {
  const slug = profileName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'profile';
  const two = (n: number) => String(n).padStart(2, '0');
  return `${slug}-${what}-${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}.${ext}`;
}
