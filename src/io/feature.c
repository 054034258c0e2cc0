/* feature.c: one incident as a GeoJSON Feature and back. The writer follows
 * DESIGN.md's property table in its order; the reader is strict about
 * meaning (ranges, types, geometry) and tolerant of form (ints written as
 * 12.0 or "12", a list that an editor turned into a string). */
#include "io_int.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- writing -------------------------------------------------------------- */

im_status im_io_check(const im_incident *inc, const char *path, size_t index,
		      im_error *err)
{
	const char *id = inc->id ? inc->id : "(no id)";
	if (inc->has_point) {
		if (!isfinite(inc->lon) || inc->lon < -180 || inc->lon > 180 ||
		    !isfinite(inc->lat) || inc->lat < -90 || inc->lat > 90)
			return im_error_set(err, IM_E_RANGE, path, 0, 0,
					    "incident %zu (%s): coordinates %g, %g are not a "
					    "longitude and latitude in degrees",
					    index, id, inc->lon, inc->lat);
	}
	if (inc->fatalities < IM_NULL_INT || inc->injuries < IM_NULL_INT)
		return im_error_set(err, IM_E_RANGE, path, 0, 0,
				    "incident %zu (%s): negative casualty count", index, id);
	if (inc->time_precision < 1 || inc->time_precision > 3 || inc->geo_precision < 1 ||
	    inc->geo_precision > 3)
		return im_error_set(err, IM_E_RANGE, path, 0, 0,
				    "incident %zu (%s): time_precision and geo_precision go from 1 to 3",
				    index, id);
	if (!(inc->confidence >= 0 && inc->confidence <= 1))
		return im_error_set(err, IM_E_RANGE, path, 0, 0,
				    "incident %zu (%s): confidence %g is not between 0 and 1",
				    index, id, inc->confidence);
	if (inc->event_date.y && !im_date_valid(inc->event_date))
		return im_error_set(err, IM_E_RANGE, path, 0, 0,
				    "incident %zu (%s): event_date is not a calendar date", index, id);
	return IM_OK;
}

#define key(b, k) IM_IO_LIT(b, k)

static im_status count(im_buf *b, int v)
{
	return v == IM_NULL_INT ? IM_IO_LIT(b, "null") : im_io_int(b, v);
}

im_status im_io_sources_to_json(im_buf *b, const im_incident *inc)
{
	im_status st = im_io_putc(b, '[');
	for (size_t i = 0; !st && i < inc->n_sources; i++) {
		const im_source *s = &inc->sources[i];
		st = st ? st : im_buf_puts(b, i ? ",{\"id\":" : "{\"id\":");
		st = st ? st : im_io_json_str(b, s->id);
		if (s->file) {
			st = st ? st : IM_IO_LIT(b, ",\"file\":");
			st = st ? st : im_io_json_str(b, s->file);
		}
		if (s->url || !s->file) {
			st = st ? st : IM_IO_LIT(b, ",\"url\":");
			st = st ? st : im_io_json_str(b, s->url);
		}
		st = st ? st : IM_IO_LIT(b, ",\"date\":");
		st = st ? st : im_io_json_str(b, s->date);
		st = st ? st : IM_IO_LIT(b, ",\"title\":");
		st = st ? st : im_io_json_str(b, s->title);
		st = st ? st : im_io_putc(b, '}');
	}
	return st ? st : im_io_putc(b, ']');
}

