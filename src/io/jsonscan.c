/* jsonscan.c: buffered input that knows where it is, and a JSON scanner that
 * cuts one value out of a stream (a feature of a 2 GB FeatureCollection, a
 * sequence record) with exact positions for whatever is wrong in it, before
 * json-c builds the tree. */
#include "io_int.h"
#include "../core/utf8.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define IN_WINDOW 65536

im_status im_io_in_open(im_io_in *in, const char *path, im_error *err)
{
	memset(in, 0, sizeof *in);
	in->line = in->col = 1;
	int is_stdin = strcmp(path, "-") == 0;
	in->name = im_strdup(is_stdin ? "<stdin>" : path);
	in->buf = malloc(IN_WINDOW);
	if (!in->name || !in->buf) {
		im_io_in_close(in);
		return im_error_set(err, IM_E_NOMEM, path, 0, 0, "out of memory");
	}
	in->cap = IN_WINDOW;
	if (is_stdin) {
		in->fp = stdin;
		return IM_OK;
	}
	in->fp = fopen(path, "rb");
	if (!in->fp) {
		im_status st = im_error_set(err, IM_E_IO, path, 0, 0, "cannot open: %s",
					    strerror(errno));
		im_io_in_close(in);
		return st;
	}
	in->own_fp = 1;
	struct stat sb;
	if (fstat(fileno(in->fp), &sb) == 0 && S_ISDIR(sb.st_mode)) {
		im_io_in_close(in);
		return im_error_set(err, IM_E_IO, path, 0, 0, "is a folder, not a file");
	}
	return IM_OK;
}

im_status im_io_in_mem(im_io_in *in, const char *name, const void *data, size_t n,
		       im_error *err)
{
	memset(in, 0, sizeof *in);
	in->line = in->col = 1;
	if (!(in->name = im_strdup(name)))
		return im_error_set(err, IM_E_NOMEM, name, 0, 0, "out of memory");
	/* Never written through: the window of a memory input is the caller's. */
	in->buf = (unsigned char *)(uintptr_t)data;
	in->mem = 1;
	in->len = in->cap = n;
	in->eof = 1;
	return IM_OK;
}

void im_io_in_close(im_io_in *in)
{
	if (in->fp && in->own_fp)
		fclose(in->fp);
	if (!in->mem)
		free(in->buf);
	free(in->name);
	memset(in, 0, sizeof *in);
}

size_t im_io_in_fill(im_io_in *in, size_t want)
{
	while (in->len - in->pos < want && !in->eof && in->fp) {
		if (in->pos) {
			memmove(in->buf, in->buf + in->pos, in->len - in->pos);
			in->len -= in->pos;
			in->pos = 0;
		}
		size_t n = fread(in->buf + in->len, 1, in->cap - in->len, in->fp);
		if (n == 0) {
			if (ferror(in->fp))
				in->ioerr = errno ? errno : EIO;
			in->eof = 1;
		}
		in->len += n;
	}
	return in->len - in->pos;
}

void im_io_skip_ws(im_io_in *in, int rs)
{
	for (;;) {
		int c = im_io_peek(in);
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || (rs && c == 0x1E))
			im_io_adv(in);
		else
			return;
	}
}

void im_io_skip_bom(im_io_in *in)
{
	if (in->line == 1 && in->col == 1 && im_io_in_fill(in, 3) >= 3 &&
	    memcmp(in->buf + in->pos, "\xEF\xBB\xBF", 3) == 0)
		in->pos += 3;
}

void im_io_describe(int c, char *buf, size_t n)
{
	if (c < 0)
		snprintf(buf, n, "end of file");
	else if (c == 0x1E)
		snprintf(buf, n, "record separator (0x1E)");
	else if (c >= 0x21 && c < 0x7F)
		snprintf(buf, n, "'%c'", c);
	else if (c == ' ')
		snprintf(buf, n, "space");
	else
		snprintf(buf, n, "byte 0x%02X", (unsigned)c);
}

im_status im_io_eof_error(im_io_in *in, im_error *err, const char *what)
{
	if (in->ioerr)
		return im_error_set(err, IM_E_IO, in->name, in->line, in->col, "read error: %s",
				    strerror(in->ioerr));
	return im_error_set(err, IM_E_PARSE, in->name, in->line, in->col,
			    "unexpected end of file%s (truncated JSON?)", what);
}

