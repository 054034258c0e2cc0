/* ahead.c: a reader run in a thread of its own, a few batches ahead of
 * its caller, so that parsing the input and using what it gives share the
 * machine's cores (a million-row CSV into a map: the parsing is a third of
 * the work). The incidents are handed over a batch at a time and stay the
 * reader thread's: the caller reads them, the reader clears and refills
 * them once the caller has moved on to the next batch. */
#include "io.h"

#include <pthread.h>
#include <stdlib.h>

#define BATCH 1024 /* incidents a batch */
#define NBATCH 4   /* batches in the ring: the reader is at most 3 ahead */

typedef struct batch {
	im_incident v[BATCH];
	size_t n;
	int end;        /* the reader is done after these: at the end or failed */
	im_status st;   /* its failure, or IM_OK */
	im_error err;
} batch;

struct im_io_ahead {
	im_io_reader *r; /* borrowed; the thread's alone until it ends */
	batch b[NBATCH];
	size_t full;     /* batches filled and not yet read to their end */
	size_t head;     /* the batch the caller reads */
	size_t at;       /* the caller's next incident in it */
	int taken;       /* the caller has been given b[head] */
	int stop;        /* the caller is done: the thread ends */
	int threaded;
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t changed;
};

/* Fills one batch from the reader: up to BATCH incidents, or fewer and
 * end set. */
static void fill(im_io_ahead *a, batch *b)
{
	b->n = 0;
	b->st = IM_OK;
	b->end = 0;
	im_error_clear(&b->err);
	while (b->n < BATCH) {
		int done = 0;
		im_incident_clear(&b->v[b->n]);
		b->st = im_io_reader_next(a->r, &b->v[b->n], &done, &b->err);
		if (b->st || done) {
			b->end = 1;
			return;
		}
		b->n++;
	}
}

static void *run(void *ud)
{
	im_io_ahead *a = ud;
	for (size_t k = 0;; k = (k + 1) % NBATCH) {
		pthread_mutex_lock(&a->mu);
		while (a->full == NBATCH && !a->stop)
			pthread_cond_wait(&a->changed, &a->mu);
		int stop = a->stop;
		pthread_mutex_unlock(&a->mu);
		if (stop)
			return NULL;
		fill(a, &a->b[k]);
		pthread_mutex_lock(&a->mu);
		a->full++;
		pthread_cond_broadcast(&a->changed);
		pthread_mutex_unlock(&a->mu);
		if (a->b[k].end)
			return NULL;
	}
}

im_status im_io_ahead_start(im_io_reader *r, im_io_ahead **out, im_error *err)
{
	im_io_ahead *a = calloc(1, sizeof *a);
	*out = NULL;
	if (!a)
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	a->r = r;
	for (size_t k = 0; k < NBATCH; k++)
		for (size_t i = 0; i < BATCH; i++)
			im_incident_init(&a->b[k].v[i]);
	if (pthread_mutex_init(&a->mu, NULL)) {
		free(a);
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	}
	if (pthread_cond_init(&a->changed, NULL)) {
		pthread_mutex_destroy(&a->mu);
		free(a);
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	}
	/* No thread to be had: the caller's own reads the batches. */
	a->threaded = pthread_create(&a->th, NULL, run, a) == 0;
	*out = a;
	return IM_OK;
}

/* The batch at head, filled: waited for, or read here without a thread. */
static batch *head_batch(im_io_ahead *a)
{
	batch *b = &a->b[a->head];
	if (!a->threaded) {
		if (!a->taken)
			fill(a, b);
		a->taken = 1;
		return b;
	}
	if (a->taken)
		return b;
	pthread_mutex_lock(&a->mu);
	while (!a->full)
		pthread_cond_wait(&a->changed, &a->mu);
	pthread_mutex_unlock(&a->mu);
	a->taken = 1;
	return b;
}

/* The caller is done with the batch at head: the reader may refill it. */
static void release(im_io_ahead *a)
{
	a->taken = 0;
	a->at = 0;
	a->head = (a->head + 1) % NBATCH;
	if (!a->threaded)
		return;
	pthread_mutex_lock(&a->mu);
	a->full--;
	pthread_cond_broadcast(&a->changed);
	pthread_mutex_unlock(&a->mu);
}

im_status im_io_ahead_next(im_io_ahead *a, const im_incident **inc, int *done, im_error *err)
{
	*inc = NULL;
	*done = 0;
	for (;;) {
		batch *b = head_batch(a);
		if (a->at < b->n) {
			*inc = &b->v[a->at++];
			return IM_OK;
		}
		if (b->end) {
			if (b->st)
				*err = b->err;
			*done = !b->st;
			return b->st;
		}
		release(a);
	}
}

void im_io_ahead_free(im_io_ahead *a)
{
	if (!a)
		return;
	if (a->threaded) {
		pthread_mutex_lock(&a->mu);
		a->stop = 1;
		pthread_cond_broadcast(&a->changed);
		pthread_mutex_unlock(&a->mu);
		pthread_join(a->th, NULL);
	}
	for (size_t k = 0; k < NBATCH; k++)
		for (size_t i = 0; i < BATCH; i++)
			im_incident_clear(&a->b[k].v[i]);
	pthread_cond_destroy(&a->changed);
	pthread_mutex_destroy(&a->mu);
	free(a);
}
