/* test_extract_text.c: tokens, sentences (abbreviations, quotes, headings)
 * and the word lists of the extract stage. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "extract/extract_int.h"

#include <string.h>

static xt_doc doc;

static void parse(const char *t)
{
	xt_doc_free(&doc);
	assert_int_equal(xt_doc_parse(&doc, t, strlen(t)), IM_OK);
}

/* The text of sentence i, for comparison. */
static const char *sent(size_t i, char *buf, size_t cap)
{
	assert_true(i < doc.nsent);
	size_t n = doc.sent[i].e - doc.sent[i].s;
	assert_true(n < cap);
	memcpy(buf, doc.t + doc.sent[i].s, n);
	buf[n] = '\0';
	return buf;
}

static int find_tok(const char *w)
{
	for (size_t i = 0; i < doc.ntok; i++)
		if (XT_LEN(&doc, i) == strlen(w) && memcmp(XT_STR(&doc, i), w, strlen(w)) == 0)
			return (int)i;
	return -1;
}

static void test_abbreviations(void **state)
{
	(void)state;
	char b[256];
	parse("Lt. Gen. Hamid Saber spoke on Dec. 7 at the U.S. Embassy in Zakho. Troops "
	      "left St. Martin's church. It was calm.");
	assert_int_equal(doc.nsent, 3);
	assert_string_equal(sent(0, b, sizeof b),
			    "Lt. Gen. Hamid Saber spoke on Dec. 7 at the U.S. Embassy in Zakho.");
	assert_string_equal(sent(1, b, sizeof b), "Troops left St. Martin's church.");
	int us = find_tok("U.S.");
	assert_true(us >= 0);
	assert_true(doc.tok[us].f & XT_ABBR);
	/* "U.S." can also end a sentence */
	parse("The envoy flew back to the U.S. The talks ended.");
	assert_int_equal(doc.nsent, 2);
	assert_string_equal(sent(1, b, sizeof b), "The talks ended.");
	/* initials do not end one */
	parse("Reporter J. Doe filed it. Nothing else.");
	assert_int_equal(doc.nsent, 2);
}

static void test_quotes_and_lines(void **state)
{
	(void)state;
	char b[256];
	parse("He said: \xE2\x80\x9CWe will rebuild the bridge.\xE2\x80\x9D Then he left. \"Never,\" "
	      "she said.");
	assert_int_equal(doc.nsent, 3);
	assert_string_equal(sent(0, b, sizeof b),
			    "He said: \xE2\x80\x9CWe will rebuild the bridge.\xE2\x80\x9D");
	assert_string_equal(sent(2, b, sizeof b), "\"Never,\" she said.");
	assert_true(doc.sent[2].f & XS_QUOTED);
	/* a heading line, a blank line, a hard-wrapped sentence */
	parse("Clashes in the north\n\nFighting went on\nfor hours near the dam. It stopped.\n"
	      "Read more: Another story here");
	assert_int_equal(doc.nsent, 4);
	assert_string_equal(sent(0, b, sizeof b), "Clashes in the north");
	assert_true(doc.sent[0].f & XS_HEADLINE);
	assert_string_equal(sent(1, b, sizeof b), "Fighting went on\nfor hours near the dam.");
	assert_true(doc.sent[3].f & XS_LINK);
}

static void test_tokens(void **state)
{
	(void)state;
	parse("Zakho's market, al-Rashid and Kata'ib fighters: 1,200 rounds at 5:00 pm, 3.5 km. "
	      "\xD8\xA8\xD8\xBA\xD8\xAF\xD8\xA7\xD8\xAF NATO");
	int z = find_tok("Zakho");
	assert_true(z >= 0);
	assert_true(doc.tok[z + 1].f & XT_POSS);
	assert_true(find_tok("al-Rashid") >= 0);
	assert_true(find_tok("Kata'ib") >= 0);
	int n = find_tok("1,200");
	assert_true(n >= 0);
	assert_true(doc.tok[n].f & XT_NUM);
	assert_true(find_tok("5:00") >= 0);
	assert_true(find_tok("3.5") >= 0);
	int ar = find_tok("\xD8\xA8\xD8\xBA\xD8\xAF\xD8\xA7\xD8\xAF");
	assert_true(ar >= 0);
	assert_true(doc.tok[ar].f & XT_NONLATIN);
	int nato = find_tok("NATO");
	assert_true(doc.tok[nato].f & XT_UPPER);
	assert_true(xt_is(&doc, z, "zakho"));
	assert_false(xt_is(&doc, z, "zakh"));
	/* nothing at all */
	parse("");
	assert_int_equal(doc.ntok, 0);
	assert_int_equal(doc.nsent, 0);
	parse("   \n\n  ");
	assert_int_equal(doc.ntok, 0);
}

