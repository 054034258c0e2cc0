/* test_extract_rules.c: event types from triggers, actors, casualty figures,
 * datelines, outlets and person names, on sentences written for the test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "extract/extract_int.h"

#include <stdlib.h>
#include <string.h>

static xt_doc doc;

static void parse(const char *t)
{
	xt_doc_free(&doc);
	assert_int_equal(xt_doc_parse(&doc, t, strlen(t)), IM_OK);
}

/* ---- event types ------------------------------------------------------------ */

static xe_kind kind_of(const char *t)
{
	parse(t);
	xt_trig tr[32];
	size_t n = xt_triggers(&doc, 0, doc.ntok, tr, 32);
	return xt_decide_kind(tr, n, xt_victims_armed(&doc, 0, doc.ntok, tr, n), 0);
}

static void expect_kind(const char *t, xe_kind want)
{
	xe_kind k = kind_of(t);
	if (k != want)
		fail_msg("'%s': %s, wanted %s", t, xe_sub_event_type(k) ? xe_sub_event_type(k) : "none",
			 xe_sub_event_type(want) ? xe_sub_event_type(want) : "none");
}

static void test_types(void **state)
{
	(void)state;
	expect_kind("A motorcycle bomb went off outside the bakery.", XE_IED);
	expect_kind("A roadside bomb struck the convoy.", XE_IED);
	expect_kind("An IED was detonated under the bridge.", XE_IED);
	expect_kind("A suicide bomber blew himself up at the gate, killing six.", XE_SUICIDE);
	expect_kind("A drone strike hit the car; the blast was heard far away.", XE_AIR);
	expect_kind("Warplanes bombed the hills overnight.", XE_AIR);
	expect_kind("Mortar shells landed on the camp.", XE_SHELL);
	expect_kind("Someone threw a grenade into the shop.", XE_GRENADE);
	expect_kind("Gunmen killed two shopkeepers in the market.", XE_ATTACK);
	expect_kind("Gunmen killed two soldiers at a checkpoint.", XE_CLASH);
	expect_kind("Army troops clashed with militants for hours.", XE_CLASH);
	expect_kind("Unknown men kidnapped an engineer on the road.", XE_ABDUCT);
	expect_kind("Teachers held a peaceful sit-in at the ministry.", XE_PROTEST);
	expect_kind("Demonstrators stormed the consulate and torched the gate.", XE_RIOT);
	expect_kind("Police fired tear gas to disperse protesters.", XE_INTERVENED);
	expect_kind("A mob lynched the suspect.", XE_MOB);
	expect_kind("The committee met to discuss the budget.", XE_NONE);
	/* a weapon said in passing does not set the type: a relative clause
	 * set off by a comma, a weapon seen or sold; alone it still does, and
	 * a relative clause that tells the death is the incident's own */
	expect_kind("Gunmen shot dead four traders; the gang, which has used drones "
		    "before, fled.", XE_ATTACK);
	expect_kind("Troops clashed with rebels for hours. Foreign-made drones were "
		    "seen over the valley.", XE_CLASH);
	expect_kind("Men kidnapped a nurse; the men, who flew a drone over the road, "
		    "escaped.", XE_ABDUCT);
	expect_kind("Jets flying over the hills bombed a depot.", XE_AIR);
	expect_kind("Five died in the port, where warplanes hit a fuel depot.", XE_AIR);
	expect_kind("Police condemned the murder of a clerk, who was killed by a roadside "
		    "bomb.", XE_IED);
	/* flags */
	parse("Such bombings often kill dozens. The blast shook the town. A plot was foiled.");
	xt_trig tr[16];
	size_t n = xt_triggers(&doc, 0, doc.ntok, tr, 16);
	assert_true(n >= 3);
	int generic = 0, anaphor = 0, negated = 0;
	for (size_t i = 0; i < n; i++) {
		generic |= (tr[i].flags & XE_GENERIC) && xt_is(&doc, tr[i].t0, "bombings");
		anaphor |= (tr[i].flags & XE_ANAPHOR) && xt_is(&doc, tr[i].t0, "blast");
	}
	parse("Police said militants were planning a car bomb attack.");
	n = xt_triggers(&doc, 0, doc.ntok, tr, 16);
	for (size_t i = 0; i < n; i++)
		negated |= (tr[i].flags & XE_NEGATED) && xt_is(&doc, tr[i].t0, "car");
	assert_true(generic);
	assert_true(anaphor);
	assert_true(negated);
	/* a bomb defused is a disrupted weapon, an incident of its own type
	 * (test_extract_incidents), not nothing */
	parse("Police said a car bomb was defused before it went off.");
	n = xt_triggers(&doc, 0, doc.ntok, tr, 16);
	int found = 0;
	for (size_t i = 0; i < n; i++)
		if (xt_is(&doc, tr[i].t0, "car")) {
			found = 1;
			assert_false(tr[i].flags & XE_NEGATED);
		}
	assert_true(found);
	assert_string_equal(xe_event_type(XE_SUICIDE), "Explosions/Remote violence");
	assert_string_equal(xe_sub_event_type(XE_ABDUCT), "Abduction/forced disappearance");
	assert_null(xe_event_type(XE_NONE));
}

