import { Icon } from '../../../components/Icon';
import { useSetupStore } from '../setup-store';
import { arrows } from '../step-data';

export function DeepLink({ link, sandbox }: { link: { label: string; url: string }; sandbox: boolean }) {
  const openExternal = useSetupStore((s) => s.openExternal);
  return (
    <div className="wizard-block wizard-link">
      <span className="wizard-link-icon" aria-hidden="true">
        <Icon name="external" size={18} />
      </span>
      <div className="wizard-link-text">
        <p className="wizard-link-label">{arrows(link.label)}</p>
        <code className="wizard-link-url" title={link.url}>
          {link.url}
        </code>
      </div>
      <button type="button" className="btn btn-secondary" disabled={sandbox} onClick={() => void openExternal(link.url)}>
        <Icon name="external" />
        Open in Okta Admin Console
      </button>
      {sandbox && <p className="wizard-link-note">This is a sandbox profile: its Okta is simulated, so the link opens only for real Okta orgs.</p>}
    </div>
  );
}
