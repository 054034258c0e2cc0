// html_page.mjs: opens an interactive map (incimap's .html) in Debian's
// chromium, headless, through the DevTools protocol over a pipe (no port, no
// npm package), and checks what tests/e2e/html_browser.sh asks of it.
// Usage: node html_page.mjs CHROMIUM PAGE.html CHECKS.json [SHOT.png]
// CHECKS.json: {"markers": N, "popup": {"id", "has": [text...], "href"},
//   "filter": {"type", "left": N}, "dates": {"from", "to", "left": N},
//   "title": T, "hostile": true, "shotPopup": true (the screenshot with the
//   popup open; else at the end)}
// Prints one line per check, "ok ..." or "FAIL ...", and exits 1 on a failure.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const [chromium, page, checksFile, shot] = process.argv.slice(2);
const checks = JSON.parse(readFileSync(checksFile, 'utf8'));
const profile = mkdtempSync(join(tmpdir(), 'incimap-chromium-'));
const args = ['--headless=new', '--disable-gpu', '--no-first-run', '--no-default-browser-check',
	'--disable-extensions', '--disable-background-networking', '--disable-sync',
	'--disable-dev-shm-usage', '--remote-debugging-pipe', `--user-data-dir=${profile}`,
	'--window-size=1400,900', 'about:blank'];
