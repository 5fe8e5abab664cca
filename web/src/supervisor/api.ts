// The shop's supervisor HTTP API (README: Supervisors, KPI definitions, issue 7's settings), with
// the session's bearer token; answers decoded with their protobuf schema (int64 → bigint).
import { fromJson, toJson, type DescMessage, type JsonValue, type MessageShape } from '@bufbuild/protobuf';
import { HttpError, requestJson } from '../lib/http';
import type { StaffSession } from '../lib/session';

export class ShopApi {
  constructor(private readonly session: StaffSession) {}

  get shopId(): string {
    return this.session.shopId;
  }

  /** /api/shops/{shop}/path?query, the query without empty values. */
  url(path: string, query: Record<string, string> = {}): string {
    const q = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== ''));
    const qs = q.toString();
    return `/api/shops/${encodeURIComponent(this.session.shopId)}/${path}${qs ? `?${qs}` : ''}`;
  }

  async get<S extends DescMessage>(schema: S, path: string, query: Record<string, string> = {}): Promise<MessageShape<S>> {
    const json = await requestJson<JsonValue>('GET', this.url(path, query), undefined, this.session.token);
    return fromJson(schema, json ?? {}, { ignoreUnknownFields: true });
  }

  /** A body given as a message of its schema goes out in protobuf's JSON mapping. */
  async send<S extends DescMessage>(method: 'PUT' | 'POST', path: string, body: unknown, answer?: S): Promise<MessageShape<S> | undefined> {
    const json = await requestJson<JsonValue>(method, this.url(path), body, this.session.token);
    return answer ? fromJson(answer, json ?? {}, { ignoreUnknownFields: true }) : undefined;
  }

  jsonOf<S extends DescMessage>(schema: S, message: MessageShape<S>): JsonValue {
    return toJson(schema, message);
  }

  /**
   * A CSV export as a file: the API needs the bearer token, which a plain link cannot carry,
   * so the page fetches it and hands the browser a blob to save.
   */
  async download(path: string, query: Record<string, string>, fileName: string): Promise<void> {
    const response = await fetch(this.url(path, { ...query, format: 'csv' }), {
      headers: { Authorization: `Bearer ${this.session.token}` },
    });
    if (!response.ok) throw new HttpError(response.status, '', await response.text());
    const url = URL.createObjectURL(await response.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}

/** What an HTTP failure says to a person: the server's message, else the status. */
export function failureText(error: unknown): string {
  if (error instanceof HttpError) return error.message || `HTTP ${error.status}`;
  return error instanceof Error ? error.message : String(error);
}
