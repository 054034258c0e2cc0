/* test_extract_classes.c: the classes of reading errors that reports from
 * many countries show (docs/extraction.md, "Error classes"), each on short
 * reports written for the test: figures (aircraft shot down, nobody hurt,
 * lists of victims, one person killed), types (shelling), dates (the
 * dateline's own date) and the speaker's place. The figures are read with
 * xt_figures; whole incidents with the fixture gazetteer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/fsutil.h"
#include "extract/extract_int.h"
#include "fixture_gaz.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static im_gaz *gaz;
static xt_doc doc;

static int setup(void **state)
{
	(void)state;
	const char *files[] = {"places.txt", "admin1.txt"};
	return fixture_gaz_open("extract-classes", files, sizeof files / sizeof *files, &gaz);
}

static int teardown(void **state)
{
	(void)state;
	xt_doc_free(&doc);
	im_gaz_free(gaz);
	return 0;
}

/* "D4 I12": the figures xt_figures finds in t, in order ("z": a zero). */
static void expect_figs(const char *t, const char *want)
{
	xt_doc_free(&doc);
	assert_int_equal(xt_doc_parse(&doc, t, strlen(t)), IM_OK);
	xt_fig f[16];
	size_t n = xt_figures(&doc, 0, doc.ntok, f, 16);
	char b[128] = "";
	for (size_t i = 0; i < n; i++) {
		char one[32];
		snprintf(one, sizeof one, "%s%s%ld%s", i ? " " : "", f[i].what == XF_DEATHS ? "D" : "I",
			 f[i].v, f[i].flags & XF_ZERO ? "z" : "");
		strncat(b, one, sizeof b - strlen(b) - 1);
	}
	if (strcmp(b, want) != 0)
		fail_msg("'%s': [%s], wanted [%s]", t, b, want);
}

/* The incidents of one report, with deflt as --date (y 0: none). */
static void extract(const char *text, im_date deflt, im_incident_list *l)
{
	im_article *a;
	im_error e;
	assert_int_equal(im_article_from_text("r.txt", text, strlen(text), &a, &e), IM_OK);
	im_extract_opts o;
	memset(&o, 0, sizeof o);
	o.default_date = deflt;
	assert_int_equal(im_extract_article(gaz, a, &o, l, &e), IM_OK);
	im_article_free(a);
}

static void expect_date(const im_incident *inc, const char *date)
{
	char b[11] = "-";
	if (inc->event_date.y)
		im_date_format(inc->event_date, b);
	assert_string_equal(b, date);
}

/* ---- figures ------------------------------------------------------------------ */

static void test_aircraft_kill_no_one(void **state)
{
	(void)state;
	expect_figs("Air defences shot down a drone over the airport.", "");
	expect_figs("Two drones were shot down near the base on Sunday.", "");
	expect_figs("The army said it shot down an enemy helicopter.", "");
	/* people still die by "shot down" and "shot dead" */
	expect_figs("Gunmen shot down a shopkeeper in the market.", "D1");
	expect_figs("Police shot dead two robbers.", "D2");
}

static void test_nobody_hurt(void **state)
{
	(void)state;
	expect_figs("No deaths or injuries were reported.", "D0z I0z");
	expect_figs("There were no casualties.", "D0z I0z");
	expect_figs("No one was hurt in the blast.", "I0z D0z");
	expect_figs("No deaths were reported.", "D0z");
}

static void test_lists_and_one_person(void **state)
{
	(void)state;
	/* a possessive "her" opens the next item; "her" alone is a victim */
	expect_figs("A woman and her two children were killed by the shell.", "D3");
	expect_figs("The gunmen killed her and her husband.", "D2");
	expect_figs("Militants shot dead a farmer and his three sons.", "D4");
	/* one person, the sentence's subject, whatever the verb */
	expect_figs("A local journalist was shot dead by gunmen.", "D1");
	expect_figs("The head of the village council was killed on Monday.", "D1");
	expect_figs("A teacher was hacked to death in his classroom.", "D1");
	expect_figs("A schoolteacher was fatally shot outside her house.", "D1");
	expect_figs("Five villagers were beaten to death by the mob.", "D5");
	/* a plural subject is no single person */
	expect_figs("The villagers were killed.", "");
}

/* Figures the way reports from Nigeria, Kenya and Pakistan write them: an
 * adverb between the verb's parts, "attacked and killed", the killers
 * before an active verb, the wounded after "and", animals. */
static void test_figure_phrasings(void **state)
{
	(void)state;
	expect_figs("The deputy governor of the state was yesterday killed by gunmen.", "D1");
	expect_figs("Nine villagers were allegedly killed by bandits.", "D9");
	expect_figs("A missionary was attacked and killed by unknown men.", "D1");
	expect_figs("A farmer was abducted and killed on his way home.", "D1");
	/* the killers are not the victims */
	expect_figs("Three masked gunmen shot dead the deputy commissioner.", "D1");
	expect_figs("Two gunmen gunned down a trader.", "D1");
	/* the wounded after "and" have a verb of their own */
	expect_figs("At least five people were killed and 50 others, including women, were "
	            "injured.",
	            "D5 I50");
	expect_figs("Security forces killed five men and at least 20 injured.", "D5 I20");
	/* lists of victims still add up */
	expect_figs("Seven students, two teachers and a guard were killed.", "D10");
	expect_figs("A woman and her son were shot to death.", "D2");
	/* "along with": the victims after it join the deaths before it */
	expect_figs("A candidate was shot dead on Friday along with his three-year-old son.", "D2");
	expect_figs("Gunmen killed the chief imam together with his son.", "D2");
	expect_figs("A monk was killed in the town along with two other people.", "D3");
	/* a day between the verb's parts, a list after "in which" */
	expect_figs("A pregnant woman and five men were on Thursday killed by gunmen.", "D6");
	expect_figs("A van struck a mine, in which three children, a woman and a man were killed.",
	            "D5");
	/* the killers before an active perfect or a named victim */
	expect_figs("Two masked men with pistols have shot dead a government official.", "D1");
	expect_figs("Three gunmen shot dead Sheikh Abdulkader Zubrawi on Saturday.", "D1");
	expect_figs("Twelve people killed Tuesday in the market.", "D12");
	/* the wounded "and N others including children", "and 10 other
	 * wounded", "six people sustained injuries" have a verb of their own */
	expect_figs("Five people have been killed and 34 others including children have been "
	            "wounded.",
	            "D5 I34");
	expect_figs("Five civilians have been killed and 10 other wounded.", "D5 I10");
	expect_figs("Gunmen killed nine people and six people sustained heavy injuries.", "D9 I6");
	/* a time inside the verb, as Nigerian and Kenyan reports write it */
	expect_figs("A lecturer, Prof Mahmud Zubrawi, was this evening shot and killed by gunmen.",
	            "D1");
	expect_figs("The head of the department, Alhaji Abdul Zubrawi, was yesterday, killed.",
	            "D1");
	expect_figs("Judge Hassan Zubrawi was last night killed by men armed with pistols.", "D1");
	expect_figs("A traditional ruler, Chief Isa Zubrawi, was Tuesday night killed.", "D1");
	expect_figs("Eight more people were Tuesday morning killed in the town.", "D8");
	expect_figs("The chief of the village is reported to have been killed by armed men.", "D1");
	expect_figs("Eight elders were shot and killed near the town.", "D8");
	/* "massacred 27", "no fewer than five", "the death of more than 10" */
	expect_figs("Militias massacred 27 villagers on Thursday.", "D27");
	expect_figs("Gunmen attacked the village, killing no fewer than five persons.", "D5");
	expect_figs("The clash caused the death of more than 10 persons.", "D10");
	/* "including" a list of who they were, up to the verb */
	expect_figs("161 people including soldiers, locals and travellers were on Tuesday evening "
	            "killed by insurgents.",
	            "D161");
	/* animals are no fatalities */
	expect_figs("Five people were killed, three others injured and several camels killed.",
	            "D5 I3");
}