static void test_lexicons(void **state)
{
	(void)state;
	char msg[200] = "";
	int bad = xt_lex_check(msg, sizeof msg);
	if (bad)
		print_error("%s\n", msg);
	assert_int_equal(bad, 0);
	/* every short name is a country code; every region a gazetteer id
	 * (test_gaz_shipped checks that the shipped gazetteer has it) */
	for (size_t i = 0; i < xt_world.n; i++) {
		const char *s = xt_world.e[i].s;
		if (xt_world.e[i].v < 0)
			assert_true(strlen(s) == 2 && s[0] >= 'A' && s[0] <= 'Z');
		else
			assert_non_null(strchr(s, ':'));
	}
	assert_true(xt_english_word("Research", 8));
	assert_true(xt_english_word("schools", 7));
	assert_false(xt_english_word("Basra", 5));
	parse("the Popular Mobilization Forces moved");
	const xt_lex *hit;
	assert_int_equal(xt_lex_match(&xt_actornames, &doc, 1, doc.ntok, &hit), 3);
	assert_string_equal(hit->s, "Popular Mobilization Forces");
	assert_non_null(xt_lex_get(&xt_demonyms, "iranian", 7));
	assert_null(xt_lex_get(&xt_demonyms, "iran", 4));
	/* the figures' words (lexicon/figure-words.txt) */
	parse("Drones tried to kill camels and people");
	assert_int_equal(xt_figure_word(&doc, 0), XW_MACHINE);
	assert_int_equal(xt_figure_word(&doc, 1), XW_INTENT);
	assert_int_equal(xt_figure_word(&doc, 4), XW_ANIMAL);
	assert_int_equal(xt_figure_word(&doc, 6), 0);
	assert_int_equal(xt_figure_word(&doc, doc.ntok), 0);
	/* the casualty figures' words once in casualty.c and num.c: an adverb
	 * before the verb, the end of a victim's phrase, a toll's update, a
	 * unit after a number (lexicon/casualty-words.txt, groups 18 to 21) */
	parse("reportedly north revised km kilometres the in");
	assert_true(xt_lex_in(&xt_casualtywords, &doc, 0, XK_BEFORE_VERB));
	assert_true(xt_lex_in(&xt_casualtywords, &doc, 1, XK_PHRASE_END));
	assert_true(xt_lex_in(&xt_casualtywords, &doc, 2, XK_UPDATE));
	assert_true(xt_lex_in(&xt_casualtywords, &doc, 3, XK_UNIT));
	assert_true(xt_lex_in(&xt_casualtywords, &doc, 4, XK_UNIT));
	assert_false(xt_lex_in(&xt_casualtywords, &doc, 5, XK_BEFORE_VERB));
	assert_false(xt_lex_in(&xt_casualtywords, &doc, 6, XK_PHRASE_END));
	/* and the figures read with them */
	xt_fig fig[4];
	parse("Two people were reportedly killed 20 km from the town.");
	size_t nf = xt_figures(&doc, 0, doc.ntok, fig, 4);
	assert_int_equal(nf, 1);
	assert_int_equal(fig[0].what, XF_DEATHS);
	assert_int_equal(fig[0].v, 2);
}

/* Reads text as the user's lexicon: its status, the error's line and
 * message in err, the entries in out. */
static im_status read_user(const char *text, xt_lexset *out, im_error *err)
{
	static char buf[256];
	size_t n = strlen(text);
	assert_true(n < sizeof buf);
	memcpy(buf, text, n + 1);
	im_error_clear(err);
	return xt_lex_read("lexicon.tsv", buf, n, -1, out, err);
}

/* The lists of groups (place-cues, event-words): one probe gives every
 * group of a token, in any case; a word may be in several groups, once in
 * each; a line is one word in a group from 1 to 31. */