if (process.getuid && process.getuid() === 0) args.unshift('--no-sandbox');
// In a process group of its own, so that its helpers go with it.
const browser = spawn(chromium, args, { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'], detached: true });
let stderr = '';
browser.stderr.on('data', (d) => { stderr += d; });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let failed = 0;
function say(ok, what) {
	console.log(`${ok ? 'ok' : 'FAIL'} ${what}`);
	if (!ok) failed++;
}
async function cleanup() {
	if (browser.exitCode === null && browser.signalCode === null) {
		const gone = new Promise((r) => browser.once('exit', r));
		try { process.kill(-browser.pid, 'SIGKILL'); } catch (e) { browser.kill('SIGKILL'); }
		await Promise.race([gone, sleep(5000)]);
	}
	try {
		rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
	} catch (e) {
		// a helper still writing: the test's own folder goes at its end anyway
		console.error(`note: ${profile} not removed: ${e.code}`);
	}
}
const timer = setTimeout(async () => {
	console.log('FAIL the browser did not answer within 90 s');
	console.log(stderr.slice(-2000));
	await cleanup();
	process.exit(1);
}, 90000);

// The protocol: JSON messages separated by NUL, commands on fd 3, answers on fd 4.
const toBrowser = browser.stdio[3], fromBrowser = browser.stdio[4];
// The browser gone (it died starting, or was killed): say so with what it
// printed, instead of an unhandled stream error.
for (const p of [toBrowser, fromBrowser])
	p.on('error', async (e) => {
		console.log(`FAIL the browser's pipe: ${e.code || e.message}`);
		console.log(stderr.slice(-2000));
		await cleanup();
		process.exit(1);
	});
let nextId = 1, pending = new Map(), listeners = [], inbox = '';
fromBrowser.on('data', (d) => {
	inbox += d.toString('utf8');
	let z;
	while ((z = inbox.indexOf('\0')) >= 0) {
		const msg = JSON.parse(inbox.slice(0, z));
		inbox = inbox.slice(z + 1);
		if (msg.id && pending.has(msg.id)) {
			const { ok, no } = pending.get(msg.id);
			pending.delete(msg.id);
			msg.error ? no(new Error(JSON.stringify(msg.error))) : ok(msg.result);
		} else if (msg.method) {
			listeners.forEach((f) => f(msg));
		}
	}
});
function send(method, params = {}, sessionId) {
	const id = nextId++;
	const msg = { id, method, params };
	if (sessionId) msg.sessionId = sessionId;
	toBrowser.write(JSON.stringify(msg) + '\0');
	return new Promise((ok, no) => pending.set(id, { ok, no }));
}
function waitFor(method, sessionId) {
	return new Promise((ok) => {
		const f = (m) => {
			if (m.method === method && (!sessionId || m.sessionId === sessionId)) {
				listeners = listeners.filter((g) => g !== f);
				ok(m.params);
			}
		};
		listeners.push(f);
	});
}

async function main() {
	const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
	const { sessionId: s } = await send('Target.attachToTarget', { targetId, flatten: true });
	const errors = [], requests = [];
	listeners.push((m) => {
		if (m.sessionId !== s) return;
		if (m.method === 'Runtime.exceptionThrown')
			errors.push(m.params.exceptionDetails.exception?.description || JSON.stringify(m.params.exceptionDetails).slice(0, 500));
		if (m.method === 'Runtime.consoleAPICalled' && (m.params.type === 'error' || m.params.type === 'warning'))
			errors.push(m.params.args.map((a) => a.value ?? a.description).join(' '));
		if (m.method === 'Log.entryAdded' && m.params.entry.level === 'error')
			errors.push(m.params.entry.text + ' ' + (m.params.entry.url || ''));
		if (m.method === 'Network.requestWillBeSent') requests.push(m.params.request.url);
	});
	for (const d of ['Runtime', 'Log', 'Network', 'Page']) await send(`${d}.enable`, {}, s);
	const url = 'file://' + resolve(page);
	const loaded = waitFor('Page.loadEventFired', s);
	const started = Date.now();
	await send('Page.navigate', { url }, s);
	await loaded;
	async function js(expr) {
		const r = await send('Runtime.evaluate', { expression: expr, awaitPromise: true, returnByValue: true }, s);
		if (r.exceptionDetails) throw new Error(`${expr}: ${r.exceptionDetails.exception?.description}`);
		return r.result.value;
	}
	for (let i = 0; i < 100 && !(await js('!!(window.incimap && document.getElementById("im-counts"))')); i++)
		await sleep(100);
	if (!(await js('!!window.incimap')))
		throw new Error(`the page's script did not run: ${errors.join(' | ')}`);
	// What the map shows in view: single marks and the counts on clusters
	// (the layers on the map, not the DOM, where icons fade out a while).
	const shown = `(() => { let n = 0, marks = 0, clusters = 0;
		incimap.clusters._featureGroup.eachLayer(l => {
			if (l.getChildCount) { clusters++; n += l.getChildCount(); } else { marks++; n++; } });
		const dom = document.querySelectorAll('.im-cluster, .im-mark').length;
		return { n, marks, clusters, dom }; })()`;
	async function idle() {
		// markers being added, or a zoom still animating (the clusters are
		// remade at its end)
		const still = 'incimap.busy() || !!incimap.map._animatingZoom || !!incimap.clusters._inZoomAnimation';
		for (let i = 0; i < 600 && (await js(still)); i++) await sleep(100);
		await sleep(200);
	}
	await idle();
	if (checks.title !== undefined) {
		const t = await js('[document.title, document.querySelector("h1").textContent]');
		say(t[0] === checks.title && t[1] === checks.title, `title is the raw text (${JSON.stringify(t[0])})`);
	}
	if (checks.hostile) {
		const h = await js(`({ scripts: document.scripts.length, imgs: document.images.length,
			injected: document.querySelectorAll('[onerror],[onload],iframe,object,embed').length,
			pwned: window.__pwned === true })`);
		say(h.scripts === 4 && h.imgs === 0 && h.injected === 0 && !h.pwned,
			`no markup injected (scripts ${h.scripts}, images ${h.imgs}, handlers ${h.injected}, ran ${h.pwned})`);
	}
	if (checks.markers !== undefined) {
		const v = await js(shown);
		const total = await js('incimap.markers.length');
		say(total === checks.markers, `${total} incidents in the page (want ${checks.markers})`);
		say(v.n === checks.markers, `markers and clusters in view add up to ${v.n} (${v.marks} marks, ${v.clusters} clusters; want ${checks.markers})`);
		say(v.dom === v.marks + v.clusters, `${v.dom} symbols drawn for them`);
		if (checks.clusters !== undefined)
			say(v.clusters >= checks.clusters, `${v.clusters} clusters at the opening view (want at least ${checks.clusters})`);
	}
	if (checks.timing) {
		// From navigation to every marker in its cluster; then panning and zooming.
		const open = Date.now() - started;
		const pan = await js(`new Promise((ok) => {
			const m = incimap.map, t0 = performance.now(); let i = 0;
			const step = () => { if (i++ === 10) return ok((performance.now() - t0) / 10);
				m.panBy([160 * (i % 2 ? 1 : -1), 90], { animate: false });
				requestAnimationFrame(() => requestAnimationFrame(step)); };
			step(); })`);
		const zoom = await js(`new Promise((ok) => {
			const m = incimap.map, t0 = performance.now();
			m.once('zoomend', () => requestAnimationFrame(() => ok(performance.now() - t0)));
			m.setZoom(m.getZoom() + 2, { animate: false }); })`);
		const v = await js(shown);
		console.log(`timing open_ms=${open} pan_ms=${pan.toFixed(1)} zoom_ms=${zoom.toFixed(1)} clusters=${v.clusters} marks=${v.marks}`);
	}


	if (checks.popup) {
		const p = checks.popup;
		const text = await js(`new Promise((ok) => {
			const m = incimap.markers.find(x => x.imRec[17] === ${JSON.stringify(p.id)});
			if (!m) return ok(null);
			incimap.clusters.zoomToShowLayer(m, () => { m.openPopup();
				setTimeout(() => { const c = document.querySelector('.leaflet-popup-content');
					ok(c ? { text: c.textContent, href: [...c.querySelectorAll('a')].map(a => a.href),
						rtl: [...c.querySelectorAll('[dir=auto]')].length } : null); }, 300); });
		})`);
		say(!!text, `popup of ${p.id} opens`);
		if (text) {
			for (const h of p.has) say(text.text.includes(h), `popup shows ${JSON.stringify(h)}`);
			if (p.href !== undefined)
				say(JSON.stringify(text.href) === JSON.stringify(p.href), `popup links ${JSON.stringify(text.href)} (want ${JSON.stringify(p.href)})`);
		}
		if (checks.shotPopup && shot) {
			const { data } = await send('Page.captureScreenshot', { format: 'png' }, s);
			writeFileSync(shot, Buffer.from(data, 'base64'));
		}
		await js('incimap.map.closePopup(), incimap.map.fitBounds(incimap.clusters.getBounds(), {padding: [20, 20], animate: false}), 1');
		await idle();
	}
	if (checks.filter) {
		const f = checks.filter;
		const clicked = await js(`(() => { const b = [...document.querySelectorAll('.im-legend input')]
			.find(i => i.dataset.type === ${JSON.stringify(f.type)}); if (!b) return false; b.click(); return true; })()`);
		say(clicked, `the legend has a box for ${f.type}`);
		await idle();
		const v = await js(shown);
		const c = await js('+document.getElementById("im-counts").dataset.shown');
		say(v.n === f.left && c === f.left, `unticking ${f.type} leaves ${v.n} on the map, ${c} counted (want ${f.left})`);
		await js(`[...document.querySelectorAll('.im-legend input')].find(i => i.dataset.type === ${JSON.stringify(f.type)}).click(), 1`);
		await idle();
	}
	if (checks.dates) {
		const d = checks.dates;
		const day = (t) => Math.round(Date.parse(t + 'T00:00:00Z') / 86400000);
		await js(`(() => { const a = document.getElementById('im-date-from'), b = document.getElementById('im-date-to');
			a.value = ${day(d.from)}; b.value = ${day(d.to)}; a.dispatchEvent(new Event('input')); return 1; })()`);
		await idle();
		const v = await js(shown);
		const c = await js('+document.getElementById("im-counts").dataset.shown');
		say(v.n === d.left && c === d.left, `${d.from}..${d.to} leaves ${v.n} on the map, ${c} counted (want ${d.left})`);
	}
	if (shot && !checks.shotPopup) {
		const { data } = await send('Page.captureScreenshot', { format: 'png' }, s);
		writeFileSync(shot, Buffer.from(data, 'base64'));
	}
	// The page may not reach the network: its policy stops a fetch.
	const probe = await js(`new Promise((ok) => {
		let seen = false;
		document.addEventListener('securitypolicyviolation', () => { seen = true; });
		fetch('http://127.0.0.1:9/probe').then(() => ok('fetched'), () => setTimeout(() => ok(seen ? 'blocked' : 'failed'), 200));
	})`);
	say(probe === 'blocked', `a fetch from the page is blocked by its Content-Security-Policy (${probe})`);
	const others = requests.filter((u) => u !== url && !u.startsWith('data:') && !u.endsWith('/probe'));
	say(others.length === 0, `no network request (${others.length}: ${others.slice(0, 3).join(' ')})`);
	const real = errors.filter((e) => !/probe|Content Security Policy/.test(e));
	say(real.length === 0, `no console error (${real.length}: ${real.slice(0, 3).join(' | ')})`);
}

main().then(async () => {
	clearTimeout(timer);
	await cleanup();
	process.exit(failed ? 1 : 0);
}, async (e) => {
	clearTimeout(timer);
	console.log(`FAIL ${e.message}`);
	await cleanup();
	process.exit(1);
});
