/* test_extract_incidents.c: articles -> incidents with the fixture
 * gazetteer: several incidents in one report, background that is not one,
 * the dateline, dates anchored on the report, figures, actors, notes,
 * sources and ids; then the merge of one incident told by several reports. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/fsutil.h"
#include "core/opt.h"
#include "extract/extract.h"
#include "extract/extract_int.h"
#include "fixture_gaz.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static im_gaz *gaz;

static int setup(void **state)
{
	(void)state;
	const char *files[] = {"places.txt", "admin1.txt"};
	return fixture_gaz_open("extract-incidents", files, sizeof files / sizeof *files, &gaz);
}

static int teardown(void **state)
{
	(void)state;
	im_gaz_free(gaz);
	return 0;
}

/* Extracts the incidents of one article (text may carry the date prefix),
 * with --focus focus (NULL: none). */
static void extract_in(const char *file, const char *text, im_date deflt, const char *focus,
		       im_incident_list *l)
{
	im_article *a;
	im_error e;
	assert_int_equal(im_article_from_text(file, text, strlen(text), &a, &e), IM_OK);
	im_extract_opts o;
	memset(&o, 0, sizeof o);
	o.default_date = deflt;
	if (focus)
		assert_true(im_opt_countries(focus, o.focus, IM_MAX_FOCUS, &o.n_focus));
	assert_int_equal(im_extract_article(gaz, a, &o, l, &e), IM_OK);
	im_article_free(a);
}

static void extract(const char *file, const char *text, im_date deflt, im_incident_list *l)
{
	extract_in(file, text, deflt, NULL, l);
}

/* --focus: a name the text leaves open is taken in the focus country; a
 * text that names the country says otherwise. */
static void test_focus(void **state)
{
	(void)state;
	im_date none = {0, 0, 0};
	const char *bare = " date 2024-03-15 A roadside bomb exploded in Kerman on Thursday, "
			   "wounding three people.";
	const char *named = " date 2024-03-15 A roadside bomb exploded in Kerman, Iran, on "
			    "Thursday, wounding three people.";
	struct {
		const char *text, *focus, *want;
	} cases[] = {
		{bare, NULL, "t:kerman"},
		{bare, "US", "t:kerman-us"},
		{bare, "tr,us", "t:kerman-us"},
		{named, "US", "t:kerman"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		im_incident_list l = {0};
		extract_in("k.txt", cases[i].text, none, cases[i].focus, &l);
		assert_int_equal(l.n, 1);
		assert_string_equal(l.v[0].gazetteer_id, cases[i].want);
		im_list_clear(&l);
	}
}

static const im_incident *by_place(const im_incident_list *l, const char *id)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].gazetteer_id && strcmp(l->v[i].gazetteer_id, id) == 0)
			return &l->v[i];
	return NULL;
}

static void expect_date(const im_incident *inc, const char *date, int prec)
{
	char b[11] = "-";
	if (inc->event_date.y)
		im_date_format(inc->event_date, b);
	assert_string_equal(b, date);
	assert_int_equal(inc->time_precision, prec);
}

/* An incident told right after another with no place of its own goes on
 * at the story's place, near it and less surely; one told after a blank
 * line, or naming a place of its own, does not. */
static void test_place_goes_on(void **state)
{
	(void)state;
	im_incident_list l = {0};
	im_date none = {0, 0, 0};
	extract("b.txt",
		" date 2024-03-13 Gunmen stormed a police officer's home in Kirkuk late on Monday, "
		"killing him and his wife. When neighbours gathered around the house, a car bomb "
		"exploded, killing four people and wounding 19.\n\n"
		"A roadside bomb exploded, wounding two soldiers.",
		none, &l);
	assert_int_equal(l.n, 2);
	const im_incident *shot = NULL, *bomb = NULL;
	for (size_t i = 0; i < l.n; i++) {
		if (strcmp(l.v[i].sub_event_type, "Remote explosive/landmine/IED") == 0)
			bomb = &l.v[i];
		else
			shot = &l.v[i];
	}
	assert_non_null(shot);
	assert_non_null(bomb);
	assert_string_equal(shot->gazetteer_id, "t:kirkuk");
	assert_string_equal(bomb->gazetteer_id, "t:kirkuk");
	assert_int_equal(bomb->fatalities, 4);
	assert_int_equal(bomb->injuries, 19);
	assert_true(bomb->geo_precision >= 2);
	assert_true(bomb->confidence < shot->confidence);
	im_list_clear(&l);
}

/* "in Sadr City in Baghdad": the quarter, not the city; "in Baghdad"
 * alone: the city (tests/e2e/gaz_shipped.sh has the case where the city
 * scores better on its own, with the shipped gazetteer). */
static void test_quarter_of_city(void **state)
{
	(void)state;
	im_incident_list l = {0};
	im_date none = {0, 0, 0};
	extract("q.txt",
		" date 2024-03-15 Gunmen attacked a checkpoint in Sadr City in Baghdad on "
		"Thursday, killing two policemen.",
		none, &l);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].gazetteer_id, "t:sadr");
	assert_int_equal(l.v[0].geo_precision, 1);
	im_list_clear(&l);
	extract("r.txt",
		" date 2024-03-15 Gunmen attacked a checkpoint in Baghdad on Thursday, "
		"killing two policemen.",
		none, &l);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].gazetteer_id, "t:baghdad");
	im_list_clear(&l);
}

/* Cues around the place and the claim: "police in X said" is where the
 * police are, and the event's place when no other is named; "Y's
 * fortified Green Zone" is the quarter; a claim in a sentence of its own
 * after the event names its actor. */
