/* test_extract_place.c: toponym spotting and resolution with a small fixture
 * gazetteer (tests/fixtures/extract/gaz): cues, persons and outlets set
 * aside, datelines, demonyms as context, relative places, provinces,
 * capitals, stated distances, namesakes abroad. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/fsutil.h"
#include "extract/extract_int.h"
#include "fixture_gaz.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static im_gaz *gaz;
static xt_doc doc;
static xt_topos tp;

/* Copies the fixture gazetteer to a scratch folder (the index is written
 * beside the sources) and opens it. */
static int setup(void **state)
{
	(void)state;
	const char *files[] = {"places.txt", "admin1.txt", "detail-ng.txt"};
	return fixture_gaz_open("extract-place", files, sizeof files / sizeof *files, &gaz);
}

static int teardown(void **state)
{
	(void)state;
	xt_topos_free(&tp);
	xt_doc_free(&doc);
	im_gaz_free(gaz);
	return 0;
}

static void run(const char *t)
{
	xt_topos_free(&tp);
	xt_doc_free(&doc);
	assert_int_equal(xt_doc_parse(&doc, t, strlen(t)), IM_OK);
	xt_dateline dl;
	xt_dateline_find(&doc, &dl);
	unsigned char *p = malloc(doc.ntok ? doc.ntok : 1);
	xt_mark_persons(&doc, p);
	assert_int_equal(xt_toponyms(gaz, &doc, &dl, p, NULL, &tp), IM_OK);
	free(p);
}

/* The toponym whose span text is name (the first one), or NULL. */
static const xt_topo *topo(const char *name)
{
	for (size_t i = 0; i < tp.n; i++) {
		const xt_topo *t = &tp.v[i];
		size_t n = doc.tok[t->t1 - 1].e - doc.tok[t->t0].s;
		if (n == strlen(name) && memcmp(doc.t + doc.tok[t->t0].s, name, n) == 0)
			return t;
	}
	return NULL;
}

/* A place toponym resolved to the gazetteer entry id, sure enough to use. */
static const xt_topo *placed(const char *name, const char *id)
{
	const xt_topo *t = topo(name);
	if (!t)
		fail_msg("'%s' not found", name);
	if (!t->resolved || !t->place.id || strcmp(t->place.id, id) != 0)
		fail_msg("'%s' resolved to '%s', wanted '%s'", name,
			 t->resolved && t->place.id ? t->place.id : "nothing", id);
	return t;
}

static void test_cues(void **state)
{
	(void)state;
	run("A bomb went off in the southern city of Basra on Monday.");
	const xt_topo *t = placed("Basra", "t:basra");
	assert_int_equal(t->role, XR_PLACE);
	assert_true(t->flags & XP_LOCATIVE);
	assert_false(t->flags & XP_RELATIVE);
	assert_true(t->conf >= 0.6);
	/* a province */
	run("Fighting went on in Diyala province and near Muqdadiyah.");
	t = placed("Diyala", "t:a-diyala");
	assert_true(t->flags & XP_PROVINCE);
	t = placed("Muqdadiyah", "t:muqdadiyah");
	assert_true(t->flags & XP_RELATIVE);
	/* relative places and an unknown village */
	run("Troops reached the village of Qaryat Zain northwest of Kirkuk.");
	t = placed("Kirkuk", "t:kirkuk");
	assert_true(t->flags & XP_RELATIVE);
	t = topo("Qaryat Zain");
	assert_non_null(t);
	assert_true(t->flags & XP_UNKNOWN);
	assert_true(t->resolved);
	assert_string_equal(t->place.id, "t:kirkuk");
	assert_true(t->flags & XP_RELATIVE);
	/* a street named after somewhere else lies in the city named before it */
	run("The car bomb hit Baghdad's Palestine Street.");
	t = topo("Palestine Street");
	assert_non_null(t);
	assert_true(t->resolved);
	assert_string_equal(t->place.id, "t:baghdad");
}

static void test_not_places(void **state)
{
	(void)state;
	/* the dateline, persons, an outlet, common words, organisations */
	run("ERBIL (Test Wire) \xE2\x80\x93 President Barham Salih met Hadi al-Ameri in Mosul. "
	    "March was cold. Police said Hope was lost. The Basra Operations Command spoke.");
	const xt_topo *t = placed("ERBIL", "t:erbil");
	assert_int_equal(t->role, XR_DATELINE);
	assert_null(topo("Salih"));
	assert_null(topo("Barham Salih"));
	assert_null(topo("March"));
	assert_null(topo("Police"));
	assert_null(topo("Hope"));
	placed("Mosul", "t:mosul");
	t = topo("Basra");
	assert_non_null(t);
	assert_int_equal(t->role, XR_EMBEDDED);
	/* "Iraqis" and "Iranian" give context, as demonyms */
	run("The Iranian city of Kerman mourned.");
	t = placed("Kerman", "t:kerman");
	t = topo("Iranian");
	assert_non_null(t);
	assert_int_equal(t->role, XR_DEMONYM);
	assert_string_equal(t->place.country, "IR");
	/* the same name in an American story */
	run("Farmers near Fresno in California, around Kerman, lost crops.");
	placed("Kerman", "t:kerman-us");
}

/* A capitalised word after a kinship noun is a person ("his cousin Olivia"). */
/* A province by its own name, though a town named a little differently
 * ("Oregon City") lies in it; the governor of a province. */
static void test_province_names(void **state)
{
	(void)state;
	run("The governor of Oregon spoke on Monday.");
	placed("Oregon", "t:a-or");
	run("Crews came from all over Oregon on Monday.");
	placed("Oregon", "t:a-or");
	/* a big city elsewhere bears the name as its own: no province bonus */
	run("Air strikes hit Gaza on Monday.");
	placed("Gaza", "t:gaza");
	/* its capital has the name only among its other names */
	run("Teachers across Oklahoma walked out on Monday.");
	const xt_topo *t = placed("Oklahoma", "t:a-ok");
	assert_true(t->conf >= 0.5);
}

/* "Niger" alone is the Republic of Niger, even in a report about
 * Nigeria, whose Niger State reports call by its head ("Niger State"). */
static void test_niger_country(void **state)
{
	(void)state;
	run("Boko Haram fighters from Nigeria crossed the border into Niger and killed 40 people.");
	const xt_topo *t = topo("Niger");
	assert_non_null(t);
	assert_true(t->country_only);
	assert_string_equal(t->place.country, "NE");
	run("Gunmen killed five farmers in Niger State, Nigeria, on Monday.");
	t = placed("Niger State", "t:a-niger-ng");
	assert_false(t->country_only);
}

/* A small place abroad found only by another of its names, unlike its
 * own (a name in another tongue: "Kuei" for Brenzo, Italy), is believed
 * only in a text about its country: elsewhere it is more likely a
 * village the gazetteer lacks. A name much like its own ("Ozamo" for
 * Ozamo City) is its own. */
static void test_other_tongue(void **state)
{
	(void)state;
	run("Armed men killed 18 civilians in Kuei village on Wednesday.");
	const xt_topo *t = topo("Kuei");
	assert_true(t == NULL || !t->resolved);
	run("Armed men killed 18 civilians near Kuei, in northern Italy, on Wednesday.");
	placed("Kuei", "t:brenzo");
	run("A radio host was shot dead in the port city of Ozamo on Monday.");
	placed("Ozamo", "t:ozamo-city");
}

