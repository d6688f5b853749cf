import { useEffect, useRef, useState } from 'react';
import { attentionClasses, statusClasses, statusClassLabels, statusSourceLabels, type StatusClass, type StatusRow, type StatusSummary } from '../../../shared/provisioning-status';
import { Spinner } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { PersonPanel } from './PersonPanel';
import { ProvisionNow } from './ProvisionNow';
import { BLOCK, useStatusStore } from './status-store';
import './status.css';

const ROW_H = 36;
const VIEW_H = 480;

/** The daily screen after setup: who is provisioned where, what failed and why, what to do. */
export function StatusScreen({ profileId }: { profileId: string }) {
  const open = useStatusStore((s) => s.open);
  const summary = useStatusStore((s) => (s.profileId === profileId ? s.summary : undefined));
  const detail = useStatusStore((s) => s.detail);

  useEffect(() => {
    const offs = [
      window.api.on('status:progress', (p) => useStatusStore.getState().onProgress(p)),
      window.api.on('status:done', (p) => useStatusStore.getState().onDone(p)),
    ];
    void open(profileId);
    return () => offs.forEach((off) => off());
  }, [profileId, open]);

  return (
    <section className="status-screen" aria-labelledby="status-title" data-running={summary?.running ? 'true' : 'false'}>
      <StatusHeader summary={summary} />
      <ProvisionNow />
      {summary && summary.total > 0 && (
        <>
          <ClassCounts summary={summary} />
          <Changes summary={summary} />
          <Groups summary={summary} />
          <FilterBar summary={summary} />
          <div className="status-main">
            <StatusTable />
            {detail && <PersonPanel detail={detail} />}
          </div>
        </>
      )}
    </section>
  );
}