im_status im_io_to_feature(im_buf *b, const im_incident *inc)
{
	im_status st = key(b, "{\"type\":\"Feature\",\"geometry\":");
	if (inc->has_point) {
		st = st ? st : key(b, "{\"type\":\"Point\",\"coordinates\":[");
		st = st ? st : im_io_num(b, inc->lon, 0);
		st = st ? st : im_io_putc(b, ',');
		st = st ? st : im_io_num(b, inc->lat, 0);
		st = st ? st : key(b, "]}");
	} else {
		st = st ? st : key(b, "null");
	}
	st = st ? st : key(b, ",\"properties\":{\"id\":");
	st = st ? st : im_io_json_str(b, inc->id);
	st = st ? st : key(b, ",\"event_date\":");
	if (inc->event_date.y) {
		char d[13];
		d[0] = '"';
		im_date_format(inc->event_date, d + 1);
		d[11] = '"';
		d[12] = '\0';
		st = st ? st : im_io_put(b, d, 12);
	} else {
		st = st ? st : key(b, "null");
	}
	st = st ? st : key(b, ",\"time_precision\":");
	st = st ? st : im_io_int(b, inc->time_precision);
	st = st ? st : key(b, ",\"date_text\":");
	st = st ? st : im_io_json_str(b, inc->date_text);
	st = st ? st : key(b, ",\"event_type\":");
	st = st ? st : im_io_json_str(b, inc->event_type);
	st = st ? st : key(b, ",\"sub_event_type\":");
	st = st ? st : im_io_json_str(b, inc->sub_event_type);
	st = st ? st : key(b, ",\"place\":");
	st = st ? st : im_io_json_str(b, inc->place);
	st = st ? st : key(b, ",\"place_text\":");
	st = st ? st : im_io_json_str(b, inc->place_text);
	st = st ? st : key(b, ",\"admin1\":");
	st = st ? st : im_io_json_str(b, inc->admin1);
	st = st ? st : key(b, ",\"country\":");
	st = st ? st : im_io_json_str(b, inc->country);
	st = st ? st : key(b, ",\"geo_precision\":");
	st = st ? st : im_io_int(b, inc->geo_precision);
	st = st ? st : key(b, ",\"gazetteer_id\":");
	st = st ? st : im_io_json_str(b, inc->gazetteer_id);
	st = st ? st : key(b, ",\"fatalities\":");
	st = st ? st : count(b, inc->fatalities);
	st = st ? st : key(b, ",\"injuries\":");
	st = st ? st : count(b, inc->injuries);
	st = st ? st : key(b, ",\"actors\":[");
	for (size_t i = 0, k = 0; !st && i < inc->n_actors; i++) {
		if (!inc->actors[i][0]) /* an empty name says nothing */
			continue;
		if (k++)
			st = im_io_putc(b, ',');
		st = st ? st : im_io_json_str(b, inc->actors[i]);
	}
	st = st ? st : key(b, "],\"sources\":");
	st = st ? st : im_io_sources_to_json(b, inc);
	st = st ? st : key(b, ",\"notes\":");
	st = st ? st : im_io_json_str(b, inc->notes);
	st = st ? st : key(b, ",\"confidence\":");
	st = st ? st : im_io_num(b, inc->confidence, 1);
	return st ? st : key(b, "}}");
}

/* ---- reading -------------------------------------------------------------- */

static im_status bad(const im_io_where *w, im_status code, im_error *err, const char *fmt,
		     ...) IM_PRINTF(4, 5);

static im_status bad(const im_io_where *w, im_status code, im_error *err, const char *fmt, ...)
{
	char msg[600];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return im_error_set(err, code, w->name, w->line, w->col, "feature %zu: %s", w->index,
			    msg);
}

static const char *type_name(json_object *v)
{
	switch (json_object_get_type(v)) {
	case json_type_null: return "null";
	case json_type_boolean: return "true/false";
	case json_type_double:
	case json_type_int: return "a number";
	case json_type_object: return "an object";
	case json_type_array: return "an array";
	case json_type_string: return "a string";
	}
	return "something else";
}

static int is_num(json_object *v)
{
	return json_object_is_type(v, json_type_int) || json_object_is_type(v, json_type_double);
}

/* A string property: a string, null, or (for ids) a whole number. */
static im_status get_str(json_object *p, const char *k, char **field, int allow_num,
			 const im_io_where *w, im_error *err)
{
	json_object *v;
	if (!json_object_object_get_ex(p, k, &v) || !v)
		return IM_OK;
	if (json_object_is_type(v, json_type_string) ||
	    (allow_num && json_object_is_type(v, json_type_int))) {
		if (im_set_str(field, json_object_get_string(v)))
			return bad(w, IM_E_NOMEM, err, "out of memory");
		return IM_OK;
	}
	return bad(w, IM_E_PARSE, err, "property \"%s\" must be a string, not %s", k, type_name(v));
}