/* A name the text calls a province or region is no hamlet of that name
 * ("Talgo region" is not the village of Talgo when the gazetteer lacks
 * the region), though a town of 10,000 may stand for its region ("the
 * Chambo region"), and a school is no region ("Talgo State School"). */
static void test_region_not_hamlet(void **state)
{
	(void)state;
	run("Clan militias clashed in Taleh, Talgo region, on Monday.");
	const xt_topo *t = topo("Talgo");
	assert_true(t == NULL || !t->resolved);
	run("Clan militias clashed in Talgo on Monday.");
	placed("Talgo", "t:talgo");
	run("A suicide attack took place in the Chambo region on Monday.");
	placed("Chambo", "t:chambo");
	run("A teacher spoke at Talgo State School on Monday.");
	t = topo("Talgo State");
	if (!t)
		t = topo("Talgo");
	assert_non_null(t);
	assert_true(t->resolved);
	assert_string_equal(t->place.id, "t:talgo");
}

/* A weak match (a hamlet whose people the gazetteer does not count, or
 * the start of a longer unknown name) far from every province and
 * district the text names in its country, and from its other towns, is
 * a place of that area the gazetteer lacks, not the far namesake: "Yarto
 * village in Kelmar State" is not the Yarto 700 km away. So is one in a
 * country where the text names no area, far from every area it names in
 * others. */
static void test_far_from_area(void **state)
{
	(void)state;
	run("Gunmen stormed a meeting at Yarto village in Nigeria's Kelmar State and killed 79 "
	    "people.");
	const xt_topo *t = topo("Yarto");
	assert_true(t == NULL || !t->resolved);
	placed("Kelmar State", "t:a-kelmar");
	run("Gunmen stormed a meeting at Yarto village in Nigeria and killed 79 people.");
	placed("Yarto", "t:yarto");
	/* a town of the story nearby vouches for it */
	run("Gunmen attacked Yarto near Odaro, Nigeria, and fled to Kelmar State.");
	placed("Yarto", "t:yarto");
	/* a hamlet in a country where the text names no area, far from the
	 * only area it names, in another country: a place of that area the
	 * gazetteer lacks, whatever people the text names ("Cameroonian") */
	run("Gunmen killed five Cameroonian traders at Tembaro Gari, Kelmar State, on Monday.");
	t = topo("Tembaro");
	assert_true(t == NULL || !t->resolved);
	placed("Kelmar State", "t:a-kelmar");
}

/* "the province of X" names a province whose name opens with a title
 * ("Sultan Varo": not Sultan's person), and "Y in the province of X" is Y
 * of that province: the Tamlo there, not the city of a million abroad. */
static void test_in_the_province_of(void **state)
{
	(void)state;
	run("Gunmen killed nine farmers in the province of Sultan Varo on Monday.");
	placed("Sultan Varo", "t:a-sultan-varo");
	run("Gunmen killed nine farmers near the town of Tamlo in the province of Sultan Varo "
	    "on Monday.");
	placed("Tamlo", "t:tamlo-ph");
}

/* A people's name before "border" says which side the border has, not
 * where the place is: a weak hint of its country, so the group's country
 * ("Seleka", the Central African Republic's) places Bango there. */
static void test_border_demonym(void **state)
{
	(void)state;
	run("Seleka fighters clashed with a rival militia at Bango near the Cameroonian border "
	    "on Monday, killing eight people.");
	placed("Bango", "t:bango-cf");
}

/* A province abroad does not vouch for its own country before the text is
 * read whole: "the Varu region" of a Nigerian story, the country named
 * after it, is Nigeria's town, not Italy's province; "Dorma LGA of Kelmar
 * State" is Kelmar's district once Kelmar is known. Alone, each is the
 * province. */
static void test_province_abroad(void **state)
{
	(void)state;
	run("Gunmen killed six people in the Varu region of northern Nigeria on Monday.");
	placed("Varu", "t:varu-ng");
	run("Gunmen killed six people in the Varu region on Monday.");
	placed("Varu", "t:a-varu-it");
	run("Herdsmen attacked villages in Dorma LGA of Kelmar State, killing 20 people.");
	placed("Dorma LGA", "t:d-dorma-ng");
	placed("Kelmar State", "t:a-kelmar");
	run("Herdsmen attacked villages in Dorma LGA, killing 20 people.");
	placed("Dorma LGA", "t:a-dorma-it");
}

/* A village found only by a respelling of another of its names, in a
 * country that an armed group alone implies, is no place when the text
 * names another country outright: "Zebi village near Garuma in southeast
 * Niger" is not Nigeria's Dunari Zebbi; in a Boko Haram story that names
 * no country it is. */
static void test_neighbour_named(void **state)
{
	(void)state;
	run("Boko Haram fighters killed five people in an attack on Zebi village near the "
	    "town of Garuma in southeast Niger on Tuesday.");
	const xt_topo *t = topo("Zebi");
	assert_true(t == NULL || !t->resolved);
	placed("Garuma", "t:garuma-ne");
	run("Boko Haram fighters killed five people in an attack on Zebi village on Tuesday.");
	placed("Zebi", "t:dunari-zebbi");
}

/* A name inside an organisation's name is no place: a run followed by its
 * own acronym in brackets ("Anjuman Tolvane WalMarka (ATWM)"), or a
 * name followed by a head word that the gazetteer also knows as a
 * place ("Pelu Dal", a party). A name that opens the run keeps its
 * weight ("Iraq Tolvane Marka (ITM)"); without the acronym Tolvane is
 * the Italian town. */
static void test_organisation_named(void **state)
{
	(void)state;
	run("Gunmen shot dead the Basra leader of Anjuman Tolvane WalMarka (ATWM) on Friday.");
	const xt_topo *t = topo("Tolvane");
	assert_true(t == NULL || t->role != XR_PLACE);
	placed("Basra", "t:basra");
	run("Members of the Iraq Tolvane Marka (ITM) met on Friday.");
	t = placed("Iraq", "t:iq");
	assert_int_not_equal(t->role, XR_EMBEDDED);
	t = topo("Tolvane");
	assert_true(t == NULL || t->role != XR_PLACE);
	run("Gunmen shot dead the Basra leader of Anjuman Tolvane WalMarka (AWM) on Friday.");
	assert_int_equal(placed("Tolvane", "t:tolvane-it")->role, XR_PLACE);
	run("A mob set fire to the shop of a Pelu Dal man in Basra on Friday.");
	assert_null(topo("Dal"));
	t = topo("Pelu");
	assert_true(t == NULL || t->role != XR_PLACE);
	run("A mob set fire to a shop in Dal on Friday.");
	placed("Dal", "t:dal-it");
}

/* A small place found only by another of its names as written, however
 * like its own ("Tervan" for Italy's Tervano), is no place in a text not
 * about its country while a village elsewhere bears the name as its own
 * (Nigeria's Tervan); in a text about Italy, or when no place elsewhere
 * bears the name ("Corbel"), it is. */
static void test_other_name_elsewhere(void **state)
{
	(void)state;
	run("Gunmen killed a council nominee and his son in Tervan locality on Monday.");
	const xt_topo *t = topo("Tervan");
	assert_true(t == NULL || !t->resolved || strcmp(t->place.country, "IT") != 0);
	run("Gunmen killed a council nominee and his son in Tervan, Italy, on Monday.");
	placed("Tervan", "t:tervano-it");
	run("Gunmen killed a council nominee and his son in Corbel locality on Monday.");
	placed("Corbel", "t:corbello-it");
}