static void test_word_groups(void **state)
{
	(void)state;
	parse("Gunmen from Bagani SAID they were travelling; militants clashed with police.");
	uint32_t said = xt_lex_groups(&xt_placecues, &doc, 3);
	assert_int_equal(said, XG(XQ_SPEAKING) | XG(XQ_SAYS) | XG(XQ_STATEMENT));
	assert_true(xt_lex_in(&xt_placecues, &doc, 0, XQ_PEOPLE));
	assert_true(xt_lex_in(&xt_placecues, &doc, 6, XQ_JOURNEY));
	assert_false(xt_lex_in(&xt_placecues, &doc, 6, XQ_MOVED));
	assert_int_equal(xt_lex_groups(&xt_placecues, &doc, 2), 0); /* Bagani */
	assert_int_equal(xt_lex_groups(&xt_placecues, &doc, 7), 0); /* ";" */
	assert_int_equal(xt_lex_groups(&xt_placecues, &doc, doc.ntok), 0);
	assert_int_equal(xt_lex_groups(&xt_eventwords, &doc, 8), XG(XV_GROUP));
	assert_int_equal(xt_lex_groups(&xt_eventwords, &doc, 9), XG(XV_FIGHT));
	/* a word of another list is none of these lists' */
	assert_int_equal(xt_lex_groups(&xt_eventwords, &doc, 11), 0); /* police */

	/* a group as a word set (xt_in): the file's words of that group */
	static xt_words dead = XT_GROUP(&xt_casualtywords, XK_DEATH);
	parse("Five were KILLED and two died; one was injured.");
	assert_true(xt_in(&doc, 2, &dead));
	assert_true(xt_in(&doc, 5, &dead));
	assert_false(xt_in(&doc, 9, &dead));
	assert_false(xt_in(&doc, 1, &dead));
	const char *const *w = xt_lex_group_words(&xt_casualtywords, XK_INJURY);
	size_t n = 0, injured = 0;
	for (; w[n]; n++)
		injured += strcmp(w[n], "injured") == 0;
	assert_int_equal(injured, 1);
	assert_true(n >= 5);
	assert_null(xt_lex_group_words(&xt_casualtywords, 0)[0]);
	assert_null(xt_lex_group_words(&xt_casualtywords, 40)[0]);
	assert_null(xt_lex_group_words(&xt_titles, 1)[0]); /* no list of groups */

	xt_lexset set = {0};
	im_error err;
	assert_int_equal(
	    read_user("place-cues\tcommuting\t1\nplace-cues\tcommuting\t2\n", &set, &err), IM_OK);
	assert_int_equal(set.n, 2);
	assert_int_equal(read_user("event-words\tnabbed\t6\nevent-words\tnabbed\t6\n", &set, &err),
	                 IM_E_PARSE);
	assert_int_equal(err.line, 2);
	assert_string_equal(err.msg, "'nabbed' is already in event-words (line 1)");
	assert_int_equal(read_user("place-cues\ten route\t1\n", &set, &err), IM_E_PARSE);
	assert_string_equal(err.msg, "'en route': one word a line in this list");
	assert_int_equal(read_user("place-cues\tcommuting\n", &set, &err), IM_E_PARSE);
	assert_string_equal(err.msg,
	                    "place-cues wants a group from 1 to 31 (its header says which)");
	assert_int_equal(read_user("place-cues\tcommuting\t32\n", &set, &err), IM_E_PARSE);
	xt_lexset_free(&set);
}

/* A word set (xt_in) answers as its list read whole (xt_is_any) for every
 * token: its words in any case and with a curly apostrophe, words that
 * only start like one of them, punctuation and numbers. */
static void test_word_sets(void **state)
{
	(void)state;
	static const char *const verbs[] = {"killed", "wounded", "shot", "don't", "al-qaeda", NULL};
	static const char *const small[] = {"a", NULL};
	static xt_words verbs_set = XT_WORDS(verbs);
	static xt_words small_set = XT_WORDS(small);
	parse("Gunmen KILLED two and Wounded 3, a man said; they don\u2019t know who shot "
	      "him. Al-Qaeda killers were killing; A kill, an a.m. shoot-out at 5:00 in "
	      "Shot-Dead town.");
	size_t hits = 0, small_hits = 0;
	for (size_t i = 0; i <= doc.ntok; i++) {
		int want = i < doc.ntok && xt_is_any(&doc, i, verbs);
		assert_int_equal(xt_in(&doc, i, &verbs_set), want);
		hits += (size_t)want;
		want = i < doc.ntok && xt_is_any(&doc, i, small);
		assert_int_equal(xt_in(&doc, i, &small_set), want);
		small_hits += (size_t)want;
	}
	/* KILLED, Wounded, don't, shot, Al-Qaeda; a, A */
	assert_int_equal(hits, 5);
	assert_int_equal(small_hits, 2);
	assert_int_equal(xt_word_hash("killed", 6), doc.tok[find_tok("KILLED")].h);
}

static int teardown(void **state)
{
	(void)state;
	xt_doc_free(&doc);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_teardown(test_abbreviations, teardown),
	    cmocka_unit_test_teardown(test_quotes_and_lines, teardown),
	    cmocka_unit_test_teardown(test_tokens, teardown),
	    cmocka_unit_test_teardown(test_lexicons, teardown),
	    cmocka_unit_test_teardown(test_word_sets, teardown),
	    cmocka_unit_test_teardown(test_word_groups, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
