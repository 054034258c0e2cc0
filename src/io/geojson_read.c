/* geojson_read.c: streaming readers for a GeoJSON FeatureCollection (walked
 * member by member; each element of "features" is cut out by the scanner
 * and handed to json-c alone, so memory stays flat whatever the file size)
 * and for RFC 8142 GeoJSON Text Sequences (one Feature per record). */
#include "io_int.h"

#include <stdarg.h>
#include <string.h>

void im_io_skip_warn(im_io_reader *r, long line, const char *fmt, ...)
{
	r->n_skipped++;
	if (r->n_warned >= IM_IO_MAX_WARN)
		return;
	char msg[700];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	r->n_warned++;
	im_warn(r->in.name, line, "%s%s", msg,
		r->n_warned == IM_IO_MAX_WARN ? " (further skips are only counted)" : "");
}

void im_io_skip_summary(im_io_reader *r)
{
	if (r->n_skipped)
		im_warn(r->in.name, 0, "skipped %zu feature%s that %s (incidents are points)",
			r->n_skipped, r->n_skipped == 1 ? "" : "s",
			r->n_skipped == 1 ? "is not a Point" : "are not Points");
}

/* Turns the scanned feature into an incident, or says it was skipped. */
static im_status take_feature(im_io_reader *r, json_object *f, long line, long col,
			      im_incident *inc, int *skipped, im_error *err)
{
	im_io_where w = {r->in.name, line, col, r->index};
	const char *why;
	im_status st = im_io_from_feature(f, &w, inc, skipped, &why, err);
	if (!st && *skipped)
		im_io_skip_warn(r, line, "feature %zu is a %s, not a Point: skipped", r->index, why);
	return st;
}

/* Scans and parses the value at the input; NULL (and *st) on error. */
static json_object *scan_parse(im_io_reader *r, const char *what, im_status *st,
			       int *is_null, im_error *err)
{
	if ((*st = im_io_scan_value(&r->in, &r->scan, what, err)))
		return NULL;
	json_object *o = im_io_scan_parse(&r->scan, r->in.name, is_null, err);
	if (!o && !*is_null)
		*st = err && err->code ? err->code : IM_E_PARSE;
	return o;
}

/* ---- FeatureCollection ---------------------------------------------------- */

enum { GJ_START, GJ_MEMBERS, GJ_FEATURES, GJ_END, GJ_TRAIL, GJ_DONE };

static const char *top_type(im_io_reader *r)
{
	json_object *t;
	if (r->top && json_object_object_get_ex(r->top, "type", &t) &&
	    json_object_is_type(t, json_type_string))
		return json_object_get_string(t);
	return NULL;
}

/* RFC 7946 has no crs member; old files carry one. Only WGS 84 longitude/
 * latitude is taken: anything else would put every dot in the wrong place. */
static im_status check_crs(im_io_reader *r, json_object *crs, long line, long col,
			   im_error *err)
{
	json_object *p, *n;
	if (!crs)
		return IM_OK;
	const char *name = NULL;
	if (json_object_is_type(crs, json_type_object) &&
	    json_object_object_get_ex(crs, "properties", &p) &&
	    json_object_is_type(p, json_type_object) && json_object_object_get_ex(p, "name", &n) &&
	    json_object_is_type(n, json_type_string))
		name = json_object_get_string(n);
	static const char *const wgs84[] = {"urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:OGC::CRS84",
					    "urn:ogc:def:crs:EPSG::4326", "EPSG:4326", "CRS84",
					    "urn:ogc:def:crs:EPSG:6.6:4326"};
	for (size_t i = 0; name && i < sizeof wgs84 / sizeof wgs84[0]; i++)
		if (strcmp(name, wgs84[i]) == 0)
			return IM_OK;
	return im_error_set(err, IM_E_UNSUPPORTED, r->in.name, line, col,
			    "the crs is %.80s, not WGS 84 longitude/latitude: reproject first "
			    "(ogr2ogr -t_srs EPSG:4326 -lco RFC7946=YES)",
			    name ? name : "not a named CRS");
}

static im_status check_type_member(im_io_reader *r, long line, long col, im_error *err)
{
	const char *t = top_type(r);
	if (!t)
		return im_error_set(err, IM_E_PARSE, r->in.name, line, col,
				    "\"type\" must be a string");
	if (strcmp(t, "FeatureCollection") == 0 || strcmp(t, "Feature") == 0)
		return IM_OK;
	return im_error_set(err, IM_E_PARSE, r->in.name, line, col,
			    "a GeoJSON %.40s, not a FeatureCollection or a Feature", t);
}

