/* article.c: reading articles from files, folders, stdin and JSON Lines. */
#include "article.h"
#include "../core/buf.h"
#include "../core/fsutil.h"
#include "../core/utf8.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

void im_article_free(im_article *a)
{
	if (!a)
		return;
	free(a->id);
	free(a->file);
	free(a->url);
	free(a->title);
	free(a->text);
	free(a);
}

size_t im_article_date_prefix(const char *t, size_t len, im_date *date)
{
	size_t i = 0;
	while (i < len && (t[i] == ' ' || t[i] == '\t'))
		i++;
	if (len - i < 5 || strncasecmp(t + i, "date", 4) != 0)
		return 0;
	i += 4;
	if (i < len && t[i] == ':')
		i++;
	size_t sp = i;
	while (i < len && (t[i] == ' ' || t[i] == '\t'))
		i++;
	if (i == sp || len - i < 10)
		return 0;
	im_date d;
	if (!im_date_parse_iso(t + i, 10, &d))
		return 0;
	i += 10;
	if (i < len && !isspace((unsigned char)t[i]))
		return 0;
	while (i < len && (t[i] == ' ' || t[i] == '\t'))
		i++;
	*date = d;
	return i;
}

static im_status bad_utf8(const char *file, long base_line, const char *data, size_t len,
			  size_t off, im_error *err)
{
	long line, col;
	im_text_pos(data, off, &line, &col);
	if (off == 0 && len >= 2 && ((unsigned char)data[0] == 0xFF || (unsigned char)data[0] == 0xFE) &&
	    ((unsigned char)data[1] ^ (unsigned char)data[0]) == 0x01)
		return im_error_set(err, IM_E_PARSE, file, base_line, 0,
				    "UTF-16 text (it starts with the byte-order mark 0x%02X 0x%02X): "
				    "save it as UTF-8",
				    (unsigned char)data[0], (unsigned char)data[1]);
	if (data[off] == '\0')
		return im_error_set(err, IM_E_PARSE, file, base_line + line - 1, col,
				    "NUL byte: not a text file");
	return im_error_set(err, IM_E_PARSE, file, base_line + line - 1, col,
			    "invalid UTF-8 (byte 0x%02x)", (unsigned char)data[off]);
}

/* A prefix that looks like " date YYYY-MM-DD" but holds no calendar date
 * ("date 2024-13-45") is kept as text, and said: without it the report's
 * relative dates ("on Tuesday") cannot be placed. */
static void warn_bad_prefix(const char *file, const char *t, size_t len)
{
	size_t i = 0;
	while (i < len && (t[i] == ' ' || t[i] == '\t'))
		i++;
	if (len - i < 15 || strncasecmp(t + i, "date", 4) != 0)
		return;
	i += 4;
	if (t[i] == ':')
		i++;
	if (t[i] != ' ' && t[i] != '\t')
		return; /* len - i >= 10 still: inside the text */
	while (i < len && (t[i] == ' ' || t[i] == '\t'))
		i++;
	if (len - i < 10 || t[i + 4] != '-' || t[i + 7] != '-')
		return;
	for (size_t k = 0; k < 10; k++)
		if (k != 4 && k != 7 && !isdigit((unsigned char)t[i + k]))
			return;
	im_warn(file, 1, "the date prefix '%.10s' is not a calendar date (YYYY-MM-DD): "
		"read as text", t + i);
}

/* 1 when c is white space to a reader: ASCII's, and Unicode's spaces
 * (no-break, en and em spaces, ideographic), line and paragraph
 * separators, and the zero-width characters and byte-order mark that
 * show nothing. */
static int blank_char(int32_t c)
{
	return (c < 0x80 && isspace(c)) || c == 0xa0 || c == 0x1680 ||
	       (c >= 0x2000 && c <= 0x200b) || c == 0x2028 || c == 0x2029 || c == 0x202f ||
	       c == 0x205f || c == 0x3000 || c == 0xfeff;
}

/* 1 when an article's text (after its byte-order mark and date prefix)
 * holds nothing but white space: the one rule for an "empty article",
 * whether the file is empty, a byte-order mark, a date prefix alone or
 * Unicode spaces, or a JSON Lines "text" is "". The text is valid UTF-8. */
static int blank_text(const char *s, size_t len)
{
	size_t i = 0, n;
	while (i < len) {
		int32_t c = im_utf8_decode(s + i, len - i, &n);
		if (!blank_char(c) || n == 0)
			return 0;
		i += n;
	}
	return 1;
}

