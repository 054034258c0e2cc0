/* kml_read.c: reads KML and KMZ back into incidents, placemark by
 * placemark (libxml2's streaming reader; a KMZ's doc.kml is inflated by
 * libzip as it is read). The properties come from the ExtendedData that
 * incimap writes (Data/value, and GDAL's SchemaData/SimpleData); without
 * them a placemark gives what KML itself says: its name as the place, its
 * TimeStamp as the date. Each placemark becomes the GeoJSON Feature it
 * stands for and goes through the same checks (feature.c). */
#include "io_int.h"
#include "../core/fsutil.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/xmlreader.h>
#include <zip.h>

/* A KMZ is read into memory whole (the zip directory is at its end). */
#define MAX_KMZ ((size_t)1 << 30)

struct im_io_kmlr {
	xmlTextReaderPtr xr;
	int after, root_seen, root_closed;
	/* the first error libxml2 reported */
	char msg[300];
	long msg_line;
	/* KMZ */
	unsigned char *zbytes;
	zip_t *za;
	zip_file_t *zf;
};

static void on_error(void *ctx, xmlErrorPtr e)
{
	struct im_io_kmlr *k = ctx;
	if (!e || e->level < XML_ERR_ERROR || k->msg[0])
		return;
	snprintf(k->msg, sizeof k->msg, "%s", e->message ? e->message : "not well-formed XML");
	size_t n = strlen(k->msg);
	while (n && (k->msg[n - 1] == '\n' || k->msg[n - 1] == ' '))
		k->msg[--n] = '\0';
	k->msg_line = e->line;
}

static int read_in(void *ctx, char *buf, int len)
{
	im_io_in *in = ctx;
	size_t have = im_io_in_fill(in, 1);
	if (!have)
		return in->ioerr ? -1 : 0;
	size_t n = have < (size_t)len ? have : (size_t)len;
	memcpy(buf, in->buf + in->pos, n);
	in->pos += n;
	return (int)n;
}

static int read_zip(void *ctx, char *buf, int len)
{
	zip_int64_t n = zip_fread(ctx, buf, (zip_uint64_t)len);
	return n < 0 ? -1 : (int)n;
}

static int no_close(void *ctx)
{
	(void)ctx;
	return 0;
}

/* The first .kml in the archive (doc.kml when it is there). */
static im_status open_kmz(im_io_reader *r, struct im_io_kmlr *k, im_error *err)
{
	im_io_in *in = &r->in;
	size_t len = 0, cap = 0;
	for (size_t have; (have = im_io_in_fill(in, 1)) > 0;) {
		if (len + have > MAX_KMZ)
			return im_error_set(err, IM_E_TOO_LARGE, in->name, 0, 0,
					    "a KMZ larger than the limit of %zu bytes", MAX_KMZ);
		if (im_grow(&k->zbytes, &cap, len + have, 1))
			return im_error_set(err, IM_E_NOMEM, in->name, 0, 0, "out of memory");
		memcpy(k->zbytes + len, in->buf + in->pos, have);
		len += have;
		in->pos += have;
	}
	if (in->ioerr)
		return im_error_set(err, IM_E_IO, in->name, 0, 0, "read error: %s",
				    strerror(in->ioerr));
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(k->zbytes, len, 0, &ze);
	if (src && !(k->za = zip_open_from_source(src, ZIP_RDONLY, &ze)))
		zip_source_free(src);
	if (!k->za) {
		im_status st = im_error_set(err, IM_E_PARSE, in->name, 0, 0,
					    "not a KMZ (a zip archive): %s", zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return st;
	}
	zip_error_fini(&ze);
	zip_int64_t n = zip_get_num_entries(k->za, 0), pick = -1;
	for (zip_int64_t i = 0; i < n; i++) {
		const char *name = zip_get_name(k->za, (zip_uint64_t)i, 0);
		char ext[8];
		if (!name)
			continue;
		im_path_ext(name, ext, sizeof ext);
		if (strcmp(name, "doc.kml") == 0) {
			pick = i;
			break;
		}
		if (pick < 0 && strcmp(ext, "kml") == 0)
			pick = i;
	}
	if (pick < 0)
		return im_error_set(err, IM_E_PARSE, in->name, 0, 0,
				    "a zip archive with no .kml file in it: not a KMZ");
	if (!(k->zf = zip_fopen_index(k->za, (zip_uint64_t)pick, 0)))
		return im_error_set(err, IM_E_PARSE, in->name, 0, 0, "cannot read the KMZ: %s",
				    zip_strerror(k->za));
	return IM_OK;
}

static im_status kml_open(im_io_reader *r, im_error *err)
{
	struct im_io_kmlr *k = calloc(1, sizeof *k);
	if (!k)
		return im_error_set(err, IM_E_NOMEM, r->in.name, 0, 0, "out of memory");
	r->kml = k;
	if (r->fmt == IM_FMT_KMZ) {
		im_status st = open_kmz(r, k, err);
		if (st)
			return st;
	} else {
		if (!im_io_in_fill(&r->in, 1))
			return r->in.ioerr ? im_error_set(err, IM_E_IO, r->in.name, 0, 0, "read error: %s",
							  strerror(r->in.ioerr))
					   : im_error_set(err, IM_E_PARSE, r->in.name, 0, 0,
							  "empty file: expected a KML document");
	}
	/* No network, no external entities, no DTD loading. */
	int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
	k->xr = k->zf ? xmlReaderForIO(read_zip, no_close, k->zf, NULL, NULL, opts)
		      : xmlReaderForIO(read_in, no_close, &r->in, NULL, NULL, opts);
	if (!k->xr)
		return im_error_set(err, IM_E_NOMEM, r->in.name, 0, 0, "out of memory");
	xmlTextReaderSetStructuredErrorHandler(k->xr, on_error, k);
	return IM_OK;
}

void im_io_kml_reader_free(im_io_reader *r)
{
	struct im_io_kmlr *k = r->kml;
	if (!k)
		return;
	if (k->xr)
		xmlFreeTextReader(k->xr);
	if (k->zf)
		zip_fclose(k->zf);
	if (k->za)
		zip_discard(k->za);
	free(k->zbytes);
	free(k);
	r->kml = NULL;
}

static int is_el(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static xmlNodePtr child(xmlNodePtr n, const char *name)
{
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
		if (is_el(c, name))
			return c;
	return NULL;
}

/* Sets props[key] to the text of n (trimmed when asked); a key already
 * set is kept (Data wins over what KML itself says). */
static im_status prop_text(json_object *props, const char *key, xmlNodePtr n, int trim)
{
	if (!n || json_object_object_get_ex(props, key, NULL))
		return IM_OK;
	xmlChar *t = xmlNodeGetContent(n);
	if (!t)
		return IM_E_NOMEM;
	const char *s = (const char *)t;
	size_t len = strlen(s);
	if (trim) {
		while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			s++, len--;
		while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' ||
			       s[len - 1] == '\r'))
			len--;
	}
	json_object *v = json_object_new_string_len(s, (int)len);
	xmlFree(t);
	if (!v)
		return IM_E_NOMEM;
	json_object_object_add(props, key, v);
	return IM_OK;
}

