// The supervisor page (issue 7) against a real server: buyers and agents are driven over
// WebSockets (ws-driver.mjs) while the supervisor watches the live dashboard, reassigns a
// conversation, reads a report figure, downloads a CSV and changes the configuration, whose
// effect the routing audit then shows. Runs after roundtrip.test.mjs on the same server
// (run.sh), so it first takes the pre-sale agents that test left online offline.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { baseUrl, launchBrowser, openPage, passwordOf, screenshots, soon, waitConnected } from './browser-env.mjs';
import { WsDriver, api, post } from './ws-driver.mjs';

let browser;
let driver;
let sup; // the supervisor's page
let supToken;
const pageErrors = [];
// Answers the page asks for on purpose: the agent's login is probed (403), a bad setting
// refused (400), a stale save refused (409).
const expected = [/ 403 for .*\/audit\?conversation=0$/, / (400|409) for .*\/settings$/];
const unexpectedErrors = () => pageErrors.filter((e) => !expected.some((re) => re.test(e)));

before(async () => {
  browser = await launchBrowser();
  driver = await WsDriver.start(browser.context);
  supToken = (await post('/api/login', { login: 'supervisor1', password: passwordOf('supervisor1') })).token;
  // Nobody of pre-sale takes buyers until this test says so.
  for (const agent of ['presale1', 'presale2']) {
    await api('PUT', `/api/shops/demo/agents/${agent}/presence`, supToken, { presence: 'PRESENCE_OFFLINE' });
  }
});

after(async () => {
  await browser?.close();
});

const tile = (group) => sup.locator(`[data-testid=group-${group}]`);
const agentRow = (id) => sup.locator(`[data-testid=agents-table] tr[data-agent-id=${id}]`);

test('an agent is told the page is for supervisors; the supervisor logs in', async () => {
  sup = await openPage(browser.context, '/supervisor.html', pageErrors);
  await sup.locator('[data-testid=login-form]').waitFor({ timeout: soon });
  await sup.fill('input[name=login]', 'aftersale2');
  await sup.fill('input[name=password]', passwordOf('aftersale2'));
  await sup.click('[data-testid=login-form] button[type=submit]');
  await sup.locator('[data-testid=login-notice]', { hasText: '主管专用' }).waitFor({ timeout: soon });
  await sup.screenshot({ path: join(screenshots, '30-supervisor-agent-refused.png') });

  await sup.fill('input[name=login]', 'supervisor1');
  await sup.fill('input[name=password]', passwordOf('supervisor1'));
  await sup.click('[data-testid=login-form] button[type=submit]');
  await waitConnected(sup);
  await tile('presale').waitFor({ timeout: soon });
  await agentRow('presale1').and(sup.locator('[data-presence="3"]')).waitFor({ timeout: soon });
});