/* ---- actors ----------------------------------------------------------------- */

static const char *actors(const char *t, char *buf, size_t cap)
{
	parse(t);
	xt_actor a[8];
	size_t n = xt_actors(&doc, 0, doc.ntok, a, 8);
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (i)
			strncat(buf, "; ", cap - strlen(buf) - 1);
		strncat(buf, a[i].name, cap - strlen(buf) - 1);
	}
	return buf;
}

static void test_actors(void **state)
{
	(void)state;
	char b[256];
	assert_string_equal(actors("Daesh claimed the attack.", b, sizeof b), "Islamic State");
	assert_string_equal(actors("ISIS fighters and IS cells attacked.", b, sizeof b), "Islamic State");
	assert_string_equal(actors("It is unclear who is behind it.", b, sizeof b), "");
	assert_string_equal(actors("Kataib Hezbollah denied it.", b, sizeof b), "Kata'ib Hezbollah");
	assert_string_equal(actors("A convoy of the Hashd was hit; PMF sources said so.", b, sizeof b),
			    "Popular Mobilization Forces");
	assert_string_equal(actors("Kurdish Peshmerga and Iraqi army troops took part.", b, sizeof b),
			    "Peshmerga; Iraqi army");
	/* suspicion is not a claim */
	assert_string_equal(actors("The blast carries the hallmarks of ISIS.", b, sizeof b), "");
	assert_string_equal(actors("Officials blamed the PKK for the attack.", b, sizeof b), "");
	assert_string_equal(actors("Suspected Islamic State militants fled.", b, sizeof b), "");
	assert_string_equal(actors("A pro-ISIS channel shared the video.", b, sizeof b), "");
	/* the weapon names the force */
	assert_string_equal(actors("Turkish drones struck a car near Sinjar.", b, sizeof b),
			    "Turkish military");
	assert_string_equal(actors("An Israeli air strike hit a building.", b, sizeof b),
			    "Israeli military");
	assert_string_equal(actors("Saudi warplanes bombed a market.", b, sizeof b),
			    "Saudi-led coalition");
	assert_string_equal(actors("A Turkish drone hit a PKK-affiliated group.", b, sizeof b),
			    "Turkish military");
}

/* ---- casualties --------------------------------------------------------------- */

/* "D4 I12": the figures found in t, in order; "D0z" a zero, "D2h" hedged. */
static const char *figs(const char *t, char *buf, size_t cap)
{
	parse(t);
	xt_fig f[16];
	size_t n = xt_figures(&doc, 0, doc.ntok, f, 16);
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		char one[32];
		snprintf(one, sizeof one, "%s%s%ld%s%s", i ? " " : "", f[i].what == XF_DEATHS ? "D" : "I",
			 f[i].v, f[i].flags & XF_ZERO ? "z" : "", f[i].flags & XF_HEDGED ? "h" : "");
		strncat(buf, one, cap - strlen(buf) - 1);
	}
	return buf;
}

static void expect_figs(const char *t, const char *want)
{
	char b[128];
	figs(t, b, sizeof b);
	if (strcmp(b, want) != 0)
		fail_msg("'%s': [%s], wanted [%s]", t, b, want);
}