static im_status extended(json_object *props, xmlNodePtr ed)
{
	im_status st = IM_OK;
	for (xmlNodePtr d = ed ? ed->children : NULL; !st && d; d = d->next) {
		xmlNodePtr list = is_el(d, "SchemaData") ? d : NULL;
		for (xmlNodePtr e = list ? list->children : d; !st && e; e = list ? e->next : NULL) {
			int data = is_el(e, "Data"), simple = is_el(e, "SimpleData");
			if (!data && !simple)
				continue;
			xmlChar *name = xmlGetProp(e, (const xmlChar *)"name");
			if (name && name[0])
				st = prop_text(props, (const char *)name, data ? child(e, "value") : e, 0);
			xmlFree(name);
		}
	}
	return st;
}

/* The geometry: a Point's coordinates, or the name of what it is instead
 * (a Placemark with no geometry is an incident with no place). */
static im_status geometry(xmlNodePtr pm, json_object **geom, const char **other,
			  const im_io_where *w, im_error *err)
{
	static const char *const others[] = {"LineString", "LinearRing", "Polygon",
					     "MultiGeometry", "Model", "gx:Track", "Track"};
	*geom = NULL;
	*other = NULL;
	xmlNodePtr pt = child(pm, "Point");
	if (!pt) {
		for (xmlNodePtr c = pm->children; c; c = c->next)
			for (size_t i = 0; i < sizeof others / sizeof *others; i++)
				if (is_el(c, others[i]))
					*other = others[i];
		return IM_OK;
	}
	xmlNodePtr co = child(pt, "coordinates");
	xmlChar *t = co ? xmlNodeGetContent(co) : NULL;
	const char *s = t ? (const char *)t : "";
	double v[2];
	int n = 0;
	while (n < 2) {
		while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			s++;
		size_t len = strcspn(s, ", \t\n\r");
		if (!len || !im_io_parse_num(s, len, &v[n]))
			break;
		n++;
		s += len;
		if (*s == ',')
			s++;
	}
	xmlFree(t);
	if (n < 2)
		return im_error_set(err, IM_E_PARSE, w->name, w->line, 0,
				    "placemark %zu: a Point needs <coordinates>longitude,latitude</coordinates>",
				    w->index);
	json_object *g = json_object_new_object(), *c = json_object_new_array();
	if (!g || !c) {
		json_object_put(g);
		json_object_put(c);
		return im_error_set(err, IM_E_NOMEM, w->name, w->line, 0, "out of memory");
	}
	json_object_array_add(c, json_object_new_double(v[0]));
	json_object_array_add(c, json_object_new_double(v[1]));
	json_object_object_add(g, "type", json_object_new_string("Point"));
	json_object_object_add(g, "coordinates", c);
	*geom = g;
	return IM_OK;
}

