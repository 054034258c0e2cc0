/* kml.c: incidents as OGC KML 2.2 for Google Earth, and KMZ (the same
 * document zipped by libzip): a folder per event type, a Placemark per
 * incident styled from the one symbology table (style.h), sized by
 * fatalities, with a TimeStamp, an HTML description and every property in
 * ExtendedData so that `convert` reads the file back (kml_read.c).
 * Placemarks go to one temporary file per type while they come, and the
 * document is put together at the end: memory stays flat. */
#include "io_int.h"
#include "../style/style.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

/* Marker sizes are kept to half-millimetre steps: one shared style per
 * type and step. */
#define SIZE_STEPS 64

struct im_io_kml {
	FILE **part;          /* per style row: its placemarks so far */
	size_t *count;        /* per style row */
	unsigned char *used;  /* [row * SIZE_STEPS + step]: a style to write */
	im_buf b;
};

static int size_step(int fatalities)
{
	long k = lround(im_style_size_mm(fatalities) * 2.0);
	return k < 0 ? 0 : k >= SIZE_STEPS ? SIZE_STEPS - 1 : (int)k;
}

/* The icon of Google Earth's "shapes" set nearest the table's shape: white
 * icons, which the style tints with the type's colour. */
static const char *icon_for(im_shape s)
{
	switch (s) {
	case IM_SHAPE_DIAMOND: return "open-diamond.png";
	case IM_SHAPE_TRIANGLE: return "triangle.png";
	case IM_SHAPE_SQUARE: return "square.png";
	case IM_SHAPE_PENTAGON: return "polygon.png";
	case IM_SHAPE_STAR: return "star.png";
	case IM_SHAPE_CIRCLE: break;
	}
	return "placemark_circle.png";
}

im_status im_io_kml_new(im_io_kml **out)
{
	*out = NULL;
	im_io_kml *k = calloc(1, sizeof *k);
	if (!k || !(k->part = calloc(im_n_styles, sizeof *k->part)) ||
	    !(k->count = calloc(im_n_styles, sizeof *k->count)) ||
	    !(k->used = calloc(im_n_styles * SIZE_STEPS, 1))) {
		im_io_kml_free(k);
		return IM_E_NOMEM;
	}
	*out = k;
	return IM_OK;
}

void im_io_kml_free(im_io_kml *k)
{
	if (!k)
		return;
	for (size_t i = 0; k->part && i < im_n_styles; i++)
		if (k->part[i])
			fclose(k->part[i]);
	free(k->part);
	free(k->count);
	free(k->used);
	im_buf_free(&k->b);
	free(k);
}

static int is_web_link(const char *u)
{
	return u && (strncmp(u, "https://", 8) == 0 || strncmp(u, "http://", 7) == 0);
}

/* The HTML map's wording (src/render/html/map.js) for the precisions. */
static const char *precision_text(int p)
{
	return p == 1 ? "the place itself" : p == 2 ? "near the place or part of it"
						    : "the province or region only";
}

static const char *time_precision_text(int p)
{
	return p == 1 ? "the day" : p == 2 ? "the week, or approximate" : "the month or vaguer";
}

/* "<b>label:</b> " */
static im_status html_label(im_buf *b, const char *label)
{
	return im_buf_printf(b, "<b>%s:</b> ", label);
}

/* "&ldquo;text&rdquo;" with text escaped, after a space. */
static im_status html_quoted(im_buf *b, const char *text)
{
	im_status st = im_buf_puts(b, " (\xE2\x80\x9C");
	st = st ? st : im_buf_xml_str(b, text);
	return st ? st : im_buf_puts(b, "\xE2\x80\x9D)");
}

static im_status html_count(im_buf *b, const char *label, int v)
{
	im_status st = html_label(b, label);
	if (st)
		return st;
	if (v == IM_NULL_INT)
		return im_buf_puts(b, "not reported<br>");
	return im_buf_printf(b, "%d<br>", v);
}

/* Type and sub-type, as the popup's head. */
static im_status html_head(im_buf *b, const im_incident *inc)
{
	im_status st = im_buf_puts(b, "<b>");
	st = st ? st : im_buf_xml_str(b, im_style_for(inc->event_type)->label);
	if (!st && inc->sub_event_type) {
		st = im_buf_puts(b, " \xE2\x80\x94 ");
		st = st ? st : im_buf_xml_str(b, inc->sub_event_type);
	}
	return st ? st : im_buf_puts(b, "</b><br>");
}