static void test_casualties(void **state)
{
	(void)state;
	xt_fig f[4];
	expect_figs("A bomb exploded, killing four people and wounding 12 others.", "D4 I12");
	expect_figs("At least 35 people were killed.", "D35");
	expect_figs("Over 80 people were wounded in the blast.", "I80");
	expect_figs("It killed 84 people and injured 284 more.", "D84 I284");
	expect_figs("Six protesters were killed and 35 wounded.", "D6 I35");
	expect_figs("Eighteen people have been killed, 117 wounded.", "D18 I117");
	expect_figs("Two gunmen killed three soldiers at dawn.", "D3");
	expect_figs("The blast at 5:00 pm (1400 GMT) killed 17 people.", "D17");
	expect_figs("Seven killed as a bus hits a mine.", "D7");
	expect_figs("The attack ended by killing the deputy head of the council.", "D1");
	expect_figs("A shopkeeper was burned to death in his store.", "D1");
	expect_figs("A fourth fighter was badly hurt.", "I1");
	expect_figs("The governor escaped unharmed.", "D0z");
	expect_figs("No one was hurt, officials said.", "I0z D0z");
	expect_figs("No one was killed.", "D0z");
	expect_figs("There were no casualties.", "D0z I0z");
	expect_figs("The death toll rose to 30 on Friday.", "D30");
	expect_figs("Medics said only two had been killed.", "D2h");
	expect_figs("Twelve people killed and wounded in a market blast.", "");
	expect_figs("Gunmen killed him, two of his brothers and a bodyguard.", "D4");
	expect_figs("They killed a policeman, his father, his wife and three children.", "D6");
	expect_figs("A drone killed three members of the militia, the council said.", "D3");
	expect_figs("Gunmen shot dead Karim Saleem, a teacher, at noon.", "D1");
	expect_figs("An engineer, his wife and two children were gunned down.", "D4");
	expect_figs("Medics said 12 protesters and four policemen were injured.", "I16");
	expect_figs("Police said two soldiers were killed.", "D2");
	expect_figs("At least nine were killed, including five children.", "D9");
	expect_figs("The siege has lasted 45 days and 3 years.", "");
	expect_figs("Three women and six children from one family were killed.", "D9");
	expect_figs("Gunmen killed him and his entire family, a total of six people.", "D6");
	expect_figs("Rebels have killed the governor and his nephew.", "D2");
	expect_figs("Two bombers blew up, killing themselves and seven other people.", "D7");
	expect_figs("Police said a second guard was also killed in the raid.", "D1");
	expect_figs("A drone hit the house with the aim of assassinating him.", "");
	expect_figs("They are the same men who killed Karim Saleem.", "D1h");
	expect_figs("Nine people, including a judge, were killed on Friday.", "D9");
	expect_figs("Officials said <b>killed</b> 12 people.", "D12");
	expect_figs("A teacher known to speak against the mayor was assassinated.", "D1");
	expect_figs("The town's best-known poet, Hamid Rasul, was killed near his house.", "D1");
	expect_figs("At least 17 civilians \xE2\x80\x94 including ten women \xE2\x80\x94 were killed.", "D17");
	expect_figs("Forty people who had been shopping at a market had been killed.", "D40");
	parse("Police said a second guard was also killed.");
	assert_int_equal(xt_figures(&doc, 0, doc.ntok, f, 4), 1);
	assert_true(f[0].flags & XF_ALSO);
	parse("The toll rose to 30.");
	assert_int_equal(xt_figures(&doc, 0, doc.ntok, f, 4), 1);
	assert_true(f[0].flags & XF_UPDATE);
	/* an update names the figures listed after it too */
	parse("A second bomb went off later, raising the toll to 14 dead, 26 wounded.");
	assert_int_equal(xt_figures(&doc, 0, doc.ntok, f, 4), 2);
	assert_true(f[0].what == XF_DEATHS && f[0].v == 14 && (f[0].flags & XF_UPDATE));
	assert_true(f[1].what == XF_INJURIES && f[1].v == 26 && (f[1].flags & XF_UPDATE));
	/* but not a figure of another clause */
	parse("The toll rose to 30; police said 12 people were wounded in a second blast.");
	size_t nf = xt_figures(&doc, 0, doc.ntok, f, 4);
	assert_int_equal(nf, 2);
	assert_false(f[1].flags & XF_UPDATE);
}

/* ---- datelines, outlets and persons --------------------------------------------- */

