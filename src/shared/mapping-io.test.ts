import { describe, expect, it } from 'vitest';
import { csvCell, exportCsv, exportJson, importCsv, importJson, MAX_MAPPING_FILE_BYTES } from './mapping-io';
import type { MappingRow } from './mapping-validation';

const roles = [{ id: 'r-admin', name: 'Administrator' }, { id: 'r-ro', name: 'Read Only' }];
const rows: MappingRow[] = [
  { oktaGroupId: '00g1', oktaGroupName: 'TL Admins, EU', roleId: 'r-admin', roleName: 'Administrator' },
  { oktaGroupId: '00g2', oktaGroupName: '=HYPERLINK("http://evil","x")', roleId: 'r-ro', roleName: 'Read Only' },
  { oktaGroupId: '00g3', oktaGroupName: 'Help "desk"', roleId: 'r-ro', roleName: 'Read Only' },
];

describe('mapping export', () => {
  it('escapes formula cells with a leading quote and quotes commas and quotes', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('a,b')).toBe('"a,b"');
    const csv = exportCsv(rows);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csv.split('\r\n').every((line) => !/(^|,)=/.test(line))).toBe(true);
  });

  it('re-imports its own CSV and JSON unchanged', () => {
    expect(importCsv(exportCsv(rows), roles)).toEqual({ rows, problems: [] });
    expect(importJson(exportJson(rows), roles)).toEqual({ rows, problems: [] });
  });
});

describe('mapping import', () => {
  const header = 'Okta group id,Okta group,ThreatLocker role id,ThreatLocker role';

  it('accepts a BOM and Windows line ends', () => {
    const got = importCsv(`\uFEFF${header}\r\n00g1,TL Admins,,read only\r\n`, roles);
    expect(got).toEqual({ rows: [{ oktaGroupId: '00g1', oktaGroupName: 'TL Admins', roleId: 'r-ro', roleName: 'Read Only' }], problems: [] });
  });

  it('refuses wrong columns for the whole file, naming the expected ones', () => {
    const got = importCsv('group,role\nTL Admins,Administrator\n', roles);
    expect(got.rows).toEqual([]);
    expect(got.problems[0]!.message).toMatch(/must name the columns "Okta group id".*it has "group", "role"/);
  });

  it('gives a per-row error for an unknown role, a bare formula and a short row, and keeps the good rows', () => {
    const got = importCsv([header, '00g1,TL Admins,r-admin,Administrator', '00g2,Sales,x,Owner', '00g3,=HYPERLINK("http://evil"),r-ro,Read Only', '00g4,Short'].join('\n'), roles);
    expect(got.rows.map((r) => r.oktaGroupId)).toEqual(['00g1']);
    expect(got.problems.map((p) => p.row)).toEqual([3, 4, 5]);
    expect(got.problems[0]!.message).toMatch(/Role "Owner" does not exist.*Administrator, Read Only/);
    expect(got.problems[1]!.message).toMatch(/starts like a spreadsheet formula/);
    expect(got.problems[2]!.message).toMatch(/Has 2 cells; the header has 4/);
  });

  it('refuses a file over 10 MB without parsing it', () => {
    const got = importCsv(`${header}\n${'x'.repeat(MAX_MAPPING_FILE_BYTES)}`, roles);
    expect(got).toEqual({ rows: [], problems: [{ message: expect.stringMatching(/at most 10 MB/) }] });
  });

  it('explains an unclosed quote, bad JSON and a JSON item of the wrong shape', () => {
    expect(importCsv(`${header}\n"00g1,x,y,z`).problems[0]!.message).toMatch(/never closed/);
    expect(importJson('{nope').problems[0]!.message).toMatch(/not valid JSON/);
    expect(importJson('{"mappings":[{"oktaGroupId":1}]}').problems).toEqual([{ row: 1, message: expect.stringMatching(/oktaGroupId is wrong/) }]);
  });
});