/* Date: the day, as written, and how precise. */
static im_status html_date(im_buf *b, const im_incident *inc)
{
	char date[11];
	im_status st = html_label(b, "Date");
	if (!st && inc->event_date.y) {
		im_date_format(inc->event_date, date);
		st = im_buf_puts(b, date);
	} else if (!st) {
		st = im_buf_puts(b, "date unknown");
	}
	if (!st && inc->date_text)
		st = html_quoted(b, inc->date_text);
	if (!st && inc->time_precision >= 1 && inc->time_precision <= 3)
		st = im_buf_printf(b, ", to %s", time_precision_text(inc->time_precision));
	return st ? st : im_buf_puts(b, "<br>");
}

/* Place: the name, as written when it differs, province and country; then
 * how precisely it is located. */
static im_status html_place(im_buf *b, const im_incident *inc)
{
	const char *name = inc->place ? inc->place : inc->place_text;
	im_status st = html_label(b, "Place");
	st = st ? st : im_buf_xml_str(b, name ? name : "unnamed place");
	if (!st && inc->place && inc->place_text && strcmp(inc->place, inc->place_text) != 0)
		st = html_quoted(b, inc->place_text);
	const char *admin[] = {inc->admin1, inc->country};
	for (size_t i = 0; !st && i < 2; i++)
		if (admin[i]) {
			st = im_buf_puts(b, ", ");
			st = st ? st : im_buf_xml_str(b, admin[i]);
		}
	st = st ? st : im_buf_puts(b, "<br>");
	if (!st && inc->geo_precision >= 1 && inc->geo_precision <= 3) {
		st = html_label(b, "Located to");
		st = st ? st : im_buf_printf(b, "%s<br>", precision_text(inc->geo_precision));
	}
	return st;
}

static im_status html_actors(im_buf *b, const im_incident *inc)
{
	im_status st = inc->n_actors ? html_label(b, "Actors") : IM_OK;
	for (size_t i = 0; !st && i < inc->n_actors; i++) {
		st = i ? im_buf_puts(b, "; ") : IM_OK;
		st = st ? st : im_buf_xml_str(b, inc->actors[i]);
	}
	return st || !inc->n_actors ? st : im_buf_puts(b, "<br>");
}

/* One source: a link when its URL is http(s), else text; its date. */
static im_status html_source(im_buf *b, const im_source *s)
{
	const char *text = s->title ? s->title : s->url ? s->url : s->file ? s->file : "report";
	im_status st = im_buf_puts(b, "<li>");
	if (!st && is_web_link(s->url)) {
		st = im_buf_puts(b, "<a href=\"");
		st = st ? st : im_buf_xml_str(b, s->url);
		st = st ? st : im_buf_puts(b, "\">");
		st = st ? st : im_buf_xml_str(b, text);
		st = st ? st : im_buf_puts(b, "</a>");
	} else {
		st = st ? st : im_buf_xml_str(b, text);
	}
	if (!st && s->date) {
		st = im_buf_puts(b, " (");
		st = st ? st : im_buf_xml_str(b, s->date);
		st = st ? st : im_buf_puts(b, ")");
	}
	return st ? st : im_buf_puts(b, "</li>");
}

/* The popup: the fields of the HTML map's, in its order and words: type
 * and sub-type, date, place and precision, killed and injured, actors, the
 * quoted sentence, the sources as links, the id. */
im_status im_io_kml_description(im_buf *b, const im_incident *inc)
{
	im_status st = html_head(b, inc);
	st = st ? st : html_date(b, inc);
	st = st ? st : html_place(b, inc);
	st = st ? st : html_count(b, "Killed", inc->fatalities);
	st = st ? st : html_count(b, "Injured", inc->injuries);
	st = st ? st : html_actors(b, inc);
	if (!st && inc->notes) {
		st = im_buf_puts(b, "<blockquote>");
		st = st ? st : im_buf_xml_str(b, inc->notes);
		st = st ? st : im_buf_puts(b, "</blockquote>");
	}
	if (!st && inc->n_sources)
		st = im_buf_puts(b, inc->n_sources > 1 ? "<b>Sources:</b><ul>" : "<b>Source:</b><ul>");
	for (size_t i = 0; !st && i < inc->n_sources; i++)
		st = html_source(b, &inc->sources[i]);
	st = st || !inc->n_sources ? st : im_buf_puts(b, "</ul>");
	if (!st && inc->id) {
		st = im_buf_puts(b, "<small>");
		st = st ? st : im_buf_xml_str(b, inc->id);
		st = st ? st : im_buf_puts(b, "</small>");
	}
	return st;
}