im_status im_article_from_text(const char *file, const char *data, size_t len,
			       im_article **out, im_error *err)
{
	*out = NULL;
	if (len > IM_MAX_ARTICLE_BYTES)
		return im_error_set(err, IM_E_TOO_LARGE, file, 0, 0,
				    "article larger than the limit of %u bytes",
				    IM_MAX_ARTICLE_BYTES);
	size_t bad;
	if (!im_utf8_valid(data, len, &bad))
		return bad_utf8(file, 1, data, len, bad, err);
	size_t off = 0;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		off = 3;
	im_article *a = calloc(1, sizeof *a);
	if (!a)
		return im_error_set(err, IM_E_NOMEM, file, 0, 0, "out of memory");
	size_t pre = im_article_date_prefix(data + off, len - off, &a->date);
	if (!pre)
		warn_bad_prefix(file, data + off, len - off);
	off += pre;
	if (blank_text(data + off, len - off)) {
		free(a);
		return im_error_set(err, IM_E_PARSE, file, 0, 0, "empty article");
	}
	a->file = im_strdup(file);
	a->text = im_strndup(data + off, len - off);
	if (!a->file || !a->text) {
		im_article_free(a);
		return im_error_set(err, IM_E_NOMEM, file, 0, 0, "out of memory");
	}
	a->len = len - off;
	a->text_off = off;
	a->line = 1;
	*out = a;
	return IM_OK;
}

/* ---- the reader ------------------------------------------------------- */

typedef enum { SRC_TEXT, SRC_JSONL } src_kind;

/* One file to read: a plain article, or a JSON Lines stream in progress. */
typedef struct src {
	char *path;
	src_kind kind;
} src;

struct im_reader {
	const char *const *inputs;
	size_t n_inputs, next_input;
	src *pending; /* files of the folder being expanded, or the one input */
	size_t n_pending, next_pending;
	/* The JSON Lines file being read, if any. */
	FILE *jl;
	char *jl_path;
	long jl_line;
	int jl_stdin;
	/* Plain stdin read as JSON Lines: the first line already read. */
	char *jl_first;
	size_t jl_first_len;
	size_t articles, errors;
};

im_status im_reader_open(const char *const *inputs, size_t n, im_reader **out,
			 im_error *err)
{
	im_reader *r = calloc(1, sizeof *r);
	if (!r)
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	r->inputs = inputs;
	r->n_inputs = n;
	*out = r;
	return IM_OK;
}

static int has_ext(const char *path, const char *ext)
{
	char e[16];
	im_path_ext(path, e, sizeof e);
	return strcmp(e, ext) == 0;
}

static int is_jsonl_path(const char *path)
{
	return has_ext(path, "jsonl") || has_ext(path, "ndjson");
}

/* In a folder, articles are *.txt, *.text, JSON Lines and files without an
 * extension; anything else (README.md, images, notes) is left alone. */
static int is_article_path(const char *path)
{
	char e[16];
	im_path_ext(path, e, sizeof e);
	return !e[0] || strcmp(e, "txt") == 0 || strcmp(e, "text") == 0 || is_jsonl_path(path);
}

