import { useRef, useState, type ComponentType } from 'react';
import type { ProfileProblem, ProfileSummary } from '../../../shared/profile';
import { useAppStore } from '../../core/app-store';
import { Callout } from '../../components/Callout';
import { Spinner } from '../../components/Dialog';
import { Icon, LogoMark } from '../../components/Icon';
import { valueOf } from '../../lib/async';
import { absoluteTime, hostOf, instanceLabel, relativeTime } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { DeleteProfileDialog, NewProfileDialog, RenameDialog } from './ProfileDialogs';
import { RecoverDamagedButton } from './RecoverDamaged';
import { useProfilesStore } from './profiles-store';

type OpenDialog =
  | { kind: 'new' }
  | { kind: 'rename'; profile: ProfileSummary }
  | { kind: 'delete'; profile: ProfileSummary }
  | undefined;

/** The sandbox's "Try the sandbox" button, handed in by the shell: the sandbox feature builds on profiles, not the other way round. */
type TrySandbox = ComponentType<{ variant?: 'primary' | 'secondary' }>;

export function ProfilesScreen({ TrySandbox }: { TrySandbox: TrySandbox }) {
  const list = useProfilesStore((state) => state.list);
  const load = useProfilesStore((state) => state.load);
  const importFile = useProfilesStore((state) => state.importFile);
  const openProfile = useAppStore((state) => state.openProfile);
  const [dialog, setDialog] = useState<OpenDialog>();
  const fileInput = useRef<HTMLInputElement>(null);

  const value = valueOf(list);
  const profiles = value?.profiles ?? [];
  const problems = value?.problems ?? [];
  const empty = value !== undefined && profiles.length === 0;
  const hasSandboxProfile = profiles.some((p) => p.sandbox);
  const dataState = list.status === 'idle' ? 'loading' : list.status;

  return (
    <main id="main" className="screen" data-screen="profiles" data-state={dataState} aria-labelledby="profiles-title" aria-busy={list.status === 'loading'}>
      <header className="screen-header">
        <div>
          <h1 id="profiles-title" className="screen-title">
            Profiles
          </h1>
          <p className="screen-subtitle">One profile per organization: its Okta org, its ThreatLocker tenant, and the tokens that connect them.</p>
        </div>
        <div className="screen-actions">
          <button type="button" className="btn btn-secondary" onClick={() => fileInput.current?.click()}>
            <Icon name="upload" />
            Import profile
          </button>
          {!empty && !hasSandboxProfile && <TrySandbox variant="secondary" />}
          {!empty && (
            <button type="button" className="btn btn-primary" onClick={() => setDialog({ kind: 'new' })}>
              <Icon name="plus" />
              New profile
            </button>
          )}
          <input
            ref={fileInput}
            type="file"
            accept=".json,application/json"
            hidden
            aria-label="Profile file to import"
            data-testid="import-profile-input"
            onChange={async (event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (!file) return;
              const profile = await importFile(file);
              if (profile) openProfile(profile.id);
            }}
          />
        </div>
      </header>

      <div className="screen-body">
        {problems.length > 0 && <ProblemsPanel problems={problems} />}

        {list.status === 'error' && !value && (
          <div className="state-panel" role="alert">
            <Icon name="alert" size={28} className="state-panel-icon state-panel-icon-danger" />
            <h2>Couldn’t load your profiles</h2>
            <p>{list.error.message}</p>
            {list.error.hint && <p className="muted">{list.error.hint}</p>}
            <button type="button" className="btn btn-primary" onClick={() => void load()}>
              <Icon name="refresh" />
              Retry
            </button>
          </div>
        )}

        {(list.status === 'loading' || list.status === 'idle') && !value && (
          <>
            <p className="visually-hidden" role="status">
              Loading profiles…
            </p>
            <ProfilesSkeleton />
          </>
        )}

        {empty && <EmptyHero onNew={() => setDialog({ kind: 'new' })} TrySandbox={TrySandbox} />}

        {profiles.length > 0 && (
          <ul className="profile-list" aria-label="Profiles">
            {profiles.map((profile) => (
              <ProfileRow
                key={profile.id}
                profile={profile}
                onOpen={() => openProfile(profile.id)}
                onRename={() => setDialog({ kind: 'rename', profile })}
                onDelete={() => setDialog({ kind: 'delete', profile })}
              />
            ))}
          </ul>
        )}
      </div>

      {dialog?.kind === 'new' && (
        <NewProfileDialog
          onClose={() => setDialog(undefined)}
          onCreated={(profile) => {
            setDialog(undefined);
            openProfile(profile.id);
          }}
        />
      )}
      {dialog?.kind === 'rename' && (
        <RenameDialog profileId={dialog.profile.id} currentName={dialog.profile.name} onClose={() => setDialog(undefined)} />
      )}
      {dialog?.kind === 'delete' && (
        <DeleteProfileDialog profileId={dialog.profile.id} name={dialog.profile.name} onClose={() => setDialog(undefined)} />
      )}
    </main>
  );
}

