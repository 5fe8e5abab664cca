// A simulated shop platform (R-ORDER-1): a day of realistic order events for a few buyers,
// signed as platforms sign them, posted in batches to POST /api/shops/{shop}/order-events.
// Orders are created, most are paid, most paid ones ship and complete; some are refunded or
// returned, some unpaid ones close. Like real platforms it delivers a few events late (after
// later ones of the same order) and a few twice. Node's own fetch and crypto; no packages.
//
// node scripts/lib/platform-sim.mjs --url URL --shop ID --secret S [--buyers N] [--orders N]
//   [--day YYYY-MM-DD] [--seed N] [--batch N] [--until-now]
// Prints what it sent and what the server stored; exits 1 on any answer but 200.
import { createHmac } from 'node:crypto';
import { parseArgs } from 'node:util';

const { values: opt } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:8080' },
    shop: { type: 'string', default: 'demo' },
    secret: { type: 'string' },
    buyers: { type: 'string', default: '8' },
    orders: { type: 'string', default: '24' },
    day: { type: 'string' },
    seed: { type: 'string', default: '1' },
    batch: { type: 'string', default: '20' },
    'buyer-prefix': { type: 'string', default: 'sim-buyer-' },
    quiet: { type: 'boolean', default: false },
  },
});
if (!opt.secret) {
  console.error('platform-sim: --secret (the shop\'s webhookSecret) is required');
  process.exit(2);
}

// A small deterministic generator (mulberry32): the same seed, the same day.
let seed = Number(opt.seed) >>> 0;
function random() {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];
const chance = (p) => random() < p;

const catalogue = [
  ['羊毛大衣', 'COAT-GREY-M', 59900],
  ['加绒卫衣', 'HOODIE-BLK-L', 15900],
  ['牛仔裤', 'JEANS-BLUE-30', 19900],
  ['羽绒服', 'DOWN-RED-M', 89900],
  ['针织围巾', 'SCARF-CREAM', 7900],
  ['运动鞋', 'SHOE-WHT-42', 39900],
  ['保温杯', 'CUP-500ML', 8900],
];
const couriers = ['顺丰', '中通', '圆通', '韵达', '京东物流'];
const names = ['王小明', '李娜', '张伟', '刘洋', '陈静', '杨帆', '赵磊', '黄婷'];
const cities = ['浙江省杭州市西湖区', '上海市浦东新区', '广东省深圳市南山区', '北京市朝阳区', '四川省成都市武侯区'];

// The simulated day: --day in Asia/Shanghai (UTC+8) from its midnight, or by default the 24
// hours up to now, so no event is from the future.
const dayStart = opt.day ? Date.parse(`${opt.day}T00:00:00+08:00`) : Date.now() - 24 * 3600e3;
if (Number.isNaN(dayStart)) {
  console.error(`platform-sim: --day ${opt.day} is not YYYY-MM-DD`);
  process.exit(2);
}
const dayText = new Date(dayStart + 8 * 3600e3).toISOString().slice(0, 10);
const rfc3339 = (ms) => new Date(ms).toISOString();

// Every event of every order, by the platform's time.
const events = [];
const buyers = Number(opt.buyers);
for (let n = 1; n <= Number(opt.orders); n += 1) {
  const buyer = `${opt['buyer-prefix']}${String(1 + ((n - 1) % buyers)).padStart(2, '0')}`;
  const orderId = `${dayText.replaceAll('-', '')}${String(Number(opt.seed) % 1000).padStart(3, '0')}${String(n).padStart(4, '0')}`;
  const lines = Array.from({ length: 1 + Math.floor(random() * 2) }, () => {
    const [title, sku, price] = pick(catalogue);
    return { title, sku, quantity: 1 + Math.floor(random() * 2), priceFen: price };
  });
  const amountFen = lines.reduce((sum, l) => sum + l.quantity * l.priceFen, 0);
  const contact = {
    name: pick(names),
    phone: `1${pick(['38', '39', '58', '86'])}${String(Math.floor(random() * 1e8)).padStart(8, '0')}`,
    address: `${pick(cities)}幸福路 ${1 + Math.floor(random() * 300)} 号`,
  };
  let at = dayStart + Math.floor(random() * 12 * 3600e3); // created in the first 12 hours
  const base = { orderId, buyerId: buyer, amountFen: String(amountFen), items: lines, contact };
  const add = (state, extra = {}) => {
    events.push({ ...base, ...extra, eventId: `${orderId}-${state}`, state, occurredAt: rfc3339(at), at });
  };
  add('UNPAID');
  if (!chance(0.85)) {
    at += 30 * 60e3;
    add('CLOSED'); // not paid within 30 minutes
    continue;
  }
  at += Math.floor(random() * 10 * 60e3);
  add('PAID');
  if (!chance(0.8)) continue; // waiting to ship
  at += Math.floor((1 + random() * 3) * 3600e3);
  const shipping = { courier: pick(couriers), trackingNumber: `SF${Math.floor(random() * 1e12)}` };
  add('SHIPPED', { shipping });
  if (chance(0.15)) {
    at += Math.floor((1 + random() * 2) * 3600e3);
    add('AFTER_SALE', { shipping, afterSaleKind: pick(['REFUND', 'RETURN', 'EXCHANGE']) });
  } else if (chance(0.5)) {
    at += Math.floor((1 + random() * 2) * 3600e3);
    add('COMPLETED', { shipping });
  }
}
events.sort((a, b) => a.at - b.at);

// Delivery as platforms do it: a few events late, a few twice.
const delivered = [];
for (const e of events) {
  if (chance(0.05) && delivered.length > 0) delivered.splice(delivered.length - 1, 0, e); // late
  else delivered.push(e);
  if (chance(0.03)) delivered.push(e); // again
}

async function post(batch) {
  const body = JSON.stringify({ events: batch.map(({ at, ...event }) => event) });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = createHmac('sha256', opt.secret).update(`${timestamp}.${body}`).digest('hex');
  const response = await fetch(`${opt.url}/api/shops/${encodeURIComponent(opt.shop)}/order-events`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Kefu-Timestamp': timestamp,
      'X-Kefu-Signature': `sha256=${signature}`,
    },
    body,
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${response.status} ${text}`);
  return JSON.parse(text);
}

let stored = 0;
let duplicates = 0;
let requests = 0;
const size = Math.max(1, Number(opt.batch));
try {
  for (let i = 0; i < delivered.length; i += size) {
    const answer = await post(delivered.slice(i, i + size));
    stored += answer.stored ?? 0;
    duplicates += answer.duplicates ?? 0;
    requests += 1;
  }
} catch (error) {
  console.error(`platform-sim: the server refused a batch: ${error.message}`);
  process.exit(1);
}
const states = {};
for (const e of events) states[e.state] = (states[e.state] ?? 0) + 1;
const summary = { day: dayText, shop: opt.shop, orders: Number(opt.orders), buyers, events: events.length,
  sent: delivered.length, requests, stored, duplicates, states };
console.log(opt.quiet ? JSON.stringify(summary) : `platform-sim: ${JSON.stringify(summary, null, 2)}`);