static void test_cues(void **state)
{
	(void)state;
	im_incident_list l = {0};
	im_date none = {0, 0, 0};
	extract("p.txt",
		" date 2025-03-07 Police in Kirkuk said two people were shot dead and three "
		"injured when gunmen opened fire on a car on Thursday.",
		none, &l);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].gazetteer_id, "t:kirkuk");
	assert_int_equal(l.v[0].fatalities, 2);
	assert_int_equal(l.v[0].injuries, 3);
	/* the police speak, the gunmen shoot: the victims are not armed */
	assert_string_equal(l.v[0].event_type, "Violence against civilians");
	assert_string_equal(l.v[0].sub_event_type, "Attack");
	im_list_clear(&l);
	extract("m.txt",
		" date 2025-03-07 Two soldiers were killed by militants near Kirkuk on Thursday.",
		none, &l);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].event_type, "Battles");
	im_list_clear(&l);
	extract("g.txt",
		" date 2025-03-05 A rocket struck near an embassy in Baghdad's heavily fortified "
		"Green Zone late on Tuesday, causing no casualties.",
		none, &l);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].gazetteer_id, "t:green");
	im_list_clear(&l);
	extract("c.txt",
		" date 2025-03-02 A suicide bomber killed nine people at a mosque in Basra on "
		"Friday. The Islamic State group claimed responsibility in a statement.",
		none, &l);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].n_actors, 1);
	assert_string_equal(l.v[0].actors[0], "Islamic State");
	im_list_clear(&l);
	/* "the Salih base south of Basra": no Salih near Basra (the one known
	 * lies 400 km away), so near Basra, not at the namesake */
	extract("s.txt",
		" date 2025-05-13 An explosion ripped through a weapons depot at the Salih base "
		"south of Basra early on Monday, killing one person.",
		none, &l);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].gazetteer_id, "t:basra");
	assert_int_equal(l.v[0].geo_precision, 2);
	im_list_clear(&l);
	/* no one hurt: a bomb defused, a raid that only arrested */
	struct {
		const char *text, *type, *sub;
	} sd[] = {
		{"Experts defused an explosive device planted under a bridge in Basra on Friday. No one "
		 "was hurt.",
		 "Strategic developments", "Disrupted weapons use"},
		{"Security forces arrested five suspects in a raid on a house in Kirkuk on Thursday.",
		 "Strategic developments", "Arrests"},
		{"Security forces raided a house in Kirkuk on Thursday, killing two gunmen.", "Battles",
		 "Armed clash"},
		{"A bomb planted under a bridge in Basra exploded on Friday, wounding two people.",
		 "Explosions/Remote violence", "Remote explosive/landmine/IED"},
	};
	for (size_t i = 0; i < sizeof sd / sizeof *sd; i++) {
		char text[256];
		snprintf(text, sizeof text, " date 2025-08-02 %s", sd[i].text);
		extract("sd.txt", text, none, &l);
		assert_int_equal(l.n, 1);
		assert_string_equal(l.v[0].event_type, sd[i].type);
		assert_string_equal(l.v[0].sub_event_type, sd[i].sub);
		im_list_clear(&l);
	}
	/* killing in a raid that also abducted: an attack; abduction alone */
	extract("k.txt",
		" date 2025-03-03 Gunmen attacked the village of Salih on Saturday night, killing "
		"12 farmers and abducting several women.",
		none, &l);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].sub_event_type, "Attack");
	assert_int_equal(l.v[0].fatalities, 12);
	im_list_clear(&l);
	extract("a.txt", " date 2025-03-03 Gunmen abducted four engineers in Kirkuk on Saturday.",
		none, &l);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].sub_event_type, "Abduction/forced disappearance");
	im_list_clear(&l);
	/* a site outside the town named for it; a state's strikes */
	extract("e.txt", " date 2025-09-03 Rockets hit Erbil airport on Monday, causing no casualties.",
		none, &l);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].gazetteer_id, "t:erbil");
	assert_int_equal(l.v[0].geo_precision, 2);
	im_list_clear(&l);
	extract("i.txt", " date 2025-09-03 Israeli strikes hit a depot in Basra on Monday.", none, &l);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].sub_event_type, "Air/drone strike");
	assert_int_equal(l.v[0].geo_precision, 1);
	assert_int_equal(l.v[0].n_actors, 1);
	assert_string_equal(l.v[0].actors[0], "Israeli military");
	im_list_clear(&l);
	extract("t.txt", " date 2025-09-03 Teachers went on strike in Basra on Monday.", none, &l);
	assert_int_equal(l.n, 0);
	/* a claim after another event is that event's */
	extract("d.txt",
		" date 2025-03-02 A suicide bomber killed nine people at a mosque in Basra on "
		"Friday.\n\nIn Kirkuk, gunmen shot dead a policeman on Saturday. The Islamic "
		"State group claimed responsibility for the shooting.",
		none, &l);
	assert_int_equal(l.n, 2);
	for (size_t i = 0; i < l.n; i++) {
		if (strcmp(l.v[i].gazetteer_id, "t:basra") == 0)
			assert_int_equal(l.v[i].n_actors, 0);
		else
			assert_int_equal(l.v[i].n_actors, 1);
	}
	im_list_clear(&l);
}

/* A round-up: the lead's total is no incident's figure, its day is the
 * day of the incidents that give none; "X, 60 kilometres south of Y" is X;
 * "Baghdad's eastern Sadr City district" is the quarter. */
static void test_roundup(void **state)
{
	(void)state;
	im_incident_list l = {0};
	im_date none = {0, 0, 0};
	extract("r.txt",
		" date 2025-04-10 Violence across Iraq killed at least 11 people on Wednesday, "
		"police said.\n\n"
		"In the deadliest attack, a car bomb exploded near a market in the town of Makhmur, "
		"60 kilometres south of Erbil, killing six people and wounding 15.\n\n"
		"Elsewhere, a roadside bomb killed two soldiers in Baghdad's eastern Sadr City "
		"district.",
		none, &l);
	assert_int_equal(l.n, 2);
	const im_incident *mak = by_place(&l, "t:makhmur"), *sadr = by_place(&l, "t:sadr");
	assert_non_null(mak);
	assert_non_null(sadr);
	assert_int_equal(mak->fatalities, 6);
	assert_int_equal(mak->injuries, 15);
	assert_int_equal(sadr->fatalities, 2);
	expect_date(mak, "2025-04-09", 1);
	expect_date(sadr, "2025-04-09", 2);
	im_list_clear(&l);
}