/* ---- the scanner ---------------------------------------------------------- */

static im_status out_full(im_io_scan *s, im_io_in *in, im_status st, const char *what,
			  im_error *err)
{
	if (st == IM_E_TOO_LARGE)
		return im_error_set(err, st, in->name, s->line, s->col,
				    "%s larger than the limit of %zu MiB", what,
				    IM_IO_MAX_RECORD >> 20);
	return im_error_set(err, st, in->name, in->line, in->col, "out of memory");
}

static inline im_status out_put(im_io_scan *s, im_io_in *in, const void *p, size_t n,
				const char *what, im_error *err)
{
	im_status st = im_io_put(&s->out, p, n);
	return st ? out_full(s, in, st, what, err) : IM_OK;
}

static im_status unexpected(im_io_in *in, int c, const char *expected, im_error *err)
{
	char d[48], e[80];
	if (c < 0) {
		snprintf(e, sizeof e, "%s%s", *expected ? ", " : "", expected);
		return im_io_eof_error(in, err, e);
	}
	im_io_describe(c, d, sizeof d);
	if (c == 0x1E)
		return im_error_set(err, IM_E_PARSE, in->name, in->line, in->col,
				    "a record separator (0x1E) where JSON continues: the record before it is truncated");
	return im_error_set(err, IM_E_PARSE, in->name, in->line, in->col, "unexpected %s, %s",
			    d, expected);
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* A string, from its opening quote to its closing one. */
static im_status scan_string(im_io_in *in, im_io_scan *s, const char *what, im_error *err)
{
	im_status st;
	if ((st = out_put(s, in, "\"", 1, what, err)))
		return st;
	im_io_adv(in);
	for (;;) {
		/* Runs of plain ASCII go in one copy. */
		size_t avail = in->len - in->pos;
		if (!avail && !(avail = im_io_in_fill(in, 1)))
			return im_io_eof_error(in, err, " inside a string");
		const unsigned char *p = in->buf + in->pos;
		size_t k = 0;
		while (k < avail && p[k] >= 0x20 && p[k] < 0x80 && p[k] != '"' && p[k] != '\\')
			k++;
		if (k) {
			if ((st = out_put(s, in, p, k, what, err)))
				return st;
			in->pos += k;
			in->col += (long)k;
			continue;
		}
		int c = p[0];
		if (c == '"') {
			im_io_adv(in);
			return out_put(s, in, "\"", 1, what, err);
		}
		if (c == '\\') {
			if (im_io_in_fill(in, 2) < 2)
				return im_io_eof_error(in, err, " inside a string");
			int e = in->buf[in->pos + 1];
			size_t n = 2;
			if (e == 'u') {
				if (im_io_in_fill(in, 6) < 6)
					return im_io_eof_error(in, err, " inside a string");
				for (int i = 2; i < 6; i++)
					if (hexval(in->buf[in->pos + i]) < 0) {
						in->col += i;
						in->pos += (size_t)i;
						return unexpected(in, in->buf[in->pos],
								  "expected 4 hex digits after \\u", err);
					}
				n = 6;
				/* json-c would decode it and every reader cut the
				 * string there ("Bas\u0000ra" read as "Bas"): the
				 * same rule as a NUL byte in an article, refused. */
				if (memcmp(in->buf + in->pos + 2, "0000", 4) == 0)
					return im_error_set(err, IM_E_PARSE, in->name, in->line,
					                    in->col, "%s", IM_NUL_ESCAPE_MSG);
			} else if (!strchr("\"\\/bfnrt", e) || e == 0) {
				char d[48];
				im_io_describe(e, d, sizeof d);
				return im_error_set(err, IM_E_PARSE, in->name, in->line, in->col,
						    "invalid escape \\ followed by %s in a string", d);
			}
			if ((st = out_put(s, in, in->buf + in->pos, n, what, err)))
				return st;
			in->pos += n;
			in->col += (long)n;
			continue;
		}
		if (c < 0x20) {
			if (c == 0x1E)
				return unexpected(in, c, "", err);
			return im_error_set(err, IM_E_PARSE, in->name, in->line, in->col,
					    "control character 0x%02X in a string (it must be escaped)",
					    (unsigned)c);
		}
		/* Non-ASCII: one whole, valid UTF-8 sequence. */
		size_t have = im_io_in_fill(in, 4);
		size_t l = im_utf8_seq_len((const char *)in->buf + in->pos, have);
		if (l == 0)
			return im_error_set(err, IM_E_PARSE, in->name, in->line, in->col,
					    "invalid UTF-8 (byte 0x%02X) in a string",
					    (unsigned)in->buf[in->pos]);
		if ((st = out_put(s, in, in->buf + in->pos, l, what, err)))
			return st;
		in->pos += l;
		in->col++;
	}
}

static int is_token_char(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       c == '+' || c == '-' || c == '.';
}

/* RFC 8259 number: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)? */
static int json_number(const char *t, size_t n)
{
	size_t i = 0;
	if (i < n && t[i] == '-')
		i++;
	if (i >= n)
		return 0;
	if (t[i] == '0') {
		i++;
	} else if (t[i] >= '1' && t[i] <= '9') {
		while (i < n && t[i] >= '0' && t[i] <= '9')
			i++;
	} else {
		return 0;
	}
	if (i < n && t[i] == '.') {
		size_t d = ++i;
		while (i < n && t[i] >= '0' && t[i] <= '9')
			i++;
		if (i == d)
			return 0;
	}
	if (i < n && (t[i] == 'e' || t[i] == 'E')) {
		i++;
		if (i < n && (t[i] == '+' || t[i] == '-'))
			i++;
		size_t d = i;
		while (i < n && t[i] >= '0' && t[i] <= '9')
			i++;
		if (i == d)
			return 0;
	}
	return i == n;
}

/* true, false, null or a number. */
static im_status scan_token(im_io_in *in, im_io_scan *s, const char *what, im_error *err)
{
	char t[IM_IO_MAX_TOKEN + 1];
	size_t n = 0;
	long line = in->line, col = in->col;
	int c;
	while ((c = im_io_peek(in)) >= 0 && is_token_char(c)) {
		if (n == IM_IO_MAX_TOKEN)
			return im_error_set(err, IM_E_TOO_LARGE, in->name, line, col,
					    "number or literal longer than %d characters",
					    IM_IO_MAX_TOKEN);
		t[n++] = (char)c;
		im_io_adv(in);
	}
	t[n] = '\0';
	if (n == 0)
		return unexpected(in, c, "expected a value", err);
	if (strcmp(t, "true") == 0 || strcmp(t, "false") == 0 || strcmp(t, "null") == 0 ||
	    json_number(t, n))
		return out_put(s, in, t, n, what, err);
	const char *u = t[0] == '-' || t[0] == '+' ? t + 1 : t;
	if (strcasecmp(u, "nan") == 0 || strcasecmp(u, "infinity") == 0 ||
	    strcasecmp(u, "inf") == 0)
		return im_error_set(err, IM_E_PARSE, in->name, line, col,
				    "'%s' is not a JSON number (JSON has no NaN or Infinity)", t);
	if ((t[0] >= '0' && t[0] <= '9') || t[0] == '-' || t[0] == '+' || t[0] == '.')
		return im_error_set(err, IM_E_PARSE, in->name, line, col,
				    "invalid number '%s'", t);
	return im_error_set(err, IM_E_PARSE, in->name, line, col,
			    "invalid value '%s' (strings need double quotes)", t);
}

static uint64_t fnv64(const char *p, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)p[i];
		h *= 1099511628211ULL;
	}
	return h;
}