/* A place found only by another of its names, in a country the text
 * gives nothing, loses to a place of a country the text is about that
 * bears the name too: in a Boko Haram story "Corvad" is Nigeria's
 * Korvadak, not the Syrian city of which it is a foreign form; alone,
 * the bigger city. */
static void test_other_name_at_home(void **state)
{
	(void)state;
	run("Boko Haram fighters killed five people in the town of Corvad, which borders Niger.");
	placed("Corvad", "t:korvadak-ng");
	run("Five people were killed in Corvad on Monday.");
	placed("Corvad", "t:corvada-sy");
}

/* A place the text says lies in a country ("Kolmari, in southeast
 * Niger") is that country's namesake, not the bigger one of the country
 * its people's word names (a Nigerian company); without it, the bigger. */
static void test_said_in_country(void **state)
{
	(void)state;
	run("Gunmen killed five workers of a Nigerian company in Kolmari, in southeast Niger, "
	    "on Tuesday.");
	placed("Kolmari", "t:kolmari-ne");
	run("Gunmen killed five workers of a Nigerian company in Kolmari on Tuesday.");
	placed("Kolmari", "t:kolmari-ng");
}

/* A district named makes its province context, as a province named does:
 * "in Harlan County" makes Hartwell Kentucky's, not the bigger
 * Hartwell of Missouri. */
static void test_district_province(void **state)
{
	(void)state;
	run("A shooting in Hartwell left two people dead in Harlan County on Monday.");
	placed("Hartwell", "t:hartwell-ky");
	run("A shooting in Hartwell left two people dead, deputies said.");
	placed("Hartwell", "t:hartwell-mo");
}

/* A county and a town the text names agree: of their namesakes, the
 * pair that lie together (the town within 50 km of the county's point),
 * though each name alone is first a bigger namesake elsewhere; a county
 * named after its town is no second witness. */
static void test_county_town(void **state)
{
	(void)state;
	run("Two men were arrested in Corvale on Friday, the sheriff of Penfold County said.");
	placed("Corvale", "t:corvale-tn");
	placed("Penfold County", "t:penfold-tn");
	run("Two men were arrested in Corvale on Friday.");
	placed("Corvale", "t:corvale-oh");
	run("The sheriff of Penfold County said two men were arrested.");
	placed("Penfold County", "t:penfold-oh");
	run("Two men from Penfold were arrested in Penfold County on Friday.");
	placed("Penfold County", "t:penfold-oh");
	/* a world city that its namesake loses to however near: the pair
	 * says otherwise */
	run("A London man was charged on Monday, the Laurel County sheriff said.");
	placed("London", "t:london-ky");
	placed("Laurel County", "t:laurel-ky");
	run("A London man was charged on Monday.");
	placed("London", "t:london");
}

/* A place the text comes back to is what it is about: its country is
 * context, though another country is named in passing. */
static void test_repeated(void **state)
{
	(void)state;
	run("Life in Orange County is costly. Orange County has a bigger economy than "
	    "Greece. Voters in Orange County are restless, and California watches.");
	const xt_topo *t = placed("Orange County", "t:oc-ca");
	assert_true(t->conf >= 0.25);
	int us = 0;
	for (size_t i = 0; i < tp.ncc; i++)
		if (strcmp(tp.cc[i], "US") == 0 && tp.ccw[i] >= 0.5)
			us = 1;
	assert_true(us);
}

/* Sites named for their occupants; a US state in a dateline. */
static void test_sites_and_datelines(void **state)
{
	(void)state;
	run("Protesters gathered outside the White House on Monday.");
	placed("White House", "im:white-house");
	run("CAMP MURRAY, Wash. - Soldiers trained there on Monday.");
	const xt_topo *t = topo("Wash.");
	assert_non_null(t);
	assert_int_equal(t->role, XR_DATELINE);
	assert_true(t->resolved);
	assert_string_equal(t->place.id, "t:a-wa");
}

/* A place taught with its head word ("Al-Nakhla checkpoint") is found
 * however a report writes it: the head in any case, with or without the
 * article, and before a namesake of the bare name elsewhere. */
static void test_head_words(void **state)
{
	(void)state;
	static const char *const ways[][2] = {
	    {"A bomb hit the Al-Nakhla checkpoint on Monday.", "Al-Nakhla checkpoint"},
	    {"A bomb hit al-Nakhla Checkpoint on Monday.", "al-Nakhla Checkpoint"},
	    {"A bomb hit the Nakhla checkpoint on Monday.", "Nakhla checkpoint"},
	    {"Gunmen stormed the AL-NAKHLA CHECKPOINT on Monday.", "AL-NAKHLA CHECKPOINT"},
	    {"Police at Nakhla checkpoint fired in the air.", "Nakhla checkpoint"},
	};
	for (size_t i = 0; i < sizeof ways / sizeof *ways; i++) {
		run(ways[i][0]);
		placed(ways[i][1], "t:nakhla-checkpoint");
	}
	run("Traffic stopped on the Sinak bridge after the blast.");
	placed("Sinak bridge", "t:sinak-bridge");
	/* the bare name is still the bare name's place, and a lower-case
	 * head the gazetteer does not know with it changes nothing */
	run("Farmers in Nakhla sold their crops.");
	placed("Nakhla", "t:nakhla-us");
	run("A bomb went off in a Kirkuk market on Monday.");
	placed("Kirkuk", "t:kirkuk");
	assert_null(topo("Kirkuk market"));
}

static void test_kin(void **state)
{
	(void)state;
	run("He is survived by his mother and his cousin Olivia, who lives in Kirkuk.");
	const xt_topo *t = topo("Olivia");
	assert_true(t == NULL || t->role != XR_PLACE || !t->resolved);
	placed("Kirkuk", "t:kirkuk");
}

