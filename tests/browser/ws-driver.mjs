// Buyers and agents the browser tests drive without a page of their own: WebSockets opened
// inside one blank page of the server's origin (node 20 has no WebSocket; the page's origin
// passes the server's Origin check), speaking protobuf's JSON mapping in text frames.
// Every frame each client receives is kept, so a test waits for the frame it expects.
import { baseUrl, soon } from './browser-env.mjs';

function install() {
  const clients = {};
  let next = 1;
  window.kefuWs = {
    clients,
    open(name) {
      return new Promise((resolve, reject) => {
        const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/ws`);
        clients[name] = { ws, frames: [] };
        ws.onmessage = (e) => clients[name].frames.push(JSON.parse(e.data));
        ws.onopen = () => resolve();
        ws.onerror = () => reject(new Error(`${name}: websocket failed`));
      });
    },
    /** Sends a request and resolves with its answer (the first frame with its id, not a message). */
    request(name, body) {
      const c = clients[name];
      const requestId = `d${next++}`;
      const seen = c.frames.length;
      c.ws.send(JSON.stringify({ requestId, ...body }));
      return new Promise((resolve, reject) => {
        const started = Date.now();
        const look = () => {
          const answer = c.frames.slice(seen).find((f) => f.requestId === requestId && !f.message);
          if (answer) return answer.error ? reject(new Error(`${name}: ${JSON.stringify(answer.error)}`)) : resolve(answer);
          if (Date.now() - started > 5000) return reject(new Error(`${name}: no answer to ${Object.keys(body)[0]}`));
          setTimeout(look, 20);
        };
        look();
      });
    },
  };
}

export class WsDriver {
  constructor(page) {
    this.page = page;
  }

  static async start(context) {
    const page = await context.newPage();
    await page.goto(new URL('/', baseUrl).href);
    await page.evaluate(install);
    return new WsDriver(page);
  }

  request(name, body) {
    return this.page.evaluate(([n, b]) => window.kefuWs.request(n, b), [name, body]);
  }

  /** A buyer of the demo shop with a new conversation; resolves with its conversation id. */
  async buyer(name, firstMessage) {
    const token = await post('/api/demo/buyer-token', { shopId: 'demo', buyerId: `${name}-${Date.now()}` });
    await this.page.evaluate((n) => window.kefuWs.open(n), name);
    await this.request(name, { hello: { buyerToken: token.token, shopId: 'demo' } });
    const started = await this.request(name, { startConversation: {} });
    const conversation = started.conversationStarted.conversation;
    await this.request(name, { sendMessage: { conversationId: conversation.id, clientMessageId: `${name}-1`, text: firstMessage } });
    return { id: conversation.id, buyerId: token.buyerId };
  }

  /** An agent logged in over HTTP and connected; presence is set separately. */
  async agent(login, password) {
    const session = await post('/api/login', { login, password });
    await this.page.evaluate((n) => window.kefuWs.open(n), login);
    await this.request(login, { hello: { agentSessionToken: session.token, shopId: 'demo' } });
    return session;
  }

  setPresence(login, presence) {
    return this.request(login, { setPresence: { presence } });
  }

  /** The agent connected (once) and online. */
  async online(login, password) {
    const connected = await this.page.evaluate((n) => !!window.kefuWs.clients[n], login);
    if (!connected) await this.agent(login, password);
    await this.setPresence(login, 'PRESENCE_ONLINE');
  }

  /** Waits until the client got a frame whose field at path ("message.message.text") is value. */
  async waitForFrame(name, path, value, timeout = soon) {
    await this.page.waitForFunction(
      ([n, keys, want]) => window.kefuWs.clients[n].frames.some((f) => keys.reduce((o, k) => o?.[k], f) === want),
      [name, path.split('.'), value],
      { timeout },
    );
  }
}

export async function post(path, body, token) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(new URL(path, baseUrl), { method: 'POST', headers, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

export async function api(method, path, token, body) {
  const response = await fetch(new URL(path, baseUrl), {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text;
}
