/** Stable error codes. Scripts and manifests key on these; never rename one. */
export const ERROR_CODES = [
  'E_USAGE', // bad command-line arguments
  'E_INPUT', // a file or folder that cannot be read
  'E_HTTP_STATUS', // the server answered 4xx/5xx
  'E_NOT_HTML', // the response or file is not an HTML document
  'E_TOO_LARGE', // the body exceeds the size cap (after decompression)
  'E_TIMEOUT', // connect, header, body or per-page time limit exceeded
  'E_NETWORK', // DNS, TCP, TLS or protocol failure
  'E_REDIRECT', // too many redirects, a loop, or a redirect to a non-http(s) scheme
  'E_BLOCKED', // the address is refused by policy (private address, robots.txt)
  'E_NO_CONTENT', // the page parsed but holds no article text
  'E_PARSE', // the document could not be parsed at all
  'E_OUTPUT', // an output file could not be written
  'E_RULES', // a user-supplied site-rules file is invalid
  'E_CASE', // an `archivist check` case folder is malformed (missing input, bad case.json)
  'E_RENDER', // --render: no browser found, or the browser crashed or failed on the page
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class ArchivistError extends Error {
  override readonly name = 'ArchivistError';
  /** The HTTP status of the response that failed (E_HTTP_STATUS), so a manifest can record it as data, not prose. */
  readonly status?: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown; status?: number },
  ) {
    super(message, options && 'cause' in options ? { cause: options.cause } : undefined);
    if (options?.status !== undefined) this.status = options.status;
  }
}

/** Wraps anything thrown into an ArchivistError so callers only ever see stable codes. */
export function toArchivistError(err: unknown, fallback: ErrorCode = 'E_PARSE'): ArchivistError {
  if (err instanceof ArchivistError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new ArchivistError(fallback, message, { cause: err });
}