static im_status data_str(im_buf *b, const char *name, const char *v)
{
	if (!v)
		return IM_OK;
	im_status st = im_buf_printf(b, "<Data name=\"%s\"><value>", name);
	st = st ? st : im_buf_xml_str(b, v);
	return st ? st : im_buf_puts(b, "</value></Data>");
}

static im_status data_int(im_buf *b, const char *name, int v)
{
	if (v == IM_NULL_INT)
		return IM_OK;
	return im_buf_printf(b, "<Data name=\"%s\"><value>%d</value></Data>", name, v);
}

/* Every property, for the reader: absent is null, as in GeoJSON. */
static im_status extended_data(im_buf *b, const im_incident *inc)
{
	im_buf t = IM_BUF_INIT;
	char date[11];
	im_status st = im_buf_puts(b, "<ExtendedData>");
	st = st ? st : data_str(b, "id", inc->id);
	if (!st && inc->event_date.y) {
		im_date_format(inc->event_date, date);
		st = data_str(b, "event_date", date);
	}
	st = st ? st : data_int(b, "time_precision", inc->time_precision);
	st = st ? st : data_str(b, "date_text", inc->date_text);
	st = st ? st : data_str(b, "event_type", inc->event_type);
	st = st ? st : data_str(b, "sub_event_type", inc->sub_event_type);
	st = st ? st : data_str(b, "place", inc->place);
	st = st ? st : data_str(b, "place_text", inc->place_text);
	st = st ? st : data_str(b, "admin1", inc->admin1);
	st = st ? st : data_str(b, "country", inc->country);
	st = st ? st : data_int(b, "geo_precision", inc->geo_precision);
	st = st ? st : data_str(b, "gazetteer_id", inc->gazetteer_id);
	st = st ? st : data_int(b, "fatalities", inc->fatalities);
	st = st ? st : data_int(b, "injuries", inc->injuries);
	if (!st && inc->n_actors) {
		st = im_io_putc(&t, '[');
		for (size_t i = 0; !st && i < inc->n_actors; i++) {
			st = i ? im_io_putc(&t, ',') : IM_OK;
			st = st ? st : im_io_json_str(&t, inc->actors[i]);
		}
		st = st ? st : im_io_putc(&t, ']');
		st = st ? st : data_str(b, "actors", t.p);
		im_buf_reset(&t);
	}
	if (!st && inc->n_sources) {
		st = im_io_sources_to_json(&t, inc);
		st = st ? st : data_str(b, "sources", t.p);
	}
	st = st ? st : data_str(b, "notes", inc->notes);
	if (!st) {
		st = im_buf_puts(b, "<Data name=\"confidence\"><value>");
		st = st ? st : im_io_num(b, inc->confidence, 1);
		st = st ? st : im_buf_puts(b, "</value></Data>");
	}
	im_buf_free(&t);
	return st ? st : im_buf_puts(b, "</ExtendedData>");
}

/* The balloon as a CDATA section, a third smaller than the HTML escaped
 * again. Its text is escaped HTML, so "]]>" cannot occur in it; were it
 * to, the section would be split there all the same. */
static im_status description(im_buf *b, const im_incident *inc)
{
	im_buf html = IM_BUF_INIT;
	im_status st = im_io_kml_description(&html, inc);
	st = st ? st : im_buf_puts(b, "<![CDATA[");
	const char *p = html.p ? html.p : "", *end;
	while (!st && (end = strstr(p, "]]>"))) {
		st = im_buf_append(b, p, (size_t)(end - p));
		st = st ? st : im_buf_puts(b, "]]]]><![CDATA[>");
		p = end + 3;
	}
	st = st ? st : im_buf_puts(b, p);
	im_buf_free(&html);
	return st ? st : im_buf_puts(b, "]]>");
}

