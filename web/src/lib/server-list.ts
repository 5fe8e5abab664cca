// Issue 9: the server addresses a page's WebSocket may use, in the order it tries them. A
// node that dies or drains sends its clients to the next one; with a balancer in front, one
// address (the page's own origin) is enough.
//
// Where they come from, first found wins:
//   1. the page's query: ?servers=ws://10.0.0.1:8080/ws,10.0.0.2:8080 (comma-separated);
//   2. <meta name="kefu-servers" content="..."> in the page (same form), for a deployment
//      that writes its node list into the built HTML;
//   3. the page's own origin.
// An entry is a ws:// or wss:// URL, an http(s):// origin (its /ws is used), or host:port
// (same scheme as the page). A page served by one node and connecting to another is a
// cross-origin WebSocket: that node must list the page's origin in allowed_origins.

/** The WebSocket URL of one configured entry; null when it cannot be one. */
export function toWebSocketUrl(entry: string, pageProtocol: string, path = '/ws'): string | null {
  const text = entry.trim();
  if (!text) return null;
  const secure = pageProtocol === 'https:';
  let url: URL;
  try {
    url = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? new URL(text) : new URL(`${secure ? 'wss' : 'ws'}://${text}`);
  } catch {
    return null;
  }
  if (url.protocol === 'http:') url.protocol = 'ws:';
  if (url.protocol === 'https:') url.protocol = 'wss:';
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') return null;
  if (url.pathname === '/' || url.pathname === '') url.pathname = path;
  return url.href;
}

/** Parses a comma-separated list; entries that are not addresses are left out. */
export function parseServerList(list: string, pageProtocol: string, path = '/ws'): string[] {
  const out: string[] = [];
  for (const entry of list.split(',')) {
    const url = toWebSocketUrl(entry, pageProtocol, path);
    if (url && !out.includes(url)) out.push(url);
  }
  return out;
}

/** The addresses this page uses (see the top of this file); never empty. */
export function serverAddresses(path = '/ws'): string[] {
  const fromQuery = new URLSearchParams(location.search).get('servers');
  const fromMeta = document.querySelector<HTMLMetaElement>('meta[name="kefu-servers"]')?.content;
  for (const list of [fromQuery, fromMeta]) {
    const urls = list ? parseServerList(list, location.protocol, path) : [];
    if (urls.length > 0) return urls;
  }
  return [`${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${path}`];
}
