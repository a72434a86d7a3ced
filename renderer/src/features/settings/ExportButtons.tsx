import type { JSX } from 'react';
import { useAppStore } from '../../store';
import type { ExportFormat } from '../../store';
import { downloadFile } from '../../ui/downloadFile';

/** Every granted permission as a file, written by the main process, saved from here. */
export function ExportButtons(): JSX.Element {
  const exporting = useAppStore((s) => s.exporting);
  const exportPermissions = useAppStore((s) => s.exportPermissions);

  async function save(format: ExportFormat): Promise<void> {
    const file = await exportPermissions(format);
    // A failure is already in the error alert.
    if (file !== null) downloadFile(file);
  }

  return (
    <div className="export-buttons">
      <button type="button" disabled={exporting} onClick={() => void save('csv')}>
        Export CSV
      </button>
      <button type="button" disabled={exporting} onClick={() => void save('json')}>
        Export JSON
      </button>
      <button type="button" disabled={exporting} onClick={() => void save('history-csv')}>
        Export history CSV
      </button>
    </div>
  );
}
