import { useProfilesStore } from '../features/profiles';
import { SandboxChip } from '../features/sandbox-mode';
import { Icon, LogoMark } from '../components/Icon';
import { valueOf } from '../lib/async';
import { hostOf } from '../lib/format';
import { selectActiveProfileId, useAppStore } from '../core/app-store';

export function Sidebar() {
  const list = useProfilesStore((state) => state.list);
  const route = useAppStore((state) => state.route);
  const activeId = useAppStore(selectActiveProfileId);
  const showProfiles = useAppStore((state) => state.showProfiles);
  const openProfile = useAppStore((state) => state.openProfile);
  const showOverview = useAppStore((state) => state.showOverview);
  const profiles = valueOf(list)?.profiles ?? [];
  const version = useAppStore((state) => state.info?.version);

  return (
    <nav className="sidebar" aria-label="Main">
      <div className="sidebar-brand">
        <LogoMark />
        <div className="sidebar-brand-text">
          <span className="sidebar-product">ThreatLocker × Okta</span>
          <span className="sidebar-subtitle">Admin provisioning console</span>
        </div>
      </div>

      <button
        type="button"
        className="nav-item"
        aria-current={route.screen === 'profiles' ? 'page' : undefined}
        onClick={showProfiles}
      >
        <Icon name="folder" />
        <span className="nav-item-label">All profiles</span>
        {profiles.length > 0 && <span className="nav-count" aria-label={`${profiles.length} profiles`}>{profiles.length}</span>}
      </button>

      <button type="button" className="nav-item" aria-current={route.screen === 'overview' || route.screen === 'review' ? 'page' : undefined} onClick={showOverview}>
        <Icon name="building" />
        <span className="nav-item-label">All orgs overview</span>
      </button>

      {profiles.length > 0 && (
        <div className="sidebar-section">
          <h2 className="sidebar-heading" id="sidebar-profiles">
            Profiles
          </h2>
          <ul className="sidebar-list" aria-labelledby="sidebar-profiles">
            {profiles.map((profile) => {
              const active = profile.id === activeId;
              return (
                <li key={profile.id}>
                  <button
                    type="button"
                    className="nav-item nav-profile"
                    aria-current={active ? 'page' : undefined}
                    title={`${profile.name} — ${hostOf(profile.okta.orgUrl)}`}
                    onClick={() => openProfile(profile.id)}
                  >
                    <span className={`avatar${profile.sandbox ? ' avatar-sandbox' : ''}`} aria-hidden="true">
                      {profile.name.trim().charAt(0).toUpperCase() || '?'}
                    </span>
                    <span className="nav-item-label">{profile.name}</span>
                    {profile.sandbox && active && <span className="badge badge-sandbox">Sandbox</span>}
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      )}

      <div className="sidebar-footer">
        <SandboxChip />
        {version && <p className="sidebar-version">Version {version}</p>}
      </div>
    </nav>
  );
}
