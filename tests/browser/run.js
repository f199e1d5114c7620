#!/usr/bin/env node
/*
 * tests/browser/run.js — the addon's browser tests: Debian's chromium, headless, driven by
 * puppeteer-core against the harness's WHMCS admin area (tests/whmcs/admin/router.php on
 * PHP's built-in server, the real addon from modules/addons/qbosync) and the local sandbox
 * (QBO_SANDBOX_URL, started by script/test). Each test prints "ok - NAME" or
 * "not ok - NAME: why" (or "skip - NAME: why"); the last line is "browser: N passed,
 * N failed, N skipped". Screenshots of every page go to .work/browser/ (git-ignored).
 * Environment: QBO_SANDBOX_URL, QBOSYNC_EXTENSION (the built qbosync.so), CHROMIUM (/usr/bin/chromium).
 */
'use strict';
const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const path = require('path');
const puppeteer = require('puppeteer-core');

const ROOT = path.resolve(__dirname, '..', '..');
const EXT = process.env.QBOSYNC_EXTENSION || path.join(ROOT, 'modules', 'qbosync.so');
const SANDBOX = (process.env.QBO_SANDBOX_URL || '').replace(/\/$/, '');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SHOTS = process.env.QBOSYNC_SCREENSHOTS || path.join(ROOT, '.work', 'browser');
const WORK = fs.mkdtempSync(path.join(require('os').tmpdir(), 'qbosync-browser-'));
const ENV = Object.assign({}, process.env, {
  WHMCS_HARNESS_DB: path.join(WORK, 'whmcs.sqlite'),
  WHMCS_HARNESS_ROOT: WORK,
  QBO_SANDBOX_URL: SANDBOX,
});

const results = { passed: 0, failed: 0, skipped: 0 };
class Skip extends Error {}

function harness(...args) {
  const out = execFileSync('php', ['-d', 'extension=' + EXT, path.join(ROOT, 'tests/whmcs/admin/harness.php'), ...args],
    { env: ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = out.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
    s.on('error', reject);
  });
}

