/* casualty.c: fatality and injury figures in a stretch of text: "killing five
 * people and wounding 12 others", "Three militants were killed", "At least
 * 18 killed, 117 wounded", "shot dead a council member" (one), "no one was
 * hurt" (zero), "the death toll rose to 30" (an update). What is not said
 * stays unknown: the caller keeps null when no figure is found. */
#include "extract_int.h"

#include <string.h>

/* A machine, not a person: "shot down a drone", "the jet was shot down"
 * (lexicon/figure-words.txt). */
static int machine_word(const xt_doc *d, size_t k)
{
	return xt_figure_word(d, k) == XW_MACHINE;
}

/* "shot down" of an aircraft kills no one said: a machine in its object
 * ("shot down the Kuala Lumpur-Amsterdam passenger airliner"), or in the
 * four words before it ("a drone was shot down"). */
static int downed_machine(const xt_doc *d, size_t k, size_t t1)
{
	for (size_t j = k + 2; j < t1 && j < k + 9; j++) {
		if (machine_word(d, j))
			return 1;
		if (!(d->tok[j].f & XT_WORD) || xt_is(d, j, "over") || xt_is(d, j, "in") ||
		    xt_is(d, j, "near") || xt_is(d, j, "on") || xt_is(d, j, "at") ||
		    xt_is(d, j, "and"))
			break;
	}
	for (size_t j = k, hops = 0; j > 0 && hops < 4; hops++)
		if (machine_word(d, --j))
			return 1;
	return 0;
}

/* Verbs of "VERB to death": "hacked to death", "beaten to death". */
static int to_death_verb(const xt_doc *d, size_t k)
{
	static xt_words v_set = XT_GROUP(&xt_casualtywords, XK_TO_DEATH);
	return xt_in(d, k, &v_set);
}

/* Animals killed in a raid are no fatalities ("several camels killed";
 * lexicon/figure-words.txt). */
static int animal(const xt_doc *d, size_t k)
{
	return xt_figure_word(d, k) == XW_ANIMAL;
}

/* Verbs of what was done to a victim before "and killed": "was shot and
 * killed", "was attacked and killed", "was abducted and killed". */
static int harmed_then(const xt_doc *d, size_t k)
{
	static xt_words v_set = XT_GROUP(&xt_casualtywords, XK_HARMED);
	return xt_in(d, k, &v_set);
}

/* A death phrase at k: returns its length in tokens, 0 if none. Asked at
 * most words of a text: of a phrase of three, its rare last word is
 * tested first. */
static size_t death_at(const xt_doc *d, size_t k, size_t t1)
{
	static xt_words one_set = XT_GROUP(&xt_casualtywords, XK_DEATH);
	if (k >= t1)
		return 0;
	if (k + 1 < t1 && xt_is(d, k, "shot") && xt_is(d, k + 1, "down") &&
	    downed_machine(d, k, t1))
		return 0;
	if (k + 1 < t1 && (xt_is(d, k, "shot") || xt_is(d, k, "gunned")) &&
	    (xt_is(d, k + 1, "dead") || xt_is(d, k + 1, "down")))
		return 2;
	/* "were shot and killed", "were abducted and killed" */
	if (k + 2 < t1 && xt_is(d, k + 2, "killed") && xt_is(d, k + 1, "and") && harmed_then(d, k))
		return 3;
	if (k + 1 < t1 && (xt_is(d, k, "fatally") || xt_is(d, k, "mortally")) &&
	    (xt_is(d, k + 1, "shot") || xt_is(d, k + 1, "stabbed") ||
	     xt_is(d, k + 1, "wounded") || xt_is(d, k + 1, "injured")))
		return 2;
	if (k + 2 < t1 && xt_is(d, k + 2, "death") && xt_is(d, k + 1, "to") &&
	    to_death_verb(d, k))
		return 3;
	if (k + 2 < t1 && xt_is(d, k, "lost") &&
	    (xt_is(d, k + 1, "their") || xt_is(d, k + 1, "his") || xt_is(d, k + 1, "her")) &&
	    (xt_is(d, k + 2, "lives") || xt_is(d, k + 2, "life")))
		return 3;
	return xt_in(d, k, &one_set) ? 1 : 0;
}

static size_t injury_at(const xt_doc *d, size_t k, size_t t1)
{
	static xt_words one_set = XT_GROUP(&xt_casualtywords, XK_INJURY);
	if (k >= t1)
		return 0;
	return xt_in(d, k, &one_set) ? 1 : 0;
}

/* Active verbs whose object is the count: "killing five", "wounded 12". */
static int kill_verb_left(const xt_doc *d, size_t k)
{
	static xt_words v_set = XT_GROUP(&xt_casualtywords, XK_KILL_VERB);
	return xt_in(d, k, &v_set);
}

static int injure_verb_left(const xt_doc *d, size_t k)
{
	static xt_words v_set = XT_GROUP(&xt_casualtywords, XK_INJURE_VERB);
	return xt_in(d, k, &v_set);
}

/* Verbs that end a subject noun phrase without being a casualty: "Two
 * suicide bombers blew themselves up". */
static int other_verb(const xt_doc *d, size_t k)
{
	static xt_words v_set = XT_GROUP(&xt_casualtywords, XK_OTHER_VERB);
	static const char *const fn[] = {"were", "was", "have", "has", "had", "are",
	                                 "is",   "been", "who", "which", "that", NULL};
	static xt_words fn_set = XT_WORDS(fn);
	return xt_in(d, k, &v_set) || xt_in(d, k, &fn_set);
}

/* A word between a count and its verb: a form of "be" or "have" here, an
 * adverb or a verb of report from the lexicon ("were reportedly killed",
 * "was yesterday killed", "were confirmed dead"). */
static int aux(const xt_doc *d, size_t k)
{
	static const char *const v[] = {"were", "was", "have", "has", "had", "been", "are", "is",
					"being", "got", "all", "to", "be", NULL};
	static xt_words v_set = XT_WORDS(v);
	static xt_words adv_set = XT_GROUP(&xt_casualtywords, XK_BEFORE_VERB);
	return xt_in(d, k, &v_set) || xt_in(d, k, &adv_set);
}

static int is_punct(const xt_doc *d, size_t k)
{
	return (d->tok[k].f & XT_PUNCT) != 0;
}

/* An age written as one token before a noun ("a 45-year-old teacher",
 * "the 55-year-old head"): a word of the noun phrase, not a count. */
static int age_word(const xt_doc *d, size_t k)
{
	size_t n = d->tok[k].ll;
	return n > 4 && strcmp(XT_LOW(d, k) + n - 4, "-old") == 0;
}

/* Words after "killed" that show it is active ("killed three soldiers"),
 * so the count before it is the killers. */
static int calendar_word(const xt_doc *d, size_t k)
{
	static const char *const w[] = {
	    "monday",  "tuesday",   "wednesday", "thursday", "friday",   "saturday", "sunday",
	    "january", "february",  "march",     "april",    "may",      "june",     "july",
	    "august",  "september", "october",   "november", "december", "jan.",     "feb.",
	    "aug.",    "sept.",     "oct.",      "nov.",     "dec.",     NULL};
	static xt_words w_set = XT_WORDS(w);
	return xt_in(d, k, &w_set);
}

/* "have", "has", "had" right before a verb: an active perfect ("two
 * gunmen have shot dead a trader"), not a passive ("have been killed"). */
static int perfect(const xt_doc *d, size_t k)
{
	return xt_is(d, k, "have") || xt_is(d, k, "has") || xt_is(d, k, "had");
}

static int object_follows(const xt_doc *d, size_t k, size_t t1)
{
	if (k >= t1)
		return 0;
	if (d->tok[k].f & XT_NUM)
		return 1;
	/* a name: "shot dead Somali cleric Sheikh X" (not "killed Tuesday") */
	if ((d->tok[k].f & XT_CAP) && (d->tok[k].f & XT_WORD) && !calendar_word(d, k))
		return 1;
	static const char *const v[] = {"a",     "an",     "the",     "his",      "her",   "their",
	                                "more",  "dozens", "several", "many",     "one",   "two",
	                                "three", "four",   "five",    "six",      "seven", "eight",
	                                "nine",  "ten",    "scores",  "hundreds", "some",  NULL};
	static xt_words v_set = XT_WORDS(v);
	/* "killed at least five", not "killed at Waberi district" */
	if (k + 1 < t1 && xt_is(d, k, "at") && xt_is(d, k + 1, "least"))
		return 1;
	return xt_in(d, k, &v_set);
}

/* Is the count at [n0, n1) hedged as another account? "only two, some
 * sources said" reports a figure, but not the one to keep. */
static int hedged_count(const xt_doc *d, size_t t0, size_t n0)
{
	if (n0 > t0 && xt_is(d, n0 - 1, "only"))
		return 1;
	for (size_t b = n0, hops = 0; b > t0 && hops < 12; hops++) {
		b--;
		if (xt_is(d, b, "some") && b + 1 < n0 &&
		    (xt_is(d, b + 1, "sources") || xt_is(d, b + 1, "local") ||
		     xt_is(d, b + 1, "medical") || xt_is(d, b + 1, "reports") ||
		     xt_is(d, b + 1, "officials")))
			return 1;
		if (xt_is(d, b, "other") && b + 1 < n0 &&
		    (xt_is(d, b + 1, "sources") || xt_is(d, b + 1, "reports")))
			return 1;
	}
	return 0;
}

/* A subset of a count given before ("including five children", "two of
 * them women") is not a count of its own. */
static int subset(const xt_doc *d, size_t t0, size_t n0, size_t n1, size_t t1)
{
	/* "A child was among nine people killed": the whole, not a part */
	if (n0 > t0 + 1 && xt_is(d, n0 - 1, "among") &&
	    (xt_is(d, n0 - 2, "was") || xt_is(d, n0 - 2, "were") || xt_is(d, n0 - 2, "are") ||
	     xt_is(d, n0 - 2, "is")))
		return 0;
	if (n0 > t0 && (xt_is(d, n0 - 1, "including") || xt_is(d, n0 - 1, "among") ||
			xt_is(d, n0 - 1, "whom") || xt_is(d, n0 - 1, "included")))
		return 1;
	if (n0 > t0 + 1 && xt_is(d, n0 - 2, "among") && xt_is(d, n0 - 1, "them"))
		return 1;
	if (n1 + 1 < t1 && xt_is(d, n1, "of") && (xt_is(d, n1 + 1, "them") ||
						  xt_is(d, n1 + 1, "whom") ||
						  xt_is(d, n1 + 1, "the")))
		return 1;
	return 0;
}

