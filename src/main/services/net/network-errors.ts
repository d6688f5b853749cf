import { AppError } from '../../../shared/errors';
import { proxyOf } from './outbound';

/**
 * What went wrong below HTTP. `notSent` means the request provably never reached the server
 * (refused, connect timeout, DNS), which is the only case where repeating a POST is safe.
 */
export interface NetworkFailure {
  kind: 'refused' | 'unreachable' | 'connect-timeout' | 'dns' | 'dns-transient' | 'reset' | 'timeout' | 'tls' | 'too-large' | 'other';
  notSent: boolean;
  transient: boolean;
}

const TLS_CODES = /CERT|SSL|TLS|EPROTO|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)_|HOSTNAME_MISMATCH/i;

/** The error code node or undici gave, looking through wrapping causes. */
export function codeOf(err: unknown): string | undefined {
  let e: unknown = err;
  // undici sometimes wraps the socket error in `cause`; look a few levels down.
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_ABORTED' && code !== 'ABORT_ERR') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Node and undici error codes by what they mean; `notSent`: the request never reached the server. */
const failuresByCode: ReadonlyArray<[NetworkFailure, readonly string[]]> = [
  [{ kind: 'refused', notSent: true, transient: true }, ['ECONNREFUSED']],
  [{ kind: 'unreachable', notSent: true, transient: false }, ['EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']],
  [{ kind: 'too-large', notSent: false, transient: false }, ['UND_ERR_RES_EXCEEDED_MAX_SIZE']],
  [{ kind: 'connect-timeout', notSent: true, transient: true }, ['UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT']],
  [{ kind: 'dns-transient', notSent: true, transient: true }, ['EAI_AGAIN']],
  [{ kind: 'dns', notSent: true, transient: false }, ['ENOTFOUND']],
  [
    { kind: 'reset', notSent: false, transient: true },
    ['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNABORTED', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH'],
  ],
  [{ kind: 'timeout', notSent: false, transient: true }, ['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']],
];

/** The one classifier of errors below HTTP (the HTTP client and the SCIM checker both use it). */
export function classifyNetworkError(err: unknown): NetworkFailure {
  const code = codeOf(err);
  const known = code === undefined ? undefined : failuresByCode.find(([, codes]) => codes.includes(code));
  if (known) return { ...known[0] };
  if (code ? TLS_CODES.test(code) : /certificate|ssl|tls/i.test(messageOf(err))) return { kind: 'tls', notSent: true, transient: false };
  return { kind: 'other', notSent: false, transient: false };
}

/** The admin-facing error for a failure that outlived its retries. */
export function networkAppError(f: NetworkFailure, host: string, service: string, cause: unknown, retried: boolean): AppError {
  const retryable = f.transient;
  const after = retried ? ' after several attempts' : '';
  const proxy = proxyOf(cause);
  if (f.kind === 'tls') return tlsAppError(host, proxy, codeOf(cause), cause);
  if (proxy && f.kind !== 'timeout' && f.kind !== 'reset') {
    return new AppError('NETWORK', `Could not reach ${host} through the proxy ${proxy}${after} (${reasonOf(cause)}).`, {
      hint: `Check this computer's proxy settings and that the proxy allows ${host}; your network team can confirm.`,
      retryable,
      cause,
    });
  }
  switch (f.kind) {
    case 'timeout':
      return new AppError('TIMEOUT', `${service} (${host}) did not answer in time${after}.`, {
        hint: 'Check the network connection, or retry in a few minutes.',
        retryable,
        cause,
      });
    case 'connect-timeout':
      return new AppError('TIMEOUT', `Could not connect to ${host} in time${after}.`, {
        hint: 'Check the network connection, VPN, proxy and firewall.',
        retryable,
        cause,
      });
    case 'refused':
      return new AppError('NETWORK', `${host} refused the connection${after}.`, {
        hint: 'Check the address and that the service is up; a firewall or proxy may be blocking it.',
        retryable,
        cause,
      });
    case 'dns':
    case 'dns-transient':
      return new AppError('NETWORK', `${host} could not be found (DNS).`, {
        hint: 'Check the spelling of the address and the network connection.',
        retryable,
        cause,
      });
    case 'reset':
      return new AppError('NETWORK', `The connection to ${host} was dropped${after}.`, {
        hint: 'Check the network connection, VPN or proxy, then retry.',
        retryable,
        cause,
      });
    default:
      return new AppError('NETWORK', `Could not talk to ${host}.`, {
        hint: 'Check the network connection, then retry.',
        retryable: false,
        cause,
      });
  }
}

/** Names the certificate problem and the proxy, so the network team knows which root to install. */
function tlsAppError(host: string, proxy: string | undefined, code: string | undefined, cause: unknown): AppError {
  const via = proxy ? ` through the proxy ${proxy}` : '';
  return new AppError('NETWORK', `The certificate of ${host}${via} is not trusted (${code ?? 'TLS error'}).`, {
    hint: proxy
      ? "If the proxy inspects TLS, its root certificate must be in this computer's trusted roots (Windows: Trusted Root Certification Authorities; macOS: System keychain)."
      : 'A TLS-inspecting proxy or a wrong address may be in the way; check with your network team.',
    retryable: false,
    cause,
  });
}

function reasonOf(err: unknown): string {
  return networkErrorDetail(err).slice(0, 160);
}

/** "CODE: message" of a network error: codes and messages only, never headers. */
export function networkErrorDetail(err: unknown): string {
  const code = codeOf(err);
  const message = messageOf(err);
  return code ? `${code}: ${message}` : message;
}

function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  const cause = (err as { cause?: unknown } | undefined)?.cause;
  return cause instanceof Error ? cause.message : String(err ?? 'unknown network error');
}
