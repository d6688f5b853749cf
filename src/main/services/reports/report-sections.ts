import type { ReportModel } from '../../../shared/review';

type Esc = (text: string) => string;

const severityLabel = { error: 'Error', warning: 'Warning', info: 'Info' } as const;

/**
 * The report's sections drawn from the report model (summary, lint, mapping, status, appendix),
 * as HTML. Every model string is escaped here; the model was redacted when it was built.
 */
export function modelSections(model: ReportModel, esc: Esc): { summary: string; rest: string } {
  return { summary: summary(model, esc), rest: [lint(model, esc), mapping(model, esc), status(model, esc), appendix(model, esc)].join('\n') };
}

function summary(model: ReportModel, esc: Esc): string {
  if (model.summary.verdict === 'ready') return '<section data-summary="ready"><h2>Summary</h2><p class="lead">Ready: every step is done and the lint found no error.</p></section>';
  const items = model.summary.reasons.map((r) => `<li>${esc(r)}</li>`).join('');
  return `<section data-summary="needs-attention"><h2>Summary</h2><p class="lead">Needs attention${items ? ', because:' : '.'}</p>${items ? `<ul class="reasons">${items}</ul>` : ''}</section>`;
}

function lint(model: ReportModel, esc: Esc): string {
  const rows = model.lint
    .map((f) => `<tr data-rule="${esc(f.rule)}"><td class="sev-${esc(f.severity)}">${severityLabel[f.severity]}</td><td>${esc(f.setting)}</td><td>${esc(f.problem)}</td><td>${esc(f.fix)}</td><td><a href="${esc(f.link)}">Step</a></td></tr>`)
    .join('\n');
  return `<section><h2>Lint findings</h2><p class="lead">The saved config checked against ThreatLocker’s article and the API references.</p>${
    rows ? `<table class="lint"><thead><tr><th>Severity</th><th>Setting</th><th>What is wrong</th><th>How to fix it</th><th>Step</th></tr></thead><tbody>${rows}</tbody></table>` : '<p class="muted">No findings.</p>'
  }</section>`;
}

function mapping(model: ReportModel, esc: Esc): string {
  const rows = model.mappings.map((m) => `<tr><td>${esc(m.oktaGroupName)}</td><td class="mono">${esc(m.oktaGroupId)}</td><td>${esc(m.roleName)}</td></tr>`).join('\n');
  return `<section><h2>Group to role mapping</h2>${
    rows ? `<table class="mapping"><thead><tr><th>Okta group</th><th>Group id</th><th>ThreatLocker role</th></tr></thead><tbody>${rows}</tbody></table>` : '<p class="muted">No mapping saved.</p>'
  }</section>`;
}

function status(model: ReportModel, esc: Esc): string {
  if (!model.status) return '<section><h2>Provisioning status</h2><p class="muted">No status data yet: no provisioning status snapshot is saved with this profile.</p></section>';
  const entries = Object.entries(model.status.counts);
  const max = Math.max(1, ...entries.map(([, n]) => n));
  // A bar chart in plain CSS: widths are numbers this module computed, never text from the profile.
  const bars = entries
    .map(([name, n]) => `<div class="bar"><span>${esc(name)}</span><span class="bar-track"><span class="bar-fill" style="width:${Math.round((n / max) * 100)}%"></span></span><span class="num">${n}</span></div>`)
    .join('');
  return `<section><h2>Provisioning status</h2><p class="lead">Snapshot of ${esc(model.status.at)}.</p><div class="bars" role="img" aria-label="Status counts">${bars}</div></section>`;
}

function appendix(model: ReportModel, esc: Esc): string {
  const rows = model.appendix.map((v) => `<div><dt>${esc(v.key)}</dt><dd class="mono">${esc(v.value)}</dd></div>`).join('');
  return `<section><h2>Appendix: every saved value</h2><dl class="facts">${rows}</dl></section>`;
}