static void clear_pending(im_reader *r)
{
	for (size_t i = r->next_pending; i < r->n_pending; i++)
		free(r->pending[i].path);
	free(r->pending);
	r->pending = NULL;
	r->n_pending = r->next_pending = 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* What a folder input left out, said once per folder when it is done:
 * hidden files are not counted (as ls does not show them). */
typedef struct skipped {
	size_t files, folders, other;
	im_buf names; /* the first few, ", "-separated */
	size_t named;
} skipped;

#define SKIP_NAMES 5 /* names listed in the warning */

static void skip_note(skipped *k, size_t *count, const char *name)
{
	(*count)++;
	if (k->named++ < SKIP_NAMES)
		im_buf_printf(&k->names, "%s%s", k->named > 1 ? ", " : "", name);
}

static void skip_warn(skipped *k, const char *dir)
{
	size_t n = k->files + k->folders + k->other;
	if (n) {
		im_buf why = IM_BUF_INIT;
		if (k->files)
			im_buf_printf(&why, "%zu not named as an article (.txt, .text, .jsonl, "
				      ".ndjson or no extension)", k->files);
		if (k->folders)
			im_buf_printf(&why, "%s%zu folder%s (not searched)", why.len ? "; " : "",
				      k->folders, k->folders > 1 ? "s" : "");
		if (k->other)
			im_buf_printf(&why, "%s%zu neither file nor folder", why.len ? "; " : "",
				      k->other);
		im_warn(dir, 0, "skipped %s: %s%s", why.p ? why.p : "",
			k->names.p ? k->names.p : "", n > SKIP_NAMES ? ", ..." : "");
		im_buf_free(&why);
	}
	im_buf_free(&k->names);
}

/* Fills r->pending with the regular files of a folder, sorted by name. */
static im_status expand_dir(im_reader *r, const char *dir, im_error *err)
{
	DIR *d = opendir(dir);
	if (!d)
		return im_error_set(err, IM_E_IO, dir, 0, 0, "cannot read folder: %s",
				    strerror(errno));
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	im_status st = IM_OK;
	skipped k = {0, 0, 0, IM_BUF_INIT, 0};
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		char *p = im_path_join(dir, de->d_name);
		if (!p) {
			st = IM_E_NOMEM;
			break;
		}
		struct stat sb;
		int got = stat(p, &sb) == 0;
		if (got && S_ISDIR(sb.st_mode))
			skip_note(&k, &k.folders, de->d_name);
		else if (got && !S_ISREG(sb.st_mode))
			skip_note(&k, &k.other, de->d_name);
		else if (!is_article_path(p))
			skip_note(&k, &k.files, de->d_name);
		if (!got || !S_ISREG(sb.st_mode) || !is_article_path(p)) {
			free(p);
			continue;
		}
		if (im_grow(&names, &cap, n + 1, sizeof *names)) {
			free(p);
			st = IM_E_NOMEM;
			break;
		}
		names[n++] = p;
	}
	closedir(d);
	if (!st)
		skip_warn(&k, dir);
	else
		im_buf_free(&k.names);
	if (!st && n)
		qsort(names, n, sizeof *names, cmp_str);
	if (!st && n) {
		r->pending = calloc(n, sizeof *r->pending);
		if (!r->pending)
			st = IM_E_NOMEM;
	}
	if (st) {
		for (size_t i = 0; i < n; i++)
			free(names[i]);
		free(names);
		return im_error_set(err, st, dir, 0, 0, "out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		r->pending[i].path = names[i];
		r->pending[i].kind = is_jsonl_path(names[i]) ? SRC_JSONL : SRC_TEXT;
	}
	r->n_pending = n;
	r->next_pending = 0;
	free(names);
	if (n == 0)
		return im_error_set(err, IM_E_IO, dir, 0, 0, "folder holds no article files");
	return IM_OK;
}

/* The lines of a file that hold more than white space. */
static size_t count_records(const char *path)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return 0;
	char chunk[65536];
	size_t n, count = 0;
	int content = 0;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		for (size_t i = 0; i < n; i++) {
			if (chunk[i] == '\n') {
				count += (size_t)content;
				content = 0;
			} else if (!isspace((unsigned char)chunk[i])) {
				content = 1;
			}
		}
	fclose(fp);
	return count + (size_t)content;
}

static size_t count_file(const char *path)
{
	return is_jsonl_path(path) ? count_records(path) : 1;
}

static size_t count_dir(const char *dir)
{
	DIR *d = opendir(dir);
	size_t n = 0;
	struct dirent *de;
	while (d && (de = readdir(d))) {
		char *p = de->d_name[0] == '.' ? NULL : im_path_join(dir, de->d_name);
		struct stat sb;
		if (p && is_article_path(p) && stat(p, &sb) == 0 && S_ISREG(sb.st_mode))
			n += count_file(p);
		free(p);
	}
	if (d)
		closedir(d);
	return n;
}

size_t im_article_count(const char *const *inputs, size_t n)
{
	size_t total = 0;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(inputs[i], "-") == 0)
			return 0;
		total += im_is_dir(inputs[i]) ? count_dir(inputs[i]) : count_file(inputs[i]);
	}
	return total;
}

/* Reads one line of the JSON Lines stream into *line (caller frees).
 * Returns 1 with a line, 0 at the end, -1 when the line is past the limit
 * (the rest of it is skipped), -2 on a read error. */