/* Counts read as the words of other reports write them: in words ("two
 * dozen"), bodies, "the killing of N", a bracketed aside, a family of N;
 * ages, labels and spans of time count no one; a name told again in a
 * list is one person; "killed them" counts the people named before; a
 * singular subject with a relative clause is one. */
static void test_figure_counts(void **state)
{
	(void)state;
	expect_figs("Raiders shot dead two dozen herders near the river.", "D24");
	expect_figs("More than a dozen people were killed in the raid.", "D12");
	expect_figs("Police recovered seven bodies from the farm on Sunday.", "D7");
	expect_figs("Nine bodies were dumped beside the road.", "D9");
	expect_figs("Traders protested against the killing of four drivers by bandits.", "D4");
	expect_figs("At least six people (residents put it at nine) have been killed.", "D6");
	expect_figs("A farming family of five was killed in the raid.", "D5");
	/* ages, labels and spans of time are no counts */
	expect_figs("Musa Zubrawi, 38, was shot dead near his shop.", "D1");
	expect_figs("The chairman of Ward 6 was stabbed to death at his home.", "D1");
	expect_figs("Nuhu Zubrawi, who was kidnapped three days back, has been killed.", "D1");
	/* a name after a description, or a description after a name, is the
	 * same person */
	expect_figs("Gunmen shot dead a district elder, Haji Karim Zubrawi, and his two guards.",
	            "D3");
	expect_figs("Gunmen killed Yusuf Dan Zubrawi, the head of the market union, and two of "
	            "his sons.",
	            "D3");
	/* "killed them": the people named before */
	expect_figs("Bandits abducted six loggers from the forest and killed them.", "D6");
	expect_figs("Fighters seized five fishermen and shot them dead at dawn.", "D5");
	/* a relative clause inside a singular subject */
	expect_figs("A lawyer who had defended the protesters was killed on Monday.", "D1");
	/* Nigerian and Kenyan phrasings: "slaughtered", "feared killed", an
	 * animal that qualifies a noun, "N of them", a long relative clause,
	 * "killed at" a place */
	expect_figs("Not less than nine travellers were on Monday slaughtered by bandits.", "D9");
	expect_figs("At least eleven villagers are feared killed in the raid.", "D11");
	expect_figs("Twelve suspected cattle rustlers were at the weekend killed by a mob.", "D12");
	expect_figs("Five people, two of them children, were killed on Monday.", "D5");
	expect_figs("Four guards who were abducted last month by pirates operating along the "
	            "creeks of the delta have been killed.",
	            "D4");
	expect_figs("Judge Musa Zubrawi was last night killed at his home in the town.", "D1");
	/* a date, an age in words, a couple, "alongside", an active perfect,
	 * a singular verb, a list after "including" up to its verb */
	expect_figs("A caption on 24 May said that six traders were killed.", "D6");
	expect_figs("Gunmen killed a pastor and a nine year-old boy in the village.", "D2");
	expect_figs("A couple and their three children were killed when a shell hit the house.",
	            "D5");
	expect_figs("A councillor was clubbed to death alongside his son at their home.", "D2");
	expect_figs("Fighters have beheaded the district commissioner and an interpreter.", "D2");
	expect_figs("The host of two radio shows Musa Zubrawi was murdered at his home.", "D1");
	expect_figs("No fewer than 35 persons, including the village head, his brother and a "
	            "police inspector, were killed in the raid.",
	            "D35");
	expect_figs("Police confirmed the murder of the village head on Sunday.", "D1");
	/* a body found; "VERB to death" with its victims; a time inside a
	 * relative clause's verb; brackets in a singular subject */
	expect_figs("The bullet-riddled body of Musa Zubrawi was found near the river.", "D1");
	expect_figs("Assailants stabbed to death six farmers in their homes.", "D6");
	expect_figs("A sheikh who had preached peace was last night killed by gunmen.", "D1");
	expect_figs("A [Sufi] prayer leader was shot dead in the market.", "D1");
	expect_figs("Six persons were, weekend, killed in a clash.", "D6");
	expect_figs("A retired colonel was suffocated to death in his home.", "D1");
	/* "slaughtering", "the throats of", "was among N", a long subject,
	 * "left X dead", "hacked X to death" */
	expect_figs("Raiders stormed the village, slaughtering at least twenty-four people.",
	            "D24");
	expect_figs("The raiders slit the throats of 12 herders near the well.", "D12");
	expect_figs("A child was among nine people killed when a shell hit the market.", "D9");
	expect_figs("No fewer than eight villagers in the hamlet of Zubra in the hills of the "
	            "north were killed in a raid.",
	            "D8");
	expect_figs("The attack on the village left a district official dead.", "D1");
	expect_figs("A gang armed with machetes hacked a blogger to death at his home.", "D1");
	/* deaths of an earlier event told after this one's are dropped */
	expect_figs("A bomb killed six people on Monday, days after a similar blast killed 30.",
	            "D6");
	expect_figs("Gunmen killed four farmers, a week after an attack that killed 30 people.",
	            "D4");
	expect_figs("The blast killed six people and later another 10 died in hospital.", "D6 D10");
	/* parts in brackets, another account between dashes, a repeat in a
	 * quotation are not more deaths */
	expect_figs("At least 10 herders were killed, Zubra [8 dead] and Kwara [2 dead].", "D10");
	expect_figs("Gunmen killed six farmers -- a local source says 36 killed -- in the raid.",
	            "D6");
	expect_figs("Militants killed seven fishermen on the lake ``They killed seven fishermen,'' "
	            "a witness said.",
	            "D7");
	expect_figs("Two clashes: one at the bridge (five killed) and one at the ford (three "
	            "killed).",
	            "D5 D3");
	/* attackers in a list with victims are not counted; alone they are */
	expect_figs("Four pilgrims and a suicide bomber were killed in the blast.", "D4");
	expect_figs("Six pupils, a teacher and two attackers were killed in the raid.", "D7");
	expect_figs("Nine rebels and four tribal gunmen were killed in the clash.", "D13");
	expect_figs("Three militants were killed in the clash.", "D3");
	/* an adverb between a count and an active verb: the count is the killers */
	expect_figs("Two bombers reportedly killed 12 worshippers at the mosque.", "D12");
}