static int add(const xt_doc *d, xt_fig *out, size_t *n, size_t max, xt_fig f)
{
	if (*n >= max)
		return 0;
	/* "also killed", "was killed also", "killing another 10" */
	if (!(f.flags & XF_ZERO)) {
		size_t lo = f.t0 > 3 ? f.t0 - 3 : 0, hi = f.t1 + 2 < d->ntok ? f.t1 + 2 : d->ntok;
		for (size_t k = lo; k < hi; k++)
			if (d->tok[k].sent == d->tok[f.t0].sent &&
			    (xt_is(d, k, "also") || xt_is(d, k, "another") || xt_is(d, k, "further")))
				f.flags |= XF_ALSO;
	}
	out[(*n)++] = f;
	return 1;
}

/* "the death toll rose to", "raising the toll to", "the toll stands at". */
static int toll_before(const xt_doc *d, size_t t0, size_t n0, int *update)
{
	for (size_t b = n0, hops = 0; b > t0 && hops < 5; hops++) {
		b--;
		if (xt_is(d, b, "toll")) {
			*update = 0;
			for (size_t c = b + 1; c < n0; c++)
				if (xt_is(d, c, "rose") || xt_is(d, c, "risen") ||
				    xt_is(d, c, "climbed") || xt_is(d, c, "reached") ||
				    xt_is(d, c, "jumped") || xt_is(d, c, "increased") ||
				    xt_is(d, c, "rises") || xt_is(d, c, "now") ||
				    xt_is(d, c, "climbs") || xt_is(d, c, "revised") ||
				    xt_is(d, c, "raised"))
					*update = 1;
			/* "raising toll to", "raising the (death) toll to" */
			size_t p = b;
			while (p > t0 && p + 3 > b &&
			       (xt_is(d, p - 1, "the") || xt_is(d, p - 1, "death")))
				p--;
			if (p > t0 && (xt_is(d, p - 1, "raising") || xt_is(d, p - 1, "bringing") ||
				       xt_is(d, p - 1, "pushing")))
				*update = 1;
			/* the injury toll is rare; "death toll" and plain "toll" are deaths */
			return 1;
		}
		if (!(xt_is(d, b, "rose") || xt_is(d, b, "risen") || xt_is(d, b, "to") ||
		      xt_is(d, b, "at") || xt_is(d, b, "of") || xt_is(d, b, "has") ||
		      xt_is(d, b, "had") || xt_is(d, b, "climbed") || xt_is(d, b, "reached") ||
		      xt_is(d, b, "stood") || xt_is(d, b, "stands") || xt_is(d, b, "is") ||
		      xt_is(d, b, "was") || xt_is(d, b, "now") || xt_is(d, b, "jumped") ||
		      xt_is(d, b, "increased") || xt_is(d, b, "final") || xt_is(d, b, "death") ||
		      xt_is(d, b, "revised") || xt_is(d, b, "raised") || xt_is(d, b, "up")))
			return 0;
	}
	return 0;
}

/* Reads a singular noun phrase after a verb: "a member of the council",
 * "the deputy head", "a Sunni Iraqi MP". Returns its end (exclusive) when
 * its head is singular, 0 otherwise. */
static size_t singular_np(const xt_doc *d, size_t k, size_t t1)
{
	if (k >= t1)
		return 0;
	if (!(xt_is(d, k, "a") || xt_is(d, k, "an") || xt_is(d, k, "the") ||
	      xt_is(d, k, "his") || xt_is(d, k, "her") || xt_is(d, k, "its") ||
	      (d->tok[k].f & XT_POSS)))
		return 0;
	size_t j = k + 1, head = 0;
	while (j < t1 && j < k + 7 && (d->tok[j].f & XT_WORD) &&
	       (!(d->tok[j].f & XT_NUM) || age_word(d, j))) {
		if (xt_is(d, j, "of") || xt_is(d, j, "and") || xt_is(d, j, "in") ||
		    xt_is(d, j, "at") || xt_is(d, j, "on") || xt_is(d, j, "who") ||
		    xt_is(d, j, "near") || xt_is(d, j, "outside") || xt_is(d, j, "with"))
			break;
		head = j;
		j++;
	}
	if (!head)
		return 0;
	/* "killing the contest before half-time": no one */
	if (xt_figurative(d, k, k, j))
		return 0;
	char w[48];
	size_t n = xt_lower(d, head, w, sizeof w);
	if (!n)
		return 0;
	static xt_words plural_set = XT_GROUP(&xt_casualtywords, XK_PLURAL);
	if (xt_in(d, head, &plural_set))
		return 0;
	if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' && w[n - 2] != 'i')
		return 0;
	/* The NP may go on with "of the provincial council". */
	if (j < t1 && xt_is(d, j, "of")) {
		j++;
		while (j < t1 && j < k + 14 && (d->tok[j].f & XT_WORD) &&
		       !xt_is(d, j, "and") && !xt_is(d, j, "in") && !xt_is(d, j, "outside") &&
		       !xt_is(d, j, "near") && !xt_is(d, j, "at") && !xt_is(d, j, "on"))
			j++;
	}
	return j;
}

/* Does an aside that closes right at k open at e: "(BIS)", ", who is a
 * member of the party", "-- a council member in the province --"? */
static int np_aside_to(const xt_doc *d, size_t e, size_t k)
{
	if (xt_is(d, e, "(") || xt_is(d, e, "["))
		return k > e + 1 && (xt_is(d, k - 1, ")") || xt_is(d, k - 1, "]"));
	if (xt_is(d, e, ",") && e + 1 < k && xt_is(d, e + 1, "who")) {
		for (size_t q = e + 1; q < k; q++)
			if (is_punct(d, q) && !xt_is(d, q, "'s"))
				return 0;
		return 1;
	}
	if ((d->tok[e].f & XT_DASH) && k > e + 1 && (d->tok[k - 1].f & XT_DASH)) {
		for (size_t q = e + 1; q < k; q++)
			if (xt_is(d, q, ",") || xt_is(d, q, "."))
				return 0;
		return 1;
	}
	return 0;
}

/* Is the subject of the verb at k a singular noun phrase that opens the
 * stretch at t0 ("A senior judge", "The head of the provincial council",
 * "A teacher in the village")? Only a place or time phrase may stand
 * between it and the verb. */
static int singular_subject(const xt_doc *d, size_t t0, size_t k)
{
	/* "The head of the region, was assassinated": the comma before the
	 * verb */
	if (k > t0 + 1 && xt_is(d, k - 1, ","))
		k--;
	if (k <= t0 || k > t0 + 24 || (d->tok[t0].f & XT_CAP) == 0)
		return 0;
	size_t e = singular_np(d, t0, k);
	if (!e || e > k || (e < k && k > t0 + 16 && !np_aside_to(d, e, k)))
		return 0;
	if (e == k || np_aside_to(d, e, k))
		return 1;
	static const char *const lead[] = {"in", "from", "at", "near", "on", NULL};
	static xt_words lead_set = XT_WORDS(lead);
	if (!xt_in(d, e, &lead_set))
		return 0;
	for (size_t j = e; j < k; j++)
		if (is_punct(d, j) || xt_is(d, j, "and") || xt_is(d, j, "who"))
			return 0;
	return 1;
}

/* 1 when the words at k (past auxiliaries and an aside ", including
 * women,") are a verb of death or injury: the count before k has a
 * figure of its own ("and 20 injured"). */
static int own_verb_after(const xt_doc *d, size_t k, size_t t1)
{
	for (size_t m = k; m < t1 && m < k + 14; m++) {
		if (death_at(d, m, t1) || injury_at(d, m, t1))
			return 1;
		/* ", including women," and "including children" before the
		 * verb */
		if (xt_is(d, m, "including") ||
		    (xt_is(d, m, ",") && m + 1 < t1 && xt_is(d, m + 1, "including"))) {
			m += xt_is(d, m, ",");
			while (m + 1 < t1 && m < k + 13 && !xt_is(d, m + 1, ",") && !aux(d, m + 1))
				m++;
			continue;
		}
		/* "six people sustained heavy and light injuries" */
		if (xt_is(d, m, "sustained") || xt_is(d, m, "suffered")) {
			for (size_t q = m + 1; q < t1 && q < m + 5; q++)
				if (injury_at(d, q, t1))
					return 1;
			break;
		}
		if (!aux(d, m) && !xt_is(d, m, ","))
			break;
	}
	return 0;
}

/* "and six others", "and two more people" after a counted phrase. */
static int others_after(const xt_doc *d, size_t k, size_t t1, xt_num *num)
{
	if (k + 1 >= t1 || !xt_is(d, k, "and"))
		return 0;
	if (!xt_num_at(d, k + 1, t1, num))
		return 0;
	size_t j = num->t1;
	if (!(j < t1 && (xt_is(d, j, "others") || xt_is(d, j, "other") || xt_is(d, j, "more"))))
		return 0;
	if (j + 1 < t1 && xt_is(d, j, "other") && (d->tok[j + 1].f & XT_WORD) &&
	    !death_at(d, j + 1, t1) && !injury_at(d, j + 1, t1))
		j++; /* "two other people", not "10 other wounded" */
	/* "and four others injured", "and 50 others, including women, were
	 * injured": a figure of its own, not more of the same */
	return !own_verb_after(d, j + 1, t1);
}


/* ---- lists of victims ----------------------------------------------------- */

/* The end of a victim's noun phrase: a preposition, a conjunction, a form
 * of "be" or "have" here; a verb of report, a compass word, a word of time
 * from the lexicon ("five farmers said", "two men north of"). */
static int np_stop(const xt_doc *d, size_t k)
{
	static const char *const w[] = {"in",     "on",     "at",    "near",  "as",     "when",
					"while",  "after",  "during", "inside", "outside", "from",
					"with",   "by",     "who",   "which", "that",   "to",
					"for",    "and",    "or",    "but",   "were",   "was",
					"are",    "is",     "have",  "has",   "had",    "last",
					"this",   "before", "into",  "across", "around", "along",
					"over",   "under",  "between", "among", "then", NULL};
	static xt_words w_set = XT_WORDS(w);
	static xt_words end_set = XT_GROUP(&xt_casualtywords, XK_PHRASE_END);
	uint32_t f = d->tok[k].f;
	if (!(f & XT_WORD) || ((f & XT_NUM) && !age_word(d, k)))
		return 1;
	if (xt_in(d, k, &w_set) || xt_in(d, k, &end_set))
		return 1;
	/* "his son Malam Modu leaving five others": a count opens a phrase of
	 * its own ("a nine year-old boy" is an age) */
	int count =
	    xt_num_word(XT_STR(d, k), XT_LEN(d, k)) > 1 && !(k + 1 < d->ntok && age_word(d, k + 1));
	return count || death_at(d, k, d->ntok) || injury_at(d, k, d->ntok);
}

