import { Spinner } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { useSetupStore } from './setup-store';

/** "Export report": the setup report (HTML, no tokens) an MSP hands to its client. */
export function ExportReportButton({ small = false }: { small?: boolean }) {
  const report = useSetupStore((s) => s.report);
  const exportReport = useSetupStore((s) => s.exportReport);
  const busy = report.status === 'loading';
  return (
    <button
      type="button"
      className={`btn btn-secondary${small ? ' btn-small' : ''}`}
      title="Save an HTML report of every step, setting and the last SCIM connection check, to hand to your client. It holds no tokens."
      aria-busy={busy || undefined}
      disabled={busy}
      onClick={() => void exportReport()}
    >
      {busy ? <Spinner /> : <Icon name="download" size={14} />}
      Export report
    </button>
  );
}