/* Victims as reports describe them: an age inside the noun phrase, an
 * aside between commas or dashes before the verb, a second noun of one
 * count, a day between the verb and its count, "dying", a toll revised,
 * an airliner shot down, a long aside before the wounded's verb, an
 * earlier event told as the cause, "which killed". */
static void test_figure_victims(void **state)
{
	(void)state;
	/* an age is a word of the noun phrase, not a count */
	expect_figs("Gunmen shot and killed a 52-year-old tailor outside his shop.", "D1");
	expect_figs("An 8-year-old girl and three others were killed when the shell landed.", "D4");
	expect_figs("Gunmen killed the 61-year-old chairman of the council at his farm.", "D1");
	/* a participle or a count ends a victim's phrase */
	expect_figs("Raiders killed the village head along with his son Musa Zubrawi leaving four "
	            "others wounded.",
	            "D2 I4");
	expect_figs("Six people were feared killed along with the injuring of 12 others.", "D6");
	/* an aside closed before the verb */
	expect_figs("At least 22 people, mainly civilians, were killed in the clashes.", "D22");
	expect_figs("Thirty people, who were attending a wedding, were killed by the blast.",
	            "D30");
	expect_figs("Seven aid workers -- all but one of them women -- were shot to death.", "D7");
	expect_figs(
	    "At least five youths, belonging to a gang in the port, were on Wednesday night "
	    "shot dead.",
	    "D5");
	expect_figs("Twelve people, the police said, were killed.", "D12");
	expect_figs("At least 25 people have been killed and 40 others, including the deputy prime "
	            "minister of the country, have been wounded.",
	            "D25 I40");
	/* a second noun of one count; the count of what left someone dead */
	expect_figs("At least 20 residents and travellers were feared killed on the highway.",
	            "D20");
	expect_figs("Four shootings and bombings in the province left a militiaman dead.", "D1");
	/* a day between the verb and its count; "dying"; a toll revised */
	expect_figs("The airstrikes killed on Friday 25 civilians in the valley.", "D25");
	expect_figs("The riots went on with eight people dying and 31 injured.", "D8 I31");
	expect_figs("The death toll was revised up to 72 after a grave was found.", "D72");
	/* an airliner shot down is no one killed said */
	expect_figs("Militants shot down the Lagos-Abuja passenger airliner over the hills.", "");
	/* the earlier event a reprisal answers is not this one */
	expect_figs("A mob burned to death a village mayor in reprisal for an attack that resulted "
	            "in the death of two girls.",
	            "D1");
	/* "which killed" tells this event's deaths ("who killed X" names the
	 * killers) */
	expect_figs("Two hotels were hit by car bombs which killed at least 7 people.", "D7");
}

/* Who was killed, as reports name them: "and" inside a name after "of",
 * "a dozen of", bare nouns that share a determiner, a singular subject
 * with its aside or the verb's comma, "died", a later figure in an
 * aside. */
static void test_figure_named_victims(void **state)
{
	(void)state;
	/* "and" between capitalised words after "of" is inside one name */
	expect_figs("Gunmen shot and killed Musa Zubrawi, the Director of Planning and Budget at "
	            "the ministry.",
	            "D1");
	expect_figs("Gunmen shot dead a staffer of the College of Arts and Science in the town.",
	            "D1");
	expect_figs("Raiders killed nine residents of Zubra and Kwara villages on Sunday.", "D9");
	expect_figs("Troops killed a dozen of people at one scene.", "D12");
	/* bare nouns after a comma or a possessive's item share its
	 * determiner; "a leader and mediator" is one person */
	expect_figs("Gunmen shot dead a teacher, cook and driver working for the school.", "D3");
	expect_figs("Gunmen shot dead four nurses, their driver and guard on the road.", "D6");
	expect_figs("Gunmen killed a respected elder and mediator in the district.", "D1");
	expect_figs("Gunmen killed a farmer and fled.", "D1");
	/* a singular subject with an aside, or a comma before its verb */
	expect_figs("The chairman of the market union in the old town, was assassinated on "
	            "Monday.",
	            "D1");
	expect_figs("The Deputy Director of the Ports Authority (PA), was shot and killed.", "D1");
	expect_figs("The head of the village, who is a member of the ruling party, was shot dead.",
	            "D1");
	/* "died" after a singular subject that opens the sentence */
	expect_figs("A retired judge died after being hit by a car driven at the crowd.", "D1");
	expect_figs("The governor of the district died after being badly injured in an ambush.",
	            "D1");
	expect_figs("A council member -- a teacher in the town -- died in hospital on Monday.",
	            "D1");
	expect_figs("A policeman was wounded in the attack and later died in hospital.", "I1");
	/* a later figure in an aside updates the count before it; another
	 * account does not */
	expect_figs("A suicide bomber killed nine [later 10] people outside the ministry.", "D10");
	expect_figs("Seven young men were killed -- total later raised to 10 -- and 13 others "
	            "injured.",
	            "D10 I13");
	expect_figs("Gunmen killed eight (another source: nine) people in the attack.", "D8");
}

/* ---- whole incidents ------------------------------------------------------------ */