/* A whole number: an integer, a number with no fraction, or a string of
 * digits. *out is untouched when the property is missing or null. */
static im_status get_int(json_object *p, const char *k, int *out, int lo, int hi,
			 const im_io_where *w, im_error *err)
{
	json_object *v;
	if (!json_object_object_get_ex(p, k, &v) || !v)
		return IM_OK;
	double d;
	if (json_object_is_type(v, json_type_int)) {
		int64_t i = json_object_get_int64(v);
		if (i == INT64_MAX && json_object_get_uint64(v) > (uint64_t)INT64_MAX)
			d = 1e300;
		else
			d = (double)i;
	} else if (json_object_is_type(v, json_type_double)) {
		d = json_object_get_double(v);
	} else if (json_object_is_type(v, json_type_string)) {
		const char *s = json_object_get_string(v);
		long l;
		if (!*s)
			return IM_OK;
		if (!im_io_parse_long(s, strlen(s), &l))
			return bad(w, IM_E_PARSE, err, "property \"%s\": '%.40s' is not a whole number",
				   k, s);
		d = (double)l;
	} else {
		return bad(w, IM_E_PARSE, err, "property \"%s\" must be a whole number, not %s", k,
			   type_name(v));
	}
	if (d != floor(d))
		return bad(w, IM_E_PARSE, err, "property \"%s\": %g is not a whole number", k, d);
	if (d < lo || d > hi)
		return bad(w, IM_E_RANGE, err, "property \"%s\": %g is out of range (%d to %d)", k, d,
			   lo, hi);
	*out = (int)d;
	return IM_OK;
}

static im_status get_date(json_object *p, im_date *out, const im_io_where *w, im_error *err)
{
	json_object *v;
	if (!json_object_object_get_ex(p, "event_date", &v) || !v)
		return IM_OK;
	if (!json_object_is_type(v, json_type_string))
		return bad(w, IM_E_PARSE, err, "property \"event_date\" must be a YYYY-MM-DD string, not %s",
			   type_name(v));
	const char *s = json_object_get_string(v);
	size_t n = strlen(s);
	if (n == 0)
		return IM_OK;
	/* Ours and GDAL's ("2021-12-07", "2021/12/07", with a time after 'T'
	 * or a space); other forms come from CSV only. */
	if (n >= 10 && (n == 10 || s[10] == 'T' || s[10] == ' ') &&
	    (s[4] == '-' || s[4] == '/') && s[7] == s[4]) {
		char iso[11];
		memcpy(iso, s, 10);
		iso[4] = iso[7] = '-';
		iso[10] = '\0';
		if (im_date_parse_iso(iso, 10, out))
			return IM_OK;
	}
	return bad(w, IM_E_PARSE, err, "event_date '%.40s' is not a date as YYYY-MM-DD", s);
}

static im_status get_confidence(json_object *p, double *out, const im_io_where *w,
				im_error *err)
{
	json_object *v;
	if (!json_object_object_get_ex(p, "confidence", &v) || !v)
		return IM_OK;
	double d;
	if (is_num(v)) {
		d = json_object_get_double(v);
	} else if (json_object_is_type(v, json_type_string)) {
		const char *s = json_object_get_string(v);
		if (!*s)
			return IM_OK;
		if (!im_io_parse_num(s, strlen(s), &d))
			return bad(w, IM_E_PARSE, err, "confidence '%.40s' is not a number", s);
	} else {
		return bad(w, IM_E_PARSE, err, "property \"confidence\" must be a number, not %s",
			   type_name(v));
	}
	if (!(d >= 0 && d <= 1))
		return bad(w, IM_E_RANGE, err, "confidence %g is not between 0 and 1", d);
	*out = d;
	return IM_OK;
}

