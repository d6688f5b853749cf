import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Profile } from '../../../shared/profile';
import { profileTabs, useAppStore, type ProfileTab } from '../../core/app-store';
import { fieldErrors } from '../../core/errors';
import { Spinner } from '../../components/Dialog';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Fact } from '../../components/Fact';
import { Icon } from '../../components/Icon';
import { valueOf } from '../../lib/async';
import { hostOf, instanceLabel, portalApiHost } from '../../lib/format';
import { CredentialsPanel, useCredentialsStore } from '../credentials';
import { OktaSignInPanel } from '../okta-sign-in';
import { DeleteProfileDialog } from './ProfileDialogs';
import { useProfilesStore } from './profiles-store';
import { ScimCheckScreen } from '../scim-check';
import { SetupWizard } from '../setup';
import { StatusCard, StatusScreen } from '../status';
import { EditDetailsDialog } from './EditDetailsDialog';
import { useProfileStore } from './profile-store';

const tabLabels: Record<ProfileTab, string> = { credentials: 'Credentials', check: 'Connection check', setup: 'Setup', status: 'Status' };

export function ProfileScreen({ profileId, tab }: { profileId: string; tab: ProfileTab }) {
  const state = useProfileStore((s) => s.profile);
  const storeProfileId = useProfileStore((s) => s.profileId);
  const load = useProfileStore((s) => s.load);
  const loadSecrets = useCredentialsStore((s) => s.load);
  const showProfiles = useAppStore((s) => s.showProfiles);

  useEffect(() => {
    void load(profileId);
    void loadSecrets(profileId);
  }, [profileId, load, loadSecrets]);

  const profile = storeProfileId === profileId ? valueOf(state) : undefined;
  const dataState = storeProfileId !== profileId || state.status === 'idle' ? 'loading' : profile ? 'ready' : state.status;

  return (
    <main id="main" className="screen" data-screen="profile" data-state={dataState} data-profile-id={profileId} aria-labelledby="profile-title">
      {profile ? (
        <ProfileView profile={profile} tab={tab} />
      ) : state.status === 'error' && storeProfileId === profileId ? (
        <div className="screen-body">
          <h1 id="profile-title" className="visually-hidden">
            Profile
          </h1>
          <ErrorPanel title="Couldn’t open this profile" error={state.error} onRetry={state.error.code !== 'NOT_FOUND' ? () => void load(profileId) : undefined}>
            <button type="button" className="btn btn-secondary" onClick={showProfiles}>
              <Icon name="chevronLeft" />
              All profiles
            </button>
          </ErrorPanel>
        </div>
      ) : (
        <ProfileSkeleton />
      )}
    </main>
  );
}

function ProfileView({ profile, tab }: { profile: Profile; tab: ProfileTab }) {
  const setTab = useAppStore((s) => s.setTab);
  const showProfiles = useAppStore((s) => s.showProfiles);
  const exportProfile = useProfilesStore((s) => s.exportProfile);
  const [deleting, setDeleting] = useState(false);
  const [editing, setEditing] = useState(false);
  const tabRefs = useRef<Partial<Record<ProfileTab, HTMLButtonElement | null>>>({});
  const { threatlocker } = profile;

  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    const index = profileTabs.indexOf(tab);
    let next: ProfileTab | undefined;
    if (event.key === 'ArrowRight') next = profileTabs[(index + 1) % profileTabs.length];
    else if (event.key === 'ArrowLeft') next = profileTabs[(index - 1 + profileTabs.length) % profileTabs.length];
    else if (event.key === 'Home') next = profileTabs[0];
    else if (event.key === 'End') next = profileTabs[profileTabs.length - 1];
    if (!next) return;
    event.preventDefault();
    setTab(next);
    tabRefs.current[next]?.focus();
  };

  return (
    <>
      <header className="profile-header">
        <button type="button" className="breadcrumb" onClick={showProfiles}>
          <Icon name="chevronLeft" size={14} />
          All profiles
        </button>
        <div className="profile-header-row">
          <div className="profile-header-main">
            <ProfileName profile={profile} />
            <StatusCard profileId={profile.id} onOpen={() => setTab('status')} />
            <dl className="profile-facts">
              <Fact icon="globe" label="Okta org">
                <code>{profile.okta.orgUrl}</code>
              </Fact>
              <Fact icon="building" label="ThreatLocker">
                Instance <strong>{instanceLabel(threatlocker.instance)}</strong>
                <span className="muted"> · {hostOf(threatlocker.portalApiUrl) || portalApiHost(threatlocker.instance)}</span>
              </Fact>
              {(threatlocker.managedOrganizationName || threatlocker.managedOrganizationId) && (
                <Fact icon="users" label="Child organization">
                  {threatlocker.managedOrganizationName ?? <code>{threatlocker.managedOrganizationId}</code>}
                </Fact>
              )}
            </dl>
          </div>
          <div className="screen-actions">
            {!profile.sandbox && (
              <button type="button" className="btn btn-secondary" onClick={() => setEditing(true)}>
                <Icon name="pencil" />
                Edit details
              </button>
            )}
            <button type="button" className="btn btn-secondary" onClick={() => void exportProfile(profile.id)}>
              <Icon name="download" />
              Export profile
            </button>
            <button type="button" className="btn btn-secondary btn-danger-text" onClick={() => setDeleting(true)}>
              <Icon name="trash" />
              Delete profile
            </button>
          </div>
        </div>
        {profile.sandbox && (
          <div className="sandbox-banner">
            <Icon name="flask" size={16} />
            <p>
              <strong>Sandbox profile.</strong> It talks to a simulated Okta org and ThreatLocker tenant running on this
              computer. Nothing is sent to the real services.
            </p>
          </div>
        )}
        <div className="tabs" role="tablist" aria-label="Profile sections">
          {profileTabs.map((t) => (
            <button
              key={t}
              ref={(el) => {
                tabRefs.current[t] = el;
              }}
              type="button"
              role="tab"
              id={`tab-${t}`}
              aria-selected={t === tab}
              aria-controls={`panel-${t}`}
              tabIndex={t === tab ? 0 : -1}
              className="tab"
              onClick={() => setTab(t)}
              onKeyDown={onTabKey}
            >
              {tabLabels[t]}
              {t === 'credentials' && <MissingSecretsDot />}
            </button>
          ))}
        </div>
      </header>

      <div className="screen-body" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} tabIndex={-1}>
        {tab === 'credentials' && (
          <>
            <OktaSignInPanel profileId={profile.id} />
            <CredentialsPanel profileId={profile.id} />
          </>
        )}
        {tab === 'check' && <ScimCheckScreen profile={profile} />}
        {tab === 'setup' && <SetupWizard profileId={profile.id} profileName={profile.name} sandbox={profile.sandbox} savedMappings={profile.mappings} mappingHistory={profile.mappingHistory} />}
        {tab === 'status' && <StatusScreen profileId={profile.id} />}
      </div>

      {editing && <EditDetailsDialog profile={profile} onClose={() => setEditing(false)} />}
      {deleting && <DeleteProfileDialog profileId={profile.id} name={profile.name} onClose={() => setDeleting(false)} onDeleted={showProfiles} />}
    </>
  );
}