static int read_line(FILE *fp, char **line, size_t *len)
{
	im_buf b = IM_BUF_INIT;
	b.max = IM_MAX_JSONL_LINE;
	char chunk[8192];
	int too_long = 0, any = 0;
	while (fgets(chunk, sizeof chunk, fp)) {
		any = 1;
		size_t n = strlen(chunk);
		/* fgets stops at NUL bytes too: count what it really read. */
		int eol = n > 0 && chunk[n - 1] == '\n';
		if (!too_long && im_buf_append(&b, chunk, n) != IM_OK) {
			too_long = 1;
			im_buf_free(&b);
		}
		if (eol)
			break;
	}
	if (ferror(fp)) {
		im_buf_free(&b);
		return -2;
	}
	if (!any) {
		im_buf_free(&b);
		return 0;
	}
	if (too_long)
		return -1;
	*len = b.len;
	*line = im_buf_take(&b);
	return 1;
}

static const char *json_str(json_object *o, const char *key)
{
	json_object *v;
	if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

/* What json-c does not tell: a record's raw text walked once for the
 * members of its top-level object (*members, each "name": counted) and
 * for a "\u0000" escape in any string (its byte offset in *nul, else
 * (size_t)-1). */
static void raw_walk(const char *line, size_t len, size_t *members, size_t *nul)
{
	int depth = 0, in_str = 0;
	*members = 0;
	*nul = (size_t)-1;
	for (size_t i = 0; i < len; i++) {
		char c = line[i];
		if (in_str) {
			/* inside a string only a backslash or a quote matters */
			while (c != '\\' && c != '"' && i + 1 < len)
				c = line[++i];
			if (c == '\\') {
				if (i + 5 < len && memcmp(line + i + 1, "u0000", 5) == 0 &&
				    *nul == (size_t)-1)
					*nul = i;
				i++;
			} else if (c == '"') {
				in_str = 0;
				size_t j = i + 1;
				while (j < len && isspace((unsigned char)line[j]))
					j++;
				if (depth == 1 && j < len && line[j] == ':')
					(*members)++;
			}
		} else if (c == '"') {
			in_str = 1;
		} else if (c == '{' || c == '[') {
			depth++;
		} else if (c == '}' || c == ']') {
			depth--;
		}
	}
}

/* The rules the GeoJSON reader keeps too: no member name twice (json-c
 * would keep the last one silently), no "\u0000" in a string. */
static im_status raw_rules(const char *file, long lineno, const char *line, size_t len,
                           json_object *o, im_error *err)
{
	size_t members, nul;
	raw_walk(line, len, &members, &nul);
	if (nul != (size_t)-1)
		return im_error_set(err, IM_E_PARSE, file, lineno, (long)nul + 1, "%s",
		                    IM_NUL_ESCAPE_MSG);
	if (members > (size_t)json_object_object_length(o))
		return im_error_set(err, IM_E_PARSE, file, lineno, 1,
		                    "duplicate member name in the record (the same name twice)");
	return IM_OK;
}

im_status im_article_from_jsonl(const char *file, long lineno, const char *line, size_t len,
			       im_article **out, im_error *err)
{
	*out = NULL;
	size_t bad;
	if (!im_utf8_valid(line, len, &bad))
		return bad_utf8(file, lineno, line, len, bad, err);
	if (lineno == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
		line += 3; /* a byte-order mark, as every other reader takes it */
		len -= 3;
	}
	json_tokener *tok = json_tokener_new_ex(64);
	if (!tok)
		return im_error_set(err, IM_E_NOMEM, file, lineno, 0, "out of memory");
	json_object *o = json_tokener_parse_ex(tok, line, (int)len);
	enum json_tokener_error jerr = json_tokener_get_error(tok);
	size_t used = (size_t)json_tokener_get_parse_end(tok);
	json_tokener_free(tok);
	if (!o || jerr != json_tokener_success) {
		json_object_put(o);
		return im_error_set(err, IM_E_PARSE, file, lineno, (long)used + 1,
				    "not a JSON object: %s",
				    jerr == json_tokener_continue ? "truncated"
								  : json_tokener_error_desc(jerr));
	}
	for (size_t i = used; i < len; i++)
		if (!isspace((unsigned char)line[i])) {
			json_object_put(o);
			return im_error_set(err, IM_E_PARSE, file, lineno, (long)i + 1,
					    "text after the JSON object");
		}
	if (!json_object_is_type(o, json_type_object)) {
		json_object_put(o);
		return im_error_set(err, IM_E_PARSE, file, lineno, 1,
				    "a record must be a JSON object with a \"text\" member");
	}
	im_status rst = raw_rules(file, lineno, line, len, o, err);
	if (rst) {
		json_object_put(o);
		return rst;
	}
	const char *text = json_str(o, "text");
	if (!text) {
		json_object_put(o);
		return im_error_set(err, IM_E_PARSE, file, lineno, 1,
				    "record has no \"text\" string");
	}
	size_t tlen = strlen(text);
	if (tlen > IM_MAX_ARTICLE_BYTES) {
		json_object_put(o);
		return im_error_set(err, IM_E_TOO_LARGE, file, lineno, 1,
				    "article larger than the limit of %u bytes",
				    IM_MAX_ARTICLE_BYTES);
	}
	im_article *a = calloc(1, sizeof *a);
	if (!a) {
		json_object_put(o);
		return im_error_set(err, IM_E_NOMEM, file, lineno, 0, "out of memory");
	}
	a->line = lineno;
	size_t off = im_article_date_prefix(text, tlen, &a->date);
	if (blank_text(text + off, tlen - off)) {
		free(a);
		json_object_put(o);
		return im_error_set(err, IM_E_PARSE, file, lineno, 1, "empty article");
	}
	const char *date = json_str(o, "date");
	if (date) {
		/* "2021-12-07" or a timestamp that starts with it. */
		size_t dl = strlen(date);
		im_date d;
		if (dl >= 10 && (dl == 10 || date[10] == 'T' || date[10] == ' ') &&
		    im_date_parse_iso(date, 10, &d))
			a->date = d;
		else
			im_warn(file, lineno, "\"date\" is not YYYY-MM-DD: ignored");
	}
	json_object *idv;
	if (json_object_object_get_ex(o, "id", &idv) && idv &&
	    (json_object_is_type(idv, json_type_string) || json_object_is_type(idv, json_type_int)))
		a->id = im_strdup(json_object_get_string(idv));
	a->file = im_strdup(file);
	a->url = im_strdup(json_str(o, "url"));
	a->title = im_strdup(json_str(o, "title"));
	a->text = im_strndup(text + off, tlen - off);
	a->len = tlen - off;
	a->text_off = off;
	json_object_put(o);
	if (!a->file || !a->text) {
		im_article_free(a);
		return im_error_set(err, IM_E_NOMEM, file, lineno, 0, "out of memory");
	}
	*out = a;
	return IM_OK;
}

static void close_jl(im_reader *r)
{
	if (r->jl && !r->jl_stdin)
		fclose(r->jl);
	r->jl = NULL;
	free(r->jl_path);
	r->jl_path = NULL;
	free(r->jl_first);
	r->jl_first = NULL;
}

/* Next record of the open JSON Lines stream; *a NULL at its end. */
static im_status next_jsonl(im_reader *r, im_article **a, im_error *err)
{
	for (;;) {
		char *line = NULL;
		size_t len = 0;
		int rc;
		if (r->jl_first) {
			line = r->jl_first;
			len = r->jl_first_len;
			r->jl_first = NULL;
			rc = 1;
		} else {
			rc = read_line(r->jl, &line, &len);
		}
		if (rc == 0) {
			close_jl(r);
			return IM_OK;
		}
		r->jl_line++;
		if (rc == -2) {
			im_status st = im_error_set(err, IM_E_IO, r->jl_path, r->jl_line, 0,
						    "read error: %s", strerror(errno));
			close_jl(r);
			return st;
		}
		if (rc == -1)
			return im_error_set(err, IM_E_TOO_LARGE, r->jl_path, r->jl_line, 0,
					    "line longer than the limit of %u bytes: skipped",
					    IM_MAX_JSONL_LINE);
		size_t i = 0;
		while (i < len && isspace((unsigned char)line[i]))
			i++;
		if (i == len) {
			free(line);
			continue;
		}
		im_status st = im_article_from_jsonl(r->jl_path, r->jl_line, line, len, a, err);
		free(line);
		return st;
	}
}

static im_status open_jsonl(im_reader *r, const char *path, im_error *err)
{
	r->jl_stdin = strcmp(path, "-") == 0;
	r->jl = r->jl_stdin ? stdin : fopen(path, "rb");
	if (!r->jl)
		return im_error_set(err, IM_E_IO, path, 0, 0, "cannot open: %s", strerror(errno));
	r->jl_path = im_strdup(r->jl_stdin ? "<stdin>" : path);
	r->jl_line = 0;
	if (!r->jl_path) {
		close_jl(r);
		return im_error_set(err, IM_E_NOMEM, path, 0, 0, "out of memory");
	}
	return IM_OK;
}

/* stdin: JSON Lines when its first non-blank byte is '{', else one article. */
static im_status open_stdin(im_reader *r, im_article **a, im_error *err)
{
	int c;
	while ((c = getc(stdin)) != EOF && isspace(c))
		;
	if (c == '{') {
		ungetc(c, stdin);
		return open_jsonl(r, "-", err);
	}
	im_buf b = IM_BUF_INIT;
	b.max = IM_MAX_ARTICLE_BYTES;
	if (c != EOF && im_buf_putc(&b, (char)c) != IM_OK)
		return im_error_set(err, IM_E_NOMEM, "<stdin>", 0, 0, "out of memory");
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0) {
		im_status s = im_buf_append(&b, chunk, n);
		if (s) {
			im_buf_free(&b);
			if (s == IM_E_TOO_LARGE) /* the same words as for a file */
				return im_error_set(err, s, "<stdin>", 0, 0,
						    "larger than the limit of %u bytes",
						    IM_MAX_ARTICLE_BYTES);
			return im_error_set(err, s, "<stdin>", 0, 0, "out of memory");
		}
	}
	if (b.len == 0) {
		im_buf_free(&b);
		return im_error_set(err, IM_E_PARSE, "<stdin>", 0, 0, "empty input");
	}
	im_status st = im_article_from_text("<stdin>", b.p, b.len, a, err);
	im_buf_free(&b);
	return st;
}