/* A time between an auxiliary and its verb, as Nigerian and
 * Kenyan reports write it: "were on Thursday killed", "was this evening
 * shot", "was last night killed", "was Tuesday night killed", "was
 * yesterday, killed", "were at the weekend killed", "were, weekend,
 * killed": the token after it (and a comma), j when there is none. */
static size_t past_day(const xt_doc *d, size_t j, size_t t1)
{
	static const char *const part[] = {"morning", "afternoon", "evening", "night",
	                                   "week",    "weekend",   NULL};
	static xt_words part_set = XT_WORDS(part);
	static const char *const lead[] = {"this", "last", "tonight", "at", NULL};
	static xt_words lead_set = XT_WORDS(lead);
	size_t q = j;
	if (q + 1 < t1 && xt_is(d, q, ",") &&
	    (calendar_word(d, q + 1) || xt_in(d, q + 1, &part_set)))
		q++; /* "were, weekend, killed" */
	if (q + 1 < t1 && xt_is(d, q, "on") && calendar_word(d, q + 1))
		q++;
	if (q < t1 && calendar_word(d, q))
		q++;
	else if (q + 1 < t1 && xt_in(d, q, &lead_set) &&
	         (xt_in(d, q + 1, &part_set) ||
	          (xt_is(d, q + 1, "the") && q + 2 < t1 && xt_in(d, q + 2, &part_set))))
		q += xt_is(d, q + 1, "the") ? 2 : 1;
	if (q < t1 && xt_in(d, q, &part_set))
		q++;
	if (q > j && q < t1 && xt_is(d, q, ","))
		q++;
	return q;
}

/* Past auxiliaries, a time (past_day) and more auxiliaries, to the verb. */
static size_t past_aux_and_day(const xt_doc *d, size_t j, size_t t1)
{
	while (j < t1 && aux(d, j))
		j++;
	j = past_day(d, j, t1);
	while (j < t1 && (aux(d, j) || xt_is(d, j, ",")))
		j++;
	return j;
}

/* "and" between two capitalised words after "of": one name ("the
 * Director of Admin and Finance", "residents of Dunbulwa and Kada-gara
 * villages"), not a list's next item. */
static int name_and(const xt_doc *d, size_t j, size_t t1)
{
	return xt_is(d, j, "and") && j > 0 && j + 1 < t1 && (d->tok[j - 1].f & XT_CAP) &&
	       !(d->tok[j - 1].f & XT_SSTART) && (d->tok[j + 1].f & XT_CAP) &&
	       (d->tok[j + 1].f & XT_WORD) && !(d->tok[j + 1].f & XT_NUM);
}

/* One item of a list of victims at k: "two of his brothers", "a bodyguard",
 * "him", "Bahjat Mustafa", "the son of a local leader". Returns its count
 * (0 when it is not one) and its end in *end; *total is set for "a total
 * of six people", which replaces the sum. */
static long victim_item(const xt_doc *d, size_t k, size_t t1, size_t *end, int *total)
{
	*total = 0;
	if (k >= t1)
		return 0;
	xt_num num;
	if (k + 2 < t1 && xt_is(d, k, "a") && xt_is(d, k + 1, "total") && xt_is(d, k + 2, "of") &&
	    xt_num_at(d, k + 3, t1, &num)) {
		*total = 1;
		size_t j = num.t1;
		while (j < t1 && j < num.t1 + 3 && !np_stop(d, j) && !xt_is(d, j, ","))
			j++;
		*end = j;
		return num.v;
	}
	/* "her" alone is a victim; "her two children" is a possessive */
	if (xt_is(d, k, "him") ||
	    (xt_is(d, k, "her") && (k + 1 >= t1 || np_stop(d, k + 1) || xt_is(d, k + 1, ",")) &&
	     !(k + 1 < t1 && ((d->tok[k + 1].f & XT_NUM) ||
	                      xt_num_word(XT_STR(d, k + 1), XT_LEN(d, k + 1)) > 0)))) {
		*end = k + 1;
		return 1;
	}
	/* "killing themselves and seven others": the attackers are not counted */
	if (xt_is(d, k, "themselves") || xt_is(d, k, "himself") || xt_is(d, k, "herself")) {
		*end = k + 1;
		return -2;
	}
	size_t j = k;
	long v = 0;
	if (xt_is(d, k, "a") || xt_is(d, k, "an") || xt_is(d, k, "the") || xt_is(d, k, "his") ||
	    xt_is(d, k, "her") || xt_is(d, k, "their") || xt_is(d, k, "its") ||
	    xt_is(d, k, "another") || xt_is(d, k, "one")) {
		j = k + 1;
		/* "his two sons", "the three men"; "a couple" are two; "a dozen
		 * (of) people" are twelve */
		if (xt_is(d, k, "a") && xt_num_at(d, k, t1, &num) && num.t1 > j &&
		    !(num.flags & XN_VAGUE)) {
			v = num.v;
			j = num.t1 + (num.t1 < t1 && xt_is(d, num.t1, "of"));
		} else if (j < t1 && xt_num_at(d, j, t1, &num) && !(num.flags & XN_VAGUE)) {
			v = num.v;
			j = num.t1;
		} else if (j < t1 && xt_is(d, j, "couple") &&
		           !(j + 1 < t1 && xt_is(d, j + 1, "of"))) {
			*end = j + 1;
			return 2;
		} else {
			v = 1;
		}
	} else if (xt_num_at(d, k, t1, &num) && !(num.flags & XN_VAGUE)) {
		v = num.v;
		j = num.t1;
		/* "two of his brothers" */
		if (j < t1 && xt_is(d, j, "of"))
			j++;
	} else if ((d->tok[k].f & XT_CAP) && !calendar_word(d, k)) {
		/* a person's name */
		j = k;
		while (j < t1 && j < k + 5 && (d->tok[j].f & XT_WORD) && !(d->tok[j].f & XT_NUM) &&
		       ((d->tok[j].f & XT_CAP) || xt_is(d, j, "al") || xt_is(d, j, "bin") ||
			(XT_LEN(d, j) > 3 && XT_STR(d, j)[2] == '-')) &&
		       !calendar_word(d, j))
			j++;
		*end = j;
		return 1;
	} else {
		return 0;
	}
	/* the noun phrase */
	size_t head = 0, words = 0;
	int of = 0;
	while (j < t1 && words < 6 && (!np_stop(d, j) || (of && name_and(d, j, t1))) &&
	       !xt_is(d, j, ",")) {
		if (xt_is(d, j, "of") && v == 1) {
			/* "the son of a local leader": the head is before "of" */
			j++;
			while (j < t1 && words < 10 && (!np_stop(d, j) || name_and(d, j, t1)) &&
			       !xt_is(d, j, ","))
				j++, words++;
			break;
		}
		of |= xt_is(d, j, "of");
		head = j;
		j++;
		words++;
	}
	if (v == 1 && head) {
		char w[40];
		size_t n = xt_lower(d, head, w, sizeof w);
		if (xt_figurative(d, head, head, head + 1) ||
		    (k > 0 && xt_figurative(d, k - 1, k, j)))
			return 0; /* "killing the contest", "killed the bill" */
		static xt_words coll_set = XT_GROUP(&xt_casualtywords, XK_COLLECTIVE);
		if (xt_in(d, head, &coll_set))
			return 0; /* "his entire family": how many is not said */
		if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' && w[n - 2] != 'i')
			return 0;
	}
	if (v == 1 && !head && !(j > k && (d->tok[j - 1].f & XT_NUM)))
		return 0;
	*end = j;
	return v;
}

/* A list of victims: "him, two of his brothers and a bodyguard", "a
 * policeman, his father, his wife and three children". Returns the sum
 * (0 when none), the number of items in *items and the end in *end. In
 * the object of a verb (object 1), an item with a verb of its own ("killed
 * five men and at least 20 injured") ends the list before it. */
/* Items of one list at most: a longer run of commas is no list of victims
 * (a roll of place names), and reading it from each of its items would
 * take time in the square of its length. */
#define VICTIM_LIST_MAX 64

/* 1 when the words [k, e) of a list's item name attackers ("a suicide
 * bomber", "two of the attackers"): in a list with victims they are not counted,
 * as "killing themselves and seven others" counts seven. */
static int attacker_in(const xt_doc *d, size_t k, size_t e)
{
	/* not "gunmen" or "militants": in a clash they are one side's dead
	 * ("13 Huthists and four tribal gunmen killed") */
	static xt_words w_set = XT_GROUP(&xt_casualtywords, XK_ATTACKER);
	for (size_t q = k; q < e; q++)
		if (xt_in(d, q, &w_set))
			return 1;
	return 0;
}

/* The kind of a list's item of v people at k: 2 a name ("Usman Yar
 * Khan"), 1 one person described ("a senior leader", "the deputy chief"),
 * 0 anything else ("his two aides", "him"). */
static int item_kind(const xt_doc *d, size_t k, long v)
{
	if (v != 1)
		return 0;
	if (xt_is(d, k, "a") || xt_is(d, k, "an") || xt_is(d, k, "the"))
		return 1;
	static const char *const det[] = {"his", "her", "their", "its", "another", "one", NULL};
	static xt_words det_set = XT_WORDS(det);
	return (d->tok[k].f & XT_CAP) && !xt_in(d, k, &det_set) ? 2 : 0;
}

/* Is an item of kind `kind` after a comma the person of the item before it
 * (of kind `was`) told again? A name after a description ("a provincial
 * leader of the party, Mian Mohammad Mushtaq, and his two aides" are 3),
 * or a description between commas after a name ("Usman Yar Khan, the
 * deputy chief of the party, and two of his associates"). */
static int apposition(const xt_doc *d, int was, int kind, size_t e, size_t t1)
{
	if (was == 1 && kind == 2)
		return 1;
	return was == 2 && kind == 1 && e < t1 && xt_is(d, e, ",");
}

/* A bare singular noun as a list's later item, sharing the determiner of
 * an item before it: "a technician, guard and driver", "their driver and
 * guard" (but "a prominent academic and expert in law" is one person: see
 * victim_list). 1 with its end in *end when the word at k is one (a word,
 * then the end of the phrase), 0 otherwise ("killed a man and fled"). */
static long bare_item(const xt_doc *d, size_t k, size_t t1, size_t *end)
{
	if (k >= t1 || !(d->tok[k].f & XT_WORD) || (d->tok[k].f & (XT_CAP | XT_NUM)) ||
	    np_stop(d, k) || aux(d, k) || other_verb(d, k))
		return 0;
	size_t n = d->tok[k].ll;
	const char *w = XT_LOW(d, k);
	if (n < 3 || w[n - 1] == 's' || strcmp(w + n - 2, "ed") == 0 ||
	    strcmp(w + n - 3, "ing") == 0 || strcmp(w + n - 2, "ly") == 0)
		return 0;
	size_t e = k + 1;
	if (e < t1 && !np_stop(d, e) && !is_punct(d, e)) {
		size_t m = d->tok[e].ll;
		if (m < 4 || strcmp(XT_LOW(d, e) + m - 3, "ing") != 0)
			return 0; /* "driver working for the station" */
	}
	*end = e;
	return 1;
}