static void test_context(void **state)
{
	(void)state;
	/* a country named picks the namesake there */
	run("Fighters clashed in the town of Hajin in Syria's Deir ez-Zor province.");
	placed("Hajin", "t:hajin");
	placed("Syria", "t:sy");
	/* a village abroad with the name of one here is not believed */
	run("In Iraq, a car bomb killed nine in Baghdad and another hit Qabak in Nineveh.");
	const xt_topo *t = topo("Qabak");
	assert_true(!t || t->conf < 0.35);
	/* ... nor when the country comes from a dateline and a big city only */
	run("KIRKUK - A bomb killed two soldiers in Kirkuk on Sunday. The attack took "
	    "place near the village of Qabak, south of the city.");
	t = topo("Qabak");
	assert_true(!t || t->conf < 0.35);
	/* ... but a people named is no such context: Saudi jets over a town of
	 * Yemen, the only country the text names through its places */
	run("Saudi warplanes struck a market in Hajin, killing ten.");
	t = placed("Hajin", "t:hajin");
	assert_true(t->conf >= 0.35);
	/* the capital of the country the text speaks of */
	run("A blast shook the Iraqi capital on Monday.");
	t = topo("the Iraqi capital");
	assert_non_null(t);
	assert_true(t->resolved);
	assert_string_equal(t->place.id, "t:baghdad");
	/* "20 km north of": the point moves */
	run("A mine exploded 20 km north of Basra.");
	t = placed("Basra", "t:basra");
	assert_true(t->flags & XP_RELATIVE);
	assert_true(t->has_off);
	assert_true(fabs(t->olat - (30.508 + 20 / 111.2)) < 0.01);
	assert_true(fabs(t->olon - 47.780) < 0.01);
	/* a neighbourhood of a city is looked for near it */
	run("Two bombs went off in the Sadr City area of east Baghdad.");
	placed("Sadr City", "t:sadr");
	/* short country names and regions */
	run("Delegates from the U.S. and the EU met in Ankara.");
	t = topo("U.S.");
	assert_non_null(t);
	assert_string_equal(t->place.country, "US");
	t = topo("EU");
	assert_non_null(t);
	assert_true(t->resolved);
	assert_string_equal(t->place.id, "im:european-union");
	assert_true(t->country_only); /* a group of countries is never an incident's place */
	placed("Ankara", "t:ankara");
	/* regions are gazetteer entries: England the nation, even in a story
	 * that names the United States (England, Arkansas, is a namesake) */
	run("The United States and England signed the treaty in Ankara.");
	t = placed("England", "gn:6269131");
	assert_false(t->country_only);
	assert_true(t->flags & XP_PROVINCE);
	run("Oil prices rose across the Middle East as European markets fell.");
	t = placed("Middle East", "im:middle-east");
	assert_true(t->country_only);
	t = topo("European");
	assert_non_null(t);
	assert_int_equal(t->role, XR_DEMONYM);
	assert_true(t->resolved);
	assert_string_equal(t->place.id, "im:europe");
	/* a connector makes no person's name of a run ending on a known
	 * name: "CEOs of Europe" still names Europe */
	run("The CEOs of Europe met in Ankara.");
	placed("Europe", "im:europe");
	/* a mid-sized city abroad whose other name a text about another
	 * country uses is not sure enough to vouch for its own country */
	run("Heavy fighting went on in Danan in northern Yemen on Monday.");
	t = topo("Danan");
	assert_non_null(t);
	assert_true(!t->resolved || strcmp(t->place.id, "t:danang") != 0 || t->conf < 0.5);
	for (size_t i = 0; i < tp.ncc; i++)
		assert_string_not_equal(tp.cc[i], "VN");
	/* a province whose city of a million bears its name: the city */
	run("The mayor of New York said the subway would reopen.");
	placed("New York", "t:nyc");
	run("Farmers across New York State asked for help.");
	placed("New York State", "t:a-ny");
	/* a world capital over a small namesake in a country the text names */
	run("The senator flew from the United States to London on Monday.");
	placed("London", "t:london");
	/* unless the text's places cluster around the namesake */
	run("Police in Columbus and Worthington said the parade in Dublin drew "
	    "thousands from across the United States.");
	placed("Dublin", "t:dublin-oh");
	/* "the English city of": the demonym names the country outright */
	run("He was poisoned in the English city of Salisbury in March.");
	placed("Salisbury", "t:salisbury");
	/* but not a demonym before the phrase ("Saudi warplanes") */
	run("Saudi warplanes struck in the city of Sa'dah, in Yemen, on Monday.");
	placed("Sa'dah", "t:saada");
	for (size_t i = 0; i < tp.ncc; i++)
		if (strcmp(tp.cc[i], "SA") == 0)
			assert_true(tp.ccw[i] < 0.9);
	/* a facility named after a person is in the story's city, not at a
	 * far village of that name */
	run("Police in Kirkuk said gunmen stormed the Carnegie Library there on Monday, "
	    "and then fled towards Erbil and Makhmour.");
	t = topo("Carnegie Library");
	assert_non_null(t);
	assert_true(t->flags & XP_UNKNOWN);
	assert_true(!t->resolved || strcmp(t->place.country, "IQ") == 0);
	/* a state's short form in two tokens */
	run("A fire broke out in Charleston, W.Va., on Monday.");
	placed("W.Va.", "t:a-wv");
	placed("Charleston", "t:charleston-wv");
	run("Crews came from Charleston, W. Va., on Monday.");
	placed("W. Va.", "t:a-wv");
	/* a short form with a dot inside is a state anywhere; "Mass." is not */
	run("The museum is set to open in S.C. today, after Mass. on Sunday.");
	placed("S.C.", "t:a-sc");
	assert_null(topo("Mass."));
	/* a province in the country the story is about beats the country of
	 * its name */
	run("Storms hit Atlanta and other parts of Georgia on Monday, the United States "
	    "weather service said.");
	placed("Georgia", "t:a-ga");
	run("Russia and Georgia signed the treaty on Monday.");
	placed("Georgia", "t:ge");
	/* and so with a compass word before it: the name looked up is the
	 * province's, not the span's */
	run("Storms hit Atlanta and other parts of Northeast Georgia on Monday, the "
	    "United States weather service said.");
	placed("Northeast Georgia", "t:a-ga");
	/* the capitalised parts of a hyphenated word: demonyms, countries,
	 * regions; not a place whose name is hyphenated */
	run("Turkey shelled towns along the Syrian-Turkish border in an anti-Iranian move.");
	{
		int sy = 0, tr = 0, ir = 0;
		for (size_t i = 0; i < tp.n; i++) {
			const xt_topo *h = &tp.v[i];
			if (!(h->flags & XP_PART) || h->role != XR_DEMONYM)
				continue;
			sy += strcmp(h->place.country, "SY") == 0 && h->noff == 0 && h->nlen == 6;
			tr += strcmp(h->place.country, "TR") == 0 && h->noff == 7 && h->nlen == 7;
			ir += strcmp(h->place.country, "IR") == 0 && h->noff == 5;
		}
		assert_int_equal(sy, 1);
		assert_int_equal(tr, 1);
		assert_int_equal(ir, 1);
	}
	run("Fans gathered in Saint-Denis on Monday.");
	placed("Saint-Denis", "t:saint-denis");
	/* a short country name inside an armed force's name is still a hint */
	run("They sent U.S. troops to Syria on Monday.");
	t = topo("U.S.");
	assert_non_null(t);
	assert_int_equal(t->role, XR_EMBEDDED);
	assert_string_equal(t->place.country, "US");
	/* a region inside one country is a place, drawn as a province */
	run("Militants shelled villages in the Nineveh Plains on Monday.");
	t = placed("Nineveh Plains", "im:nineveh-plains");
	assert_false(t->country_only);
	assert_true(t->flags & XP_PROVINCE);
}

/* A known name that a longer unknown one only starts ("Marobi Tenga")
 * is believed only in a country the text is about, or as a place known
 * the world over; words that qualify a name ("Marobi Police") leave it
 * the name it is. */
static void test_prefix_of_longer_name(void **state)
{
	(void)state;
	run("Gunmen killed six people at Marobi Tenga in Nigeria on Monday.");
	const xt_topo *t = topo("Marobi");
	assert_true(t == NULL || !t->resolved);
	assert_null(topo("Tenga"));
	/* the name alone, or with a head word, is the town abroad */
	run("Gunmen killed six people at Marobi in Nigeria on Monday.");
	placed("Marobi", "t:marobi-br");
	run("Gunmen killed six people near Marobi Police station in Nigeria.");
	placed("Marobi", "t:marobi-br");
	/* a text about no country: the town, as before */
	run("Gunmen killed six people at Marobi Tenga on Monday.");
	placed("Marobi", "t:marobi-br");
	/* the country's own places are believed */
	run("Gunmen killed six people at Kelmar Tenga in Nigeria on Monday.");
	t = topo("Kelmar");
	assert_non_null(t);
	assert_true(t->resolved);
	assert_string_equal(t->place.country, "NG");
}