static void test_incident_figures_and_type(void **state)
{
	(void)state;
	im_incident_list l = {0};
	im_date mon = {2024, 3, 18};
	extract("Air defences shot down a drone over Kirkuk on Monday. No casualties were "
		"reported.",
		mon, &l);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].fatalities, 0);
	assert_int_equal(l.v[0].injuries, 0);
	assert_string_equal(l.v[0].event_type, "Strategic developments");
	im_list_clear(&l);
	extract("Air defences intercepted a missile over Erbil on Monday.", mon, &l);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].fatalities, 0);
	assert_string_equal(l.v[0].sub_event_type, "Disrupted weapons use");
	im_list_clear(&l);
	extract("A woman and her two children were killed when a shell hit their house in "
		"Makhmur on Monday.",
		mon, &l);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].fatalities, 3);
	assert_string_equal(l.v[0].sub_event_type, "Shelling/artillery/missile attack");
	im_list_clear(&l);
	extract("A shopkeeper was hacked to death in Basra on Monday.", mon, &l);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].fatalities, 1);
	assert_string_equal(l.v[0].sub_event_type, "Attack");
	im_list_clear(&l);
	extract("A roadside bomb went off in Mosul on Monday. No deaths or injuries were "
		"reported.",
		mon, &l);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].fatalities, 0);
	assert_int_equal(l.v[0].injuries, 0);
	im_list_clear(&l);
}

/* ---- types and actors ------------------------------------------------------------- */

/* A person shot at a checkpoint is no armed target: the checkpoint is
 * where; one attacked is. */
static void test_checkpoint(void **state)
{
	(void)state;
	im_incident_list l = {0};
	im_date mon = {2024, 3, 18};
	extract("Gunmen shot dead a lorry driver at a checkpoint near Kirkuk on Monday.", mon, &l);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].sub_event_type, "Attack");
	im_list_clear(&l);
	extract("A shepherd was killed at an army checkpoint outside Mosul on Monday by gunmen.",
		mon, &l);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].sub_event_type, "Attack");
	im_list_clear(&l);
	extract("Gunmen attacked a police checkpoint in Basra on Monday, killing two officers.", mon,
		&l);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].sub_event_type, "Armed clash");
	im_list_clear(&l);
}

/* A claim denied names no one; a claim's own day is not the attack's. */
static void test_claims(void **state)
{
	(void)state;
	im_incident_list l = {0};
	im_date mon = {2024, 3, 18};
	extract("A bomb killed three farmers in Makhmur on Monday. No group claimed responsibility, "
		"but ISIS is active in the area.",
		mon, &l);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].n_actors, 0);
	im_list_clear(&l);
	extract("Gunmen killed five workers in Kirkuk on Saturday. ISIS claimed responsibility for the "
		"attack on Monday.",
		mon, &l);
	assert_int_equal(l.n, 1);
	expect_date(&l.v[0], "2024-03-16");
	assert_int_equal(l.v[0].fatalities, 5);
	assert_int_equal(l.v[0].n_actors, 1);
	assert_string_equal(l.v[0].actors[0], "Islamic State");
	im_list_clear(&l);
	/* nobody has claimed it yet: no one named */
	extract("A car bomb killed two people in Basra on Monday. Nobody has claimed the attack, "
		"which police blamed on ISIS.",
		mon, &l);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].n_actors, 0);
	im_list_clear(&l);
}

/* Strategic developments analysts code: arrests, looting, a town taken, a
 * base set up; told after a violent event, they are part of its story. */
static void test_strategic(void **state)
{
	(void)state;
	im_incident_list l = {0};
	im_date mon = {2024, 3, 18};
	extract("Police arrested twelve suspected smugglers in Basra on Monday.", mon, &l);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].event_type, "Strategic developments");
	assert_string_equal(l.v[0].sub_event_type, "Arrests");
	assert_int_equal(l.v[0].fatalities, 0);
	im_list_clear(&l);
	extract("Militiamen looted shops and offices in Makhmur on Monday.", mon, &l);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].sub_event_type, "Looting/property destruction");
	im_list_clear(&l);
	extract("ISIS fighters seized the town of Makhmur on Monday after the army withdrew.", mon,
		&l);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].sub_event_type, "Non-state actor overtakes territory");
	im_list_clear(&l);
	extract("The militia set up a base in Makhmur on Monday.", mon, &l);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].sub_event_type, "Headquarters or base established");
	im_list_clear(&l);
	extract("A car bomb killed four people in Kirkuk on Monday. Police later arrested two "
		"suspects.",
		mon, &l);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].sub_event_type, "Remote explosive/landmine/IED");
	assert_int_equal(l.v[0].fatalities, 4);
	im_list_clear(&l);
}

/* Phrasings of violence that South Asian and African reports use: "lost
 * their lives", "firing", "gunfight", "shootout", "found dead" tell an
 * incident; "the firing of the coach" and "a firing range" do not. */
/* The one incident of text is placed at the gazetteer entry id. */
static void expect_place(const char *text, const char *id)
{
	im_incident_list l = {0};
	extract(text, (im_date){2024, 3, 18}, &l);
	if (l.n != 1 || !l.v[0].gazetteer_id || strcmp(l.v[0].gazetteer_id, id) != 0)
		fail_msg("'%s': %zu incidents, at %s, wanted one at %s", text, l.n,
			 l.n && l.v[0].gazetteer_id ? l.v[0].gazetteer_id : "-", id);
	im_list_clear(&l);
}

/* The one incident of text is placed at id, unsure: at geo_precision
 * precision and a confidence of at most maxconf. */
static void expect_unsure_place(const char *text, const char *id, int precision,
				double maxconf)
{
	expect_place(text, id);
	im_incident_list l = {0};
	extract(text, (im_date){2024, 3, 18}, &l);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].geo_precision, precision);
	assert_true(l.v[0].confidence <= maxconf);
	im_list_clear(&l);
}

/* Text gives n incidents (the report dated 2024-03-18); with one, its
 * sub-event type (NULL: any) and deaths (-2: any). */
static void expect_told(const char *text, size_t n, const char *sub, long deaths)
{
	im_incident_list l = {0};
	extract(text, (im_date){2024, 3, 18}, &l);
	if (l.n != n)
		fail_msg("'%s': %zu incidents, wanted %zu", text, l.n, n);
	if (n == 1 && sub && strcmp(l.v[0].sub_event_type, sub) != 0)
		fail_msg("'%s': %s, wanted %s", text, l.v[0].sub_event_type, sub);
	if (n == 1 && deaths != -2 && l.v[0].fatalities != deaths)
		fail_msg("'%s': %ld killed, wanted %ld", text, (long)l.v[0].fatalities, deaths);
	im_list_clear(&l);
}

