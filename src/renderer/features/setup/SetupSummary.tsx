import type { SettingRow, SetupView } from '../../../shared/setup';
import { Icon, type IconName } from '../../components/Icon';
import { absoluteTime, relativeTime } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { ExportReportButton } from './ExportReportButton';
import { CopyTextButton } from '../../components/CopyTextButton';
import { arrows } from './step-data';

type Verification = SettingRow['verification'];

export const verificationLabels: Record<Verification, string> = {
  'read-back': 'Read back',
  probed: 'Probed',
  confirmed: 'Confirmed by admin',
  sandbox: 'Set by the sandbox',
  'not-verifiable': 'Not verifiable',
  pending: 'Pending',
  failed: 'Failed',
  stale: 'Needs re-check',
};

const verificationHelp: Record<Verification, string> = {
  'read-back': 'The console read the value back from Okta or ThreatLocker and it matches.',
  probed: 'The console tested it end to end (e.g. a SCIM request with the token) but cannot read the setting itself.',
  confirmed: 'No API can read it back; you confirmed it in the wizard.',
  sandbox: 'No API can read it back; the sandbox played your clicks (no one confirmed it by hand).',
  'not-verifiable': 'No API can read it back.',
  pending: 'Its step has not run yet.',
  failed: 'Its step failed: open the step for what went wrong.',
  stale: 'Verified earlier, but the org behind this profile may have changed since: run its step again.',
};

const verificationIcons: Record<Verification, IconName> = {
  'read-back': 'passCircle',
  probed: 'passCircle',
  confirmed: 'check',
  sandbox: 'flask',
  'not-verifiable': 'alert',
  pending: 'clock',
  failed: 'failCircle',
  stale: 'refresh',
};

const order: Verification[] = ['read-back', 'probed', 'confirmed', 'sandbox', 'not-verifiable', 'stale', 'pending', 'failed'];

function summaryText(rows: SettingRow[]): string {
  return rows.map((r) => `${r.setting}: ${r.value} (${r.how === 'api' ? 'API' : 'manual'}; ${verificationLabels[r.verification]}${r.at ? `; ${r.at}` : ''})`).join('\n');
}

export function SetupSummary({ view }: { view: SetupView }) {
  const now = useNow();
  const rows = view.summary;
  const counts = new Map<Verification, number>();
  for (const r of rows) counts.set(r.verification, (counts.get(r.verification) ?? 0) + 1);
  const checked = (counts.get('read-back') ?? 0) + (counts.get('probed') ?? 0) + (counts.get('confirmed') ?? 0);

  return (
    <section className="card wizard-panel wizard-summary" data-testid="setup-summary" aria-labelledby="wizard-summary-title">
      <header className="wizard-summary-head">
        <div>
          <p className="wizard-eyebrow">Summary</p>
          <h2 id="wizard-summary-title" className="wizard-panel-title">
            Every setting, and how it was checked
          </h2>
          <p className="wizard-why">
            {checked} of {rows.length} settings are verified or confirmed. Settings with no API to read them back say so.
          </p>
        </div>
        <div className="wizard-summary-actions">
          {rows.length > 0 && <CopyTextButton label="summary as text" text="Copy as text" nameFromText value={summaryText(rows)} small={false} className="wizard-copy" />}
          <ExportReportButton />
        </div>
      </header>

      <ul className="wizard-summary-stats" aria-label="Verification counts">
        {order
          .filter((v) => counts.get(v))
          .map((v) => (
            <li key={v} className={`wizard-verif wizard-verif-${v}`}>
              <Icon name={verificationIcons[v]} size={13} />
              {counts.get(v)} {verificationLabels[v].toLowerCase()}
            </li>
          ))}
      </ul>

      {rows.length === 0 ? (
        <p className="empty-note">Nothing to summarise yet: run the first steps.</p>
      ) : (
        <table className="wizard-table wizard-summary-table" aria-label="Settings">
          <thead>
            <tr>
              <th scope="col">Setting and value</th>
              <th scope="col">How</th>
              <th scope="col">Verification</th>
              <th scope="col">When</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={`${row.setting}-${i}`} data-testid="summary-row" data-verification={row.verification} data-how={row.how}>
                <th scope="row">
                  <span className="wizard-summary-setting">{row.setting}</span>
                  <span className="wizard-summary-value">{arrows(row.value)}</span>
                </th>
                <td>
                  <span className={`badge ${row.how === 'api' ? 'wizard-how-api' : 'badge-neutral'}`}>{row.how === 'api' ? 'API' : 'Manual'}</span>
                </td>
                <td>
                  <span className={`wizard-verif wizard-verif-${row.verification}`} title={verificationHelp[row.verification]}>
                    <Icon name={verificationIcons[row.verification]} size={13} />
                    {verificationLabels[row.verification]}
                  </span>
                </td>
                <td className="wizard-when">
                  {row.at ? (
                    <time dateTime={row.at} title={absoluteTime(row.at)}>
                      {relativeTime(row.at, now)}
                    </time>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