/* "X in Y": X must lie in Y. The Salih the gazetteer knows is 300 km and
 * more away from Makhmur and Dhi Qar, so the village is "near Makhmur"
 * and "in Dhi Qar"; alone it is that Salih. "Between X and Y": on the
 * way, near one end. */
static void test_in_area(void **state)
{
	(void)state;
	im_date none = {0, 0, 0};
	struct {
		const char *text, *id;
		int prec;
	} cases[] = {
		{"the village of Salih in Makhmur district", "t:makhmur", 2},
		{"the village of Salih in Dhi Qar province", "t:a-dhiqar", 3},
		{"Salih", "t:salih", 1},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char text[256];
		snprintf(text, sizeof text,
			 " date 2025-06-05 A mortar shell landed on a house in %s on Wednesday, "
			 "killing a woman.",
			 cases[i].text);
		im_incident_list l = {0};
		extract("v.txt", text, none, &l);
		assert_int_equal(l.n, 1);
		assert_string_equal(l.v[0].gazetteer_id, cases[i].id);
		assert_int_equal(l.v[0].geo_precision, cases[i].prec);
		im_list_clear(&l);
	}
	im_incident_list l = {0};
	extract("w.txt",
		" date 2025-06-05 A roadside bomb hit a convoy on the road between Kirkuk and Erbil "
		"on Wednesday, killing a driver.",
		none, &l);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].geo_precision, 2);
	im_list_clear(&l);
}

static void test_several_incidents(void **state)
{
	(void)state;
	im_incident_list l = {0};
	im_date none = {0, 0, 0};
	extract("a.txt",
		" date 2024-03-13 BAGHDAD (Test Wire) \xE2\x80\x93 A car bomb exploded on Tuesday "
		"in Sadr City, killing six people and wounding 20 others, police said.\n\n"
		"The blast damaged a row of shops. Last month, gunmen shot dead a school "
		"principal in Kirkuk. Attacks on officials have risen in recent months.",
		none, &l);
	assert_int_equal(l.n, 2);
	const im_incident *a = by_place(&l, "t:sadr");
	assert_non_null(a);
	assert_string_equal(a->event_type, "Explosions/Remote violence");
	assert_string_equal(a->sub_event_type, "Remote explosive/landmine/IED");
	expect_date(a, "2024-03-12", 1);
	assert_string_equal(a->date_text, "on Tuesday");
	assert_int_equal(a->fatalities, 6);
	assert_int_equal(a->injuries, 20);
	assert_int_equal(a->geo_precision, 1);
	assert_string_equal(a->place_text, "Sadr City");
	assert_string_equal(a->country, "IQ");
	assert_string_equal(a->admin1, "Baghdad");
	assert_non_null(strstr(a->notes, "A car bomb exploded on Tuesday"));
	assert_non_null(strstr(a->notes, "The blast damaged"));
	assert_null(strstr(a->notes, "principal"));
	assert_true(a->confidence > 0.7 && a->confidence <= 1);
	assert_int_equal(a->n_sources, 1);
	assert_string_equal(a->sources[0].file, "a.txt");
	assert_string_equal(a->sources[0].date, "2024-03-13");
	const im_incident *b = by_place(&l, "t:kirkuk");
	assert_non_null(b);
	assert_string_equal(b->sub_event_type, "Attack");
	expect_date(b, "2024-02-15", 3);
	assert_int_equal(b->fatalities, 1);
	assert_int_equal(b->injuries, IM_NULL_INT);
	/* the dateline city is no incident's place */
	assert_null(by_place(&l, "t:baghdad"));
	/* stable ids */
	im_incident_list l2 = {0};
	extract("a.txt",
		" date 2024-03-13 BAGHDAD (Test Wire) \xE2\x80\x93 A car bomb exploded on Tuesday "
		"in Sadr City, killing six people and wounding 20 others, police said.\n\n"
		"The blast damaged a row of shops. Last month, gunmen shot dead a school "
		"principal in Kirkuk. Attacks on officials have risen in recent months.",
		none, &l2);
	assert_int_equal(l2.n, 2);
	assert_string_equal(l2.v[0].id, l.v[0].id);
	assert_string_not_equal(l.v[0].id, l.v[1].id);
	im_list_clear(&l2);
	im_list_clear(&l);
}

