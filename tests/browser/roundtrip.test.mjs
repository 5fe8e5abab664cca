// Browser round trip: an agent logs in and goes online, a buyer writes, the agent sees it
// and replies, the buyer sees the reply; reloading either page shows the history once.
// Runs against a real kefu-server (KEFU_URL) in Debian's chromium via playwright-core;
// tests/browser/run.sh starts the server and Redis and sets the environment.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { baseUrl, launchBrowser, openPage as openPageIn, passwordOf, screenshots, soon, waitConnected } from './browser-env.mjs';
import { WsDriver } from './ws-driver.mjs';

let browser;
let context;
// The pages and messages of the first test, which the second one continues.
let agent;
let buyer;
const said = [];
const pageErrors = [];

before(async () => {
  browser = await launchBrowser();
  context = browser.context;
});

after(async () => {
  await browser?.close();
});

const openPage = (path) => openPageIn(context, path, pageErrors);

/** Texts of the stored messages on the page, in order, and their ids. */
async function shownMessages(page) {
  return page.locator('.msg[data-message-id]').evaluateAll((els) =>
    els.map((el) => ({
      id: el.getAttribute('data-message-id'),
      text: el.querySelector('.msg-text')?.textContent ?? '',
      mine: el.classList.contains('msg-mine'),
    })),
  );
}

function assertEachOnce(messages, texts, where) {
  const ids = messages.map((m) => m.id);
  assert.equal(new Set(ids).size, ids.length, `${where}: a message id is shown twice: ${ids}`);
  for (const text of texts) {
    const n = messages.filter((m) => m.text === text).length;
    assert.equal(n, 1, `${where}: "${text}" is shown ${n} times`);
  }
}

