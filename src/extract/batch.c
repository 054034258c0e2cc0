/* batch.c: the batch focus. A run over many reports learns which countries
 * they are about from the reports that say so, and reads again, with those
 * countries as --focus, the reports that name no country at all ("a bomb
 * exploded in Taji", a one-line post): Taji is then Iraq's, not China's.
 *
 * Votes: each report whose text gives a country context votes once for the
 * country of each of its incidents. The batch's countries are those with
 * at least 2 votes and a fifth of all votes, at most 3, most votes first.
 * A report read again keeps its first reading when it gives the same
 * places; otherwise its new incidents replace the old ones, with a tenth
 * less confidence (the place comes from the batch, not from the text).
 * One that still finds nothing in the batch's countries keeps its places
 * abroad with a fifth less confidence: nothing in its text vouches for
 * them against the batch (a bare "Hangu" in a batch about Pakistan may
 * be the Tianjin district the gazetteer ranks first, or Pakistan's town
 * that it lacks under that name). */
#include "../core/buf.h"
#include "extract.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define KEEP_MAX_BYTES (64u << 20) /* reports kept for a second reading */
#define MAX_VOTERS 64               /* countries counted */

typedef struct kept {
	im_article *a;
	size_t i0, i1; /* its incidents in the list, first reading */
} kept;

struct im_batch {
	kept *k;
	size_t nk, capk;
	size_t kept_bytes;
	size_t n_not_kept; /* past KEEP_MAX_BYTES */
	struct {
		char cc[3];
		size_t n;
	} votes[MAX_VOTERS];
	size_t nvotes;
	size_t total;
};

im_batch *im_batch_new(void)
{
	return calloc(1, sizeof(im_batch));
}

void im_batch_free(im_batch *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->nk; i++)
		im_article_free(b->k[i].a);
	free(b->k);
	free(b);
}

static void vote(im_batch *b, const char *cc)
{
	if (!cc || strlen(cc) != 2)
		return;
	b->total++;
	for (size_t i = 0; i < b->nvotes; i++)
		if (strcmp(b->votes[i].cc, cc) == 0) {
			b->votes[i].n++;
			return;
		}
	if (b->nvotes < MAX_VOTERS) {
		memcpy(b->votes[b->nvotes].cc, cc, 3);
		b->votes[b->nvotes++].n = 1;
	}
}

im_status im_batch_add(im_batch *b, im_article *a, size_t context, im_incident_list *found,
		       const im_extract_opts *o, im_incident_list *out, im_error *err)
{
	size_t i0 = out->n;
	im_status st = IM_OK;
	for (size_t i = 0; !st && i < found->n; i++)
		st = im_list_push(out, &found->v[i]);
	im_list_clear(found);
	if (st) {
		im_article_free(a);
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	}
	if (out->n == i0 || o->n_focus) {
		im_article_free(a);
		return IM_OK;
	}
	if (context) {
		/* one vote per country per report */
		for (size_t i = i0; i < out->n; i++) {
			const char *cc = out->v[i].country;
			int seen = 0;
			for (size_t k = i0; k < i && !seen; k++)
				seen = cc && out->v[k].country && strcmp(out->v[k].country, cc) == 0;
			if (!seen)
				vote(b, cc);
		}
		im_article_free(a);
		return IM_OK;
	}
	if (b->kept_bytes + a->len > KEEP_MAX_BYTES) {
		b->n_not_kept++;
		im_article_free(a);
		return IM_OK;
	}
	if (im_grow(&b->k, &b->capk, b->nk + 1, sizeof *b->k)) {
		im_article_free(a);
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	}
	b->k[b->nk++] = (kept){a, i0, out->n};
	b->kept_bytes += a->len;
	return IM_OK;
}

im_status im_batch_extract(im_batch *b, const im_gaz *g, im_article *a, const im_extract_opts *o,
			   im_incident_list *out, im_error *err)
{
	im_extract_opts o1 = *o;
	size_t context = 0;
	o1.context_out = &context;
	im_incident_list found = {0};
	im_status st = im_extract_article(g, a, &o1, &found, err);
	if (st) {
		im_list_clear(&found);
		im_article_free(a);
		return st;
	}
	return im_batch_add(b, a, context, &found, o, out, err);
}

/* The batch's countries (see the top of the file). */
static size_t choose(const im_batch *b, char (*focus)[3])
{
	size_t n = 0;
	int used[MAX_VOTERS] = {0};
	while (n < 3) {
		size_t best = SIZE_MAX;
		for (size_t i = 0; i < b->nvotes; i++) {
			if (used[i] || b->votes[i].n < 2 || b->votes[i].n * 5 < b->total)
				continue;
			if (best == SIZE_MAX || b->votes[i].n > b->votes[best].n ||
			    (b->votes[i].n == b->votes[best].n &&
			     strcmp(b->votes[i].cc, b->votes[best].cc) < 0))
				best = i;
		}
		if (best == SIZE_MAX)
			break;
		used[best] = 1;
		memcpy(focus[n++], b->votes[best].cc, 3);
	}
	return n;
}