static void test_background_and_bad(void **state)
{
	(void)state;
	im_incident_list l = {0};
	im_date none = {0, 0, 0};
	/* background, a plan, a total with no place, nothing at all */
	extract("b.txt",
		"Bombings have become more frequent in the provinces. Since Nov. 27, attacks "
		"have killed 23 people. Officials plan a vote in Basra next Tuesday.",
		none, &l);
	assert_int_equal(l.n, 0);
	/* nothing at all is no article (the one rule: white space only,
	 * Unicode's too, after the byte-order mark and the date prefix) */
	static const char *const blank[] = {"\n", "\xEF\xBB\xBF", " date 2024-03-13 \n",
					    "\xC2\xA0\xE3\x80\x80\xE2\x80\x8B", NULL};
	for (size_t i = 0; blank[i]; i++) {
		im_article *a = NULL;
		im_error e;
		assert_int_equal(im_article_from_text("c.txt", blank[i], strlen(blank[i]), &a, &e),
				 IM_E_PARSE);
		assert_null(a);
		assert_string_equal(e.msg, "empty article");
	}
	/* events of years past, told as background */
	extract("h.txt",
		" date 2025-07-03 A court in Basra sentenced three men to death on Wednesday for "
		"their role in a 2019 bombing that killed 12 people near the city's main market.",
		none, &l);
	assert_int_equal(l.n, 0);
	extract("u.txt",
		" date 2025-07-02 The United Nations said on Tuesday that many people remain "
		"displaced in Erbil, ten years after the Islamic State group seized Mosul and killed "
		"thousands of people.",
		none, &l);
	assert_int_equal(l.n, 0);
	extract("y.txt",
		" date 2025-07-02 Relatives gathered in Kirkuk on the anniversary of the bombing "
		"that killed 30 people at a market.",
		none, &l);
	assert_int_equal(l.n, 0);
	/* figures of speech: sport, film, politics, prices */
	const char *fig[] = {
		" date 2025-09-05 Zawraa's attack tore through the Basra defence on Friday as the "
		"club won 3-0. The striker shot past the keeper twice, killing the contest before "
		"half-time.",
		" date 2025-09-06 The director shot most of the film in Mosul's old city and the "
		"premiere in Erbil on Saturday drew hundreds.",
		" date 2025-09-07 Parliament in Baghdad killed the electricity bill on Sunday, and oil "
		"prices exploded to a two-year high.",
	};
	for (size_t i = 0; i < sizeof fig / sizeof *fig; i++) {
		extract("f.txt", fig[i], none, &l);
		assert_int_equal(l.n, 0);
	}
	extract("v.txt",
		" date 2025-09-03 A man was shot dead in a video released by militants in Mosul on "
		"Monday.",
		none, &l);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].fatalities, 1);
	im_list_clear(&l);
	/* this year's: an event */
	extract("n.txt",
		" date 2025-07-03 A 2025 record: a car bomb killed 12 people in Basra on Wednesday.",
		none, &l);
	assert_int_equal(l.n, 1);
	im_list_clear(&l);
	/* a hostile text: the same event 20,000 times; caps keep it bounded */
	{
		const char *one = "A bomb exploded in Basra on Monday, killing two. Police said Basra was calm. ";
		size_t n1 = strlen(one), reps = 20000;
		char *big = malloc(n1 * reps + 20);
		assert_non_null(big);
		strcpy(big, " date 2024-03-13 ");
		size_t o = strlen(big);
		for (size_t r = 0; r < reps; r++, o += n1)
			memcpy(big + o, one, n1);
		big[o] = '\0';
		extract("big.txt", big, none, &l);
		assert_true(l.n >= 1 && l.n <= 64);
		im_list_clear(&l);
		free(big);
	}
	im_article empty = {0};
	im_error e;
	assert_int_equal(im_extract_article(gaz, &empty, NULL, &l, &e), IM_OK);
	assert_int_equal(l.n, 0);
	im_list_clear(&l);
}

static void test_places_dates_figures(void **state)
{
	(void)state;
	im_incident_list l = {0};
	im_date none = {0, 0, 0};
	/* --date when the article has none; a relative place; an actor claim */
	extract("d.txt",
		"Islamic State militants attacked an army post near Muqdadiyah on Saturday, killing "
		"two soldiers. The group said it carried out the attack.",
		(im_date){2024, 2, 18}, &l);
	assert_int_equal(l.n, 1);
	const im_incident *a = &l.v[0];
	assert_string_equal(a->sub_event_type, "Armed clash");
	assert_int_equal(a->geo_precision, 2);
	expect_date(a, "2024-02-17", 1);
	assert_int_equal(a->fatalities, 2);
	assert_int_equal(a->n_actors, 1);
	assert_string_equal(a->actors[0], "Islamic State");
	assert_string_equal(a->sources[0].date, "2024-02-18");
	im_list_clear(&l);
	/* a province alone: geo_precision 3; no date at all: null, no year made up */
	extract("e.txt", "A roadside bomb killed three farmers in Diyala province.", none, &l);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].geo_precision, 3);
	assert_int_equal(l.v[0].event_date.y, 0);
	assert_null(l.v[0].date_text);
	im_list_clear(&l);
	/* a date only in the text anchors "on Tuesday"; "escaped unharmed" is 0 */
	extract("f.txt",
		"MOSUL, Iraq, March 14, 2024 \xE2\x80\x93 The governor escaped unharmed when a drone "
		"struck his convoy in Mosul on Tuesday.",
		none, &l);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].sub_event_type, "Air/drone strike");
	expect_date(&l.v[0], "2024-03-12", 1);
	assert_int_equal(l.v[0].fatalities, 0);
	assert_int_equal(l.v[0].injuries, IM_NULL_INT);
	im_list_clear(&l);
	/* suspicion is not an actor; "20 km north of" moves the point */
	extract("g.txt",
		" date 2024-05-02 A car bomb killed four people 20 km north of Basra on Wednesday. "
		"The blast bore the hallmarks of ISIS.",
		none, &l);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].n_actors, 0);
	assert_int_equal(l.v[0].geo_precision, 2);
	assert_true(l.v[0].lat > 30.6 && l.v[0].lat < 30.75);
	im_list_clear(&l);
	/* protest: peaceful, no one hurt */
	extract("h.txt",
		" date 2024-06-05 Teachers held a peaceful sit-in in Nasiriyah on Wednesday. No one "
		"was hurt.",
		none, &l);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].event_type, "Protests");
	assert_int_equal(l.v[0].fatalities, 0);
	assert_int_equal(l.v[0].injuries, 0);
	im_list_clear(&l);
}

/* An incident for the merge tests. */
static void make(im_incident *inc, const char *src, const char *sub, double lat, double lon,
		 im_date d, int fat, const char *id)
{
	im_incident_init(inc);
	inc->has_point = 1;
	inc->lat = lat;
	inc->lon = lon;
	inc->event_date = d;
	inc->time_precision = 1;
	inc->geo_precision = 1;
	inc->fatalities = fat;
	im_set_str(&inc->id, id);
	im_set_str(&inc->event_type, "Explosions/Remote violence");
	im_set_str(&inc->sub_event_type, sub);
	im_set_str(&inc->notes, src);
	im_source s = {0};
	s.file = (char *)src;
	s.date = "2024-03-13";
	im_incident_add_source(inc, &s);
}