/* What determiner opens the item at k: 2 a possessive ("his", "their"),
 * 1 an article ("a", "the"), 0 none. */
static int det_item(const xt_doc *d, size_t k)
{
	static const char *const poss[] = {"his", "her", "their", "its", NULL};
	static const char *const art[] = {"a", "an", "the", NULL};
	return xt_is_any(d, k, poss) ? 2 : xt_is_any(d, k, art) ? 1 : 0;
}

static long victim_list(const xt_doc *d, size_t k, size_t t1, int object, size_t *end, int *items)
{
	/* English lists are "A, B and C": the list is whole after its first
	 * item and after the item that follows "and"; items after bare commas
	 * count only when an "and" item closes the list ("three members, the
	 * council said" is one item). */
	long sum = 0, sum_ok = 0, asum = 0;
	int n = 0, n_ok = 0, after_and = 0, comma = 0, kind = 0, det = 0, prev_det = 0, bare = 0;
	size_t j = k, end_ok = k;
	for (;;) {
		size_t e;
		int total;
		long v = victim_item(d, j, t1, &e, &total);
		/* a bare noun after a comma, or after "and" that follows a
		 * possessive's item ("their driver and guard") or a bare noun
		 * ("a teacher, cook and driver"), shares a determiner; "a
		 * leader and mediator" is one person */
		int was_bare = bare;
		bare = 0;
		if (v == 0 && det && n && (comma || prev_det == 2 || was_bare))
			v = bare = (int)bare_item(d, j, t1, &e);
		if (v == 0 || v < -2)
			break;
		prev_det = det_item(d, j);
		det |= prev_det;
		if (v == -2)
			v = 0; /* "themselves" */
		int was = kind;
		kind = item_kind(d, j, v);
		if (comma && !after_and && apposition(d, was, kind, e, t1))
			v = 0;
		/* "killed five men and at least 20 injured": in the object
		 * of a verb, an item with a verb of its own is not in it */
		if (object && n && own_verb_after(d, e, t1))
			break;
		if (total) {
			sum_ok = v;
			n_ok = 2;
			end_ok = e;
			break;
		}
		sum += v;
		if (attacker_in(d, j, e))
			asum += v;
		n++;
		if (n == 1 || after_and) {
			sum_ok = sum > asum ? sum - asum : sum;
			n_ok = n;
			end_ok = e;
		}
		if (after_and || n >= VICTIM_LIST_MAX)
			break;
		size_t s = e;
		int and = 0;
		comma = 0;
		if (s < t1 && xt_is(d, s, ",")) {
			s++;
			comma = 1;
		}
		if (s < t1 && xt_is(d, s, "and")) {
			s++;
			and = 1;
		}
		if (!comma && !and)
			break;
		after_and = and;
		j = s;
	}
	/* "... and his entire family, a total of six people" */
	for (size_t q = end_ok; q < t1 && q < end_ok + 8; q++) {
		if (xt_is(d, q, "total") && q + 1 < t1 && xt_is(d, q + 1, "of")) {
			xt_num num;
			if (xt_num_at(d, q + 2, t1, &num) && !(num.flags & XN_VAGUE)) {
				sum_ok = num.v;
				n_ok = n_ok ? n_ok : 1;
				end_ok = num.t1;
			}
			break;
		}
		if (xt_is(d, q, ".") || xt_is(d, q, ";"))
			break;
	}
	*items = n_ok;
	*end = end_ok;
	return n_ok ? sum_ok : 0;
}

/* Verbs that take their victims as object: "killing", "shot dead",
 * "gunned down", "wounding". Returns the verb's length and what. */
static size_t active_verb(const xt_doc *d, size_t k, size_t t1, int *what)
{
	if (k + 2 < t1 && xt_is(d, k, "shot") && xt_is(d, k + 1, "and") &&
	    (xt_is(d, k + 2, "killed") || xt_is(d, k + 2, "wounded"))) {
		*what = xt_is(d, k + 2, "killed") ? XF_DEATHS : XF_INJURIES;
		return 3;
	}
	if (k + 1 < t1 && (xt_is(d, k, "shot") || xt_is(d, k, "gunned")) &&
	    (xt_is(d, k + 1, "dead") || xt_is(d, k + 1, "down"))) {
		if (xt_is(d, k + 1, "down") && downed_machine(d, k, t1))
			return 0;
		*what = XF_DEATHS;
		return 2;
	}
	/* "stabbed to death six farmers", "stabbing to death a member" (asked
	 * at every word: the rare "death" first) */
	if (k + 2 < t1 && xt_is(d, k + 2, "death") && xt_is(d, k + 1, "to") &&
	    (to_death_verb(d, k) || xt_is(d, k, "stabbing") || xt_is(d, k, "hacking") ||
	     xt_is(d, k, "beating") || xt_is(d, k, "burning"))) {
		*what = XF_DEATHS;
		return 3;
	}
	static xt_words kill_set = XT_GROUP(&xt_casualtywords, XK_KILL_LIST);
	static xt_words hurt_set = XT_GROUP(&xt_casualtywords, XK_HURT_LIST);
	if (xt_in(d, k, &kill_set)) {
		*what = XF_DEATHS;
		return 1;
	}
	if (xt_in(d, k, &hurt_set)) {
		*what = XF_INJURIES;
		return 1;
	}
	return 0;
}

/* "was shot dead along with his three-year-old son", "killed the imam
 * together with his son", "clubbed to death alongside his son": the
 * victims after "along with", "together with" or "alongside", in the same
 * clause, join the deaths before them. */
static void along_with(const xt_doc *d, size_t t1, xt_fig *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		xt_fig *f = &out[i];
		if (f->what != XF_DEATHS || (f->flags & (XF_ZERO | XF_HEDGED)))
			continue;
		size_t lim = i + 1 < n ? out[i + 1].t0 : t1;
		/* the figure's own words may have taken "together" */
		for (size_t q = f->t1 - 1; q + 1 < lim && q < f->t1 + 8; q++) {
			if (xt_is(d, q, ".") || xt_is(d, q, ";"))
				break;
			size_t w = xt_is(d, q, "alongside") ? 1
			           : (xt_is(d, q, "along") || xt_is(d, q, "together")) &&
			                   xt_is(d, q + 1, "with")
			               ? 2
			               : 0;
			if (!w)
				continue;
			size_t e;
			int items;
			long v = victim_list(d, q + w, lim, 1, &e, &items);
			if (v > 0) {
				f->v += v;
				f->t1 = e;
				f->flags &= ~XF_SINGLE;
			}
			break;
		}
	}
}

/* ---- the reading, rule by rule -------------------------------------------- */

/* One reading of a stretch [t0, t1): the figures found so far. */
typedef struct figscan {
	const xt_doc *d;
	size_t t0, t1;
	xt_fig *out;
	size_t n, max;
	size_t vk, vl; /* the token whose active verb is held (SIZE_MAX: none), its length */
	int vwhat;     /* and what it does */
} figscan;

/* active_verb at token k of the stretch, read once for the readers that
 * ask at the same token. */
static size_t verb_here(figscan *s, size_t k, int *what)
{
	if (s->vk != k) {
		s->vk = k;
		s->vwhat = 0;
		s->vl = active_verb(s->d, k, s->t1, &s->vwhat);
	}
	*what = s->vwhat;
	return s->vl;
}

static void put(figscan *s, xt_fig f)
{
	add(s->d, s->out, &s->n, s->max, f);
}

/* Each reader below looks at token *k: when its rule reads a figure there
 * (or skips words it owns), it moves *k to the last token it took and
 * returns 1; otherwise it leaves *k alone and returns 0. */

/* "no one was hurt", "nobody was killed", "none of them died". */
static int read_nobody(figscan *s, size_t *kp)
{
	const xt_doc *d = s->d;
	size_t k = *kp, t1 = s->t1;
	if (!((xt_is(d, k, "no") && k + 1 < t1 && xt_is(d, k + 1, "one")) ||
	      xt_is(d, k, "nobody") || xt_is(d, k, "none")))
		return 0;
	size_t j = k + (xt_is(d, k, "no") ? 2 : 1);
	while (j < t1 && j < k + 6 &&
	       (aux(d, j) || xt_is(d, j, "of") || xt_is(d, j, "them") || xt_is(d, j, "the") ||
	        xt_is(d, j, "passengers") || xt_is(d, j, "inside")))
		j++;
	size_t l;
	if ((l = death_at(d, j, t1))) {
		put(s, (xt_fig){XF_DEATHS, 0, XF_ZERO, k, j + l});
		*kp = j + l - 1;
		return 1;
	}
	if ((l = injury_at(d, j, t1)) || xt_is(d, j, "harmed")) {
		put(s, (xt_fig){XF_INJURIES, 0, XF_ZERO, k, j + 1});
		put(s, (xt_fig){XF_DEATHS, 0, XF_ZERO, k, j + 1});
		*kp = j;
		return 1;
	}
	return 0;
}

/* "no casualties", "without civilian victims", "no deaths or injuries",
 * "no injuries". */
static int read_no_casualties(figscan *s, size_t *kp)
{
	const xt_doc *d = s->d;
	size_t k = *kp, t1 = s->t1;
	if (!(xt_is(d, k, "no") || xt_is(d, k, "without")) || k + 1 >= t1)
		return 0;
	size_t j = k + 1;
	if (xt_is(d, j, "human") || xt_is(d, j, "civilian"))
		j++;
	if (xt_is(d, j, "casualties") || xt_is(d, j, "victims")) {
		put(s, (xt_fig){XF_DEATHS, 0, XF_ZERO, k, j + 1});
		put(s, (xt_fig){XF_INJURIES, 0, XF_ZERO, k, j + 1});
		*kp = j;
		return 1;
	}
	if (xt_is(d, j, "deaths") || xt_is(d, j, "fatalities")) {
		put(s, (xt_fig){XF_DEATHS, 0, XF_ZERO, k, j + 1});
		/* "no deaths or injuries were reported" */
		if (j + 2 < t1 && (xt_is(d, j + 1, "or") || xt_is(d, j + 1, "nor")) &&
		    (xt_is(d, j + 2, "injuries") || xt_is(d, j + 2, "casualties"))) {
			put(s, (xt_fig){XF_INJURIES, 0, XF_ZERO, k, j + 3});
			j += 2;
		}
		*kp = j;
		return 1;
	}
	if (xt_is(d, j, "injuries")) {
		put(s, (xt_fig){XF_INJURIES, 0, XF_ZERO, k, j + 1});
		*kp = j;
		return 1;
	}
	return 0;
}

