/**
 * Prints the time to filter 10,000 groups per keystroke and to validate 2,000 mappings (targets: 50 ms, 200 ms),
 * and the role preview for 20,000 people x 2,000 rows (figure only).
 */
import { groupFilter } from '../src/shared/group-filter';
import { validateMappings, type MappingRow } from '../src/shared/mapping-validation';
import { roleImpact, type ImpactPerson } from '../src/shared/role-impact';
import type { PushedGroup } from '../src/shared/setup-data';

const groups = Array.from({ length: 10_000 }, (_, i) => ({ id: `g${i}`, name: `Department ${i} ${i % 7 ? 'Staff' : 'Admins'}`, pushed: i < 2_000 }));
const roles = Array.from({ length: 300 }, (_, i) => ({ id: `r${i}`, name: i % 50 ? `Role ${i}` : `Global Administrator ${i}` }));
const pushed: PushedGroup[] = groups.slice(0, 2_000).map((g) => ({ id: g.id, name: g.name, assigned: false, mappingStatus: 'ACTIVE' }));
const rows: MappingRow[] = pushed.map((g, i) => ({ oktaGroupId: g.id, oktaGroupName: g.name, roleId: roles[i % roles.length]!.id, roleName: roles[i % roles.length]!.name }));
const memberCounts = Object.fromEntries(groups.map((g, i) => [g.id, i % 200]));
const goneGroupIds = new Set(groups.slice(9_900).map((g) => g.id));

function worst(label: string, runs: number, fn: () => unknown): number {
  let max = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    max = Math.max(max, performance.now() - t);
  }
  console.log(`${label}: worst ${max.toFixed(2)} ms over ${runs} runs`);
  return max;
}

const build = worst('build the group filter index (10,000 groups, once per list)', 5, () => groupFilter(groups));
const filter = groupFilter(groups);
const typed = 'department 12 admins';
const keystroke = worst('filter 10,000 groups per keystroke', typed.length * 5, (() => { let n = 0; return () => filter(typed.slice(0, (n++ % typed.length) + 1)); })());
const validate = worst('validate 2,000 mappings', 20, () => validateMappings(rows, { pushed, roles, goneGroupIds, memberCounts }));
// Each person in 1-4 of the 2,000 pushed groups (status data names them by id).
const people: ImpactPerson[] = Array.from({ length: 20_000 }, (_, i) => ({
  key: `u${i}`,
  name: `Person ${i}`,
  userName: `person${i}@example.com`,
  groups: Array.from({ length: 1 + (i % 4) }, (_, k) => pushed[(i * 7 + k * 131) % pushed.length]!),
}));
const preview = roleImpact(people, rows);
worst(`role preview, 20,000 people x 2,000 rows (${preview.multiRole.total} with two or more roles)`, 10, () => roleImpact(people, rows));
const ok = keystroke < 50 && validate < 200;
console.log(`${ok ? 'PASS' : 'FAIL'}: keystroke ${keystroke.toFixed(2)} ms (< 50), validate ${validate.toFixed(2)} ms (< 200), index ${build.toFixed(2)} ms`);
process.exitCode = ok ? 0 : 1;
