/* each.c: articles read in chunks and extracted on several threads (--jobs),
 * handed back one by one in the order they were read. The reader runs on
 * the calling thread; a chunk's articles are shared out among the threads
 * (the caller's among them), each taking the next one not yet taken. With
 * several jobs the calling thread's own serial work overlaps the others'
 * extraction: it reads the next chunk while the chunk before is extracted,
 * and hands a chunk on (the writing, the batch) while the next one is
 * extracted, so that the threads wait for it only at the end. What comes
 * out does not depend on the number of threads: each article is extracted
 * on its own, with nothing shared but the read-only gazetteer and word
 * lists. With one job a chunk is one article, read, extracted and handed
 * on before the next is read, so streaming stays as prompt as it was. */
#include "extract.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CHUNK_PER_JOB 64
#define CHUNK_BYTES (8u << 20) /* of article text, past which a chunk ends */

typedef struct pool {
	const im_gaz *g;
	const im_extract_opts *o;
	int toponyms;
	im_each_item *items;
	size_t n;
	atomic_size_t next;
	pthread_mutex_t mu;
	pthread_cond_t go, done;
	unsigned long gen; /* chunks handed out */
	unsigned busy;     /* threads still at the chunk */
	int quit;
	pthread_t *t;
	unsigned nt;
} pool;

