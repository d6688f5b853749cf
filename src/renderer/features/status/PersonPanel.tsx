import { useState } from 'react';
import { statusClassLabels, type PersonDetail } from '../../../shared/provisioning-status';
import { ConfirmDialog, Spinner } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { PersonRoles } from './PersonRoles';
import { useStatusStore } from './status-store';

const CAN_PROVISION = new Set(['failed', 'missing', 'pending', 'orphan']);

/** One person: both sides side by side, a timeline from scoping to export, and what to do. */
export function PersonPanel({ detail }: { detail: PersonDetail }) {
  const openPerson = useStatusStore((s) => s.openPerson);
  const action = useStatusStore((s) => s.action);
  const provisionNow = useStatusStore((s) => s.provisionNow);
  const fixPhone = useStatusStore((s) => s.fixPhone);
  const [confirm, setConfirm] = useState<'provision' | 'phone' | undefined>();
  const [phone, setPhone] = useState('');
  const { row } = detail;
  const needsPhone = /primaryphone/i.test(row.reason) && !!detail.oktaUserId;

  return (
    <aside className="status-person" aria-labelledby="person-title">
      <div className="status-person-head">
        <h3 id="person-title">{row.name}</h3>
        <button type="button" className="icon-button" aria-label="Close details" title="Close details" onClick={() => void openPerson(undefined)}>
          <Icon name="x" />
        </button>
      </div>
      <p className={`status-verdict cls-${row.cls}`} data-testid="person-class">
        <strong>{statusClassLabels[row.cls]}</strong>: {row.reason}
      </p>
      <p className="muted">From: {row.source}</p>
      <p>
        <strong>What to do:</strong> {row.fix}
      </p>
      {detail.mappedRoles && <PersonRoles mapped={detail.mappedRoles} />}
      <div className="status-sides">
        <Side title="Okta" facts={detail.okta} />
        <Side title="ThreatLocker" facts={detail.threatlocker} />
      </div>
      <h4>Timeline</h4>
      <ol className="status-timeline">
        {detail.timeline.map((s, i) => (
          <li key={i} data-outcome={s.outcome}>
            <span className="status-step">{s.step}</span> {s.at && <time dateTime={s.at}>{new Date(s.at).toLocaleString()}</time>} {s.text}
            {s.next && <div className="muted">Next: {s.next}</div>}
          </li>
        ))}
      </ol>
      {detail.oktaUserId && (
        <div className="status-actions">
          {CAN_PROVISION.has(row.cls) && (
            <button type="button" className="btn btn-primary" disabled={action === 'running'} onClick={() => setConfirm('provision')}>
              <Icon name="play" /> Provision now
            </button>
          )}
          {needsPhone && (
            <form
              className="status-phone"
              onSubmit={(e) => {
                e.preventDefault();
                if (phone.trim()) setConfirm('phone');
              }}
            >
              <label>
                primaryPhone
                <input value={phone} onChange={(e) => setPhone(e.target.value)} placeholder="+1 555 0100" />
              </label>
              <button type="submit" className="btn btn-secondary" disabled={action === 'running' || !phone.trim()}>
                Fix phone
              </button>
            </form>
          )}
        </div>
      )}
      <ActionResultView />
      {confirm === 'provision' && (
        <ConfirmDialog
          title={`Provision ${row.name} now?`}
          description="The console makes sure they are assigned to the app in Okta (assigning them directly if not), asks for the push where Okta allows it, then watches ThreatLocker until they appear."
          confirmLabel="Provision now"
          onClose={() => setConfirm(undefined)}
          onConfirm={async () => {
            setConfirm(undefined);
            await provisionNow(detail.oktaUserId!);
          }}
        />
      )}
      {confirm === 'phone' && (
        <ConfirmDialog
          title={`Set primaryPhone for ${row.name}?`}
          description={`Only primaryPhone changes on the Okta user (to ${phone.trim()}); then the failed push is retried and ThreatLocker is watched until they appear.`}
          confirmLabel="Set primaryPhone"
          onClose={() => setConfirm(undefined)}
          onConfirm={async () => {
            setConfirm(undefined);
            await fixPhone(detail.oktaUserId!, phone.trim());
          }}
        />
      )}
    </aside>
  );
}

function Side({ title, facts }: { title: string; facts: [string, string][] }) {
  return (
    <section>
      <h4>{title}</h4>
      <dl>
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** The last action's steps, each with who did it; shown until another person is opened. */
export function ActionResultView() {
  const action = useStatusStore((s) => s.action);
  if (!action) return null;
  if (action === 'running') {
    return (
      <p role="status">
        <Spinner /> Working…
      </p>
    );
  }
  return (
    <div className="status-action-result" role="status" data-ok={action.ok}>
      <strong>
        {action.title}: {action.ok ? 'done' : 'not finished'}
      </strong>
      <ol>
        {action.steps.map((s, i) => (
          <li key={i} data-outcome={s.ok ? 'success' : 'failure'}>
            {s.text}
          </li>
        ))}
      </ol>
    </div>
  );
}
