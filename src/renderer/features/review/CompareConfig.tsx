import { useRef, useState } from 'react';
import type { ConfigChange } from '../../../shared/review';
import type { ReviewTarget } from '../../core/app-store';
import { postError } from '../../core/errors';
import { Icon } from '../../components/Icon';
import { readConfigFile } from './read-config-file';

const sectionLabel: Record<ConfigChange['section'], string> = { setting: 'Setting', mapping: 'Mapping', verification: 'Verification', 'scim-check': 'SCIM check', status: 'Status' };

/** Compares the config under review (old) with a config file the admin opens (new): each change old -> new. */
export function CompareConfig({ target }: { target: ReviewTarget }) {
  const input = useRef<HTMLInputElement>(null);
  const [result, setResult] = useState<{ against: string; changes: ConfigChange[] }>();
  const compare = async (file: File | undefined) => {
    if (!file) return;
    try {
      const after = await readConfigFile(file);
      const { changes } = await window.api.review.diff({ before: target, after });
      setResult({ against: file.name, changes });
    } catch (error) {
      postError(error, { title: `Couldn’t compare with ${file.name}` });
    }
  };
  return (
    <section className="review-section" aria-labelledby="review-compare">
      <h2 id="review-compare">Compare</h2>
      <button type="button" className="btn btn-secondary btn-small" onClick={() => input.current?.click()}>
        <Icon name="upload" size={14} />
        Compare with a config file…
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        aria-label="Config file to compare with"
        data-testid="compare-file-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          void compare(file);
        }}
      />
      {result && (
        <div data-testid="config-diff">
          <p>
            {result.changes.length === 0 ? 'No differences' : `${result.changes.length} difference${result.changes.length === 1 ? '' : 's'}`} between this config (old) and {result.against} (new).
          </p>
          {result.changes.length > 0 && (
            <table className="review-table">
              <thead><tr><th>Part</th><th>What</th><th>Old</th><th>New</th></tr></thead>
              <tbody>
                {result.changes.map((c, i) => (
                  <tr key={`${c.section}-${c.key}-${i}`} data-change={c.kind}>
                    <td>{sectionLabel[c.section]}</td>
                    <td>{c.key}</td>
                    <td className="mono">{c.old ?? '(none)'}</td>
                    <td className="mono">{c.new ?? '(removed)'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}
