import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Redactor } from './redactor';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(area: string, message: string, detail?: unknown): void;
  info(area: string, message: string, detail?: unknown): void;
  warn(area: string, message: string, detail?: unknown): void;
  error(area: string, message: string, detail?: unknown): void;
}

export interface LoggerOptions {
  redactor: Redactor;
  /** Log file; lines are appended synchronously so a crash keeps what led to it. */
  file?: string;
  level?: LogLevel;
  /** Also print to stderr (development and the browser host). */
  echo?: boolean;
  /** At start, a log file larger than this is kept as <name>.1 and a new one begun. Default 5 MB. */
  rotateBytes?: number;
}

/** Every line passes through the redactor, so a secret cannot reach the log even by mistake. */
export function createLogger(opts: LoggerOptions): Logger {
  const min = order[opts.level ?? 'info'];
  if (opts.file) {
    mkdirSync(dirname(opts.file), { recursive: true });
    rotateIfLarge(opts.file, opts.rotateBytes ?? 5 * 1024 * 1024);
  }
  const write = (level: LogLevel, area: string, message: string, detail?: unknown) => {
    if (order[level] < min) return;
    const extra = detail === undefined ? '' : ` ${describe(detail)}`;
    const line = opts.redactor.redact(`${new Date().toISOString()} ${level.toUpperCase()} [${area}] ${message}${extra}`);
    if (opts.file) appendFileSync(opts.file, `${line}\n`, { mode: 0o600 });
    if (opts.echo) process.stderr.write(`${line}\n`);
  };
  return {
    debug: (a, m, d) => write('debug', a, m, d),
    info: (a, m, d) => write('info', a, m, d),
    warn: (a, m, d) => write('warn', a, m, d),
    error: (a, m, d) => write('error', a, m, d),
  };
}

function describe(detail: unknown): string {
  if (detail instanceof Error) return `${detail.name}: ${detail.message}${detail.stack ? `\n${detail.stack}` : ''}`;
  try {
    return JSON.stringify(detail);
  } catch {
    return String(detail);
  }
}

/** One previous file is kept: enough to read what led to a problem, bounded on disk. */
function rotateIfLarge(file: string, limit: number): void {
  try {
    if (statSync(file).size > limit) renameSync(file, `${file}.1`);
  } catch {
    // No log file yet.
  }
}