/* One Placemark into inc; *skipped when it is not a point. */
static im_status placemark(im_io_reader *r, xmlNodePtr pm, long line, im_incident *inc,
			   int *skipped, im_error *err)
{
	im_io_where w = {r->in.name, line, 0, ++r->index};
	json_object *geom;
	const char *other;
	im_status st = geometry(pm, &geom, &other, &w, err);
	if (st)
		return st;
	if (other) {
		im_io_skip_warn(r, line, "placemark %zu is a %s, not a Point: skipped", r->index,
				other);
		*skipped = 1;
		return IM_OK;
	}
	json_object *f = json_object_new_object(), *props = json_object_new_object();
	st = f && props ? extended(props, child(pm, "ExtendedData")) : IM_E_NOMEM;
	st = st ? st : prop_text(props, "place", child(pm, "name"), 1);
	xmlNodePtr ts = child(pm, "TimeStamp");
	st = st ? st : prop_text(props, "event_date", child(ts, "when"), 1);
	if (st) {
		json_object_put(f);
		json_object_put(props);
		json_object_put(geom);
		return im_error_set(err, st, r->in.name, line, 0, "out of memory");
	}
	json_object_object_add(f, "type", json_object_new_string("Feature"));
	json_object_object_add(f, "geometry", geom);
	json_object_object_add(f, "properties", props);
	const char *why;
	st = im_io_from_feature(f, &w, inc, skipped, &why, err);
	json_object_put(f);
	return st;
}

static im_status xml_error(im_io_reader *r, im_error *err)
{
	struct im_io_kmlr *k = r->kml;
	if (r->in.ioerr)
		return im_error_set(err, IM_E_IO, r->in.name, 0, 0, "read error: %s",
				    strerror(r->in.ioerr));
	/* libxml2's streaming parser says "Extra content" where the text
	 * simply stops inside the document. */
	if (k->root_seen && !k->root_closed && strstr(k->msg, "Extra content at the end"))
		return im_error_set(err, IM_E_PARSE, r->in.name, k->msg_line, 0,
				    "unexpected end of file inside <kml> (truncated KML?)");
	return im_error_set(err, IM_E_PARSE, r->in.name, k->msg_line, 0, "not well-formed KML: %s",
			    k->msg[0] ? k->msg : "the XML parser gave up");
}

im_status im_io_kml_next(im_io_reader *r, im_incident *inc, int *done, im_error *err)
{
	if (r->finished) {
		*done = 1;
		return IM_OK;
	}
	im_status st;
	if (!r->kml && (st = kml_open(r, err)))
		return st;
	struct im_io_kmlr *k = r->kml;
	for (;;) {
		int ret = k->after ? xmlTextReaderNext(k->xr) : xmlTextReaderRead(k->xr);
		k->after = 0;
		for (; ret == 1; ret = xmlTextReaderRead(k->xr)) {
			int type = xmlTextReaderNodeType(k->xr);
			if (xmlTextReaderDepth(k->xr) == 0 &&
			    (type == XML_READER_TYPE_END_ELEMENT ||
			     (type == XML_READER_TYPE_ELEMENT && xmlTextReaderIsEmptyElement(k->xr))))
				k->root_closed = 1;
			if (type != XML_READER_TYPE_ELEMENT)
				continue;
			const char *name = (const char *)xmlTextReaderConstLocalName(k->xr);
			xmlNodePtr cur = xmlTextReaderCurrentNode(k->xr);
			long line = cur ? xmlGetLineNo(cur) : -1;
			if (line <= 0)
				line = xmlTextReaderGetParserLineNumber(k->xr);
			if (!k->root_seen) {
				k->root_seen = 1;
				if (!name || strcmp(name, "kml") != 0)
					return im_error_set(err, IM_E_PARSE, r->in.name, line, 0,
							    "the root element is <%.40s>, not <kml>: not a KML file",
							    name ? name : "?");
				continue;
			}
			if (!name || strcmp(name, "Placemark") != 0)
				continue;
			xmlNodePtr pm = xmlTextReaderExpand(k->xr);
			if (!pm)
				return xml_error(r, err);
			int skipped = 0;
			st = placemark(r, pm, line, inc, &skipped, err);
			k->after = 1;
			if (st)
				return st;
			if (!skipped)
				return IM_OK;
			break;
		}
		if (k->after)
			continue;
		if (ret < 0 || k->msg[0])
			return xml_error(r, err);
		break;
	}
	if (!k->root_seen)
		return im_error_set(err, IM_E_PARSE, r->in.name, 0, 0,
				    "empty file: expected a KML document");
	r->finished = 1;
	im_io_skip_summary(r);
	*done = 1;
	return IM_OK;
}
