/* article.h: reading articles from files, folders, stdin and JSON Lines.
 * The text stage: what comes out is UTF-8 text with its metadata; finding
 * sentences and incidents in it is the extract stage's job. */
#ifndef IM_ARTICLE_H
#define IM_ARTICLE_H

#include "../core/im.h"

/* Limits on untrusted input (documented in docs/incimap.1). */
#define IM_MAX_ARTICLE_BYTES (8u * 1024 * 1024)   /* one article's text */
#define IM_MAX_JSONL_LINE (16u * 1024 * 1024)     /* one JSON Lines record */

/* One article. Every string is owned by the article; NULL when absent. */
typedef struct im_article {
	char *id;      /* JSONL "id", else NULL */
	char *file;    /* the input path as given ("-" for stdin) */
	long line;     /* first line of the record in `file` (1 for plain files) */
	char *url;
	char *title;
	im_date date;  /* publication date: prefix, JSONL "date"; y == 0 unknown */
	char *text;    /* valid UTF-8, NUL-terminated, metadata prefix removed */
	size_t len;
	size_t text_off; /* byte offset of text[0] in the original record */
} im_article;

void im_article_free(im_article *a);

/* Splits an optional " date YYYY-MM-DD " prefix off the start of text: on
 * success stores the date and returns the number of bytes the prefix takes
 * (the text proper starts there); returns 0 when there is no valid prefix. */
size_t im_article_date_prefix(const char *text, size_t len, im_date *date);

/* Builds an article from a buffer that holds one plain-text article:
 * validates UTF-8 (IM_E_PARSE with line:col of the first bad byte), strips a
 * UTF-8 BOM and the date prefix. `file` is used for messages and source. */
im_status im_article_from_text(const char *file, const char *data, size_t len,
			       im_article **out, im_error *err);

/* Builds an article from one JSON Lines record (len bytes, no newline
 * needed): a JSON object with a "text" string and optional "id", "date"
 * (YYYY-MM-DD or a timestamp starting with it), "title", "url". Errors name
 * file:lineno:col. */
im_status im_article_from_jsonl(const char *file, long lineno, const char *line,
				size_t len, im_article **out, im_error *err);

/* Iterates over INPUTs: a file, a folder (its *.txt, *.text, *.jsonl, *.ndjson
 * and extension-less regular files, sorted by name, not recursive, dot-files
 * skipped; *.jsonl and *.ndjson files are read as JSON Lines),
 * "-" for stdin, or a .jsonl file (one {"id","date","title","text","url"}
 * object a line; blank lines skipped). */
typedef struct im_reader im_reader;

/* `inputs` is borrowed for the reader's life. */
im_status im_reader_open(const char *const *inputs, size_t n, im_reader **out,
			 im_error *err);
/* Next article: IM_OK with *a set (caller frees), IM_OK with *a == NULL at
 * the end, or an error about one input or record (err says FILE:LINE); the
 * caller may report it and call again, the reader goes on with the next. */
im_status im_reader_next(im_reader *r, im_article **a, im_error *err);
/* How many articles the inputs hold, for a progress bar: a text file is
 * one, a JSON Lines file its lines that are not blank, a folder the sum
 * over its article files. 0 when it cannot be known (stdin is among the
 * inputs). Reads every JSON Lines file once (fast: a newline count). */
size_t im_article_count(const char *const *inputs, size_t n);
/* Counts since open: articles returned, errors reported. */
size_t im_reader_articles(const im_reader *r);
size_t im_reader_errors(const im_reader *r);
void im_reader_free(im_reader *r);

#endif