static im_status actors_from_json(im_incident *inc, json_object *a, const im_io_where *w,
				  const char *field, im_error *err)
{
	size_t n = json_object_array_length(a);
	for (size_t i = 0; i < n; i++) {
		json_object *e = json_object_array_get_idx(a, i);
		if (!e)
			continue;
		if (!json_object_is_type(e, json_type_string))
			return bad(w, IM_E_PARSE, err, "%s[%zu] must be a string, not %s", field, i,
				   type_name(e));
		const char *s = json_object_get_string(e);
		if (*s && im_incident_add_actor(inc, s))
			return bad(w, IM_E_NOMEM, err, "out of memory");
	}
	return IM_OK;
}

/* Parses a list written as text (a CSV cell, or a GeoJSON property an
 * editor stored as a string): the JSON array of strings or "A; B". */
im_status im_io_actors_decode(im_incident *inc, const char *s, const im_io_where *w,
			      const char *field, im_error *err)
{
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '[') {
		json_tokener *tok = json_tokener_new_ex(4);
		if (!tok)
			return bad(w, IM_E_NOMEM, err, "out of memory");
		json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
		size_t n = strlen(s);
		json_object *a = json_tokener_parse_ex(tok, s, (int)n);
		int ok = a && json_tokener_get_error(tok) == json_tokener_success &&
			 json_object_is_type(a, json_type_array);
		if (ok) {
			/* Only white space may follow. */
			for (size_t i = json_tokener_get_parse_end(tok); i < n; i++)
				if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
					ok = 0;
		}
		json_tokener_free(tok);
		if (!ok) {
			json_object_put(a);
			return bad(w, IM_E_PARSE, err,
				   "%s starts with '[' but is not a JSON array of strings", field);
		}
		im_status st = actors_from_json(inc, a, w, field, err);
		json_object_put(a);
		return st;
	}
	while (*s) {
		const char *e = strchr(s, ';');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		size_t a = 0, z = n;
		while (a < z && (s[a] == ' ' || s[a] == '\t'))
			a++;
		while (z > a && (s[z - 1] == ' ' || s[z - 1] == '\t'))
			z--;
		if (z > a) {
			char *name = im_strndup(s + a, z - a);
			im_status st = name ? im_incident_add_actor(inc, name) : IM_E_NOMEM;
			free(name);
			if (st)
				return bad(w, st, err, "out of memory");
		}
		s += n;
		if (*s == ';')
			s++;
	}
	return IM_OK;
}

static im_status source_str(json_object *o, const char *k, char **field, size_t i,
			    const char *what, const im_io_where *w, im_error *err)
{
	json_object *v;
	if (!json_object_object_get_ex(o, k, &v) || !v)
		return IM_OK;
	if (json_object_is_type(v, json_type_string) ||
	    (json_object_is_type(v, json_type_int) && strcmp(k, "id") == 0)) {
		if (im_set_str(field, json_object_get_string(v)))
			return bad(w, IM_E_NOMEM, err, "out of memory");
		return IM_OK;
	}
	return bad(w, IM_E_PARSE, err, "%s[%zu].%s must be a string, not %s", what, i, k,
		   type_name(v));
}

im_status im_io_sources_from_json(im_incident *inc, json_object *a, const im_io_where *w,
				  const char *field, im_error *err)
{
	size_t n = json_object_array_length(a);
	for (size_t i = 0; i < n; i++) {
		json_object *o = json_object_array_get_idx(a, i);
		if (!o)
			continue;
		if (!json_object_is_type(o, json_type_object))
			return bad(w, IM_E_PARSE, err,
				   "%s[%zu] must be an object {\"id\", \"url\", \"date\", \"title\"}, not %s",
				   field, i, type_name(o));
		im_source s = {0};
		im_status st = IM_OK;
		st = st ? st : source_str(o, "id", &s.id, i, field, w, err);
		st = st ? st : source_str(o, "file", &s.file, i, field, w, err);
		st = st ? st : source_str(o, "url", &s.url, i, field, w, err);
		st = st ? st : source_str(o, "date", &s.date, i, field, w, err);
		st = st ? st : source_str(o, "title", &s.title, i, field, w, err);
		if (!st && im_incident_add_source(inc, &s))
			st = bad(w, IM_E_NOMEM, err, "out of memory");
		im_source_clear(&s);
		if (st)
			return st;
	}
	return IM_OK;
}

