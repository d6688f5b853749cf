import { AppError } from '../../../shared/errors';
import type { Profile } from '../../../shared/profile';
import type { ConfigChange, OverviewRow, Review, ReviewSource } from '../../../shared/review';
import { readableRun } from '../../../shared/scim-check';
import { checkProfile, checkProfileText } from '../profiles/profile-store';
import { buildReportModel } from '../reports/report-model';
import { renderReport, type ReportFile, type ReportFormat } from '../reports/report-formats';
import type { PdfPrinter } from '../reports/pdf-printer';
import { savedSetupView } from '../setup/setup-service';
import { diffConfigs, type StatusCounts } from '../config/config-diff';
import { lintConfig } from '../config/config-lint';
import { overviewCsv, overviewRow } from './overview';

export interface ReviewDeps {
  /** Saved profiles: read only. */
  store: { get(id: string): Promise<Profile>; list(): Promise<{ profiles: Profile[]; problems: { file: string; reason: string }[] }> };
  /** Masks secrets in every text that leaves main. */
  redact: (text: string) => string;
  version: string;
  now?: () => Date;
  /** The last saved status snapshot of a profile; undefined when there is no status data yet. */
  statusOf?: (profile: Profile) => Promise<{ at: string; counts: StatusCounts } | undefined>;
  /** Prints the HTML report to PDF; absent where no printer is available. */
  printPdf?: PdfPrinter;
}

const HINT = 'Choose a profile file made with "Export profile" (name.tlprofile.json), or a profile from the list.';

/**
 * Offline review of saved configs: open, lint, diff, report, and the MSP overview. It holds no
 * HTTP client and no keychain: everything comes from profile files and the text the admin opened,
 * so nothing here can reach the network or a secret.
 */
export class ReviewService {
  constructor(private readonly deps: ReviewDeps) {}

  async open(source: ReviewSource): Promise<Review> {
    const { profile, label, kind } = await this.load(source);
    const input = await this.reportInput(profile);
    const run = readableRun(profile.scimChecks);
    return {
      source: { kind, label: this.deps.redact(label) },
      ages: [
        { part: kind === 'file' ? 'Config file (last saved)' : 'Profile (last saved)', at: profile.updatedAt },
        { part: 'SCIM check', at: run?.finishedAt ?? null },
        { part: 'Status snapshot', at: input.status?.at ?? null },
      ],
      model: buildReportModel(input),
    };
  }

  async export(source: ReviewSource, format: ReportFormat): Promise<ReportFile> {
    const { profile } = await this.load(source);
    return renderReport(await this.reportInput(profile), format);
  }

  /** The HTML report printed to PDF (base64: IPC carries text). */
  async pdf(source: ReviewSource): Promise<{ fileName: string; base64: string }> {
    if (!this.deps.printPdf) throw new AppError('VALIDATION', 'PDF printing is not available here.', { hint: 'Export the HTML report and print it to PDF from a browser.' });
    const html = await this.export(source, 'html');
    const pdf = await this.deps.printPdf(html.content);
    return { fileName: html.fileName.replace(/\.html$/, '.pdf'), base64: pdf.toString('base64') };
  }

  async diff(before: ReviewSource, after: ReviewSource): Promise<ConfigChange[]> {
    const [a, b] = await Promise.all([this.load(before), this.load(after)]);
    const [statusA, statusB] = await Promise.all([this.statusOf(a.profile), this.statusOf(b.profile)]);
    const changes = diffConfigs({ profile: a.profile, status: statusA?.counts }, { profile: b.profile, status: statusB?.counts });
    return changes.map((c) => ({ ...c, key: this.deps.redact(c.key), ...(c.old !== undefined && { old: this.deps.redact(c.old) }), ...(c.new !== undefined && { new: this.deps.redact(c.new) }) }));
  }

  /** Every saved profile as one row; files that cannot be read are listed by name, never fatal. */
  async overview(): Promise<{ rows: OverviewRow[]; problems: { file: string; reason: string }[] }> {
    const { profiles, problems } = await this.deps.store.list();
    const now = this.now();
    const statuses = await Promise.all(profiles.map((p) => this.statusOf(p)));
    const rows = profiles.map((p, i) => overviewRow(p, savedSetupView(p), lintConfig(p, { now }), statuses[i]));
    return { rows: rows.map((r) => ({ ...r, name: this.deps.redact(r.name), childOrganization: r.childOrganization && this.deps.redact(r.childOrganization) })), problems };
  }

  async overviewCsv(): Promise<{ fileName: string; content: string }> {
    const { rows } = await this.overview();
    return { fileName: `msp-overview-${this.now().toISOString().slice(0, 10)}.csv`, content: overviewCsv(rows) };
  }

  /** A status snapshot that cannot be read is "no status data yet", never a failed review. */
  private async statusOf(profile: Profile): Promise<{ at: string; counts: StatusCounts } | undefined> {
    return (await this.deps.statusOf?.(profile).catch(() => undefined)) ?? undefined;
  }

  private async reportInput(profile: Profile) {
    const generatedAt = this.now();
    const status = await this.statusOf(profile);
    return { profile, view: savedSetupView(profile), version: this.deps.version, generatedAt, redact: this.deps.redact, ...(status && { status }) };
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  private async load(source: ReviewSource): Promise<{ profile: Profile; label: string; kind: 'profile' | 'file' }> {
    if ('profileId' in source) {
      const profile = await this.deps.store.get(source.profileId);
      return { profile, label: profile.name, kind: 'profile' };
    }
    return { profile: parseConfigFile(source.fileName, source.content), label: source.fileName, kind: 'file' };
  }
}

/** An exported config file's text as a profile, or a VALIDATION error that says what is wrong. */
export function parseConfigFile(fileName: string, content: string): Profile {
  const name = fileName.slice(0, 200);
  const limit = checkProfileText(content);
  if (limit) throw new AppError('VALIDATION', `${name} ${limit}`, { hint: HINT });
  let raw: unknown;
  try {
    raw = JSON.parse(content);
  } catch (error) {
    const detail = error instanceof SyntaxError ? error.message.slice(0, 120) : 'unreadable';
    throw new AppError('VALIDATION', `${name} is not a config file: it is not valid JSON (${detail}); it may be cut short.`, { hint: HINT });
  }
  const check = checkProfile(raw);
  if (!check.ok) throw new AppError(check.code, `${name} ${check.reason}`, { hint: HINT });
  return check.profile;
}
