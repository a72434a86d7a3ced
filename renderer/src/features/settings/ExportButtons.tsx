import type { JSX } from 'react';
import { useAppStore } from '../../store';
import type { ExportFormat } from '../../store';
import { PLACES } from '../../store/places';
import { downloadFile } from '../../ui/downloadFile';
import { Feedback } from '../notices/Feedback';

/** Every granted permission as a file, written by the main process, saved from here. */
export function ExportButtons(): JSX.Element {
  const exporting = useAppStore((s) => s.exporting);
  const exportPermissions = useAppStore((s) => s.exportPermissions);
  const showNotice = useAppStore((s) => s.showNotice);

  async function save(format: ExportFormat): Promise<void> {
    if (exporting) return;
    const file = await exportPermissions(format);
    // A failure is shown beside these buttons too (Feedback at PLACES.export).
    if (file === null) return;
    downloadFile(file);
    showNotice(`Saved ${file.filename} to your downloads.`, PLACES.export, 'success');
  }

  // aria-disabled, not disabled: a disabled button drops keyboard focus to the page. The result,
  // saved or not, takes focus from the button that asked for it.
  return (
    <div className="export">
      <div className="export-buttons">
        <button type="button" aria-disabled={exporting} onClick={() => void save('csv')}>
          Export CSV
        </button>
        <button type="button" aria-disabled={exporting} onClick={() => void save('json')}>
          Export JSON
        </button>
        <button type="button" aria-disabled={exporting} onClick={() => void save('history-csv')}>
          Export history CSV
        </button>
        <button type="button" aria-disabled={exporting} onClick={() => void save('calls-csv')}>
          Export tool calls CSV
        </button>
      </div>
      <Feedback place={PLACES.export} focusBeside />
    </div>
  );
}