/* ---- a fast path for the sources column of our CSV ------------------------ */

/* A JSON string without \u escapes or control characters, decoded; *n is
 * where it ended. NULL when it is anything else (the slow path decides). */
static char *fast_string(const char *s, size_t len, size_t *pos)
{
	size_t i = *pos;
	if (i >= len || s[i] != '"')
		return NULL;
	i++;
	size_t start = i, esc = 0;
	while (i < len && s[i] != '"') {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20)
			return NULL;
		if (c == '\\') {
			if (i + 1 >= len || !strchr("\"\\/bfnrt", s[i + 1]) || s[i + 1] == 0)
				return NULL;
			esc++;
			i++;
		}
		i++;
	}
	if (i >= len)
		return NULL;
	size_t n = i - start - esc;
	char *out = malloc(n + 1);
	if (!out)
		return NULL;
	size_t k = 0;
	for (size_t j = start; j < i; j++) {
		char c = s[j];
		if (c == '\\') {
			c = s[++j];
			switch (c) {
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case 'n': c = '\n'; break;
			case 'r': c = '\r'; break;
			case 't': c = '\t'; break;
			default: break; /* '"', '\\', '/' */
			}
		}
		out[k++] = c;
	}
	out[k] = '\0';
	*pos = i + 1;
	return out;
}

static void fast_ws(const char *s, size_t len, size_t *i)
{
	while (*i < len && (s[*i] == ' ' || s[*i] == '\t' || s[*i] == '\n' || s[*i] == '\r'))
		(*i)++;
}

int im_io_sources_fast(im_incident *inc, const char *s, size_t len)
{
	im_source *v = NULL;
	size_t nv = 0, capv = 0, i = 0;
	int ok = 0;
	fast_ws(s, len, &i);
	if (i >= len || s[i++] != '[')
		return 0;
	fast_ws(s, len, &i);
	if (i < len && s[i] == ']') {
		i++;
		ok = 1;
	}
	while (!ok && i < len && s[i] == '{') {
		if (im_grow(&v, &capv, nv + 1, sizeof *v))
			goto fail;
		im_source *src = &v[nv++];
		memset(src, 0, sizeof *src);
		i++;
		fast_ws(s, len, &i);
		int first = 1;
		while (i < len && s[i] != '}') {
			if (!first) {
				if (s[i++] != ',')
					goto fail;
				fast_ws(s, len, &i);
			}
			first = 0;
			char *k = fast_string(s, len, &i);
			if (!k)
				goto fail;
			char **field = strcmp(k, "id") == 0      ? &src->id
				       : strcmp(k, "file") == 0  ? &src->file
				       : strcmp(k, "url") == 0   ? &src->url
				       : strcmp(k, "date") == 0  ? &src->date
				       : strcmp(k, "title") == 0 ? &src->title
								 : NULL;
			free(k);
			fast_ws(s, len, &i);
			if (!field || *field || i >= len || s[i++] != ':')
				goto fail; /* other names, repeats: the slow path says */
			fast_ws(s, len, &i);
			if (len - i >= 4 && memcmp(s + i, "null", 4) == 0) {
				i += 4;
			} else if (!(*field = fast_string(s, len, &i))) {
				goto fail;
			}
			fast_ws(s, len, &i);
		}
		if (i >= len)
			goto fail;
		i++; /* '}' */
		fast_ws(s, len, &i);
		if (i < len && s[i] == ',') {
			i++;
			fast_ws(s, len, &i);
			continue;
		}
		if (i < len && s[i] == ']') {
			i++;
			ok = 1;
		}
		break;
	}
	if (!ok)
		goto fail;
	fast_ws(s, len, &i);
	if (i != len)
		goto fail;
	if (nv) {
		im_source *all = realloc(inc->sources, (inc->n_sources + nv) * sizeof *all);
		if (!all)
			goto fail;
		memcpy(all + inc->n_sources, v, nv * sizeof *v); /* the strings move */
		inc->sources = all;
		inc->n_sources += nv;
	}
	free(v);
	return 1;
fail:
	for (size_t k = 0; k < nv; k++)
		im_source_clear(&v[k]);
	free(v);
	return 0;
}