/* "escaped unharmed", "was unhurt": the target survived, nobody killed;
 * injuries unsaid. */
static int read_unharmed(figscan *s, size_t *kp)
{
	const xt_doc *d = s->d;
	size_t k = *kp;
	if (!(xt_is(d, k, "unharmed") || xt_is(d, k, "unhurt") || xt_is(d, k, "unscathed") ||
	      xt_is(d, k, "uninjured")))
		return 0;
	if (!(k > s->t0 && (xt_is(d, k - 1, "escaped") || xt_is(d, k - 1, "survived") ||
	                    xt_is(d, k - 1, "was") || xt_is(d, k - 1, "were"))))
		return 0;
	put(s, (xt_fig){XF_DEATHS, 0, XF_ZERO, k - 1, k + 1});
	return 1;
}

/* Words before "to kill" or "of assassinating" that make it intended,
 * not done: "with the aim of assassinating him", "tried to kill"
 * (lexicon/figure-words.txt). */
static int intent_word(const xt_doc *d, size_t k)
{
	return xt_figure_word(d, k) == XW_INTENT;
}

/* An active verb of killing that was only intended: skipped. */
static int read_intended(figscan *s, size_t *kp)
{
	const xt_doc *d = s->d;
	size_t k = *kp;
	int what;
	if (!verb_here(s, k, &what) || k < s->t0 + 2 ||
	    !(xt_is(d, k - 1, "of") || xt_is(d, k - 1, "to")) || !intent_word(d, k - 2))
		return 0;
	*kp = k + 1;
	return 1;
}

/* Is the number at [n0, n1) a person's age ("Shahnaz Nazli, 41, was shot
 * dead") or part of a name ("Ward 4", "Camp 7")? Neither counts anyone. */
static int age_or_label(const figscan *s, size_t n0, size_t n1)
{
	const xt_doc *d = s->d;
	if (!(d->tok[n0].f & XT_NUM) || n1 != n0 + 1 || n0 < s->t0 + 1)
		return 0;
	size_t p = n0 - 1;
	if (xt_is(d, p, ",") && p > s->t0 && n1 < s->t1 && xt_is(d, n1, ",") &&
	    (d->tok[p - 1].f & XT_CAP) && !calendar_word(d, p - 1))
		return 1;
	/* a capitalised word right before, then a verb or a stop (not a
	 * heading's "Bomb Kills 12") */
	return (d->tok[p].f & XT_CAP) && (d->tok[p].f & XT_WORD) && !(d->tok[p].f & XT_SSTART) &&
	       !calendar_word(d, p) && !kill_verb_left(d, p) && !injure_verb_left(d, p) &&
	       (n1 >= s->t1 || is_punct(d, n1) || aux(d, n1));
}

/* "and killed them", "shot them dead", "executed them": the victims are
 * the count named before in the sentence ("Gunmen kidnapped eight former
 * fighters from their homes and killed them" is 8). */
static int read_killed_them(figscan *s, size_t *kp)
{
	const xt_doc *d = s->d;
	size_t k = *kp, t1 = s->t1, e;
	int what = 0;
	if (xt_is(d, k, "shot") && k + 2 < t1 && xt_is(d, k + 1, "them") && xt_is(d, k + 2, "dead"))
		e = k + 3;
	else if (verb_here(s, k, &what) == 1 && what == XF_DEATHS && k + 1 < t1 &&
	         xt_is(d, k + 1, "them"))
		e = k + 2;
	else
		return 0;
	for (size_t q = k, hops = 0; q > s->t0 && hops < 24; hops++) {
		q--;
		xt_num num;
		if (is_punct(d, q) && !xt_is(d, q, "-"))
			return 0;
		if (xt_num_at(d, q, k, &num) && !(num.flags & XN_VAGUE) &&
		    !age_or_label(s, num.t0, num.t1)) {
			put(s, (xt_fig){XF_DEATHS, num.v, 0, k, e});
			*kp = e - 1;
			return 1;
		}
	}
	return 0;
}

/* "The bullet-riddled body of Manuel X was found", "the corpse of a
 * trader": one dead, or the list after it. */
static int read_body_of(figscan *s, size_t *kp)
{
	const xt_doc *d = s->d;
	size_t k = *kp, t1 = s->t1, e;
	int items;
	if (!(xt_is(d, k, "body") || xt_is(d, k, "corpse")) || k + 1 >= t1 ||
	    !xt_is(d, k + 1, "of"))
		return 0;
	long v = victim_list(d, k + 2, t1, 1, &e, &items);
	if (v <= 0)
		return 0;
	put(s, (xt_fig){XF_DEATHS, v, v == 1 ? XF_SINGLE : 0, k, e});
	*kp = e - 1;
	return 1;
}

/* "were killed" is passive; "have killed" is not. */
static int passive_before(const figscan *s, size_t k)
{
	const xt_doc *d = s->d;
	return k > s->t0 &&
	       (xt_is(d, k - 1, "were") || xt_is(d, k - 1, "was") || xt_is(d, k - 1, "been") ||
	        xt_is(d, k - 1, "being") || xt_is(d, k - 1, "is") || xt_is(d, k - 1, "are") ||
	        xt_is(d, k - 1, "got"));
}

/* A list after an active verb: "killing him, two of his brothers and a
 * bodyguard", "shot dead Bahjat Mustafa". */
static int read_object_list(figscan *s, size_t *kp)
{
	const xt_doc *d = s->d;
	size_t k = *kp, t1 = s->t1;
	int what = 0;
	size_t vl = verb_here(s, k, &what);
	if (!vl || passive_before(s, k))
		return 0;
	size_t e;
	int items;
	long v = victim_list(d, k + vl, t1, 1, &e, &items);
	if (v <= 0 || items < 1)
		return 0;
	if (xt_is(d, k, "shot") && vl == 1 && e < t1 && xt_is(d, e, "dead"))
		e++;
	unsigned fl = v == 1 ? XF_SINGLE : 0;
	if (hedged_count(d, s->t0, k + vl))
		fl |= XF_HEDGED;
	/* "the same men who killed Nibras Farman": what someone once did, told
	 * to say who they are ("bombs which killed 7 people" are this event) */
	if (k > s->t0 && xt_is(d, k - 1, "who") && xt_is(d, k, "killed"))
		fl |= XF_HEDGED;
	put(s, (xt_fig){what, v, fl, k, e});
	*kp = e - 1;
	return 1;
}

/* "shot him dead", "shot her dead". */
static int read_shot_him_dead(figscan *s, size_t *kp)
{
	const xt_doc *d = s->d;
	size_t k = *kp;
	if (!(xt_is(d, k, "shot") && k + 2 < s->t1 &&
	      (xt_is(d, k + 1, "him") || xt_is(d, k + 1, "her")) && xt_is(d, k + 2, "dead")))
		return 0;
	put(s, (xt_fig){XF_DEATHS, 1, XF_SINGLE, k, k + 3});
	*kp = k + 2;
	return 1;
}

/* Where a subject may start: the stretch's start, after a comma, "when",
 * "said", a quotation mark... */
static int subject_start(const figscan *s, size_t k)
{
	static const char *const w[] = {",",	   ";",	   "when", "as",   "after", "reports",
					"that", "said", "says", "which", NULL};
	static xt_words w_set = XT_WORDS(w);
	const xt_doc *d = s->d;
	return k == s->t0 || xt_in(d, k - 1, &w_set) || (d->tok[k - 1].f & XT_QUOTE);
}

/* From the end of a subject at j, past "from the same family" or "in the
 * town", to its auxiliary or verb (j when there is none). */
static size_t to_subject_verb(const xt_doc *d, size_t j, size_t t1)
{
	for (size_t q = j; q < t1 && q < j + 8; q++) {
		if (aux(d, q) || death_at(d, q, t1) || injury_at(d, q, t1))
			return q;
		if (is_punct(d, q) || other_verb(d, q))
			break;
	}
	return j;
}

/* A list as subject: "An anti-Qaeda militiaman, his wife and three
 * children were gunned down", "13 Huthists and four tribal gunmen
 * killed", "sources said 12 protesters and four policemen were injured". */
static int read_subject_list(figscan *s, size_t *kp)
{
	const xt_doc *d = s->d;
	size_t k = *kp, t1 = s->t1;
	if (!subject_start(s, k))
		return 0;
	size_t e;
	int items;
	long v = victim_list(d, k, t1, 0, &e, &items);
	if (v <= 0 || items < 2)
		return 0;
	size_t j = past_aux_and_day(d, to_subject_verb(d, e, t1), t1);
	size_t dl = death_at(d, j, t1), il = injury_at(d, j, t1);
	if (dl && !(xt_is(d, j, "killed") && object_follows(d, j + dl, t1))) {
		put(s, (xt_fig){XF_DEATHS, v, 0, k, j + dl});
		*kp = j + dl - 1;
		return 1;
	}
	if (il) {
		put(s, (xt_fig){XF_INJURIES, v, 0, k, j + 1});
		*kp = j;
		return 1;
	}
	return 0;
}

/* The start of the subject before an auxiliary at k: past an apposition
 * (", a candidate for the council,") or a name right before a comma
 * ("..., Abdul Kareem al-Khaiwani, was killed"). */
static size_t subject_before(const figscan *s, size_t k)
{
	const xt_doc *d = s->d;
	size_t t0 = s->t0, b = k;
	int named =
	    b >= t0 + 2 && xt_is(d, b - 1, ",") &&
	    ((d->tok[b - 2].f & XT_CAP) || (XT_LEN(d, b - 2) > 3 && XT_STR(d, b - 2)[2] == '-'));
	if (xt_is(d, b - 1, ",") && !named) {
		b--;
		while (b > t0 && !xt_is(d, b - 1, ",") && k - b < 24)
			b--;
		if (b > t0 && xt_is(d, b - 1, ","))
			b--;
	} else if (named) {
		b--;
	}
	return b;
}

/* Is the word before b a person: a capitalised name, an "al-" surname,
 * "he" or "she" (not a sentence's "It")? */
static int person_before(const figscan *s, size_t b)
{
	const xt_doc *d = s->d;
	if (b <= s->t0)
		return 0;
	const char *ls = XT_STR(d, b - 1);
	int al = XT_LEN(d, b - 1) > 3 && ls[2] == '-' && (ls[1] == 'l' || ls[1] == 'L');
	return ((d->tok[b - 1].f & XT_CAP) || al || xt_is(d, b - 1, "he") ||
	        xt_is(d, b - 1, "she")) &&
	       !(d->tok[b - 1].f & XT_SSTART && xt_is(d, b - 1, "it"));
}

