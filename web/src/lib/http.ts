// JSON POSTs to the server's /api, in protobuf's JSON mapping (camelCase fields).

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message || `HTTP ${status}`);
  }
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON: keep the status only.
  }
  if (!response.ok) {
    const err = (data ?? {}) as { error?: string; message?: string };
    throw new HttpError(response.status, err.error ?? '', err.message ?? text);
  }
  return data as T;
}