test('live: queues and agent states are pushed; a reassign moves the conversation', async () => {
  // Two buyers write while nobody of pre-sale is online: both wait in its queue.
  const first = await driver.buyer('sup-buyer-a', '请问有现货吗？');
  const second = await driver.buyer('sup-buyer-b', '什么时候发货？');
  await tile('presale').and(sup.locator('[data-queued="2"]')).waitFor({ timeout: soon });
  await sup.locator(`[data-testid=queue-list] [data-conversation-id="${first.id}"]`).waitFor({ timeout: soon });
  await sup.screenshot({ path: join(screenshots, '31-supervisor-queued.png') });

  // presale2 comes online: the queue drains to them, and the dashboard says so.
  await driver.online('presale2', passwordOf('presale2'));
  await tile('presale').and(sup.locator('[data-queued="0"]')).waitFor({ timeout: soon });
  const presale2 = agentRow('presale2');
  await presale2.and(sup.locator('[data-presence="1"]')).waitFor({ timeout: soon });
  for (const c of [first, second]) await presale2.locator(`[data-conversation-id="${c.id}"]`).waitFor({ timeout: soon });

  // presale2 goes away: the table follows.
  await driver.setPresence('presale2', 'PRESENCE_AWAY');
  await presale2.and(sup.locator('[data-presence="2"]')).waitFor({ timeout: soon });

  // aftersale1 is online; the supervisor monitors the first conversation and reassigns it.
  await driver.online('aftersale1', passwordOf('aftersale1'));
  await agentRow('aftersale1').and(sup.locator('[data-presence="1"]')).waitFor({ timeout: soon });
  await presale2.locator(`[data-conversation-id="${first.id}"]`).click();
  const monitor = sup.locator(`[data-testid=monitor][data-conversation-id="${first.id}"]`);
  await monitor.locator('.msg[data-message-id]', { hasText: '请问有现货吗' }).waitFor({ timeout: soon });
  await sup.screenshot({ path: join(screenshots, '32-supervisor-monitor.png') });
  await sup.keyboard.press('Alt+r');
  await sup.locator('[data-testid=reassign-dialog]').waitFor({ timeout: soon });
  await sup.selectOption('[data-testid=reassign-agent]', 'aftersale1');
  await sup.screenshot({ path: join(screenshots, '33-supervisor-reassign.png') });
  await sup.click('[data-testid=reassign-confirm]');
  await driver.waitForFrame('aftersale1', 'conversationAssigned.conversation.id', first.id);
  await agentRow('aftersale1').locator(`[data-conversation-id="${first.id}"]`).waitFor({ timeout: soon });
  await presale2.locator(`[data-conversation-id="${first.id}"]`).waitFor({ state: 'detached', timeout: soon });
  await presale2.locator(`[data-conversation-id="${second.id}"]`).waitFor({ timeout: soon });

  // Joined, the supervisor writes to the buyer.
  await sup.click('[data-testid=join]');
  await monitor.and(sup.locator('[data-joined=true]')).waitFor({ timeout: soon });
  await monitor.locator('[data-testid=composer-input]').fill('您好，我是主管，马上为您处理。');
  await monitor.locator('[data-testid=composer-input]').press('Enter');
  await driver.waitForFrame('sup-buyer-a', 'message.message.text', '您好，我是主管，马上为您处理。');
  await sup.screenshot({ path: join(screenshots, '34-supervisor-joined.png') });
  assert.deepEqual(unexpectedErrors(), [], 'the page logged errors');
});

test('reports: a figure matches the figures API, drills down, and the CSV downloads', async () => {
  await sup.keyboard.press('Alt+2');
  await sup.locator('[data-testid=figures-table]').waitFor({ timeout: soon });
  const fromApi = JSON.parse(await api('GET', '/api/shops/demo/figures?by=day', supToken)).reports;
  const today = fromApi.at(-1);
  const receptions = sup.locator(`[data-testid=figures-table] tr[data-from="${today.from}"] [data-figure=receptions]`);
  await sup.waitForFunction(
    ([sel, want]) => document.querySelector(sel)?.textContent === want,
    [`[data-testid=figures-table] tr[data-from="${today.from}"] [data-figure=receptions]`, String(today.receptions ?? 0)],
    { timeout: soon },
  );
  assert.ok(Number(today.receptions) >= 2, `receptions today: ${today.receptions}`);
  await receptions.click();
  await sup.locator('[data-testid=drilldown][data-list=receptions]').waitFor({ timeout: soon });
  const listed = Number(await sup.locator('[data-testid=drilldown]').getAttribute('data-count'));
  assert.ok(listed >= Number(today.receptions), `drill-down lists ${listed} receptions`);
  // The list holds more than the figure counts (transfers in, first responses): the hint says
  // how many of its rows make the figure, and that number is the figure.
  const hint = await sup.locator('[data-testid=drilldown-hint]').innerText();
  assert.match(hint, new RegExp(`其中 ${Number(today.receptions)} 条为分配接入`), hint);
  await sup.screenshot({ path: join(screenshots, '35-supervisor-report.png') });

  const [download] = await Promise.all([sup.waitForEvent('download', { timeout: soon }), sup.click('[data-testid=figures-csv]')]);
  const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
  const fromApiCsv = (await api('GET', '/api/shops/demo/figures?by=day&format=csv', supToken)).replace(/^\uFEFF/, '');
  assert.equal(csv.split(/\r?\n/)[0], fromApiCsv.split(/\r?\n/)[0]);
  assert.match(csv.split(/\r?\n/)[0], /,/);

  await sup.keyboard.press('Alt+c');
  await sup.locator('[data-testid=scorecards] table').waitFor({ timeout: soon });
  await sup.screenshot({ path: join(screenshots, '36-supervisor-scorecards.png') });
});

