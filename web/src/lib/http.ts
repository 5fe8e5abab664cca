// JSON requests to the server's /api, in protobuf's JSON mapping (camelCase fields); errors
// arrive as ApiError {error, message, field} and are thrown as HttpError.

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The field at fault, as the server names it (e.g. "shifts[1].start"), when one is. */
    readonly field = '',
  ) {
    super(message || `HTTP ${status}`);
  }
}

export function postJson<T>(path: string, body: unknown): Promise<T> {
  return requestJson<T>('POST', path, body);
}

/** A request with a JSON body (none for GET) and, with a token, the staff session's bearer. */
export async function requestJson<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON: keep the status only.
  }
  if (!response.ok) {
    const err = (data ?? {}) as { error?: string; message?: string; field?: string };
    throw new HttpError(response.status, err.error ?? '', err.message ?? text, err.field ?? '');
  }
  return data as T;
}