static im_status member(im_io_reader *r, int *to_features, im_error *err)
{
	im_status st;
	int is_null;
	*to_features = 0;
	long kline = r->in.line, kcol = r->in.col;
	if (im_io_peek(&r->in) != '"') {
		int c = im_io_peek(&r->in);
		char d[48];
		if (c < 0)
			return im_io_eof_error(&r->in, err, " in the top-level object");
		im_io_describe(c, d, sizeof d);
		return im_error_set(err, IM_E_PARSE, r->in.name, kline, kcol,
				    "unexpected %s, expected a member name in double quotes", d);
	}
	json_object *k = scan_parse(r, "member name", &st, &is_null, err);
	if (!k)
		return st;
	char key[64];
	snprintf(key, sizeof key, "%s", json_object_get_string(k));
	int long_key = strlen(json_object_get_string(k)) >= sizeof key;
	json_object_put(k);
	im_io_skip_ws(&r->in, 0);
	int c = im_io_peek(&r->in);
	if (c != ':') {
		char d[48];
		if (c < 0)
			return im_io_eof_error(&r->in, err, " after a member name");
		im_io_describe(c, d, sizeof d);
		return im_error_set(err, IM_E_PARSE, r->in.name, r->in.line, r->in.col,
				    "unexpected %s, expected ':' after the member name", d);
	}
	im_io_adv(&r->in);
	im_io_skip_ws(&r->in, 0);
	if (!long_key && strcmp(key, "features") == 0) {
		if (r->seen_features)
			return im_error_set(err, IM_E_PARSE, r->in.name, kline, kcol,
					    "duplicate member name \"features\"");
		const char *t = top_type(r);
		if (t && strcmp(t, "FeatureCollection") != 0)
			return im_error_set(err, IM_E_PARSE, r->in.name, kline, kcol,
					    "a %.40s with a \"features\" member", t);
		if (im_io_peek(&r->in) != '[') {
			c = im_io_peek(&r->in);
			if (c < 0)
				return im_io_eof_error(&r->in, err, " after \"features\":");
			return im_error_set(err, IM_E_PARSE, r->in.name, r->in.line, r->in.col,
					    "\"features\" must be an array");
		}
		im_io_adv(&r->in);
		r->seen_features = 1;
		*to_features = 1;
		return IM_OK;
	}
	if (!long_key && json_object_object_get_ex(r->top, key, NULL))
		return im_error_set(err, IM_E_PARSE, r->in.name, kline, kcol,
				    "duplicate member name \"%s\"", key);
	long vline = r->in.line, vcol = r->in.col;
	json_object *v = scan_parse(r, "GeoJSON object", &st, &is_null, err);
	if (!v && !is_null)
		return st;
	r->top_bytes += r->scan.out.len;
	if (r->top_bytes > IM_IO_MAX_RECORD) {
		json_object_put(v);
		return im_error_set(err, IM_E_TOO_LARGE, r->in.name, kline, kcol,
				    "the members of the top-level object besides \"features\" "
				    "take more than %zu MiB",
				    IM_IO_MAX_RECORD >> 20);
	}
	if (long_key) { /* no GeoJSON member has such a name: foreign, ignored */
		json_object_put(v);
		return IM_OK;
	}
	json_object_object_add(r->top, key, v);
	if (strcmp(key, "type") == 0 && (st = check_type_member(r, vline, vcol, err)))
		return st;
	if (strcmp(key, "crs") == 0 && (st = check_crs(r, v, vline, vcol, err)))
		return st;
	return IM_OK;
}

/* After a member or a feature: ',' to go on, or the closing bracket. */
static im_status separator(im_io_reader *r, int close, int *closed, im_error *err)
{
	im_io_skip_ws(&r->in, 0);
	int c = im_io_peek(&r->in);
	*closed = 0;
	if (c == ',') {
		im_io_adv(&r->in);
		im_io_skip_ws(&r->in, 0);
		return IM_OK;
	}
	if (c == close) {
		im_io_adv(&r->in);
		*closed = 1;
		return IM_OK;
	}
	char d[48], what[40];
	snprintf(what, sizeof what, "expected ',' or '%c'", close);
	if (c < 0)
		return im_io_eof_error(&r->in, err, close == ']' ? " inside \"features\"" : " inside the top-level object");
	im_io_describe(c, d, sizeof d);
	if (c == 0x1E)
		return im_error_set(err, IM_E_PARSE, r->in.name, r->in.line, r->in.col,
				    "a record separator (0x1E) inside the object: is this a GeoJSON text sequence?");
	return im_error_set(err, IM_E_PARSE, r->in.name, r->in.line, r->in.col,
			    "unexpected %s, %s", d, what);
}

