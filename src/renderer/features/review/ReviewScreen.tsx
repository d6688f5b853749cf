import { useEffect, useState } from 'react';
import type { ReportFormat, Review } from '../../../shared/review';
import { useAppStore, type ReviewTarget } from '../../core/app-store';
import { postError, toUiError, type UiError } from '../../core/errors';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Spinner } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { downloadBase64, downloadText } from '../../lib/download';
import { absoluteTime, relativeTime } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { CompareConfig } from './CompareConfig';
import { OpenConfig } from './OpenConfig';
import { ReviewSections } from './ReviewSections';

const exports: { format: ReportFormat; label: string }[] = [
  { format: 'html', label: 'HTML' },
  { format: 'markdown', label: 'Markdown' },
  { format: 'json', label: 'JSON' },
  { format: 'mapping-csv', label: 'Mapping CSV' },
  { format: 'status-csv', label: 'Status CSV' },
];

type State = { status: 'loading' } | { status: 'ready'; review: Review } | { status: 'error'; error: UiError };

/** A saved config reviewed offline: the summary, lint, steps, SCIM check, mapping and every value. */
export function ReviewScreen({ target }: { target: ReviewTarget }) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const showOverview = useAppStore((s) => s.showOverview);
  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    window.api.review.open(target).then(
      (review) => live && setState({ status: 'ready', review }),
      (error: unknown) => live && setState({ status: 'error', error: toUiError(error) }),
    );
    return () => {
      live = false;
    };
  }, [target]);

  const exportAs = async (format: ReportFormat) => {
    try {
      const file = await window.api.review.export({ source: target, format });
      downloadText(file.fileName, file.content, file.mimeType);
    } catch (error) {
      postError(error, { title: 'Couldn’t export the report' });
    }
  };

  const [printing, setPrinting] = useState(false);
  const exportPdf = async () => {
    setPrinting(true);
    try {
      const file = await window.api.review.pdf({ source: target });
      downloadBase64(file.fileName, file.base64, 'application/pdf');
    } catch (error) {
      postError(error, { title: 'Couldn’t print the PDF' });
    } finally {
      setPrinting(false);
    }
  };

  return (
    <main id="main" className="screen" data-screen="review" data-state={state.status} aria-labelledby="review-title" aria-busy={state.status === 'loading'}>
      <header className="screen-header">
        <div>
          <h1 id="review-title" className="screen-title">
            Review{state.status === 'ready' ? `: ${state.review.model.profile.name}` : ''}
          </h1>
          <p className="screen-subtitle">A saved config checked offline against ThreatLocker’s article and the API references.</p>
        </div>
        <div className="screen-actions">
          <button type="button" className="btn btn-secondary" onClick={showOverview}>
            <Icon name="folder" />
            All orgs overview
          </button>
        </div>
      </header>
      <div className="screen-body">
        <OpenConfig />
        {state.status === 'loading' && <Spinner />}
        {state.status === 'error' && <ErrorPanel title="Couldn’t open this config" error={state.error} />}
        {state.status === 'ready' && (
          <>
            <OfflineBanner review={state.review} />
            <div className="review-exports" role="group" aria-label="Export the report">
              <span className="muted">Export report:</span>
              {exports.map((e) => (
                <button key={e.format} type="button" className="btn btn-secondary btn-small" onClick={() => void exportAs(e.format)}>
                  <Icon name="download" size={14} />
                  {e.label}
                </button>
              ))}
              <button type="button" className="btn btn-secondary btn-small" aria-busy={printing || undefined} disabled={printing} onClick={() => void exportPdf()}>
                {printing ? <Spinner /> : <Icon name="download" size={14} />}
                PDF
              </button>
            </div>
            <CompareConfig target={target} />
            <ReviewSections model={state.review.model} />
          </>
        )}
      </div>
    </main>
  );
}

function OfflineBanner({ review }: { review: Review }) {
  const now = useNow();
  return (
    <div className="review-banner" role="status" data-testid="offline-banner">
      <p>
        <strong>Offline review.</strong> Nothing here contacts Okta or ThreatLocker, and no token is read: what you see is what{' '}
        {review.source.kind === 'file' ? `the file “${review.source.label}”` : 'the saved profile'} holds, as of the times below.
      </p>
      <ul className="review-ages">
        {review.ages.map((a) => (
          <li key={a.part}>
            {a.part}: {a.at ? <time dateTime={a.at} title={absoluteTime(a.at)}>{relativeTime(a.at, now)}</time> : <span className="muted">no data yet</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