/* Names that agree on a country through its villages make the text about
 * it when no country is named: "Hindo near Obinta" are two villages of
 * the fixture's Nigeria, so Hindo is not the town abroad one of whose
 * other names it is. One such name alone proves nothing. */
static void test_villages_agree(void **state)
{
	(void)state;
	run("Gunmen raided Hindo near Obinta and killed twelve people.");
	placed("Hindo", "t:hindo-ng");
	placed("Obinta", "t:obinta");
	run("Gunmen raided Hindo and killed twelve people.");
	placed("Hindo", "t:hindo-ua");
	/* a city abroad that only a respelling of another of its names finds
	 * ("Kibuto" for Varnesse, once called Kibbuto) does not vouch for
	 * its own country against the villages that agree */
	run("A teacher was shot dead at Kibuto Estate near Obinta and Kadunu.");
	const xt_topo *t = topo("Kibuto");
	assert_true(t == NULL || !t->resolved || strcmp(t->place.id, "t:varnesse") != 0);
	placed("Kadunu", "t:kadunu-ng");
	run("A delegation flew to Kibuto on Monday.");
	placed("Kibuto", "t:varnesse");
	/* the same name twice is one voice */
	run("Gunmen raided Hindo and killed twelve people. Hindo was burnt.");
	placed("Hindo", "t:hindo-ua");
}

/* Names that agree on a province: a local report seldom names its state,
 * its towns do. Each name votes for every province where a place bears
 * it; the province most of them agree on, two or more, is context. */
static void test_provinces_agree(void **state)
{
	(void)state;
	run("Officials in Pennock met on Monday.");
	placed("Pennock", "t:pennock-tn");
	run("School boards in Pennock, Ashby and Tull County cut jobs.");
	placed("Pennock", "t:pennock-ga");
	placed("Ashby", "t:ashby-ga");
	placed("Tull County", "t:tull-ga");
	/* one name alone, or the same name twice, proves nothing */
	run("Officials in Pennock met on Monday. Pennock voted.");
	placed("Pennock", "t:pennock-tn");
	/* a dateline after a title that a feed joined to the text with a
	 * stop is one, and votes with the other names */
	run("Council approves the budget. ASHBY \xE2\x80\x94 The council of Pennock met.");
	const xt_topo *t = placed("ASHBY", "t:ashby-ga");
	assert_int_equal(t->role, XR_DATELINE);
	placed("Pennock", "t:pennock-ga");
	/* not a place in capitals-and-lower case there: it may be the text */
	run("Council approves the budget. Ashby \xE2\x80\x94 the town \xE2\x80\x94 met.");
	t = topo("Ashby");
	assert_true(t == NULL || t->role != XR_DATELINE);
	/* a name a world city bears votes for the world city's province
	 * only: London and Paris are no pair of towns of Kentucky */
	run("Ministers met in London and Paris on Monday.");
	placed("London", "t:london");
	placed("Paris", "t:paris");
}

/* A state named in a local story places a name in it before a world
 * city abroad (Paris, Texas); not in a story that names other countries
 * outright, where the state may be a passing mention. */
static void test_state_named(void **state)
{
	(void)state;
	run("A rumour spread across Texas, Paris police said.");
	placed("Paris", "t:paris-tx");
	run("Paris police said the rumour was false.");
	placed("Paris", "t:paris");
	run("A professor at the University of Texas said ministers of Iraq met in Paris.");
	placed("Paris", "t:paris");
	/* the state's abbreviation names it as well */
	run("Officials in Ashby, Ga., met on Monday.");
	placed("Ashby", "t:ashby-ga");
}

/* The gazetteer's detail places (a country's villages) are believed in a
 * text about their country: named, or where several places agree on it;
 * elsewhere a name only they bear is no place at all, unless the text
 * calls it a settlement and only one place bears it. */
static void test_detail_places(void **state)
{
	(void)state;
	run("Gunmen killed five people in Obinta, Nigeria, on Monday.");
	const xt_topo *t = topo("Obinta");
	assert_non_null(t);
	assert_true(t->resolved);
	assert_string_equal(t->place.id, "t:obinta");
	run("Gunmen killed five people in Obinta on Monday, police in London said.");
	assert_null(topo("Obinta"));
	assert_non_null(topo("London"));
	/* no country named: the French namesake, unless other places of the
	 * text agree on Nigeria */
	run("Gunmen killed five people in Kadunu on Monday.");
	t = topo("Kadunu");
	assert_non_null(t);
	assert_string_equal(t->place.id, "t:kadunu-fr");
	run("Gunmen killed five people in Kadunu on Monday. Survivors fled to Damboa and to Konduga.");
	t = topo("Kadunu");
	assert_non_null(t);
	assert_string_equal(t->place.id, "t:kadunu-ng");
	/* a capital that only a respelling of another of its names matches
	 * is not believed over a village of that very name abroad */
	run("Clan fighting broke out in Sool on Monday.");
	t = topo("Sool");
	assert_true(t == NULL || !t->resolved || strcmp(t->place.id, "t:seoul") != 0);
	run("Clan fighting broke out in Sool, Nigeria, on Monday.");
	t = topo("Sool");
	assert_non_null(t);
	assert_string_equal(t->place.id, "t:sool-ng");
	run("A delegation flew to Seoul on Monday.");
	t = topo("Seoul");
	assert_non_null(t);
	assert_string_equal(t->place.id, "t:seoul");
	/* only a respelling of a town abroad ("Tarelo" for Tarello, Italy)
	 * in a story that names another country outright: a place the
	 * gazetteer lacks, not the town abroad; with no country named, or
	 * with its own, the town */
	run("Gunmen killed four people in Tarelo, Nigeria, on Monday.");
	t = topo("Tarelo");
	assert_true(t == NULL || !t->resolved);
	run("Gunmen killed four people in Tarelo on Monday.");
	placed("Tarelo", "t:tarello");
	run("Saudi jets struck Tarelo on Monday.");
	placed("Tarelo", "t:tarello");
	/* only a respelling of another name of a town abroad: not believed
	 * where a people's word ("Nigerian") points elsewhere */
	run("Nigerian troops clashed with gunmen in Delam on Monday.");
	t = topo("Delam");
	assert_true(t == NULL || !t->resolved);
	/* with no country named either: a name of another tongue for a
	 * small town abroad (test_other_tongue) */
	run("Gunmen attacked Delam on Monday.");
	t = topo("Delam");
	assert_true(t == NULL || !t->resolved);
	/* ... nor where an armed group says the text is about another
	 * country (as weak as --focus, and enough for its villages) */
	run("Boko Haram gunmen attacked Delam on Monday.");
	t = topo("Delam");
	assert_true(t == NULL || !t->resolved);
	/* "X Province" is the province, though the key drops the word and a
	 * bigger town abroad bears the name */
	run("Gunmen killed four people in Kelmar Province on Monday.");
	placed("Kelmar Province", "t:a-kelmar");
	run("Gunmen killed four people in Kelmar on Monday.");
	placed("Kelmar", "t:kelmar-fr");
	/* a name only one detail village bears, called a settlement ("the
	 * village of Gumsa"), is that village in a text about no country
	 * yet; not the bare name, nor a name two villages bear */
	run("Gunmen stormed the village of Gumsa on Monday, killing nine people.");
	placed("Gumsa", "t:gumsa");
	run("Gunmen killed nine people in Gumsa on Monday.");
	t = topo("Gumsa");
	assert_true(t == NULL || !t->resolved);
	run("Gunmen stormed the village of Dalwa on Monday, killing nine people.");
	t = topo("Dalwa");
	assert_true(t == NULL || !t->resolved);
	/* a detail district called one ("Wakuna District") is believed in a
	 * text about no country yet; the bare name only where the text is
	 * about its country */
	run("Gunmen killed four people in Wakuna District on Monday.");
	t = topo("Wakuna District");
	assert_non_null(t);
	assert_true(t->resolved);
	assert_string_equal(t->place.id, "t:wakuna-lga");
	run("Gunmen killed four people in Wakuna on Monday.");
	t = topo("Wakuna");
	assert_true(t == NULL || !t->resolved);
	/* Nigeria's and Sudan's second level named with its head: a place,
	 * though "Government" heads an organisation's name elsewhere */
	run("Gunmen killed four people in Wakuna Local Government Area on Monday.");
	t = topo("Wakuna Local Government Area");
	assert_non_null(t);
	assert_int_equal(t->role, XR_PLACE);
	assert_string_equal(t->place.id, "t:wakuna-lga");
	run("Gunmen killed four people in Wakuna LGA on Monday.");
	placed("Wakuna LGA", "t:wakuna-lga");
	run("Gunmen killed four people in Wakuna locality on Monday.");
	placed("Wakuna", "t:wakuna-lga");
	/* a plural head after a list of names calls the last one a district */
	run("Clashes killed four people in Obu and Wakuna districts on Monday.");
	placed("Wakuna", "t:wakuna-lga");
	/* an organisation whose name goes on past the head stays one */
	run("Members of the Kelmar Province Council said four people were killed on Monday.");
	size_t seen = 0;
	for (size_t i = 0; i < tp.n; i++)
		if (memcmp(doc.t + doc.tok[tp.v[i].t0].s, "Kelmar", 6) == 0) {
			assert_int_equal(tp.v[i].role, XR_EMBEDDED);
			seen++;
		}
	assert_int_equal(seen, 1);
}

