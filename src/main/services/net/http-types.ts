import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import type { Logger } from '../log/logger';
import type { HostPolicyConfig, UrlPurpose } from './host-policy';

/** The HTTP client's public shapes; the client itself is assembled in http-client.ts. */
export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequestOptions {
  method?: HttpMethod;
  url: string | URL;
  purpose: UrlPurpose;
  headers?: Record<string, string>;
  /** Sent as application/json. */
  json?: unknown;
  /** Sent as is (set content-type in headers). */
  body?: string | Uint8Array;
  /** Default application/json. Anything else returns the body as a string. */
  accept?: string;
  /** Validates the parsed JSON; unknown fields follow the schema (strip or passthrough). */
  schema?: z.ZodType;
  /**
   * Marks a POST/PATCH as safe to repeat (a read over POST, a partial update that sets values).
   * Only then are 5xx and dropped connections retried for it; see shouldRetry.
   */
  idempotent?: boolean;
  /** Overrides the rate-limit bucket derived from the path. */
  bucket?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface HttpResponse<T> {
  status: number;
  /** Lower-case names; repeated headers joined with ", " (valid for Link). */
  headers: Record<string, string>;
  data: T;
  /** Where the answer finally came from, after redirects. */
  url: string;
}

export interface PaginateOptions<S extends z.ZodType> {
  url: string | URL;
  purpose: UrlPurpose;
  /** Schema of one item; a page is a JSON array of them. */
  schema: S;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /**
   * Stop at the first empty page even if it carries a next link: Okta's System Log in
   * ascending order always links to a next page (it is a polling cursor).
   */
  stopOnEmptyPage?: boolean;
  /** Safety stop against a server that links in a loop. */
  maxPages?: number;
}

export interface HttpClient {
  request<S extends z.ZodType>(opts: HttpRequestOptions & { schema: S }): Promise<HttpResponse<z.output<S>>>;
  request<T = unknown>(opts: HttpRequestOptions): Promise<HttpResponse<T>>;
  paginate<S extends z.ZodType>(opts: PaginateOptions<S>): AsyncGenerator<z.output<S>, void, undefined>;
  /** Closes the connection pool the client created (not a dispatcher passed in). */
  close(): Promise<void>;
}

export interface HttpClientOptions {
  policy: HostPolicyConfig;
  logger: Logger;
  /** Whole request (connect, headers, body) per attempt. Default 30 s. */
  timeoutMs?: number;
  /** Default 10 s. Only applies to the pool the client creates. */
  connectTimeoutMs?: number;
  /** Retries after the first attempt. Default 4. */
  maxRetries?: number;
  /** A 429 asking to wait longer than this fails at once instead. Default 120 s. */
  maxRetryWaitMs?: number;
  /** Requests in flight at once per origin (Okta limits them org-wide); default 8. */
  maxInFlightPerOrigin?: number;
  /** Responses larger than this fail with BAD_RESPONSE. Default 20 MB. */
  maxBodyBytes?: number;
  /** Base of the exponential backoff. Default 500 ms. */
  backoffBaseMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
  random?: () => number;
  dispatcher?: Dispatcher;
  /** Governor tuning; see RateGovernor. */
  governor?: { reserveFraction?: number; reserveMin?: number; maxWaitMs?: number };
}