/* A named person or "he" killed: "Hatim al-Dulaimi, a candidate for the
 * council, was shot dead"; "A local journalist was shot dead", "The head
 * of the council was killed": one person, the sentence's subject. */
static int read_named_killed(figscan *s, size_t *kp)
{
	const xt_doc *d = s->d;
	size_t k = *kp, t1 = s->t1;
	if (!(xt_is(d, k, "was") || xt_is(d, k, "has") || xt_is(d, k, "is")) || k <= s->t0)
		return 0;
	size_t v = past_aux_and_day(d, k + 1, t1);
	size_t dl = death_at(d, v, t1);
	if (!dl && v + 2 < t1 && harmed_then(d, v) && xt_is(d, v + 1, "and") &&
	    xt_is(d, v + 2, "killed"))
		dl = 3;
	/* "Al-Shabab has beheaded the deputy commissioner": active */
	int what;
	if (!dl || (active_verb(d, v, t1, &what) == dl && object_follows(d, v + dl, t1)))
		return 0;
	size_t b = subject_before(s, k);
	if (person_before(s, b)) {
		put(s, (xt_fig){XF_DEATHS, 1, XF_SINGLE, b - 1, v + dl});
		*kp = v + dl - 1;
		return 1;
	}
	if (singular_subject(d, s->t0, k)) {
		put(s, (xt_fig){XF_DEATHS, 1, XF_SINGLE, s->t0, v + dl});
		*kp = v + dl - 1;
		return 1;
	}
	return 0;
}

/* "A Jewish rabbi died after being hit by a car", "The governor of the
 * district later died of his wounds": one dead, the singular subject
 * that opens the sentence. */
static int read_one_died(figscan *s, size_t *kp)
{
	const xt_doc *d = s->d;
	size_t k = *kp, b = k;
	if (!(xt_is(d, k, "died") || xt_is(d, k, "dies")))
		return 0;
	while (b > s->t0 && (xt_is(d, b - 1, "later") || xt_is(d, b - 1, "also") ||
	                     xt_is(d, b - 1, "subsequently") || xt_is(d, b - 1, "eventually")))
		b--;
	if (!singular_subject(d, s->t0, b))
		return 0;
	put(s, (xt_fig){XF_DEATHS, 1, XF_SINGLE, s->t0, k + 1});
	return 1;
}

/* Verbs of a toll's rise before "to": "rose to four". */
static int rise_verb(const xt_doc *d, size_t k)
{
	static xt_words w_set = XT_GROUP(&xt_casualtywords, XK_RISE);
	return xt_in(d, k, &w_set);
}

/* Nouns of killing ("the killing of", "the massacre of"), which may
 * name an earlier event. */
static int killing_noun(const xt_doc *d, size_t k)
{
	static xt_words w_set = XT_GROUP(&xt_casualtywords, XK_KILLING);
	return xt_in(d, k, &w_set);
}

/* 1 when the stretch has told a figure of deaths already. */
static int deaths_told(const figscan *s)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->out[i].what == XF_DEATHS && !(s->out[i].flags & XF_ZERO))
			return 1;
	return 0;
}

/* Nouns of deaths before "of N": "the lives of 30", "the killing of five
 * people", "the massacre of 27 villagers", "the bodies of six men". */
static int death_noun(const xt_doc *d, size_t k)
{
	static xt_words w_set = XT_GROUP(&xt_casualtywords, XK_DEATH_NOUN);
	return xt_in(d, k, &w_set) || killing_noun(d, k);
}

/* What a count at [n0, ...) is, from the words before it: "killing five",
 * "wounding 12", "claimed lives of 30", "the toll rose to 30". Sets
 * XF_UPDATE in *fl for an update; 0 when the left says nothing. */
static int count_left(const figscan *s, size_t n0, unsigned *fl)
{
	const xt_doc *d = s->d;
	size_t t0 = s->t0;
	int update = 0;
	if (n0 > t0 && kill_verb_left(d, n0 - 1))
		return XF_DEATHS;
	if (n0 > t0 && injure_verb_left(d, n0 - 1))
		return XF_INJURIES;
	/* "killed on Friday 25 civilians" */
	if (n0 > t0 + 2 && calendar_word(d, n0 - 1) && xt_is(d, n0 - 2, "on") &&
	    kill_verb_left(d, n0 - 3))
		return XF_DEATHS;
	/* "claimed lives of 30", "caused the death of more than 10 persons",
	 * "the killing of five people" */
	if (n0 > t0 + 1 && xt_is(d, n0 - 1, "of") && death_noun(d, n0 - 2))
		return XF_DEATHS;
	if (toll_before(d, t0, n0, &update)) {
		if (update)
			*fl |= XF_UPDATE;
		return XF_DEATHS;
	}
	if (n0 > t0 + 1 && xt_is(d, n0 - 1, "to") && rise_verb(d, n0 - 2)) {
		/* "the death toll from the attack ..., rose to four" */
		int what = 0;
		for (size_t q = t0; q + 1 < n0; q++)
			if (xt_is(d, q, "toll") && (q == t0 || !xt_is(d, q - 1, "injury"))) {
				what = XF_DEATHS;
				*fl |= XF_UPDATE;
			}
		return what;
	}
	return 0;
}

/* Past ", including a tribal chief," or ", most of them civilians," before
 * the verb: the token after the aside. */
static size_t past_comma_aside(const xt_doc *d, size_t j, size_t t1)
{
	/* ", including the district head, his brother and a police
	 * inspector, were killed": a list, up to the comma before its verb */
	for (size_t r = j + 1; r + 1 < t1 && r < j + 32; r++) {
		if (xt_is(d, r, ".") || xt_is(d, r, ";") || death_at(d, r, t1))
			break;
		if (xt_is(d, r, ",") && (aux(d, r + 1) || death_at(d, r + 1, t1)) &&
		    !xt_is(d, r + 1, "said"))
			return r + 1;
	}
	size_t q = j + 1;
	while (q < t1 && q < j + 10 && !xt_is(d, q, ",") && !aux(d, q) && !death_at(d, q, t1))
		q++;
	if (q < t1 && xt_is(d, q, ","))
		q++;
	return q;
}

/* Past "including soldiers" (and "including military operatives, locals
 * and travelers" when a list of who they were runs up to its verb). */
static size_t past_including(const xt_doc *d, size_t j, size_t t1)
{
	size_t q = j + 1;
	while (q < t1 && q < j + 6 && !aux(d, q) && !death_at(d, q, t1) && !xt_is(d, q, ","))
		q++;
	size_t r = q;
	while (r < t1 && r < j + 14 &&
	       (xt_is(d, r, ",") || xt_is(d, r, "and") || (d->tok[r].f & XT_WORD)) && !aux(d, r) &&
	       !death_at(d, r, t1) && !other_verb(d, r))
		r++;
	if (r > q && r < t1 && (aux(d, r) || death_at(d, r, t1)) && !xt_is(d, r - 1, ","))
		q = r;
	return q;
}

/* "two of them children", "three of whom were women": a subset after a
 * comma. */
static int of_them(const xt_doc *d, size_t k, size_t t1)
{
	xt_num num;
	if (!xt_num_at(d, k, t1, &num) || num.t1 + 1 >= t1)
		return 0;
	return xt_is(d, num.t1, "of") &&
	       (xt_is(d, num.t1 + 1, "them") || xt_is(d, num.t1 + 1, "whom"));
}

/* Past a bracketed aside opened at j ("(locals report 10)", "[residents
 * report ten]"): the token after its close, or 0 when it does not close
 * within a dozen tokens. */
static size_t past_brackets(const xt_doc *d, size_t j, size_t t1)
{
	const char *close = xt_is(d, j, "(") ? ")" : "]";
	for (size_t q = j + 1; q < t1 && q < j + 14; q++)
		if (xt_is(d, q, close))
			return q + 1;
	return 0;
}

/* An aside between commas or dashes after a count, closed right before
 * its verb: ", mainly civilians,", ", who were attending a wedding,",
 * "-- all but one of them women --". The token after its close when a
 * verb of death or injury follows it there; 0 otherwise. */
static size_t closed_aside(const xt_doc *d, size_t j, size_t t1)
{
	int dash = (d->tok[j].f & XT_DASH) != 0;
	if (!dash && !xt_is(d, j, ","))
		return 0;
	while (dash && j + 1 < t1 && (d->tok[j + 1].f & XT_DASH))
		j++; /* "--" may be two dashes */
	for (size_t q = j + 1; q < t1 && q < j + 18; q++) {
		if (xt_is(d, q, ".") || xt_is(d, q, ";") || death_at(d, q, t1) ||
		    injury_at(d, q, t1))
			return 0;
		if (dash ? !(d->tok[q].f & XT_DASH) : !xt_is(d, q, ","))
			continue;
		while (dash && q + 1 < t1 && (d->tok[q + 1].f & XT_DASH))
			q++;
		size_t v = past_aux_and_day(d, q + 1, t1);
		return death_at(d, v, t1) || injury_at(d, v, t1) ? q + 1 : 0;
	}
	return 0;
}

/* Words between a count and its verb that are read past: an aside
 * (", including a tribal chief,", "— including ten women —"), an
 * auxiliary after a comma ("14 civilians, have been killed"), a relative
 * clause up to its verb ("40 people who had been shopping at a market had
 * been killed"), "including ...", a quotation mark. The token to go on
 * from, or 0 when none is at j. */
static size_t count_aside(const xt_doc *d, size_t j, size_t t1)
{
	if (xt_is(d, j, ",") && j + 1 < t1 &&
	    (xt_is(d, j + 1, "including") || xt_is(d, j + 1, "most") || xt_is(d, j + 1, "mostly") ||
	     xt_is(d, j + 1, "among") || of_them(d, j + 1, t1)))
		return past_comma_aside(d, j, t1);
	if ((d->tok[j].f & XT_DASH) && j + 1 < t1 &&
	    (xt_is(d, j + 1, "including") || xt_is(d, j + 1, "most") ||
	     xt_is(d, j + 1, "mostly"))) {
		size_t q = j + 1;
		while (q < t1 && q < j + 12 && !(d->tok[q].f & XT_DASH))
			q++;
		return q < t1 ? q + 1 : q;
	}
	if (xt_is(d, j, ",") && j + 1 < t1 && aux(d, j + 1) && !xt_is(d, j + 1, "said"))
		return j + 1;
	if ((xt_is(d, j, "who") || xt_is(d, j, "that")) && j + 1 < t1) {
		for (size_t q = j + 1; q < t1 && q < j + 24; q++) {
			if (xt_is(d, q, ",") || xt_is(d, q, "."))
				break;
			if (death_at(d, q, t1) || injury_at(d, q, t1))
				return q;
		}
	}
	if (xt_is(d, j, "including") && j + 1 < t1)
		return past_including(d, j, t1);
	if ((d->tok[j].f & XT_QUOTE) || xt_is(d, j, "``") || xt_is(d, j, "''"))
		return j + 1;
	/* "At least five people (locals report 10) have been killed" */
	if (xt_is(d, j, "(") || xt_is(d, j, "["))
		return past_brackets(d, j, t1);
	return closed_aside(d, j, t1);
}