/* An armed group named in a text that names no country implies its own
 * (lexicon: actor countries), as weakly as --focus: enough for that
 * country's villages; a group of many countries implies none. */
static void test_actor_country(void **state)
{
	(void)state;
	const xt_topo *t;
	run("Boko Haram gunmen killed five people in Kadunu on Monday.");
	placed("Kadunu", "t:kadunu-ng");
	run("Suspected Boko Haram fighters burned houses in Kadunu.");
	placed("Kadunu", "t:kadunu-ng");
	run("Islamic State gunmen killed five people in Kadunu on Monday.");
	placed("Kadunu", "t:kadunu-fr");
	/* a party named with its head last ("Ahle Sunnat Wal Jamaat") is an
	 * organisation: the place inside its name is no event's place */
	run("Three activists of Ahle Sunnat Wal Jamaat were shot dead on Monday.");
	t = topo("Sunnat");
	assert_true(t == NULL || t->role == XR_EMBEDDED);
	/* a group's name is no place, however it is spelled */
	run("Gunmen suspected to be al-Shabab killed nine people in Kadunu.");
	assert_null(topo("al-Shabab"));
	assert_null(topo("Shabab"));
}

/* A name the text calls a village ("X village", "X and Y villages", "the
 * village of X") is no city: a city abroad that bears it among its other
 * names is not believed; named without the word, the city is. */
static void test_village_not_city(void **state)
{
	(void)state;
	const xt_topo *t;
	run("Raiders attacked Kagong village on Monday, killing four herders.");
	t = topo("Kagong");
	assert_true(t == NULL || !t->resolved);
	run("Gunmen killed seven people in Kagong and Obu villages on Monday.");
	t = topo("Kagong");
	assert_true(t == NULL || !t->resolved);
	run("Gunmen killed seven people in the village of Kagong on Monday.");
	t = topo("Kagong");
	assert_true(t == NULL || !t->resolved);
	run("A trade delegation arrived in Kagong on Monday.");
	placed("Kagong", "t:taolung");
	/* a village of that name is still found */
	run("Gunmen killed five people in Kadunu village on Monday.");
	placed("Kadunu", "t:kadunu-fr");
}

/* A hyphenated word that starts a longer known name is that name ("Sar-e
 * Pol", the Persian ezafe), not its first part used as a modifier. */
static void test_ezafe(void **state)
{
	(void)state;
	run("Gunmen attacked a checkpoint in Kuh-e Sabz on Monday.");
	placed("Kuh-e Sabz", "t:kuhe-sabz");
}

/* Places that agree on a province, when the text names none, make it
 * context: a county of a name many provinces have is the one of theirs. */
static void test_agree_province(void **state)
{
	(void)state;
	run("Deputies searched a farm in Boon County on Monday.");
	placed("Boon County", "t:boon-mo");
	run("Deputies from Florin and Burnet searched a farm in Boon County on Monday.");
	placed("Boon County", "t:boon-ky");
}

/* Cues that make capitalised words a person even where the gazetteer
 * knows them as a town: a middle initial, a byline, an age, a kin word
 * with a comma or after a possessive, the speaker of a quotation; a name
 * once known is a person wherever else it stands alone. */
static void test_person_cues(void **state)
{
	(void)state;
	run("Harlow is a market town.");
	placed("Harlow", "t:harlow");
	run("Police said Dana K. Ashby, 41, was held. Ashby denied it in Mosul.");
	assert_null(topo("Ashby"));
	placed("Mosul", "t:mosul");
	run("By Ellen Harlow\nMOSUL - A market burned.");
	assert_null(topo("Harlow"));
	run("A 29-year-old nurse Mara Corbin died. Corbin lived in Kirkuk.");
	assert_null(topo("Corbin"));
	placed("Kirkuk", "t:kirkuk");
	/* an age before a place that modifies a noun is no person */
	run("A 29-year-old Kirkuk Ashby man died.");
	placed("Kirkuk", "t:kirkuk");
	run("His wife, Harlow, was unhurt. Tomas's daughter, Corbin, fled.");
	assert_null(topo("Harlow"));
	assert_null(topo("Corbin"));
	run("Ward's son Ashby drove the car. Corbin's wife said so.");
	assert_null(topo("Ashby"));
	assert_null(topo("Corbin"));
	run("\"We saw smoke,\" Harlow said. Later Harlow drove to Basra.");
	assert_null(topo("Harlow"));
	placed("Basra", "t:basra");
	/* after "in", a quotation's speaker is still a place */
	run("\"We saw smoke,\" said Harlow. The blast in Harlow hurt two.");
	placed("Harlow", "t:harlow");
}

/* A demonym used as a noun (a language, a people) is context, not a
 * toponym of the listing; before a noun, or in a list of them, it is one. */
