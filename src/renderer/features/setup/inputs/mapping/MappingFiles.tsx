import { useRef, useState } from 'react';
import { datedFileName } from '../../../../../shared/file-names';
import { exportCsv, exportJson, importCsv, importJson, MAX_MAPPING_FILE_BYTES, type MappingImport } from '../../../../../shared/mapping-io';
import type { MappingRow } from '../../../../../shared/mapping-validation';
import type { NamedRef } from '../../../../../shared/setup-data';
import { ConfirmDialog } from '../../../../components/Dialog';
import { Icon } from '../../../../components/Icon';
import { downloadText } from '../../../../lib/download';
import { plural } from '../../../../lib/format';

/** Export the rows as CSV or JSON; import shows what it read and its problems, and changes nothing until confirmed. */
export function MappingFiles({ rows, roles, disabled, onImport, profileName }: { profileName: string; rows: MappingRow[]; roles: NamedRef[] | undefined; disabled: boolean; onImport: (rows: MappingRow[]) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [preview, setPreview] = useState<(MappingImport & { file: string }) | undefined>();
  const read = async (file: File) => {
    // Checked before reading: a 2 GB file must not be pulled into memory to be refused.
    const result: MappingImport =
      file.size > MAX_MAPPING_FILE_BYTES
        ? { rows: [], problems: [{ message: `The file is ${(file.size / 1024 / 1024).toFixed(1)} MB; a mapping file may be at most 10 MB.` }] }
        : /\.json$/i.test(file.name)
          ? importJson(await file.text(), roles)
          : importCsv(await file.text(), roles);
    setPreview({ ...result, file: file.name });
  };
  return (
    <div className="wizard-row-actions mapping-files">
      <button type="button" className="btn btn-secondary btn-small" disabled={!rows.length} onClick={() => downloadText(datedFileName(profileName, 'group-role-mappings', 'csv'), exportCsv(rows), 'text/csv')}>
        <Icon name="download" size={14} /> Export CSV
      </button>
      <button type="button" className="btn btn-secondary btn-small" disabled={!rows.length} onClick={() => downloadText(datedFileName(profileName, 'group-role-mappings', 'json'), exportJson(rows))}>
        <Icon name="download" size={14} /> Export JSON
      </button>
      <button type="button" className="btn btn-secondary btn-small" disabled={disabled} onClick={() => input.current?.click()}>
        <Icon name="upload" size={14} /> Import CSV or JSON
      </button>
      <input
        ref={input}
        type="file"
        accept=".csv,.json,text/csv,application/json"
        className="visually-hidden"
        aria-label="Mapping file to import"
        tabIndex={-1}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void read(file);
        }}
      />
      {preview && (
        <ConfirmDialog
          title={`Import ${preview.file}?`}
          description={
            <div data-testid="mapping-import-preview">
              <p>
                {plural(preview.rows.length, 'row')} can be imported
                {preview.rows.length ? '; they replace the rows in the editor (Undo brings them back), and nothing is saved until you click Save mappings.' : '.'}
              </p>
              {preview.problems.length > 0 && (
                <>
                  <p>{plural(preview.problems.length, 'problem')}: these rows are left out.</p>
                  <ul className="mapping-import-problems">
                    {preview.problems.map((p, i) => (
                      <li key={i}>{p.row !== undefined ? `Row ${p.row}: ` : ''}{p.message}</li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          }
          confirmLabel={preview.rows.length ? `Replace with ${plural(preview.rows.length, 'row')}` : 'Nothing to import'}
          onConfirm={() => {
            if (preview.rows.length) onImport(preview.rows);
            setPreview(undefined);
          }}
          onClose={() => setPreview(undefined)}
        />
      )}
    </div>
  );
}
