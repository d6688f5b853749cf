import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../../../shared/errors';

/** Prints a self-contained HTML document to PDF: Electron's printToPDF in the app, Chromium's in the browser host. */
export type PdfPrinter = (html: string) => Promise<Buffer>;

const PRINT_TIMEOUT_MS = 60_000;

/**
 * Chromium's own PDF printing (headless --print-to-pdf), for the browser host. The report loads
 * nothing (its CSP forbids it) and Chromium's background services are off, so printing makes no
 * network request. The HTML goes through a private temporary folder, removed afterwards.
 */
export function chromiumPdfPrinter(chromiumPath: string): PdfPrinter {
  return async (html) => {
    const dir = await mkdtemp(join(tmpdir(), 'tloc-pdf-'));
    try {
      const page = join(dir, 'report.html');
      const pdf = join(dir, 'report.pdf');
      await writeFile(page, html, { mode: 0o600 });
      const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--no-pdf-header-footer', `--user-data-dir=${join(dir, 'profile')}`, `--print-to-pdf=${pdf}`, pathToFileURL(page).href];
      await run(chromiumPath, args);
      return await readFile(pdf);
    } catch (error) {
      throw new AppError('INTERNAL', 'The PDF could not be printed: Chromium did not produce it.', { hint: `Export the HTML report and print it from a browser. (${error instanceof Error ? error.message.slice(0, 200) : 'unknown error'})` });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), PRINT_TIMEOUT_MS);
    child.on('error', (error) => (clearTimeout(timer), reject(error)));
    child.on('exit', (code, signal) => (clearTimeout(timer), code === 0 ? resolve() : reject(new Error(`${command} exited with ${signal ?? code}`))));
  });
}