static void test_demonym_noun(void **state)
{
	(void)state;
	const xt_topo *t;
	run("The letter was written in Turkish. Many Iranian are wary.");
	t = topo("Turkish");
	assert_true(t == NULL || t->conf < 0.25);
	t = topo("Iranian");
	assert_non_null(t);
	assert_true(t->conf < 0.25);
	run("Turkish troops crossed the border.");
	t = topo("Turkish");
	assert_non_null(t);
	assert_true(t->conf >= 0.25);
	run("Iranian, Turkish and Syrian envoys met.");
	t = topo("Iranian");
	assert_non_null(t);
	assert_true(t->conf >= 0.25);
}

/* A capitalised compass word and "Republic of" written before a name are
 * part of its span; the place is still the name's own, and a place "in
 * Western Kirkuk" still lies in Kirkuk. A given name from the lexicon
 * makes the next word a surname. */
static void test_name_span(void **state)
{
	(void)state;
	const xt_topo *t;
	run("Floods hit Northern Kirkuk and the Republic of Turkey sent aid.");
	placed("Northern Kirkuk", "t:kirkuk");
	placed("Republic of Turkey", "t:tr");
	assert_null(topo("Kirkuk"));
	run("Troops searched Makhmur in Kirkuk on Monday.");
	t = topo("Makhmur");
	assert_non_null(t);
	assert_true(t->resolved);
	char id[64];
	snprintf(id, sizeof id, "%s", t->place.id);
	run("Troops searched Makhmur in Western Kirkuk on Monday.");
	placed("Makhmur", id);
	assert_non_null(topo("Western Kirkuk"));
	run("Gareth Harlow opened the show.");
	assert_null(topo("Harlow"));
}

/* A building named before the people who work in it is their employer,
 * context only; near it, it is a place. A town before a role stays a
 * modifier. "Los Angeles-based": the whole name before the hyphen. */
static void test_employer_and_based(void **state)
{
	(void)state;
	const xt_topo *t;
	run("Four Amber Palace aides resigned in Baghdad.");
	t = topo("Amber Palace");
	assert_true(t == NULL || t->conf < 0.25);
	run("Amber Palace press secretary Dana Wells spoke.");
	t = topo("Amber Palace");
	assert_true(t == NULL || t->conf < 0.25);
	run("A man was shot near the Amber Palace.");
	t = placed("Amber Palace", "t:amber-palace");
	assert_true(t->conf >= 0.25);
	run("The Kirkuk police chief spoke.");
	t = placed("Kirkuk", "t:kirkuk");
	assert_int_equal(t->role, XR_MODIFIER);
	run("A New York-based charity sent aid.");
	t = topo("New York-based");
	assert_non_null(t);
	assert_true(t->flags & XP_PART);
	assert_int_equal(t->nlen, strlen("New York"));
	assert_true(t->resolved);
	assert_string_equal(t->place.country, "US");
}

/* A district named after a town ("Zarqa in Telkef district") holds it:
 * of the town's namesakes, the one in the district; a district the
 * gazetteer knows stays itself when the town before it lies far ("the
 * Telkef district" after a Qarya of Basra). */
static void test_district_reference(void **state)
{
	(void)state;
	run("Gunmen killed three farmers in Zarqa in Telkef district on Monday.");
	placed("Zarqa", "t:zarqa-near");
	placed("Telkef", "t:a2-telkef");
	run("Airstrikes hit workers at a well near Qarya, in the Telkef district, on Monday.");
	placed("Telkef", "t:a2-telkef");
}

/* A title inside a place's name ("Sheikh Zuweid") does not make a person
 * of it after "the town of"; elsewhere it still does. */
static void test_title_in_town_name(void **state)
{
	(void)state;
	run("A house in the North Sinai town of Sheikh Zuweid was shelled on Monday.");
	placed("Sheikh Zuweid", "t:sheikh-zuweid");
	run("Gunmen shot Sheikh Zuweid outside his home on Monday.");
	const xt_topo *t = topo("Sheikh Zuweid");
	assert_true(t == NULL || !t->resolved);
}

/* A capital named through its country or province, however a report
 * writes it; a name after "the capital" is the capital, unless it starts a
 * clause of its own; "the capital of Iraq's Erbil province" is Erbil's. */
static void test_capital_phrases(void **state)
{
	(void)state;
	run("Gunmen killed four guards in the capital of Iran on Monday.");
	placed("the capital of Iran", "t:tehran");
	run("Fighting in the capital of war-torn Iran killed nine on Monday.");
	placed("the capital of war-torn Iran", "t:tehran");
	run("A bomb went off in Ireland's capital on Monday.");
	placed("Ireland's capital", "t:dublin");
	run("A truck bomb exploded in the Turkey capital on Monday.");
	placed("the Turkey capital", "t:ankara");
	run("A car bomb exploded in Iranian capital on Monday.");
	placed("Iranian capital", "t:tehran");
	run("Ten died in a rocket strike on the Iranian capital, Turkey's foreign ministry said.");
	placed("the Iranian capital", "t:tehran");
	/* a province's capital is its seat */
	run("A roadside bomb killed two soldiers in the capital of Diyala province on Monday.");
	placed("the capital of Diyala", "t:baqubah");
	run("A blast hit the capital of Iraq's Erbil province on Monday.");
	const xt_topo *t = topo("the capital of Iraq");
	assert_true(t == NULL || !t->resolved);
	/* "the capital Tehran": a place's cue; "east of the capital Tehran" is
	 * only a reference: no such cue */
	run("Gunmen shot a judge on Monday in the capital Tehran.");
	t = placed("Tehran", "t:tehran");
	assert_true(t->flags & XP_LOCATIVE);
	assert_false(t->flags & XP_RELATIVE);
	run("A mine killed four in a village east of the capital Tehran on Monday.");
	t = placed("Tehran", "t:tehran");
	assert_false(t->flags & XP_LOCATIVE);
}

/* "X in North Varda": a province whose name opens with a compass word is
 * still the reference (the Fenwick near it, although the gazetteer files
 * it under another province, as it did Ladha of South Waziristan); a place of the province named
 * lies in it however far from the province's point; a side taken ("pro-Turkish") is a weak hint of
 * the country. */
static void test_reference_in_province(void **state)
{
	(void)state;
	run("Gunmen killed five farmers in Fenwick in North Varda on Monday.");
	placed("Fenwick", "t:fenwick-nv");
	/* an editor's aside in brackets between */
	run("A bomb killed two in Fenwick tehsil [subdivision] in North Varda on Monday.");
	placed("Fenwick", "t:fenwick-nv");
	run("Gunmen killed five traders in Tellan locality in North Varda on Monday.");
	const xt_topo *t = placed("Tellan", "t:a2-tellan");
	assert_false(t->flags & XP_UNKNOWN);
	run("Clashes between police and pro-Turkish gunmen in Dorud killed six on Monday.");
	placed("Dorud", "t:dorud-ir");
	/* named as a people, the country still counts */
	run("Clashes between police and Turkish gunmen in Dorud killed six on Monday.");
	placed("Dorud", "t:dorud-tr");
}

/* A country's name that a town of a province the text is about bears as
 * its own is the town in a local story ("Palestine" among the places of
 * a Texan county); its people after it ("a Turkey man") make it a town's
 * name wherever it comes back. A story that speaks of another country
 * keeps the country. */