/* A property that may be a JSON array or that array as text. */
static im_status get_list(json_object *p, const char *k, im_incident *inc, int sources,
			  const im_io_where *w, im_error *err)
{
	json_object *v;
	if (!json_object_object_get_ex(p, k, &v) || !v)
		return IM_OK;
	if (json_object_is_type(v, json_type_array))
		return sources ? im_io_sources_from_json(inc, v, w, k, err)
			       : actors_from_json(inc, v, w, k, err);
	if (json_object_is_type(v, json_type_string)) {
		const char *s = json_object_get_string(v);
		if (!sources)
			return im_io_actors_decode(inc, s, w, k, err);
		while (*s == ' ')
			s++;
		if (!*s)
			return IM_OK;
		json_object *a = json_tokener_parse(s);
		im_status st;
		if (!a || !json_object_is_type(a, json_type_array))
			st = bad(w, IM_E_PARSE, err, "property \"sources\" must be an array of objects");
		else
			st = im_io_sources_from_json(inc, a, w, k, err);
		json_object_put(a);
		return st;
	}
	return bad(w, IM_E_PARSE, err, "property \"%s\" must be an array, not %s", k, type_name(v));
}

static im_status get_point(json_object *g, im_incident *inc, int *skip, const char **why,
			   const im_io_where *w, im_error *err)
{
	if (!json_object_is_type(g, json_type_object))
		return bad(w, IM_E_PARSE, err, "geometry must be an object or null, not %s",
			   type_name(g));
	json_object *t, *c;
	if (!json_object_object_get_ex(g, "type", &t) || !json_object_is_type(t, json_type_string))
		return bad(w, IM_E_PARSE, err, "geometry has no \"type\"");
	const char *type = json_object_get_string(t);
	static const char *const others[] = {"MultiPoint", "LineString", "MultiLineString",
					     "Polygon", "MultiPolygon", "GeometryCollection"};
	if (strcmp(type, "Point") != 0) {
		for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
			if (strcmp(type, others[i]) == 0) {
				*skip = 1;
				*why = others[i];
				return IM_OK;
			}
		return bad(w, IM_E_PARSE, err, "unknown geometry type '%.40s'", type);
	}
	if (!json_object_object_get_ex(g, "coordinates", &c) || !c)
		return bad(w, IM_E_PARSE, err, "Point without coordinates");
	if (!json_object_is_type(c, json_type_array))
		return bad(w, IM_E_PARSE, err, "Point coordinates must be an array [lon, lat], not %s",
			   type_name(c));
	size_t n = json_object_array_length(c);
	if (n < 2 || n > 3)
		return bad(w, IM_E_PARSE, err,
			   "Point coordinates must be [longitude, latitude] (or with an altitude), "
			   "not %zu numbers", n);
	for (size_t i = 0; i < n; i++) {
		json_object *e = json_object_array_get_idx(c, i);
		if (!e || !is_num(e))
			return bad(w, IM_E_PARSE, err, "coordinate %zu must be a number, not %s", i + 1,
				   e ? type_name(e) : "null");
	}
	double lon = json_object_get_double(json_object_array_get_idx(c, 0));
	double lat = json_object_get_double(json_object_array_get_idx(c, 1));
	if (!(lon >= -180 && lon <= 180))
		return bad(w, IM_E_RANGE, err, "longitude %g is out of range (-180 to 180)", lon);
	if (!(lat >= -90 && lat <= 90))
		return bad(w, IM_E_RANGE, err,
			   "latitude %g is out of range (-90 to 90)%s", lat,
			   lon >= -90 && lon <= 90 && (lat >= -180 && lat <= 180)
				   ? "; are longitude and latitude swapped? GeoJSON wants [lon, lat]"
				   : "");
	inc->has_point = 1;
	inc->lon = lon;
	inc->lat = lat;
	return IM_OK;
}

