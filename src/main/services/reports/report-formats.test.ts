import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canaryToken, leakedPieces } from '../../../../tests/support/canary';
import { REPORT_SCHEMA_FILE, reportSchemaErrors } from '../../../../tests/support/report-schema-validator';
import { AT, goodProfile, withStep } from '../../../../tests/support/review-fixtures';
import { profileSchema, type Profile } from '../../../shared/profile';
import { reportJsonSchema } from '../../../shared/review-schema';
import { Redactor } from '../log/redactor';
import { savedSetupView } from '../setup/setup-service';
import { reportFormats, renderReport, type ReportFormat } from './report-formats';

const CANARY = canaryToken('report-formats');
const HOSTILE = `=HYPERLINK("http://x")<script>alert(1)</script>`;

function input(profile: Profile, redactor = new Redactor([CANARY]), generatedAt = new Date('2026-03-20T12:00:00Z')) {
  return { profile, view: savedSetupView(profile, '••••ab12'), version: '1.2.3', generatedAt, redact: (t: string) => redactor.redact(t), status: { at: AT, counts: { Pushed: 4, Failed: 1 } } };
}

/** A profile with the canary smuggled into a step detail, a mapping name and a SCIM check hint, and a hostile group name. */
function smuggled(): Profile {
  const p = withStep(goodProfile(), 'scim-connection', { status: 'failed', updatedAt: AT, detail: `ThreatLocker refused Bearer ${CANARY}` });
  const run = p.scimChecks as { results: object[] };
  return profileSchema.parse({
    ...p,
    mappings: [...p.mappings, { oktaGroupId: 'g3', oktaGroupName: HOSTILE, roleId: 'r3', roleName: `role ${CANARY}` }],
    scimChecks: { ...run, results: [{ ...run.results[0], hint: `token was ${CANARY}` }] },
  });
}

const render = (profile: Profile, format: ReportFormat, redactor?: Redactor) => renderReport(input(profile, redactor), format).content;

describe('report formats', () => {
  it('never carries the canary token, not even a piece, in any format', () => {
    for (const format of reportFormats) {
      const text = render(smuggled(), format);
      expect(leakedPieces(text, CANARY), format).toEqual([]);
    }
  });

  it('masks a Bearer token by its shape in every format even when the redactor never saw it', () => {
    const p = withStep(goodProfile(), 'scim-connection', { status: 'failed', updatedAt: AT, detail: `ThreatLocker refused Bearer ${CANARY}` });
    for (const format of reportFormats) expect(leakedPieces(render(p, format, new Redactor()), CANARY), format).toEqual([]);
  });

  it('keeps hostile names inert: escaped in HTML and Markdown, formula-escaped in CSV', () => {
    expect(render(smuggled(), 'html')).not.toContain('<script>');
    expect(render(smuggled(), 'markdown')).toContain('\\<script\\>');
    expect(render(smuggled(), 'mapping-csv')).toContain(`"'=HYPERLINK(""http://x"")<script>alert(1)</script>"`);
  });

  it('JSON validates against the committed JSON Schema, which matches the model schema', () => {
    expect(JSON.parse(readFileSync(REPORT_SCHEMA_FILE, 'utf8'))).toEqual(reportJsonSchema());
    const json = render(smuggled(), 'json');
    expect(reportSchemaErrors(json)).toEqual([]);
    expect(JSON.parse(json)).toMatchObject({ schemaVersion: 1, summary: { verdict: 'needs-attention' } });
    expect(reportSchemaErrors(json.replace('"schemaVersion": 1', '"schemaVersion": 2'))).not.toEqual([]);
  });

  it('opens with the summary, then has the lint, mapping, status chart and appendix in HTML and Markdown', () => {
    const html = render(smuggled(), 'html');
    const order = ['data-summary="needs-attention"', '<h2>Setup steps', '<h2>Lint findings', '<h2>Group to role mapping', '<h2>Provisioning status', '<h2>Appendix'].map((s) => html.indexOf(s));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain('class="bar-fill" style="width:100%"');
    const markdown = render(smuggled(), 'markdown');
    expect(markdown).toMatch(/## Summary\n\nNeeds attention:\n\n- Step 6\. SCIM connection: Failed/);
    expect(markdown).toContain('## Lint findings');
  });

  it('gives the same report for the same profile apart from the generation time', () => {
    for (const format of reportFormats) {
      const a = renderReport(input(goodProfile(), undefined, new Date('2026-03-20T12:00:00Z')), format).content;
      const b = renderReport(input(goodProfile(), undefined, new Date('2026-03-20T12:00:00Z')), format).content;
      expect(a, format).toBe(b);
    }
  });
});