static void extract_one(const pool *p, im_each_item *it)
{
	if (!it->a)
		return;
	if (p->toponyms) {
		FILE *fp = open_memstream(&it->listing, &it->listing_len);
		if (!fp) {
			it->st = im_error_set(&it->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
			return;
		}
		it->st = im_extract_toponyms(p->g, it->a, fp, &it->err);
		if (fclose(fp) && !it->st)
			it->st = im_error_set(&it->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
		return;
	}
	im_extract_opts o = *p->o;
	o.context_out = &it->context;
	o.note_out = &it->note;
	it->st = im_extract_article(p->g, it->a, &o, &it->found, &it->err);
}

/* Takes the chunk's articles one at a time until none is left. */
static void work(pool *p)
{
	for (size_t i; (i = atomic_fetch_add(&p->next, 1)) < p->n;)
		extract_one(p, &p->items[i]);
}

static void *worker(void *arg)
{
	pool *p = arg;
	unsigned long seen = 0;
	for (;;) {
		pthread_mutex_lock(&p->mu);
		while (!p->quit && p->gen == seen)
			pthread_cond_wait(&p->go, &p->mu);
		if (p->quit) {
			pthread_mutex_unlock(&p->mu);
			return NULL;
		}
		seen = p->gen;
		pthread_mutex_unlock(&p->mu);
		work(p);
		pthread_mutex_lock(&p->mu);
		if (--p->busy == 0)
			pthread_cond_signal(&p->done);
		pthread_mutex_unlock(&p->mu);
	}
}

/* Starts up to jobs - 1 threads (fewer when the system refuses more: the
 * caller's thread does the rest). */
static void pool_start(pool *p, unsigned jobs)
{
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->go, NULL);
	pthread_cond_init(&p->done, NULL);
	p->t = jobs > 1 ? malloc((jobs - 1) * sizeof *p->t) : NULL;
	for (unsigned i = 0; p->t && i + 1 < jobs; i++) {
		if (pthread_create(&p->t[p->nt], NULL, worker, p))
			break;
		p->nt++;
	}
}

static void pool_stop(pool *p)
{
	pthread_mutex_lock(&p->mu);
	p->quit = 1;
	pthread_cond_broadcast(&p->go);
	pthread_mutex_unlock(&p->mu);
	for (unsigned i = 0; i < p->nt; i++)
		pthread_join(p->t[i], NULL);
	free(p->t);
	pthread_cond_destroy(&p->done);
	pthread_cond_destroy(&p->go);
	pthread_mutex_destroy(&p->mu);
}

/* Sets the pool's threads (not the caller's) extracting items[0..n). */
static void pool_go(pool *p, im_each_item *items, size_t n)
{
	p->items = items;
	p->n = n;
	atomic_store(&p->next, 0);
	pthread_mutex_lock(&p->mu);
	p->gen++;
	p->busy = p->nt;
	pthread_cond_broadcast(&p->go);
	pthread_mutex_unlock(&p->mu);
}

/* The caller extracts what is left of the chunk, then waits for the
 * threads to finish theirs. */
static void pool_wait(pool *p)
{
	work(p);
	pthread_mutex_lock(&p->mu);
	while (p->busy)
		pthread_cond_wait(&p->done, &p->mu);
	pthread_mutex_unlock(&p->mu);
}

static void item_clear(im_each_item *it)
{
	im_article_free(it->a);
	im_list_clear(&it->found);
	free(it->listing);
	memset(it, 0, sizeof *it);
}

/* Reads up to max articles (or CHUNK_BYTES of text) into items; *end is
 * set once the input is done or the reader failed for good. */
static size_t read_chunk(im_reader *r, im_each_item *items, size_t max, int *end)
{
	size_t n = 0, bytes = 0;
	while (n < max && bytes < CHUNK_BYTES) {
		im_each_item *it = &items[n];
		im_error_clear(&it->err);
		it->st = im_reader_next(r, &it->a, &it->err);
		if (!it->st && !it->a) {
			*end = 1;
			break;
		}
		n++;
		if (it->st == IM_E_NOMEM) {
			*end = 1;
			break;
		}
		if (it->a)
			bytes += it->a->len;
	}
	return n;
}

/* Hands items[0..n) on to fn in order (none once st is set) and clears
 * them. */
static im_status hand_on(im_each_item *items, size_t n, im_status st, im_each_fn fn, void *ud)
{
	for (size_t i = 0; i < n; i++) {
		if (!st)
			st = fn(ud, &items[i]);
		item_clear(&items[i]);
	}
	return st;
}

im_status im_extract_each(im_reader *r, const im_gaz *g, const im_extract_opts *o,
			  unsigned jobs, int toponyms, im_each_fn fn, void *ud)
{
	if (jobs < 1)
		jobs = 1;
	size_t max = jobs == 1 ? 1 : (size_t)jobs * CHUNK_PER_JOB;
	im_each_item *items = calloc(2 * max, sizeof *items);
	if (!items)
		return IM_E_NOMEM;
	pool p = {.g = g, .o = o, .toponyms = toponyms};
	pool_start(&p, jobs);
	im_status st = IM_OK;
	int end = 0;
	im_each_item *cur = items, *nxt = items + max;
	size_t n = read_chunk(r, cur, max, &end);
	pool_go(&p, cur, n);
	while (n) {
		/* the next chunk is read while this one is extracted (one job:
		 * after it is handed on) */
		size_t m = end || jobs == 1 ? 0 : read_chunk(r, nxt, max, &end);
		pool_wait(&p);
		if (m)
			pool_go(&p, nxt, m);
		st = hand_on(cur, n, st, fn, ud);
		if (jobs == 1 && !st && !end) {
			m = read_chunk(r, nxt, max, &end);
			pool_go(&p, nxt, m);
		}
		if (st) { /* what the threads are at is dropped */
			pool_wait(&p);
			hand_on(nxt, m, st, fn, ud);
			break;
		}
		im_each_item *t = cur;
		cur = nxt;
		nxt = t;
		n = m;
	}
	pool_stop(&p);
	free(items);
	return st;
}

typedef struct pfor {
	size_t n;
	atomic_size_t next;
	void (*fn)(void *ud, size_t i);
	void *ud;
} pfor;

static void *pfor_work(void *arg)
{
	pfor *f = arg;
	for (size_t i; (i = atomic_fetch_add(&f->next, 1)) < f->n;)
		f->fn(f->ud, i);
	return NULL;
}

void im_parallel_for(unsigned jobs, size_t n, void (*fn)(void *ud, size_t i), void *ud)
{
	pfor f = {.n = n, .fn = fn, .ud = ud};
	atomic_store(&f.next, 0);
	pthread_t t[IM_MAX_JOBS];
	unsigned nt = 0;
	while (jobs > 1 && nt + 1 < jobs && nt < IM_MAX_JOBS && (size_t)nt + 1 < n &&
	       pthread_create(&t[nt], NULL, pfor_work, &f) == 0)
		nt++;
	pfor_work(&f);
	for (unsigned i = 0; i < nt; i++)
		pthread_join(t[i], NULL);
}

unsigned im_jobs_default(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > IM_MAX_JOBS ? IM_MAX_JOBS : (unsigned)n;
}