/* Is the verb at j, after a count ending at n1, passive ("were killed",
 * "were allegedly killed")? An adverb between ("Two bombers reportedly
 * killed 12") leaves it active, and so does a perfect ("have killed"). */
static int passive_verb(const xt_doc *d, size_t n1, size_t j)
{
	static const char *const be[] = {"were", "was", "been", "being", "is",
	                                 "are",  "got", "be",   "to",    NULL};
	static xt_words be_set = XT_WORDS(be);
	size_t p = j;
	while (p > n1 && aux(d, p - 1) && !xt_in(d, p - 1, &be_set) && !perfect(d, p - 1))
		p--;
	return p > n1 && aux(d, p - 1) && !perfect(d, p - 1);
}

/* A death verb at j (of length l) after a count that is no count of the
 * dead: "Three gunmen killed three soldiers", "killed and wounded" (a sum
 * of both). */
static int death_not_of_count(const xt_doc *d, size_t n1, size_t j, size_t l, size_t t1)
{
	/* "killed three soldiers", "Three gunmen shot dead the commissioner":
	 * the count was the killers */
	if ((xt_is(d, j, "killed") || xt_is(d, j, "shot") || xt_is(d, j, "gunned")) &&
	    !passive_verb(d, n1, j) && object_follows(d, j + l, t1))
		return 1;
	return j + l + 1 < t1 && (xt_is(d, j + l, "and") || xt_is(d, j + l, "or")) &&
	       injury_at(d, j + l + 1, t1);
}

/* "and travellers" after a count's noun ("20 residents and travellers
 * were killed"): a second noun of the same count, no count of its own. */
static int and_plural_noun(const xt_doc *d, size_t j, size_t t1)
{
	if (!xt_is(d, j, "and") || j + 1 >= t1)
		return 0;
	size_t k = j + 1, n = d->tok[k].ll;
	const char *w = XT_LOW(d, k);
	static const char *const not_noun[] = {"his", "its", "this", "was",
	                                       "has", "is",  "as",   NULL};
	return (d->tok[k].f & XT_WORD) && !(d->tok[k].f & (XT_CAP | XT_NUM)) && n > 3 &&
	       w[n - 1] == 's' && w[n - 2] != 's' && !xt_is_any(d, k, not_noun) && !aux(d, k) &&
	       !other_verb(d, k) && !death_at(d, k, t1) && !injury_at(d, k, t1);
}

/* Words that end the search for a count's verb. */
static int count_stop(const xt_doc *d, size_t j)
{
	return other_verb(d, j) || xt_is(d, j, "and") || xt_is(d, j, "or") || xt_is(d, j, "but") ||
	       xt_is(d, j, "while") || xt_is(d, j, "after") || xt_is(d, j, "as") ||
	       xt_is(d, j, "when") || (d->tok[j].f & XT_NUM);
}

/* An animal that heads its phrase ("several camels killed"), not one that
 * qualifies the next noun ("cattle rustlers"). */
static int animal_head(const xt_doc *d, size_t k, size_t t1)
{
	if (!animal(d, k))
		return 0;
	return k + 1 >= t1 || !(d->tok[k + 1].f & XT_WORD) || (d->tok[k + 1].f & XT_NUM) ||
	       aux(d, k + 1) || death_at(d, k + 1, t1) || injury_at(d, k + 1, t1) ||
	       xt_is(d, k + 1, "and") || xt_is(d, k + 1, "or");
}

/* What a count ending at n1 is, from its verb on the right: "five people
 * were killed", "12 wounded" (plural: the count is more than one, whose
 * verb is not "was"). Sets *end past the verb; 0 when none. */
static int count_right(const xt_doc *d, size_t n1, size_t t1, int plural, size_t *end)
{
	size_t j = n1, np = 0;
	/* "Six bodies were dumped", "recovered seven bodies", "14 corpses" */
	for (size_t q = n1; q < t1 && q < n1 + 3; q++) {
		if (xt_is(d, q, "bodies") || xt_is(d, q, "corpses")) {
			*end = q + 1;
			return XF_DEATHS;
		}
		if (!(d->tok[q].f & XT_WORD) || (d->tok[q].f & XT_NUM) || np_stop(d, q))
			break;
	}
	while (j < t1) {
		size_t l;
		/* "several camels killed": no people */
		if (animal_head(d, j, t1))
			return 0;
		if ((l = death_at(d, j, t1))) {
			if (death_not_of_count(d, n1, j, l, t1))
				return 0;
			*end = j + l;
			return XF_DEATHS;
		}
		if ((l = injury_at(d, j, t1))) {
			if (j + 2 < t1 && (xt_is(d, j + 1, "and") || xt_is(d, j + 1, "or")) &&
			    death_at(d, j + 2, t1))
				return 0;
			*end = j + 1;
			return XF_INJURIES;
		}
		size_t q = count_aside(d, j, t1);
		if (q) {
			j = q;
			continue;
		}
		if (is_punct(d, j) && !xt_is(d, j, "-"))
			return 0;
		/* "Presenter of two programmes Moulana X was murdered": a
		 * singular verb is not the count's */
		if (plural && (xt_is(d, j, "was") || xt_is(d, j, "has")))
			return 0;
		if (aux(d, j)) {
			/* "were on Thursday killed", "were, weekend, killed" */
			j = past_day(d, j + 1, t1);
			continue;
		}
		/* "four shootings ... left a militiaman dead": the count is
		 * what did it */
		if ((xt_is(d, j, "left") || xt_is(d, j, "leaving")) && !aux(d, j - 1))
			return 0;
		if (and_plural_noun(d, j, t1) && np > 0) {
			j += 2;
			np += 2;
			continue;
		}
		if (count_stop(d, j) || ++np > 14)
			return 0;
		j++;
	}
	return 0;
}

/* "a family of five", "a group of 12": one noun of many, whose verb is
 * singular ("A family of five was killed"), before the count at n0. */
static int collective_of(const figscan *s, size_t n0)
{
	static xt_words w_set = XT_GROUP(&xt_casualtywords, XK_ONE_OF_MANY);
	return n0 > s->t0 + 1 && xt_is(s->d, n0 - 1, "of") && xt_in(s->d, n0 - 2, &w_set);
}

/* A count: "killing five people and wounding 12 others", "Three militants
 * were killed", "the toll rose to 30". Dates ("Dec. 7"), ages and
 * subsets ("including five children") are read past. */
static int read_count(figscan *s, size_t *kp)
{
	const xt_doc *d = s->d;
	size_t t0 = s->t0, t1 = s->t1;
	xt_num num;
	if (!xt_num_at(d, *kp, t1, &num))
		return 0;
	size_t k = *kp, n0 = num.t0, n1 = num.t1;
	*kp = n1 - 1;
	if ((n0 > t0 && (d->tok[n0 - 1].f & XT_ABBR)) || subset(d, t0, n0, n1, t1) ||
	    age_or_label(s, n0, n1))
		return 1;
	unsigned fl = 0;
	if (num.flags & XN_VAGUE)
		fl |= XF_VAGUE;
	if (hedged_count(d, t0, n0))
		fl |= XF_HEDGED;
	size_t end = n1;
	int what = count_left(s, n0, &fl);
	/* "Six people were killed by youths protesting the killing of two
	 * people": a killing named after a figure is what led to it */
	if (what == XF_DEATHS && n0 > t0 + 1 && xt_is(d, n0 - 1, "of") && killing_noun(d, n0 - 2) &&
	    deaths_told(s))
		fl |= XF_HEDGED;
	if (!what)
		what = count_right(d, n1, t1, num.v > 1 && !collective_of(s, n0), &end);
	if (!what)
		return 1;
	xt_fig f = {what, num.v, fl, n0, end};
	/* "killing 5 people and 2 others" sums */
	xt_num more;
	if (end < t1 && others_after(d, end, t1, &more)) {
		f.v += more.v;
		f.t1 = more.t1 + 1;
	}
	put(s, f);
	*kp = f.t1 > k ? f.t1 - 1 : k;
	return 1;
}

/* One person after a verb: "shot dead a member of ...", "killing the
 * deputy head", "wounding a policeman and six others". */
static int read_one_after_verb(figscan *s, size_t *kp)
{
	const xt_doc *d = s->d;
	size_t k = *kp, t1 = s->t1, l = 0;
	int what = 0, noun = 0;
	if (killing_noun(d, k) && k + 1 < t1 && xt_is(d, k + 1, "of")) {
		/* "the murder of the traditional ruler": one; what led to a
		 * figure told before it, when one was */
		what = XF_DEATHS;
		l = 2;
		noun = 1;
	} else if (kill_verb_left(d, k) ||
	           /* "shot dead", "shot down": asked of "shot" only */
	           (xt_is(d, k, "shot") && (l = death_at(d, k, t1)) >= 2)) {
		what = XF_DEATHS;
		l = l ? l : 1;
	} else if (injure_verb_left(d, k)) {
		what = XF_INJURIES;
		l = 1;
	}
	if (!what)
		return 0;
	size_t e = singular_np(d, k + l, t1);
	if (!e)
		return 0;
	xt_fig f = {what, 1, XF_SINGLE, k, e};
	if (noun && deaths_told(s))
		f.flags |= XF_HEDGED;
	xt_num more;
	if (others_after(d, e, t1, &more)) {
		f.v += more.v;
		f.flags &= ~(unsigned)XF_SINGLE;
		f.t1 = more.t1 + 1;
	}
	put(s, f);
	*kp = f.t1 - 1;
	return 1;
}

/* One person between a verb and its result: "left a district official
 * dead", "hacked a secular blogger to death". */
static int read_one_then_dead(figscan *s, size_t *kp)
{
	const xt_doc *d = s->d;
	size_t k = *kp, t1 = s->t1;
	int left = xt_is(d, k, "left") || xt_is(d, k, "leaving");
	if (!left && !to_death_verb(d, k))
		return 0;
	size_t e = singular_np(d, k + 1, t1);
	if (!e)
		return 0;
	/* the noun phrase may have taken "dead" or "to death" in */
	for (size_t q = k + 2; q < t1 && q < e + 3; q++) {
		size_t end = left && xt_is(d, q, "dead") ? q + 1
		             : !left && q + 1 < t1 && xt_is(d, q, "to") && xt_is(d, q + 1, "death")
		                 ? q + 2
		                 : 0;
		if (end) {
			put(s, (xt_fig){XF_DEATHS, 1, XF_SINGLE, k, end});
			*kp = end - 1;
			return 1;
		}
	}
	return 0;
}

