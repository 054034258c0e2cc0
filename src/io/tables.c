/* tables.c: the briefing pack's tables as CSV (tables.h; columns in
 * docs/brief.md). Figures no report gave are empty cells, not zeros. */
#include "tables.h"
#include "../core/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static im_status num(im_buf *b, long long v, size_t known)
{
	return known ? im_buf_printf(b, ",%lld", v) : im_buf_putc(b, ',');
}

static im_status sum_row(im_buf *b, const char *table, const im_sum_row *r)
{
	im_status st = im_buf_puts(b, table);
	st = st ? st : im_buf_putc(b, ',');
	st = st ? st : im_buf_csv_field(b, r->country);
	st = st ? st : im_buf_putc(b, ',');
	st = st ? st : im_buf_csv_field(b, r->name ? r->name : "");
	st = st ? st : im_buf_printf(b, ",%zu", r->incidents);
	st = st ? st : num(b, r->fatalities, r->fat_known);
	st = st ? st : num(b, r->injuries, r->inj_known);
	return st ? st : im_buf_puts(b, "\r\n");
}

static im_status summary_csv(const im_summary *s, im_buf *b)
{
	im_status st = im_buf_puts(b, "table,country,name,incidents,fatalities,injuries\r\n");
	for (size_t i = 0; !st && i < s->n_types; i++)
		st = sum_row(b, "type", &s->types[i]);
	for (size_t i = 0; !st && i < s->n_provinces; i++)
		st = sum_row(b, "province", &s->provinces[i]);
	return st ? st : sum_row(b, "total", &s->total);
}

static im_status int_cell(im_buf *b, int v)
{
	return v == IM_NULL_INT ? im_buf_putc(b, ',') : im_buf_printf(b, ",%d", v);
}

static im_status str_cell(im_buf *b, const char *s)
{
	im_status st = im_buf_putc(b, ',');
	return st ? st : im_buf_csv_field(b, s ? s : "");
}

static im_status incident_row(im_buf *b, const im_incident *inc)
{
	char d[11] = "";
	if (inc->event_date.y)
		im_date_format(inc->event_date, d);
	im_buf actors = IM_BUF_INIT;
	im_status st = IM_OK;
	for (size_t i = 0, k = 0; !st && i < inc->n_actors; i++)
		if (inc->actors[i][0])
			st = im_buf_printf(&actors, "%s%s", k++ ? "; " : "", inc->actors[i]);
	const im_source *src = inc->n_sources ? &inc->sources[0] : NULL;
	st = st ? st : im_buf_csv_field(b, inc->id ? inc->id : "");
	st = st ? st : str_cell(b, d);
	st = st ? st
	        : str_cell(b, inc->place_text && *inc->place_text ? inc->place_text : inc->place);
	st = st ? st : str_cell(b, inc->admin1);
	st = st ? st : str_cell(b, inc->country);
	st = st ? st : str_cell(b, inc->event_type);
	st = st ? st : str_cell(b, inc->sub_event_type);
	st = st ? st : int_cell(b, inc->fatalities);
	st = st ? st : int_cell(b, inc->injuries);
	st = st ? st : str_cell(b, actors.p);
	st = st ? st : str_cell(b, src ? src->title : NULL);
	st = st ? st : str_cell(b, src ? (src->url ? src->url : src->file) : NULL);
	st = st ? st : im_buf_printf(b, ",%zu", inc->n_sources);
	st = st ? st : str_cell(b, inc->notes);
	im_buf_free(&actors);
	return st ? st : im_buf_puts(b, "\r\n");
}

static const char incidents_head[] = "id,event_date,place,admin1,country,event_type,"
                                     "sub_event_type,fatalities,injuries,actors,source_title,"
                                     "source_url,sources,notes\r\n";

/* Writes b to f when it has grown, or at the end (flush). */
static im_status spill(im_buf *b, im_afile *f, int flush, const char *path, im_error *err)
{
	if (!flush && b->len < (1u << 16))
		return IM_OK;
	if (b->len && fwrite(b->p, 1, b->len, im_afile_fp(f)) != b->len)
		return im_error_set(err, IM_E_IO, path, 0, 0, "cannot write");
	im_buf_reset(b);
	return IM_OK;
}

static im_status write_one(const char *dir, const char *name, const im_incident_list *l,
                           const im_summary *s, im_afile **out, im_error *err)
{
	char *path = im_path_join(dir, name);
	if (!path)
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	im_buf b = IM_BUF_INIT;
	im_status st = im_afile_open(path, out, err);
	if (!st && s)
		st = summary_csv(s, &b);
	else if (!st)
		st = im_buf_puts(&b, incidents_head);
	for (size_t i = 0; !st && !s && i < l->n; i++) {
		st = incident_row(&b, &l->v[i]);
		st = st == IM_OK ? spill(&b, *out, 0, path, err) : st;
	}
	if (st == IM_E_NOMEM && !err->code)
		im_error_set(err, st, NULL, 0, 0, "out of memory");
	st = st ? st : spill(&b, *out, 1, path, err);
	if (st && *out) {
		im_afile_abort(*out);
		*out = NULL;
	}
	im_buf_free(&b);
	free(path);
	return st;
}

im_status im_tables_write(const im_incident_list *l, const im_summary *s, const char *dir,
                          im_afile *out[2], im_error *err)
{
	out[0] = out[1] = NULL;
	im_error_clear(err);
	im_status st = im_mkdir_p(dir, err);
	st = st ? st : write_one(dir, "summary.csv", l, s, &out[0], err);
	st = st ? st : write_one(dir, "incidents.csv", l, NULL, &out[1], err);
	if (st && out[0]) {
		im_afile_abort(out[0]);
		out[0] = NULL;
	}
	return st;
}