static void test_merge(void **state)
{
	(void)state;
	im_incident_list l = {0};
	im_incident x;
	im_date d = {2024, 3, 12};
	const char *ied = "Remote explosive/landmine/IED";
	make(&x, "one.txt", ied, 30.50, 47.78, d, 5, "im-b");
	im_list_push(&l, &x);
	make(&x, "two.txt", ied, 30.55, 47.80, d, 6, "im-a"); /* ~6 km away */
	x.geo_precision = 2;
	im_list_push(&l, &x);
	make(&x, "three.txt", "Suicide bomb", 30.50, 47.78, d, 5, "im-c"); /* another type */
	im_list_push(&l, &x);
	make(&x, "four.txt", ied, 31.00, 47.78, d, 5, "im-d"); /* 55 km away */
	im_list_push(&l, &x);
	make(&x, "five.txt", ied, 30.50, 47.78, (im_date){2024, 3, 1}, 5, "im-e"); /* 11 days */
	im_list_push(&l, &x);
	make(&x, "one.txt", ied, 30.50, 47.78, d, 1, "im-f"); /* the same report */
	im_list_push(&l, &x);
	assert_int_equal(im_extract_merge(NULL, &l), IM_OK);
	assert_int_equal(l.n, 5);
	const im_incident *m = &l.v[0];
	assert_int_equal(m->n_sources, 2);
	assert_string_equal(m->sources[0].file, "one.txt");
	assert_string_equal(m->sources[1].file, "two.txt");
	assert_string_equal(m->id, "im-a"); /* the smallest, whatever the order */
	assert_int_equal(m->geo_precision, 1);
	assert_non_null(strstr(m->notes, "two.txt"));
	for (size_t i = 1; i < l.n; i++)
		assert_int_equal(l.v[i].n_sources, 1);
	im_list_clear(&l);
	/* nothing to merge, empty list, NULL */
	assert_int_equal(im_extract_merge(NULL, &l), IM_OK);
	assert_int_equal(im_extract_merge(NULL, NULL), IM_OK);
}

/* Reports of one bombing that differ on the toll: the merged incident keeps
 * the lowest (ACLED's rule), whichever report comes first or is latest, a
 * known figure over none, and says so in its notes. */
static void test_merge_figures(void **state)
{
	(void)state;
	const char *ied = "Remote explosive/landmine/IED";
	im_date d = {2024, 3, 12};
	for (int order = 0; order < 2; order++) {
		im_incident_list l = {0};
		im_incident x;
		make(&x, order ? "late.txt" : "early.txt", ied, 30.50, 47.78, d, order ? 9 : 7,
		     order ? "im-b" : "im-a");
		x.injuries = IM_NULL_INT;
		im_set_str(&x.sources[0].date, order ? "2024-03-14" : "2024-03-12");
		im_list_push(&l, &x);
		make(&x, order ? "early.txt" : "late.txt", ied, 30.51, 47.78, d, order ? 7 : 9,
		     order ? "im-a" : "im-b");
		x.injuries = 20;
		im_set_str(&x.sources[0].date, order ? "2024-03-12" : "2024-03-14");
		im_list_push(&l, &x);
		assert_int_equal(im_extract_merge(NULL, &l), IM_OK);
		assert_int_equal(l.n, 1);
		assert_int_equal(l.v[0].n_sources, 2);
		assert_int_equal(l.v[0].fatalities, 7);
		assert_int_equal(l.v[0].injuries, 20);
		assert_non_null(strstr(l.v[0].notes, "reports differ on deaths (7 and 9)"));
		assert_null(strstr(l.v[0].notes, "injured ("));
		im_list_clear(&l);
	}
}

/* Reports of bombings on one day in two quarters of a city are two
 * incidents; a report that names only the city may be either, and goes
 * with the quarter (the finer place). Day-apart reports do not chain. */
static void test_merge_places(void **state)
{
	(void)state;
	im_incident_list l = {0};
	im_incident x;
	im_date d = {2024, 3, 12};
	const char *ied = "Remote explosive/landmine/IED";
	make(&x, "sadr.txt", ied, 33.393, 44.456, d, 2, "im-s");
	im_set_str(&x.gazetteer_id, "t:sadr");
	im_set_str(&x.place, "Sadr City");
	im_list_push(&l, &x);
	make(&x, "green.txt", ied, 33.305, 44.389, d, 2, "im-g"); /* 12 km away */
	im_set_str(&x.gazetteer_id, "t:green");
	im_list_push(&l, &x);
	make(&x, "city.txt", ied, 33.341, 44.401, d, 2, "im-c");
	im_set_str(&x.gazetteer_id, "t:baghdad");
	im_set_str(&x.place, "Baghdad");
	im_list_push(&l, &x);
	assert_int_equal(im_extract_merge(gaz, &l), IM_OK);
	assert_int_equal(l.n, 2);
	int sadr = strcmp(l.v[0].gazetteer_id, "t:sadr") == 0 ? 0 : 1;
	assert_string_equal(l.v[sadr].gazetteer_id, "t:sadr");
	assert_string_equal(l.v[sadr].place, "Sadr City");
	assert_int_equal(l.v[sadr].n_sources + l.v[1 - sadr].n_sources, 3);
	assert_string_equal(l.v[1 - sadr].gazetteer_id, "t:green");
	im_list_clear(&l);
	/* without the gazetteer the kinds are unknown: one incident */
	make(&x, "sadr.txt", ied, 33.393, 44.456, d, 2, "im-s");
	im_set_str(&x.gazetteer_id, "t:sadr");
	im_list_push(&l, &x);
	make(&x, "green.txt", ied, 33.305, 44.389, d, 2, "im-g");
	im_set_str(&x.gazetteer_id, "t:green");
	im_list_push(&l, &x);
	assert_int_equal(im_extract_merge(NULL, &l), IM_OK);
	assert_int_equal(l.n, 1);
	im_list_clear(&l);
	/* the 10th, 11th and 12th at one place, each told as a night: a
	 * night may be dated either side of midnight, but the 10th and the
	 * 12th are not one incident, so the three do not become one */
	for (int day = 10; day <= 12; day++) {
		char src[16], id[16];
		snprintf(src, sizeof src, "d%d.txt", day);
		snprintf(id, sizeof id, "im-%d", day);
		make(&x, src, ied, 30.508, 47.780, (im_date){2024, 3, day}, 1, id);
		im_set_str(&x.date_text, "late on Sunday night");
		im_list_push(&l, &x);
	}
	assert_int_equal(im_extract_merge(gaz, &l), IM_OK);
	assert_int_equal(l.n, 2);
	im_list_clear(&l);
}