static im_status placemark(im_buf *b, const im_incident *inc, size_t row, int step)
{
	const char *name = inc->place ? inc->place : inc->place_text ? inc->place_text
								      : "(no place)";
	im_status st = im_buf_puts(b, "<Placemark><name>");
	st = st ? st : im_buf_xml_str(b, name);
	st = st ? st : im_buf_puts(b, "</name>");
	if (!st && inc->event_date.y) {
		char date[11];
		im_date_format(inc->event_date, date);
		st = im_buf_printf(b, "<TimeStamp><when>%s</when></TimeStamp>", date);
	}
	st = st ? st : im_buf_printf(b, "<styleUrl>#t%zu-%d</styleUrl><description>", row, step);
	st = st ? st : description(b, inc);
	st = st ? st : im_buf_puts(b, "</description>");
	st = st ? st : extended_data(b, inc);
	if (!st && inc->has_point) {
		st = im_buf_puts(b, "<Point><coordinates>");
		st = st ? st : im_io_num(b, inc->lon, 0);
		st = st ? st : im_io_putc(b, ',');
		st = st ? st : im_io_num(b, inc->lat, 0);
		st = st ? st : im_buf_puts(b, "</coordinates></Point>");
	}
	return st ? st : im_buf_puts(b, "</Placemark>\n");
}

im_status im_io_kml_add(im_io_kml *k, const im_incident *inc, const char *path, im_error *err)
{
	size_t row = (size_t)(im_style_for(inc->event_type) - im_styles);
	int step = size_step(inc->fatalities);
	im_buf_reset(&k->b);
	im_status st = placemark(&k->b, inc, row, step);
	if (st)
		return im_error_set(err, st, path, 0, 0, "%s", im_status_str(st));
	if (!k->part[row] && !(k->part[row] = tmpfile()))
		return im_error_set(err, IM_E_IO, path, 0, 0, "cannot make a temporary file: %s",
				    strerror(errno));
	if (fwrite(k->b.p, 1, k->b.len, k->part[row]) != k->b.len)
		return im_error_set(err, IM_E_IO, path, 0, 0, "cannot write a temporary file: %s",
				    strerror(errno ? errno : EIO));
	k->used[row * SIZE_STEPS + (size_t)step] = 1;
	k->count[row]++;
	return IM_OK;
}

static im_status styles(im_buf *b, const im_io_kml *k)
{
	im_status st = IM_OK;
	for (size_t row = 0; !st && row < im_n_styles; row++) {
		const im_style *s = &im_styles[row];
		for (int step = 0; !st && step < SIZE_STEPS; step++) {
			if (!k->used[row * SIZE_STEPS + (size_t)step])
				continue;
			/* KML colours are aabbggrr; 5.2 mm is a scale of 1 (about
			 * the size Google Earth draws its icons). */
			st = im_buf_printf(b,
					   "<Style id=\"t%zu-%d\"><IconStyle><color>ff%02x%02x%02x</color>"
					   "<scale>%.2f</scale><Icon><href>https://maps.google.com/mapfiles/"
					   "kml/shapes/%s</href></Icon></IconStyle>"
					   "<LabelStyle><scale>0</scale></LabelStyle></Style>\n",
					   row, step, s->b, s->g, s->r, step / 2.0 / 5.2, icon_for(s->shape));
		}
	}
	return st;
}

static im_status put(FILE *out, const im_buf *b, const char *path, im_error *err)
{
	if (b->len && fwrite(b->p, 1, b->len, out) != b->len)
		return im_error_set(err, IM_E_IO, path, 0, 0, "cannot write: %s",
				    strerror(errno ? errno : EIO));
	return IM_OK;
}

/* Copies what a temporary file holds to out. */
static im_status append_part(FILE *out, FILE *part, const char *path, im_error *err)
{
	char chunk[1 << 15];
	size_t n;
	rewind(part);
	while ((n = fread(chunk, 1, sizeof chunk, part)) > 0)
		if (fwrite(chunk, 1, n, out) != n)
			return im_error_set(err, IM_E_IO, path, 0, 0, "cannot write: %s",
					    strerror(errno ? errno : EIO));
	if (ferror(part))
		return im_error_set(err, IM_E_IO, path, 0, 0, "cannot read a temporary file back");
	return IM_OK;
}

