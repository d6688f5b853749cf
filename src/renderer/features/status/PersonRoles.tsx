import type { MappedRoles } from '../../../shared/provisioning-status';

/**
 * The person's ThreatLocker role(s) as the saved mapping gives them through their pushed groups.
 * Worked out by the console from the status data; ThreatLocker's own tab is not read. A role
 * ThreatLocker no longer lists (step 10's last run) gives no role, and is flagged with the fix.
 */
export function PersonRoles({ mapped }: { mapped: MappedRoles }) {
  const { roles, missingRoles, unmappedGroups } = mapped;
  const several = roles.length >= 2;
  const none = roles.length === 0;
  // With no role, the "none" line names the groups without a row, unless a missing role explains it.
  const noRowLine = none && missingRoles.length === 0;
  return (
    <section
      className="status-roles"
      aria-labelledby="person-roles-title"
      data-testid="person-roles"
      data-flagged={several || missingRoles.length > 0 || (none && mapped.inPushedGroup)}
    >
      <h4 id="person-roles-title">ThreatLocker role (from the saved mapping)</h4>
      {none ? (
        <p className={mapped.inPushedGroup ? 'status-roles-flag' : undefined}>
          <strong>none</strong>
          {!mapped.inPushedGroup
            ? ': not in a pushed group.'
            : noRowLine
              ? `: ${unmappedGroups.join(', ')} ${unmappedGroups.length === 1 ? 'has' : 'have'} no row in the mapping. Add one in setup step 10.`
              : '.'}
        </p>
      ) : (
        <ul>
          {roles.map((r) => (
            <li key={r.roleId || r.roleName}>
              <strong>{r.roleName}</strong> <span className="muted">through {r.via.join(', ')}</span>
            </li>
          ))}
        </ul>
      )}
      {missingRoles.map((r) => (
        <p key={r.roleId || r.roleName} className="status-roles-flag" data-missing-role={r.roleName}>
          <strong>{r.roleName}</strong> (through {r.via.join(', ')}) is not in this ThreatLocker organization any more, so {r.via.length === 1 ? 'that group gives' : 'those groups give'} no
          role. Pick another role for {r.via.length === 1 ? 'it' : 'them'} in setup step 10.
        </p>
      ))}
      {several && (
        <p className="status-roles-flag">To review: {roles.length} roles. Map their groups to the same role, or take them out of one group in Okta (setup step 10 shows everyone affected).</p>
      )}
      {unmappedGroups.length > 0 && !noRowLine && <p className="muted">Also in {unmappedGroups.join(', ')}, {unmappedGroups.length === 1 ? 'which has' : 'which have'} no row.</p>}
    </section>
  );
}
