import { useEffect, useMemo, useState } from 'react';
import { byAttention, type OverviewRow } from '../../../shared/review';
import { useAppStore } from '../../core/app-store';
import { postError, toUiError, type UiError } from '../../core/errors';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Spinner } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { downloadText } from '../../lib/download';
import { absoluteTime, hostOf, relativeTime } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { OpenConfig } from './OpenConfig';

type Sort = 'attention' | 'name' | 'updated';
type Filter = 'all' | 'attention' | 'complete';
type State = { status: 'loading' } | { status: 'ready'; rows: OverviewRow[]; problems: { file: string; reason: string }[] } | { status: 'error'; error: UiError };

const sorts: Record<Sort, (a: OverviewRow, b: OverviewRow) => number> = {
  attention: byAttention,
  name: (a, b) => a.name.localeCompare(b.name),
  updated: (a, b) => b.updatedAt.localeCompare(a.updatedAt),
};
const setupLabel: Record<OverviewRow['setupState'], string> = { complete: 'Complete', 'in-progress': 'In progress', failed: 'Failed', 'not-started': 'Not started' };

/** Every org at once, from what is saved: works offline. */
export function OverviewScreen() {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [sort, setSort] = useState<Sort>('attention');
  const [filter, setFilter] = useState<Filter>('all');
  const openReview = useAppStore((s) => s.openReview);
  const now = useNow();
  useEffect(() => {
    let live = true;
    window.api.review.overview({}).then(
      (value) => live && setState({ status: 'ready', ...value }),
      (error: unknown) => live && setState({ status: 'error', error: toUiError(error) }),
    );
    return () => {
      live = false;
    };
  }, []);
  const rows = useMemo(() => {
    if (state.status !== 'ready') return [];
    const kept = state.rows.filter((r) => (filter === 'all' ? true : filter === 'complete' ? r.attention === 0 : r.attention > 0));
    return [...kept].sort(sorts[sort]);
  }, [state, sort, filter]);
  const exportCsv = async () => {
    try {
      const { fileName, content } = await window.api.review.overviewCsv({});
      downloadText(fileName, content, 'text/csv');
    } catch (error) {
      postError(error, { title: 'Couldn’t export the overview' });
    }
  };

  return (
    <main id="main" className="screen" data-screen="overview" data-state={state.status} aria-labelledby="overview-title">
      <header className="screen-header">
        <div>
          <h1 id="overview-title" className="screen-title">All orgs overview</h1>
          <p className="screen-subtitle">Every profile’s setup, lint and last checks, from what is saved: nothing is fetched.</p>
        </div>
        <div className="screen-actions">
          <button type="button" className="btn btn-secondary" onClick={() => void exportCsv()}>
            <Icon name="download" />
            Export CSV
          </button>
        </div>
      </header>
      <div className="screen-body">
        <OpenConfig />
        {state.status === 'loading' && <Spinner />}
        {state.status === 'error' && <ErrorPanel title="Couldn’t read the profiles" error={state.error} />}
        {state.status === 'ready' && (
          <>
            <div className="review-exports">
              <label>
                Sort by{' '}
                <select value={sort} onChange={(e) => setSort(e.target.value as Sort)}>
                  <option value="attention">Needs attention</option>
                  <option value="name">Name</option>
                  <option value="updated">Last saved</option>
                </select>
              </label>
              <label>
                Show{' '}
                <select value={filter} onChange={(e) => setFilter(e.target.value as Filter)}>
                  <option value="all">All profiles</option>
                  <option value="attention">Needing attention</option>
                  <option value="complete">Nothing to do</option>
                </select>
              </label>
              <span className="muted">{rows.length} of {state.rows.length}</span>
            </div>
            {state.problems.length > 0 && <p className="muted">{state.problems.length} file(s) could not be read: {state.problems.map((p) => p.file).join(', ')}.</p>}
            <table className="review-table" data-testid="overview-table">
              <thead>
                <tr><th>Profile</th><th>Okta org</th><th>Instance</th><th>Child org</th><th>Setup</th><th>Lint</th><th>Last SCIM check</th><th>Status</th><th>Saved</th><th></th></tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.profileId} data-attention={r.attention}>
                    <td>{r.name}{r.sandbox && <span className="badge badge-sandbox">Sandbox</span>}</td>
                    <td>{hostOf(r.oktaOrg)}</td>
                    <td>{r.instance.toUpperCase()}</td>
                    <td>{r.childOrganization ?? '—'}</td>
                    <td>{setupLabel[r.setupState]} ({r.stepsDone}/{r.stepsTotal})</td>
                    <td>{r.lint.error} errors, {r.lint.warning} warnings</td>
                    <td>{r.scimCheck ? `${r.scimCheck.verdict}, ${relativeTime(r.scimCheck.at, now)}` : 'not run'}</td>
                    <td>{r.status ? Object.entries(r.status.counts).map(([k, n]) => `${k} ${n}`).join(', ') : 'no status data yet'}</td>
                    <td title={absoluteTime(r.updatedAt)}>{relativeTime(r.updatedAt, now)}</td>
                    <td>
                      <button type="button" className="btn btn-secondary btn-small" onClick={() => openReview({ profileId: r.profileId })}>
                        Review {r.name}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </div>
    </main>
  );
}
