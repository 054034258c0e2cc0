/* actors.c: named actors (armed groups, forces), each normalised to one
 * name ("ISIS", "Daesh", "IS" -> "Islamic State"). A name given as a
 * suspicion ("carries the hallmarks of ISIS", "blamed on", "suspected")
 * is not an actor: analysts code claims and statements of fact only. */
#include "extract_int.h"

#include <string.h>

/* Is the mention at [k, e) hedged? Looks back a few words for a suspicion
 * cue, and forward for "was suspected", "is blamed". */
static int hedged(const xt_doc *d, size_t t0, size_t t1, size_t k, size_t e)
{
	static const char *const back[] = {"may", "might", NULL};
	size_t b = k;
	for (int hops = 0; b > t0 && hops < 5; hops++) {
		b--;
		if (xt_is_any(d, b, back) || xt_lex_in(&xt_eventwords, d, b, XV_SUSPECTED))
			return 1;
		if (xt_is(d, b, ".") || xt_is(d, b, ";"))
			break;
	}
	if (e + 1 < t1 && (xt_is(d, e, "was") || xt_is(d, e, "is") || xt_is(d, e, "were")) &&
	    (xt_is(d, e + 1, "suspected") || xt_is(d, e + 1, "blamed") ||
	     xt_is(d, e + 1, "believed") || xt_is(d, e + 1, "accused") || xt_is(d, e + 1, "likely")))
		return 1;
	if (e < t1 && (xt_is(d, e, "-style") || xt_is(d, e, "style")))
		return 1;
	return 0;
}

size_t xt_actors(const xt_doc *d, size_t t0, size_t t1, xt_actor *out, size_t max)
{
	if (t1 > d->ntok)
		t1 = d->ntok;
	size_t n = 0;
	for (size_t k = t0; k < t1 && n < max;) {
		const xt_lex *hit;
		size_t len = xt_lex_match(&xt_actornames, d, k, t1, &hit);
		if (!len) {
			k++;
			continue;
		}
		/* Acronyms (v 2) count only in capitals: "IS" is not "is". */
		if (hit->v == 2 && !(d->tok[k].f & XT_UPPER)) {
			k += len;
			continue;
		}
		/* "pro-ISIS", "anti-PMF" are other people. */
		if (k > t0 && (xt_is(d, k - 1, "pro") || xt_is(d, k - 1, "anti"))) {
			k += len;
			continue;
		}
		if (hedged(d, t0, t1, k, k + len)) {
			k += len;
			continue;
		}
		int dup = 0;
		for (size_t i = 0; i < n; i++)
			if (strcmp(out[i].name, hit->s) == 0)
				dup = 1;
		if (!dup) {
			out[n].name = hit->s;
			out[n].t0 = k;
			out[n].t1 = k + len;
			n++;
		}
		k += len;
	}
	return n;
}
