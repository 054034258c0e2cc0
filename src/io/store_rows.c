/* store_rows.c: rows of statement parameters held in one buffer, so that
 * a GeoPackage write binds them without copies once they are all there,
 * several rows to one INSERT: most of a row's cost in SQLite is the
 * statement run for it, not the row itself. */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

enum { CELL_NULL, CELL_INT, CELL_REAL, CELL_TEXT, CELL_BLOB };

struct im_rows_cell {
	int type;
	int len;    /* bytes of a text or blob */
	size_t off; /* where its bytes start in the buffer */
	sqlite3_int64 i;
	double d;
};

im_status im_rows_init(im_rows *r, int cols, int per_stmt)
{
	memset(r, 0, sizeof *r);
	r->cols = cols;
	r->per_stmt = per_stmt;
	r->cells = calloc((size_t)cols * (size_t)per_stmt, sizeof *r->cells);
	return r->cells ? IM_OK : IM_E_NOMEM;
}

void im_rows_free(im_rows *r)
{
	sqlite3_finalize(r->many);
	sqlite3_finalize(r->one);
	free(r->cells);
	im_buf_free(&r->bytes);
	memset(r, 0, sizeof *r);
}

/* The next cell of the row being filled. */
static im_rows_cell *next_cell(im_rows *r)
{
	return &r->cells[r->n * (size_t)r->cols + (size_t)r->col++];
}

void im_rows_null(im_rows *r)
{
	next_cell(r)->type = CELL_NULL;
}

void im_rows_int(im_rows *r, sqlite3_int64 v)
{
	im_rows_cell *c = next_cell(r);
	c->type = CELL_INT;
	c->i = v;
}

void im_rows_real(im_rows *r, double v)
{
	im_rows_cell *c = next_cell(r);
	c->type = CELL_REAL;
	c->d = v;
}

static void put_bytes(im_rows *r, int type, const void *p, size_t n)
{
	im_rows_cell *c = next_cell(r);
	c->type = type;
	c->off = r->bytes.len;
	c->len = (int)n;
	if (im_buf_append(&r->bytes, p, n))
		r->st = IM_E_NOMEM;
}

void im_rows_text(im_rows *r, const char *s)
{
	if (s)
		put_bytes(r, CELL_TEXT, s, strlen(s));
	else
		im_rows_null(r);
}

void im_rows_blob(im_rows *r, const void *p, size_t n)
{
	put_bytes(r, CELL_BLOB, p, n);
}

im_buf *im_rows_text_begin(im_rows *r)
{
	im_rows_cell *c = next_cell(r);
	c->type = CELL_TEXT;
	c->off = r->bytes.len;
	return &r->bytes;
}

void im_rows_text_end(im_rows *r)
{
	im_rows_cell *c = &r->cells[r->n * (size_t)r->cols + (size_t)r->col - 1];
	c->len = (int)(r->bytes.len - c->off);
}

int im_rows_end(im_rows *r)
{
	r->col = 0;
	r->n++;
	return r->n == (size_t)r->per_stmt;
}

void im_rows_bind(const im_rows *r, sqlite3_stmt *q, size_t row, int first)
{
	const im_rows_cell *c = &r->cells[row * (size_t)r->cols];
	for (int k = 0; k < r->cols; k++, c++) {
		int i = first + k;
		const char *p = c->len ? r->bytes.p + c->off : "";
		switch (c->type) {
		case CELL_INT:
			sqlite3_bind_int64(q, i, c->i);
			break;
		case CELL_REAL:
			sqlite3_bind_double(q, i, c->d);
			break;
		case CELL_TEXT:
			sqlite3_bind_text(q, i, p, c->len, SQLITE_STATIC);
			break;
		case CELL_BLOB:
			sqlite3_bind_blob(q, i, p, c->len, SQLITE_STATIC);
			break;
		default:
			sqlite3_bind_null(q, i);
		}
	}
}

/* "head (?, ..., ?), ..." for n rows of r's columns. */
static sqlite3_stmt *prepare_rows(im_store *s, const im_rows *r, const char *head, int n,
				  im_error *err)
{
	im_buf sql = IM_BUF_INIT;
	im_status st = im_buf_puts(&sql, head);
	for (int i = 0; !st && i < n; i++) {
		st = im_buf_puts(&sql, i ? ", (?" : " (?");
		for (int k = 1; !st && k < r->cols; k++)
			st = im_buf_puts(&sql, ", ?");
		st = st ? st : im_buf_putc(&sql, ')');
	}
	sqlite3_stmt *q = st ? NULL : im_store_prepare(s, sql.p, err);
	if (st)
		im_error_set(err, IM_E_NOMEM, s->path, 0, 0, "out of memory");
	im_buf_free(&sql);
	return q;
}

static im_status run(im_store *s, sqlite3_stmt *q, im_error *err)
{
	im_status st = sqlite3_step(q) == SQLITE_DONE ? IM_OK
						      : im_store_sql_error(s, err, "cannot write");
	sqlite3_reset(q);
	return st;
}

im_status im_rows_run(im_store *s, im_rows *r, const char *head, im_error *err)
{
	im_status st = IM_OK;
	if (r->n == (size_t)r->per_stmt) {
		if (!r->many && !(r->many = prepare_rows(s, r, head, r->per_stmt, err)))
			return IM_E_IO;
		for (size_t i = 0; i < r->n; i++)
			im_rows_bind(r, r->many, i, 1 + (int)i * r->cols);
		st = run(s, r->many, err);
	} else {
		if (r->n && !r->one && !(r->one = prepare_rows(s, r, head, 1, err)))
			return IM_E_IO;
		for (size_t i = 0; !st && i < r->n; i++) {
			im_rows_bind(r, r->one, i, 1);
			st = run(s, r->one, err);
		}
	}
	return st;
}

im_status im_rows_flush(im_store *s, im_rows *r, const char *head, im_error *err)
{
	im_status st = im_rows_run(s, r, head, err);
	im_rows_clear(r);
	return st;
}

void im_rows_clear(im_rows *r)
{
	r->n = 0;
	r->col = 0;
	r->st = IM_OK;
	im_buf_reset(&r->bytes);
}
