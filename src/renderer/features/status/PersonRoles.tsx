import type { MappedRoles } from '../../../shared/provisioning-status';

/**
 * The person's ThreatLocker role(s) as the saved mapping gives them through their pushed groups.
 * Worked out by the console from the status data; ThreatLocker's own tab is not read.
 */
export function PersonRoles({ mapped }: { mapped: MappedRoles }) {
  const { roles, unmappedGroups } = mapped;
  const several = roles.length >= 2;
  return (
    <section className="status-roles" aria-labelledby="person-roles-title" data-testid="person-roles" data-flagged={several}>
      <h4 id="person-roles-title">ThreatLocker role (from the saved mapping)</h4>
      {roles.length === 0 ? (
        <p className={mapped.inPushedGroup ? 'status-roles-flag' : undefined}>
          <strong>none</strong>
          {mapped.inPushedGroup ? `: ${unmappedGroups.join(', ')} ${unmappedGroups.length === 1 ? 'has' : 'have'} no row in the mapping. Add one in setup step 10.` : ': not in a pushed group.'}
        </p>
      ) : (
        <>
          <ul>
            {roles.map((r) => (
              <li key={r.roleId || r.roleName}>
                <strong>{r.roleName}</strong> <span className="muted">through {r.via.join(', ')}</span>
              </li>
            ))}
          </ul>
          {several && (
            <p className="status-roles-flag">To review: {roles.length} roles. Map their groups to the same role, or take them out of one group in Okta (setup step 10 shows everyone affected).</p>
          )}
          {unmappedGroups.length > 0 && <p className="muted">Also in {unmappedGroups.join(', ')}, {unmappedGroups.length === 1 ? 'which has' : 'which have'} no row.</p>}
        </>
      )}
    </section>
  );
}