async function waitForPort(port, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const ok = await new Promise((resolve) => {
      const c = net.connect(port, '127.0.0.1', () => { c.end(); resolve(true); });
      c.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the admin area did not start on port ' + port);
}

async function test(name, fn) {
  try {
    await fn();
    results.passed++;
    console.log('ok - ' + name);
  } catch (e) {
    if (e instanceof Skip) {
      results.skipped++;
      console.log('skip - ' + name + ': ' + e.message);
    } else {
      results.failed++;
      console.log('not ok - ' + name + ': ' + (e && e.stack ? e.stack.split('\n').slice(0, 3).join(' | ') : e));
    }
  }
}

function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

async function main() {
  if (!SANDBOX) throw new Error('QBO_SANDBOX_URL is not set: run through script/test');
  fs.mkdirSync(SHOTS, { recursive: true });
  const port = await freePort();
  const base = 'http://127.0.0.1:' + port;
  const admin = base + '/admin/addonmodules.php?module=qbosync';
  const realm = harness('company', 'Browser Test Co').realm;
  harness('seed', '6');   // the history that was in WHMCS before the addon
  harness('setup', base, SANDBOX, path.join(WORK, 'qbosync.sqlite'));
  const server = spawn('php', ['-d', 'extension=' + EXT, '-d', 'display_errors=1', '-d', 'log_errors=1', '-d', 'error_reporting=-1', '-S', '127.0.0.1:' + port, path.join(ROOT, 'tests/whmcs/admin/router.php')],
    { env: ENV, stdio: ['ignore', 'ignore', fs.openSync(path.join(WORK, 'server.log'), 'a')], detached: true });
  let browser;
  try {
    await waitForPort(port, 10000);
    browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'] });
    const page = await browser.newPage();
    await page.setViewport({ width: 1100, height: 760 });
    page.setDefaultTimeout(20000);
    const dialogs = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); d.accept(); });
    const shot = (name) => page.screenshot({ path: path.join(SHOTS, name + '.png'), fullPage: true });
    const text = () => page.evaluate(() => document.body.innerText);
    const go = async (p, q = '') => {
      await page.goto(admin + '&page=' + p + q, { waitUntil: 'domcontentloaded' });
      const t = await text();
      assert(!/Fatal error|Warning:|Notice:|Deprecated:|Uncaught/.test(t), p + ' shows a PHP error: ' + t.slice(0, 400));
      return t;
    };
    const clickAndWait = (sel) => Promise.all([page.waitForNavigation({ waitUntil: 'domcontentloaded' }), page.click(sel)]);
    // fills a picker: a select (choose the option) or the Id field of a build without qbo_reference
    const pick = async (name, value) => {
      const tag = await page.$eval('[name="' + name + '"]', (el) => el.tagName);
      if (tag === 'SELECT') {
        await page.select('[name="' + name + '"]', value);
      } else {
        await page.type('[name="' + name + '"]', value);
      }
    };
    const entity = async (kind, id) => page.evaluate((k, i) => {
      const row = document.getElementById('qs-row-' + k + '-' + i);
      return row ? { state: row.getAttribute('data-state'), reason: (row.querySelector('.qs-reason') || {}).innerText || '' } : null;
    }, kind, id);

    await test('an admin who is not logged in gets the login page, not the addon', async () => {
      await page.goto(admin + '&page=overview', { waitUntil: 'domcontentloaded' });
      assert(/\/admin\/login\.php/.test(page.url()), 'not redirected to the login: ' + page.url());
      assert(!(await page.$('#qbosync')), 'the addon rendered for a visitor');
      await page.type('[name=username]', 'admin');
      await page.type('[name=password]', 'admin');
      await clickAndWait('#login button');
      assert(await page.$('#qbosync'), 'the addon did not render after the login');
    });

    await test('Overview before connecting says Not Connected and offers to connect', async () => {
      const t = await go('overview');
      assert(/Not Connected/.test(t), 'no Not Connected: ' + t.slice(0, 300));
      await shot('01-overview-not-connected');
    });

    await test('connect through the sandbox consent page (OAuth redirect)', async () => {
      await go('settings');
      await clickAndWait('#qs-connect');
      assert(page.url().startsWith(SANDBOX + '/connect/oauth2'), 'not at the consent page: ' + page.url());
      await page.click('input[name=realm][value="' + realm + '"]');
      await shot('02-sandbox-consent');
      await clickAndWait('#connect');   // consent → redirect_uri (the addon's callback) → Settings
      const t = await text();
      assert(/Connected to QuickBooks/.test(t), 'no success message: ' + t.slice(0, 400));
      assert(/Active/.test(await page.$eval('#qs-conn-status', (e) => e.innerText)), 'status is not Active');
      await shot('03-settings-connected');
    });

    await test('map a gateway to a payment method and a deposit account', async () => {
      await go('mappings', '&section=gateways');
      await pick('map[payment_method|stripe]', 'create');
      // the deposit account: the first Bank account the picker offers (searched by its type)
      const dep = await page.$eval('[name="map[account|stripe|deposit]"]', (el) => {
        if (el.tagName !== 'SELECT') return null;
        const o = Array.from(el.options).find((x) => x.value && /\(Bank\)/.test(x.text));
        return o ? { value: o.value, name: o.text.replace(/ \(Bank\)$/, '') } : null;
      });
      assert(dep, 'the deposit picker offers no Bank account');
      await page.type('tr[data-gateway=stripe] td:nth-child(3) .qs-pick-search', dep.name);
      assert(await page.$eval('[name="map[account|stripe|deposit]"]', (el) => el.value) === dep.value, 'the search did not pick the account');
      await clickAndWait('#qs-save-map');
      const t = await text();
      assert(/Gateway stripe is mapped to stripe/.test(t), 'no mapping message: ' + t.slice(0, 500));
      assert(t.includes('Account stripe is mapped to ' + dep.name), 'no deposit mapping message: ' + t.slice(0, 500));
      const cell = await page.$eval('tr[data-gateway=stripe]', (e) => e.innerText);
      assert(/stripe\s+#\d+/.test(cell) && cell.includes(dep.name), 'the gateway row does not show its mappings: ' + cell);
      await shot('04-mappings-gateway');
    });

    await test('Accounts: create the income account, refunds from the payments\' account', async () => {
      await go('accounts');
      await clickAndWait('#qs-accounts button[value=create][onclick*="income"]');
      let t = await text();
      assert(/Account WHMCS Sales( \d)? \(#\d+\) created and mapped/.test(t), 'no account created: ' + t.slice(0, 500));
      const bank = await page.$eval('[name=acc_deposit]', (el) => {
        const o = Array.from(el.options || []).find((x) => x.value && /\(Bank\)/.test(x.text));
        return o ? { value: o.value, name: o.text.replace(/ \(Bank\)$/, '') } : null;
      });
      assert(bank, 'no Bank account offered for payments');
      await page.select('[name=acc_deposit]', bank.value);
      await page.click('[name=refund_same]');
      await clickAndWait('#qs-accounts button[value=save]');
      t = await text();
      assert(t.includes('Payments (deposit to): ' + bank.name) && t.includes('Refunds (paid from): ' + bank.name), 'not mapped: ' + t.slice(0, 600));
      await shot('04b-accounts');
    });

    await test('push history and watch the progress reach 100 %', async () => {
      const t = await go('push');
      if (/not available in this build/.test(t)) throw new Skip('qbo_history is not in this build');
      await clickAndWait('#qs-push');
      await page.waitForSelector('#qs-progress:not([hidden])');
      // a reload while it runs keeps the progress window
      await page.reload({ waitUntil: 'domcontentloaded' });
      await page.waitForSelector('#qs-progress:not([hidden])');
      const seen = new Set();
      await page.waitForFunction((seenList) => {
        const bar = document.getElementById('qs-bar');
        return bar.getAttribute('data-pct') === '100' && bar.getAttribute('data-state') === 'done';
      }, { timeout: 90000, polling: 100 }, [...seen]);
      const fig = await page.$eval('#qs-counts', (e) => e.innerText);
      const created = Number((/Created: (\d+)/.exec(fig) || [])[1]);
      // 6 clients, their 6 invoices and 6 payments (the history seeded before the addon) at least
      assert(created >= 18, 'created ' + created + ': ' + fig);
      assert(/Errors: 0/.test(fig), 'errors: ' + fig);
      await shot('05-push-100');
      const ov = await go('overview');
      assert(/Client\s+\d+\s+[1-9]/.test(ov), 'the overview shows no synced clients: ' + ov.slice(0, 600));
    });

    let itemA, itemB, invoice;
    await test('a failing invoice shows its reason with QuickBooks\' code and what to do', async () => {
      itemA = harness('qbo-item', realm, 'Hosting plan A').id;
      itemB = harness('qbo-item', realm, 'Hosting plan B').id;
      await go('mappings', '&section=products');
      if (await page.$('#qs-refresh')) await clickAndWait('#qs-refresh');   // the picker lists what QuickBooks holds now
      await pick('map[item|whmcs-hosting]', itemA);
      await clickAndWait('#qs-save-map');
      assert(/Item whmcs-hosting is mapped to Hosting plan A/.test(await text()), 'the item mapping failed');
      harness('qbo-deactivate', realm, itemA);   // an accountant makes the item inactive in QuickBooks
      const client = harness('client', 'Grace', '<script>window.__xss=1</script>', 'grace@example.com').id;
      invoice = harness('invoice', String(client), '25.00', 'stripe').id;
      await go('entities', '&kind=invoice&state=Error');
      const e = await entity('invoice', invoice);
      assert(e && e.state === 'Error', 'invoice ' + invoice + ' is not in Error: ' + JSON.stringify(e));
      await page.click('#qs-row-invoice-' + invoice + ' details summary');
      const full = await page.$eval('#qs-row-invoice-' + invoice + ' .qs-reason', (el) => el.innerText);
      assert(/made inactive/.test(full), 'the reason does not say why: ' + full);
      assert(/QuickBooks code:\s*2500/.test(full), 'no QuickBooks code: ' + full);
      assert(/What to do:.*map another one/.test(full), 'no advice: ' + full);
      await shot('06-entities-error-reason');
      // Dismiss sets it aside; Undismiss sends it again (still failing: the item is still inactive)
      await clickAndWait('#qs-row-invoice-' + invoice + ' button[value=dismiss]');
      let d = await entity('invoice', invoice);
      if (!d) { await go('entities', '&kind=invoice'); d = await entity('invoice', invoice); }
      assert(d && d.state === 'Dismissed', 'not Dismissed: ' + JSON.stringify(d));
      await go('entities', '&kind=invoice');
      await clickAndWait('#qs-row-invoice-' + invoice + ' button[value=undismiss]');
      await go('entities', '&kind=invoice');
      d = await entity('invoice', invoice);
      assert(d && d.state === 'Error', 'not back in Error after Undismiss: ' + JSON.stringify(d));
    });

    await test('fix the mapping, Resend, see it Synced', async () => {
      assert(invoice, 'no failing invoice');
      await go('mappings', '&section=products');
      await pick('map[item|whmcs-hosting]', itemB);
      await clickAndWait('#qs-save-map');
      await go('entities', '&kind=invoice');
      await clickAndWait('#qs-row-invoice-' + invoice + ' button.qs-resend');
      const e = await entity('invoice', invoice);
      assert(e && e.state === 'Synced', 'not Synced after Resend: ' + JSON.stringify(e) + ' ' + (await text()).slice(0, 400));
      await shot('07-entities-resent-synced');
    });

    await test('a POST without the CSRF token is refused and changes nothing', async () => {
      assert(invoice, 'no invoice');
      const r = await page.evaluate(async (url, id) => {
        const body = new URLSearchParams({ action: 'dismiss', kind: 'invoice', id: String(id) });
        const res = await fetch(url, { method: 'POST', body, credentials: 'same-origin' });
        return { status: res.status, text: await res.text() };
      }, admin + '&page=entities', invoice);
      assert(r.status === 403, 'status ' + r.status);
      assert(/security token is missing/.test(r.text), 'no refusal text');
      await go('entities', '&kind=invoice');
      const e = await entity('invoice', invoice);
      assert(e && e.state === 'Synced', 'the forged post changed the record: ' + JSON.stringify(e));
    });

    await test('a client name with <script> is shown as text, never run', async () => {
      await page.evaluate(() => { window.__xss = undefined; });
      const t = await go('mappings', '&section=clients&q=Grace');
      assert(t.includes('<script>window.__xss=1</script>'), 'the name is not shown as text: ' + t.slice(0, 600));
      assert(await page.evaluate(() => window.__xss === undefined), 'the script ran');
      const scripts = await page.$$eval('script', (s) => s.filter((x) => x.textContent.includes('__xss')).length);
      assert(scripts === 0, 'a script element carries the name');
      await shot('08-mappings-clients-escaped');
    });

    await test('Connect Customer: a client connected to a QuickBooks customer found by search', async () => {
      const qboId = harness('qbo-customer', realm, 'Connie Handmade', 'connie.qbo@example.com').id;
      const client = harness('client', 'Connie', 'Whmcs', 'connie.whmcs@example.com').id;
      await go('entities', '&kind=customer&id=' + client);
      await page.click('#qs-row-customer-' + client + ' details.qs-connect summary');
      await page.type('#qs-row-customer-' + client + ' .qs-pick-search', 'Connie');
      await page.waitForFunction((id, q) => {
        const sel = document.querySelector('#qs-row-customer-' + id + ' select[name=qbo_id]');
        return sel && sel.value === q;
      }, { timeout: 10000 }, client, String(qboId));
      await shot('09-connect-customer');
      await clickAndWait('#qs-row-customer-' + client + ' details.qs-connect button[type=submit]');
      const t = await text();
      assert(t.includes('Client ' + client + ' is connected to QuickBooks customer ' + qboId + ' Connie Handmade'), 'not connected: ' + t.slice(0, 500));
    });

    await test('Pull reads QuickBooks back and Reconciliation compares the books', async () => {
      let t = await go('pull');
      if (/not available in this build/.test(t)) throw new Skip('qbo_pull is not in this build');
      await clickAndWait('#qs-pull');
      t = await text();
      assert(/Pulled .*Client: \d+/.test(t), 'no pull result: ' + t.slice(0, 500));
      await shot('10-pull');
      const today = new Date().toISOString().slice(0, 10);
      t = await go('reconcile', '&from=2000-01-01&to=' + today + '&run=1');
      if (/not available in this build/.test(t)) throw new Skip('qbo_reconcile is not in this build');
      const row = await page.$$eval('#qs-reconcile tr', (rows) => rows.map((r) => r.innerText));
      const inv = row.find((r) => /^Invoice/.test(r)) || '';
      const cells = inv.split('\t');
      assert(cells.length >= 5 && cells[1] === cells[3] && cells[2] === cells[4] && Number(cells[1]) >= 7,
        'invoices do not reconcile: ' + JSON.stringify(row));
      await shot('11-reconcile');
    });

    await test('Settings & Logs: the log filtered to QuickBooks exchanges, by intuit_tid, paged, with an expandable body', async () => {
      await go('settings');
      assert(await page.$('#qs-log-filter [name="log_tid"]') && await page.$('#qs-log-filter [name="log_code"]'), 'no log filters');
      await page.select('#qs-log-filter [name="log_type"]', 'exchange');
      await clickAndWait('#qs-log-filter button');
      const rows = await page.$$eval('#qs-log tr[class^="qs-log-"]', (trs) => trs.map((tr) => ({
        type: tr.className, tid: (tr.querySelector('.qs-log-tid') || {}).innerText || '', text: tr.innerText })));
      assert(rows.length > 0, 'no exchanges listed');
      assert(rows.every((r) => r.type === 'qs-log-exchange'), 'a decision among the exchanges: ' + JSON.stringify(rows.slice(0, 3)));
      assert(rows.every((r) => / → \d{3}/.test(r.text)), 'an exchange without its status: ' + JSON.stringify(rows.slice(0, 3)));
      const withTid = rows.find((r) => r.tid.trim() !== '');
      assert(withTid, 'no exchange shows an intuit_tid');
      await shot('12-log-exchanges');
      // one intuit_tid: exactly that exchange
      await page.$eval('#qs-log-filter [name="log_tid"]', (el, v) => { el.value = v; }, withTid.tid.trim());
      await clickAndWait('#qs-log-filter button');
      const one = await page.$$eval('#qs-log tr[class^="qs-log-"] .qs-log-tid', (tds) => tds.map((td) => td.innerText.trim()));
      assert(one.length === 1 && one[0] === withTid.tid.trim(), 'the intuit_tid filter gave ' + JSON.stringify(one));
      // paging: ten rows a page, the next page starts after them
      await go('settings', '&log_limit=10');
      const first = await page.$$eval('#qs-log tr[class^="qs-log-"]', (trs) => trs.map((tr) => tr.innerText));
      const older = await page.$('#qs-log-pager a.qs-log-older');
      if (older) {
        await Promise.all([page.waitForNavigation({ waitUntil: 'domcontentloaded' }), older.click()]);
        const second = await page.$$eval('#qs-log tr[class^="qs-log-"]', (trs) => trs.map((tr) => tr.innerText));
        assert(first.length === 10 && second.length > 0 && !second.some((r) => first.includes(r)), 'page 2 repeats page 1');
        assert(await page.$('#qs-log-pager a.qs-log-newer'), 'no link back to the newer page');
      }
      // a failed exchange's body opens on a click, its text escaped (no markup from QuickBooks' answer)
      await go('settings', '&log_level=warn&log_type=exchange');
      const det = await page.$('#qs-log details.qs-log-body');
      if (det) {
        await page.click('#qs-log details.qs-log-body summary');
        const open = await page.$eval('#qs-log details.qs-log-body', (d) => d.open && d.querySelector('pre').innerText.length > 0);
        assert(open, 'the body did not open');
        await shot('13-log-body');
      }
      const html = await page.content();
      assert(!html.includes('qbosync-sandbox-secret'), 'a secret is rendered in the log');
    });

    await test('Connect Customer with a start date: older invoices Skipped with the reason, newer ones Synced; an earlier date sends the older one', async () => {
      const day = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
      const start = day(-10);
      const qboId = String(harness('qbo-customer', realm, 'Dana <b>Books</b>', 'dana.qbo@example.com').id);
      const client = harness('client', 'Dana', 'Start', 'dana.start@example.com').id;
      const row = '#qs-row-customer-' + client;
      await go('entities', '&kind=customer&id=' + client);
      await page.click(row + ' details.qs-connect summary');
      await page.type(row + ' .qs-pick-search', 'Dana');
      await page.waitForFunction((sel, q) => {
        const el = document.querySelector(sel + ' select[name=qbo_id]');
        return el && el.value === q;
      }, { timeout: 10000 }, row, qboId);
      await page.$eval(row + ' input[name=start_date]', (el, v) => { el.value = v; }, start);
      await shot('14-connect-customer-start-date');
      await clickAndWait(row + ' details.qs-connect button[type=submit]');
      let t = await text();
      assert(t.includes('Client ' + client + ' is connected to QuickBooks customer ' + qboId + ' Dana <b>Books</b>. Its records dated before '
        + start + ' are not sent to QuickBooks'), 'not connected with the date (or the name not escaped): ' + t.slice(0, 600));
      // WHMCS invoices of that client, one dated before the start date and one after it
      const oldInv = harness('invoice', String(client), '30.00', 'stripe', day(-20)).id;
      const newInv = harness('invoice', String(client), '40.00', 'stripe', day(0)).id;
      await go('entities', '&kind=invoice&id=' + newInv);
      const n = await entity('invoice', newInv);
      assert(n && n.state === 'Synced', 'the newer invoice is not Synced: ' + JSON.stringify(n));
      const newQbo = await page.$eval('#qs-row-invoice-' + newInv + ' td:nth-child(5)', (e) => e.innerText.trim());
      const inQbo = harness('qbo-get', realm, 'Invoice', newQbo);
      assert(inQbo.Invoice && String(inQbo.Invoice.CustomerRef.value) === qboId, 'QuickBooks holds it for another customer: ' + JSON.stringify(inQbo).slice(0, 300));
      await go('entities', '&kind=invoice&id=' + oldInv);
      await page.click('#qs-row-invoice-' + oldInv + ' details summary');
      const o = await entity('invoice', oldInv);
      assert(o && o.state === 'Skipped', 'the older invoice is not Skipped: ' + JSON.stringify(o));
      assert(o.reason.includes('before the start date ' + start + ' set when connecting customer ' + client + " to QuickBooks customer 'Dana <b>Books</b>'"),
        'the reason does not name the start date: ' + o.reason);
      assert(/What to do:.*move or clear the start date/.test(o.reason), 'no advice: ' + o.reason);
      await shot('15-entities-skipped-by-start-date');
      // an earlier date (the same connection kept): the older invoice goes to QuickBooks
      await go('entities', '&kind=customer&id=' + client);
      await page.click(row + ' details.qs-connect summary');
      const shown = await page.$eval(row + ' input[name=start_date]', (el) => el.value);
      assert(shown === start, 'the form does not show the start date: ' + shown);
      assert(await page.$eval(row + ' input[name=mode][value=keep]', (el) => el.checked), '"keep this connection" is not the default');
      await page.$eval(row + ' input[name=start_date]', (el, v) => { el.value = v; }, day(-30));
      await clickAndWait(row + ' details.qs-connect button[type=submit]');
      t = await text();
      assert(t.includes('(0 now skipped, 1 queued)'), 'the older invoice was not queued: ' + t.slice(0, 600));
      await go('entities', '&kind=invoice&id=' + oldInv);
      const o2 = await entity('invoice', oldInv);
      assert(o2 && o2.state === 'Synced', 'the older invoice is not Synced after the earlier date: ' + JSON.stringify(o2));
    });

    await test('Push: a long history push survives a reload mid-run, is cancelled, its counts stop and the store keeps what was done', async () => {
      const total = async (q) => {
        await go('entities', q);
        const m = /of ([\d,]+)/.exec(await page.$eval('.qs-pager', (e) => e.innerText));
        return m ? Number(m[1].replace(/,/g, '')) : 0;
      };
      const syncedBefore = await total('&kind=customer&state=Synced');
      harness('seed', '40');            // more WHMCS history from before the addon (no hooks)
      harness('latency', realm, '300'); // each QuickBooks call answered 300 ms later: long enough to cancel
      try {
        await go('push');
        await clickAndWait('#qs-push');
        await page.waitForSelector('#qs-progress:not([hidden])');
        const figures = () => page.$eval('#qs-figures', (e) => e.innerText);
        const doneOf = (f) => Number((/: (\d+) \//.exec(f) || [])[1] || 0);
        await page.waitForFunction(() => /: [1-9]\d* \//.test(document.getElementById('qs-figures').innerText), { timeout: 30000, polling: 100 });
        const beforeReload = doneOf(await figures());
        await page.reload({ waitUntil: 'domcontentloaded' });
        await page.waitForSelector('#qs-progress:not([hidden])');
        const afterReload = await figures();
        assert(doneOf(afterReload) >= beforeReload, 'the progress went back after the reload: ' + beforeReload + ' then ' + afterReload);
        assert(await page.$eval('#qs-bar', (e) => e.getAttribute('data-state')) === 'running', 'not running after the reload');
        assert(!(await page.$eval('#qs-cancel', (e) => e.hidden)), 'no Cancel while it runs');
        await shot('16-push-running-after-reload');
        await clickAndWait('#qs-cancel');
        let t = await text();
        assert(/The push is cancelled/.test(t), 'no cancel message: ' + t.slice(0, 400));
        await page.waitForFunction(() => document.getElementById('qs-bar').getAttribute('data-state') === 'cancelled', { timeout: 10000 });
        const snap = () => page.evaluate(() => document.getElementById('qs-figures').innerText.replace(/ · Rate.*/, '') + ' | '
          + document.getElementById('qs-counts').innerText);
        const first = await snap();
        const pct = Number(await page.$eval('#qs-bar', (e) => e.getAttribute('data-pct')));
        assert(pct < 100, 'a cancelled push shows ' + pct + ' %');
        assert(await page.$eval('#qs-cancel', (e) => e.hidden), 'Cancel still offered');
        await shot('17-push-cancelled');
        await new Promise((r) => setTimeout(r, 2500));
        await page.reload({ waitUntil: 'domcontentloaded' });
        await page.waitForSelector('#qs-progress:not([hidden])');
        const later = await snap();
        assert(later === first, 'the counts moved after the cancel: ' + first + ' then ' + later);
        const done = doneOf(first), all = Number((/\/ (\d+)/.exec(first) || [])[1] || 0);
        assert(done > 0 && done < all, 'done ' + done + ' of ' + all + ': ' + first);
        const created = Number((/Created: (\d+)/.exec(first) || [])[1] || 0);
        const syncedAfter = await total('&kind=customer&state=Synced');
        assert(created > 0 && syncedAfter > syncedBefore, 'the store shows nothing done: ' + syncedBefore + ' then ' + syncedAfter + ' synced clients, ' + first);
        await shot('18-entities-after-cancel');
      } finally {
        harness('latency', realm, '0');
      }
    });

    await test('every page renders for the admin (screenshots)', async () => {
      const pages = ['overview', 'entities', 'mappings', 'accounts', 'push', 'pull', 'reconcile', 'settings'];
      for (const [i, p] of pages.entries()) {
        await go(p);
        assert(await page.$('#qbosync .qs-nav a.qs-current'), p + ' has no navigation');
        await shot('page-' + String(i + 1).padStart(2, '0') + '-' + p);
      }
      const html = await page.content();
      assert(!html.includes('qbosync-sandbox-secret') && !html.includes('5a5a5a5a5a5a'), 'a secret is rendered');
    });
  } finally {
    if (browser) await browser.close();
    try { process.kill(-server.pid, 'SIGTERM'); } catch (e) { /* already gone */ }
  }
}

main().catch((e) => {
  results.failed++;
  console.log('not ok - the browser run: ' + (e && e.stack ? e.stack.split('\n').slice(0, 4).join(' | ') : e));
}).finally(() => {
  console.log('screenshots: ' + SHOTS);
  console.log(`browser: ${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped`);
  if (!process.env.QBOSYNC_KEEP_WORK) fs.rmSync(WORK, { recursive: true, force: true });
  else console.log('work: ' + WORK);
  process.exitCode = results.failed ? 1 : 0;
});
