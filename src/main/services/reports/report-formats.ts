import type { ReportFormat, ReportModel } from '../../../shared/review';

export { reportFormats, type ReportFormat } from '../../../shared/review';
import { toCsv } from './csv';
import { buildReportModel } from './report-model';
import { buildSetupReport, reportFileName, type SetupReportInput } from './setup-report';


export interface ReportFile {
  fileName: string;
  mimeType: string;
  content: string;
}

const extension: Record<ReportFormat, [string, string]> = {
  html: ['.html', 'text/html'],
  markdown: ['.md', 'text/markdown'],
  json: ['.json', 'application/json'],
  'mapping-csv': ['-mapping.csv', 'text/csv'],
  'status-csv': ['-status.csv', 'text/csv'],
};

/** The report in one format, every format drawn from the same model. */
export function renderReport(input: SetupReportInput, format: ReportFormat): ReportFile {
  const base = reportFileName(input.profile.name, input.generatedAt).replace(/\.html$/, '');
  const [ext, mimeType] = extension[format];
  const fileName = base + ext;
  if (format === 'html') return { fileName, mimeType, content: buildSetupReport(input).content };
  const model = buildReportModel(input);
  if (format === 'json') return { fileName, mimeType, content: `${JSON.stringify(model, null, 2)}\n` };
  if (format === 'mapping-csv') return { fileName, mimeType, content: toCsv(['Okta group', 'Okta group id', 'ThreatLocker role', 'Role id'], model.mappings.map((m) => [m.oktaGroupName, m.oktaGroupId, m.roleName, m.roleId])) };
  if (format === 'status-csv') return { fileName, mimeType, content: toCsv(['Status', 'Count', 'Snapshot'], Object.entries(model.status?.counts ?? {}).map(([k, n]) => [k, n, model.status?.at])) };
  return { fileName, mimeType, content: renderMarkdown(model) };
}

/** Markdown: the same sections as the HTML, with every value as inline code or escaped text. */
export function renderMarkdown(model: ReportModel): string {
  const out: string[] = [];
  const p = model.profile;
  out.push(`# Setup report: ${md(p.name)}`, '', `Generated ${md(model.generatedAt)} by ${md(model.generator.name)} ${md(model.generator.version)}.`, '');
  out.push('## Summary', '', model.summary.verdict === 'ready' ? 'Ready: every step is done and the lint found no error.' : 'Needs attention:', '');
  for (const r of model.summary.reasons) out.push(`- ${md(r)}`);
  out.push('', '## Environment', '', table(['Item', 'Value'], [['Okta org', p.oktaOrg], ['ThreatLocker instance', p.instance], ['Child organization', p.childOrganization ?? 'none'], ['SCIM API Url', p.scimUrl ?? 'not set'], ['Sandbox', p.sandbox ? 'yes' : 'no']]));
  out.push('', '## Setup steps', '', table(['#', 'Step', 'Status', 'Outcome', 'Updated'], model.steps.map((s) => [String(s.number), s.title, s.status, [s.detail, s.hint && `Next: ${s.hint}`, s.staleReason && `Needs re-check: ${s.staleReason}`].filter(Boolean).join(' '), s.updatedAt ?? ''])));
  out.push('', '## Settings', '', table(['Setting', 'Value', 'Set by', 'Verification', 'When'], model.settings.map((r) => [r.setting, r.value, r.how, r.verification, r.at ?? ''])));
  out.push('', '## SCIM connection check', '');
  const c = model.scimCheck;
  if (!c) out.push('No SCIM connection check has been run for this profile yet.');
  else if ('unreadable' in c) out.push('The saved check could not be read. Run the check again.');
  else out.push(`${c.summary.pass} pass, ${c.summary.warn} warn, ${c.summary.fail} fail, ${c.summary.skip} skipped; ran ${md(c.startedAt)} against ${md(c.baseUrl)}.`, '', table(['#', 'Check', 'Outcome', 'HTTP', 'Hint'], c.results.map((r) => [r.number, r.title, r.outcome, r.status === null ? '' : String(r.status), r.hint ?? ''])));
  out.push('', '## Lint findings', '', model.lint.length ? table(['Severity', 'Setting', 'What is wrong', 'How to fix it', 'Step'], model.lint.map((f) => [f.severity, f.setting, f.problem, f.fix, f.stepId])) : 'No findings.');
  out.push('', '## Group to role mapping', '', model.mappings.length ? table(['Okta group', 'Group id', 'ThreatLocker role'], model.mappings.map((m) => [m.oktaGroupName, m.oktaGroupId, m.roleName])) : 'No mapping saved.');
  out.push('', '## Provisioning status', '', model.status ? table(['Status', 'Count'], Object.entries(model.status.counts).map(([k, n]) => [k, String(n)])) : 'No status data yet.');
  out.push('', '## Appendix: every saved value', '', table(['Setting', 'Value'], model.appendix.map((v) => [v.key, v.value])), '');
  return out.join('\n');
}

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`, ...rows.map((r) => `| ${r.map(md).join(' | ')} |`)].join('\n');
}

/** Text safe in Markdown and in any HTML a viewer renders it to: no markup, links or table breaks. */
function md(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>&~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}
