import { BrowserWindow, session } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PdfPrinter } from '../services/reports/pdf-printer';

/**
 * Electron's printToPDF for the desktop app: the report loads in a hidden window with JavaScript
 * off, in its own in-memory session that refuses every request but the report file itself.
 */
export const electronPdfPrinter: PdfPrinter = async (html) => {
  const dir = await mkdtemp(join(tmpdir(), 'tloc-pdf-'));
  const file = join(dir, 'report.html');
  const print = session.fromPartition('report-print');
  print.webRequest.onBeforeRequest((details, done) => done({ cancel: details.url !== `file://${file}` }));
  const win = new BrowserWindow({ show: false, webPreferences: { javascript: false, sandbox: true, session: print } });
  try {
    await writeFile(file, html, { mode: 0o600 });
    await win.loadFile(file);
    return await win.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
  } finally {
    win.destroy();
    await rm(dir, { recursive: true, force: true });
  }
};