function ProfileRow({ profile, onOpen, onRename, onDelete }: { profile: ProfileSummary; onOpen: () => void; onRename: () => void; onDelete: () => void }) {
  const exportProfile = useProfilesStore((state) => state.exportProfile);
  const openReview = useAppStore((state) => state.openReview);
  const now = useNow();
  const { threatlocker } = profile;
  return (
    <li className="profile-row" aria-label={profile.name} data-profile-id={profile.id}>
      <button type="button" className="profile-row-main" onClick={onOpen}>
        <span className={`avatar avatar-large${profile.sandbox ? ' avatar-sandbox' : ''}`} aria-hidden="true">
          {profile.sandbox ? <Icon name="flask" size={18} /> : profile.name.trim().charAt(0).toUpperCase()}
        </span>
        <span className="profile-row-text">
          <span className="profile-row-title">
            <span className="profile-row-name">
              <span className="visually-hidden">Open </span>
              {profile.name}
            </span>
            {profile.sandbox && <span className="badge badge-sandbox">Sandbox</span>}
          </span>
          <span className="profile-row-meta">
            <span className="meta-item">
              <Icon name="globe" size={14} />
              {hostOf(profile.okta.orgUrl)}
            </span>
            <span className="meta-item">
              <Icon name="building" size={14} />
              ThreatLocker {instanceLabel(threatlocker.instance)}
              {threatlocker.managedOrganizationName && (
                <span className="meta-strong">&nbsp;· {threatlocker.managedOrganizationName}</span>
              )}
            </span>
          </span>
        </span>
        <span className="profile-row-updated" title={absoluteTime(profile.updatedAt)}>
          Updated {relativeTime(profile.updatedAt, now)}
        </span>
        <Icon name="chevronRight" className="profile-row-chevron" />
      </button>
      <div className="profile-row-actions">
        <button type="button" className="icon-button" aria-label="Review offline" title="Review offline (lint, report, compare)" onClick={() => openReview({ profileId: profile.id })}>
          <Icon name="list" />
        </button>
        <button type="button" className="icon-button" aria-label="Rename" title="Rename" onClick={onRename}>
          <Icon name="pencil" />
        </button>
        <button type="button" className="icon-button" aria-label="Export profile" title="Export profile" onClick={() => void exportProfile(profile.id)}>
          <Icon name="download" />
        </button>
        <button type="button" className="icon-button icon-button-danger" aria-label="Delete profile" title="Delete profile" onClick={onDelete}>
          <Icon name="trash" />
        </button>
      </div>
    </li>
  );
}

function ProblemsPanel({ problems }: { problems: ProfileProblem[] }) {
  const dataDir = useAppStore((state) => state.info?.dataDir);
  const load = useProfilesStore((state) => state.load);
  const reloading = useProfilesStore((state) => state.list.status === 'loading');
  return (
    <Callout
      tone="warning"
      icon="alert"
      className="problems"
      headingId="problems-title"
      data-testid="profile-problems"
      title={problems.length === 1 ? 'One profile file couldn’t be loaded' : `${problems.length} profile files couldn’t be loaded`}
    >
      <ul className="problem-list">
        {problems.map((problem) => (
          <li key={problem.file} className="problem">
            <code className="problem-file">{problem.file}</code>
            <span className="badge badge-warning">{problem.code === 'PROFILE_TOO_NEW' ? 'Made by a newer version' : 'Damaged'}</span>
            <p className="problem-reason">
              {problem.reason}
              {/* Say it even when main's reason doesn't: nothing was rewritten or deleted. */}
              {!/untouched/i.test(problem.reason) && <span className="muted"> The file was left untouched.</span>}
            </p>
            {problem.code === 'PROFILE_CORRUPT' && <RecoverDamagedButton file={problem.file} />}
          </li>
        ))}
      </ul>
      <p className="callout-footnote">
        Nothing was changed or deleted.
        {dataDir ? (
          <>
            {' '}
            The files are in <code>{dataDir}</code>: fix or move them, then reload the list.
          </>
        ) : (
          ' Fix or move the files, then reload the list.'
        )}
      </p>
      <button type="button" className="btn btn-secondary btn-small" onClick={() => void load()} disabled={reloading}>
        {reloading ? <Spinner /> : <Icon name="refresh" />}
        Reload list
      </button>
    </Callout>
  );
}

function EmptyHero({ onNew, TrySandbox }: { onNew: () => void; TrySandbox: TrySandbox }) {
  return (
    <section className="hero" aria-labelledby="hero-title" data-testid="empty-state">
      <div className="hero-art" aria-hidden="true">
        <span className="hero-node hero-node-okta">Okta</span>
        <span className="hero-link" />
        <span className="hero-node hero-node-console">
          <LogoMark size={56} />
        </span>
        <span className="hero-link" />
        <span className="hero-node hero-node-tl">ThreatLocker</span>
      </div>
      <h2 id="hero-title" className="hero-title">
        Provision ThreatLocker admins from Okta
      </h2>
      <p className="hero-text">
        Set up SAML single sign-on and SCIM provisioning for a client’s ThreatLocker administrators, then prove it works with
        itemised connection checks. Start with the sandbox to see the whole flow against a simulated Okta org and
        ThreatLocker tenant — no real accounts needed.
      </p>
      <div className="hero-actions">
        <TrySandbox />
        <button type="button" className="btn btn-secondary" onClick={onNew}>
          <Icon name="plus" />
          New profile
        </button>
      </div>
      <ul className="hero-points">
        <li>
          <Icon name="lock" size={16} />
          Tokens live in the system keychain, never in profile files.
        </li>
        <li>
          <Icon name="plug" size={16} />
          Read-only checks are safe to run against production.
        </li>
        <li>
          <Icon name="users" size={16} />
          One profile per client organization.
        </li>
      </ul>
    </section>
  );
}

function ProfilesSkeleton() {
  return (
    <div className="profile-list skeleton-list" aria-hidden="true" data-testid="profiles-skeleton">
      {[0, 1, 2].map((i) => (
        <div key={i} className="profile-row skeleton-row">
          <span className="skeleton skeleton-avatar" />
          <span className="skeleton-lines">
            <span className="skeleton skeleton-line skeleton-line-title" />
            <span className="skeleton skeleton-line" />
          </span>
        </div>
      ))}
    </div>
  );
}