static void test_event_phrasings(void **state)
{
	(void)state;
	expect_place("Nine people lost their lives in incidents of firing in Kirkuk on Monday.",
	             "t:kirkuk");
	expect_told("Nine people lost their lives in incidents of firing in Kirkuk on Monday.", 1,
	            NULL, 9);
	expect_told("Two policemen were killed in a gunfight with robbers in Basra on Monday.", 1,
	            "Armed clash", 2);
	expect_told("A shootout between two gangs in Mosul left four dead on Monday.", 1,
	            "Armed clash", -2);
	expect_told("A trader was found dead in a pool of blood at his shop in Erbil on Monday.", 1,
	            NULL, 1);
	/* "slaughtered", "slit the throats", "hacked ... to death",
	 * "bullet-riddled", "bombardment", "mobs", "invaded" */
	const char *told[] = {
	    "Ten commuters were slaughtered by gunmen near Kirkuk on Monday.",
	    "The militants slit the throats of five workers in Makhmur on Monday.",
	    "A gang armed with machetes hacked a blogger to death at his home in Erbil on Monday.",
	    "The bullet-riddled body of a reporter was found in Mosul on Monday.",
	    "The toll of the bombardment of Basra on Monday has risen to 20 dead.",
	    "Mobs armed with machetes targeted shops in Kirkuk on Monday, leaving five dead.",
	    "Herdsmen invaded a village near Kirkuk on Monday, leaving eight people dead."};
	for (size_t i = 0; i < sizeof told / sizeof *told; i++)
		expect_told(told[i], 1, NULL, -2);
	const char *none[] = {"The club announced the firing of the coach in Basra on Monday.",
	                      "Soldiers trained at a firing range near Kirkuk on Monday.",
	                      "A court in Basra sentenced two men to death on Monday."};
	for (size_t i = 0; i < sizeof none / sizeof *none; i++)
		expect_told(none[i], 0, NULL, -2);
}

/* A toll "since Tuesday" (a weekday, yesterday: the days just past) is the
 * event going on; a toll since a date long past is background. */
static void test_since_recent(void **state)
{
	(void)state;
	expect_told("At least nine people have been killed in clashes in Kirkuk since Saturday, a "
	            "priest said.",
	            1, NULL, 9);
	expect_told("Twenty people have died in shelling of Basra since yesterday.", 1, NULL, 20);
	expect_told("Since Jan. 5, attacks have killed 23 people in Kirkuk.", 0, NULL, -2);
}

/* ---- places ---------------------------------------------------------------------- */

/* Where a statement was made is not where the event happened; what was
 * said, and the police of a place, still place it. */
static void test_speaker_place(void **state)
{
	(void)state;
	expect_place("A drone strike on the port city of Basra killed 12 people, the health "
		     "ministry in Baghdad said.",
		     "t:basra");
	/* a later paragraph about a region does not move an incident placed in a town */
	expect_place("A drone strike on the port city of Basra killed 12 people on Monday, the "
		     "health ministry in Baghdad said.\n\nIn southern Syria, fighting went on for "
		     "a third day.",
		     "t:basra");
	/* the speaker's place alone places nothing (the review file lists it) */
	im_incident_list l = {0};
	extract("Nine people died when a bomb went off in the market, the governor told a news "
		"conference in Baghdad.",
		(im_date){2024, 3, 18}, &l);
	assert_int_equal(l.n, 0);
	expect_place("Nine people died when a bomb went off in the market in Basra, the governor told "
		     "a news conference in Baghdad.",
		     "t:basra");
	expect_place("Ten farmers were killed in fighting near Kirkuk on Monday. \"Ten were killed,\" "
		     "a rights group said in a message sent to AFP in Baghdad.",
		     "t:kirkuk");
	expect_place("Gunmen killed nine people in Mosul, the minister said in Baghdad on Monday.",
		     "t:mosul");
	expect_place("Police said the bombing in Kirkuk killed four people.", "t:kirkuk");
	expect_place("Police in Kirkuk said a bomb killed four people on Monday.", "t:kirkuk");
}

/* No incident of text is placed at the gazetteer entry id. */
static void expect_not_at(const char *text, const char *id)
{
	im_incident_list l = {0};
	extract(text, (im_date){2024, 3, 18}, &l);
	for (size_t i = 0; i < l.n; i++)
		if (l.v[i].gazetteer_id && strcmp(l.v[i].gazetteer_id, id) == 0)
			fail_msg("'%s': placed at %s", text, id);
	im_list_clear(&l);
}

/* A town the sentence names inside the province it names is where it
 * happened, however the town is written. Of two namesakes in a province,
 * the one in the district named. */
static void test_town_in_province(void **state)
{
	(void)state;
	expect_place("Militants captured the main market town of Diyala province, Muqdadiyah, "
	             "killing over 20 people on Monday.",
	             "t:muqdadiyah");
	expect_place("Insurgents attacked the Saqr army barracks, Makhmur in Erbil province, "
	             "killing five soldiers on Monday.",
	             "t:makhmur");
	expect_place("Gunmen killed three farmers at Zarqa in Telkef district on Monday.",
	             "t:zarqa-near");
	expect_place("Gunmen killed three farmers in Zarqa village in Telkef district of Nineveh "
	             "province on Monday.",
	             "t:zarqa-near");
	/* a district the gazetteer files under the province named is finer
	 * than the province, however weakly it is cued */
	expect_place("Gunmen attacked a boarding school at the Nineveh Province College of "
	             "Agriculture in the rural district of Gerbo at night, killing nine students.",
	             "t:a2-gerbo");
	expect_place("Gunmen killed five guards at a base in Gerbo, in the east of Nineveh "
	             "province, on Monday.",
	             "t:a2-gerbo");
}

/* A title that opens a town's name after "in", "at", "near" does not make
 * a person of it. */
static void test_title_in_town_name(void **state)
{
	(void)state;
	expect_place("Fighting erupted on Wednesday in Sheikh Zuweid, a market town of Egypt, "
	             "killing four soldiers.",
	             "t:sheikh-zuweid");
	expect_told("Gunmen killed four soldiers on Wednesday, said Sheikh Zuweid.", 0, NULL, -2);
}

/* An event known only by its province is drawn at the province's capital
 * (its seat, else the national capital in it), as ACLED codes it, and one
 * known by its district at the district's town; the place stays the
 * province or district, at geo_precision 3. */
