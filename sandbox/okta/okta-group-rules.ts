/**
 * The one kind of group-rule expression the sandbox evaluates: Okta Expression Language's
 * `isMemberOfAnyGroup("00g...", "00g...")`, which the console uses to fill its assignment group
 * from the pushed groups. Other expressions (user.department == ...) are kept and listed, not run.
 */
export function memberOfAnyGroupIds(expression: string): string[] | null {
  const m = /^\s*isMemberOfAnyGroup\(\s*((?:"[^"]+"\s*,\s*)*"[^"]+")\s*\)\s*$/.exec(expression);
  if (!m) return null;
  return [...m[1]!.matchAll(/"([^"]+)"/g)].map((x) => x[1]!);
}