function StatusHeader({ summary }: { summary: StatusSummary | undefined }) {
  const refresh = useStatusStore((s) => s.refresh);
  const cancel = useStatusStore((s) => s.cancel);
  const exportCsv = useStatusStore((s) => s.exportCsv);
  const progress = useStatusStore((s) => s.progress);
  const running = summary?.running ?? false;
  return (
    <div className="status-header">
      <div>
        <h2 id="status-title">Provisioning status</h2>
        <p className="muted" data-testid="status-taken-at">
          {!summary?.takenAt
            ? 'Not read yet: refresh to read Okta and ThreatLocker.'
            : summary.fromSnapshot
              ? `Saved snapshot from ${new Date(summary.takenAt).toLocaleString()} (not live).`
              : `Read ${new Date(summary.takenAt).toLocaleString()}.`}
          {summary?.joinMs !== undefined && ` Joined in ${Math.round(summary.joinMs)} ms.`}
        </p>
      </div>
      <div className="screen-actions">
        {running ? (
          <button type="button" className="btn btn-secondary" onClick={() => void cancel()}>
            <Spinner /> Cancel refresh
          </button>
        ) : (
          <button type="button" className="btn btn-primary" onClick={() => void refresh()}>
            <Icon name="refresh" /> Refresh
          </button>
        )}
        <AutoRefresh />
        <button type="button" className="btn btn-secondary" disabled={!summary?.total} onClick={() => void exportCsv()}>
          <Icon name="download" /> Export CSV
        </button>
      </div>
      {summary?.partial && (
        <p className="status-partial" role="alert">
          <Icon name="alert" /> Partial result: could not read {summary.failedSources.map((s) => statusSourceLabels[s]).join(', ')}. The last complete snapshot was kept.
        </p>
      )}
      {progress.length > 0 && (
        <ul className="status-sources" aria-label="Sources">
          {progress.map((s) => (
            <li key={s.source} data-state={s.state}>
              <strong>{statusSourceLabels[s.source]}</strong>: {s.state === 'reading' ? `reading… ${s.count}` : s.state === 'done' ? `${s.count} read${s.readAt ? ` at ${new Date(s.readAt).toLocaleTimeString()}` : ''}` : s.state}
              {s.error && <span className="status-error"> - {s.error}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function AutoRefresh() {
  const autoMinutes = useStatusStore((s) => s.autoMinutes);
  const nextAutoAt = useStatusStore((s) => s.nextAutoAt);
  const setAuto = useStatusStore((s) => s.setAuto);
  return (
    <label className="status-auto" title={nextAutoAt ? `Next at ${new Date(nextAutoAt).toLocaleTimeString()}` : undefined}>
      Auto-refresh
      <select value={autoMinutes} onChange={(e) => setAuto(Number(e.target.value))}>
        <option value={0}>Off</option>
        <option value={15}>Every 15 min</option>
        <option value={60}>Every hour</option>
      </select>
    </label>
  );
}

function ClassCounts({ summary }: { summary: StatusSummary }) {
  const cls = useStatusStore((s) => s.filter.cls);
  const setFilter = useStatusStore((s) => s.setFilter);
  const max = Math.max(1, ...summary.history.map((h) => Object.values(h.counts).reduce((a, b) => a + b, 0)));
  return (
    <div className="status-counts">
      <div className="status-chips" role="group" aria-label="Filter by class">
        {statusClasses.map((c) => (
          <button
            key={c}
            type="button"
            className={`status-chip cls-${c}${attentionClasses.has(c) && summary.counts[c] ? ' attention' : ''}`}
            aria-pressed={cls === c}
            onClick={() => setFilter({ cls: cls === c ? undefined : c })}
          >
            <span className="status-chip-count">{summary.counts[c]}</span> {statusClassLabels[c]}
          </button>
        ))}
      </div>
      {summary.history.length > 1 && (
        <svg className="status-history" preserveAspectRatio="xMinYMax meet" role="img" aria-label={`Classes over the last ${summary.history.length} snapshots`} viewBox={`0 0 ${summary.history.length * 12} 40`}>
          {summary.history.map((h, i) => {
            let y = 40;
            return statusClasses.map((c) => {
              const hgt = (h.counts[c] / max) * 40;
              y -= hgt;
              return hgt > 0 ? <rect key={`${i}-${c}`} className={`bar cls-${c}`} x={i * 12} y={y} width={10} height={hgt} /> : null;
            });
          })}
        </svg>
      )}
    </div>
  );
}

function Changes({ summary }: { summary: StatusSummary }) {
  if (!summary.changes.length) return null;
  return (
    <details className="status-changes">
      <summary>{summary.changes.length} changed class since the last snapshot</summary>
      <ul>
        {summary.changes.map((c) => (
          <li key={c.key}>
            {c.name}: {statusClassLabels[c.from]} → {statusClassLabels[c.to]}
          </li>
        ))}
      </ul>
    </details>
  );
}

function Groups({ summary }: { summary: StatusSummary }) {
  if (!summary.groups.length) return null;
  const bad = summary.groups.filter((g) => !g.ok).length;
  return (
    <details className="status-groups" open={bad > 0}>
      <summary>
        Pushed groups: {summary.groups.length}
        {bad > 0 ? `, ${bad} need attention` : ', all in step'}
      </summary>
      <table>
        <thead>
          <tr>
            <th>Group</th>
            <th>Push status</th>
            <th>Last push</th>
            <th>Members Okta / ThreatLocker</th>
            <th>Differences and what to do</th>
          </tr>
        </thead>
        <tbody>
          {summary.groups.slice(0, 200).map((g) => (
            <tr key={g.mappingId} data-ok={g.ok}>
              <td>{g.name}</td>
              <td>
                {g.status}
                {g.errorSummary && <div className="status-error">{g.errorSummary}</div>}
              </td>
              <td>{g.lastPush ? new Date(g.lastPush).toLocaleString() : 'never'}</td>
              <td>
                {g.oktaMembers} / {g.tlMembers ?? 'absent'}
              </td>
              <td>
                {g.missingInTl.length > 0 && <div>Missing in ThreatLocker: {g.missingInTl.slice(0, 5).join(', ')}</div>}
                {g.extraInTl.length > 0 && <div>Only in ThreatLocker: {g.extraInTl.slice(0, 5).join(', ')}</div>}
                {g.fix}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function FilterBar({ summary }: { summary: StatusSummary }) {
  const filter = useStatusStore((s) => s.filter);
  const setFilter = useStatusStore((s) => s.setFilter);
  const total = useStatusStore((s) => s.total);
  const queryMs = useStatusStore((s) => s.lastQueryMs);
  const [text, setText] = useState(filter.text);
  useEffect(() => {
    const t = setTimeout(() => text !== filter.text && setFilter({ text }), 120);
    return () => clearTimeout(t);
  }, [text, filter.text, setFilter]);
  return (
    <div className="status-filter">
      <label>
        Search
        <input type="search" value={text} placeholder="Name, userName or reason" onChange={(e) => setText(e.target.value)} />
      </label>
      <label>
        Group
        <select value={filter.group ?? ''} onChange={(e) => setFilter({ group: e.target.value || undefined })}>
          <option value="">All groups</option>
          {summary.groups.map((g) => (
            <option key={g.mappingId} value={g.name}>
              {g.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Sort by
        <select value={`${filter.sort}:${filter.desc ? 'desc' : 'asc'}`} onChange={(e) => {
          const [sort, dir] = e.target.value.split(':') as [typeof filter.sort, string];
          setFilter({ sort, desc: dir === 'desc' });
        }}>
          <option value="cls:asc">Most urgent first</option>
          <option value="name:asc">Name A-Z</option>
          <option value="name:desc">Name Z-A</option>
          <option value="userName:asc">userName</option>
          <option value="oktaStatus:asc">Okta status</option>
          <option value="tlStatus:asc">ThreatLocker status</option>
        </select>
      </label>
      <p className="muted" aria-live="polite" data-testid="status-total">
        {total} {total === 1 ? 'person' : 'people'}
        {filter.cls ? ` in “${statusClassLabels[filter.cls]}”` : ''}
        {queryMs !== undefined ? ` (filtered in ${queryMs.toFixed(1)} ms)` : ''}
      </p>
    </div>
  );
}

function StatusTable() {
  const total = useStatusStore((s) => s.total);
  const rows = useStatusStore((s) => s.rows);
  const ensureBlock = useStatusStore((s) => s.ensureBlock);
  const openPerson = useStatusStore((s) => s.openPerson);
  const selected = useStatusStore((s) => s.detail?.row.key);
  const [scrollTop, setScrollTop] = useState(0);
  const viewport = useRef<HTMLDivElement>(null);
  const first = Math.max(0, Math.floor(scrollTop / ROW_H) - 5);
  const last = Math.min(total, Math.ceil((scrollTop + VIEW_H) / ROW_H) + 5);

  useEffect(() => {
    if (total === 0) return;
    for (let b = Math.floor(first / BLOCK); b <= Math.floor(Math.max(first, last - 1) / BLOCK); b++) void ensureBlock(b);
  }, [first, last, total, ensureBlock, rows]);
  useEffect(() => {
    if (viewport.current) viewport.current.scrollTop = 0;
    setScrollTop(0);
  }, [rows.size === 0]); // eslint-disable-line react-hooks/exhaustive-deps

  const visible: { index: number; row: StatusRow | undefined }[] = [];
  for (let i = first; i < last; i++) visible.push({ index: i, row: rowAt(rows, i) });

  return (
    <div className="status-table" role="table" aria-label="People" aria-rowcount={total + 1}>
      <div className="status-row status-head" role="row" aria-rowindex={1}>
        <span role="columnheader">Name</span>
        <span role="columnheader">Class</span>
        <span role="columnheader">Okta</span>
        <span role="columnheader">ThreatLocker</span>
        <span role="columnheader">Reason</span>
      </div>
      <div ref={viewport} className="status-viewport" style={{ height: VIEW_H }} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} role="rowgroup">
        <div style={{ height: total * ROW_H, position: 'relative' }}>
          {visible.map(({ index, row }) => (
            <div key={index} role="row" aria-rowindex={index + 2} className={`status-row cls-${row?.cls ?? 'loading'}`} data-selected={row?.key === selected} style={{ top: index * ROW_H, height: ROW_H }}>
              {row ? (
                <>
                  <span role="cell">
                    <button type="button" className="link-button" onClick={() => void openPerson(row.key)} title={row.userName}>
                      {row.name}
                    </button>
                  </span>
                  <span role="cell" className="status-cls">{statusClassLabels[row.cls as StatusClass]}</span>
                  <span role="cell">{row.oktaStatus}</span>
                  <span role="cell">{row.tlStatus}</span>
                  <span role="cell" className="status-reason" title={row.reason}>{row.reason}</span>
                </>
              ) : (
                <span role="cell" className="muted">Loading…</span>
              )}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}

function rowAt(rows: Map<number, StatusRow[]>, index: number): StatusRow | undefined {
  return rows.get(Math.floor(index / BLOCK))?.[index % BLOCK];
}
