import { z } from 'zod';
import type { NamedRef } from './setup-data';
import type { MappingRow } from './mapping-validation';

/** Largest mapping file read: a real one is a few KB. */
export const MAX_MAPPING_FILE_BYTES = 10 * 1024 * 1024;
export const CSV_HEADER = ['Okta group id', 'Okta group', 'ThreatLocker role id', 'ThreatLocker role'] as const;
const JSON_FORMAT = 'threatlocker-console.group-role-mappings';

/** A spreadsheet runs a cell that starts with one of these as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes a formula-looking cell with ' (shown as text by Excel, LibreOffice and Sheets) and quotes when needed. */
const textOnly = (value: string) => (FORMULA_START.test(value) ? `'${value}` : value);

export function csvCell(value: string): string {
  const safe = textOnly(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function exportCsv(rows: readonly MappingRow[]): string {
  const lines = [CSV_HEADER.join(','), ...rows.map((r) => [r.oktaGroupId, r.oktaGroupName, r.roleId, r.roleName].map(csvCell).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

export function exportJson(rows: readonly MappingRow[]): string {
  // Same escape as the CSV: a JSON file is often opened or converted in a spreadsheet too.
  const mappings = rows.map((r) => ({ oktaGroupId: textOnly(r.oktaGroupId), oktaGroupName: textOnly(r.oktaGroupName), roleId: textOnly(r.roleId), roleName: textOnly(r.roleName) }));
  return `${JSON.stringify({ format: JSON_FORMAT, version: 1, mappings }, null, 2)}\n`;
}

/** RFC 4180 records, with a BOM and either line end accepted. Returns null on an unclosed quote. */
function parseCsv(text: string): string[][] | null {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  const endField = () => {
    record.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') endField();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
    } else field += c;
  }
  if (quoted) return null;
  if (field !== '' || record.length) endRecord();
  return records.filter((r) => r.some((cell) => cell.trim() !== ''));
}

export interface ImportProblem {
  /** 1-based line in a CSV, 1-based item in a JSON list; absent for the whole file. */
  row?: number;
  message: string;
}

export interface MappingImport {
  rows: MappingRow[];
  problems: ImportProblem[];
}

/** Reads our own ' escape back, and refuses a bare formula: it would run in the next spreadsheet that opens the file. */
function cellValue(raw: string, what: string, row: number, problems: ImportProblem[]): string | undefined {
  const value = raw.trim();
  if (value.startsWith("'") && FORMULA_START.test(value.slice(1))) return value.slice(1);
  if (FORMULA_START.test(value)) {
    problems.push({ row, message: `${what} "${value.slice(0, 40)}" starts like a spreadsheet formula; it is not imported. If the name really starts with "${value[0]}", write it as '${value.slice(0, 20)}.` });
    return undefined;
  }
  if (!value) {
    problems.push({ row, message: `${what} is empty.` });
    return undefined;
  }
  return value;
}

/** Matches a role by id, then by name; with roles listed, one that is not there is a problem for the row. */
function resolveRole(id: string, name: string, roles: readonly NamedRef[] | undefined, row: number, problems: ImportProblem[]): NamedRef | undefined {
  if (!roles) return { id, name };
  const hit = roles.find((r) => r.id.toLowerCase() === id.toLowerCase()) ?? roles.find((r) => r.name.trim().toLowerCase() === name.toLowerCase());
  if (!hit) problems.push({ row, message: `Role "${name}" does not exist in this ThreatLocker organization; pick one of: ${roles.slice(0, 8).map((r) => r.name).join(', ')}${roles.length > 8 ? ', …' : ''}.` });
  return hit;
}

function tooBig(bytes: number): MappingImport | undefined {
  if (bytes <= MAX_MAPPING_FILE_BYTES) return undefined;
  return { rows: [], problems: [{ message: `The file is ${(bytes / 1024 / 1024).toFixed(1)} MB; a mapping file may be at most 10 MB. Export one from this console to see the expected shape.` }] };
}

function toRow(cells: { id: string; name: string; roleId: string; roleName: string }, roles: readonly NamedRef[] | undefined, row: number, problems: ImportProblem[]): MappingRow | undefined {
  const before = problems.length;
  const oktaGroupId = cellValue(cells.id, 'Okta group id', row, problems);
  const oktaGroupName = cellValue(cells.name, 'Okta group', row, problems);
  const roleId = cellValue(cells.roleId || cells.roleName, 'ThreatLocker role id', row, problems);
  const roleName = cellValue(cells.roleName, 'ThreatLocker role', row, problems);
  if (problems.length > before) return undefined;
  const role = resolveRole(roleId!, roleName!, roles, row, problems);
  return role && { oktaGroupId: oktaGroupId!, oktaGroupName: oktaGroupName!, roleId: role.id, roleName: role.name };
}

/** Parses a CSV export; nothing is applied here: the caller shows the rows and problems and applies on confirmation. */
export function importCsv(text: string, roles?: readonly NamedRef[]): MappingImport {
  const big = tooBig(new TextEncoder().encode(text).length);
  if (big) return big;
  const records = parseCsv(text.replace(/^\uFEFF/, ''));
  if (!records) return { rows: [], problems: [{ message: 'A quoted cell is never closed. Save the file again from the spreadsheet as CSV.' }] };
  const header = records[0]?.map((h) => h.trim().toLowerCase()) ?? [];
  const at = CSV_HEADER.map((h) => header.indexOf(h.toLowerCase()));
  if (at.some((i) => i < 0)) {
    return { rows: [], problems: [{ row: 1, message: `The first line must name the columns ${CSV_HEADER.map((h) => `"${h}"`).join(', ')}; it has ${header.length ? header.map((h) => `"${h}"`).join(', ') : 'nothing'}.` }] };
  }
  const problems: ImportProblem[] = [];
  const rows: MappingRow[] = [];
  records.slice(1).forEach((cells, i) => {
    const row = i + 2;
    if (cells.length !== header.length) {
      problems.push({ row, message: `Has ${cells.length} cells; the header has ${header.length}.` });
      return;
    }
    const [id, name, roleId, roleName] = at.map((j) => cells[j]!);
    const r = toRow({ id: id!, name: name!, roleId: roleId!, roleName: roleName! }, roles, row, problems);
    if (r) rows.push(r);
  });
  return { rows, problems };
}

const jsonRowSchema = z.object({ oktaGroupId: z.string(), oktaGroupName: z.string(), roleId: z.string().optional(), roleName: z.string() });

/** Parses a JSON export (or a bare list of rows). */
export function importJson(text: string, roles?: readonly NamedRef[]): MappingImport {
  const big = tooBig(new TextEncoder().encode(text).length);
  if (big) return big;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { rows: [], problems: [{ message: 'The file is not valid JSON. Export one from this console to see the expected shape.' }] };
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { mappings?: unknown } | null)?.mappings;
  if (!Array.isArray(list)) return { rows: [], problems: [{ message: 'Expected a "mappings" list of { oktaGroupId, oktaGroupName, roleId, roleName }.' }] };
  const problems: ImportProblem[] = [];
  const rows: MappingRow[] = [];
  list.forEach((item, i) => {
    const ok = jsonRowSchema.safeParse(item);
    if (!ok.success) {
      problems.push({ row: i + 1, message: `Needs text in oktaGroupId, oktaGroupName and roleName (${ok.error.issues[0]?.path.join('.') || 'the item'} is wrong).` });
      return;
    }
    const r = toRow({ id: ok.data.oktaGroupId, name: ok.data.oktaGroupName, roleId: ok.data.roleId ?? '', roleName: ok.data.roleName }, roles, i + 1, problems);
    if (r) rows.push(r);
  });
  return { rows, problems };
}