static void test_country_named_town(void **state)
{
	(void)state;
	run("Deputies of Mabry County searched a barn near Turkey on Friday.");
	placed("Turkey", "t:turkey-tx");
	run("A Turkey woman won the prize at the fair. Turkey celebrated.");
	placed("Turkey", "t:turkey-tx");
	const xt_topo *t = &tp.v[tp.n - 1];
	assert_int_equal(doc.tok[t->t0].s, strlen("A Turkey woman won the prize at the fair. "));
	assert_string_equal(t->place.id, "t:turkey-tx");
	run("Envoys of Turkey met ministers of Iraq, an official of Mabry County said.");
	placed("Turkey", "t:tr");
	run("Envoys of Turkey met ministers on Friday.");
	placed("Turkey", "t:tr");
}

/* A town's own body after its name ("Konduga Police", "Konduga City
 * Council", "the Konduga Police Department") names the town, however
 * small: listed and placed, though never an incident's place; an
 * organisation's name ("Konduga Security Council") does not. */
static void test_town_body(void **state)
{
	(void)state;
	static const char *const bodies[][2] = {
	    {"Two men were held by Konduga Police on Friday.", "Konduga"},
	    {"The Konduga City Council met on Friday.", "Konduga City"},
	    {"Detectives of the Konduga Police Department met on Friday.", "Konduga"},
	};
	for (size_t i = 0; i < sizeof bodies / sizeof *bodies; i++) {
		run(bodies[i][0]);
		const xt_topo *t = placed(bodies[i][1], "t:konduga");
		assert_int_equal(t->role, XR_EMBEDDED);
		assert_true(t->conf >= 0.25);
	}
	run("The Konduga Security Council met on Friday.");
	const xt_topo *t = topo("Konduga");
	assert_true(t == NULL || t->conf < 0.25);
}

/* A capitalised compass word before a name is part of it, no place of
 * its own ("Northeast Georgia" is no region of England called
 * Northeast); a town's body without the town ("the City Council") is no
 * town called Council. */
static void test_compass_and_bare_body(void **state)
{
	(void)state;
	run("Schools in Northeast Georgia cut jobs on Friday.");
	assert_null(topo("Northeast"));
	const xt_topo *t = topo("Northeast Georgia");
	assert_non_null(t);
	assert_true(t->resolved);
	run("Officials of Northeast said on Friday that schools would close.");
	assert_non_null(topo("Northeast"));
	run("The City Council of Pennock met on Friday.");
	assert_null(topo("City Council"));
	assert_null(topo("Council"));
	assert_non_null(topo("Pennock"));
}

/* Each name of a list before a plural admin head is one of them, looked
 * up with the head's singular ("Corwen and Dunmore counties": Corwen
 * County, not the bigger town of Corwen elsewhere); one name alone before
 * the plural is no such county ("the metro Corwen counties" are those
 * around the town). */
static void test_county_list(void **state)
{
	(void)state;
	run("Flood warnings were issued for Corwen and Dunmore counties on Monday.");
	placed("Corwen", "t:corwen-co-ok");
	placed("Dunmore", "t:dunmore-co-ok");
	run("Flood warnings were issued for Corwen, Dunmore and Tull counties on Monday.");
	placed("Corwen", "t:corwen-co-ok");
	placed("Dunmore", "t:dunmore-co-ok");
	run("Jobless rates in the four metro Corwen counties rose on Monday.");
	const xt_topo *t = topo("Corwen");
	assert_true(t == NULL || !t->resolved || strcmp(t->place.id, "t:corwen-co-ok") != 0);
	run("Corwen and Dunmore were flooded on Monday.");
	t = topo("Corwen");
	assert_true(t == NULL || !t->resolved || strcmp(t->place.id, "t:corwen-co-ok") != 0);
}

/* A town named like a country agrees with a county the text names, as
 * any town does ("Lebanon" beside "Boone County" is Lebanon, Indiana):
 * of its namesakes, the one the county lies by. */
static void test_country_named_town_county(void **state)
{
	(void)state;
	run("A Jordan woman was charged on Friday, the Bexley County sheriff said.");
	placed("Jordan", "t:jordan-mn");
	placed("Bexley County", "t:bexley-co-mn");
	run("Two men of Jordan were charged on Friday, the sheriff of Bexley County said.");
	placed("Jordan", "t:jordan-mn");
	run("Two men of Jordan were charged on Friday.");
	const xt_topo *t = topo("Jordan");
	assert_true(t == NULL || !t->resolved || strcmp(t->place.id, "t:jordan-mn") != 0);
}

/* A state's name inside its agency's name ("the Tennessee Department
 * of Safety", "Indiana State Police") is a voter for the story's state,
 * though no place of its own. */
static void test_state_agency(void **state)
{
	(void)state;
	run("Two men were arrested in Corvale on Friday, the Tennessee Department of Safety said.");
	placed("Corvale", "t:corvale-tn");
	const xt_topo *t = topo("Tennessee");
	assert_true(t == NULL || t->role == XR_EMBEDDED);
	run("Two men were arrested in Corvale on Friday, the Department of Safety said.");
	placed("Corvale", "t:corvale-oh");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_cues),
	    cmocka_unit_test(test_not_places),
	    cmocka_unit_test(test_context),
	    cmocka_unit_test(test_kin),
	    cmocka_unit_test(test_head_words),
	    cmocka_unit_test(test_sites_and_datelines),
	    cmocka_unit_test(test_repeated),
	    cmocka_unit_test(test_province_names),
	    cmocka_unit_test(test_niger_country),
	    cmocka_unit_test(test_other_tongue),
	    cmocka_unit_test(test_region_not_hamlet),
	    cmocka_unit_test(test_far_from_area),
	    cmocka_unit_test(test_in_the_province_of),
	    cmocka_unit_test(test_border_demonym),
	    cmocka_unit_test(test_province_abroad),
	    cmocka_unit_test(test_neighbour_named),
	    cmocka_unit_test(test_organisation_named),
	    cmocka_unit_test(test_other_name_elsewhere),
	    cmocka_unit_test(test_other_name_at_home),
	    cmocka_unit_test(test_said_in_country),
	    cmocka_unit_test(test_district_province),
	    cmocka_unit_test(test_county_town),
	    cmocka_unit_test(test_detail_places),
	    cmocka_unit_test(test_actor_country),
	    cmocka_unit_test(test_village_not_city),
	    cmocka_unit_test(test_agree_province),
	    cmocka_unit_test(test_ezafe),
	    cmocka_unit_test(test_person_cues),
	    cmocka_unit_test(test_prefix_of_longer_name),
	    cmocka_unit_test(test_villages_agree),
	    cmocka_unit_test(test_provinces_agree),
	    cmocka_unit_test(test_state_named),
	    cmocka_unit_test(test_country_named_town),
	    cmocka_unit_test(test_town_body),
	    cmocka_unit_test(test_compass_and_bare_body),
	    cmocka_unit_test(test_county_list),
	    cmocka_unit_test(test_country_named_town_county),
	    cmocka_unit_test(test_state_agency),
	    cmocka_unit_test(test_demonym_noun),
	    cmocka_unit_test(test_name_span),
	    cmocka_unit_test(test_employer_and_based),
	    cmocka_unit_test(test_district_reference),
	    cmocka_unit_test(test_title_in_town_name),
	    cmocka_unit_test(test_capital_phrases),
	    cmocka_unit_test(test_reference_in_province),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