/* Keys of objects with more names than this are only checked by counting. */
#define KEYS_CHECKED 512

enum { S_VALUE, S_VALUE_OR_END, S_AFTER, S_KEY, S_KEY_OR_END, S_COLON };

/* The objects and arrays open around the scanner's position. */
typedef struct scan_nest {
	char kind[IM_IO_MAX_DEPTH];    /* '{' or '[' */
	size_t obj[IM_IO_MAX_DEPTH];   /* index into objs of each open object */
	size_t kbase[IM_IO_MAX_DEPTH]; /* where its names start in keys */
	int depth;
} scan_nest;

/* c, '{' or '[', opens an object or an array: pushed on nt and written
 * out; *state is what may come next. */
static im_status nest_open(im_io_in *in, im_io_scan *s, scan_nest *nt, int c, int *state,
			   const char *what, im_error *err)
{
	int depth = nt->depth;
	if (depth == IM_IO_MAX_DEPTH)
		return im_error_set(err, IM_E_TOO_LARGE, in->name, in->line, in->col,
				    "JSON nested deeper than %d levels", IM_IO_MAX_DEPTH);
	nt->kind[depth] = (char)c;
	if (c == '{') {
		if (im_grow(&s->objs, &s->cap_objs, s->n_objs + 1, sizeof *s->objs))
			return im_error_set(err, IM_E_NOMEM, in->name, in->line, in->col,
					    "out of memory");
		s->objs[s->n_objs] = (im_io_obj){0, in->line, in->col};
		nt->obj[depth] = s->n_objs++;
		nt->kbase[depth] = s->n_keys;
		*state = S_KEY_OR_END;
	} else {
		*state = S_VALUE_OR_END;
	}
	nt->depth++;
	im_status st = out_put(s, in, &nt->kind[depth], 1, what, err);
	if (!st)
		im_io_adv(in);
	return st;
}