/* The opening of the top-level object. */
static im_status gj_start(im_io_reader *r, im_error *err)
{
	im_io_skip_bom(&r->in);
	im_io_skip_ws(&r->in, 0);
	int c = im_io_peek(&r->in);
	if (c < 0) {
		if (r->in.ioerr)
			return im_io_eof_error(&r->in, err, "");
		return im_error_set(err, IM_E_PARSE, r->in.name, 0, 0,
				    "empty file: expected a GeoJSON FeatureCollection");
	}
	if (c == 0x1E)
		return im_error_set(err, IM_E_PARSE, r->in.name, r->in.line, r->in.col,
				    "starts with a record separator (0x1E): this is a "
				    "GeoJSON text sequence; read it with --from geojsonseq");
	if (c != '{') {
		char d[48];
		im_io_describe(c, d, sizeof d);
		return im_error_set(err, IM_E_PARSE, r->in.name, r->in.line, r->in.col,
				    "unexpected %s, expected a GeoJSON object ('{')", d);
	}
	im_io_adv(&r->in);
	if (!(r->top = json_object_new_object()))
		return im_error_set(err, IM_E_NOMEM, r->in.name, 0, 0, "out of memory");
	im_io_skip_ws(&r->in, 0);
	if (im_io_peek(&r->in) == '}') {
		im_io_adv(&r->in);
		r->state = GJ_END;
		return IM_OK;
	}
	r->state = GJ_MEMBERS;
	return IM_OK;
}

/* One member of the top-level object, and what follows it. */
static im_status gj_members(im_io_reader *r, im_error *err)
{
	im_status st;
	int to_features, closed;
	if ((st = member(r, &to_features, err)))
		return st;
	if (to_features) {
		r->state = GJ_FEATURES;
		r->first = 1;
		return IM_OK;
	}
	if ((st = separator(r, '}', &closed, err)))
		return st;
	if (closed)
		r->state = GJ_END;
	return IM_OK;
}

/* What stands where a feature of "features" should start, when it is not
 * one: the error. */
static im_status not_a_feature(im_io_reader *r, long line, long col, im_error *err)
{
	int c = im_io_peek(&r->in);
	char d[48];
	if (c < 0)
		return im_io_eof_error(&r->in, err, " inside \"features\"");
	if (c == 0x1E)
		return im_error_set(err, IM_E_PARSE, r->in.name, line, col,
				    "a record separator (0x1E) inside \"features\": "
				    "is this a GeoJSON text sequence?");
	im_io_describe(c, d, sizeof d);
	return im_error_set(err, IM_E_PARSE, r->in.name, line, col,
			    "unexpected %s, expected a Feature object", d);
}

/* The next feature of "features" into *inc (*got 1), or the end of the
 * array. */
static im_status gj_features(im_io_reader *r, im_incident *inc, int *got, im_error *err)
{
	im_status st;
	int closed, is_null, skipped;
	im_io_skip_ws(&r->in, 0);
	if (r->first && im_io_peek(&r->in) == ']') {
		im_io_adv(&r->in);
		closed = 1;
	} else if (!r->first) {
		if ((st = separator(r, ']', &closed, err)))
			return st;
	} else {
		closed = 0;
	}
	r->first = 0;
	if (closed) {
		if ((st = separator(r, '}', &closed, err)))
			return st;
		r->state = closed ? GJ_END : GJ_MEMBERS;
		return IM_OK;
	}
	r->index++;
	long line = r->in.line, col = r->in.col;
	if (im_io_peek(&r->in) != '{')
		return not_a_feature(r, line, col, err);
	json_object *f = scan_parse(r, "feature", &st, &is_null, err);
	if (!f)
		return st;
	st = take_feature(r, f, line, col, inc, &skipped, err);
	json_object_put(f);
	*got = !st && !skipped;
	return st;
}

/* The top-level object read whole: a file of one Feature gives it into
 * *inc (*got 1); a FeatureCollection must have had its "features". */
static im_status gj_end(im_io_reader *r, im_incident *inc, int *got, im_error *err)
{
	const char *t = top_type(r);
	r->state = GJ_TRAIL;
	if (!t)
		return im_error_set(err, IM_E_PARSE, r->in.name, 1, 1,
				    "the object has no \"type\": not GeoJSON");
	if (strcmp(t, "Feature") == 0 && !r->seen_features) {
		/* A file holding one Feature. */
		int skipped;
		r->index = 1;
		im_status st = take_feature(r, r->top, 1, 1, inc, &skipped, err);
		*got = !st && !skipped;
		return st;
	}
	if (!r->seen_features)
		return im_error_set(err, IM_E_PARSE, r->in.name, 1, 1,
				    "a FeatureCollection without a \"features\" array");
	return IM_OK;
}