test('agent and buyer chat through the server, and reloads show history once', async () => {
  const question = `你好，请问这件外套还有 M 码吗？ ${Date.now()}`;
  const reply = `您好，M 码有货，今天下单明天发货。 ${Date.now()}`;

  // The landing page links to both pages.
  const index = await openPage('/');
  assert.deepEqual(
    await index.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
    ['buyer.html', 'agent.html', 'supervisor.html'],
  );
  await index.screenshot({ path: join(screenshots, '00-index.png') });
  await index.close();

  // A buyer opens the demo page while no agent is online: they wait in the queue and see
  // their place (R-ROUTE-7).
  buyer = await openPage('/buyer.html');
  await waitConnected(buyer);
  await buyer.locator('[data-testid=queue-status][data-position="1"]').waitFor({ timeout: soon });
  assert.match(await buyer.locator('[data-testid=conversation-status]').innerText(), /排队/);
  await buyer.screenshot({ path: join(screenshots, '00-buyer-queued.png') });

  // The agent logs in and goes online: the waiting buyer is theirs at once.
  agent = await openPage('/agent.html');
  await agent.locator('[data-testid=login-form]').waitFor({ timeout: soon });
  await agent.screenshot({ path: join(screenshots, '00-agent-login.png') });
  await agent.fill('input[name=login]', 'presale1');
  await agent.fill('input[name=password]', passwordOf('presale1'));
  await agent.click('[data-testid=login-form] button[type=submit]');
  await waitConnected(agent);
  await agent.click('[data-testid=presence-online]');
  await agent.locator('[data-testid=presence][data-presence="1"]').waitFor({ timeout: soon });
  await agent.screenshot({ path: join(screenshots, '01-agent-online.png') });

  // The buyer writes.
  await buyer.locator('[data-testid=conversation-status][data-status="2"]').waitFor({ timeout: soon });
  assert.match(await buyer.locator('[data-testid=conversation-status]').innerText(), /客服/);
  await buyer.fill('[data-testid=composer-input]', question);
  await buyer.press('[data-testid=composer-input]', 'Enter');
  await buyer.locator('.msg-mine[data-message-id]', { hasText: question }).waitFor({ timeout: soon });
  await buyer.locator('.msg-pending').waitFor({ state: 'detached', timeout: soon });

  // The agent sees the conversation, unread, and the message.
  const conv = agent.locator('.conv', { hasText: question });
  await conv.waitFor({ timeout: soon });
  assert.equal(await conv.locator('[data-testid=unread]').innerText(), '1');
  await agent.screenshot({ path: join(screenshots, '02-agent-new-conversation.png') });
  await conv.click();
  await agent.locator('.msg-theirs[data-message-id]', { hasText: question }).waitFor({ timeout: soon });
  await conv.locator('[data-testid=unread]').waitFor({ state: 'detached', timeout: soon });

  // The agent replies; the buyer sees it.
  await agent.fill('[data-testid=composer-input]', reply);
  await agent.press('[data-testid=composer-input]', 'Enter');
  await agent.locator('.msg-mine[data-message-id]', { hasText: reply }).waitFor({ timeout: soon });
  await buyer.locator('.msg-theirs[data-message-id]', { hasText: reply }).waitFor({ timeout: soon });
  await agent.screenshot({ path: join(screenshots, '03-agent-replied.png') });
  await buyer.screenshot({ path: join(screenshots, '04-buyer-got-reply.png') });

  // Reload the buyer page: the same buyer, the history once.
  await buyer.reload();
  await waitConnected(buyer);
  await buyer.locator('.msg-theirs[data-message-id]', { hasText: reply }).waitFor({ timeout: soon });
  await buyer.waitForTimeout(500); // give a duplicate the chance to show up
  const buyerView = await shownMessages(buyer);
  assertEachOnce(buyerView, [question, reply], 'buyer after reload');
  assert.deepEqual(
    buyerView.map((m) => [m.text, m.mine]),
    [
      [question, true],
      [reply, false],
    ],
  );
  await buyer.screenshot({ path: join(screenshots, '05-buyer-reloaded.png') });

  // Reload the agent page: still logged in, the conversation and its messages once.
  await agent.reload();
  await waitConnected(agent);
  assert.equal(await agent.locator('[data-testid=login-form]').count(), 0, 'agent was logged out by a reload');
  await agent.locator('.msg-mine[data-message-id]', { hasText: reply }).waitFor({ timeout: soon });
  await agent.waitForTimeout(500);
  assert.equal(await agent.locator('.conv').count(), 1);
  const agentView = await shownMessages(agent);
  assertEachOnce(agentView, [question, reply], 'agent after reload');
  assert.deepEqual(
    agentView.map((m) => [m.text, m.mine]),
    [
      [question, false],
      [reply, true],
    ],
  );
  await agent.screenshot({ path: join(screenshots, '06-agent-reloaded.png') });

  // The language switch: English on demand, remembered across pages.
  await buyer.click('[data-testid=lang-switch]');
  assert.match(await buyer.locator('[data-testid=conversation-status]').innerText(), /agent/i);
  await buyer.screenshot({ path: join(screenshots, '07-buyer-english.png') });
  await buyer.click('[data-testid=lang-switch]');

  assert.deepEqual(pageErrors, [], 'the pages logged errors');
  said.push(question, reply);
});