/* The whole document to out. */
static im_status document(im_io_kml *k, FILE *out, const char *path, im_error *err)
{
	im_buf *b = &k->b;
	im_buf_reset(b);
	im_status st = im_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
				      "<kml xmlns=\"http://www.opengis.net/kml/2.2\">\n"
				      "<Document><name>Incidents</name><open>1</open>\n");
	st = st ? st : styles(b, k);
	if (st)
		return im_error_set(err, st, path, 0, 0, "%s", im_status_str(st));
	if ((st = put(out, b, path, err)))
		return st;
	for (size_t row = 0; row < im_n_styles; row++) {
		if (!k->count[row])
			continue;
		im_buf_reset(b);
		st = im_buf_puts(b, "<Folder><name>");
		st = st ? st : im_buf_xml_str(b, im_styles[row].label);
		st = st ? st : im_buf_printf(b, " (%zu)</name>\n", k->count[row]);
		if (st)
			return im_error_set(err, st, path, 0, 0, "%s", im_status_str(st));
		if ((st = put(out, b, path, err)) || (st = append_part(out, k->part[row], path, err)))
			return st;
		if (fputs("</Folder>\n", out) == EOF)
			return im_error_set(err, IM_E_IO, path, 0, 0, "cannot write: %s",
					    strerror(errno ? errno : EIO));
	}
	if (fputs("</Document>\n</kml>\n", out) == EOF)
		return im_error_set(err, IM_E_IO, path, 0, 0, "cannot write: %s",
				    strerror(errno ? errno : EIO));
	return IM_OK;
}

static im_status zip_fail(const char *path, const char *what, zip_error_t *ze, im_error *err)
{
	return im_error_set(err, IM_E_IO, path, 0, 0, "cannot make the KMZ (%s): %s", what,
			    zip_error_strerror(ze));
}

/* A KMZ: the document as doc.kml, deflated, in a zip built in memory
 * (libzip) and then written to out. */
static im_status kmz(im_io_kml *k, FILE *out, const char *path, im_error *err)
{
	FILE *doc = tmpfile();
	if (!doc)
		return im_error_set(err, IM_E_IO, path, 0, 0, "cannot make a temporary file: %s",
				    strerror(errno));
	im_status st = document(k, doc, path, err);
	if (!st && fflush(doc) != 0)
		st = im_error_set(err, IM_E_IO, path, 0, 0, "cannot write a temporary file: %s",
				  strerror(errno));
	if (st) {
		fclose(doc);
		return st;
	}
	rewind(doc);
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *mem = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_t *za = mem ? zip_open_from_source(mem, ZIP_TRUNCATE, &ze) : NULL;
	if (!za) {
		st = zip_fail(path, "open", &ze, err);
		zip_source_free(mem);
		fclose(doc);
		zip_error_fini(&ze);
		return st;
	}
	zip_source_keep(mem);
	zip_source_t *src = zip_source_filep(za, doc, 0, -1);
	if (!src) {
		fclose(doc);
		st = zip_fail(path, "doc.kml", zip_get_error(za), err);
	} else if (zip_file_add(za, "doc.kml", src, ZIP_FL_ENC_UTF_8) < 0) {
		zip_source_free(src);
		st = zip_fail(path, "doc.kml", zip_get_error(za), err);
	}
	if (st) {
		zip_discard(za);
	} else if (zip_close(za) < 0) {
		st = zip_fail(path, "close", zip_get_error(za), err);
		zip_discard(za);
	}
	if (!st && zip_source_open(mem) < 0)
		st = zip_fail(path, "read", zip_source_error(mem), err);
	if (!st) {
		char chunk[1 << 15];
		zip_int64_t n;
		while (!st && (n = zip_source_read(mem, chunk, sizeof chunk)) > 0)
			if (fwrite(chunk, 1, (size_t)n, out) != (size_t)n)
				st = im_error_set(err, IM_E_IO, path, 0, 0, "cannot write: %s",
						  strerror(errno ? errno : EIO));
		zip_source_close(mem);
	}
	zip_source_free(mem);
	zip_error_fini(&ze);
	return st;
}

im_status im_io_kml_finish(im_io_kml *k, FILE *out, int zipped, const char *path, im_error *err)
{
	return zipped ? kmz(k, out, path, err) : document(k, out, path, err);
}
