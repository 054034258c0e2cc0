/* error.c: error records, status names and the warning hook. */
#include "im.h"

#include <string.h>

void im_error_clear(im_error *e)
{
	if (!e)
		return;
	e->code = IM_OK;
	e->file[0] = '\0';
	e->line = 0;
	e->col = 0;
	e->msg[0] = '\0';
}

im_status im_error_set(im_error *e, im_status code, const char *file, long line,
		       long col, const char *fmt, ...)
{
	if (!e)
		return code;
	e->code = code;
	snprintf(e->file, sizeof e->file, "%s", file ? file : "");
	e->line = line;
	e->col = col;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	return code;
}

void im_error_print(const im_error *e, FILE *fp)
{
	if (!e)
		return;
	fputs("incimap: ", fp);
	if (e->file[0]) {
		fputs(e->file, fp);
		if (e->line > 0) {
			fprintf(fp, ":%ld", e->line);
			if (e->col > 0)
				fprintf(fp, ":%ld", e->col);
		}
		fputs(": ", fp);
	}
	fputs(e->msg[0] ? e->msg : im_status_str(e->code), fp);
	fputc('\n', fp);
}

const char *im_status_str(im_status st)
{
	switch (st) {
	case IM_OK: return "success";
	case IM_E_USAGE: return "bad usage";
	case IM_E_IO: return "input/output error";
	case IM_E_PARSE: return "parse error";
	case IM_E_RANGE: return "value out of range";
	case IM_E_NOMEM: return "out of memory";
	case IM_E_TOO_LARGE: return "input too large";
	case IM_E_PROJ: return "projection error";
	case IM_E_RENDER: return "rendering error";
	case IM_E_NOTFOUND: return "not found";
	case IM_E_EXISTS: return "already exists";
	case IM_E_UNSUPPORTED: return "not supported";
	case IM_E_INTERNAL: return "internal error";
	}
	return "unknown error";
}

static void default_warn(void *ud, const char *file, long line, const char *msg)
{
	(void)ud;
	if (file && *file && line > 0)
		fprintf(stderr, "incimap: %s:%ld: warning: %s\n", file, line, msg);
	else if (file && *file)
		fprintf(stderr, "incimap: %s: warning: %s\n", file, msg);
	else
		fprintf(stderr, "incimap: warning: %s\n", msg);
}

static im_warn_fn warn_fn = default_warn;
static void *warn_ud;
static _Atomic unsigned long warn_n; /* extraction warns on several threads */

void im_set_warn_hook(im_warn_fn fn, void *ud)
{
	warn_fn = fn ? fn : default_warn;
	warn_ud = ud;
}

void im_warn(const char *file, long line, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	warn_n++;
	warn_fn(warn_ud, file, line, msg);
}

unsigned long im_warn_count(void)
{
	return warn_n;
}

void im_warn_reset(void)
{
	warn_n = 0;
}