/* The innermost object or array, closed by c: popped and written out. */
static im_status nest_close(im_io_in *in, im_io_scan *s, scan_nest *nt, int c, const char *what,
			    im_error *err)
{
	int depth = --nt->depth;
	if (nt->kind[depth] == '{')
		s->n_keys = nt->kbase[depth];
	im_status st = out_put(s, in, c == '}' ? "}" : "]", 1, what, err);
	if (!st)
		im_io_adv(in);
	return st;
}

/* A string, a number or a literal that starts with c, written out. */
static im_status scan_scalar(im_io_in *in, im_io_scan *s, int c, const char *what, im_error *err)
{
	if (c == '"')
		return scan_string(in, s, what, err);
	if (c >= 0 && is_token_char(c))
		return scan_token(in, s, what, err);
	return unexpected(in, c, "expected a value", err);
}

/* The member name that starts with c, written out, counted in its object
 * and, while the object has fewer than KEYS_CHECKED names, refused when
 * one before it has its bytes. */
static im_status scan_key(im_io_in *in, im_io_scan *s, const scan_nest *nt, int c,
			  const char *what, im_error *err)
{
	if (c != '"')
		return unexpected(in, c, "expected a member name in double quotes", err);
	long kline = in->line, kcol = in->col;
	size_t start = s->out.len + 1;
	im_status st = scan_string(in, s, what, err);
	if (st)
		return st;
	size_t klen = s->out.len - 1 - start;
	const char *kp = s->out.p + start;
	size_t kbase = nt->kbase[nt->depth - 1];
	s->objs[nt->obj[nt->depth - 1]].members++;
	if (s->n_keys - kbase >= KEYS_CHECKED)
		return IM_OK;
	uint64_t h = fnv64(kp, klen);
	for (size_t i = kbase; i < s->n_keys; i++)
		if (s->keys[i].hash == h && s->keys[i].len == klen &&
		    memcmp(s->out.p + s->keys[i].off, kp, klen) == 0)
			return im_error_set(err, IM_E_PARSE, in->name, kline, kcol,
					    "duplicate member name \"%.*s\"",
					    (int)(klen > 80 ? 80 : klen), kp);
	if (im_grow(&s->keys, &s->cap_keys, s->n_keys + 1, sizeof *s->keys))
		return im_error_set(err, IM_E_NOMEM, in->name, in->line, in->col, "out of memory");
	s->keys[s->n_keys++] = (im_io_key){start, klen, h};
	return IM_OK;
}