/* Two places the reports name, however close, are two incidents (two
 * squares 700 m apart, one day, one type); one place the gazetteer holds
 * twice under one name, or a report naming no place, is one. */
static void test_merge_close_names(void **state)
{
	(void)state;
	const char *ied = "Remote explosive/landmine/IED";
	im_date d = {2024, 3, 12};
	for (int kind = 0; kind < 3; kind++) {
		im_incident_list l = {0};
		im_incident x;
		make(&x, "qasr.txt", ied, 33.330, 44.420, d, 2, "im-q");
		im_set_str(&x.gazetteer_id, "t:qasr-sq");
		im_set_str(&x.place, "Qasr Square");
		im_list_push(&l, &x);
		make(&x, "fanar.txt", ied, 33.335, 44.425, d, 3, "im-f");
		im_set_str(&x.gazetteer_id, kind == 1 ? "t:qasr-sq-2" : "t:fanar-gate");
		if (kind < 2)
			im_set_str(&x.place, kind == 1 ? "qasr square" : "Fanar Gate");
		im_list_push(&l, &x);
		assert_int_equal(im_extract_merge(gaz, &l), IM_OK);
		assert_int_equal(l.n, kind == 0 ? 2 : 1);
		im_list_clear(&l);
	}
}

/* The same place on two days told exactly is two events, unless a report
 * says its event ran through the night between them; vaguer dates still
 * fit within their slack ("last week": 4 days). */
static void test_merge_days(void **state)
{
	(void)state;
	im_incident_list l = {0};
	im_incident x;
	const char *ied = "Remote explosive/landmine/IED";
	make(&x, "mon.txt", ied, 30.508, 47.780, (im_date){2024, 3, 11}, 3, "im-m");
	im_set_str(&x.date_text, "on Monday");
	im_list_push(&l, &x);
	make(&x, "tue.txt", ied, 30.508, 47.780, (im_date){2024, 3, 12}, 4, "im-t");
	im_set_str(&x.date_text, "on Tuesday");
	im_list_push(&l, &x);
	assert_int_equal(im_extract_merge(gaz, &l), IM_OK);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.v[0].n_sources + l.v[1].n_sources, 2);
	im_list_clear(&l);
	/* "late on Monday night": a report of Tuesday may be the same */
	make(&x, "mon.txt", ied, 30.508, 47.780, (im_date){2024, 3, 11}, 3, "im-m");
	im_set_str(&x.date_text, "late on Monday night");
	im_list_push(&l, &x);
	make(&x, "tue.txt", ied, 30.508, 47.780, (im_date){2024, 3, 12}, 4, "im-t");
	im_set_str(&x.date_text, "early on Tuesday");
	im_list_push(&l, &x);
	assert_int_equal(im_extract_merge(gaz, &l), IM_OK);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].n_sources, 2);
	assert_int_equal(l.v[0].fatalities, 3);
	im_list_clear(&l);
	/* two days apart, even through a night: two */
	make(&x, "mon.txt", ied, 30.508, 47.780, (im_date){2024, 3, 11}, 3, "im-m");
	im_set_str(&x.date_text, "overnight");
	im_list_push(&l, &x);
	make(&x, "wed.txt", ied, 30.508, 47.780, (im_date){2024, 3, 13}, 3, "im-w");
	im_list_push(&l, &x);
	assert_int_equal(im_extract_merge(gaz, &l), IM_OK);
	assert_int_equal(l.n, 2);
	im_list_clear(&l);
	/* a week's date (precision 2) fits a day of it */
	make(&x, "week.txt", ied, 30.508, 47.780, (im_date){2024, 3, 13}, 3, "im-k");
	x.time_precision = 2;
	im_list_push(&l, &x);
	make(&x, "mon.txt", ied, 30.508, 47.780, (im_date){2024, 3, 11}, 3, "im-m");
	im_list_push(&l, &x);
	assert_int_equal(im_extract_merge(gaz, &l), IM_OK);
	assert_int_equal(l.n, 1);
	im_list_clear(&l);
}

/* n reports of one bombing kind at (lat, lon), day by day from day0, each
 * its own source (named PREFIX-N). */
static void push_reports(im_incident_list *l, const char *prefix, int n, int per_day, double lat,
                         double lon, long day0)
{
	for (int i = 0; i < n; i++) {
		char src[32], id[32];
		snprintf(src, sizeof src, "%s-%d", prefix, i);
		snprintf(id, sizeof id, "im-%s-%06d", prefix, i);
		im_incident x;
		make(&x, src, "Remote explosive/landmine/IED", lat, lon,
		     im_date_from_days(day0 + i / per_day), 1, id);
		im_list_push(l, &x);
	}
}

/* Pairs the index finds wherever they lie: across the antimeridian, near
 * the pole, across cells of latitude; and not 30 km apart. */