test('configuration: a bad field is named, a stale save conflicts, a binding change routes the next buyer', async () => {
  await sup.keyboard.press('Alt+3');
  const form = sup.locator('[data-testid=settings]');
  await form.waitFor({ timeout: soon });
  const version = Number(await form.getAttribute('data-version'));
  await sup.screenshot({ path: join(screenshots, '37-supervisor-settings.png') });

  // A shift starting at 25:00 is refused, and the error stands beside that very field.
  const shifts = form.locator('[data-section=shifts]');
  const rows = await shifts.locator('input[name$=".start"]').count();
  await shifts.getByRole('button', { name: /添加/ }).click();
  await shifts.locator(`input[name="shifts[${rows}].id"]`).fill('bad');
  await shifts.locator(`input[name="shifts[${rows}].start"]`).fill('25:00');
  await shifts.locator(`input[name="shifts[${rows}].end"]`).fill('26:00');
  await sup.click('[data-testid=settings-save]');
  await form.locator(`[data-testid=field-error][data-field^="shifts[${rows}]"]`).waitFor({ timeout: soon });
  await sup.screenshot({ path: join(screenshots, '38-supervisor-settings-error.png') });
  await shifts.locator(`input[name="shifts[${rows}].id"]`).locator('xpath=ancestor::tr').getByRole('button').click();

  // Buyers without an order go to after-sale from now on.
  const bindings = form.locator('[data-section=bindings]');
  if ((await bindings.locator('select[name="bindings[none]"]').count()) === 0) {
    await bindings.locator('input[name=key]').fill('none');
    await bindings.locator('input[name=key]').press('Enter');
  }
  await bindings.locator('select[name="bindings[none]"]').selectOption('aftersale');
  await sup.click('[data-testid=settings-save]');
  await form.and(sup.locator(`[data-version="${version + 1}"]`)).waitFor({ timeout: soon });
  await sup.locator('[data-testid=change-log] li', { hasText: 'none' }).first().waitFor({ timeout: soon });

  // Someone else saves meanwhile: the page's next save is refused (409) and asks for a reload.
  const current = JSON.parse(await api('GET', '/api/shops/demo/settings', supToken));
  await api('PUT', '/api/shops/demo/settings', supToken, { ...current, waitAlertSeconds: 75 });
  await form.locator('input[name=waitAlertSeconds]').fill('90');
  await sup.click('[data-testid=settings-save]');
  await sup.locator('[data-testid=settings-conflict]').waitFor({ timeout: soon });
  await sup.screenshot({ path: join(screenshots, '38b-supervisor-settings-conflict.png') });
  await sup.locator('[data-testid=settings-conflict] button').click();
  await form.and(sup.locator(`[data-version="${version + 2}"]`)).waitFor({ timeout: soon });
  assert.equal(await form.locator('input[name=waitAlertSeconds]').inputValue(), '75');

  await driver.online('aftersale1', passwordOf('aftersale1'));
  const third = await driver.buyer('sup-buyer-c', '我还没下单，想咨询一下');
  await driver.waitForFrame('aftersale1', 'conversationAssigned.conversation.id', third.id);
  await sup.keyboard.press('Alt+2');
  await sup.keyboard.press('Alt+a');
  await sup.fill('[data-testid=audit-conversation]', third.id);
  await sup.click('[data-testid=audit-load]');
  const route = sup.locator('[data-testid=audit-entries] .audit-entry').first();
  await route.locator('[data-field=group]', { hasText: 'aftersale' }).waitFor({ timeout: soon });
  await route.locator('[data-field=agent]', { hasText: 'aftersale1' }).waitFor({ timeout: soon });
  await sup.screenshot({ path: join(screenshots, '39-supervisor-audit.png') });

  // "?" outside a text field lists the keys.
  await sup.evaluate(() => document.activeElement?.blur());
  await sup.keyboard.press('?');
  await sup.locator('[data-testid=shortcuts]').waitFor({ timeout: soon });
  assert.deepEqual(unexpectedErrors(), [], 'the page logged errors');
});