static int same_places(const im_incident_list *l, size_t i0, size_t i1,
		       const im_incident_list *m)
{
	if (m->n != i1 - i0)
		return 0;
	for (size_t i = 0; i < m->n; i++) {
		const char *x = l->v[i0 + i].gazetteer_id, *y = m->v[i].gazetteer_id;
		if ((x == NULL) != (y == NULL) || (x && strcmp(x, y) != 0))
			return 0;
	}
	return 1;
}

/* 1 when cc is one of the n countries of focus. */
static int in_focus(const char *cc, char (*focus)[3], size_t n)
{
	for (size_t i = 0; cc && i < n; i++)
		if (strcmp(focus[i], cc) == 0)
			return 1;
	return 0;
}

/* A fifth less confidence for the incidents out[i0, i1) placed outside the
 * batch's countries; 1 when there was one. */
static int lower_abroad(im_incident_list *out, size_t i0, size_t i1, char (*focus)[3], size_t n)
{
	int any = 0;
	for (size_t i = i0; i < i1; i++) {
		im_incident *inc = &out->v[i];
		if (!inc->country || in_focus(inc->country, focus, n))
			continue;
		inc->confidence = floor(inc->confidence * 0.8 * 100 + 0.5) / 100;
		any = 1;
	}
	return any;
}

/* The kept reports read again (one list and status each), on several
 * threads. */
typedef struct again {
	const im_batch *b;
	const im_gaz *g;
	const im_extract_opts *o;
	im_incident_list *m;
	im_status *st;
	im_error *err; /* the first report's that failed */
	size_t failed; /* its index; nk: none */
	pthread_mutex_t mu;
} again;

static void read_again(void *ud, size_t i)
{
	again *w = ud;
	im_error e;
	im_error_clear(&e);
	w->st[i] = im_extract_article(w->g, w->b->k[i].a, w->o, &w->m[i], &e);
	if (w->st[i]) {
		pthread_mutex_lock(&w->mu);
		if (i < w->failed) {
			w->failed = i;
			*w->err = e;
		}
		pthread_mutex_unlock(&w->mu);
	}
}

im_status im_batch_finish(im_batch *b, const im_gaz *g, const im_extract_opts *o, unsigned jobs,
			  im_incident_list *out, char (*focus)[3], size_t *n_focus,
			  size_t *n_again, size_t *n_abroad, size_t *n_not_kept, im_error *err)
{
	*n_again = 0;
	*n_abroad = 0;
	*n_not_kept = b->n_not_kept;
	*n_focus = choose(b, focus);
	if (!*n_focus || !b->nk)
		return IM_OK;
	im_extract_opts o2 = *o;
	memcpy(o2.focus, focus, *n_focus * sizeof *focus);
	o2.n_focus = *n_focus;
	o2.context_out = NULL;
	o2.note_out = NULL;
	again w = {.b = b, .g = g, .o = &o2, .err = err, .failed = b->nk};
	w.m = calloc(b->nk, sizeof *w.m);
	w.st = calloc(b->nk, sizeof *w.st);
	unsigned char *drop = calloc(out->n ? out->n : 1, 1);
	im_incident_list fresh = {0};
	im_status st = drop && w.m && w.st ? IM_OK : IM_E_NOMEM;
	if (!st) {
		pthread_mutex_init(&w.mu, NULL);
		im_parallel_for(jobs, b->nk, read_again, &w);
		pthread_mutex_destroy(&w.mu);
		if (w.failed < b->nk)
			st = w.st[w.failed];
	}
	for (size_t i = 0; !st && i < b->nk; i++) {
		const kept *k = &b->k[i];
		im_incident_list *m = &w.m[i];
		if (!same_places(out, k->i0, k->i1, m)) {
			memset(drop + k->i0, 1, k->i1 - k->i0);
			(*n_again)++;
			for (size_t x = 0; !st && x < m->n; x++) {
				im_incident *inc = &m->v[x];
				inc->confidence = floor(inc->confidence * 0.9 * 100 + 0.5) / 100;
				st = im_list_push(&fresh, inc);
			}
		} else if (lower_abroad(out, k->i0, k->i1, focus, *n_focus))
			(*n_abroad)++;
	}
	for (size_t i = 0; w.m && i < b->nk; i++)
		im_list_clear(&w.m[i]);
	free(w.m);
	free(w.st);
	if (!st) {
		size_t wr = 0;
		for (size_t i = 0; i < out->n; i++) {
			if (drop[i])
				im_incident_clear(&out->v[i]);
			else
				out->v[wr++] = out->v[i];
		}
		out->n = wr;
		for (size_t i = 0; !st && i < fresh.n; i++)
			st = im_list_push(out, &fresh.v[i]);
	}
	im_list_clear(&fresh);
	free(drop);
	if (st && st != IM_E_NOMEM)
		return st; /* err set by im_extract_article */
	return st ? im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory") : IM_OK;
}