static void test_province_at_capital(void **state)
{
	(void)state;
	im_incident_list l = {0};
	extract("Gunmen killed two local officials in Diyala province on Monday.",
	        (im_date){2024, 3, 18}, &l);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].gazetteer_id, "t:a-diyala");
	assert_int_equal(l.v[0].geo_precision, 3);
	assert_true(fabs(l.v[0].lat - 33.746) < 1e-6 && fabs(l.v[0].lon - 44.643) < 1e-6);
	im_list_clear(&l);
	/* Baghdad province has no seat of its own but the capital */
	extract("A roadside bomb killed four soldiers in Baghdad province on Monday.",
	        (im_date){2024, 3, 18}, &l);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].geo_precision, 3);
	assert_true(fabs(l.v[0].lat - 33.341) < 1e-6 && fabs(l.v[0].lon - 44.401) < 1e-6);
	im_list_clear(&l);
	/* a district named after its town is first the town; called a
	 * district, it is the district, drawn at that town */
	expect_place("Militiamen attacked the market of Kutam on Monday, killing eight traders.",
	             "t:kutam");
	extract("Militiamen raided villages in Kutam district on Monday, killing eight people.",
	        (im_date){2024, 3, 18}, &l);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].gazetteer_id, "t:a2-kutam");
	assert_true(fabs(l.v[0].lat - 36.75) < 1e-6 && fabs(l.v[0].lon - 42.5) < 1e-6);
	im_list_clear(&l);
	/* told with a direction, the province keeps its own point */
	extract("Gunmen killed two local officials in northern Diyala province on Monday.",
	        (im_date){2024, 3, 18}, &l);
	assert_int_equal(l.n, 1);
	assert_true(fabs(l.v[0].lat - 33.746) > 0.01);
	im_list_clear(&l);
}

/* A sentence with no trigger that says where the event told before
 * happened places it ("The deaths came in X", "This took place in X"). */
static void test_locating_sentence(void **state)
{
	(void)state;
	expect_place(
	    "Five civilians were killed in shelling on Monday. The deaths came in Makhmur, "
	    "local officials said.",
	    "t:makhmur");
	expect_place("About ten people were killed in a clash between two militias on Monday. This "
	             "took place in Makhmur, the army said.",
	             "t:makhmur");
	expect_place(
	    "Five persons were killed during the clashes on Monday. All fatalities occurred "
	    "in Kirkuk.",
	    "t:kirkuk");
	/* alone, with no event told before, it tells nothing */
	expect_told("The incident took place in Kirkuk.", 0, NULL, -2);
}

/* A hospital or a morgue the wounded were taken to is not where it
 * happened; one that was attacked, or where shots were fired, is. */
static void test_hospital_place(void **state)
{
	(void)state;
	expect_place("Gunmen opened fire on mourners outside a morgue in Kirkuk on Monday, killing "
		     "three people.",
		     "t:kirkuk");
	expect_place("A car bomb exploded at a hospital in Basra on Monday, killing two nurses.",
		     "t:basra");
	expect_place("Militants attacked a hospital in Mosul on Monday, killing four guards.",
		     "t:mosul");
	expect_place("A car bomb killed four people in Makhmur on Monday; the wounded were taken "
		     "to a hospital in Erbil.",
		     "t:makhmur");
	expect_not_at("Two soldiers wounded in fighting on Monday later died in a hospital in Erbil.",
		      "t:erbil");
	/* a town's court is in the town, as its school or hospital is */
	expect_place("Gunmen killed the chairman of Makhmur Court on Monday.", "t:makhmur");
}

/* A place named in passing (where a delegation came from, a currency, a
 * comparison) is not the event's place: the report places nothing, or
 * the place the event sentence gives. */
static void test_passing_mentions(void **state)
{
	(void)state;
	im_incident_list l = {0};
	const char *none[] = {
	    "A roadside bomb killed four soldiers on Monday. A delegation from Ankara arrived on "
	    "Tuesday to discuss security.",
	    "Gunmen killed six traders at a market on Monday. Prices rose as the local currency "
	    "fell against the US dollar.",
	    "Militants killed nine villagers on Monday, in an attack as brutal as those seen in "
	    "Syria, residents said."};
	for (size_t i = 0; i < sizeof none / sizeof *none; i++) {
		extract(none[i], (im_date){2024, 3, 18}, &l);
		if (l.n)
			fail_msg("'%s': placed at %s", none[i],
				 l.v[0].gazetteer_id ? l.v[0].gazetteer_id : "-");
		im_list_clear(&l);
	}
	expect_place("A car bomb killed seven people in Kirkuk on Monday. A delegation from Ankara "
		     "arrived later.",
		     "t:kirkuk");
}

/* A day is no place, even with a possessive: "Thursday's bombings" are not
 * on Thursday Island. */
static void test_day_no_place(void **state)
{
	(void)state;
	expect_not_at("Police confirmed 13 dead and 14 injured in Thursday's twin bomb blasts.",
		      "t:thursday-au");
	expect_place("Police confirmed 13 dead in Thursday's twin bomb blasts in Kirkuk.",
		     "t:kirkuk");
	expect_place("A bomb killed two people on Thursday Island on Monday.", "t:thursday-au");
}

/* Tribes and clans are no places: the names before a tribe word, joined by
 * "and" or a comma, and after "tribes of". */
static void test_tribes_no_place(void **state)
{
	(void)state;
	expect_place("Clashes between the Rizeigat and Malia tribes near Nyala killed 20 people.",
		     "t:nyala");
	expect_not_at("Fighting between Malia tribesmen and herders killed nine people.",
		      "t:malia-gr");
	expect_not_at("Militia from the Malia clan raided a village, killing 12 people.",
		      "t:malia-gr");
	expect_place("The tribes of Beni Halba and Malia clashed again in Nyala, leaving seven "
		     "dead.",
		     "t:nyala");
	/* the town itself is still one */
	expect_place("Gunmen killed seven people in Malia on Monday.", "t:malia-gr");
	/* a people the lexicon knows needs no tribe word */
	expect_not_at("Fighting between the Fellata and Salamat killed 40 people on Monday.",
		      "t:salamat-td");
	/* nor does a thing named like a place */
	expect_not_at("Gunmen in a convoy of six Toyota Hilux pick-ups killed 15 people.",
		      "t:toyota-jp");
}

/* ---- dates ----------------------------------------------------------------------- */

/* The dateline's own date anchors the report and wins over --date; a day
 * and month take their year from --date. */
static void test_dateline_date(void **state)
{
	(void)state;
	im_incident_list l = {0};
	im_date deflt = {2024, 3, 18};
	extract("KIRKUK, March 12 (Reuters) - Gunmen killed five people in Kirkuk on Monday, police "
		"said.",
		deflt, &l);
	assert_int_equal(l.n, 1);
	expect_date(&l.v[0], "2024-03-11");
	im_list_clear(&l);
	/* a full date in the dateline needs no --date */
	extract("MOSUL, Iraq, March 14, 2024 - A bomb killed two people in Mosul on Tuesday.",
		(im_date){0, 0, 0}, &l);
	assert_int_equal(l.n, 1);
	expect_date(&l.v[0], "2024-03-12");
	im_list_clear(&l);
	/* without a dateline date, --date anchors */
	extract("KIRKUK (Reuters) - Gunmen killed five people in Kirkuk on Monday.", deflt, &l);
	assert_int_equal(l.n, 1);
	expect_date(&l.v[0], "2024-03-18");
	im_list_clear(&l);
	/* a dateline a few days after --date stays in its year */
	extract("KIRKUK, March 20 (Reuters) - Gunmen killed five people in Kirkuk on Tuesday.", deflt,
		&l);
	assert_int_equal(l.n, 1);
	expect_date(&l.v[0], "2024-03-19");
	im_list_clear(&l);
}

