/* map.js: the interactive map's own script (src/render/html.c inlines it).
 * It reads the page's data block (written by incimap: the symbology table,
 * the base map, the incidents) and draws them with Leaflet and its
 * marker-cluster plug-in: a popup per incident, clusters that open on click,
 * filters by type and by date that update the map and the counts.
 * User text only ever reaches the page as text (textContent), never as
 * markup. */
(function () {
	'use strict';

	/* The data block: JSON, or for a big map the JSON gzip-compressed in
	 * base64, which the browser inflates itself (DecompressionStream). */
	function readData(then) {
		var block = document.getElementById('im-data');
		if (block.type === 'application/json') return then(JSON.parse(block.textContent));
		var bin = atob(block.textContent.trim()), bytes = new Uint8Array(bin.length);
		for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
		var text = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
		new Response(text).text().then(function (t) { then(JSON.parse(t)); }, function (e) {
			document.getElementById('controls').textContent =
				'This browser cannot open a map this big (' + e + '): use a current one.';
		});
	}

	readData(function (D) {
		var S = D.strings;
		var PX_PER_MM = 96 / 25.4;
		var PRECISION = ['', 'the place itself', 'near the place or part of it',
			'the province or region only'];
		var TIME_PRECISION = ['', 'the day', 'the week, or approximate', 'the month or vaguer'];

		function str(i) { return i >= 0 ? S[i] : ''; }

		function el(tag, cls, text) {
			var e = document.createElement(tag);
			if (cls) e.className = cls;
			if (text !== undefined && text !== null) {
				e.textContent = String(text);
				e.dir = 'auto';
			}
			return e;
		}

		function ymd(d) {
			var s = String(d);
			return s.slice(0, 4) + '-' + s.slice(4, 6) + '-' + s.slice(6, 8);
		}

		/* Days since 1970 of a yyyymmdd number, for the date slider. */
		function dayOf(d) {
			return Math.round(Date.UTC(Math.floor(d / 10000), Math.floor(d / 100) % 100 - 1,
				d % 100) / 86400000);
		}

		function dayText(n) {
			return new Date(n * 86400000).toISOString().slice(0, 10);
		}

		/* ---- symbols: the shapes, colours and sizes of the PNG's table ---- */

		function sizeMm(fat) {
			var t = D.sizes;
			return t[Math.max(0, Math.min(fat === null ? 0 : fat, t.length - 1))];
		}

		function symbolSvg(style, mm, open) {
			var st = D.styles[style];
			var d = mm * PX_PER_MM;
			var edge = (open ? D.edge.open_mm : D.edge.mm) * PX_PER_MM;
			var box = Math.ceil(d + 2 * edge + 2);
			var c = box / 2;
			var pts = st.shape.map(function (p) {
				return (c + p[0] * d).toFixed(1) + ',' + (c + p[1] * d).toFixed(1);
			}).join(' ');
			var fill = open ? '#ffffff' : st.color;
			var stroke = open ? st.color : D.edge.color;
			return {
				size: box,
				html: '<svg xmlns="http://www.w3.org/2000/svg" width="' + box + '" height="' +
					box + '"><polygon points="' + pts + '" fill="' + fill + '" stroke="' +
					stroke + '" stroke-width="' + edge.toFixed(2) + '"/></svg>'
			};
		}

		var iconCache = {};
		function iconFor(r) {
			var open = r[11] >= 3;
			var mm = sizeMm(r[12]);
			var key = r[2] + ':' + mm + ':' + open;
			if (!iconCache[key]) {
				var s = symbolSvg(r[2], mm, open);
				iconCache[key] = L.divIcon({
					html: s.html, className: 'im-mark', iconSize: [s.size, s.size],
					popupAnchor: [0, -s.size / 2]
				});
			}
			return iconCache[key];
		}

		/* A cluster: a white disc with the count, ringed by its types' shares
		 * in legend order, clockwise from the top (as the PNG draws them). */
		function clusterIcon(cluster) {
			var kids = cluster.getAllChildMarkers();
			var n = kids.length, counts = D.styles.map(function () { return 0; });
			kids.forEach(function (m) { counts[m.options.imStyle]++; });
			var size = Math.round(26 + 8 * Math.log10(n));
			var r = size / 2 - 3, c = size / 2, circ = 2 * Math.PI * r, at = 0;
			var ring = '';
			counts.forEach(function (k, i) {
				if (!k) return;
				var len = circ * k / n;
				ring += '<circle cx="' + c + '" cy="' + c + '" r="' + r.toFixed(1) +
					'" fill="none" stroke="' + D.styles[i].color + '" stroke-width="5"' +
					' stroke-dasharray="' + len.toFixed(2) + ' ' + (circ - len).toFixed(2) +
					'" stroke-dashoffset="' + (circ / 4 - at).toFixed(2) + '"/>';
				at += len;
			});
			return L.divIcon({
				html: '<svg xmlns="http://www.w3.org/2000/svg" width="' + size + '" height="' +
					size + '"><circle cx="' + c + '" cy="' + c + '" r="' + (r - 2).toFixed(1) +
					'" fill="#ffffff"/>' + ring + '<text x="' + c + '" y="' + c +
					'" dy="0.35em" text-anchor="middle">' + n + '</text></svg>',
				className: 'im-cluster', iconSize: [size, size]
			});
		}

		/* ---- the popup: built as elements, every string as text ---- */

		function row(dl, term, value) {
			if (value === '' || value === null || value === undefined) return;
			dl.appendChild(el('dt', null, term));
			var dd = el('dd');
			if (value instanceof Node) dd.appendChild(value);
			else { dd.textContent = String(value); dd.dir = 'auto'; }
			dl.appendChild(dd);
		}

		function figure(n) { return n === null ? 'not reported' : String(n); }

		function sourceItem(i) {
			var s = D.sources[i]; /* [title, url, file, date] as string indices */
			var li = el('li');
			var title = str(s[0]) || str(s[1]) || str(s[2]) || 'report';
			var url = str(s[1]);
			if (/^https?:\/\//i.test(url)) {
				var a = el('a', null, title);
				a.href = url;
				a.target = '_blank';
				a.rel = 'noopener noreferrer';
				li.appendChild(a);
			} else {
				li.appendChild(el('span', null, title));
				if (str(s[2]) && str(s[2]) !== title) li.appendChild(el('span', 'im-file', ' ' + str(s[2])));
			}
			if (str(s[3])) li.appendChild(el('span', 'im-muted', ' (' + str(s[3]) + ')'));
			return li;
		}

		function popup(r) {
			var box = el('div', 'im-popup');
			var st = D.styles[r[2]];
			var head = el('div', 'im-head', st.label + (str(r[3]) ? ' \u2014 ' + str(r[3]) : ''));
			head.dataset.field = 'type';
			box.appendChild(head);
			var dl = el('dl');
			var when = r[4] ? ymd(r[4]) : 'date unknown';
			if (str(r[5])) when += ' (\u201c' + str(r[5]) + '\u201d)';
			if (r[6]) when += ', to ' + TIME_PRECISION[r[6]];
			row(dl, 'Date', when);
			var where = str(r[7]) || str(r[8]) || 'unnamed place';
			if (str(r[8]) && str(r[8]) !== str(r[7])) where += ' (\u201c' + str(r[8]) + '\u201d)';
			var admin = [str(r[9]), str(r[10])].filter(Boolean).join(', ');
			if (admin) where += ', ' + admin;
			row(dl, 'Place', where);
			row(dl, 'Located to', PRECISION[r[11]] || '');
			row(dl, 'Killed', figure(r[12]));
			row(dl, 'Injured', figure(r[13]));
			if (r[14].length) row(dl, 'Actors', r[14].map(str).join('; '));
			box.appendChild(dl);
			if (r[15]) {
				var q = el('blockquote', null, r[15]);
				box.appendChild(q);
			}
			if (r[16].length) {
				var ul = el('ul', 'im-sources');
				r[16].forEach(function (i) { ul.appendChild(sourceItem(i)); });
				box.appendChild(el('div', 'im-muted', r[16].length > 1 ? 'Sources' : 'Source'));
				box.appendChild(ul);
			}
			box.appendChild(el('div', 'im-id', r[17]));
			return box;
		}

		/* ---- the map ---- */

		var map = L.map('map', { preferCanvas: true, zoomSnap: 0.25, minZoom: 1, maxZoom: 14 });
		map.attributionControl.setPrefix(false);
		map.attributionControl.addAttribution('Base map: Natural Earth. Made with incimap and Leaflet.');

		/* Rings as html.c writes them: integers in units of 10^-scale degrees,
		 * the first point whole, then each the step from the last. */
		function rings(list, scale) {
			var q = Math.pow(10, -scale);
			return list.map(function (ring) {
				var out = [], x = 0, y = 0;
				for (var i = 0; i + 1 < ring.length; i += 2) {
					x += ring[i];
					y += ring[i + 1];
					out.push([y * q, x * q]);
				}
				return out;
			});
		}
		L.polygon(rings(D.base.world, D.base.world_scale), { color: '#9a9a9a', weight: 0.6, fillColor: '#f2efe9',
			fillOpacity: 1, interactive: false }).addTo(map);
		if (D.base.countries.length)
			L.polygon(rings(D.base.countries, D.base.scale), { color: '#7a7a7a', weight: 0.8, fillColor: '#f2efe9',
				fillOpacity: 1, interactive: false }).addTo(map);
		if (D.base.provinces.length)
			L.polygon(rings(D.base.provinces, D.base.scale), { color: '#b3b3b3', weight: 0.5, fill: false,
				dashArray: '3 2', interactive: false }).addTo(map);
		if (D.base.disputed.length)
			L.polyline(rings(D.base.disputed, D.base.scale), { color: '#7a7a7a', weight: 0.8, dashArray: '4 3',
				interactive: false }).addTo(map);

		var busy = false; /* markers still being added, a chunk at a time */
		var clusters = L.markerClusterGroup({
			chunkedLoading: true,
			chunkProgress: function (done, total) { busy = done < total; }, showCoverageOnHover: false, spiderfyOnMaxZoom: true,
			zoomToBoundsOnClick: true, maxClusterRadius: 40, iconCreateFunction: clusterIcon
		});
		var markers = D.inc.map(function (r) {
			var m = L.marker([r[0], r[1]], { icon: iconFor(r), imStyle: r[2], keyboard: false });
			m.bindPopup(function () { return popup(r); }, { maxWidth: 360 });
			m.imRec = r;
			return m;
		});
		map.addLayer(clusters);

		var b = D.view;
		map.fitBounds([[b[1], b[0]], [b[3], b[2]]], { padding: [40, 40], maxZoom: 10 });

		/* ---- legend, filters and counts ---- */

		var panel = document.getElementById('controls');
		var typeOn = D.styles.map(function () { return true; });
		var typeCount = [];
		var dated = D.inc.filter(function (r) { return r[4]; }).map(function (r) { return dayOf(r[4]); });
		var dmin = dated.length ? dated[0] : 0, dmax = dmin;
		dated.forEach(function (d) { if (d < dmin) dmin = d; if (d > dmax) dmax = d; });
		var lo, hi;

		panel.appendChild(el('h2', null, 'Legend'));
		var legend = el('ul', 'im-legend');
		D.styles.forEach(function (st, i) {
			var n = D.inc.filter(function (r) { return r[2] === i; }).length;
			if (!n) return;
			var li = el('li');
			var cb = el('input');
			cb.type = 'checkbox';
			cb.checked = true;
			cb.id = 'im-type-' + i;
			cb.dataset.type = st.label;
			cb.addEventListener('change', function () { typeOn[i] = cb.checked; update(); });
			var lab = el('label');
			lab.htmlFor = cb.id;
			var sym = symbolSvg(i, 3.8, false);
			var icon = el('span', 'im-sym');
			icon.innerHTML = sym.html; /* numbers and the table's colours only */
			lab.appendChild(icon);
			lab.appendChild(el('span', null, st.label));
			typeCount[i] = el('span', 'im-count');
			lab.appendChild(typeCount[i]);
			li.appendChild(cb);
			li.appendChild(lab);
			legend.appendChild(li);
		});
		panel.appendChild(legend);
		var openNote = el('p', 'im-muted');
		var sym3 = el('span', 'im-sym');
		sym3.innerHTML = symbolSvg(D.styles.length - 1, 3.8, true).html;
		openNote.appendChild(sym3);
		openNote.appendChild(document.createTextNode(' open: known to the province only; size: killed'));
		panel.appendChild(openNote);

		if (dated.length) {
			panel.appendChild(el('h2', null, 'Dates'));
			var rng = el('div', 'im-range');
			lo = el('input');
			hi = el('input');
			[lo, hi].forEach(function (inp, k) {
				inp.type = 'range';
				inp.min = dmin;
				inp.max = dmax;
				inp.step = 1;
				inp.value = k ? dmax : dmin;
				inp.id = k ? 'im-date-to' : 'im-date-from';
				inp.addEventListener('input', function () {
					if (+lo.value > +hi.value) {
						if (k) lo.value = hi.value; else hi.value = lo.value;
					}
					update();
				});
				rng.appendChild(inp);
			});
			panel.appendChild(rng);
			var dates = el('p', 'im-dates');
			dates.id = 'im-dates';
			panel.appendChild(dates);
		}
		var counts = el('p', 'im-counts');
		counts.id = 'im-counts';
		panel.appendChild(counts);

		function figures(fat, inj, anyFat, anyInj) {
			var f = [];
			if (anyFat) f.push(fat + ' killed');
			if (anyInj) f.push(inj + ' injured');
			return f.join(', ');
		}

		function update() {
			var from = lo ? +lo.value : -Infinity, to = hi ? +hi.value : Infinity;
			var whole = !lo || (from === dmin && to === dmax);
			var shown = [], per = D.styles.map(function () { return 0; });
			var fat = 0, inj = 0, anyFat = false, anyInj = false;
			markers.forEach(function (m) {
				var r = m.imRec;
				if (!typeOn[r[2]]) return;
				if (!whole) {
					if (!r[4]) return;
					var d = dayOf(r[4]);
					if (d < from || d > to) return;
				}
				shown.push(m);
				per[r[2]]++;
				if (r[12] !== null) { fat += r[12]; anyFat = true; }
				if (r[13] !== null) { inj += r[13]; anyInj = true; }
			});
			clusters.clearLayers();
			busy = shown.length > 0;
			clusters.addLayers(shown);
			typeCount.forEach(function (span, i) { if (span) span.textContent = ' ' + per[i]; });
			if (lo) {
				document.getElementById('im-dates').textContent = dayText(from) + ' to ' + dayText(to) +
					(whole || !D.undated ? '' : ' (undated incidents left out)');
			}
			var fig = figures(fat, inj, anyFat, anyInj);
			counts.textContent = 'Showing ' + shown.length + ' of ' + markers.length + ' incidents' +
				(fig ? ' \u00b7 ' + fig : '');
			counts.dataset.shown = shown.length;
		}
		update();
		window.incimap = {
			map: map, clusters: clusters, markers: markers, update: update,
			busy: function () { return busy; }
		};
	});
})();