im_status im_io_scan_value(im_io_in *in, im_io_scan *s, const char *what, im_error *err)
{
	scan_nest nt;
	nt.depth = 0;
	int state = S_VALUE;
	im_status st;

	im_buf_reset(&s->out);
	s->out.max = IM_IO_MAX_RECORD;
	s->n_objs = s->n_keys = 0;
	s->line = in->line;
	s->col = in->col;
	for (;;) {
		int c = im_io_peek(in);
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			im_io_adv(in);
			continue;
		}
		switch (state) {
		case S_VALUE_OR_END:
			if (c == ']')
				goto close;
			/* fall through */
		case S_VALUE:
			if (c == '{' || c == '[') {
				if ((st = nest_open(in, s, &nt, c, &state, what, err)))
					return st;
				continue;
			}
			if ((st = scan_scalar(in, s, c, what, err)))
				return st;
			if (nt.depth == 0)
				return IM_OK;
			state = S_AFTER;
			continue;
		case S_AFTER: {
			char k = nt.kind[nt.depth - 1];
			if (c == ',') {
				if ((st = out_put(s, in, ",", 1, what, err)))
					return st;
				im_io_adv(in);
				state = k == '{' ? S_KEY : S_VALUE;
				continue;
			}
			if ((c == '}' && k == '{') || (c == ']' && k == '['))
				goto close;
			return unexpected(in, c, k == '{' ? "expected ',' or '}'" : "expected ',' or ']'",
					  err);
		}
		case S_KEY_OR_END:
			if (c == '}')
				goto close;
			/* fall through */
		case S_KEY:
			if ((st = scan_key(in, s, &nt, c, what, err)))
				return st;
			state = S_COLON;
			continue;
		case S_COLON:
			if (c != ':')
				return unexpected(in, c, "expected ':' after the member name", err);
			if ((st = out_put(s, in, ":", 1, what, err)))
				return st;
			im_io_adv(in);
			state = S_VALUE;
			continue;
		}
	close:
		if ((st = nest_close(in, s, &nt, c, what, err)))
			return st;
		if (nt.depth == 0)
			return IM_OK;
		state = S_AFTER;
	}
}

/* Pre-order walk comparing json-c's member counts with the scanner's: json-c
 * keeps one entry for a repeated name, so a shortfall is a duplicate that the
 * scanner's byte comparison missed ("a" and "\u0061"). */
static long count_walk(json_object *o, const im_io_scan *s, size_t *k)
{
	if (json_object_is_type(o, json_type_object)) {
		size_t me = (*k)++;
		if (me >= s->n_objs)
			return (long)me;
		if ((uint32_t)json_object_object_length(o) != s->objs[me].members)
			return (long)me;
		json_object_object_foreach(o, key, v)
		{
			(void)key;
			long bad = count_walk(v, s, k);
			if (bad >= 0)
				return bad;
		}
	} else if (json_object_is_type(o, json_type_array)) {
		size_t n = json_object_array_length(o);
		for (size_t i = 0; i < n; i++) {
			long bad = count_walk(json_object_array_get_idx(o, i), s, k);
			if (bad >= 0)
				return bad;
		}
	}
	return -1;
}

json_object *im_io_scan_parse(im_io_scan *s, const char *name, int *is_null,
			      im_error *err)
{
	*is_null = 0;
	if (!s->tok) {
		s->tok = json_tokener_new_ex(IM_IO_MAX_DEPTH + 2);
		if (!s->tok) {
			im_error_set(err, IM_E_NOMEM, name, s->line, s->col, "out of memory");
			return NULL;
		}
		json_tokener_set_flags(s->tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	}
	json_tokener_reset(s->tok);
	/* The terminating NUL goes in too, so that a bare number or literal ends. */
	json_object *o = json_tokener_parse_ex(s->tok, s->out.p, (int)s->out.len + 1);
	enum json_tokener_error je = json_tokener_get_error(s->tok);
	if (je != json_tokener_success) {
		json_object_put(o);
		im_error_set(err, IM_E_PARSE, name, s->line, s->col, "invalid JSON: %s",
			     json_tokener_error_desc(je));
		return NULL;
	}
	if (!o) {
		*is_null = 1;
		return NULL;
	}
	size_t k = 0;
	long bad = count_walk(o, s, &k);
	if (bad >= 0) {
		json_object_put(o);
		const im_io_obj *ob = (size_t)bad < s->n_objs ? &s->objs[bad] : NULL;
		im_error_set(err, IM_E_PARSE, name, ob ? ob->line : s->line, ob ? ob->col : s->col,
			     "duplicate member name in this object (the same name written "
			     "with different escapes)");
		return NULL;
	}
	return o;
}

void im_io_scan_free(im_io_scan *s)
{
	im_buf_free(&s->out);
	free(s->objs);
	free(s->keys);
	if (s->tok)
		json_tokener_free(s->tok);
	memset(s, 0, sizeof *s);
}