test('a dropped connection resumes from the last message and resends the unacked', async (t) => {
  if (said.length === 0) return t.skip('needs the first test');
  const whileBuyerAway = `断线时写的消息 ${Date.now()}`;
  const whileAgentAway = `客服断线时买家写的 ${Date.now()}`;

  // The buyer's connection drops; what they write meanwhile waits in the outbox, shown
  // as pending, and is sent once the connection is back.
  await buyer.evaluate(() => window.kefuDebug.drop(2000));
  await buyer.locator('[data-testid=connection][data-state=reconnecting]').waitFor({ timeout: soon });
  await buyer.fill('[data-testid=composer-input]', whileBuyerAway);
  await buyer.press('[data-testid=composer-input]', 'Enter');
  await buyer.locator('.msg-pending', { hasText: whileBuyerAway }).waitFor({ timeout: soon });
  await buyer.screenshot({ path: join(screenshots, '08-buyer-offline-pending.png') });
  await waitConnected(buyer);
  await buyer.locator('.msg-mine[data-message-id]', { hasText: whileBuyerAway }).waitFor({ timeout: soon });
  await buyer.locator('.msg-pending').waitFor({ state: 'detached', timeout: soon });
  await agent.locator('.msg-theirs[data-message-id]', { hasText: whileBuyerAway }).waitFor({ timeout: soon });

  // The agent's connection drops while the buyer writes: the agent resumes from the last
  // id it saw and gets the message once.
  await agent.evaluate(() => window.kefuDebug.drop(1500));
  await agent.locator('[data-testid=connection][data-state=reconnecting]').waitFor({ timeout: soon });
  await buyer.fill('[data-testid=composer-input]', whileAgentAway);
  await buyer.press('[data-testid=composer-input]', 'Enter');
  await buyer.locator('.msg-mine[data-message-id]', { hasText: whileAgentAway }).waitFor({ timeout: soon });
  await waitConnected(agent);
  await agent.locator('.msg-theirs[data-message-id]', { hasText: whileAgentAway }).waitFor({ timeout: soon });
  await agent.waitForTimeout(500);

  const texts = [...said, whileBuyerAway, whileAgentAway];
  const buyerView = await shownMessages(buyer);
  const agentView = await shownMessages(agent);
  assertEachOnce(buyerView, texts, 'buyer after reconnects');
  assertEachOnce(agentView, texts, 'agent after reconnects');
  assert.deepEqual(agentView.map((m) => m.text), texts);
  assert.deepEqual(buyerView.map((m) => m.text), texts);
  await agent.screenshot({ path: join(screenshots, '09-agent-after-reconnects.png') });

  // The agent's header shows today's figures, pushed by the server as they change (issue 5).
  await agent.locator('[data-testid=today-figures][data-receptions="1"]').waitFor({ timeout: 15_000 });
  assert.match(await agent.locator('[data-testid=today-figures]').innerText(), /今日 · 接待 1/);

  // The question is answered: the agent ends the chat (R-ROUTE-11) and both sides see it ended.
  await agent.click('[data-testid=end-conversation]');
  await buyer.locator('[data-testid=conversation-status][data-status="3"]').waitFor({ timeout: soon });
  assert.equal(await buyer.locator('[data-testid=composer-input]').isDisabled(), true);
  await agent.locator('[data-testid=end-conversation]').waitFor({ state: 'detached', timeout: soon });
  await agent.screenshot({ path: join(screenshots, '10-agent-ended.png') });

  // The buyer is invited to rate the service (R-MSG-5) and rates it 4 of 5 with a comment.
  const rating = buyer.locator('[data-testid=rating]');
  await rating.waitFor({ timeout: soon });
  assert.match(await rating.innerText(), /请为本次服务评分/);
  await rating.locator('[data-score="4"]').click();
  await rating.locator('input[name=comment]').fill('回复很及时');
  await rating.locator('button[type=submit]').click();
  await buyer.locator('[data-testid=rating][data-saved="4"]').waitFor({ timeout: soon });
  assert.match(await rating.innerText(), /感谢您的评价/);
  await buyer.screenshot({ path: join(screenshots, '11-buyer-rated.png') });
  assert.deepEqual(pageErrors, [], 'the pages logged errors');
});

/** Stores an order as the shop's platform would push it (R-ORDER-1), signed with the demo
 * shop's webhook secret from the config run.sh generated. */
async function pushOrder(event) {
  const config = JSON.parse(readFileSync(process.env.KEFU_CONFIG, 'utf8'));
  const shop = config.shops.find((s) => s.id === 'demo');
  const body = JSON.stringify({ events: [event] });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = createHmac('sha256', shop.webhookSecret).update(`${timestamp}.${body}`).digest('hex');
  const response = await fetch(new URL('/api/shops/demo/order-events', baseUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Kefu-Timestamp': timestamp, 'X-Kefu-Signature': `sha256=${signature}` },
    body,
  });
  assert.equal(response.status, 200, await response.text());
}