/* ---- what a report gave ------------------------------------------------------------ */

static void note_of(const char *text, im_extract_note *n)
{
	im_article *a;
	im_error e;
	im_incident_list l = {0};
	assert_int_equal(im_article_from_text("r.txt", text, strlen(text), &a, &e), IM_OK);
	im_extract_opts o;
	memset(&o, 0, sizeof o);
	o.default_date = (im_date){2024, 3, 18};
	o.note_out = n;
	assert_int_equal(im_extract_article(gaz, a, &o, &l, &e), IM_OK);
	assert_int_equal(l.n, n->n_placed);
	im_list_clear(&l);
	im_article_free(a);
}

/* The note says what a report gave, and the name that could not be placed. */
static void test_note(void **state)
{
	(void)state;
	im_extract_note n;
	note_of("Gunmen killed four farmers in Qaryat Zubrawiyya on Monday.", &n);
	assert_int_equal(n.n_told, 1);
	assert_int_equal(n.n_placed, 0);
	assert_string_equal(n.unknown, "Qaryat Zubrawiyya");
	/* no event: nothing told */
	note_of("The provincial council met in Basra on Monday to discuss the budget.", &n);
	assert_int_equal(n.n_told, 0);
	assert_int_equal(n.n_placed, 0);
	/* placed: no unknown name; its confidence */
	note_of("A car bomb killed five people in Basra on Monday.", &n);
	assert_int_equal(n.n_placed, 1);
	assert_string_equal(n.unknown, "");
	assert_true(n.min_conf > 0.5 && n.min_conf <= 1);
	/* a person and a demonym are no unknown place */
	note_of("Iraqi police said gunmen shot dead Hadi Zubrawi on Monday.", &n);
	assert_int_equal(n.n_placed, 0);
	assert_string_equal(n.unknown, "");
	/* nor a clan, a people, an armed group or an organisation: the
	 * place the report names is the one said missing, else none */
	note_of("Gunmen from the Habar Gidir clan killed four farmers in Qaryat Zubrawiyya on "
	        "Monday.",
	        &n);
	assert_string_equal(n.unknown, "Qaryat Zubrawiyya");
	note_of("Six villagers were killed by Zubrawi herdsmen on Monday.", &n);
	assert_int_equal(n.n_told, 1);
	assert_string_equal(n.unknown, "");
	note_of("Fighters of the Democratic Forces for the Liberation of Zubrawa killed five "
	        "villagers on Monday.",
	        &n);
	assert_string_equal(n.unknown, "");
	note_of("Members of the Kamarkhel Peace Committee were killed in clashes with "
	        "Lashkar-i-Zubrawi militants on Friday.",
	        &n);
	assert_string_equal(n.unknown, "");
	note_of("Boko Haram fighters killed nine people on Monday.", &n);
	assert_string_equal(n.unknown, "");
	/* nor a month, a weapon's name in capitals, an article */
	note_of("Gunmen killed four farmers in the village in June.", &n);
	assert_string_equal(n.unknown, "");
	note_of("An Improvised Explosive Device killed three soldiers on the road on Monday.", &n);
	assert_string_equal(n.unknown, "");
	note_of("Gunmen killed the manager of The Zubrawi Democrat newspaper on Monday.", &n);
	assert_true(strcmp(n.unknown, "The") != 0);
}

/* A report whose event sentence names no place, while the sentence just
 * before or after it in the paragraph does, is placed there (near it,
 * geo_precision 2, less surely); not across a paragraph, and not at a
 * small place of a country the report is not about. */
static void test_place_from_neighbours(void **state)
{
	(void)state;
	expect_unsure_place("Gunmen shot dead a retired army colonel on Monday. His body was later "
	                    "found near Makhmur, an Iraqi police officer said.",
	                    "t:makhmur", 2, 0.49);
	expect_place("A minibus carrying farmers hit a mine in the Makhmur area of Iraq on Monday "
	             "afternoon. Seven people were killed.",
	             "t:makhmur");
	expect_told("Gunmen shot dead a retired army colonel on Monday.\n\nIraqi officials met "
	            "in Makhmur on Tuesday to discuss the harvest.",
	            0, NULL, -2);
	expect_told("Gunmen shot dead ten people on Monday. Witnesses said a white car was seen "
	            "near Salih.",
	            0, NULL, -2);
	/* nor where someone came from */
	expect_told("Gunmen shot dead ten people on Monday. A delegation from Makhmur in Iraq "
	            "arrived on Tuesday.",
	            0, NULL, -2);
}

/* A report that still places none of its incidents while it names one
 * place only, wherever and however (the hospital the victim went to, a
 * noun modifier: where the victim worked), is placed near it, unsure;
 * not when it names two places apart, where a statement was made, a
 * place abroad of a report about another country, or across a
 * paragraph. */
static void test_place_from_report(void **state)
{
	(void)state;
	const char *one =
	    "Gunmen killed a lawmaker on Saturday after he had taken his wife to hospital "
	    "in Erbil, officials said.";
	expect_unsure_place(one, "t:erbil", 2, 0.4);
	expect_place(
	    "Unknown gunmen shot dead the Kirkuk based editor of a weekly on Monday night.",
	    "t:kirkuk");
	/* two places apart: which one is not said */
	expect_told("Gunmen killed a Kirkuk lawmaker on Saturday after he had taken his wife to "
	            "hospital in Erbil.",
	            0, NULL, -2);
	/* where it was said */
	expect_told("Gunmen killed a lawmaker on Saturday, the governor told a news conference in "
	            "Erbil.",
	            0, NULL, -2);
	/* a capital abroad in a report about another country */
	expect_told("Gunmen killed an Iraqi lawmaker on Saturday after he had taken his wife to "
	            "hospital in Tehran.",
	            0, NULL, -2);
	expect_told("Gunmen killed a lawmaker on Saturday.\n\nHis wife is in hospital in Erbil.", 0,
	            NULL, -2);
}

/* The ends of a journey are where the travellers came from or went, not
 * where they were struck: the sentence that says where the assault took
 * place places it, and a report naming only the ends does not place the
 * event at either. */