/** A quiet hint on the Credentials tab while a token is still missing. */
function MissingSecretsDot() {
  const missing = useCredentialsStore((s) =>
    s.statuses.status === 'ready' ? Object.values(s.statuses.value).filter((st) => !st.present).length : 0,
  );
  if (missing === 0) return null;
  return (
    <span className="tab-count" title={`${missing} not set`}>
      <span className="visually-hidden">, </span>
      {missing} not set
    </span>
  );
}

function ProfileName({ profile }: { profile: Profile }) {
  const rename = useProfileStore((s) => s.rename);
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(profile.name);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const renameButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (editing) inputRef.current?.select();
  }, [editing]);

  const stop = () => {
    setEditing(false);
    setError(undefined);
    requestAnimationFrame(() => renameButton.current?.focus());
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return setError('Give the profile a name');
    if (trimmed === profile.name) return stop();
    setBusy(true);
    const ok = await rename(trimmed, { inline: (e) => setError(fieldErrors(e, ['name']).name ?? e.message) });
    setBusy(false);
    if (ok) stop();
  };

  if (!editing) {
    return (
      <div className="profile-title-row">
        <h1 id="profile-title" className="screen-title">
          {profile.name}
        </h1>
        {profile.sandbox && <span className="badge badge-sandbox">Sandbox</span>}
        <button
          ref={renameButton}
          type="button"
          className="icon-button"
          aria-label="Rename"
          title="Rename"
          onClick={() => {
            setName(profile.name);
            setEditing(true);
          }}
        >
          <Icon name="pencil" />
        </button>
      </div>
    );
  }

  return (
    <form className="rename-inline" onSubmit={submit} noValidate>
      <h1 id="profile-title" className="visually-hidden">
        {profile.name}
      </h1>
      <div className="rename-inline-row">
        <input
          ref={inputRef}
          className="input input-title"
          aria-label="Profile name"
          value={name}
          maxLength={120}
          disabled={busy}
          aria-invalid={error ? true : undefined}
          onChange={(e) => {
            setName(e.target.value);
            setError(undefined);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              stop();
            }
          }}
        />
        <button type="submit" className="btn btn-primary btn-small" disabled={busy}>
          {busy && <Spinner />}
          Save name
        </button>
        <button type="button" className="btn btn-ghost btn-small" onClick={stop} disabled={busy}>
          Cancel
        </button>
      </div>
      {error && (
        <p className="field-error rename-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

function ProfileSkeleton() {
  return (
    <div className="profile-header">
      <p className="visually-hidden" role="status">
        Loading the profile…
      </p>
      <span className="skeleton skeleton-line skeleton-crumb" />
      <span className="skeleton skeleton-line skeleton-heading" />
      <span className="skeleton skeleton-line" />
      <span className="skeleton skeleton-line skeleton-short" />
    </div>
  );
}