/* Nothing but white space after the top-level object. */
static im_status gj_trail(im_io_reader *r, im_error *err)
{
	im_io_skip_ws(&r->in, 0);
	int c = im_io_peek(&r->in);
	if (c >= 0) {
		char d[48];
		im_io_describe(c, d, sizeof d);
		return im_error_set(err, IM_E_PARSE, r->in.name, r->in.line, r->in.col,
				    "unexpected %s after the end of the GeoJSON object "
				    "(one Feature a line is read with --from geojsonseq)", d);
	}
	if (r->in.ioerr)
		return im_io_eof_error(&r->in, err, "");
	im_io_skip_summary(r);
	r->state = GJ_DONE;
	return IM_OK;
}

im_status im_io_geojson_next(im_io_reader *r, im_incident *inc, int *done, im_error *err)
{
	im_status st = IM_OK;
	int got = 0;
	*done = 0;
	while (!st && !got) {
		switch (r->state) {
		case GJ_START: st = gj_start(r, err); break;
		case GJ_MEMBERS: st = gj_members(r, err); break;
		case GJ_FEATURES: st = gj_features(r, inc, &got, err); break;
		case GJ_END: st = gj_end(r, inc, &got, err); break;
		case GJ_TRAIL: st = gj_trail(r, err); break;
		case GJ_DONE: *done = 1; return IM_OK;
		}
	}
	return st;
}

/* ---- GeoJSON Text Sequences ------------------------------------------------ */

im_status im_io_seq_next(im_io_reader *r, im_incident *inc, int *done, im_error *err)
{
	im_status st;
	int is_null, skipped;
	*done = 0;
	if (r->state == GJ_DONE) {
		*done = 1;
		return IM_OK;
	}
	if (r->state == GJ_START) {
		im_io_skip_bom(&r->in);
		r->state = GJ_FEATURES;
	}
	for (;;) {
		/* RFC 8142: RS before each text, LF after; newline-delimited
		 * GeoJSON (no RS) reads the same way. */
		im_io_skip_ws(&r->in, 1);
		int c = im_io_peek(&r->in);
		if (c < 0) {
			if (r->in.ioerr)
				return im_io_eof_error(&r->in, err, "");
			im_io_skip_summary(r);
			r->state = GJ_DONE;
			*done = 1;
			return IM_OK;
		}
		r->index++;
		long line = r->in.line, col = r->in.col;
		if (c != '{') {
			char d[48];
			im_io_describe(c, d, sizeof d);
			return im_error_set(err, IM_E_PARSE, r->in.name, line, col,
					    "unexpected %s: record %zu is not a JSON object", d, r->index);
		}
		json_object *f = scan_parse(r, "record", &st, &is_null, err);
		if (!f)
			return st;
		/* What may follow a record: white space, the next RS, the end. */
		c = im_io_peek(&r->in);
		if (c >= 0 && c != 0x1E && c != '\n' && c != '\r' && c != ' ' && c != '\t' && c != '{') {
			char d[48];
			im_io_describe(c, d, sizeof d);
			json_object_put(f);
			return im_error_set(err, IM_E_PARSE, r->in.name, r->in.line, r->in.col,
					    "unexpected %s after record %zu", d, r->index);
		}
		json_object *t;
		const char *type = json_object_object_get_ex(f, "type", &t) &&
					   json_object_is_type(t, json_type_string)
				   ? json_object_get_string(t)
				   : "";
		if (strcmp(type, "FeatureCollection") == 0) {
			json_object_put(f);
			return im_error_set(err, IM_E_PARSE, r->in.name, line, col,
					    "record %zu is a FeatureCollection; a GeoJSON text sequence "
					    "holds one Feature per record (read a .geojson file with --from geojson)",
					    r->index);
		}
		static const char *const geometries[] = {"Point", "MultiPoint", "LineString",
							 "MultiLineString", "Polygon", "MultiPolygon",
							 "GeometryCollection"};
		int bare = 0;
		for (size_t i = 0; i < sizeof geometries / sizeof geometries[0]; i++)
			bare |= strcmp(type, geometries[i]) == 0;
		if (bare) {
			im_io_skip_warn(r, line, "record %zu is a bare %s geometry, not a Feature: skipped",
					r->index, type);
			json_object_put(f);
			continue;
		}
		st = take_feature(r, f, line, col, inc, &skipped, err);
		json_object_put(f);
		if (st)
			return st;
		if (!skipped)
			return IM_OK;
	}
}