static void test_merge_cells(void **state)
{
	(void)state;
	im_incident_list l = {0};
	long day = im_date_to_days((im_date){2024, 3, 12});
	push_reports(&l, "east", 1, 1, -17.0, 179.97, day);
	push_reports(&l, "west", 1, 1, -17.0, -179.97, day); /* 6 km away */
	push_reports(&l, "pole0", 1, 1, 89.9, 0, day);
	push_reports(&l, "pole1", 1, 1, 89.9, 120, day); /* 19 km away */
	push_reports(&l, "south", 1, 1, 0.249, 10, day);
	push_reports(&l, "north", 1, 1, 0.251, 10, day); /* two cells */
	push_reports(&l, "far0", 1, 1, 40, 10, day);
	push_reports(&l, "far1", 1, 1, 40, 10.36, day); /* 30 km away */
	assert_int_equal(im_extract_merge(NULL, &l), IM_OK);
	assert_int_equal(l.n, 5);
	size_t two = 0;
	for (size_t i = 0; i < l.n; i++)
		two += l.v[i].n_sources == 2;
	assert_int_equal(two, 3);
	im_list_clear(&l);
}

/* A year of reports of one city: 20 a day, 7,300 in all. Each day's
 * reports are one incident (two days told exactly are two events); the
 * work grows with the reports, not with their square (26.6 million pairs
 * for a sweep over them all). */
static void test_merge_year_of_one_city(void **state)
{
	(void)state;
	im_incident_list l = {0};
	long day = im_date_to_days((im_date){2024, 1, 1});
	push_reports(&l, "r", 7300, 20, 33.3152, 44.3661, day);
	size_t pairs = 0, cut = 0;
	assert_int_equal(im_merge_counted(NULL, &l, &pairs, &cut), IM_OK);
	assert_int_equal(cut, 0);
	assert_int_equal(l.n, 365);
	for (size_t i = 0; i < l.n; i++)
		assert_int_equal(l.v[i].n_sources, 20);
	assert_true(pairs < 100 * 7300);
	im_list_clear(&l);
}

/* One day of 150 reports of one bombing: groups of at most 64 reports
 * (64, 64, 22), every report kept as a source. */
static void test_merge_cap(void **state)
{
	(void)state;
	im_incident_list l = {0};
	push_reports(&l, "same", 150, 150, 36.34, 43.13, im_date_to_days((im_date){2024, 5, 1}));
	assert_int_equal(im_extract_merge(NULL, &l), IM_OK);
	assert_int_equal(l.n, 3);
	size_t total = 0;
	for (size_t i = 0; i < l.n; i++) {
		assert_true(l.v[i].n_sources <= 64);
		total += l.v[i].n_sources;
	}
	assert_int_equal(total, 150);
	im_list_clear(&l);
}

/* Undated incidents that cannot be one (all told by one article) at one
 * place: each is offered every later one, and looks at IM_MERGE_MAX_LOOKS
 * of them at most; the turns that stopped there are counted. None merges. */
static void test_merge_undated_bound(void **state)
{
	(void)state;
	im_incident_list l = {0};
	size_t n = IM_MERGE_MAX_LOOKS + 300;
	for (size_t i = 0; i < n; i++) {
		im_incident x;
		char id[32];
		snprintf(id, sizeof id, "im-u-%06zu", i);
		make(&x, "one.txt", "Remote explosive/landmine/IED", 33.3, 44.4, (im_date){0}, 1,
		     id);
		x.time_precision = 3;
		im_list_push(&l, &x);
	}
	size_t pairs = 0, cut = 0;
	assert_int_equal(im_merge_counted(NULL, &l, &pairs, &cut), IM_OK);
	assert_int_equal(l.n, n);
	/* turn i has n - 1 - i later ones: cut when more than the bound */
	assert_int_equal(cut, n - 1 - IM_MERGE_MAX_LOOKS);
	size_t want = 0;
	for (size_t i = 0; i < n; i++)
		want += n - 1 - i < IM_MERGE_MAX_LOOKS ? n - 1 - i : IM_MERGE_MAX_LOOKS;
	assert_int_equal(pairs, want);
	im_list_clear(&l);
}

/* Undated reports of one place that are one incident still merge: an
 * undated one joins a dated group, and undated ones join each other. */
static void test_merge_undated_joins(void **state)
{
	(void)state;
	im_incident_list l = {0};
	long day = im_date_to_days((im_date){2024, 6, 3});
	push_reports(&l, "d", 3, 3, 33.3, 44.4, day);
	for (int i = 0; i < 2; i++) {
		im_incident x;
		char src[16], id[16];
		snprintf(src, sizeof src, "u%d.txt", i);
		snprintf(id, sizeof id, "im-u%d", i);
		make(&x, src, "Remote explosive/landmine/IED", 33.3, 44.4, (im_date){0}, 1, id);
		x.time_precision = 3;
		im_list_push(&l, &x);
	}
	assert_int_equal(im_extract_merge(NULL, &l), IM_OK);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].n_sources, 5);
	assert_int_equal(l.v[0].event_date.d, 3);
	im_list_clear(&l);
}

/* Runs the reports texts[0..n) through a batch; returns the gazetteer id
 * of the incident of the last one, and the batch's countries. */
static size_t n_abroad; /* of the last run_batch */

static void run_batch(const char *const *texts, size_t n, const char *focus,
		      im_incident_list *l, char (*got)[3], size_t *ngot, size_t *again)
{
	im_batch *b = im_batch_new();
	assert_non_null(b);
	im_extract_opts o;
	memset(&o, 0, sizeof o);
	if (focus)
		assert_true(im_opt_countries(focus, o.focus, IM_MAX_FOCUS, &o.n_focus));
	im_error e;
	for (size_t i = 0; i < n; i++) {
		im_article *a;
		char file[32];
		snprintf(file, sizeof file, "r%zu.txt", i);
		assert_int_equal(im_article_from_text(file, texts[i], strlen(texts[i]), &a, &e), IM_OK);
		assert_int_equal(im_batch_extract(b, gaz, a, &o, l, &e), IM_OK);
	}
	size_t not_kept;
	assert_int_equal(
	    im_batch_finish(b, gaz, &o, 2, l, got, ngot, again, &n_abroad, &not_kept, &e), IM_OK);
	assert_int_equal(not_kept, 0);
	im_batch_free(b);
}

