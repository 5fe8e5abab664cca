// Issue 9 in the browser: the agent console knows two nodes [A, B]; a buyer chats with the
// agent; node A gets SIGTERM and drains. The console says it is moving, reconnects to node B
// on its own, and carries on: the buyer's next message shows once, the agent's reply reaches
// the buyer. This test starts its own two kefu-server nodes (one of them is stopped) on the
// Redis run.sh started, in a database of their own so the other tests' agents are not routed to.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { launchBrowser, openPage as openPageIn, passwordOf, screenshots, soon } from './browser-env.mjs';

const serverBinary = process.env.KEFU_SERVER_BIN;
const webDist = process.env.KEFU_WEB_DIST;
const redisPort = process.env.KEFU_REDIS_PORT;
const drainSeconds = 5;

let browser;
let work;
const nodes = [];
const pageErrors = [];

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** A kefu-server node on `port`; resolves once /healthz answers 200. */
async function startNode(name, port, configPath) {
  const log = openSync(join(work, `${name}.log`), 'a');
  const child = spawn(
    serverBinary,
    ['--listen', `127.0.0.1:${port}`, '--redis', `redis://127.0.0.1:${redisPort}/3`, '--config', configPath,
      '--web-root', webDist, '--threads', '2', '--drain-seconds', String(drainSeconds)],
    { stdio: ['ignore', log, log] },
  );
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const node = { name, port, child, exited, url: `http://127.0.0.1:${port}`, ws: `ws://127.0.0.1:${port}/ws` };
  nodes.push(node);
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      if ((await fetch(`${node.url}/healthz`)).status === 200) return node;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`${name} did not start: ${readFileSync(join(work, `${name}.log`), 'utf8').slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

before(async () => {
  assert.ok(serverBinary && webDist && redisPort, 'KEFU_SERVER_BIN, KEFU_WEB_DIST, KEFU_REDIS_PORT (run.sh sets them)');
  work = mkdtempSync(join(tmpdir(), 'kefu-drain-'));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  for (const node of nodes) {
    if (node.child.exitCode === null && node.child.signalCode === null) node.child.kill('SIGKILL');
    await node.exited;
  }
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Texts of the stored messages shown on a page. */
const shownTexts = (page) =>
  page.locator('.msg[data-message-id] .msg-text').evaluateAll((els) => els.map((el) => el.textContent ?? ''));

test('the agent console moves to node B when node A drains, and the chat goes on', async () => {
  const [portA, portB] = [await freePort(), await freePort()];
  // The console is served by node A and also talks to node B: B lets A's pages in.
  const config = JSON.parse(readFileSync(process.env.KEFU_CONFIG, 'utf8'));
  config.allowedOrigins = [`http://127.0.0.1:${portA}`, `http://127.0.0.1:${portB}`];
  const configPath = join(work, 'config.json');
  writeFileSync(configPath, JSON.stringify(config));
  const [nodeA, nodeB] = await Promise.all([startNode('node-a', portA, configPath), startNode('node-b', portB, configPath)]);

  const context = browser.context;
  const agent = await openPageIn(context, `${nodeA.url}/agent.html?servers=${nodeA.ws},${nodeB.ws}`, pageErrors);
  await agent.locator('[data-testid=login-form]').waitFor({ timeout: soon });
  await agent.fill('input[name=login]', 'presale1');
  await agent.fill('input[name=password]', passwordOf('presale1'));
  await agent.click('[data-testid=login-form] button[type=submit]');
  const badge = agent.locator('[data-testid=connection]');
  await agent.locator(`[data-testid=connection][data-state=open][data-address="${nodeA.ws}"]`).waitFor({ timeout: soon });
  await agent.click('[data-testid=presence-online]');
  await agent.locator('[data-testid=presence][data-presence="1"]').waitFor({ timeout: soon });

  // The buyer's window is on node B; the conversation is the agent's.
  const buyer = await openPageIn(context, `${nodeB.url}/buyer.html`, pageErrors);
  await buyer.locator('[data-testid=conversation-status][data-status="2"]').waitFor({ timeout: soon });
  const stamp = Date.now();
  const before = `A 节点还在吗？ ${stamp}`;
  await buyer.fill('[data-testid=composer-input]', before);
  await buyer.press('[data-testid=composer-input]', 'Enter');
  const conv = agent.locator('.conv', { hasText: before });
  await conv.waitFor({ timeout: soon });
  await conv.click();
  await agent.locator('.msg-theirs[data-message-id]', { hasText: before }).waitFor({ timeout: soon });

  // Node A drains: the console says it is moving to another server, then is connected to B.
  nodeA.child.kill('SIGTERM');
  await agent.locator('[data-testid=connection][data-state=reconnecting][data-moving=true]').waitFor({ timeout: soon });
  const movingText = await badge.innerText();
  await agent.screenshot({ path: join(screenshots, 'drain-01-agent-reconnecting.png') });
  assert.match(movingText, /服务器重启/, `the badge said: ${movingText}`);
  await agent.locator(`[data-testid=connection][data-state=open][data-address="${nodeB.ws}"]`).waitFor({ timeout: soon });
  assert.match(await badge.innerText(), /已连接/);
  await agent.screenshot({ path: join(screenshots, 'drain-02-agent-on-node-b.png') });
  const exit = await Promise.race([nodeA.exited, new Promise((r) => setTimeout(() => r(null), (drainSeconds + 2) * 1000))]);
  assert.deepEqual(exit, { code: 0, signal: null }, 'node A exits 0 after its drain');

  // The chat goes on through node B: the buyer's next message shows once, the reply arrives.
  const next = `换到 B 节点了吗？ ${stamp}`;
  const reply = `在的，一切正常。 ${stamp}`;
  await buyer.fill('[data-testid=composer-input]', next);
  await buyer.press('[data-testid=composer-input]', 'Enter');
  await agent.locator('.msg-theirs[data-message-id]', { hasText: next }).waitFor({ timeout: soon });
  await agent.fill('[data-testid=composer-input]', reply);
  await agent.press('[data-testid=composer-input]', 'Enter');
  await agent.locator('.msg-mine[data-message-id]', { hasText: reply }).waitFor({ timeout: soon });
  await buyer.locator('.msg-theirs[data-message-id]', { hasText: reply }).waitFor({ timeout: soon });
  const agentTexts = await shownTexts(agent);
  for (const text of [before, next, reply]) {
    assert.equal(agentTexts.filter((x) => x === text).length, 1, `the console shows "${text}" once: ${agentTexts}`);
  }
  assert.deepEqual(await shownTexts(buyer), [before, next, reply]);
  await agent.screenshot({ path: join(screenshots, 'drain-03-agent-chat-goes-on.png') });
  assert.deepEqual(pageErrors, []);
});