static void test_journey_ends(void **state)
{
	(void)state;
	expect_place("Gunmen killed 19 passengers they had forced off buses travelling from the "
	             "northern city of Mosul to Baghdad on Friday. The assault took place in the "
	             "town of Makhmur.",
	             "t:makhmur");
	expect_place("Five people were killed on Monday when a bomb hit a bus en route from Erbil "
	             "to Kirkuk in the area of Makhmur.",
	             "t:makhmur");
	/* named alone, an end places the event near it, less surely */
	im_incident_list l = {0};
	extract("A roadside bomb killed four pilgrims on their way to Kirkuk on Monday.",
	        (im_date){2024, 3, 18}, &l);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].gazetteer_id, "t:kirkuk");
	assert_int_equal(l.v[0].geo_precision, 2);
	assert_true(l.v[0].confidence <= 0.45);
	im_list_clear(&l);
	/* "from" and "to" without a journey still place */
	expect_place("Militants fired rockets from Makhmur on Monday, killing two people.",
	             "t:makhmur");
}

/* "X, N km north of the capital Y", "X, a town situated at about 60km
 * southeast of Y", "X town, south of Y": Y only orients the reader, X is
 * where it happened. */
static void test_oriented_by_reference(void **state)
{
	(void)state;
	expect_place("Swathes of Makhmur, located 60 kilometres (37 miles) southwest of the city "
	             "of Erbil, were burnt on Monday in clashes that killed six people.",
	             "t:makhmur");
	expect_place("Makhmur, a town situated at about 60km southeast of Mosul, was attacked on "
	             "Monday and nine people were killed.",
	             "t:makhmur");
	expect_place("Eleven people were killed on Monday in a dispute over grazing land. The "
	             "incident happened in Makhmur town, south of Mosul.",
	             "t:makhmur");
}

/* "X town, 12 kilometres (7 miles) east of Y": the distance says where X
 * lies, so of its namesakes the one near Y is taken, and a town far from
 * Y is not (the fixture's only Qarabel lies 500 km from Kirkuk); so does
 * "near Y" after a site's head ("X market near Y"). */
static void test_settlement_distance(void **state)
{
	(void)state;
	expect_place("Gunmen killed nine people in Kelbari town, 12 kilometres (7 miles) east of "
	             "Makhmur, on Monday.",
	             "t:kelbari-near");
	expect_not_at("Gunmen killed nine people in Qarabel town, 30 kilometres (19 miles) north "
	              "of Kirkuk, on Monday.",
	              "t:qarabel-far");
	/* "X market near Y": a site's head before "near" */
	expect_not_at("Gunmen killed a trader in Qarabel market near Kirkuk on Monday.",
	              "t:qarabel-far");
}

/* "X village of Y", "the X area of Y": a place the sentence says lies in
 * or near another, and that the gazetteer finds there, is where it
 * happened (of its namesakes, the one there); a district that is not
 * found near the village is what was misread, not the village. */
static void test_place_said_within(void **state)
{
	(void)state;
	expect_place("Gunmen invaded Kelbari village of Makhmur district on Monday, killing nine "
	             "people.",
	             "t:kelbari-near");
	expect_place("Six people were killed when militants attacked a convoy in Kelbari area of "
	             "Makhmur on Monday.",
	             "t:kelbari-near");
	expect_not_at("A bomb exploded in the Kelbari village of the Fenwick tribal district on "
	              "Monday, killing two people.",
	              "t:fenwick-bg");
}

/* After "in", "at" or "near", a name the gazetteer knows whole is a place
 * even when it opens with a title ("in Malam Fatori"); "at Sheikh
 * Zuweid's house" is still a person's. */
static void test_title_after_in(void **state)
{
	(void)state;
	expect_place("Gunmen killed seven people in Sheikh Zuweid on Monday.", "t:sheikh-zuweid");
	expect_not_at("Gunmen killed seven people at Sheikh Zuweid's house on Monday.",
	              "t:sheikh-zuweid");
}

/* "60 kilometres south of the central town of X": the distance reads
 * through the reference's head and its adjective; a site on a road named
 * after a place ("the Erbil Road Motor Park") is not at that place; an
 * institution the text says stands in a town ("the Tarello Memorial
 * College, Makhmur") is there, not at its namesake; where attackers came
 * from ("youths from Kirkuk") loses to where they struck. */
static void test_place_phrasings(void **state)
{
	(void)state;
	im_incident_list l = {0};
	extract("Gunmen killed eight civilians on Thursday at Dorvash, about 60 kilometres "
	        "south of the central town of Makhmur.",
	        (im_date){2024, 3, 18}, &l);
	assert_int_equal(l.n, 1);
	assert_true(l.v[0].has_point && l.v[0].lat < 35.4 && l.v[0].lat > 35.1);
	im_list_clear(&l);
	expect_not_at("Two bombs exploded at the Erbil Road Motor Park on Monday, killing 13 "
	              "people.",
	              "t:erbil");
	expect_place("Unknown gunmen killed a lecturer of the Tarello Memorial College, Makhmur, "
	             "on Monday.",
	             "t:makhmur");
	expect_place("Youths from Kirkuk attacked Makhmur on Monday, killing ten people.",
	             "t:makhmur");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_aircraft_kill_no_one),
	    cmocka_unit_test(test_nobody_hurt),
	    cmocka_unit_test(test_lists_and_one_person),
	    cmocka_unit_test(test_figure_phrasings),
	    cmocka_unit_test(test_figure_counts),
	    cmocka_unit_test(test_figure_victims),
	    cmocka_unit_test(test_figure_named_victims),
	    cmocka_unit_test(test_incident_figures_and_type),
	    cmocka_unit_test(test_speaker_place),
	    cmocka_unit_test(test_passing_mentions),
	    cmocka_unit_test(test_hospital_place),
	    cmocka_unit_test(test_locating_sentence),
	    cmocka_unit_test(test_town_in_province),
	    cmocka_unit_test(test_title_in_town_name),
	    cmocka_unit_test(test_province_at_capital),
	    cmocka_unit_test(test_day_no_place),
	    cmocka_unit_test(test_tribes_no_place),
	    cmocka_unit_test(test_dateline_date),
	    cmocka_unit_test(test_checkpoint),
	    cmocka_unit_test(test_claims),
	    cmocka_unit_test(test_strategic),
	    cmocka_unit_test(test_event_phrasings),
	    cmocka_unit_test(test_since_recent),
	    cmocka_unit_test(test_note),
	    cmocka_unit_test(test_place_from_neighbours),
	    cmocka_unit_test(test_place_from_report),
	    cmocka_unit_test(test_journey_ends),
	    cmocka_unit_test(test_oriented_by_reference),
	    cmocka_unit_test(test_settlement_distance),
	    cmocka_unit_test(test_place_said_within),
	    cmocka_unit_test(test_title_after_in),
	    cmocka_unit_test(test_place_phrasings),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