/* A word of a singular passive's subject: "A Sunni activist known to
 * demonstrate against the government" (was assassinated). */
static int passive_subject_word(const xt_doc *d, size_t j, size_t t1)
{
	return ((d->tok[j].f & XT_WORD) && (!aux(d, j) || xt_is(d, j, "to") || xt_is(d, j, "be")) &&
	        !other_verb(d, j) && !death_at(d, j, t1) && !injury_at(d, j, t1)) ||
	       xt_is(d, j, "(") || xt_is(d, j, ")") || xt_is(d, j, "[") || xt_is(d, j, "]");
}

/* Past a relative clause at j to the verb of the subject it qualifies: "A
 * blogger who had been critical of the groups was killed" (to "was"), when
 * a "was" or "has" and a verb of death end it; j otherwise. */
static size_t past_relative(const xt_doc *d, size_t j, size_t t1)
{
	if (j >= t1 || !xt_is(d, j, "who"))
		return j;
	for (size_t q = j + 1; q < t1 && q < j + 20; q++) {
		if (xt_is(d, q, ",") || xt_is(d, q, ".") || xt_is(d, q, ";"))
			break;
		if (!(xt_is(d, q, "was") || xt_is(d, q, "has")))
			continue;
		if (death_at(d, past_aux_and_day(d, q + 1, t1), t1))
			return q;
	}
	return j;
}

/* Passive singular: "a/an <noun> was killed|hurt". */
static int read_passive_single(figscan *s, size_t *kp)
{
	const xt_doc *d = s->d;
	size_t k = *kp, t1 = s->t1;
	if (!(xt_is(d, k, "a") || xt_is(d, k, "an")) || (k != s->t0 && kill_verb_left(d, k - 1)))
		return 0;
	size_t j = k + 1, np = 0;
	while (j < t1 && np < 16 && passive_subject_word(d, j, t1)) {
		j++;
		np++;
	}
	if (np)
		j = past_relative(d, j, t1);
	if (!np || j >= t1 || !(xt_is(d, j, "was") || xt_is(d, j, "has")))
		return 0;
	/* "A Christian family of seven was killed": seven, read as a count */
	for (size_t q = k + 1; q + 1 < j; q++) {
		xt_num num;
		if (xt_is(d, q, "of") && xt_num_at(d, q + 1, j, &num))
			return 0;
	}
	size_t v = past_aux_and_day(d, j + 1, t1);
	size_t dl = death_at(d, v, t1), il = injury_at(d, v, t1);
	if (dl && !object_follows(d, v + dl, t1)) {
		put(s, (xt_fig){XF_DEATHS, 1, XF_SINGLE, k, v + dl});
		*kp = v + dl - 1;
		return 1;
	}
	if (il) {
		put(s, (xt_fig){XF_INJURIES, 1, XF_SINGLE, k, v + 1});
		*kp = v;
		return 1;
	}
	return 0;
}

/* A later figure in an aside right after a count of deaths: "killed nine
 * [later 10] people", "killed 79 [later updated to 200] people", "Seven
 * young men were killed -- total later raised to 10 --". It updates that
 * count. */
static int read_later_aside(figscan *s, size_t *kp)
{
	const xt_doc *d = s->d;
	size_t k = *kp, t1 = s->t1;
	int dash = (d->tok[k].f & XT_DASH) != 0;
	if (!s->n || !(dash || xt_is(d, k, "[") || xt_is(d, k, "(")))
		return 0;
	xt_fig *p = &s->out[s->n - 1];
	if (p->what != XF_DEATHS || (p->flags & XF_ZERO) || p->t1 != k)
		return 0;
	static const char *const w[] = {"the", "was", "has", "been", "to", NULL};
	static xt_words w_set = XT_WORDS(w);
	static xt_words upd_set = XT_GROUP(&xt_casualtywords, XK_UPDATE);
	int later = 0;
	xt_num num = {0};
	size_t q = k + 1;
	while (dash && q < t1 && (d->tok[q].f & XT_DASH))
		q++;
	for (; q < t1 && q < k + 12; q++) {
		if (dash ? (d->tok[q].f & XT_DASH) != 0 : xt_is(d, q, "]") || xt_is(d, q, ")"))
			break;
		if (!num.t1 && xt_num_at(d, q, t1, &num) && !(num.flags & XN_VAGUE)) {
			q = num.t1 - 1;
			continue;
		}
		if (!xt_in(d, q, &w_set) && !xt_in(d, q, &upd_set))
			return 0;
		later |= xt_is(d, q, "later");
	}
	if (!later || !num.t1 || q >= t1 || q >= k + 12)
		return 0;
	p->v = num.v;
	p->flags = (p->flags & ~(unsigned)XF_SINGLE) | XF_UPDATE;
	*kp = q;
	return 1;
}

/* "raising the toll to 14 dead, 26 wounded": the update holds for the
 * figures listed after the one it names. */
static void spread_update(const xt_doc *d, xt_fig *out, size_t n)
{
	static const char *const sep[] = {",", "and", "dead", "killed", "people", NULL};
	static xt_words sep_set = XT_WORDS(sep);
	for (size_t i = 1; i < n; i++) {
		if ((out[i].flags & XF_UPDATE) || !(out[i - 1].flags & XF_UPDATE) ||
		    out[i].what == out[i - 1].what || out[i].t0 < out[i - 1].t1 ||
		    out[i].t0 > out[i - 1].t1 + 3)
			continue;
		int list = 1;
		for (size_t q = out[i - 1].t1; q < out[i].t0; q++)
			if (!xt_in(d, q, &sep_set))
				list = 0;
		if (list)
			out[i].flags |= XF_UPDATE;
	}
}

/* Words that set a clause in an earlier time: "days after a similar blast
 * killed 30", "since an attack that killed 12". */
static int background_cue(const xt_doc *d, size_t k)
{
	static xt_words w_set = XT_GROUP(&xt_casualtywords, XK_EARLIER);
	return xt_in(d, k, &w_set);
}

/* Is the figure at t0, after words [a, t0), inside an aside that opened
 * there: a bracket not closed ("[8 dead]", "(locals say 30)") or a dash
 * not closed ("-- a local source says 36 killed --")? */
static int in_aside(const xt_doc *d, size_t a, size_t t0)
{
	int open = 0, dash = 0;
	for (size_t q = a; q < t0; q++) {
		if (xt_is(d, q, "(") || xt_is(d, q, "["))
			open++;
		else if ((xt_is(d, q, ")") || xt_is(d, q, "]")) && open > 0)
			open--;
		else if (xt_is(d, q, ")") || xt_is(d, q, "]"))
			return 0; /* the figure before was in brackets too: "(five
			           * killed) ... (three killed)" */
		else if (((d->tok[q].f & XT_DASH) || xt_is(d, q, "--")) &&
		         !(q > a && (d->tok[q - 1].f & XT_DASH)))
			dash ^= 1; /* "--" may be two dashes: one aside mark */
	}
	return open > 0 || dash;
}

/* 1 when a quotation mark stands in [a, b). */
static int quote_between(const xt_doc *d, size_t a, size_t b)
{
	for (size_t q = a; q < b; q++)
		if ((d->tok[q].f & XT_QUOTE) || xt_is(d, q, "``") || xt_is(d, q, "`") ||
		    xt_is(d, q, "''"))
			return 1;
	return 0;
}

/* Is deaths figure f, told after deaths figure p of the same stretch, not
 * this event's own? Past a word of an earlier time ("A bomb killed six
 * people on Monday, days after a similar blast killed 30"): another event;
 * in a bracket or a dash aside opened after it ("At least 10 people were
 * killed, Somali [8 dead] and Maasai [2 dead]", "-- a local source says 36
 * killed --"): a part or another account; the same number again after a quotation mark
 * ("killed seven fishermen ``They killed seven fishermen''"): a repeat. */
static int not_own_deaths(const xt_doc *d, const xt_fig *p, const xt_fig *f)
{
	if (f->what != XF_DEATHS || (f->flags & (XF_ZERO | XF_UPDATE | XF_ALSO | XF_HEDGED)))
		return 0;
	for (size_t q = p->t1; q < f->t0; q++)
		if (background_cue(d, q))
			return 1;
	return in_aside(d, p->t1, f->t0) || (f->v == p->v && quote_between(d, p->t1, f->t0));
}

/* Drops the deaths figures that are not the event's own (not_own_deaths).
 * An update or more of the same ("also", "another") stays. Returns the
 * new count. */
static size_t drop_background(const xt_doc *d, xt_fig *out, size_t n)
{
	size_t m = 0;
	xt_fig prev = {0, 0, 0, 0, 0};
	int seen = 0;
	for (size_t i = 0; i < n; i++) {
		const xt_fig *f = &out[i];
		if (seen && not_own_deaths(d, &prev, f))
			continue;
		if (f->what == XF_DEATHS && !(f->flags & (XF_ZERO | XF_HEDGED))) {
			seen = 1;
			prev = *f;
		}
		out[m++] = *f;
	}
	return m;
}

size_t xt_figures(const xt_doc *d, size_t t0, size_t t1, xt_fig *out, size_t max)
{
	static int (*const reader[])(figscan *, size_t *) = {
	    read_nobody,        read_no_casualties,  read_unharmed,      read_intended,
	    read_killed_them,   read_body_of,        read_object_list,   read_shot_him_dead,
	    read_subject_list,  read_named_killed,   read_count,         read_one_after_verb,
	    read_one_then_dead, read_passive_single, read_one_died};
	if (t1 > d->ntok)
		t1 = d->ntok;
	figscan s = {d, t0, t1, out, 0, max, SIZE_MAX, 0, 0};
	for (size_t k = t0; k < t1 && s.n < max; k++) {
		/* A reading opens on a word: a count, or a word of its rule
		 * (the casualty words are words); a later figure's aside opens
		 * on a mark (a bracket, a dash), where no other reading does. */
		if (!(d->tok[k].f & XT_WORD)) {
			read_later_aside(&s, &k);
			continue;
		}
		for (size_t r = 0; r < sizeof reader / sizeof *reader; r++)
			if (reader[r](&s, &k))
				break;
	}
	along_with(d, t1, out, s.n);
	spread_update(d, out, s.n);
	return drop_background(d, out, s.n);
}