static im_status read_text_file(const char *path, im_article **a, im_error *err)
{
	char *data;
	size_t len;
	im_status st = im_read_file(path, IM_MAX_ARTICLE_BYTES, &data, &len, err);
	if (st)
		return st;
	size_t i = 0;
	while (i < len && isspace((unsigned char)data[i]))
		i++;
	if (i == len) {
		free(data);
		return im_error_set(err, IM_E_PARSE, path, 0, 0, "empty article");
	}
	st = im_article_from_text(path, data, len, a, err);
	free(data);
	return st;
}

im_status im_reader_next(im_reader *r, im_article **a, im_error *err)
{
	*a = NULL;
	for (;;) {
		if (r->jl) {
			im_status st = next_jsonl(r, a, err);
			if (st)
				r->errors++;
			else if (*a)
				r->articles++;
			if (st || *a)
				return st;
			continue;
		}
		if (r->next_pending < r->n_pending) {
			src s = r->pending[r->next_pending];
			r->pending[r->next_pending++].path = NULL;
			im_status st;
			if (s.kind == SRC_JSONL) {
				st = open_jsonl(r, s.path, err);
				free(s.path);
				if (st) {
					r->errors++;
					return st;
				}
				continue;
			}
			st = read_text_file(s.path, a, err);
			free(s.path);
			if (st)
				r->errors++;
			else
				r->articles++;
			return st;
		}
		clear_pending(r);
		if (r->next_input >= r->n_inputs)
			return IM_OK;
		const char *in = r->inputs[r->next_input++];
		im_status st;
		if (strcmp(in, "-") == 0) {
			st = open_stdin(r, a, err);
			if (st)
				r->errors++;
			else if (*a)
				r->articles++;
			if (st || *a)
				return st;
			continue; /* JSON Lines on stdin */
		}
		struct stat sb;
		if (stat(in, &sb) != 0) {
			r->errors++;
			return im_error_set(err, IM_E_IO, in, 0, 0, "cannot open: %s", strerror(errno));
		}
		if (S_ISDIR(sb.st_mode)) {
			st = expand_dir(r, in, err);
		} else {
			r->pending = calloc(1, sizeof *r->pending);
			st = r->pending ? IM_OK : IM_E_NOMEM;
			if (!st) {
				r->pending[0].path = im_strdup(in);
				r->pending[0].kind = is_jsonl_path(in) ? SRC_JSONL : SRC_TEXT;
				r->n_pending = 1;
				if (!r->pending[0].path)
					st = IM_E_NOMEM;
			}
			if (st)
				im_error_set(err, st, in, 0, 0, "out of memory");
		}
		if (st) {
			r->errors++;
			return st;
		}
	}
}

size_t im_reader_articles(const im_reader *r)
{
	return r->articles;
}

size_t im_reader_errors(const im_reader *r)
{
	return r->errors;
}

void im_reader_free(im_reader *r)
{
	if (!r)
		return;
	close_jl(r);
	clear_pending(r);
	free(r);
}