im_status im_io_from_feature(json_object *f, const im_io_where *w, im_incident *inc,
			     int *skip, const char **skip_why, im_error *err)
{
	*skip = 0;
	*skip_why = NULL;
	im_incident_clear(inc);
	if (!json_object_is_type(f, json_type_object))
		return bad(w, IM_E_PARSE, err, "a Feature must be an object, not %s", type_name(f));
	json_object *t, *g, *p = NULL;
	if (!json_object_object_get_ex(f, "type", &t) || !json_object_is_type(t, json_type_string))
		return bad(w, IM_E_PARSE, err, "no \"type\" member: not a GeoJSON Feature");
	if (strcmp(json_object_get_string(t), "Feature") != 0)
		return bad(w, IM_E_PARSE, err, "\"type\" is '%.40s', expected 'Feature'",
			   json_object_get_string(t));
	if (!json_object_object_get_ex(f, "geometry", &g))
		return bad(w, IM_E_PARSE, err,
			   "no \"geometry\" member (RFC 7946 wants one; null for a feature with no place)");
	im_status st;
	if (g && (st = get_point(g, inc, skip, skip_why, w, err)))
		return st;
	if (*skip)
		return IM_OK;
	if (json_object_object_get_ex(f, "properties", &p) && p &&
	    !json_object_is_type(p, json_type_object))
		return bad(w, IM_E_PARSE, err, "\"properties\" must be an object or null, not %s",
			   type_name(p));
	if (!p)
		p = json_object_new_object(); /* all defaults, and one code path */
	else
		json_object_get(p);
	st = IM_OK;
	st = st ? st : get_str(p, "id", &inc->id, 1, w, err);
	st = st ? st : get_date(p, &inc->event_date, w, err);
	st = st ? st : get_int(p, "time_precision", &inc->time_precision, 1, 3, w, err);
	st = st ? st : get_str(p, "date_text", &inc->date_text, 0, w, err);
	st = st ? st : get_str(p, "event_type", &inc->event_type, 0, w, err);
	st = st ? st : get_str(p, "sub_event_type", &inc->sub_event_type, 0, w, err);
	st = st ? st : get_str(p, "place", &inc->place, 0, w, err);
	st = st ? st : get_str(p, "place_text", &inc->place_text, 0, w, err);
	st = st ? st : get_str(p, "admin1", &inc->admin1, 0, w, err);
	st = st ? st : get_str(p, "country", &inc->country, 0, w, err);
	st = st ? st : get_int(p, "geo_precision", &inc->geo_precision, 1, 3, w, err);
	st = st ? st : get_str(p, "gazetteer_id", &inc->gazetteer_id, 1, w, err);
	st = st ? st : get_int(p, "fatalities", &inc->fatalities, 0, INT_MAX - 1, w, err);
	st = st ? st : get_int(p, "injuries", &inc->injuries, 0, INT_MAX - 1, w, err);
	st = st ? st : get_list(p, "actors", inc, 0, w, err);
	st = st ? st : get_list(p, "sources", inc, 1, w, err);
	st = st ? st : get_str(p, "notes", &inc->notes, 0, w, err);
	st = st ? st : get_confidence(p, &inc->confidence, w, err);
	/* No id in the properties: the Feature's own, else one made from its text. */
	json_object *fid;
	if (!st && !inc->id && json_object_object_get_ex(f, "id", &fid) && fid &&
	    (json_object_is_type(fid, json_type_string) || json_object_is_type(fid, json_type_int)) &&
	    im_set_str(&inc->id, json_object_get_string(fid)))
		st = bad(w, IM_E_NOMEM, err, "out of memory");
	if (!st && !inc->id) {
		const char *txt = json_object_to_json_string_ext(f, JSON_C_TO_STRING_PLAIN);
		char idbuf[20];
		im_make_id(txt, strlen(txt), idbuf);
		if (im_set_str(&inc->id, idbuf))
			st = bad(w, IM_E_NOMEM, err, "out of memory");
	}
	json_object_put(p);
	if (st)
		im_incident_clear(inc);
	return st;
}