static char *span(size_t a, size_t b)
{
	static char buf[128];
	if (a >= b)
		return "";
	size_t n = doc.tok[b - 1].e - doc.tok[a].s;
	memcpy(buf, doc.t + doc.tok[a].s, n);
	buf[n] = '\0';
	return buf;
}

static void test_datelines(void **state)
{
	(void)state;
	xt_dateline dl;
	parse("ZAKHO (Test Wire) \xE2\x80\x93 A bridge fell.");
	assert_true(xt_dateline_find(&doc, &dl));
	assert_string_equal(span(dl.p0, dl.p1), "ZAKHO");
	assert_string_equal(span(dl.o0, dl.o1), "Test Wire");
	assert_true(xt_is(&doc, dl.end, "a"));
	parse("DUHOK, Kurdistan Region of Iraq - Rain fell.");
	assert_true(xt_dateline_find(&doc, &dl));
	assert_string_equal(span(dl.c0, dl.c1), "Kurdistan Region of Iraq");
	parse("AMARA, Iraq, March 3, 2023 \xE2\x80\x94 Rain fell.");
	assert_true(xt_dateline_find(&doc, &dl));
	assert_string_equal(span(dl.p0, dl.p1), "AMARA");
	assert_string_equal(span(dl.c0, dl.c1), "Iraq");
	parse("Samawah (Test) - Rain fell.");
	assert_true(xt_dateline_find(&doc, &dl));
	parse("Rain fell in Samawah - again.");
	assert_false(xt_dateline_find(&doc, &dl));
	parse("Heavy rain\n\nSAMAWAH - Rain fell.");
	assert_true(xt_dateline_find(&doc, &dl));
	assert_string_equal(span(dl.p0, dl.p1), "SAMAWAH");
}

static void test_outlets_and_persons(void **state)
{
	(void)state;
	parse("He told Kurdistan 24 and Reuters, not the ap or AP.");
	assert_int_equal(xt_outlet_at(&doc, 2, doc.ntok), 2);
	assert_int_equal(xt_outlet_at(&doc, 5, doc.ntok), 1);
	assert_int_equal(xt_outlet_at(&doc, 9, doc.ntok), 0);
	assert_int_equal(xt_outlet_at(&doc, 11, doc.ntok), 1);
	parse("Governor Rasul Talib met Hadi al-Ameri. Later Talib and al-Ameri spoke, as did "
	      "Kareem Fadhel, 40, and Yousif Karam al-Jubouri. St. Louis is far.");
	unsigned char *m = calloc(doc.ntok, 1);
	xt_mark_persons(&doc, m);
	const char *names[] = {"Rasul", "Talib", "Hadi", "al-Ameri", "Kareem", "Fadhel", "Yousif",
			       "Karam", "al-Jubouri"};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		int found = 0;
		for (size_t k = 0; k < doc.ntok; k++)
			if (XT_LEN(&doc, k) == strlen(names[i]) &&
			    memcmp(XT_STR(&doc, k), names[i], XT_LEN(&doc, k)) == 0) {
				if (!m[k])
					fail_msg("'%s' (token %zu) is not marked as a person", names[i], k);
				found = 1;
			}
		assert_true(found);
	}
	for (size_t k = 0; k < doc.ntok; k++)
		if (xt_is(&doc, k, "louis") || xt_is(&doc, k, "governor"))
			assert_int_equal(m[k], 0);
	free(m);
	/* outlets from beyond the Middle East; a form of address opens a name */
	parse("Garowe Online reported it, as did Radio Dabanga.");
	assert_int_equal(xt_outlet_at(&doc, 0, doc.ntok), 2);
	assert_int_equal(xt_outlet_at(&doc, 7, doc.ntok), 2);
	parse("Gunmen killed Malam Ustaz Yunus and Alhaji Baffa Tilde.");
	m = calloc(doc.ntok, 1);
	xt_mark_persons(&doc, m);
	for (size_t k = 0; k < doc.ntok; k++)
		if (xt_is(&doc, k, "yunus") || xt_is(&doc, k, "tilde"))
			assert_true(m[k]);
	free(m);
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
		cmocka_unit_test_teardown(test_types, teardown),
		cmocka_unit_test_teardown(test_actors, teardown),
		cmocka_unit_test_teardown(test_casualties, teardown),
		cmocka_unit_test_teardown(test_datelines, teardown),
		cmocka_unit_test_teardown(test_outlets_and_persons, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