/** A w×h PNG photo stand-in (a grey coat-coloured block on a light background), so the
 * screenshots show a picture the size of a real one. */
function testPng(w, h) {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(w, 0);
  header.writeUInt32BE(h, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const rows = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const inside = x > w * 0.3 && x < w * 0.7 && y > h * 0.15 && y < h * 0.9;
      const at = y * (w * 3 + 1) + 1 + x * 3;
      rows.fill(inside ? 110 + ((x + y) % 20) : 236, at, at + 3);
    }
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

async function loginAs(login) {
  const page = await openPage('/agent.html');
  await page.locator('[data-testid=login-form]').waitFor({ timeout: soon });
  await page.fill('input[name=login]', login);
  await page.fill('input[name=password]', passwordOf(login));
  await page.click('[data-testid=login-form] button[type=submit]');
  await waitConnected(page);
  await page.click('[data-testid=presence-online]');
  await page.locator('[data-testid=presence][data-presence="1"]').waitFor({ timeout: soon });
  return page;
}

test('the console: quick reply, red note, transfer to a colleague, reloads resume (issue 6)', async (t) => {
  if (!agent) return t.skip('needs the first test');
  const stamp = Date.now();
  const buyerId = `console-buyer-${stamp}`;
  const orderId = `T${stamp}`;
  await pushOrder({
    eventId: `${orderId}-PAID`,
    orderId,
    buyerId,
    state: 'PAID',
    occurredAt: new Date().toISOString(),
    amountFen: '25800',
    items: [{ title: '羊毛混纺大衣', sku: 'COAT-M-GREY', quantity: 1, priceFen: '25800' }],
    contact: { name: '王小姐', phone: '13912345678', address: '杭州市西湖区文三路 88 号' },
  });

  // The buyer opens the chat from their paid order: it is shown on top and routes to pre-sale.
  const shopper = await openPage(`/buyer.html?buyer=${buyerId}&order=${orderId}`);
  await shopper.setViewportSize({ width: 390, height: 844 }); // a phone
  await waitConnected(shopper);
  assert.match(await shopper.locator('[data-testid=from-order]').innerText(), new RegExp(orderId));
  await shopper.locator('[data-testid=from-order]', { hasText: '羊毛混纺大衣' }).waitFor({ timeout: soon });
  assert.match(await shopper.locator('[data-testid=from-order]').innerText(), /已付款未发货 · ¥258\.00/);
  await shopper.locator('[data-testid=conversation-status][data-status="2"]').waitFor({ timeout: soon });

  // The agent sees the buyer typing, then the question within a second of it being sent.
  const question = `这件大衣什么时候发货？ ${stamp}`;
  await shopper.fill('[data-testid=composer-input]', question);
  const conv = agent.locator('.conv', { hasText: buyerId });
  await conv.waitFor({ timeout: soon });
  await conv.click();
  await agent.locator('[data-testid=typing]').waitFor({ timeout: soon });
  await agent.screenshot({ path: join(screenshots, '12-agent-buyer-typing.png') });
  const sentAt = Date.now();
  await shopper.press('[data-testid=composer-input]', 'Enter');
  await agent.locator('.msg-theirs[data-message-id]', { hasText: question }).waitFor({ timeout: soon });
  const took = Date.now() - sentAt;
  assert.ok(took < 1000, `the agent saw the message after ${took} ms`);

  // The buyer's order is beside the conversation: state, items, amount; contact masked (R-MSG-6).
  const order = agent.locator(`.order[data-order-id="${orderId}"]`);
  await order.waitFor({ timeout: soon });
  assert.match(await order.innerText(), /已付款未发货/);
  assert.match(await order.innerText(), /羊毛混纺大衣/);
  assert.match(await order.innerText(), /¥258\.00/);
  assert.doesNotMatch(await order.innerText(), /13912345678/);

  // The agent answers with a quick reply: "/" and letters, Enter inserts, Enter sends (R-MSG-3).
  await agent.fill('[data-testid=composer-input]', '/che');
  await agent.locator('[data-testid=quick-reply-picker] [data-shortcut=check]').waitFor({ timeout: soon });
  await agent.screenshot({ path: join(screenshots, '13-agent-quick-reply-picker.png') });
  await agent.press('[data-testid=composer-input]', 'Enter');
  const quick = '好的，我马上为您查询，请稍等。';
  // The box is re-rendered after the key: wait for the reply to be in it, then check it exactly.
  await agent.waitForFunction((text) => document.querySelector('[data-testid=composer-input]')?.value === text, quick, { timeout: soon }).catch(() => {});
  assert.equal(await agent.inputValue('[data-testid=composer-input]'), quick);
  await agent.press('[data-testid=composer-input]', 'Enter');
  await shopper.locator('.msg-theirs[data-message-id]', { hasText: quick }).waitFor({ timeout: soon });
  // The buyer has it on screen: the agent sees it read.
  await agent.locator('.msg-mine[data-message-id]', { hasText: quick }).locator('[data-read=true]').waitFor({ timeout: soon });

  // The agent typing shows on the buyer's side too.
  await agent.fill('[data-testid=composer-input]', '稍等');
  await shopper.locator('[data-testid=typing]').waitFor({ timeout: soon });
  await agent.fill('[data-testid=composer-input]', '');

  // The buyer sends a photo; it is scaled into the message and the agent sees it.
  await shopper.setInputFiles('[data-testid=composer-file]', { name: 'coat.png', mimeType: 'image/png', buffer: testPng(1600, 1200) });
  await shopper.locator('.msg-mine[data-message-id] .msg-image img').waitFor({ timeout: soon });
  await agent.locator('.msg-theirs[data-message-id] .msg-image img').waitFor({ timeout: soon });

  // A red note on the order (R-NOTE-1): pre-sale information.
  await order.locator('[data-testid=note-add]').click();
  await order.locator('[data-testid=note-text]').fill('买家要求顺丰发货，礼品包装');
  await order.locator('[data-testid=note-save]').click();
  await order.locator('.note[data-flag=RED]', { hasText: '顺丰' }).waitFor({ timeout: soon });
  await agent.screenshot({ path: join(screenshots, '14-agent-note-and-quick-reply.png') });

  // A colleague edits the same note while the agent has it open: the agent's save is refused
  // with the colleague's version shown and the agent's own text kept (never lost); saving again
  // is a deliberate edit over it (R-NOTE-1, issue 6).
  const note = order.locator('.note[data-flag=RED]', { hasText: '顺丰' });
  const noteId = await note.getAttribute('data-note-id');
  await note.locator('button', { hasText: '编辑' }).click();
  const mine = '买家要求顺丰发货，礼品包装，周五前送到';
  await order.locator('[data-testid=note-text]').fill(mine);
  const other = await WsDriver.start(context);
  await other.agent('presale2', passwordOf('presale2'));
  await other.request('presale2', { saveNote: { orderId, noteId, text: '买家改要京东快递', flag: 'NOTE_FLAG_RED', expectedVersion: 1 } });
  await other.page.close();
  await order.locator('[data-testid=note-save]').click();
  await order.locator('[data-testid=note-conflict]', { hasText: '京东快递' }).waitFor({ timeout: soon });
  assert.match(await order.locator('[data-testid=note-conflict]').innerText(), /小雅 已先修改了这条备注/);
  assert.equal(await order.locator('[data-testid=note-text]').inputValue(), mine);
  await agent.screenshot({ path: join(screenshots, '14b-agent-note-conflict.png') });
  await order.locator('[data-testid=note-save]').click();
  await order.locator('.note[data-flag=RED]', { hasText: '周五前送到' }).locator('.note-meta', { hasText: 'v3' }).waitFor({ timeout: soon });
  assert.equal(await order.locator('[data-testid=note-conflict]').count(), 0);
  await shopper.screenshot({ path: join(screenshots, '15-buyer-phone.png') });

  // A colleague comes online; the agent transfers the conversation to them with a note.
  const colleague = await loginAs('presale2');
  await agent.click('[data-testid=open-transfer]');
  await agent.locator('[data-testid=transfer-dialog]').waitFor({ timeout: soon });
  await agent.selectOption('[data-testid=transfer-agent]', 'presale2');
  await agent.fill('[data-testid=transfer-note]', '买家问发货时间，已备注顺丰，请跟进');
  await agent.screenshot({ path: join(screenshots, '16-agent-transfer-dialog.png') });
  await agent.click('[data-testid=transfer-submit]');
  await conv.waitFor({ state: 'detached', timeout: soon });

  const theirs = colleague.locator('.conv', { hasText: buyerId });
  await theirs.waitFor({ timeout: soon });
  await theirs.click();
  assert.match(await colleague.locator('[data-testid=transfer-note]').innerText(), /请跟进/);
  await colleague.locator('.msg-theirs[data-message-id]', { hasText: question }).waitFor({ timeout: soon });
  await colleague.locator('.note[data-flag=RED]', { hasText: '顺丰' }).waitFor({ timeout: soon });
  const answer = `您好，今天下午顺丰发出 ${stamp}`;
  await colleague.fill('[data-testid=composer-input]', answer);
  await colleague.press('[data-testid=composer-input]', 'Enter');
  await shopper.locator('.msg-theirs[data-message-id]', { hasText: answer }).waitFor({ timeout: soon });
  await colleague.screenshot({ path: join(screenshots, '17-colleague-took-over.png') });

  // Keyboard: Alt+F sets a follow-up with a due time (R-MSG-4); it is listed as due.
  await colleague.keyboard.press('Alt+f');
  const followUp = colleague.locator('[data-testid=follow-up-dialog]');
  await followUp.waitFor({ timeout: soon });
  await followUp.locator('textarea').fill('确认顺丰单号后告诉买家');
  await followUp.locator('button[type=submit]').click();
  await colleague.locator('[data-testid=follow-ups] li', { hasText: '确认顺丰单号' }).waitFor({ timeout: soon });

  // Alt+H: the shift's handover, pre-filled with the open conversation and the follow-up.
  await colleague.keyboard.press('Alt+h');
  const handover = colleague.locator('[data-testid=handover-dialog]');
  await handover.waitFor({ timeout: soon });
  assert.match(await handover.locator('input').first().inputValue(), new RegExp(buyerId));
  await colleague.screenshot({ path: join(screenshots, '17b-colleague-handover.png') });
  await handover.locator('button[type=submit]').click();
  await handover.waitFor({ state: 'detached', timeout: soon });

  // Reloads resume everything, each message once.
  const texts = [question, quick, answer];
  await shopper.reload();
  await waitConnected(shopper);
  await shopper.locator('.msg-theirs[data-message-id]', { hasText: answer }).waitFor({ timeout: soon });
  await colleague.reload();
  await waitConnected(colleague);
  await colleague.locator('.msg-mine[data-message-id]', { hasText: answer }).waitFor({ timeout: soon });
  assert.match(await colleague.locator('[data-testid=transfer-note]').innerText(), /请跟进/);
  await colleague.locator('.note[data-flag=RED]', { hasText: '顺丰' }).waitFor({ timeout: soon });
  await shopper.waitForTimeout(500);
  const shopperView = (await shownMessages(shopper)).filter((m) => texts.includes(m.text));
  const colleagueView = (await shownMessages(colleague)).filter((m) => texts.includes(m.text));
  assertEachOnce(shopperView, texts, 'buyer after reload');
  assertEachOnce(colleagueView, texts, 'colleague after reload');
  assert.deepEqual(shopperView.map((m) => m.text), texts);
  assert.deepEqual(colleagueView.map((m) => m.text), texts);
  await colleague.screenshot({ path: join(screenshots, '18-colleague-reloaded.png') });
  await shopper.screenshot({ path: join(screenshots, '19-buyer-reloaded-phone.png') });
  assert.deepEqual(pageErrors, [], 'the pages logged errors');
});
