import { useRef, useState, type DragEvent } from 'react';
import { useAppStore } from '../../core/app-store';
import { postError } from '../../core/errors';
import { Icon } from '../../components/Icon';
import { readConfigFile } from './read-config-file';

/** "Open config file…" and a drop zone: either opens the file for offline review, never saves it. */
export function OpenConfig() {
  const openReview = useAppStore((s) => s.openReview);
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const open = async (file: File | undefined) => {
    if (!file) return;
    try {
      openReview(await readConfigFile(file));
    } catch (error) {
      postError(error, { title: `Couldn’t open ${file.name}` });
    }
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    void open(event.dataTransfer.files[0]);
  };
  return (
    <div
      className={`review-drop${over ? ' review-drop-over' : ''}`}
      data-testid="review-drop"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <button type="button" className="btn btn-secondary" onClick={() => input.current?.click()}>
        <Icon name="upload" />
        Open config file…
      </button>
      <span className="muted">or drop an exported profile (.tlprofile.json) here to review it offline</span>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        aria-label="Config file to review"
        data-testid="review-file-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          void open(file);
        }}
      />
    </div>
  );
}
