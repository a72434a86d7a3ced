/** How long the Blob URL lives: the browser may read it after click() has returned. */
export const REVOKE_DOWNLOAD_URL_AFTER_MS = 10_000;

/**
 * Saves text the main process produced as a file: a Blob URL, a temporary <a download>, one click.
 * No path crosses the bridge; where the file goes is the browser's (or Electron's) save flow.
 */
export function downloadFile(file: { filename: string; mimeType: string; content: string }): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.hidden = true;
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_DOWNLOAD_URL_AFTER_MS);
  }
}