static const char *place_of_file(const im_incident_list *l, const char *file)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].n_sources && strcmp(l->v[i].sources[0].file, file) == 0)
			return l->v[i].gazetteer_id;
	return NULL;
}

/* The batch focus: two reports from Ankara make a bare "in Hajin" the
 * Turkish Hajin (Saimbeyli), not the Syrian town, with less confidence;
 * one report is not enough; --focus given, the batch keeps out. */
static void test_batch_focus(void **state)
{
	(void)state;
	const char *texts[] = {
		" date 2024-03-13 A car bomb exploded in Ankara on Tuesday, killing four people.",
		" date 2024-03-14 Gunmen attacked a police station in Ankara on Wednesday, killing "
		"two officers.",
		" date 2024-03-15 A roadside bomb exploded in Hajin on Thursday, wounding three "
		"soldiers.",
	};
	char got[IM_MAX_FOCUS][3];
	size_t ngot, again;
	im_incident_list l = {0};
	/* alone: Syria's Hajin */
	run_batch(texts + 2, 1, NULL, &l, got, &ngot, &again);
	assert_int_equal(ngot, 0);
	assert_int_equal(again, 0);
	assert_string_equal(place_of_file(&l, "r0.txt"), "t:hajin");
	double alone = l.v[0].confidence;
	im_list_clear(&l);
	/* after two reports from Turkey */
	run_batch(texts, 3, NULL, &l, got, &ngot, &again);
	assert_int_equal(ngot, 1);
	assert_string_equal(got[0], "TR");
	assert_int_equal(again, 1);
	assert_int_equal(l.n, 3);
	assert_string_equal(place_of_file(&l, "r2.txt"), "t:hajin-tr");
	assert_string_equal(place_of_file(&l, "r0.txt"), "t:ankara");
	for (size_t i = 0; i < l.n; i++)
		if (strcmp(l.v[i].gazetteer_id, "t:hajin-tr") == 0)
			assert_true(l.v[i].confidence < alone);
	assert_int_equal(n_abroad, 0);
	im_list_clear(&l);
	/* a report naming no country whose place Turkey lacks keeps it
	 * abroad, with less confidence: nothing in it vouches for Iraq
	 * against a batch about Turkey */
	const char *far[] = {texts[0], texts[1],
			     " date 2024-03-15 Militiamen attacked the market of Kutam on Thursday, "
			     "killing eight traders."};
	run_batch(far + 2, 1, NULL, &l, got, &ngot, &again);
	assert_string_equal(place_of_file(&l, "r0.txt"), "t:kutam");
	double kutam_alone = l.v[0].confidence;
	im_list_clear(&l);
	run_batch(far, 3, NULL, &l, got, &ngot, &again);
	assert_int_equal(ngot, 1);
	assert_int_equal(again, 0);
	assert_int_equal(n_abroad, 1);
	assert_string_equal(place_of_file(&l, "r2.txt"), "t:kutam");
	for (size_t i = 0; i < l.n; i++)
		if (strcmp(l.v[i].gazetteer_id, "t:kutam") == 0)
			assert_true(l.v[i].confidence < kutam_alone - 0.05);
	im_list_clear(&l);
	/* one report from Turkey is no batch */
	const char *two[] = {texts[0], texts[2]};
	run_batch(two, 2, NULL, &l, got, &ngot, &again);
	assert_int_equal(ngot, 0);
	assert_string_equal(place_of_file(&l, "r1.txt"), "t:hajin");
	im_list_clear(&l);
	/* --focus SY given: Syria's, whatever the batch */
	run_batch(texts, 3, "SY", &l, got, &ngot, &again);
	assert_int_equal(ngot, 0);
	assert_string_equal(place_of_file(&l, "r2.txt"), "t:hajin");
	im_list_clear(&l);
}

/* A weapon said in passing, in a relative clause or as seen, neither sets
 * the incident's type nor makes an incident of its own; an event of last
 * year is background. */
static void test_type_in_passing(void **state)
{
	(void)state;
	im_date none = {0, 0, 0};
	im_incident_list l = {0};
	extract("a.txt",
		" date 2024-05-03 Gunmen shot dead four shopkeepers in a market in Basra on "
		"Friday, police said. The gang, which has used drones before, did not claim the "
		"killing.",
		none, &l);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].sub_event_type, "Attack");
	im_list_clear(&l);
	extract("b.txt",
		" date 2024-05-03 Army troops clashed with militants near Kirkuk on Friday, "
		"killing three fighters, officials said. Foreign-made drones were seen over the "
		"area during the fighting.",
		none, &l);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].sub_event_type, "Armed clash");
	im_list_clear(&l);
	extract("c.txt",
		" date 2024-05-03 A roadside bomb killed two soldiers near Mosul on Friday, in a "
		"district where drone strikes had hit militants last year.",
		none, &l);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].sub_event_type, "Remote explosive/landmine/IED");
	im_list_clear(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_several_incidents),
	    cmocka_unit_test(test_quarter_of_city),
	    cmocka_unit_test(test_cues),
	    cmocka_unit_test(test_roundup),
	    cmocka_unit_test(test_in_area),
	    cmocka_unit_test(test_focus),
	    cmocka_unit_test(test_batch_focus),
	    cmocka_unit_test(test_place_goes_on),
	    cmocka_unit_test(test_background_and_bad),
	    cmocka_unit_test(test_places_dates_figures),
	    cmocka_unit_test(test_merge),
	    cmocka_unit_test(test_merge_figures),
	    cmocka_unit_test(test_merge_places),
	    cmocka_unit_test(test_merge_close_names),
	    cmocka_unit_test(test_merge_days),
	    cmocka_unit_test(test_merge_cells),
	    cmocka_unit_test(test_merge_year_of_one_city),
	    cmocka_unit_test(test_merge_cap),
	    cmocka_unit_test(test_merge_undated_bound),
	    cmocka_unit_test(test_merge_undated_joins),
	    cmocka_unit_test(test_type_in_passing),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
