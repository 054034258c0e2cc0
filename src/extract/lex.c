/* lex.c: the word lists the extractor reads text with (abbreviations,
 * titles and given names, news outlets, demonyms, common words that are also
 * place names, place and organisation head words, actor names), and the
 * matcher over tokens. Lists are written in any order and sorted once. */
#include "extract_int.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* v 1: binds to what follows (a name, a number), so a capital after it does
 * not open a sentence; v 0: may end one ("U.S.", "Calif."). */
static xt_lex abbrevs_e[] = {
	{"mr", 1, 0}, {"mrs", 1, 0}, {"ms", 1, 0}, {"dr", 1, 0}, {"prof", 1, 0},
	{"rev", 1, 0}, {"gen", 1, 0}, {"lt", 1, 0}, {"col", 1, 0}, {"maj", 1, 0},
	{"capt", 1, 0}, {"cpt", 1, 0}, {"sgt", 1, 0}, {"cpl", 1, 0}, {"pvt", 1, 0},
	{"adm", 1, 0}, {"cmdr", 1, 0}, {"cdr", 1, 0}, {"brig", 1, 0}, {"gov", 1, 0},
	{"sen", 1, 0}, {"rep", 1, 0}, {"st", 1, 0}, {"mt", 1, 0}, {"ft", 1, 0},
	{"no", 1, 0}, {"nos", 1, 0}, {"messrs", 1, 0}, {"hon", 1, 0}, {"insp", 1, 0},
	{"supt", 1, 0}, {"det", 1, 0}, {"sheikh", 1, 0}, {"vs", 1, 0}, {"approx", 1, 0},
	{"jan", 1, 0}, {"feb", 1, 0}, {"mar", 1, 0}, {"apr", 1, 0}, {"jun", 1, 0},
	{"jul", 1, 0}, {"aug", 1, 0}, {"sep", 1, 0}, {"sept", 1, 0}, {"oct", 1, 0},
	{"nov", 1, 0}, {"dec", 1, 0}, {"fig", 1, 0}, {"ca", 1, 0}, {"lieut", 1, 0},
	{"jr", 0, 0}, {"sr", 0, 0}, {"inc", 0, 0}, {"ltd", 0, 0}, {"co", 0, 0},
	{"corp", 0, 0}, {"etc", 0, 0}, {"est", 0, 0}, {"dept", 0, 0}, {"govt", 0, 0},
	{"univ", 0, 0}, {"ave", 0, 0}, {"blvd", 0, 0}, {"rd", 0, 0}, {"hwy", 0, 0},
	{"ala", 0, 0}, {"ariz", 0, 0}, {"ark", 0, 0}, {"calif", 0, 0}, {"colo", 0, 0},
	{"conn", 0, 0}, {"del", 0, 0}, {"fla", 0, 0}, {"ga", 0, 0}, {"ill", 0, 0},
	{"ind", 0, 0}, {"kan", 0, 0}, {"kans", 0, 0}, {"ky", 0, 0}, {"la", 0, 0},
	{"md", 0, 0}, {"mass", 0, 0}, {"mich", 0, 0}, {"minn", 0, 0}, {"miss", 0, 0},
	{"mo", 0, 0}, {"mont", 0, 0}, {"neb", 0, 0}, {"nev", 0, 0}, {"okla", 0, 0},
	{"ore", 0, 0}, {"pa", 0, 0}, {"penn", 0, 0}, {"tenn", 0, 0}, {"tex", 0, 0},
	{"va", 0, 0}, {"vt", 0, 0}, {"wash", 0, 0}, {"wis", 0, 0}, {"wisc", 0, 0},
	{"wyo", 0, 0}, {"nebr", 0, 0}, {"ida", 0, 0}, {"mex", 0, 0}, {"dak", 0, 0},
};

/* Titles that come before a person's name. */
static xt_lex titles_e[] = {
	{"president", 1, 0}, {"prime minister", 1, 0}, {"pm", 1, 0}, {"minister", 1, 0},
	{"deputy", 1, 0}, {"governor", 1, 0}, {"gov.", 1, 0}, {"sheikh", 1, 0},
	{"shaikh", 1, 0}, {"sheik", 1, 0}, {"imam", 1, 0}, {"ayatollah", 1, 0},
	/* forms of address of West Africa and South Asia: "Malam Ustaz Yunus",
	 * "Alhaji Musa", "Maulana Shamsur Rehman" */
	{"malam", 1, 0}, {"mallam", 1, 0}, {"alhaji", 1, 0}, {"alhaja", 1, 0},
	{"hajia", 1, 0}, {"ustaz", 1, 0}, {"maulana", 1, 0},
	{"grand ayatollah", 1, 0}, {"mr.", 1, 0}, {"mrs.", 1, 0}, {"ms.", 1, 0},
	{"dr.", 1, 0}, {"gen.", 1, 0}, {"general", 1, 0}, {"lt.", 1, 0},
	{"lieutenant", 1, 0}, {"col.", 1, 0}, {"colonel", 1, 0}, {"maj.", 1, 0},
	{"major general", 1, 0}, {"capt.", 1, 0}, {"captain", 1, 0}, {"sgt.", 1, 0},
	{"sergeant", 1, 0}, {"commander", 1, 0}, {"brigadier", 1, 0}, {"brig.", 1, 0},
	{"spokesman", 1, 0}, {"spokeswoman", 1, 0}, {"spokesperson", 1, 0}, {"mp", 1, 0},
	{"lawmaker", 1, 0}, {"senator", 1, 0}, {"sen.", 1, 0}, {"rep.", 1, 0},
	{"king", 1, 0}, {"prince", 1, 0}, {"princess", 1, 0}, {"queen", 1, 0},
	{"emir", 1, 0}, {"sultan", 1, 0}, {"pope", 1, 0}, {"mayor", 1, 0}, {"judge", 1, 0},
	{"chief", 1, 0}, {"director", 1, 0}, {"secretary", 1, 0}, {"speaker", 1, 0},
	{"ambassador", 1, 0}, {"envoy", 1, 0}, {"cleric", 1, 0}, {"leader", 1, 0},
	{"professor", 1, 0}, {"prof.", 1, 0}, {"rev.", 1, 0}, {"reverend", 1, 0},
	{"bishop", 1, 0}, {"archbishop", 1, 0}, {"patriarch", 1, 0}, {"cardinal", 1, 0},
	{"mullah", 1, 0}, {"hajji", 1, 0}, {"haji", 1, 0}, {"sayyid", 1, 0}, {"sayed", 1, 0},
	{"seyed", 1, 0}, {"mufti", 1, 0}, {"detective", 1, 0}, {"inspector", 1, 0},
	{"sheriff", 1, 0}, {"coach", 1, 0}, {"lord", 1, 0}, {"lady", 1, 0}, {"sir", 1, 0},
	{"dame", 1, 0}, {"rabbi", 1, 0}, {"pastor", 1, 0}, {"chairman", 1, 0},
	{"chairwoman", 1, 0}, {"ceo", 1, 0}, {"commissioner", 1, 0}, {"councillor", 1, 0},
	{"councilor", 1, 0}, {"councilman", 1, 0}, {"councilwoman", 1, 0},
	{"attorney", 1, 0}, {"officer", 1, 0}, {"trooper", 1, 0}, {"corporal", 1, 0},
	{"private", 1, 0}, {"admiral", 1, 0}, {"marshal", 1, 0}, {"field marshal", 1, 0},
	{"vice president", 1, 0}, {"foreign minister", 1, 0}, {"defence minister", 1, 0},
	{"defense minister", 1, 0}, {"interior minister", 1, 0}, {"superintendent", 1, 0},
	{"st.", 0, 0}, {"mr", 1, 0}, {"mrs", 1, 0}, {"dr", 1, 0}, {"lt", 1, 0},
	{"gen", 1, 0}, {"col", 1, 0}, {"capt", 1, 0}, {"sgt", 1, 0},
	{"cpl.", 1, 0}, {"pvt.", 1, 0}, {"adm.", 1, 0}, {"cmdr.", 1, 0}, {"supt.", 1, 0},
	{"insp.", 1, 0}, {"det.", 1, 0}, {"hon.", 1, 0}, {"activist", 1, 0},
	{"journalist", 1, 0}, {"photographer", 1, 0}, {"reporter", 1, 0},
	{"correspondent", 1, 0}, {"analyst", 1, 0}, {"researcher", 1, 0},
	{"candidate", 1, 0}, {"mps", 1, 0}, {"premier", 1, 0}, {"chancellor", 1, 0},
	{"dean", 1, 0}, {"principal", 1, 0}, {"nurse", 1, 0}, {"doctor", 1, 0},
	{"singer", 1, 0}, {"actor", 1, 0}, {"actress", 1, 0}, {"author", 1, 0},
	{"writer", 1, 0}, {"poet", 1, 0}, {"artist", 1, 0}, {"rapper", 1, 0},
	/* kin: "his brother Alex", "her cousin Viktoria" */
	{"brother", 1, 0}, {"sister", 1, 0}, {"son", 1, 0}, {"daughter", 1, 0},
	{"wife", 1, 0}, {"husband", 1, 0}, {"mother", 1, 0}, {"father", 1, 0},
	{"cousin", 1, 0}, {"uncle", 1, 0}, {"aunt", 1, 0}, {"nephew", 1, 0}, {"niece", 1, 0},
	{"girlfriend", 1, 0}, {"boyfriend", 1, 0}, {"fiancee", 1, 0}, {"fiance", 1, 0},
	{"grandson", 1, 0}, {"granddaughter", 1, 0}, {"grandfather", 1, 0},
	{"grandmother", 1, 0}, {"widow", 1, 0}, {"stepson", 1, 0}, {"stepdaughter", 1, 0},
};

/* Common given names: a capitalised word after one is a surname. Names that
 * are also well-known places are left out on purpose. */
static xt_lex given_e[] = {
	{"mohammed", 0, 0}, {"muhammad", 0, 0}, {"mohamed", 0, 0}, {"mohammad", 0, 0},
	{"mohamad", 0, 0}, {"muhammed", 0, 0}, {"ahmed", 0, 0}, {"ahmad", 0, 0},
	{"ali", 0, 0}, {"hassan", 0, 0}, {"hasan", 0, 0}, {"hussein", 0, 0},
	{"hussain", 0, 0}, {"husain", 0, 0}, {"mustafa", 0, 0}, {"mustapha", 0, 0},
	{"mostafa", 0, 0}, {"omar", 0, 0}, {"umar", 0, 0}, {"abdullah", 0, 0},
	{"abdallah", 0, 0}, {"abdul", 0, 0}, {"abdel", 0, 0}, {"abd", 0, 0}, {"abu", 0, 0},
	{"ibrahim", 0, 0}, {"ismail", 0, 0}, {"khalid", 0, 0}, {"khaled", 0, 0},
	{"saleh", 0, 0}, {"salih", 0, 0}, {"hadi", 0, 0}, {"haider", 0, 0},
	{"hayder", 0, 0}, {"haidar", 0, 0}, {"qais", 0, 0}, {"qasim", 0, 0},
	{"qassem", 0, 0}, {"qasem", 0, 0}, {"nouri", 0, 0}, {"nuri", 0, 0}, {"adel", 0, 0},
	{"adil", 0, 0}, {"muqtada", 0, 0}, {"ammar", 0, 0}, {"hamid", 0, 0},
	{"hamed", 0, 0}, {"karim", 0, 0}, {"kareem", 0, 0}, {"jamal", 0, 0},
	{"jalal", 0, 0}, {"masoud", 0, 0}, {"massoud", 0, 0}, {"masud", 0, 0},
	{"nechirvan", 0, 0}, {"masrour", 0, 0}, {"barham", 0, 0}, {"fuad", 0, 0},
	{"fouad", 0, 0}, {"asaad", 0, 0}, {"as'ad", 0, 0}, {"yousef", 0, 0},
	{"yusuf", 0, 0}, {"youssef", 0, 0}, {"yousif", 0, 0}, {"mahmoud", 0, 0},
	{"mahmud", 0, 0}, {"tariq", 0, 0}, {"tareq", 0, 0}, {"tarek", 0, 0},
	{"walid", 0, 0}, {"waleed", 0, 0}, {"ziad", 0, 0}, {"faisal", 0, 0},
	{"fahd", 0, 0}, {"sami", 0, 0}, {"samir", 0, 0}, {"sadiq", 0, 0}, {"sadeq", 0, 0},
	{"raed", 0, 0}, {"rashid", 0, 0}, {"majid", 0, 0}, {"nasser", 0, 0},
	{"nasir", 0, 0}, {"abbas", 0, 0}, {"jafar", 0, 0}, {"jaafar", 0, 0},
	{"hashim", 0, 0}, {"hashem", 0, 0}, {"kamal", 0, 0}, {"kazem", 0, 0},
	{"kadhim", 0, 0}, {"kazim", 0, 0}, {"ayad", 0, 0}, {"iyad", 0, 0}, {"osama", 0, 0},
	{"usama", 0, 0}, {"saddam", 0, 0}, {"bashar", 0, 0}, {"hafez", 0, 0},
	{"recep", 0, 0}, {"tayyip", 0, 0}, {"ebrahim", 0, 0}, {"javad", 0, 0},
	{"ayman", 0, 0}, {"jawad", 0, 0}, {"akram", 0, 0}, {"bilal", 0, 0}, {"emad", 0, 0},
	{"imad", 0, 0}, {"ghazi", 0, 0}, {"hamza", 0, 0}, {"harith", 0, 0}, {"anwar", 0, 0},
	{"fadhil", 0, 0}, {"fadel", 0, 0}, {"falih", 0, 0}, {"falah", 0, 0}, {"nibras", 0, 0},
	{"mohsen", 0, 0}, {"muhsin", 0, 0}, {"hazem", 0, 0}, {"hazim", 0, 0},
	{"wael", 0, 0}, {"wail", 0, 0}, {"amer", 0, 0}, {"amir", 0, 0}, {"ammer", 0, 0},
	{"ayoub", 0, 0}, {"ayub", 0, 0}, {"bakr", 0, 0}, {"dawood", 0, 0}, {"dawud", 0, 0},
	{"fares", 0, 0}, {"faris", 0, 0}, {"ghassan", 0, 0}, {"habib", 0, 0},
	{"hakim", 0, 0}, {"hisham", 0, 0}, {"ihsan", 0, 0}, {"issam", 0, 0},
	{"jabbar", 0, 0}, {"jasim", 0, 0}, {"jassim", 0, 0}, {"khalil", 0, 0},
	{"laith", 0, 0}, {"layth", 0, 0}, {"maher", 0, 0}, {"mazen", 0, 0},
	{"mazin", 0, 0}, {"mehdi", 0, 0}, {"mahdi", 0, 0}, {"munir", 0, 0},
	{"murad", 0, 0}, {"nabil", 0, 0}, {"naji", 0, 0}, {"nawaf", 0, 0},
	{"nizar", 0, 0}, {"qusay", 0, 0}, {"rami", 0, 0}, {"ramzi", 0, 0}, {"riad", 0, 0},
	{"rida", 0, 0}, {"ridha", 0, 0}, {"saad", 0, 0}, {"sabah", 0, 0}, {"saif", 0, 0},
	{"sayf", 0, 0}, {"salim", 0, 0}, {"salem", 0, 0}, {"shakir", 0, 0},
	{"shaker", 0, 0}, {"suleiman", 0, 0}, {"sulaiman", 0, 0}, {"talal", 0, 0},
	{"tawfiq", 0, 0}, {"uday", 0, 0}, {"wissam", 0, 0}, {"yasser", 0, 0},
	{"yasir", 0, 0}, {"yassin", 0, 0}, {"yahya", 0, 0}, {"zaid", 0, 0},
	{"zeid", 0, 0}, {"zuhair", 0, 0}, {"fatima", 0, 0}, {"fatma", 0, 0},
	{"aisha", 0, 0}, {"maryam", 0, 0}, {"mariam", 0, 0}, {"zainab", 0, 0},
	{"zeinab", 0, 0}, {"noor", 0, 0}, {"nour", 0, 0}, {"huda", 0, 0}, {"layla", 0, 0},
	{"leila", 0, 0}, {"rania", 0, 0}, {"sara", 0, 0}, {"hana", 0, 0}, {"amal", 0, 0},
	{"ebru", 0, 0}, {"kemal", 0, 0}, {"mehmet", 0, 0}, {"ahmet", 0, 0},
	{"mustafa kemal", 0, 0}, {"selahattin", 0, 0}, {"devlet", 0, 0},
	{"kilicdaroglu", 0, 0}, {"hulusi", 0, 0}, {"suleyman", 0, 0}, {"binali", 0, 0},
	{"hakan", 0, 0}, {"murat", 0, 0}, {"emre", 0, 0}, {"hossein", 0, 0},
	{"hosseini", 0, 0}, {"reza", 0, 0}, {"hassan rouhani", 0, 0}, {"mahmoud ahmadinejad", 0, 0},
	{"ruhollah", 0, 0}, {"abolfazl", 0, 0}, {"gholam", 0, 0}, {"mojtaba", 0, 0},
	{"nabih", 0, 0}, {"saad hariri", 0, 0}, {"rafik", 0, 0}, {"michel", 0, 0},
	{"najib", 0, 0}, {"tammam", 0, 0}, {"walid jumblatt", 0, 0}, {"ansarullah", 0, 0},
	{"abd rabbu", 0, 0}, {"abdrabbuh", 0, 0}, {"abdulmalik", 0, 0},
	{"john", 0, 0}, {"david", 0, 0}, {"michael", 0, 0}, {"james", 0, 0},
	{"robert", 0, 0}, {"william", 0, 0}, {"joseph", 0, 0}, {"thomas", 0, 0},
	{"charles", 0, 0}, {"mark", 0, 0}, {"paul", 0, 0}, {"peter", 0, 0},
	{"richard", 0, 0}, {"daniel", 0, 0}, {"george", 0, 0}, {"donald", 0, 0},
	{"joe", 0, 0}, {"barack", 0, 0}, {"hillary", 0, 0}, {"mike", 0, 0},
	{"antony", 0, 0}, {"anthony", 0, 0}, {"lloyd", 0, 0}, {"emmanuel", 0, 0},
	{"vladimir", 0, 0}, {"angela", 0, 0}, {"boris", 0, 0}, {"mary", 0, 0},
	{"elizabeth", 0, 0}, {"sarah", 0, 0}, {"jennifer", 0, 0}, {"linda", 0, 0},
	{"susan", 0, 0}, {"karen", 0, 0}, {"nancy", 0, 0}, {"lisa", 0, 0},
	{"betty", 0, 0}, {"margaret", 0, 0}, {"sandra", 0, 0}, {"ashley", 0, 0},
	{"kimberly", 0, 0}, {"emily", 0, 0}, {"donna", 0, 0}, {"michelle", 0, 0},
	{"carol", 0, 0}, {"amanda", 0, 0}, {"melissa", 0, 0}, {"deborah", 0, 0},
	{"stephanie", 0, 0}, {"rebecca", 0, 0}, {"laura", 0, 0}, {"sharon", 0, 0},
	{"cynthia", 0, 0}, {"kathleen", 0, 0}, {"amy", 0, 0}, {"shirley", 0, 0},
	{"anna", 0, 0}, {"ruth", 0, 0}, {"brenda", 0, 0}, {"pamela", 0, 0},
	{"nicole", 0, 0}, {"katherine", 0, 0}, {"christine", 0, 0}, {"janet", 0, 0},
	{"debra", 0, 0}, {"rachel", 0, 0}, {"carolyn", 0, 0}, {"maria", 0, 0},
	{"heather", 0, 0}, {"diane", 0, 0}, {"julie", 0, 0}, {"joyce", 0, 0},
	{"christopher", 0, 0}, {"matthew", 0, 0}, {"steven", 0, 0}, {"stephen", 0, 0},
	{"andrew", 0, 0}, {"kenneth", 0, 0}, {"kevin", 0, 0}, {"brian", 0, 0},
	{"edward", 0, 0}, {"ronald", 0, 0}, {"timothy", 0, 0}, {"jason", 0, 0},
	{"jeffrey", 0, 0}, {"ryan", 0, 0}, {"jacob", 0, 0}, {"gary", 0, 0},
	{"nicholas", 0, 0}, {"eric", 0, 0}, {"jonathan", 0, 0}, {"larry", 0, 0},
	{"justin", 0, 0}, {"scott", 0, 0}, {"brandon", 0, 0}, {"benjamin", 0, 0},
	{"samuel", 0, 0}, {"gregory", 0, 0}, {"frank", 0, 0}, {"alexander", 0, 0},
	{"patrick", 0, 0}, {"raymond", 0, 0}, {"jack", 0, 0}, {"dennis", 0, 0},
	{"jerry", 0, 0}, {"tyler", 0, 0}, {"aaron", 0, 0}, {"jose", 0, 0},
	{"adam", 0, 0}, {"henry", 0, 0}, {"nathan", 0, 0}, {"douglas", 0, 0},
	{"zachary", 0, 0}, {"kyle", 0, 0}, {"walter", 0, 0}, {"harold", 0, 0},
	{"jeremy", 0, 0}, {"ethan", 0, 0}, {"carl", 0, 0}, {"keith", 0, 0},
	{"roger", 0, 0}, {"gerald", 0, 0}, {"christian", 0, 0}, {"terry", 0, 0},
	{"sean", 0, 0}, {"arthur", 0, 0}, {"austin", 0, 0}, {"noah", 0, 0},
	{"lawrence", 0, 0}, {"jesse", 0, 0}, {"joe biden", 0, 0}, {"bryan", 0, 0},
	{"billy", 0, 0}, {"bruce", 0, 0}, {"gabriel", 0, 0}, {"logan", 0, 0},
	{"alan", 0, 0}, {"juan", 0, 0}, {"wayne", 0, 0}, {"ralph", 0, 0},
	{"roy", 0, 0}, {"eugene", 0, 0}, {"randy", 0, 0}, {"vincent", 0, 0},
	{"russell", 0, 0}, {"louis", 0, 0}, {"philip", 0, 0}, {"bobby", 0, 0},
	{"johnny", 0, 0}, {"bradley", 0, 0}, {"tom", 0, 0}, {"jim", 0, 0},
	{"bob", 0, 0}, {"bill", 0, 0}, {"steve", 0, 0}, {"dave", 0, 0}, {"chris", 0, 0},
	{"matt", 0, 0}, {"dan", 0, 0}, {"ben", 0, 0}, {"sam", 0, 0}, {"tim", 0, 0},
	{"nick", 0, 0}, {"tony", 0, 0}, {"rick", 0, 0}, {"greg", 0, 0}, {"jeff", 0, 0},
	{"ted", 0, 0}, {"ron", 0, 0}, {"ken", 0, 0}, {"andy", 0, 0}, {"pete", 0, 0},
	{"kate", 0, 0}, {"katie", 0, 0}, {"jessica", 0, 0}, {"megan", 0, 0},
	{"lauren", 0, 0}, {"hannah", 0, 0}, {"olivia", 0, 0}, {"emma", 0, 0},
	{"sophia", 0, 0}, {"ava", 0, 0}, {"isabella", 0, 0}, {"mia", 0, 0},
	{"abigail", 0, 0}, {"madison", 0, 0}, {"chloe", 0, 0}, {"grace", 0, 0},
	{"julia", 0, 0}, {"anne", 0, 0}, {"ann", 0, 0}, {"jane", 0, 0}, {"helen", 0, 0},
	{"alice", 0, 0}, {"catherine", 0, 0}, {"frances", 0, 0}, {"martha", 0, 0},
	{"teresa", 0, 0}, {"theresa", 0, 0}, {"judy", 0, 0}, {"judith", 0, 0},
	{"virginia", 2, 0}, {"dorothy", 0, 0}, {"marie", 0, 0}, {"jean", 0, 0},
	{"pierre", 0, 0}, {"jacques", 0, 0}, {"francois", 0, 0}, {"marine", 0, 0},
	{"hans", 0, 0}, {"klaus", 0, 0}, {"wolfgang", 0, 0}, {"olaf", 0, 0},
	{"giorgia", 0, 0}, {"silvio", 0, 0}, {"matteo", 0, 0}, {"pedro", 0, 0},
	{"carlos", 0, 0}, {"luis", 0, 0}, {"miguel", 0, 0}, {"antonio", 0, 0},
	{"manuel", 0, 0}, {"francisco", 0, 0}, {"javier", 0, 0}, {"sergei", 0, 0},
	{"sergey", 0, 0}, {"dmitry", 0, 0}, {"alexei", 0, 0}, {"volodymyr", 0, 0},
	{"xi", 0, 0}, {"narendra", 0, 0}, {"imran", 0, 0}, {"nawaz", 0, 0},
	{"benjamin netanyahu", 0, 0}, {"benny", 0, 0}, {"yair", 0, 0}, {"naftali", 0, 0},
	{"yoav", 0, 0}, {"ismail haniyeh", 0, 0}, {"yahya sinwar", 0, 0},
	{"martin", 0, 0}, {"kim", 0, 0}, {"lee", 0, 0}, {"jon", 0, 0}, {"josh", 0, 0},
	{"joshua", 0, 0}, {"brett", 0, 0}, {"todd", 0, 0}, {"craig", 0, 0},
	{"derek", 0, 0}, {"travis", 0, 0}, {"shane", 0, 0}, {"chad", 0, 0},
	{"marcus", 0, 0}, {"tiffany", 0, 0}, {"crystal", 0, 0}, {"wendy", 0, 0},
	{"tammy", 0, 0}, {"tracy", 0, 0}, {"dana", 0, 0}, {"erin", 0, 0},
	{"kelly", 0, 0}, {"kristen", 0, 0}, {"stacy", 0, 0}, {"angie", 0, 0},
	{"amber", 0, 0}, {"april", 2, 0}, {"carrie", 0, 0}, {"monica", 0, 0},
	{"patricia", 0, 0}, {"barbara", 0, 0}, {"cheryl", 0, 0}, {"evelyn", 0, 0},
	{"gloria", 0, 0}, {"jacqueline", 0, 0}, {"joan", 0, 0}, {"kathy", 0, 0},
	{"beverly", 0, 0}, {"denise", 0, 0}, {"lori", 0, 0}, {"tina", 0, 0},
	{"rose", 0, 0}, {"diana", 0, 0}, {"andrea", 0, 0}, {"renee", 0, 0},
	{"stanley", 0, 0}, {"leonard", 0, 0}, {"howard", 0, 0}, {"fred", 0, 0},
	{"earl", 0, 0}, {"jimmy", 0, 0}, {"danny", 0, 0}, {"curtis", 0, 0},
	{"alex", 0, 0}, {"jeremiah", 0, 0}, {"tommy", 0, 0}, {"kirk", 0, 0},
	{"glenn", 0, 0}, {"harry", 0, 0}, {"phil", 0, 0}, {"rob", 0, 0},
	{"randall", 0, 0}, {"allen", 0, 0}, {"marvin", 0, 0}, {"norman", 0, 0},
	{"victor", 0, 0}, {"troy", 2, 0}, {"dean", 0, 0}, {"ray", 0, 0},
	{"melvin", 0, 0}, {"leroy", 0, 0}, {"hector", 0, 0}, {"ramon", 0, 0},
	{"ricardo", 0, 0}, {"roberto", 0, 0}, {"eduardo", 0, 0}, {"jorge", 0, 0},
	{"fernando", 0, 0}, {"alberto", 0, 0}, {"mario", 0, 0}, {"oscar", 0, 0},
	{"rafael", 0, 0}, {"raul", 0, 0}, {"sergio", 0, 0}, {"enrique", 0, 0},
	{"andres", 0, 0}, {"angel", 0, 0}, {"ruben", 0, 0}, {"mohamud", 0, 0},
	{"abdirahman", 0, 0}, {"abdi", 0, 0}, {"ahmadi", 0, 0}, {"ashraf", 0, 0},
	{"hamdi", 0, 0}, {"raja", 0, 0}, {"rajesh", 0, 0}, {"ravi", 0, 0},
	{"amit", 0, 0}, {"sanjay", 0, 0}, {"rahul", 0, 0}, {"sunil", 0, 0},
	{"anil", 0, 0}, {"vijay", 0, 0}, {"priya", 0, 0}, {"shah", 0, 0},
	{"aiden", 0, 0}, {"angus", 0, 0}, {"archie", 0, 0}, {"barney", 0, 0}, {"basil", 0, 0},
	{"benedict", 0, 0}, {"bertie", 0, 0}, {"boyd", 0, 0}, {"bradford", 0, 0},
	{"brendan", 0, 0}, {"brent", 0, 0}, {"bruno", 0, 0}, {"byron", 0, 0}, {"cai", 0, 0},
	{"caleb", 0, 0}, {"cao", 0, 0}, {"cedric", 0, 0}, {"chen", 0, 0}, {"cheng", 0, 0},
	{"chester", 0, 0}, {"claire", 0, 0}, {"clara", 0, 0}, {"clarence", 0, 0},
	{"claude", 0, 0}, {"cliff", 0, 0}, {"clifford", 0, 0}, {"clint", 0, 0}, {"clyde", 0, 0},
	{"cole", 0, 0}, {"colin", 0, 0}, {"colleen", 0, 0}, {"conan", 0, 0}, {"connie", 0, 0},
	{"conor", 0, 0}, {"cornelius", 0, 0}, {"courtney", 0, 0}, {"daisy", 0, 0}, {"dale", 0, 0},
	{"damian", 0, 0}, {"damon", 0, 0}, {"darren", 0, 0}, {"darryl", 0, 0}, {"dawn", 0, 0},
	{"debbie", 0, 0}, {"declan", 0, 0}, {"delia", 0, 0}, {"deng", 0, 0}, {"derrick", 0, 0},
	{"desmond", 0, 0}, {"dexter", 0, 0}, {"dilan", 0, 0}, {"ding", 0, 0}, {"dominic", 0, 0},
	{"dong", 0, 0}, {"donovan", 0, 0}, {"doug", 0, 0}, {"du", 0, 0}, {"duncan", 0, 0},
	{"dwight", 0, 0}, {"dylan", 0, 0}, {"eddie", 0, 0}, {"edgar", 0, 0}, {"edith", 0, 0},
	{"edmund", 0, 0}, {"edwin", 0, 0}, {"eileen", 0, 0}, {"elaine", 0, 0}, {"eli", 0, 0},
	{"ella", 0, 0}, {"ellen", 0, 0}, {"elliot", 0, 0}, {"elmer", 0, 0}, {"eloise", 0, 0},
	{"elvis", 0, 0}, {"emil", 0, 0}, {"erica", 0, 0}, {"ernest", 0, 0}, {"errol", 0, 0},
	{"eva", 0, 0}, {"evan", 0, 0}, {"everett", 0, 0}, {"ezra", 0, 0}, {"faye", 0, 0},
	{"felipe", 0, 0}, {"felix", 0, 0}, {"feng", 0, 0}, {"fiona", 0, 0}, {"floyd", 0, 0},
	{"francis", 0, 0}, {"frankie", 0, 0}, {"freddie", 0, 0}, {"gail", 0, 0}, {"gao", 0, 0},
	{"garrett", 0, 0}, {"gavin", 0, 0}, {"gene", 0, 0}, {"geoffrey", 0, 0},
	{"georgina", 0, 0}, {"gerard", 0, 0}, {"gilbert", 0, 0}, {"glen", 0, 0}, {"gordon", 0, 0},
	{"graham", 0, 0}, {"gregor", 0, 0}, {"guo", 0, 0}, {"gus", 0, 0}, {"gustav", 0, 0},
	{"gwen", 0, 0}, {"hamish", 0, 0}, {"han", 0, 0}, {"hank", 0, 0}, {"harley", 0, 0},
	{"harriet", 0, 0}, {"harvey", 0, 0}, {"hayden", 0, 0}, {"hazel", 0, 0}, {"heath", 0, 0},
	{"heidi", 0, 0}, {"henri", 0, 0}, {"herbert", 0, 0}, {"holly", 0, 0}, {"homer", 0, 0},
	{"horace", 0, 0}, {"howie", 0, 0}, {"hu", 0, 0}, {"huang", 0, 0}, {"hubert", 0, 0},
	{"hugh", 0, 0}, {"hugo", 0, 0}, {"ian", 0, 0}, {"ingrid", 0, 0}, {"irene", 0, 0},
	{"iris", 0, 0}, {"irving", 0, 0}, {"irwin", 0, 0}, {"isaac", 0, 0}, {"ivan", 0, 0},
	{"ivy", 0, 0}, {"jade", 0, 0}, {"jaime", 0, 0}, {"jake", 0, 0}, {"janice", 0, 0},
	{"jared", 0, 0}, {"jarvis", 0, 0}, {"jasmine", 0, 0}, {"jasper", 0, 0}, {"jay", 0, 0},
	{"jed", 0, 0}, {"jenna", 0, 0}, {"jerome", 0, 0}, {"jethro", 0, 0}, {"jiang", 0, 0},
	{"jill", 0, 0}, {"jimmie", 0, 0}, {"jin", 0, 0}, {"jinping", 0, 0}, {"joaquin", 0, 0},
	{"jodie", 0, 0}, {"joel", 0, 0}, {"johnnie", 0, 0}, {"jonah", 0, 0}, {"josephine", 0, 0},
	{"joy", 0, 0}, {"jude", 0, 0}, {"julian", 0, 0}, {"julio", 0, 0}, {"julius", 0, 0},
	{"kara", 0, 0}, {"kathryn", 0, 0}, {"kay", 0, 0}, {"kayla", 0, 0}, {"kelsey", 0, 0},
	{"kelvin", 0, 0}, {"kendall", 0, 0}, {"kenny", 0, 0}, {"keqiang", 0, 0}, {"kerry", 0, 0},
	{"kieran", 0, 0}, {"kristin", 0, 0}, {"kurt", 0, 0}, {"lamar", 0, 0}, {"lance", 0, 0},
	{"lars", 0, 0}, {"leah", 0, 0}, {"lenny", 0, 0}, {"leo", 0, 0}, {"leon", 0, 0},
	{"lester", 0, 0}, {"levi", 0, 0}, {"lewis", 0, 0}, {"li", 0, 0}, {"liam", 0, 0},
	{"liang", 0, 0}, {"lillian", 0, 0}, {"lin", 0, 0}, {"lindsay", 0, 0}, {"lionel", 0, 0},
	{"liu", 0, 0}, {"lois", 0, 0}, {"lonnie", 0, 0}, {"lorenzo", 0, 0}, {"lorraine", 0, 0},
	{"lowell", 0, 0}, {"lu", 0, 0}, {"lucas", 0, 0}, {"lucy", 0, 0}, {"luke", 0, 0},
	{"luo", 0, 0}, {"luther", 0, 0}, {"lydia", 0, 0}, {"lyle", 0, 0}, {"mabel", 0, 0},
	{"mack", 0, 0}, {"madeline", 0, 0}, {"malcolm", 0, 0}, {"mandy", 0, 0}, {"marcia", 0, 0},
	{"marco", 0, 0}, {"margot", 0, 0}, {"marian", 0, 0}, {"marilyn", 0, 0}, {"marion", 0, 0},
	{"marlon", 0, 0}, {"marsha", 0, 0}, {"marty", 0, 0}, {"mason", 0, 0}, {"matthias", 0, 0},
	{"maurice", 0, 0}, {"mavis", 0, 0}, {"maxine", 0, 0}, {"maxwell", 0, 0}, {"meghan", 0, 0},
	{"melanie", 0, 0}, {"meredith", 0, 0}, {"merle", 0, 0}, {"micah", 0, 0}, {"miles", 0, 0},
	{"milo", 0, 0}, {"miranda", 0, 0}, {"miriam", 0, 0}, {"mitchell", 0, 0}, {"moira", 0, 0},
	{"molly", 0, 0}, {"monty", 0, 0}, {"morris", 0, 0}, {"moses", 0, 0}, {"murray", 0, 0},
	{"myron", 0, 0}, {"nadia", 0, 0}, {"naomi", 0, 0}, {"natalie", 0, 0}, {"nathaniel", 0, 0},
	{"ned", 0, 0}, {"neil", 0, 0}, {"neville", 0, 0}, {"nigel", 0, 0}, {"nina", 0, 0},
	{"noel", 0, 0}, {"nolan", 0, 0}, {"nora", 0, 0}, {"norbert", 0, 0}, {"norris", 0, 0},
	{"olga", 0, 0}, {"oliver", 0, 0}, {"ollie", 0, 0}, {"orlando", 0, 0}, {"orville", 0, 0},
	{"otis", 0, 0}, {"owen", 0, 0}, {"ozzie", 0, 0}, {"ozzy", 0, 0}, {"pablo", 0, 0},
	{"paige", 0, 0}, {"pan", 0, 0}, {"pat", 0, 0}, {"paula", 0, 0}, {"pauline", 0, 0},
	{"peng", 0, 0}, {"penny", 0, 0}, {"percy", 0, 0}, {"perry", 0, 0}, {"phoebe", 0, 0},
	{"phyllis", 0, 0}, {"priscilla", 0, 0}, {"quentin", 0, 0}, {"quincy", 0, 0},
	{"quinn", 0, 0}, {"rachael", 0, 0}, {"randolph", 0, 0}, {"rebekah", 0, 0}, {"reed", 0, 0},
	{"regina", 0, 0}, {"reginald", 0, 0}, {"ren", 0, 0}, {"reuben", 0, 0}, {"rex", 0, 0},
	{"ricky", 0, 0}, {"rita", 0, 0}, {"roberta", 0, 0}, {"robin", 0, 0}, {"rocco", 0, 0},
	{"roderick", 0, 0}, {"rodney", 0, 0}, {"roland", 0, 0}, {"rolf", 0, 0}, {"roman", 0, 0},
	{"ronnie", 0, 0}, {"rory", 0, 0}, {"rosa", 0, 0}, {"rosemary", 0, 0}, {"ross", 0, 0},
	{"rowan", 0, 0}, {"roxanne", 0, 0}, {"ruby", 0, 0}, {"rudy", 0, 0}, {"rufus", 0, 0},
	{"rupert", 0, 0}, {"russ", 0, 0}, {"sal", 0, 0}, {"sally", 0, 0}, {"samantha", 0, 0},
	{"sammy", 0, 0}, {"saul", 0, 0}, {"sebastian", 0, 0},
	{"selena", 0, 0}, {"serena", 0, 0}, {"seth", 0, 0}, {"shannon", 0, 0}, {"shaun", 0, 0},
	{"shawn", 0, 0}, {"sheila", 0, 0}, {"shelby", 0, 0}, {"shen", 0, 0}, {"sherman", 0, 0},
	{"sheryl", 0, 0}, {"sid", 0, 0}, {"sidney", 0, 0}, {"sienna", 0, 0}, {"silas", 0, 0},
	{"simon", 0, 0}, {"solomon", 0, 0}, {"song", 0, 0}, {"sonia", 0, 0}, {"sophie", 0, 0},
	{"spencer", 0, 0}, {"stefan", 0, 0}, {"stella", 0, 0}, {"stephan", 0, 0},
	{"sterling", 0, 0}, {"stuart", 0, 0}, {"su", 0, 0}, {"sue", 0, 0}, {"sun", 0, 0},
	{"susanna", 0, 0}, {"sylvia", 0, 0}, {"tamara", 0, 0}, {"tang", 0, 0}, {"tanya", 0, 0},
	{"tara", 0, 0}, {"terence", 0, 0}, {"terrell", 0, 0}, {"tess", 0, 0}, {"thaddeus", 0, 0},
	{"theo", 0, 0}, {"tian", 0, 0}, {"tobias", 0, 0}, {"toby", 0, 0}, {"tracey", 0, 0},
	{"trevor", 0, 0}, {"tristan", 0, 0}, {"ty", 0, 0}, {"tyrone", 0, 0}, {"ulysses", 0, 0},
	{"ursula", 0, 0}, {"valentin", 0, 0}, {"valerie", 0, 0}, {"vanessa", 0, 0},
	{"vaughn", 0, 0}, {"vera", 0, 0}, {"vernon", 0, 0}, {"veronica", 0, 0}, {"vic", 0, 0},
	{"vicky", 0, 0}, {"vince", 0, 0}, {"viola", 0, 0}, {"vivian", 0, 0}, {"wade", 0, 0},
	{"wallace", 0, 0}, {"walt", 0, 0}, {"wanda", 0, 0}, {"wang", 0, 0}, {"warren", 0, 0},
	{"wei", 0, 0}, {"wendell", 0, 0}, {"wesley", 0, 0}, {"whitney", 0, 0}, {"wilbur", 0, 0},
	{"wilfred", 0, 0}, {"willard", 0, 0}, {"willis", 0, 0}, {"winston", 0, 0},
	{"woody", 0, 0}, {"wu", 0, 0}, {"wyatt", 0, 0}, {"xavier", 0, 0}, {"xiao", 0, 0},
	{"xie", 0, 0}, {"xu", 0, 0}, {"yang", 0, 0}, {"yao", 0, 0}, {"ye", 0, 0},
	{"yolanda", 0, 0}, {"yu", 0, 0}, {"yuan", 0, 0}, {"yvonne", 0, 0}, {"zach", 0, 0},
	{"zack", 0, 0}, {"zane", 0, 0}, {"zeng", 0, 0}, {"zhang", 0, 0}, {"zhao", 0, 0},
	{"zheng", 0, 0}, {"zhou", 0, 0}, {"zhu", 0, 0}, {"zoe", 0, 0},
};

/* News outlets and agencies: never places, and they do not locate events. */
static xt_lex outlets_e[] = {
	{"reuters", 0, 0}, {"ap", 0, 0}, {"associated press", 0, 0}, {"the associated press", 0, 0},
	{"afp", 0, 0}, {"agence france-presse", 0, 0}, {"agence france presse", 0, 0},
	{"kurdistan 24", 0, 0}, {"kurdistan24", 0, 0}, {"k24", 0, 0}, {"rudaw", 0, 0},
	{"al-monitor", 0, 0}, {"al monitor", 0, 0}, {"al jazeera", 0, 0}, {"al-jazeera", 0, 0},
	{"aljazeera", 0, 0}, {"al arabiya", 0, 0}, {"al-arabiya", 0, 0}, {"alarabiya", 0, 0},
	{"bbc", 0, 0}, {"cnn", 0, 0}, {"xinhua", 0, 0}, {"anadolu", 0, 0},
	{"anadolu agency", 0, 0}, {"shafaq news", 0, 0}, {"shafaq", 0, 0},
	{"the new arab", 0, 0}, {"asharq al-awsat", 0, 0}, {"asharq al awsat", 0, 0},
	{"middle east eye", 0, 0}, {"al-sumaria", 0, 0}, {"alsumaria", 0, 0},
	{"al sumaria", 0, 0}, {"iraqi news agency", 0, 0}, {"ina", 0, 0}, {"sana", 0, 0},
	{"irna", 0, 0}, {"tasnim", 0, 0}, {"tasnim news", 0, 0}, {"fars news", 0, 0},
	{"fars news agency", 0, 0}, {"press tv", 0, 0}, {"presstv", 0, 0}, {"mehr news", 0, 0},
	{"isna", 0, 0}, {"saba", 0, 0}, {"the guardian", 0, 0}, {"new york times", 0, 0},
	{"the new york times", 0, 0}, {"washington post", 0, 0}, {"the washington post", 0, 0},
	{"wall street journal", 0, 0}, {"the wall street journal", 0, 0}, {"bloomberg", 0, 0},
	{"sky news", 0, 0}, {"france 24", 0, 0}, {"france24", 0, 0}, {"dw", 0, 0},
	{"deutsche welle", 0, 0}, {"voice of america", 0, 0}, {"voa", 0, 0}, {"npr", 0, 0},
	{"fox news", 0, 0}, {"abc news", 0, 0}, {"cbs news", 0, 0}, {"nbc news", 0, 0},
	{"upi", 0, 0}, {"efe", 0, 0}, {"dpa", 0, 0}, {"kyodo", 0, 0}, {"yonhap", 0, 0},
	{"tass", 0, 0}, {"ria novosti", 0, 0}, {"interfax", 0, 0}, {"ansa", 0, 0},
	{"al-marbad", 0, 0}, {"al marbad", 0, 0}, {"al-marbad radio", 0, 0},
	{"baghdad today", 0, 0}, {"nrt", 0, 0}, {"nrt tv", 0, 0}, {"kurdistan tv", 0, 0},
	{"al-mayadeen", 0, 0}, {"al mayadeen", 0, 0}, {"al-manar", 0, 0}, {"al manar", 0, 0},
	{"times of israel", 0, 0}, {"the times of israel", 0, 0}, {"haaretz", 0, 0},
	{"jerusalem post", 0, 0}, {"the jerusalem post", 0, 0}, {"daily sabah", 0, 0},
	{"hurriyet", 0, 0}, {"hurriyet daily news", 0, 0}, {"dogan news agency", 0, 0},
	{"ihlas news agency", 0, 0}, {"trt", 0, 0}, {"trt world", 0, 0}, {"al-hayat", 0, 0},
	{"al hayat", 0, 0}, {"the national", 0, 0}, {"gulf news", 0, 0},
	{"arab news", 0, 0}, {"al-masirah", 0, 0}, {"al masirah", 0, 0},
	{"syrian observatory", 0, 0}, {"syrian observatory for human rights", 0, 0},
	{"sohr", 0, 0}, {"site intelligence group", 0, 0}, {"amaq", 0, 0},
	{"amaq news agency", 0, 0}, {"security media cell", 0, 0}, {"incimap wire", 0, 0},
	{"the telegraph", 0, 0}, {"the independent", 0, 0}, {"the times", 0, 0},
	{"usa today", 0, 0}, {"los angeles times", 0, 0}, {"chicago tribune", 0, 0},
	{"the hill", 0, 0}, {"politico", 0, 0}, {"axios", 0, 0}, {"vice news", 0, 0},
	{"buzzfeed", 0, 0}, {"huffpost", 0, 0}, {"huffington post", 0, 0},
	{"national public radio", 0, 0}, {"pbs", 0, 0}, {"msnbc", 0, 0}, {"cnbc", 0, 0},
	{"the economist", 0, 0}, {"financial times", 0, 0}, {"le monde", 0, 0},
	{"der spiegel", 0, 0}, {"spiegel", 0, 0}, {"euronews", 0, 0}, {"rt", 0, 0},
	{"sputnik", 0, 0}, {"al-akhbar", 0, 0}, {"an-nahar", 0, 0}, {"naharnet", 0, 0},
	{"the daily star", 0, 0}, {"l'orient-le jour", 0, 0}, {"kuna", 0, 0}, {"wam", 0, 0},
	{"spa", 0, 0}, {"petra", 2, 0}, {"mena", 2, 0}, {"apa", 0, 0},
	/* outlets of Africa, Asia and Latin America (a place in the name is
	 * not the event's: "Garowe Online reports", "Radio Dabanga"); names
	 * with a demonym ("Afghan Islamic Press") stay out: the demonym is a
	 * hint of the country the report is about */
	{"garowe online", 0, 0}, {"hiiraan online", 0, 0}, {"radio shabelle", 0, 0},
	{"shabelle media network", 0, 0}, {"radio mustaqbal", 0, 0}, {"radio dalsan", 0, 0},
	{"radio kulmiye", 0, 0}, {"premium times", 0, 0}, {"daily trust", 0, 0},
	{"channels television", 0, 0}, {"sahara reporters", 0, 0}, {"daily nation", 0, 0},
	{"capital fm", 0, 0}, {"the express tribune", 0, 0}, {"express tribune", 0, 0},
	{"the news international", 0, 0}, {"geo news", 0, 0}, {"pajhwok", 0, 0},
	{"tolo news", 0, 0}, {"tolonews", 0, 0}, {"khaama press", 0, 0}, {"radio dabanga", 0, 0},
	{"sudan tribune", 0, 0}, {"radio okapi", 0, 0}, {"el watan", 0, 0},
	{"jeune afrique", 0, 0}, {"radio france internationale", 0, 0}, {"rfi", 0, 0},
	{"libya herald", 0, 0}, {"kyiv post", 0, 0}, {"ukrainska pravda", 0, 0},
	{"interfax-ukraine", 0, 0}, {"rappler", 0, 0}, {"mizzima", 0, 0},
	{"the irrawaddy", 0, 0}, {"el tiempo", 0, 0}, {"prensa libre", 0, 0},
};

/* Demonyms and country adjectives -> ISO code. v: 0 adjective, 1 a people
 * noun ("Iraqis"), 2 regional or ethnic (a weak hint only). */
static xt_lex demonyms_e[] = {
	{"afghan", 0, "AF"}, {"afghans", 1, "AF"}, {"albanian", 0, "AL"}, {"algerian", 0, "DZ"},
	{"algerians", 1, "DZ"}, {"american", 0, "US"}, {"americans", 1, "US"},
	{"angolan", 0, "AO"}, {"argentine", 0, "AR"}, {"argentinian", 0, "AR"},
	{"armenian", 0, "AM"}, {"armenians", 1, "AM"}, {"australian", 0, "AU"},
	{"australians", 1, "AU"}, {"austrian", 0, "AT"}, {"azerbaijani", 0, "AZ"},
	{"azeri", 0, "AZ"}, {"bahraini", 0, "BH"}, {"bahrainis", 1, "BH"},
	{"bangladeshi", 0, "BD"}, {"belarusian", 0, "BY"}, {"belgian", 0, "BE"},
	{"bolivian", 0, "BO"}, {"bosnian", 0, "BA"}, {"brazilian", 0, "BR"},
	{"brazilians", 1, "BR"}, {"british", 0, "GB"}, {"briton", 1, "GB"},
	{"britons", 1, "GB"}, {"bulgarian", 0, "BG"}, {"burmese", 0, "MM"},
	{"burundian", 0, "BI"}, {"cambodian", 0, "KH"}, {"cameroonian", 0, "CM"},
	{"canadian", 0, "CA"}, {"canadians", 1, "CA"}, {"chadian", 0, "TD"},
	{"chilean", 0, "CL"}, {"chinese", 0, "CN"}, {"colombian", 0, "CO"},
	{"congolese", 0, "CD"}, {"croatian", 0, "HR"}, {"cuban", 0, "CU"},
	{"cypriot", 0, "CY"}, {"czech", 0, "CZ"}, {"danish", 0, "DK"}, {"dutch", 0, "NL"},
	{"ecuadorian", 0, "EC"}, {"egyptian", 0, "EG"}, {"egyptians", 1, "EG"},
	{"emirati", 0, "AE"}, {"emiratis", 1, "AE"}, {"eritrean", 0, "ER"},
	{"estonian", 0, "EE"}, {"ethiopian", 0, "ET"}, {"ethiopians", 1, "ET"},
	{"filipino", 0, "PH"}, {"filipinos", 1, "PH"}, {"finnish", 0, "FI"},
	{"french", 0, "FR"}, {"georgian", 0, "GE"}, {"german", 0, "DE"},
	{"germans", 1, "DE"}, {"ghanaian", 0, "GH"}, {"greek", 0, "GR"},
	{"guatemalan", 0, "GT"}, {"haitian", 0, "HT"}, {"honduran", 0, "HN"},
	{"hungarian", 0, "HU"}, {"icelandic", 0, "IS"}, {"indian", 0, "IN"},
	{"indians", 1, "IN"}, {"indonesian", 0, "ID"}, {"iranian", 0, "IR"},
	{"iranians", 1, "IR"}, {"iraqi", 0, "IQ"}, {"iraqis", 1, "IQ"}, {"irish", 0, "IE"},
	{"israeli", 0, "IL"}, {"israelis", 1, "IL"}, {"italian", 0, "IT"},
	{"italians", 1, "IT"}, {"ivorian", 0, "CI"}, {"jamaican", 0, "JM"},
	{"japanese", 0, "JP"}, {"jordanian", 0, "JO"}, {"jordanians", 1, "JO"},
	{"kazakh", 0, "KZ"}, {"kenyan", 0, "KE"}, {"kenyans", 1, "KE"},
	{"kosovar", 0, "XK"}, {"kuwaiti", 0, "KW"}, {"kuwaitis", 1, "KW"},
	{"kyrgyz", 0, "KG"}, {"lao", 0, "LA"}, {"latvian", 0, "LV"},
	{"lebanese", 0, "LB"}, {"liberian", 0, "LR"}, {"libyan", 0, "LY"},
	{"libyans", 1, "LY"}, {"lithuanian", 0, "LT"}, {"malagasy", 0, "MG"},
	{"malawian", 0, "MW"}, {"malaysian", 0, "MY"}, {"malian", 0, "ML"},
	{"maltese", 0, "MT"}, {"mauritanian", 0, "MR"}, {"mexican", 0, "MX"},
	{"mexicans", 1, "MX"}, {"moldovan", 0, "MD"}, {"mongolian", 0, "MN"},
	{"montenegrin", 0, "ME"}, {"moroccan", 0, "MA"}, {"moroccans", 1, "MA"},
	{"mozambican", 0, "MZ"}, {"namibian", 0, "NA"}, {"nepali", 0, "NP"},
	{"nepalese", 0, "NP"}, {"nicaraguan", 0, "NI"}, {"nigerian", 0, "NG"},
	{"nigerians", 1, "NG"}, {"nigerien", 0, "NE"}, {"north korean", 0, "KP"},
	{"norwegian", 0, "NO"}, {"omani", 0, "OM"}, {"pakistani", 0, "PK"},
	{"pakistanis", 1, "PK"}, {"palestinian", 0, "PS"}, {"palestinians", 1, "PS"},
	{"panamanian", 0, "PA"}, {"paraguayan", 0, "PY"}, {"peruvian", 0, "PE"},
	{"polish", 0, "PL"}, {"portuguese", 0, "PT"}, {"qatari", 0, "QA"},
	{"qataris", 1, "QA"}, {"romanian", 0, "RO"}, {"russian", 0, "RU"},
	{"russians", 1, "RU"}, {"rwandan", 0, "RW"}, {"saudi", 0, "SA"},
	{"saudis", 1, "SA"}, {"saudi arabian", 0, "SA"}, {"scottish", 0, "GB"},
	{"senegalese", 0, "SN"}, {"serbian", 0, "RS"}, {"serb", 0, "RS"},
	{"serbs", 1, "RS"}, {"sierra leonean", 0, "SL"}, {"singaporean", 0, "SG"},
	{"slovak", 0, "SK"}, {"slovenian", 0, "SI"}, {"somali", 0, "SO"},
	{"somalis", 1, "SO"}, {"south african", 0, "ZA"}, {"south korean", 0, "KR"},
	{"south sudanese", 0, "SS"}, {"spanish", 0, "ES"}, {"sri lankan", 0, "LK"},
	{"sudanese", 0, "SD"}, {"swedish", 0, "SE"}, {"swiss", 0, "CH"},
	{"syrian", 0, "SY"}, {"syrians", 1, "SY"}, {"taiwanese", 0, "TW"},
	{"tajik", 0, "TJ"}, {"tanzanian", 0, "TZ"}, {"thai", 0, "TH"},
	{"togolese", 0, "TG"}, {"tunisian", 0, "TN"}, {"tunisians", 1, "TN"},
	{"turkish", 0, "TR"}, {"turkmen", 2, "TM"}, {"ugandan", 0, "UG"},
	{"ukrainian", 0, "UA"}, {"ukrainians", 1, "UA"}, {"uruguayan", 0, "UY"},
	{"uzbek", 0, "UZ"}, {"venezuelan", 0, "VE"}, {"vietnamese", 0, "VN"},
	{"welsh", 0, "GB"}, {"yemeni", 0, "YE"}, {"yemenis", 1, "YE"},
	{"zambian", 0, "ZM"}, {"zimbabwean", 0, "ZW"}, {"kurdish", 2, "IQ"},
	{"kurds", 2, "IQ"}, {"mexican-american", 2, "US"},
	{"new zealander", 0, "NZ"}, {"turks", 1, "TR"}, {"iraqi kurdish", 2, "IQ"},
	{"syrian kurdish", 2, "SY"}, {"yazidi", 2, "IQ"}, {"yazidis", 2, "IQ"},
	{"sudanese-born", 2, "SD"}, {"lebanese-born", 2, "LB"}, {"european", 0, "im:europe"},
	{"europeans", 1, "im:europe"}, {"african", 0, "im:africa"},
	{"africans", 1, "im:africa"}, {"asian", 0, "im:asia"}, {"asians", 1, "im:asia"},
	{"north american", 0, "im:north-america"}, {"south american", 0, "im:south-america"},
	{"latin american", 0, "im:latin-america"}, {"central american", 0, "im:central-america"},
	{"caribbean", 0, "im:caribbean"}, {"middle eastern", 0, "im:middle-east"},
	{"scandinavian", 0, "im:scandinavia"}, {"balkan", 0, "im:balkans"},
	{"korean", 0, "KR"}, {"philippine", 0, "PH"}, {"salvadoran", 0, "SV"},
	{"soviet", 0, "RU"}, {"kiwi", 2, "NZ"}, {"dominican", 0, "DO"},
	{"puerto rican", 0, "PR"}, {"costa rican", 0, "CR"}, {"bahamian", 0, "BS"},
	{"trinidadian", 0, "TT"}, {"barbadian", 0, "BB"}, {"fijian", 0, "FJ"},
	{"sri lankans", 1, "LK"}, {"bangladeshis", 1, "BD"}, {"ugandans", 1, "UG"},
	{"english", 2, "GB"}, /* also the language: a weak hint alone */
};

/* Common words that are also names in a world gazetteer: taken as places
 * only with a clear cue ("in Mobile, Ala.", "the city of Reading"). */
static xt_lex common_e[] = {
	{"the", 0, 0}, {"a", 0, 0}, {"an", 0, 0}, {"and", 0, 0}, {"or", 0, 0},
	{"but", 0, 0}, {"if", 0, 0}, {"in", 0, 0}, {"on", 0, 0}, {"at", 0, 0},
	{"of", 0, 0}, {"to", 0, 0}, {"for", 0, 0}, {"by", 0, 0}, {"with", 0, 0},
	{"from", 0, 0}, {"as", 0, 0}, {"is", 0, 0}, {"it", 0, 0}, {"he", 0, 0},
	{"she", 0, 0}, {"we", 0, 0}, {"they", 0, 0}, {"i", 0, 0}, {"you", 0, 0},
	{"this", 0, 0}, {"that", 0, 0}, {"these", 0, 0}, {"those", 0, 0},
	{"there", 0, 0}, {"here", 0, 0}, {"then", 0, 0}, {"when", 0, 0},
	{"where", 0, 0}, {"who", 0, 0}, {"what", 0, 0}, {"which", 0, 0},
	{"while", 0, 0}, {"after", 0, 0}, {"before", 0, 0}, {"since", 0, 0},
	{"until", 0, 0}, {"also", 0, 0}, {"all", 0, 0}, {"any", 0, 0}, {"both", 0, 0},
	{"each", 0, 0}, {"many", 0, 0}, {"more", 0, 0}, {"most", 0, 0}, {"much", 0, 0},
	{"no", 0, 0}, {"not", 0, 0}, {"now", 0, 0}, {"only", 0, 0}, {"other", 0, 0},
	{"some", 0, 0}, {"such", 0, 0}, {"so", 0, 0}, {"than", 0, 0}, {"too", 0, 0},
	{"very", 0, 0}, {"just", 0, 0}, {"still", 0, 0}, {"even", 0, 0}, {"yet", 0, 0},
	{"again", 0, 0}, {"ever", 0, 0}, {"never", 0, 0}, {"one", 0, 0}, {"two", 0, 0},
	{"three", 0, 0}, {"four", 0, 0}, {"five", 0, 0}, {"six", 0, 0}, {"seven", 0, 0},
	{"eight", 0, 0}, {"nine", 0, 0}, {"ten", 0, 0}, {"hundred", 0, 0},
	{"up", 0, 0}, {"down", 0, 0}, {"out", 0, 0}, {"over", 0, 0}, {"under", 0, 0},
	{"about", 0, 0}, {"into", 0, 0}, {"through", 0, 0}, {"during", 0, 0},
	{"without", 0, 0}, {"within", 0, 0}, {"between", 0, 0}, {"among", 0, 0},
	{"against", 0, 0}, {"because", 0, 0}, {"though", 0, 0}, {"although", 0, 0},
	{"however", 0, 0}, {"meanwhile", 0, 0}, {"moreover", 0, 0}, {"thus", 0, 0},
	{"instead", 0, 0}, {"indeed", 0, 0}, {"perhaps", 0, 0}, {"maybe", 0, 0},
	{"yes", 0, 0}, {"ok", 0, 0}, {"my", 0, 0}, {"our", 0, 0}, {"your", 0, 0},
	{"his", 0, 0}, {"her", 0, 0}, {"their", 0, 0}, {"its", 0, 0}, {"me", 0, 0},
	{"us", 0, 0}, {"them", 0, 0}, {"him", 0, 0}, {"be", 0, 0}, {"are", 0, 0},
	{"was", 0, 0}, {"were", 0, 0}, {"been", 0, 0}, {"has", 0, 0}, {"have", 0, 0},
	{"had", 0, 0}, {"do", 0, 0}, {"does", 0, 0}, {"did", 0, 0}, {"will", 0, 0},
	{"would", 0, 0}, {"can", 0, 0}, {"could", 0, 0}, {"should", 0, 0},
	{"may", 0, 0}, {"might", 0, 0}, {"must", 0, 0}, {"shall", 0, 0},
	{"monday", 0, 0}, {"tuesday", 0, 0}, {"wednesday", 0, 0}, {"thursday", 0, 0},
	{"friday", 0, 0}, {"saturday", 0, 0}, {"sunday", 0, 0}, {"january", 0, 0},
	{"february", 0, 0}, {"march", 0, 0}, {"april", 0, 0}, {"june", 0, 0},
	{"july", 0, 0}, {"august", 0, 0}, {"september", 0, 0}, {"october", 0, 0},
	{"november", 0, 0}, {"december", 0, 0}, {"today", 0, 0}, {"tomorrow", 0, 0},
	{"yesterday", 0, 0}, {"tonight", 0, 0}, {"morning", 0, 0}, {"evening", 0, 0},
	{"night", 0, 0}, {"week", 0, 0}, {"month", 0, 0}, {"year", 0, 0},
	{"spring", 0, 0}, {"summer", 0, 0}, {"autumn", 0, 0}, {"fall", 0, 0},
	{"winter", 0, 0}, {"christmas", 0, 0}, {"easter", 0, 0}, {"ramadan", 0, 0},
	{"eid", 0, 0}, {"police", 0, 0}, {"army", 0, 0}, {"government", 0, 0},
	{"state", 0, 0}, {"city", 0, 0}, {"county", 0, 0}, {"university", 0, 0},
	{"college", 0, 0}, {"school", 0, 0}, {"hospital", 0, 0}, {"church", 0, 0},
	{"center", 0, 0}, {"centre", 0, 0}, {"national", 0, 0}, {"international", 0, 0},
	{"united", 0, 0}, {"union", 0, 0}, {"republic", 0, 0}, {"general", 0, 0},
	{"central", 0, 0}, {"north", 0, 0}, {"south", 0, 0}, {"east", 0, 0},
	{"west", 0, 0}, {"northern", 0, 0}, {"southern", 0, 0}, {"eastern", 0, 0},
	{"western", 0, 0}, {"new", 0, 0}, {"old", 0, 0}, {"great", 0, 0},
	{"little", 0, 0}, {"big", 0, 0}, {"long", 0, 0}, {"high", 0, 0}, {"low", 0, 0},
	{"grand", 0, 0}, {"royal", 0, 0}, {"white", 0, 0}, {"black", 0, 0},
	{"red", 0, 0}, {"green", 0, 0}, {"blue", 0, 0}, {"gold", 0, 0},
	{"golden", 0, 0}, {"silver", 0, 0}, {"star", 0, 0}, {"sun", 0, 0},
	{"moon", 0, 0}, {"sky", 0, 0}, {"hope", 0, 0}, {"faith", 0, 0},
	{"liberty", 0, 0}, {"freedom", 0, 0}, {"independence", 0, 0},
	{"justice", 0, 0}, {"victory", 0, 0}, {"unity", 0, 0}, {"peace", 0, 0},
	{"paradise", 0, 0}, {"eden", 0, 0}, {"providence", 0, 0}, {"concord", 0, 0},
	{"harmony", 0, 0}, {"friendship", 0, 0}, {"enterprise", 0, 0},
	{"commerce", 0, 0}, {"industry", 0, 0}, {"progress", 0, 0},
	{"opportunity", 0, 0}, {"reform", 0, 0}, {"energy", 0, 0}, {"power", 0, 0},
	{"media", 0, 0}, {"market", 0, 0}, {"mall", 0, 0}, {"garden", 0, 0},
	{"beach", 0, 0}, {"man", 0, 0}, {"woman", 0, 0}, {"boy", 0, 0}, {"girl", 0, 0},
	{"people", 0, 0}, {"family", 0, 0}, {"home", 0, 0}, {"house", 0, 0},
	{"office", 0, 0}, {"court", 0, 0}, {"hall", 0, 0}, {"street", 0, 0},
	{"road", 0, 0}, {"bridge", 0, 0}, {"station", 0, 0}, {"port", 0, 0},
	{"gate", 0, 0}, {"tower", 0, 0}, {"castle", 0, 0}, {"camp", 0, 0},
	{"base", 0, 0}, {"field", 0, 0}, {"farm", 0, 0}, {"mill", 0, 0},
	{"mine", 0, 0}, {"well", 0, 0}, {"rock", 0, 0}, {"stone", 0, 0},
	{"hill", 0, 0}, {"point", 0, 0}, {"island", 0, 0}, {"key", 0, 0},
	{"haven", 0, 0}, {"bend", 0, 0}, {"cross", 0, 0}, {"junction", 0, 0},
	{"corner", 0, 0}, {"plaza", 0, 0}, {"square", 0, 0}, {"circle", 0, 0},
	{"ring", 0, 0}, {"read", 0, 0}, {"said", 0, 0}, {"says", 0, 0},
	{"reading", 0, 0}, {"best", 0, 0}, {"better", 0, 0}, {"good", 0, 0},
	{"bad", 0, 0}, {"nice", 0, 0}, {"fair", 0, 0}, {"fine", 0, 0},
	{"early", 0, 0}, {"late", 0, 0}, {"last", 0, 0}, {"first", 0, 0},
	{"second", 0, 0}, {"third", 0, 0}, {"next", 0, 0}, {"few", 0, 0},
	{"several", 0, 0}, {"told", 0, 0}, {"according", 0, 0}, {"following", 0, 0},
	{"despite", 0, 0}, {"amid", 0, 0}, {"please", 0, 0}, {"thank", 0, 0},
	{"thanks", 0, 0}, {"welcome", 0, 0}, {"hello", 0, 0}, {"live", 0, 0},
	{"love", 0, 0}, {"life", 0, 0}, {"death", 0, 0}, {"war", 0, 0},
	{"battle", 0, 0}, {"attack", 0, 0}, {"strike", 0, 0}, {"bomb", 0, 0},
	{"fire", 0, 0}, {"water", 0, 0}, {"oil", 0, 0}, {"gas", 0, 0}, {"food", 0, 0},
	{"health", 0, 0}, {"security", 0, 0}, {"defense", 0, 0}, {"defence", 0, 0},
	{"interior", 0, 0}, {"foreign", 0, 0}, {"affairs", 0, 0}, {"ministry", 0, 0},
	{"council", 0, 0}, {"committee", 0, 0}, {"agency", 0, 0}, {"service", 0, 0},
	{"services", 0, 0}, {"forces", 0, 0}, {"force", 0, 0}, {"troops", 0, 0},
	{"military", 0, 0}, {"navy", 0, 0}, {"air", 0, 0}, {"marine", 0, 0},
	{"marines", 0, 0}, {"coast", 0, 0}, {"guard", 0, 0}, {"border", 0, 0},
	{"customs", 0, 0}, {"intelligence", 0, 0}, {"operations", 0, 0},
	{"command", 0, 0}, {"brigade", 0, 0}, {"division", 0, 0}, {"battalion", 0, 0},
	{"regiment", 0, 0}, {"unit", 0, 0}, {"party", 0, 0}, {"movement", 0, 0},
	{"front", 0, 0}, {"alliance", 0, 0}, {"coalition", 0, 0}, {"league", 0, 0},
	{"bloc", 0, 0}, {"group", 0, 0}, {"organization", 0, 0},
	{"organisation", 0, 0}, {"association", 0, 0}, {"society", 0, 0},
	{"institute", 0, 0}, {"foundation", 0, 0}, {"fund", 0, 0}, {"bank", 0, 0},
	{"company", 0, 0}, {"network", 0, 0}, {"news", 0, 0}, {"times", 0, 0},
	{"post", 0, 0}, {"press", 0, 0}, {"daily", 0, 0}, {"herald", 0, 0},
	{"tribune", 0, 0}, {"journal", 0, 0}, {"world", 0, 0}, {"global", 0, 0},
	{"public", 0, 0}, {"social", 0, 0}, {"democratic", 0, 0},
	{"democracy", 0, 0}, {"republican", 0, 0}, {"liberal", 0, 0},
	{"conservative", 0, 0}, {"labour", 0, 0}, {"labor", 0, 0},
	{"independent", 0, 0}, {"islamic", 0, 0}, {"muslim", 0, 0},
	{"christian", 0, 0}, {"jewish", 0, 0}, {"shiite", 0, 0}, {"shia", 0, 0},
	{"sunni", 0, 0}, {"catholic", 0, 0}, {"orthodox", 0, 0}, {"arab", 0, 0},
	{"mobile", 0, 0}, {"bath", 0, 0}, {"split", 0, 0},
	{"god", 0, 0}, {"allah", 0, 0}, {"internet", 0, 0}, {"twitter", 0, 0},
	{"facebook", 0, 0}, {"google", 0, 0}, {"president", 0, 0}, {"minister", 0, 0},
	{"governor", 0, 0}, {"mayor", 0, 0}, {"king", 0, 0}, {"queen", 0, 0},
	{"prince", 0, 0}, {"chief", 0, 0}, {"sheikh", 0, 0}, {"premier", 0, 0},
	{"senate", 0, 0}, {"congress", 0, 0}, {"parliament", 0, 0}, {"cabinet", 0, 0},
	{"supreme", 0, 0}, {"federal", 0, 0}, {"local", 0, 0}, {"regional", 0, 0},
	{"provincial", 0, 0}, {"district", 0, 0}, {"province", 0, 0}, {"region", 0, 0},
	{"governorate", 0, 0}, {"area", 0, 0}, {"town", 0, 0}, {"village", 0, 0},
	{"capital", 0, 0}, {"country", 0, 0}, {"nation", 0, 0}, {"kingdom", 0, 0},
	{"empire", 0, 0}, {"emirate", 0, 0}, {"caliphate", 0, 0}, {"victoria", 0, 0},
	{"independence day", 0, 0}, {"video", 0, 0}, {"photo", 0, 0}, {"image", 0, 0},
	{"update", 0, 0}, {"breaking", 0, 0}, {"exclusive", 0, 0}, {"watch", 0, 0},
	{"sport", 0, 0}, {"sports", 0, 0}, {"business", 0, 0}, {"politics", 0, 0},
	{"opinion", 0, 0}, {"analysis", 0, 0}, {"comment", 0, 0}, {"feature", 0, 0},
	{"story", 0, 0}, {"continue", 0, 0}, {"click", 0, 0}, {"share", 0, 0},
	{"follow", 0, 0}, {"join", 0, 0}, {"sign", 0, 0}, {"subscribe", 0, 0},
	{"advertisement", 0, 0}, {"copyright", 0, 0}, {"source", 0, 0},
	{"sources", 0, 0}, {"officials", 0, 0}, {"authorities", 0, 0},
	{"witnesses", 0, 0}, {"residents", 0, 0}, {"gunmen", 0, 0},
	{"militants", 0, 0}, {"soldiers", 0, 0}, {"protesters", 0, 0},
	{"demonstrators", 0, 0}, {"rebels", 0, 0}, {"fighters", 0, 0},
	{"civilians", 0, 0}, {"children", 0, 0}, {"women", 0, 0}, {"men", 0, 0},
	{"salt", 0, 0}, {"sand", 0, 0}, {"snow", 0, 0},
	{"rain", 0, 0}, {"wind", 0, 0}, {"storm", 0, 0}, {"flood", 0, 0},
	{"earth", 0, 0}, {"land", 0, 0}, {"sea", 0, 0}, {"ocean", 0, 0},
	{"lake", 0, 0}, {"river", 0, 0}, {"valley", 0, 0}, {"mountain", 0, 0},
	{"desert", 0, 0}, {"forest", 0, 0}, {"park", 0, 0}, {"zone", 0, 0},
	{"office of", 0, 0},
	{"democrats", 0, 0}, {"republicans", 0, 0}, {"trump", 0, 0}, {"obama", 0, 0},
	{"biden", 0, 0}, {"bush", 0, 0}, {"clinton", 0, 0}, {"putin", 0, 0},
	{"erdogan", 0, 0}, {"assad", 0, 0}, {"sisi", 0, 0}, {"khamenei", 0, 0},
	{"rouhani", 0, 0}, {"raisi", 0, 0}, {"maliki", 0, 0}, {"abadi", 0, 0},
	{"sadr", 0, 0}, {"sistani", 0, 0}, {"barzani", 0, 0}, {"talabani", 0, 0},
	{"kadhimi", 0, 0}, {"sudani", 0, 0}, {"halbousi", 0, 0}, {"netanyahu", 0, 0},
	{"nasrallah", 0, 0}, {"hadi", 0, 0}, {"saleh", 0, 0}, {"houthi", 0, 0},
	{"baghdadi", 0, 0}, {"zarqawi", 0, 0}, {"soleimani", 0, 0},
	{"muhandis", 0, 0}, {"macron", 0, 0}, {"merkel", 0, 0}, {"johnson", 0, 0},
	{"paris", 1, 0}, {"jordan", 1, 0}, {"israel", 1, 0},
	{"georgia", 1, 0}, {"chad", 1, 0}, {"niger", 1, 0}, {"guinea", 1, 0},
	{"turkey", 1, 0}, {"china", 1, 0}, {"japan", 1, 0},
	{"nasa", 0, 0}, {"un", 0, 0}, {"eu", 0, 0}, {"nato", 0, 0}, {"opec", 0, 0},
	{"tv", 0, 0}, {"ceo", 0, 0}, {"mp", 0, 0}, {"pm", 0, 0}, {"am", 0, 0},
	{"gmt", 0, 0}, {"utc", 0, 0}, {"usd", 0, 0}, {"ied", 0, 0}, {"ieds", 0, 0},
	{"isis", 0, 0}, {"isil", 0, 0}, {"daesh", 0, 0}, {"pmf", 0, 0}, {"pmu", 0, 0},
	{"hashd", 0, 0}, {"peshmerga", 0, 0}, {"sdf", 0, 0}, {"ypg", 0, 0},
	{"pkk", 0, 0}, {"hamas", 0, 0}, {"hezbollah", 0, 0}, {"houthis", 0, 0},
	{"taliban", 0, 0}, {"qaeda", 0, 0}, {"al-qaeda", 0, 0}, {"aqap", 0, 0},
	{"kurdistan region", 0, 0}, {"read more", 0, 0}, {"related", 0, 0},
	{"sultan", 0, 0}, {"imam", 0, 0}, {"mosque", 0, 0}, {"shrine", 0, 0},
	{"airport", 0, 0}, {"stadium", 0, 0}, {"prison", 0, 0}, {"checkpoint", 0, 0},
	{"highway", 0, 0}, {"avenue", 0, 0}, {"boulevard", 0, 0}, {"lane", 0, 0},
	{"drive", 0, 0}, {"way", 0, 0}, {"place", 0, 0}, {"terrace", 0, 0},
	{"mount", 0, 0}, {"fort", 0, 0}, {"cape", 0, 0}, {"saint", 0, 0},
	{"san", 0, 0}, {"santa", 0, 0}, {"bay", 0, 0}, {"gulf", 0, 0},
	{"strait", 0, 0}, {"canal", 0, 0}, {"dam", 0, 0}, {"pass", 0, 0},
	{"crossing", 0, 0}, {"springs", 0, 0}, {"falls", 0, 0}, {"heights", 0, 0},
	{"hills", 0, 0}, {"creek", 0, 0}, {"harbor", 0, 0}, {"harbour", 0, 0},
	{"jan.", 0, 0}, {"feb.", 0, 0}, {"mar.", 0, 0}, {"apr.", 0, 0}, {"jun.", 0, 0},
	{"jul.", 0, 0}, {"aug.", 0, 0}, {"sep.", 0, 0}, {"sept.", 0, 0}, {"oct.", 0, 0},
	{"nov.", 0, 0}, {"dec.", 0, 0}, {"jan", 0, 0}, {"feb", 0, 0}, {"apr", 0, 0},
	{"jun", 0, 0}, {"jul", 0, 0}, {"aug", 0, 0}, {"sep", 0, 0}, {"sept", 0, 0},
	{"oct", 0, 0}, {"nov", 0, 0}, {"dec", 0, 0}, {"mon", 0, 0}, {"tue", 0, 0},
	{"tues", 0, 0}, {"wed", 0, 0}, {"thu", 0, 0}, {"thurs", 0, 0}, {"fri", 0, 0},
	{"sat", 0, 0}, {"sun.", 0, 0}, {"la", 0, 0}, {"el", 0, 0}, {"le", 0, 0},
	{"al", 0, 0}, {"la nina", 0, 0}, {"la niña", 0, 0}, {"el nino", 0, 0},
	{"el niño", 0, 0}, {"igbo", 0, 0}, {"yoruba", 0, 0}, {"hausa", 0, 0},
	{"pashtun", 0, 0}, {"baloch", 0, 0}, {"notre dame", 0, 0},
	/* peoples, tribes and clans that share a name with a place abroad
	 * (Ma'alia and Malia, Crete; Alago and Alagogo): places only with a
	 * clear cue, even with no tribe word ("between the Fellata and
	 * Salamat") */
	{"fulani", 0, 0}, {"tiv", 0, 0}, {"eggon", 0, 0}, {"alago", 0, 0},
	{"kanuri", 0, 0}, {"jukun", 0, 0}, {"berom", 0, 0}, {"tuareg", 0, 0},
	{"toubou", 0, 0}, {"zaghawa", 0, 0}, {"masalit", 0, 0}, {"rizeigat", 0, 0},
	{"rizaigat", 0, 0}, {"riezegat", 0, 0}, {"misseriya", 0, 0}, {"ma'alia", 0, 0},
	{"maaliya", 0, 0}, {"ma'aliya", 0, 0}, {"maalia", 0, 0}, {"habaniya", 0, 0},
	{"fellata", 0, 0}, {"salamat", 0, 0}, {"beni halba", 0, 0}, {"bani halba", 0, 0},
	{"gimir", 0, 0}, {"dinka", 0, 0}, {"nuer", 0, 0}, {"murle", 0, 0},
	{"shilluk", 0, 0}, {"degodia", 0, 0}, {"garre", 0, 0}, {"marehan", 0, 0},
	{"hawiye", 0, 0}, {"darod", 0, 0}, {"abgal", 0, 0}, {"borana", 0, 0},
	/* things named like places: "Molotov cocktails", "Grad rockets",
	 * "Toyota Hilux pick-ups", "the Red Cross said" */
	{"molotov", 0, 0}, {"grad", 0, 0}, {"toyota", 0, 0}, {"hilux", 0, 0},
	{"red cross", 0, 0}, {"red crescent", 0, 0},
};

/* Words that often open a sentence: after "U.S." or "Calif." they show that
 * the period also ended the sentence. */
static xt_lex starters_e[] = {
	{"the", 0, 0}, {"a", 0, 0}, {"an", 0, 0}, {"he", 0, 0}, {"she", 0, 0},
	{"it", 0, 0}, {"they", 0, 0}, {"we", 0, 0}, {"i", 0, 0}, {"you", 0, 0},
	{"this", 0, 0}, {"that", 0, 0}, {"these", 0, 0}, {"those", 0, 0},
	{"there", 0, 0}, {"his", 0, 0}, {"her", 0, 0}, {"their", 0, 0}, {"its", 0, 0},
	{"our", 0, 0}, {"in", 0, 0}, {"on", 0, 0}, {"at", 0, 0}, {"but", 0, 0},
	{"and", 0, 0}, {"however", 0, 0}, {"meanwhile", 0, 0}, {"police", 0, 0},
	{"officials", 0, 0}, {"according", 0, 0}, {"after", 0, 0}, {"before", 0, 0},
	{"when", 0, 0}, {"while", 0, 0}, {"as", 0, 0}, {"if", 0, 0}, {"no", 0, 0},
	{"some", 0, 0}, {"many", 0, 0}, {"most", 0, 0}, {"one", 0, 0}, {"two", 0, 0},
	{"three", 0, 0}, {"authorities", 0, 0}, {"witnesses", 0, 0},
	{"residents", 0, 0}, {"last", 0, 0}, {"earlier", 0, 0}, {"later", 0, 0},
	{"since", 0, 0}, {"during", 0, 0}, {"for", 0, 0}, {"both", 0, 0},
	{"all", 0, 0}, {"several", 0, 0}, {"other", 0, 0}, {"another", 0, 0},
	{"what", 0, 0}, {"who", 0, 0}, {"why", 0, 0}, {"how", 0, 0}, {"where", 0, 0},
	{"from", 0, 0}, {"with", 0, 0}, {"by", 0, 0}, {"to", 0, 0}, {"officers", 0, 0},
	{"troops", 0, 0}, {"soldiers", 0, 0}, {"security", 0, 0}, {"local", 0, 0},
	{"it's", 0, 0}, {"we're", 0, 0}, {"they're", 0, 0}, {"there's", 0, 0},
	{"not", 0, 0}, {"so", 0, 0}, {"yet", 0, 0}, {"still", 0, 0}, {"also", 0, 0},
};

/* Head words of place names that a gazetteer rarely holds ("Palestine
 * Street", "Al-Samoud Intersection"). s: "admin" a province or district,
 * "settlement" a town, "site" a spot inside one, "natural" a feature. */
static xt_lex placeheads_e[] = {
	{"street", 0, "street"}, {"st.", 0, "street"}, {"avenue", 0, "street"}, {"ave.", 0, "street"},
	{"road", 0, "street"}, {"rd.", 0, "street"}, {"boulevard", 0, "street"},
	{"blvd.", 0, "street"}, {"highway", 0, "street"}, {"freeway", 0, "street"},
	{"expressway", 0, "street"}, {"lane", 0, "street"}, {"drive", 0, "street"},
	{"square", 0, "street"}, {"bridge", 0, "street"}, {"park", 0, "site"},
	{"intersection", 0, "street"}, {"junction", 0, "street"}, {"roundabout", 0, "street"},
	{"checkpoint", 0, "site"}, {"gate", 0, "street"}, {"plaza", 0, "site"},
	{"tower", 0, "site"}, {"towers", 0, "site"}, {"building", 0, "site"},
	{"palace", 0, "site"}, {"mosque", 0, "site"}, {"shrine", 0, "site"},
	{"church", 0, "site"}, {"cathedral", 0, "site"}, {"temple", 0, "site"},
	{"synagogue", 0, "site"}, {"hospital", 0, "site"}, {"clinic", 0, "site"},
	{"airport", 0, "site"}, {"airbase", 0, "site"}, {"air base", 0, "site"},
	{"base", 0, "site"}, {"stadium", 0, "site"}, {"arena", 0, "site"},
	{"market", 0, "site"}, {"bazaar", 0, "site"}, {"souk", 0, "site"},
	{"mall", 0, "site"}, {"station", 0, "site"}, {"camp", 0, "site"},
	{"prison", 0, "site"}, {"jail", 0, "site"}, {"refinery", 0, "site"},
	{"oilfield", 0, "site"}, {"oil field", 0, "site"}, {"compound", 0, "site"},
	{"cemetery", 0, "site"}, {"hotel", 0, "site"}, {"library", 0, "site"},
	{"museum", 0, "site"}, {"hall", 0, "site"}, {"center", 0, "site"},
	{"centre", 0, "site"}, {"school", 0, "site"}, {"high school", 0, "site"},
	{"elementary", 0, "site"}, {"academy", 0, "site"}, {"university", 0, "site"},
	{"college", 0, "site"}, {"theater", 0, "site"}, {"theatre", 0, "site"},
	{"courthouse", 0, "site"}, {"pier", 0, "site"}, {"wharf", 0, "site"},
	{"crossing", 0, "site"}, {"border crossing", 0, "site"}, {"port", 0, "site"},
	{"harbor", 0, "site"}, {"harbour", 0, "site"}, {"dam", 0, "site"},
	{"plantation", 0, "site"}, {"farm", 0, "site"}, {"ranch", 0, "site"},
	{"zoo", 0, "site"}, {"garden", 0, "site"}, {"gardens", 0, "site"},
	{"cemetary", 0, "site"}, {"quarter", 0, "site"}, {"neighborhood", 0, "site"},
	{"neighbourhood", 0, "site"}, {"district", 0, "admin"}, {"zone", 0, "site"},
	{"county", 0, "admin"}, {"parish", 0, "admin"}, {"province", 0, "admin"},
	{"governorate", 0, "admin"}, {"region", 0, "admin"}, {"state", 0, "admin"},
	{"township", 0, "settlement"}, {"village", 0, "settlement"},
	{"city", 0, "settlement"}, {"town", 0, "settlement"}, {"borough", 0, "settlement"},
	{"river", 0, "natural"}, {"lake", 0, "natural"}, {"mountain", 0, "natural"},
	{"mountains", 0, "natural"}, {"island", 0, "natural"}, {"islands", 0, "natural"},
	{"bay", 0, "natural"}, {"valley", 0, "natural"}, {"beach", 0, "natural"},
	{"forest", 0, "natural"}, {"desert", 0, "natural"}, {"canal", 0, "natural"},
	{"coast", 0, "natural"}, {"peninsula", 0, "natural"}, {"sea", 0, "natural"},
	{"ocean", 0, "natural"}, {"gulf", 0, "natural"}, {"strait", 0, "natural"},
	{"heights", 0, "natural"}, {"hills", 0, "natural"}, {"springs", 0, "natural"},
	{"creek", 0, "natural"}, {"falls", 0, "natural"}, {"canyon", 0, "natural"},
	{"pass", 0, "natural"}, {"plain", 0, "natural"}, {"plains", 0, "natural"},
	{"marshes", 0, "natural"}, {"wetlands", 0, "natural"},
};

/* Head words of organisation names: a place inside one is embedded. */
static xt_lex orgheads_e[] = {
	{"command", 0, 0}, {"operations", 0, 0}, {"ministry", 0, 0}, {"council", 0, 0},
	/* "Ahle Sunnat Wal Jamaat", "Islami Chhatra Shibir": a party or
	 * league in Urdu and Bengali, its head last as in English */
	{"jamaat", 0, 0}, {"jamat", 0, 0}, {"shibir", 0, 0},
	{"committee", 0, 0}, {"office", 0, 0}, {"agency", 0, 0}, {"authority", 0, 0},
	{"department", 0, 0}, {"directorate", 0, 0}, {"police", 0, 0}, {"army", 0, 0},
	{"forces", 0, 0}, {"force", 0, 0}, {"brigade", 0, 0}, {"brigades", 0, 0},
	{"division", 0, 0}, {"battalion", 0, 0}, {"regiment", 0, 0}, {"corps", 0, 0},
	{"guard", 0, 0}, {"party", 0, 0}, {"movement", 0, 0}, {"front", 0, 0},
	{"alliance", 0, 0}, {"coalition", 0, 0}, {"league", 0, 0}, {"union", 0, 0},
	{"bloc", 0, 0}, {"group", 0, 0}, {"organization", 0, 0}, {"organisation", 0, 0},
	{"association", 0, 0}, {"society", 0, 0}, {"institute", 0, 0},
	{"foundation", 0, 0}, {"fund", 0, 0}, {"bank", 0, 0}, {"company", 0, 0},
	{"corporation", 0, 0}, {"corp.", 0, 0}, {"inc.", 0, 0}, {"ltd.", 0, 0},
	{"co.", 0, 0}, {"network", 0, 0}, {"news", 0, 0}, {"times", 0, 0},
	{"post", 0, 0}, {"press", 0, 0}, {"herald", 0, 0}, {"tribune", 0, 0},
	{"journal", 0, 0}, {"gazette", 0, 0}, {"radio", 0, 0}, {"tv", 0, 0},
	{"television", 0, 0}, {"channel", 0, 0}, {"club", 0, 0}, {"team", 0, 0},
	{"fc", 0, 0}, {"cell", 0, 0}, {"commission", 0, 0}, {"board", 0, 0},
	{"federation", 0, 0}, {"observatory", 0, 0}, {"service", 0, 0},
	{"services", 0, 0}, {"government", 0, 0}, {"administration", 0, 0},
	{"parliament", 0, 0}, {"assembly", 0, 0}, {"court", 0, 0}, {"tribunal", 0, 0},
	{"university", 1, 0}, {"college", 1, 0}, {"school", 1, 0}, {"hospital", 1, 0},
	{"airlines", 0, 0}, {"airways", 0, 0}, {"railways", 0, 0}, {"railroad", 0, 0},
	{"purchase", 0, 0}, {"declaration", 0, 0}, {"accord", 0, 0}, {"accords", 0, 0},
	{"agreement", 0, 0}, {"treaty", 0, 0}, {"conference", 0, 0}, {"summit", 0, 0},
	{"festival", 0, 0}, {"games", 0, 0}, {"cup", 0, 0}, {"championship", 0, 0},
	{"open", 0, 0}, {"marathon", 0, 0}, {"competition", 0, 0}, {"award", 0, 0},
	{"awards", 0, 0}, {"prize", 0, 0}, {"project", 0, 0}, {"program", 0, 0},
	{"programme", 0, 0}, {"initiative", 0, 0}, {"campaign", 0, 0}, {"fc.", 0, 0},
	{"brotherhood", 0, 0}, {"mission", 0, 0}, {"embassy", 0, 0}, {"consulate", 0, 0},
	{"senate", 0, 0}, {"congress", 0, 0}, {"chamber", 0, 0}, {"unit", 0, 0},
	{"units", 0, 0}, {"militia", 0, 0}, {"militias", 0, 0}, {"army's", 0, 0},
	{"squad", 0, 0}, {"troops", 0, 0}, {"governor", 0, 0}, {"provincial council", 0, 0},
};

/* Actor names as written -> one canonical name each. */
static xt_lex actors_e[] = {
	{"islamic state", 0, "Islamic State"}, {"islamic state group", 0, "Islamic State"},
	{"islamic state of iraq and the levant", 0, "Islamic State"},
	{"islamic state of iraq and syria", 0, "Islamic State"},
	{"islamic state in iraq and syria", 0, "Islamic State"},
	{"isis", 0, "Islamic State"}, {"isil", 0, "Islamic State"}, {"is", 2, "Islamic State"},
	{"daesh", 0, "Islamic State"}, {"da'esh", 0, "Islamic State"}, {"daish", 0, "Islamic State"},
	{"kata'ib hezbollah", 0, "Kata'ib Hezbollah"}, {"kataib hezbollah", 0, "Kata'ib Hezbollah"},
	{"kata'ib hizballah", 0, "Kata'ib Hezbollah"}, {"kataib hizbollah", 0, "Kata'ib Hezbollah"},
	{"kata'ib hizbollah", 0, "Kata'ib Hezbollah"}, {"kataeb hezbollah", 0, "Kata'ib Hezbollah"},
	{"hezbollah brigades", 0, "Kata'ib Hezbollah"},
	{"popular mobilization forces", 0, "Popular Mobilization Forces"},
	{"popular mobilisation forces", 0, "Popular Mobilization Forces"},
	{"popular mobilization units", 0, "Popular Mobilization Forces"},
	{"popular mobilisation units", 0, "Popular Mobilization Forces"},
	{"popular mobilization committee", 0, "Popular Mobilization Forces"},
	{"popular mobilization", 0, "Popular Mobilization Forces"},
	{"pmf", 2, "Popular Mobilization Forces"}, {"pmu", 2, "Popular Mobilization Forces"},
	{"hashd", 0, "Popular Mobilization Forces"},
	{"hashd al-shaabi", 0, "Popular Mobilization Forces"},
	{"al-hashd al-shaabi", 0, "Popular Mobilization Forces"},
	{"hashd al-shabi", 0, "Popular Mobilization Forces"},
	{"al-hashd al-shabi", 0, "Popular Mobilization Forces"},
	{"peshmerga", 0, "Peshmerga"}, {"peshmarga", 0, "Peshmerga"},
	{"kurdish peshmerga", 0, "Peshmerga"},
	{"syrian democratic forces", 0, "Syrian Democratic Forces"},
	{"sdf", 2, "Syrian Democratic Forces"},
	{"asa'ib ahl al-haq", 0, "Asa'ib Ahl al-Haq"}, {"asaib ahl al-haq", 0, "Asa'ib Ahl al-Haq"},
	{"asa'ib ahl al haq", 0, "Asa'ib Ahl al-Haq"}, {"asaib ahl al haq", 0, "Asa'ib Ahl al-Haq"},
	{"harakat hezbollah al-nujaba", 0, "Harakat al-Nujaba"},
	{"harakat al-nujaba", 0, "Harakat al-Nujaba"}, {"al-nujaba", 0, "Harakat al-Nujaba"},
	{"nujaba", 0, "Harakat al-Nujaba"}, {"badr organization", 0, "Badr Organization"},
	{"badr organisation", 0, "Badr Organization"}, {"badr brigade", 0, "Badr Organization"},
	{"hezbollah", 0, "Hezbollah"}, {"hizbollah", 0, "Hezbollah"}, {"hizballah", 0, "Hezbollah"},
	{"hizbullah", 0, "Hezbollah"}, {"hamas", 0, "Hamas"},
	{"islamic jihad", 0, "Palestinian Islamic Jihad"},
	{"palestinian islamic jihad", 0, "Palestinian Islamic Jihad"},
	{"al-qaeda", 0, "al-Qaeda"}, {"al qaeda", 0, "al-Qaeda"}, {"al-qaida", 0, "al-Qaeda"},
	{"al qaida", 0, "al-Qaeda"}, {"alqaeda", 0, "al-Qaeda"}, {"al-qa'ida", 0, "al-Qaeda"},
	{"al-qaeda in iraq", 0, "al-Qaeda in Iraq"}, {"al qaeda in iraq", 0, "al-Qaeda in Iraq"},
	{"aqi", 2, "al-Qaeda in Iraq"}, {"islamic state of iraq", 0, "al-Qaeda in Iraq"},
	{"al-qaeda in the arabian peninsula", 0, "AQAP"},
	{"al qaeda in the arabian peninsula", 0, "AQAP"}, {"aqap", 2, "AQAP"},
	{"ansar al-sharia", 0, "Ansar al-Sharia"}, {"ansar al sharia", 0, "Ansar al-Sharia"},
	{"houthis", 0, "Houthis"}, {"houthi", 0, "Houthis"}, {"houthi rebels", 0, "Houthis"},
	{"houthi militia", 0, "Houthis"}, {"houthi militias", 0, "Houthis"},
	{"ansar allah", 0, "Houthis"}, {"ansarallah", 0, "Houthis"}, {"ansarullah", 0, "Houthis"},
	{"pkk", 2, "PKK"}, {"kurdistan workers' party", 0, "PKK"},
	{"kurdistan workers party", 0, "PKK"}, {"ypg", 2, "YPG"},
	{"people's protection units", 0, "YPG"}, {"taliban", 0, "Taliban"},
	{"al-shabaab", 0, "al-Shabaab"}, {"al shabaab", 0, "al-Shabaab"},
	{"boko haram", 0, "Boko Haram"}, {"hayat tahrir al-sham", 0, "Hayat Tahrir al-Sham"},
	{"hts", 2, "Hayat Tahrir al-Sham"}, {"free syrian army", 0, "Free Syrian Army"},
	{"fsa", 2, "Free Syrian Army"}, {"jaish al-adl", 0, "Jaish al-Adl"},
	{"jaysh al-adl", 0, "Jaish al-Adl"}, {"nusra front", 0, "Nusra Front"},
	{"al-nusra front", 0, "Nusra Front"}, {"al-nusra", 0, "Nusra Front"},
	{"jabhat al-nusra", 0, "Nusra Front"}, {"tak", 2, "TAK"},
	{"kurdistan freedom falcons", 0, "TAK"}, {"mahdi army", 0, "Mahdi Army"},
	{"jaysh al-mahdi", 0, "Mahdi Army"}, {"jaish al-mahdi", 0, "Mahdi Army"},
	{"saraya al-salam", 0, "Saraya al-Salam"}, {"peace brigades", 0, "Saraya al-Salam"},
	{"sahwa", 0, "Sahwa"}, {"awakening council", 0, "Sahwa"},
	{"awakening councils", 0, "Sahwa"}, {"sons of iraq", 0, "Sahwa"},
	{"naqshbandi army", 0, "Naqshbandi Army"}, {"jrtn", 2, "Naqshbandi Army"},
	{"ansar al-islam", 0, "Ansar al-Islam"}, {"ansar al-sunna", 0, "Ansar al-Sunna"},
	{"asayish", 0, "Asayish"}, {"irgc", 2, "IRGC"},
	{"islamic revolutionary guard corps", 0, "IRGC"}, {"revolutionary guards", 0, "IRGC"},
	{"revolutionary guard", 0, "IRGC"}, {"quds force", 0, "IRGC"},
	{"iraqi army", 0, "Iraqi army"}, {"iraqi troops", 0, "Iraqi army"},
	{"iraqi soldiers", 0, "Iraqi army"}, {"iraqi military", 0, "Iraqi army"},
	{"iraqi army troops", 0, "Iraqi army"}, {"iraqi armed forces", 0, "Iraqi army"},
	{"iraqi security forces", 0, "Iraqi security forces"}, {"isf", 2, "Iraqi security forces"},
	{"iraqi forces", 0, "Iraqi security forces"}, {"iraqi police", 0, "Iraqi police"},
	{"iraqi federal police", 0, "Iraqi police"}, {"federal police", 0, "Iraqi police"},
	{"counter-terrorism service", 0, "Iraqi Counter-Terrorism Service"},
	{"counter terrorism service", 0, "Iraqi Counter-Terrorism Service"},
	{"counter-terrorism forces", 0, "Iraqi Counter-Terrorism Service"},
	{"security forces", 0, "security forces"},
	{"turkish army", 0, "Turkish military"}, {"turkish military", 0, "Turkish military"},
	{"turkish armed forces", 0, "Turkish military"}, {"turkish troops", 0, "Turkish military"},
	{"turkish soldiers", 0, "Turkish military"}, {"turkish warplanes", 0, "Turkish military"},
	{"turkish jets", 0, "Turkish military"}, {"turkish forces", 0, "Turkish military"},
	{"syrian army", 0, "Syrian army"}, {"syrian government forces", 0, "Syrian army"},
	{"syrian regime forces", 0, "Syrian army"}, {"regime forces", 0, "Syrian army"},
	{"syrian troops", 0, "Syrian army"}, {"syrian soldiers", 0, "Syrian army"},
	{"israeli army", 0, "Israeli military"}, {"israel defense forces", 0, "Israeli military"},
	{"idf", 2, "Israeli military"}, {"israeli forces", 0, "Israeli military"},
	{"israeli military", 0, "Israeli military"}, {"israeli warplanes", 0, "Israeli military"},
	{"israeli jets", 0, "Israeli military"}, {"israeli troops", 0, "Israeli military"},
	{"israeli soldiers", 0, "Israeli military"},
	{"us forces", 0, "US military"}, {"u.s. forces", 0, "US military"},
	{"american forces", 0, "US military"}, {"us military", 0, "US military"},
	{"u.s. military", 0, "US military"}, {"us troops", 0, "US military"},
	{"u.s. troops", 0, "US military"}, {"american troops", 0, "US military"},
	{"us-led coalition", 0, "US-led coalition"}, {"u.s.-led coalition", 0, "US-led coalition"},
	{"international coalition", 0, "US-led coalition"},
	{"coalition forces", 0, "US-led coalition"}, {"global coalition", 0, "US-led coalition"},
	{"russian forces", 0, "Russian military"}, {"russian warplanes", 0, "Russian military"},
	{"russian military", 0, "Russian military"}, {"russian jets", 0, "Russian military"},
	{"iranian forces", 0, "Iranian military"}, {"iranian military", 0, "Iranian military"},
	{"saudi-led coalition", 0, "Saudi-led coalition"}, {"arab coalition", 0, "Saudi-led coalition"},
	{"saudi coalition", 0, "Saudi-led coalition"},
	{"yemeni army", 0, "Yemeni army"}, {"yemeni forces", 0, "Yemeni army"},
	{"yemeni troops", 0, "Yemeni army"}, {"yemeni soldiers", 0, "Yemeni army"},
	{"lebanese army", 0, "Lebanese army"}, {"lebanese troops", 0, "Lebanese army"},
	{"lebanese soldiers", 0, "Lebanese army"},
	{"kurdish security forces", 0, "Kurdish security forces"},
	{"jordanian army", 0, "Jordanian army"}, {"egyptian army", 0, "Egyptian army"},
	/* the weapon names the force: "Turkish drones struck", "an Israeli
	 * air strike" */
	{"turkish drone", 0, "Turkish military"}, {"turkish drones", 0, "Turkish military"},
	{"turkish air strike", 0, "Turkish military"}, {"turkish airstrike", 0, "Turkish military"},
	{"turkish air strikes", 0, "Turkish military"}, {"turkish airstrikes", 0, "Turkish military"},
	{"turkish artillery", 0, "Turkish military"}, {"turkish aircraft", 0, "Turkish military"},
	{"israeli drone", 0, "Israeli military"}, {"israeli drones", 0, "Israeli military"},
	{"israeli air strike", 0, "Israeli military"}, {"israeli airstrike", 0, "Israeli military"},
	{"israeli air strikes", 0, "Israeli military"}, {"israeli airstrikes", 0, "Israeli military"},
	{"israeli strike", 0, "Israeli military"}, {"israeli strikes", 0, "Israeli military"},
	{"israeli aircraft", 0, "Israeli military"}, {"israeli artillery", 0, "Israeli military"},
	{"us drone", 0, "US military"}, {"u.s. drone", 0, "US military"},
	{"american drone", 0, "US military"}, {"us air strike", 0, "US military"},
	{"u.s. air strike", 0, "US military"}, {"us airstrike", 0, "US military"},
	{"u.s. airstrike", 0, "US military"}, {"us strike", 0, "US military"},
	{"u.s. strike", 0, "US military"},
	{"russian drone", 0, "Russian military"}, {"russian drones", 0, "Russian military"},
	{"russian air strike", 0, "Russian military"}, {"russian airstrike", 0, "Russian military"},
	{"russian air strikes", 0, "Russian military"}, {"russian airstrikes", 0, "Russian military"},
	{"iranian drone", 0, "Iranian military"}, {"iranian drones", 0, "Iranian military"},
	{"iranian missile", 0, "Iranian military"}, {"iranian missiles", 0, "Iranian military"},
	{"saudi warplanes", 0, "Saudi-led coalition"}, {"saudi jets", 0, "Saudi-led coalition"},
	{"saudi air strike", 0, "Saudi-led coalition"}, {"saudi airstrike", 0, "Saudi-led coalition"},
	{"saudi air strikes", 0, "Saudi-led coalition"}, {"saudi airstrikes", 0, "Saudi-led coalition"},
	/* armed groups of Africa and South Asia */
	{"al-shabab", 0, "al-Shabaab"}, {"al shabab", 0, "al-Shabaab"}, {"shabaab", 0, "al-Shabaab"},
	{"shabab", 0, "al-Shabaab"}, {"harakat al-shabaab al-mujahideen", 0, "al-Shabaab"},
	{"ansar dine", 0, "Ansar Dine"}, {"ansar eddine", 0, "Ansar Dine"},
	{"mujao", 2, "MUJAO"}, {"seleka", 0, "Seleka"}, {"ex-seleka", 0, "Seleka"},
	{"anti-balaka", 0, "Anti-balaka"}, {"m23", 2, "M23"}, {"m23 rebels", 0, "M23"},
	{"allied democratic forces", 0, "Allied Democratic Forces"},
	{"fdlr", 2, "FDLR"}, {"janjaweed", 0, "Janjaweed"},
	{"rapid support forces", 0, "Rapid Support Forces"},
	{"justice and equality movement", 0, "Justice and Equality Movement"},
	{"tehrik-i-taliban pakistan", 0, "Tehrik-i-Taliban Pakistan"},
	{"tehreek-e-taliban pakistan", 0, "Tehrik-i-Taliban Pakistan"},
	{"tehrik-e-taliban pakistan", 0, "Tehrik-i-Taliban Pakistan"},
	{"pakistani taliban", 0, "Tehrik-i-Taliban Pakistan"},
	{"ttp", 2, "Tehrik-i-Taliban Pakistan"}, {"lashkar-e-jhangvi", 0, "Lashkar-e-Jhangvi"},
	{"lashkar-e-jhangvi al-alami", 0, "Lashkar-e-Jhangvi"},
	{"baloch liberation army", 0, "Baloch Liberation Army"},
	{"abu sayyaf", 0, "Abu Sayyaf"}, {"new people's army", 0, "New People's Army"},
	{"ansar bayt al-maqdis", 0, "Ansar Bayt al-Maqdis"},
	{"mombasa republican council", 0, "Mombasa Republican Council"},
};

/* The countries an armed group implies when a text names it and no country
 * (key: the canonical actor name, lower case -> ISO codes, joined by
 * commas, the first its home): a weak prior,
 * like --focus, not a place. Groups of several countries (al-Qaeda,
 * Islamic State, AQIM) imply none. */
static xt_lex actor_countries_e[] = {
	{"al-shabaab", 0, "SO,KE"}, {"boko haram", 0, "NG"}, {"taliban", 0, "AF"},
	{"tehrik-i-taliban pakistan", 0, "PK"}, {"lashkar-e-jhangvi", 0, "PK"},
	{"baloch liberation army", 0, "PK"}, {"houthis", 0, "YE"}, {"aqap", 0, "YE"},
	{"hezbollah", 0, "LB"}, {"hamas", 0, "PS"}, {"palestinian islamic jihad", 0, "PS"},
	{"pkk", 0, "TR"}, {"tak", 0, "TR"}, {"popular mobilization forces", 0, "IQ"},
	{"kata'ib hezbollah", 0, "IQ"}, {"asa'ib ahl al-haq", 0, "IQ"},
	{"harakat al-nujaba", 0, "IQ"}, {"badr organization", 0, "IQ"}, {"peshmerga", 0, "IQ"},
	{"sahwa", 0, "IQ"}, {"saraya al-salam", 0, "IQ"}, {"mahdi army", 0, "IQ"},
	{"naqshbandi army", 0, "IQ"}, {"al-qaeda in iraq", 0, "IQ"},
	{"syrian democratic forces", 0, "SY"}, {"ypg", 0, "SY"}, {"free syrian army", 0, "SY"},
	{"hayat tahrir al-sham", 0, "SY"}, {"nusra front", 0, "SY"}, {"jaish al-adl", 0, "IR"},
	{"ansar dine", 0, "ML"}, {"mujao", 0, "ML"}, {"seleka", 0, "CF"}, {"anti-balaka", 0, "CF"},
	{"m23", 0, "CD"}, {"allied democratic forces", 0, "CD"}, {"fdlr", 0, "CD"},
	{"janjaweed", 0, "SD"}, {"rapid support forces", 0, "SD"},
	{"justice and equality movement", 0, "SD"}, {"abu sayyaf", 0, "PH"},
	{"new people's army", 0, "PH"}, {"ansar bayt al-maqdis", 0, "EG"},
	{"mombasa republican council", 0, "KE"},
};

/* US state abbreviations (AP style and postal) -> name. v 2: a postal code,
 * only read in upper case after a comma. */
static xt_lex us_states_e[] = {
	{"ala.", 0, "Alabama"}, {"ariz.", 0, "Arizona"}, {"ark.", 0, "Arkansas"},
	{"calif.", 0, "California"}, {"colo.", 0, "Colorado"}, {"conn.", 0, "Connecticut"},
	{"del.", 0, "Delaware"}, {"fla.", 0, "Florida"}, {"ga.", 0, "Georgia"},
	{"ill.", 0, "Illinois"}, {"ind.", 0, "Indiana"}, {"kan.", 0, "Kansas"},
	{"kans.", 0, "Kansas"}, {"ky.", 0, "Kentucky"}, {"la.", 0, "Louisiana"},
	{"md.", 0, "Maryland"}, {"mass.", 0, "Massachusetts"}, {"mich.", 0, "Michigan"},
	{"minn.", 0, "Minnesota"}, {"miss.", 0, "Mississippi"}, {"mo.", 0, "Missouri"},
	{"mont.", 0, "Montana"}, {"neb.", 0, "Nebraska"}, {"nebr.", 0, "Nebraska"},
	{"nev.", 0, "Nevada"}, {"okla.", 0, "Oklahoma"}, {"ore.", 0, "Oregon"},
	{"pa.", 0, "Pennsylvania"}, {"penn.", 0, "Pennsylvania"}, {"tenn.", 0, "Tennessee"},
	{"tex.", 0, "Texas"}, {"va.", 0, "Virginia"}, {"vt.", 0, "Vermont"},
	{"wash.", 0, "Washington"}, {"wis.", 0, "Wisconsin"}, {"wisc.", 0, "Wisconsin"},
	{"wyo.", 0, "Wyoming"}, {"n.y.", 0, "New York"}, {"n.j.", 0, "New Jersey"},
	{"n.c.", 0, "North Carolina"}, {"s.c.", 0, "South Carolina"},
	{"n.d.", 0, "North Dakota"}, {"s.d.", 0, "South Dakota"}, {"n.h.", 0, "New Hampshire"},
	{"n.m.", 0, "New Mexico"}, {"r.i.", 0, "Rhode Island"}, {"w.va.", 0, "West Virginia"},
	{"d.c.", 0, "District of Columbia"},
	{"al", 2, "Alabama"}, {"ak", 2, "Alaska"}, {"az", 2, "Arizona"}, {"ar", 2, "Arkansas"},
	{"ca", 2, "California"}, {"co", 2, "Colorado"}, {"ct", 2, "Connecticut"},
	{"de", 2, "Delaware"}, {"fl", 2, "Florida"}, {"ga", 2, "Georgia"}, {"hi", 2, "Hawaii"},
	{"id", 2, "Idaho"}, {"il", 2, "Illinois"}, {"in", 2, "Indiana"}, {"ia", 2, "Iowa"},
	{"ks", 2, "Kansas"}, {"ky", 2, "Kentucky"}, {"la", 2, "Louisiana"}, {"me", 2, "Maine"},
	{"md", 2, "Maryland"}, {"ma", 2, "Massachusetts"}, {"mi", 2, "Michigan"},
	{"mn", 2, "Minnesota"}, {"ms", 2, "Mississippi"}, {"mo", 2, "Missouri"},
	{"mt", 2, "Montana"}, {"ne", 2, "Nebraska"}, {"nv", 2, "Nevada"},
	{"nh", 2, "New Hampshire"}, {"nj", 2, "New Jersey"}, {"nm", 2, "New Mexico"},
	{"ny", 2, "New York"}, {"nc", 2, "North Carolina"}, {"nd", 2, "North Dakota"},
	{"oh", 2, "Ohio"}, {"ok", 2, "Oklahoma"}, {"or", 2, "Oregon"}, {"pa", 2, "Pennsylvania"},
	{"ri", 2, "Rhode Island"}, {"sc", 2, "South Carolina"}, {"sd", 2, "South Dakota"},
	{"tn", 2, "Tennessee"}, {"tx", 2, "Texas"}, {"ut", 2, "Utah"}, {"vt", 2, "Vermont"},
	{"va", 2, "Virginia"}, {"wa", 2, "Washington"}, {"wv", 2, "West Virginia"},
	{"wi", 2, "Wisconsin"}, {"wy", 2, "Wyoming"}, {"dc", 2, "District of Columbia"},
};

/* Event triggers: v = kind * 10 + strength (1 weak ... 3 specific). */
static xt_lex triggers_e[] = {
	{"suicide bomber", XE_SUICIDE * 10 + 3, 0},
	{"suicide bombers", XE_SUICIDE * 10 + 3, 0},
	{"suicide bombing", XE_SUICIDE * 10 + 3, 0},
	{"suicide bombings", XE_SUICIDE * 10 + 3, 0},
	{"suicide attack", XE_SUICIDE * 10 + 3, 0},
	{"suicide attacks", XE_SUICIDE * 10 + 3, 0},
	{"suicide attacker", XE_SUICIDE * 10 + 3, 0},
	{"suicide attackers", XE_SUICIDE * 10 + 3, 0},
	{"suicide car bomb", XE_SUICIDE * 10 + 3, 0},
	{"suicide car bomber", XE_SUICIDE * 10 + 3, 0},
	{"suicide car bombing", XE_SUICIDE * 10 + 3, 0},
	{"suicide truck bomb", XE_SUICIDE * 10 + 3, 0},
	{"suicide truck bomber", XE_SUICIDE * 10 + 3, 0},
	{"suicide vest", XE_SUICIDE * 10 + 3, 0},
	{"suicide blast", XE_SUICIDE * 10 + 3, 0},
	{"suicide bomb", XE_SUICIDE * 10 + 3, 0},
	{"suicide explosion", XE_SUICIDE * 10 + 3, 0},
	{"suicide belt", XE_SUICIDE * 10 + 3, 0},
	{"explosive vest", XE_SUICIDE * 10 + 3, 0},
	{"explosives vest", XE_SUICIDE * 10 + 3, 0},
	{"explosive belt", XE_SUICIDE * 10 + 3, 0},
	{"explosives belt", XE_SUICIDE * 10 + 3, 0},
	{"blew himself up", XE_SUICIDE * 10 + 3, 0},
	{"blew herself up", XE_SUICIDE * 10 + 3, 0},
	{"blew themselves up", XE_SUICIDE * 10 + 3, 0},
	{"blowing himself up", XE_SUICIDE * 10 + 3, 0},
	{"blowing themselves up", XE_SUICIDE * 10 + 3, 0},
	{"self-detonated", XE_SUICIDE * 10 + 3, 0},
	{"suicide", XE_SUICIDE * 10 + 2, 0},
	{"drone", XE_AIR * 10 + 3, 0},
	{"drones", XE_AIR * 10 + 3, 0},
	{"drone strike", XE_AIR * 10 + 3, 0},
	{"drone strikes", XE_AIR * 10 + 3, 0},
	/* a state's "strikes" are from the air (a workers' strike has no
	 * nation before it) */
	{"israeli strike", XE_AIR * 10 + 3, 0},
	{"israeli strikes", XE_AIR * 10 + 3, 0},
	{"us strike", XE_AIR * 10 + 3, 0},
	{"us strikes", XE_AIR * 10 + 3, 0},
	{"u.s. strike", XE_AIR * 10 + 3, 0},
	{"u.s. strikes", XE_AIR * 10 + 3, 0},
	{"american strike", XE_AIR * 10 + 3, 0},
	{"american strikes", XE_AIR * 10 + 3, 0},
	{"turkish strike", XE_AIR * 10 + 3, 0},
	{"turkish strikes", XE_AIR * 10 + 3, 0},
	{"russian strike", XE_AIR * 10 + 3, 0},
	{"russian strikes", XE_AIR * 10 + 3, 0},
	{"coalition strike", XE_AIR * 10 + 3, 0},
	{"coalition strikes", XE_AIR * 10 + 3, 0},
	{"drone attack", XE_AIR * 10 + 3, 0},
	{"air strike", XE_AIR * 10 + 3, 0},
	{"air strikes", XE_AIR * 10 + 3, 0},
	{"airstrike", XE_AIR * 10 + 3, 0},
	{"airstrikes", XE_AIR * 10 + 3, 0},
	{"air raid", XE_AIR * 10 + 3, 0},
	{"air raids", XE_AIR * 10 + 3, 0},
	{"warplane", XE_AIR * 10 + 3, 0},
	{"warplanes", XE_AIR * 10 + 3, 0},
	{"war planes", XE_AIR * 10 + 3, 0},
	{"fighter jets", XE_AIR * 10 + 3, 0},
	{"jets", XE_AIR * 10 + 2, 0},
	{"helicopter gunship", XE_AIR * 10 + 3, 0},
	{"helicopter gunships", XE_AIR * 10 + 3, 0},
	{"aerial bombardment", XE_AIR * 10 + 3, 0},
	{"aerial attack", XE_AIR * 10 + 3, 0},
	{"air attack", XE_AIR * 10 + 3, 0},
	{"uav", XE_AIR * 10 + 3, 0},
	{"uavs", XE_AIR * 10 + 3, 0},
	{"unmanned aerial vehicle", XE_AIR * 10 + 3, 0},
	{"bombed", XE_AIR * 10 + 2, 0},
	{"aerial", XE_AIR * 10 + 2, 0},
	{"air-strike", XE_AIR * 10 + 3, 0},
	{"air-strikes", XE_AIR * 10 + 3, 0},
	{"shelling", XE_SHELL * 10 + 3, 0},
	{"shelled", XE_SHELL * 10 + 3, 0},
	{"shells", XE_SHELL * 10 + 2, 0},
	{"shellfire", XE_SHELL * 10 + 3, 0},
	{"shell hit", XE_SHELL * 10 + 3, 0},
	{"shell struck", XE_SHELL * 10 + 3, 0},
	{"shell landed", XE_SHELL * 10 + 3, 0},
	{"shell fell", XE_SHELL * 10 + 3, 0},
	{"shell exploded", XE_SHELL * 10 + 3, 0},
	{"artillery shell", XE_SHELL * 10 + 3, 0},
	{"tank shell", XE_SHELL * 10 + 3, 0},
	{"mortar", XE_SHELL * 10 + 3, 0},
	{"mortars", XE_SHELL * 10 + 3, 0},
	{"mortar shell", XE_SHELL * 10 + 3, 0},
	{"mortar shells", XE_SHELL * 10 + 3, 0},
	{"rocket", XE_SHELL * 10 + 3, 0},
	{"rockets", XE_SHELL * 10 + 3, 0},
	{"rocket attack", XE_SHELL * 10 + 3, 0},
	{"katyusha", XE_SHELL * 10 + 3, 0},
	{"katyushas", XE_SHELL * 10 + 3, 0},
	{"artillery", XE_SHELL * 10 + 3, 0},
	{"missile", XE_SHELL * 10 + 3, 0},
	{"missiles", XE_SHELL * 10 + 3, 0},
	{"projectile", XE_SHELL * 10 + 3, 0},
	{"projectiles", XE_SHELL * 10 + 3, 0},
	{"grenade", XE_GRENADE * 10 + 3, 0},
	{"grenades", XE_GRENADE * 10 + 3, 0},
	{"hand grenade", XE_GRENADE * 10 + 3, 0},
	{"car bomb", XE_IED * 10 + 3, 0},
	{"car bombs", XE_IED * 10 + 3, 0},
	{"car bombing", XE_IED * 10 + 3, 0},
	{"car bombings", XE_IED * 10 + 3, 0},
	{"car-bomb", XE_IED * 10 + 3, 0},
	{"motorcycle bomb", XE_IED * 10 + 3, 0},
	{"motorcycle bombing", XE_IED * 10 + 3, 0},
	{"motorbike bomb", XE_IED * 10 + 3, 0},
	{"roadside bomb", XE_IED * 10 + 3, 0},
	{"roadside bombs", XE_IED * 10 + 3, 0},
	{"roadside bombing", XE_IED * 10 + 3, 0},
	{"truck bomb", XE_IED * 10 + 3, 0},
	{"bicycle bomb", XE_IED * 10 + 3, 0},
	{"ied", XE_IED * 10 + 3, 0},
	{"ieds", XE_IED * 10 + 3, 0},
	{"vbied", XE_IED * 10 + 3, 0},
	{"improvised explosive device", XE_IED * 10 + 3, 0},
	{"improvised explosive devices", XE_IED * 10 + 3, 0},
	{"explosive device", XE_IED * 10 + 3, 0},
	{"explosive devices", XE_IED * 10 + 3, 0},
	{"sticky bomb", XE_IED * 10 + 3, 0},
	{"magnetic bomb", XE_IED * 10 + 3, 0},
	{"landmine", XE_IED * 10 + 3, 0},
	{"landmines", XE_IED * 10 + 3, 0},
	{"land mine", XE_IED * 10 + 3, 0},
	{"land mines", XE_IED * 10 + 3, 0},
	{"booby-trapped", XE_IED * 10 + 3, 0},
	{"booby trap", XE_IED * 10 + 3, 0},
	{"parked car", XE_IED * 10 + 2, 0},
	{"bomb", XE_IED * 10 + 2, 0},
	{"bombs", XE_IED * 10 + 2, 0},
	{"bombing", XE_IED * 10 + 2, 0},
	{"bombings", XE_IED * 10 + 2, 0},
	{"explosion", XE_IED * 10 + 2, 0},
	{"explosions", XE_IED * 10 + 2, 0},
	{"blast", XE_IED * 10 + 2, 0},
	{"blasts", XE_IED * 10 + 2, 0},
	{"exploded", XE_IED * 10 + 2, 0},
	{"detonated", XE_IED * 10 + 2, 0},
	{"went off", XE_IED * 10 + 2, 0},
	{"bomb attack", XE_IED * 10 + 3, 0},
	{"bomb blast", XE_IED * 10 + 3, 0},
	{"explosives", XE_IED * 10 + 2, 0},
	{"sticky bombs", XE_IED * 10 + 3, 0},
	{"kidnapped", XE_ABDUCT * 10 + 3, 0},
	{"kidnapping", XE_ABDUCT * 10 + 3, 0},
	{"kidnap", XE_ABDUCT * 10 + 3, 0},
	{"kidnappers", XE_ABDUCT * 10 + 3, 0},
	{"abducted", XE_ABDUCT * 10 + 3, 0},
	{"abduction", XE_ABDUCT * 10 + 3, 0},
	{"abducting", XE_ABDUCT * 10 + 3, 0},
	{"taken hostage", XE_ABDUCT * 10 + 3, 0},
	{"held hostage", XE_ABDUCT * 10 + 3, 0},
	{"kidnappings", XE_ABDUCT * 10 + 3, 0},
	{"abductions", XE_ABDUCT * 10 + 3, 0},
	{"raped", XE_SEXUAL * 10 + 3, 0},
	{"sexual assault", XE_SEXUAL * 10 + 3, 0},
	{"sexually assaulted", XE_SEXUAL * 10 + 3, 0},
	{"assassinated", XE_ATTACK * 10 + 3, 0},
	{"assassination", XE_ATTACK * 10 + 3, 0},
	{"assassination attempt", XE_ATTACK * 10 + 3, 0},
	{"gunned down", XE_ATTACK * 10 + 3, 0},
	{"shot dead", XE_ATTACK * 10 + 3, 0},
	{"shot and killed", XE_ATTACK * 10 + 3, 0},
	{"executed", XE_ATTACK * 10 + 3, 0},
	{"beheaded", XE_ATTACK * 10 + 3, 0},
	{"massacre", XE_ATTACK * 10 + 3, 0},
	{"massacred", XE_ATTACK * 10 + 3, 0},
	{"stabbed", XE_ATTACK * 10 + 3, 0},
	{"stabbing", XE_ATTACK * 10 + 3, 0},
	{"murdered", XE_ATTACK * 10 + 3, 0},
	{"murder", XE_ATTACK * 10 + 2, 0},
	{"gunmen", XE_ATTACK * 10 + 2, 0},
	{"gunman", XE_ATTACK * 10 + 2, 0},
	{"shooting", XE_ATTACK * 10 + 2, 0},
	{"shot", XE_ATTACK * 10 + 2, 0},
	{"opened fire", XE_ATTACK * 10 + 2, 0},
	{"open fire", XE_ATTACK * 10 + 2, 0},
	{"shootings", XE_ATTACK * 10 + 2, 0},
	{"burned alive", XE_ATTACK * 10 + 3, 0},
	{"burnt alive", XE_ATTACK * 10 + 3, 0},
	{"hacked to death", XE_ATTACK * 10 + 3, 0},
	{"arrested", XE_ARREST * 10 + 2, 0},
	{"detained", XE_ARREST * 10 + 2, 0},
	{"apprehended", XE_ARREST * 10 + 2, 0},
	{"rounded up", XE_ARREST * 10 + 2, 0},
	{"looted", XE_LOOT * 10 + 2, 0},
	{"looting", XE_LOOT * 10 + 2, 0},
	{"ransacked", XE_LOOT * 10 + 2, 0},
	{"plundered", XE_LOOT * 10 + 2, 0},
	{"vandalised", XE_LOOT * 10 + 2, 0},
	{"vandalized", XE_LOOT * 10 + 2, 0},
	{"razed", XE_LOOT * 10 + 2, 0},
	{"demolished", XE_LOOT * 10 + 2, 0},
	{"set up a base", XE_HQ * 10 + 3, 0},
	{"established a base", XE_HQ * 10 + 3, 0},
	{"set up headquarters", XE_HQ * 10 + 3, 0},
	{"established headquarters", XE_HQ * 10 + 3, 0},
	{"set up their headquarters", XE_HQ * 10 + 3, 0},
	{"seized the town", XE_TAKEOVER * 10 + 3, 0},
	{"seized the city", XE_TAKEOVER * 10 + 3, 0},
	{"seized the village", XE_TAKEOVER * 10 + 3, 0},
	{"seized the district", XE_TAKEOVER * 10 + 3, 0},
	{"captured the district", XE_TAKEOVER * 10 + 3, 0},
	{"took over the town", XE_TAKEOVER * 10 + 3, 0},
	{"took over the city", XE_TAKEOVER * 10 + 3, 0},
	{"took over the village", XE_TAKEOVER * 10 + 3, 0},
	{"overrun", XE_TAKEOVER * 10 + 2, 0},
	{"beaten to death", XE_ATTACK * 10 + 3, 0},
	{"stoned to death", XE_ATTACK * 10 + 3, 0},
	{"tortured to death", XE_ATTACK * 10 + 3, 0},
	{"clubbed to death", XE_ATTACK * 10 + 3, 0},
	{"shot to death", XE_ATTACK * 10 + 3, 0},
	{"stabbed to death", XE_ATTACK * 10 + 3, 0},
	{"strangled to death", XE_ATTACK * 10 + 3, 0},
	{"burned to death", XE_ATTACK * 10 + 3, 0},
	{"burnt to death", XE_ATTACK * 10 + 3, 0},
	{"fatally shot", XE_ATTACK * 10 + 3, 0},
	{"fatally stabbed", XE_ATTACK * 10 + 3, 0},
	{"gunfire", XE_ATTACK * 10 + 2, 0},
	{"firing", XE_ATTACK * 10 + 2, 0},
	{"found dead", XE_KILLING * 10 + 2, 0},
	{"lost their lives", XE_KILLING * 10 + 2, 0},
	{"lost his life", XE_KILLING * 10 + 2, 0},
	{"lost her life", XE_KILLING * 10 + 2, 0},
	{"gunfight", XE_CLASH * 10 + 3, 0},
	{"gunfights", XE_CLASH * 10 + 3, 0},
	{"gun fight", XE_CLASH * 10 + 3, 0},
	{"shootout", XE_CLASH * 10 + 3, 0},
	{"shoot-out", XE_CLASH * 10 + 3, 0},
	{"clash", XE_CLASH * 10 + 3, 0},
	{"clashes", XE_CLASH * 10 + 3, 0},
	{"clashed", XE_CLASH * 10 + 3, 0},
	{"clashing", XE_CLASH * 10 + 3, 0},
	{"fought", XE_CLASH * 10 + 3, 0},
	{"fighting", XE_CLASH * 10 + 3, 0},
	{"firefight", XE_CLASH * 10 + 3, 0},
	{"gun battle", XE_CLASH * 10 + 3, 0},
	{"gunbattle", XE_CLASH * 10 + 3, 0},
	{"gun battles", XE_CLASH * 10 + 3, 0},
	{"exchange of fire", XE_CLASH * 10 + 3, 0},
	{"exchanged fire", XE_CLASH * 10 + 3, 0},
	{"battle", XE_CLASH * 10 + 2, 0},
	{"battles", XE_CLASH * 10 + 2, 0},
	{"ambush", XE_CLASH * 10 + 3, 0},
	{"ambushed", XE_CLASH * 10 + 3, 0},
	{"offensive", XE_CLASH * 10 + 2, 0},
	{"raid", XE_CLASH * 10 + 2, 0},
	{"raided", XE_CLASH * 10 + 2, 0},
	{"stormed", XE_CLASH * 10 + 2, 0},
	{"skirmish", XE_CLASH * 10 + 3, 0},
	{"skirmishes", XE_CLASH * 10 + 3, 0},
	{"engaged", XE_CLASH * 10 + 1, 0},
	{"seized control", XE_TAKEOVER * 10 + 3, 0},
	{"took control", XE_TAKEOVER * 10 + 3, 0},
	{"overran", XE_TAKEOVER * 10 + 3, 0},
	{"captured the town", XE_TAKEOVER * 10 + 3, 0},
	{"captured the city", XE_TAKEOVER * 10 + 3, 0},
	{"captured the village", XE_TAKEOVER * 10 + 3, 0},
	{"protest", XE_PROTEST * 10 + 3, 0},
	{"protests", XE_PROTEST * 10 + 3, 0},
	{"protested", XE_PROTEST * 10 + 3, 0},
	{"protesting", XE_PROTEST * 10 + 3, 0},
	{"protester", XE_PROTEST * 10 + 3, 0},
	{"protesters", XE_PROTEST * 10 + 3, 0},
	{"protestor", XE_PROTEST * 10 + 3, 0},
	{"protestors", XE_PROTEST * 10 + 3, 0},
	{"demonstration", XE_PROTEST * 10 + 3, 0},
	{"demonstrations", XE_PROTEST * 10 + 3, 0},
	{"demonstrators", XE_PROTEST * 10 + 3, 0},
	{"demonstrator", XE_PROTEST * 10 + 3, 0},
	{"demonstrated", XE_PROTEST * 10 + 3, 0},
	{"demonstrating", XE_PROTEST * 10 + 3, 0},
	{"sit-in", XE_PROTEST * 10 + 3, 0},
	{"sit-ins", XE_PROTEST * 10 + 3, 0},
	{"rally", XE_PROTEST * 10 + 3, 0},
	{"rallies", XE_PROTEST * 10 + 3, 0},
	{"rallied", XE_PROTEST * 10 + 3, 0},
	{"marched", XE_PROTEST * 10 + 2, 0},
	{"vigil", XE_PROTEST * 10 + 2, 0},
	{"protest camp", XE_PROTEST * 10 + 3, 0},
	{"picket", XE_PROTEST * 10 + 2, 0},
	{"hunger strike", XE_PROTEST * 10 + 3, 0},
	{"general strike", XE_PROTEST * 10 + 3, 0},
	{"riot", XE_RIOT * 10 + 3, 0},
	{"riots", XE_RIOT * 10 + 3, 0},
	{"rioters", XE_RIOT * 10 + 3, 0},
	{"rioting", XE_RIOT * 10 + 3, 0},
	{"torched", XE_RIOT * 10 + 2, 0},
	{"set fire to", XE_RIOT * 10 + 2, 0},
	{"set ablaze", XE_RIOT * 10 + 2, 0},
	{"threw stones", XE_RIOT * 10 + 3, 0},
	{"hurled stones", XE_RIOT * 10 + 3, 0},
	{"threw rocks", XE_RIOT * 10 + 3, 0},
	{"pelted", XE_RIOT * 10 + 2, 0},
	{"molotov", XE_RIOT * 10 + 2, 0},
	{"molotov cocktails", XE_RIOT * 10 + 3, 0},
	{"mob", XE_MOB * 10 + 3, 0},
	{"lynched", XE_MOB * 10 + 3, 0},
	{"lynching", XE_MOB * 10 + 3, 0},
	{"tear gas", XE_INTERVENED * 10 + 2, 0},
	{"teargas", XE_INTERVENED * 10 + 2, 0},
	{"water cannon", XE_INTERVENED * 10 + 2, 0},
	{"dispersed", XE_INTERVENED * 10 + 2, 0},
	{"live ammunition", XE_EXCESSIVE * 10 + 2, 0},
	{"live fire", XE_EXCESSIVE * 10 + 2, 0},
	{"killed", XE_KILLING * 10 + 2, 0},
	{"killing", XE_KILLING * 10 + 2, 0},
	{"kills", XE_KILLING * 10 + 2, 0},
	{"killings", XE_KILLING * 10 + 2, 0},
	{"slain", XE_KILLING * 10 + 2, 0},
	{"died", XE_KILLING * 10 + 1, 0},
	{"dead", XE_KILLING * 10 + 1, 0},
	{"kill", XE_KILLING * 10 + 1, 0},
	{"wounded", XE_KILLING * 10 + 1, 0}, {"bodies", XE_KILLING * 10 + 2, 0},
	{"corpses", XE_KILLING * 10 + 2, 0}, {"corpse", XE_KILLING * 10 + 1, 0},
	{"injured", XE_KILLING * 10 + 1, 0},
	{"wounding", XE_KILLING * 10 + 1, 0},
	{"injuring", XE_KILLING * 10 + 1, 0},
	{"attack", XE_ATTACKWORD * 10 + 2, 0},
	{"attacks", XE_ATTACKWORD * 10 + 2, 0},
	{"attacked", XE_ATTACKWORD * 10 + 2, 0},
	{"attacking", XE_ATTACKWORD * 10 + 2, 0},
	{"assault", XE_ATTACKWORD * 10 + 2, 0},
	{"assaults", XE_ATTACKWORD * 10 + 2, 0},
	{"assaulted", XE_ATTACKWORD * 10 + 2, 0},
	{"incident", XE_ATTACKWORD * 10 + 1, 0},
	{"strike", XE_ATTACKWORD * 10 + 1, 0},
	{"struck", XE_ATTACKWORD * 10 + 1, 0},
	{"targeted", XE_ATTACKWORD * 10 + 1, 0},
	{"targetted", XE_ATTACKWORD * 10 + 1, 0},
	{"hit", XE_ATTACKWORD * 10 + 1, 0},
	{"attackers", XE_ATTACKWORD * 10 + 2, 0},
};

/* Names of the world that the spotter must know whatever the gazetteer's
 * ranking says: the usual short names of countries (v -1, the country
 * coded in s) and the names of continents, seas, regions and provinces
 * whose namesakes would win ("England" the nation, not England, Arkansas;
 * "B.C." the province): v 1, s the gazetteer id of the place (the points
 * live in gazetteer/regions.txt and admin.txt, not here). Upper-case-only
 * short forms ("US", "UK", "EU") are checked by the caller. */
static xt_lex world_e[] = {
	{"u.s.", -1, "US"}, {"us", -1, "US"}, {"usa", -1, "US"}, {"u.s.a.", -1, "US"},
	{"america", -1, "US"}, {"united states of america", -1, "US"},
	{"uk", -1, "GB"}, {"u.k.", -1, "GB"}, {"britain", -1, "GB"}, {"great britain", -1, "GB"},
	{"uae", -1, "AE"}, {"u.a.e.", -1, "AE"}, {"dprk", -1, "KP"}, {"rok", -1, "KR"},
	{"drc", -1, "CD"}, {"prc", -1, "CN"}, {"ksa", -1, "SA"}, {"holy see", -1, "VA"},
	{"vatican", -1, "VA"}, {"ivory coast", -1, "CI"}, {"czech republic", -1, "CZ"},
	{"czechia", -1, "CZ"}, {"burma", -1, "MM"}, {"east timor", -1, "TL"},
	{"the netherlands", -1, "NL"}, {"holland", -1, "NL"}, {"the gambia", -1, "GM"},
	{"republic of korea", -1, "KR"}, {"swaziland", -1, "SZ"}, {"macedonia", -1, "MK"},
	{"cape verde", -1, "CV"}, {"russian federation", -1, "RU"},
	{"europe", 1, "im:europe"}, {"africa", 1, "im:africa"}, {"asia", 1, "im:asia"},
	{"north america", 1, "im:north-america"}, {"south america", 1, "im:south-america"},
	{"oceania", 1, "im:oceania"}, {"antarctica", 1, "im:antarctica"},
	{"middle east", 1, "im:middle-east"}, {"the middle east", 1, "im:middle-east"},
	{"latin america", 1, "im:latin-america"}, {"central america", 1, "im:central-america"},
	{"caribbean", 1, "im:caribbean"}, {"the caribbean", 1, "im:caribbean"},
	{"balkans", 1, "im:balkans"}, {"the balkans", 1, "im:balkans"},
	{"balkan peninsula", 1, "im:balkans"}, {"scandinavia", 1, "im:scandinavia"},
	{"persian gulf", 1, "im:persian-gulf"}, {"arabian gulf", 1, "im:persian-gulf"},
	{"gulf", 1, "im:persian-gulf"}, {"mediterranean", 1, "im:mediterranean-sea"},
	{"mediterranean sea", 1, "im:mediterranean-sea"}, {"atlantic", 1, "im:atlantic-ocean"},
	{"atlantic ocean", 1, "im:atlantic-ocean"}, {"pacific", 1, "im:pacific-ocean"},
	{"pacific ocean", 1, "im:pacific-ocean"}, {"indian ocean", 1, "im:indian-ocean"},
	{"arctic", 1, "im:arctic-ocean"}, {"arctic ocean", 1, "im:arctic-ocean"},
	{"black sea", 1, "im:black-sea"}, {"caspian sea", 1, "im:caspian-sea"},
	{"caspian", 1, "im:caspian-sea"}, {"korean peninsula", 1, "im:korean-peninsula"},
	{"arabian peninsula", 1, "im:arabian-peninsula"}, {"sinai", 1, "im:sinai-peninsula"},
	{"sinai peninsula", 1, "im:sinai-peninsula"}, {"golan heights", 1, "im:golan-heights"},
	{"golan", 1, "im:golan-heights"}, {"levant", 1, "im:levant"},
	{"horn of africa", 1, "im:horn-of-africa"}, {"sahel", 1, "im:sahel"},
	{"north africa", 1, "im:north-africa"}, {"west africa", 1, "im:west-africa"},
	{"east africa", 1, "im:east-africa"}, {"southern africa", 1, "im:southern-africa"},
	{"southeast asia", 1, "im:southeast-asia"}, {"south asia", 1, "im:south-asia"},
	{"central asia", 1, "im:central-asia"}, {"east asia", 1, "im:east-asia"},
	{"eastern europe", 1, "im:eastern-europe"}, {"western europe", 1, "im:western-europe"},
	{"england", 1, "gn:6269131"}, {"scotland", 1, "gn:2638360"}, {"wales", 1, "gn:2634895"},
	{"northern ireland", 1, "gn:2641364"}, {"eu", 1, "im:european-union"},
	{"european union", 1, "im:european-union"}, {"tigris", 1, "im:tigris"},
	{"tigris river", 1, "im:tigris"}, {"euphrates", 1, "im:euphrates"},
	{"euphrates river", 1, "im:euphrates"}, {"red sea", 1, "im:red-sea"},
	{"gulf of aden", 1, "im:gulf-of-aden"}, {"strait of hormuz", 1, "im:strait-of-hormuz"},
	{"hormuz", 1, "im:strait-of-hormuz"}, {"north sea", 1, "im:north-sea"},
	{"baltic", 1, "im:baltic-sea"}, {"baltic sea", 1, "im:baltic-sea"},
	{"south china sea", 1, "im:south-china-sea"},
	{"sub-saharan africa", 1, "im:sub-saharan-africa"}, {"eurasia", 1, "im:eurasia"},
	{"west bank", 1, "gn:285153"}, {"gaza strip", 1, "gn:281132"},
	{"nineveh plains", 1, "im:nineveh-plains"}, {"nineveh plain", 1, "im:nineveh-plains"},
	{"anbar desert", 1, "im:anbar-desert"}, {"qandil mountains", 1, "im:qandil-mountains"},
	{"qandil", 1, "im:qandil-mountains"}, {"sinjar mountains", 1, "im:sinjar-mountains"},
	{"mount sinjar", 1, "im:sinjar-mountains"}, {"hamrin mountains", 1, "im:hamrin-mountains"},
	{"makhmour mountains", 1, "im:makhmour-mountains"},
	{"silicon valley", 1, "im:silicon-valley"}, {"gulf of mexico", 1, "im:gulf-of-mexico"},
	{"great lakes", 1, "im:great-lakes"}, {"midwest", 1, "im:midwest"},
	{"the midwest", 1, "im:midwest"}, {"new england", 1, "im:new-england"},
	{"pacific northwest", 1, "im:pacific-northwest"}, {"west coast", 1, "im:west-coast"},
	{"east coast", 1, "im:east-coast"}, {"b.c.", 1, "gn:5909050"}, {"bc", 1, "gn:5909050"},
	{"ont.", 1, "gn:6093943"}, {"que.", 1, "gn:6115047"}, {"alta.", 1, "gn:5883102"},
	{"sahara", 1, "im:sahara"}, {"appalachians", 1, "im:appalachian-mountains"},
	/* sites named for their occupants: Casablanca is "white house" too */
	{"white house", 1, "im:white-house"}, {"the white house", 1, "im:white-house"},
	{"pentagon", 1, "im:pentagon"}, {"kremlin", 1, "im:kremlin"},
	{"capitol hill", 1, "im:capitol-hill"}, {"downing street", 1, "im:downing-street"},
	{"eastern ghouta", 1, "im:eastern-ghouta"}, {"ghouta", 1, "im:eastern-ghouta"},
};

/* Everyday English words: capitalised at the start of a sentence or in a
 * title ("Research", "Piano Competition"), they are not place names, even
 * when some village somewhere bears them. Written by the project. */
static const char *const english_words[] = {
	"about", "above", "accept", "access", "account", "act", "action", "active", "activity",
	"actor", "actual", "add", "address", "admin", "administration", "advance", "advice",
	"affair", "affairs", "afternoon", "again", "age", "agency", "agent", "ago", "agree",
	"agreement", "ahead", "aid", "aim", "air", "airline", "alarm", "album", "alert", "alive",
	"all", "allow", "ally", "almost", "alone", "along", "already", "also", "alternative",
	"always", "amazing", "amendment", "among", "amount", "analysis", "ancient", "anger",
	"angle", "angry", "animal", "announcement", "annual", "answer", "anthem", "anxiety",
	"any", "anyone", "anything", "apart", "apartment", "appeal", "appearance", "apple",
	"application", "apply", "approach", "approval", "april", "area", "argument", "arm",
	"armed", "arms", "army", "arrest", "arrival", "arrive", "art", "article", "artist",
	"arts", "aside", "ask", "asked", "asset", "assistance", "assistant", "attack", "attempt",
	"attention", "attorney", "auction", "audience", "august", "author", "authority", "auto",
	"autumn", "average", "avoid", "award", "awards", "aware", "away", "baby", "back",
	"background", "bad", "bag", "balance", "ball", "ban", "band", "bank", "banks", "bar",
	"barrel", "base", "baseball", "basic", "basis", "basket", "basketball", "bass", "battle",
	"beach", "bean", "bear", "beat", "beautiful", "beauty", "become", "bed", "beef", "beer",
	"before", "begin", "beginning", "behavior", "behind", "being", "belief", "believe",
	"bell", "below", "belt", "bench", "benefit", "best", "better", "between", "beyond", "bid",
	"big", "bike", "bill", "billion", "bird", "birth", "birthday", "bit", "bite", "black",
	"blame", "blast", "blind", "block", "blog", "blood", "blow", "blue", "board", "boat",
	"body", "bomb", "bond", "bone", "bonus", "book", "boom", "boost", "boot", "border",
	"born", "boss", "both", "bottle", "bottom", "bought", "bowl", "box", "boy", "brain",
	"branch", "brand", "brave", "bread", "break", "breakfast", "breaking", "breath", "brick",
	"bride", "bridge", "brief", "bright", "bring", "broad", "broken", "brother", "brown",
	"brush", "budget", "build", "building", "built", "bull", "burden", "burn", "bus",
	"business", "busy", "butter", "button", "buy", "buyer", "cabinet", "cable", "cake",
	"call", "calm", "camera", "campaign", "campus", "can", "cancer", "candidate", "cap",
	"capacity", "capital", "captain", "car", "card", "care", "career", "careful", "cargo",
	"carpet", "carry", "case", "cash", "cast", "castle", "casual", "cat", "catch", "cause",
	"ceiling", "celebration", "cell", "center", "centre", "century", "ceremony", "certain",
	"chain", "chair", "chairman", "challenge", "chamber", "champion", "championship",
	"chance", "change", "channel", "chaos", "chapter", "character", "charge", "charity",
	"chart", "chase", "cheap", "check", "cheese", "chef", "chemical", "chest", "chicken",
	"chief", "child", "children", "chip", "choice", "choose", "church", "cinema", "circle",
	"circuit", "citizen", "city", "civil", "claim", "class", "classic", "clean", "clear",
	"clerk", "click", "client", "climate", "climb", "clinic", "clock", "close", "closed",
	"clothes", "cloud", "club", "coach", "coal", "coast", "coat", "code", "coffee", "cold",
	"collapse", "collection", "college", "colonel", "color", "colour", "column", "combat",
	"come", "comedy", "comfort", "command", "comment", "commerce", "commercial", "commission",
	"commissioner", "commitment", "committee", "common", "communication", "community",
	"company", "comparison", "competition", "complaint", "complete", "complex", "computer",
	"concept", "concern", "concert", "conclusion", "condition", "conference", "confidence",
	"conflict", "congress", "connection", "consent", "consumer", "contact", "content",
	"contest", "context", "contract", "control", "conversation", "cook", "cool", "copper",
	"copy", "core", "corn", "corporation", "corner", "corporate", "corps", "cost", "cottage", "cotton",
	"council", "count", "counter", "country", "county", "couple", "courage", "course",
	"court", "cousin", "cover", "crack", "craft", "crash", "crazy", "cream", "create",
	"creative", "credit", "crew", "crime", "criminal", "crisis", "critic", "critical", "crop",
	"cross", "crowd", "crown", "crucial", "cry", "cup", "cure", "current", "customer", "cut",
	"cycle", "daily", "damage", "dance", "danger", "dark", "data", "date", "daughter", "day",
	"dead", "deal", "dealer", "dear", "death", "debate", "debt", "decade", "decision", "deck",
	"deep", "defeat", "defence", "defense", "deficit", "degree", "delay", "delivery",
	"demand", "democracy", "democrat", "department", "deputy", "desert", "design", "desire",
	"desk", "detail", "detective", "development", "device", "diamond", "diet", "difference",
	"digital", "dinner", "direct", "direction", "director", "dirt", "disaster", "discount",
	"discovery", "disease", "dish", "display", "distance", "district", "division", "doctor",
	"document", "dog", "dollar", "domestic", "door", "double", "doubt", "down", "downtown",
	"dozen", "draft", "drama", "dream", "dress", "drink", "drive", "driver", "drop", "drug",
	"drum", "dry", "due", "duty", "eagle", "early", "earth", "east", "eastern", "easy",
	"economy", "edge", "edition", "editor", "education", "effect", "effort", "egg", "eight",
	"election", "electric", "element", "elite", "emergency", "emotion", "emperor", "empire",
	"employee", "end", "enemy", "energy", "engine", "engineer", "enjoy", "enough", "enter",
	"entry", "environment", "episode", "equal", "equipment", "error", "escape", "essay",
	"estate", "euro", "even", "evening", "event", "ever", "every", "evidence", "exam",
	"example", "excellence", "exchange", "executive", "exercise", "exhibit", "exhibition",
	"exit", "expert", "explorer", "export", "express", "extra", "eye", "face", "fact",
	"factor", "factory", "fair", "faith", "fall", "false", "fame", "family", "famous", "fan",
	"fantasy", "farm", "farmer", "fashion", "fast", "fat", "fate", "father", "fear",
	"feature", "federal", "fee", "feed", "feel", "fellow", "female", "fence", "festival",
	"fever", "few", "fiction", "field", "fight", "fighter", "figure", "file", "film", "final",
	"finance", "fine", "finger", "finish", "fire", "firm", "first", "fish", "fit", "five",
	"fix", "flag", "flash", "fleet", "flight", "flood", "floor", "flow", "flower", "fly",
	"focus", "folk", "follow", "food", "fool", "foot", "football", "force", "foreign",
	"forest", "forever", "form", "formal", "format", "former", "fortune", "forum", "forward",
	"foster", "founder", "four", "frame", "free", "freedom", "fresh", "friday", "friend",
	"front", "frost", "fruit", "fuel", "full", "fun", "fund", "funeral", "future", "gallery",
	"game", "gap", "garage", "garden", "gas", "gate", "gear", "general", "generation",
	"genius", "gentle", "giant", "gift", "girl", "give", "glass", "global", "glory", "goal",
	"god", "gold", "golden", "golf", "good", "government", "governor", "grace", "grade",
	"graduate", "grain", "grand", "grant", "grass", "great", "green", "grey", "grid",
	"ground", "group", "growth", "guard", "guest", "guide", "guilty", "gun", "guy", "habit",
	"hair", "half", "hall", "hand", "happy", "harbor", "harbour", "hard", "harm", "harvest",
	"hat", "head", "health", "hear", "heart", "heat", "heaven", "heavy", "height", "hell",
	"hello", "help", "hero", "hidden", "high", "highway", "hill", "hint", "history", "hit",
	"hold", "hole", "holiday", "holy", "home", "honey", "honor", "honour", "hope", "horse",
	"hospital", "host", "hot", "hotel", "hour", "house", "housing", "human", "humor", "hunt",
	"hunter", "hurricane", "husband", "ice", "idea", "ideal", "image", "impact", "import",
	"inch", "income", "index", "industry", "inflation", "information", "inner", "innovation",
	"inquiry", "inside", "insider", "inspector", "institute", "insurance", "intelligence",
	"interest", "interior", "internal", "international", "internet", "interview",
	"investment", "investor", "iron", "island", "issue", "item", "jacket", "jail", "jam",
	"jazz", "job", "join", "joint", "joke", "journal", "journey", "joy", "judge", "juice",
	"jump", "junior", "jury", "justice", "keen", "keep", "key", "kick", "kid", "kill", "kind",
	"king", "kiss", "kitchen", "knight", "knowledge", "lab", "label", "labor", "labour",
	"lady", "lake", "land", "language", "large", "laser", "last", "late", "launch", "law",
	"lawyer", "layer", "lead", "leader", "leaf", "league", "lean", "learn", "leave",
	"lecture", "left", "legacy", "legal", "legend", "lesson", "letter", "level", "liberty",
	"library", "license", "life", "lift", "light", "like", "limit", "line", "link", "lion",
	"list", "listen", "little", "live", "living", "load", "loan", "local", "lock", "lodge",
	"logo", "long", "look", "lord", "loss", "lost", "lot", "love", "low", "loyal", "luck",
	"lunch", "machine", "magazine", "magic", "mail", "main", "major", "majority", "maker",
	"male", "mall", "man", "manager", "manner", "manual", "map", "marathon", "march",
	"marine", "mark", "market", "marriage", "mass", "master", "match", "material", "matter",
	"max", "mayor", "meal", "meaning", "measure", "meat", "media", "medical", "medicine",
	"medium", "meet", "meeting", "member", "memory", "mental", "menu", "mercy", "merit",
	"mess", "message", "metal", "method", "middle", "midnight", "might", "mile", "military",
	"milk", "mill", "million", "mind", "mine", "minister", "minor", "minute", "miracle",
	"mirror", "miss", "mission", "mister", "mix", "mobile", "mode", "model", "modern",
	"moment", "monday", "money", "monitor", "month", "mood", "moon", "moral", "morning",
	"mortgage", "mother", "motion", "motor", "mount", "mountain", "mouse", "mouth", "move",
	"movement", "movie", "mud", "music", "mystery", "name", "nation", "national", "native",
	"natural", "nature", "navy", "near", "neck", "need", "neighbor", "neighbour", "net",
	"network", "new", "news", "next", "nice", "night", "noble", "noon", "normal", "north",
	"northern", "note", "notice", "novel", "number", "nurse", "oak", "object", "ocean",
	"october", "odd", "offer", "office", "officer", "official", "oil", "old", "olympic",
	"one", "online", "open", "opening", "opera", "operation", "opinion", "option", "orange",
	"order", "organic", "origin", "original", "other", "outdoor", "outlook", "output",
	"outside", "owner", "pace", "pack", "package", "page", "pain", "paint", "painter", "pair",
	"palace", "palm", "panel", "panic", "paper", "parade", "parent", "park", "parking",
	"parliament", "part", "partner", "party", "pass", "passage", "passenger", "past", "path",
	"patient", "patrol", "pattern", "pause", "pay", "peace", "peak", "pen", "penalty",
	"people", "pepper", "percent", "perfect", "performance", "period", "permit", "person",
	"pet", "phase", "phone", "photo", "physical", "piano", "pick", "picture", "piece", "pig",
	"pilot", "pine", "pink", "pioneer", "pipe", "pitch", "place", "plain", "plan", "planet",
	"plant", "plastic", "plate", "platform", "play", "player", "plaza", "pleasure", "plenty",
	"plot", "plus", "pocket", "poem", "poet", "point", "police", "policy", "political",
	"poll", "pool", "poor", "pop", "popular", "port", "portrait", "position", "post", "pot",
	"potato", "pound", "poverty", "powder", "power", "practice", "praise", "prayer",
	"premier", "premium", "presence", "present", "president", "press", "pressure", "price",
	"pride", "priest", "prime", "prince", "princess", "print", "prison", "private", "prize",
	"pro", "problem", "process", "produce", "producer", "product", "production", "profile",
	"profit", "program", "programme", "progress", "project", "promise", "proof", "property",
	"prospect", "protection", "protest", "proud", "provider", "province", "public", "pulse",
	"pump", "punch", "pure", "purple", "purpose", "push", "quality", "quarter", "queen",
	"question", "quick", "quiet", "race", "radio", "rail", "rain", "raise", "rally", "ranch",
	"range", "rank", "rapid", "rate", "raw", "reach", "read", "ready", "real", "reality",
	"reason", "rebel", "record", "recovery", "red", "reform", "refugee", "region", "regular",
	"relief", "religion", "remote", "rent", "repair", "report", "republic", "rescue",
	"research", "reserve", "resident", "resort", "resource", "response", "rest", "result",
	"retail", "return", "revenue", "review", "revolution", "reward", "rice", "rich", "ride",
	"right", "ring", "rise", "risk", "river", "road", "rock", "role", "roll", "roof", "room",
	"root", "rose", "round", "route", "royal", "rule", "run", "rural", "rush", "safe",
	"safety", "sail", "saint", "salary", "sale", "salt", "sample", "sand", "saturday", "save",
	"scale", "scene", "schedule", "scheme", "scholar", "school", "science", "score", "screen",
	"sea", "season", "seat", "second", "secret", "secretary", "section", "sector", "security",
	"seed", "senate", "senator", "senior", "sense", "series", "service", "session",
	"settlement", "seven", "shadow", "shape", "share", "sharp", "sheet", "shell", "shelter",
	"sheriff", "shield", "shift", "ship", "shirt", "shock", "shoe", "shop", "shopping",
	"short", "shot", "show", "shower", "side", "sight", "sign", "signal", "silence", "silk",
	"silver", "simple", "single", "sister", "site", "six", "size", "skill", "skin", "sky",
	"sleep", "slow", "small", "smart", "smile", "smoke", "snow", "soccer", "social",
	"society", "soft", "soil", "solar", "soldier", "solution", "son", "song", "soul", "sound",
	"source", "south", "southern", "space", "speaker", "special", "speech", "speed", "spirit",
	"split", "sport", "sports", "spot", "spring", "square", "staff", "stage", "stake",
	"standard", "star", "start", "state", "statement", "station", "statue", "status", "stay",
	"steam", "steel", "step", "stick", "stock", "stone", "stop", "store", "storm", "story",
	"strategy", "straw", "stream", "street", "strength", "stress", "strike", "string",
	"strong", "student", "studio", "study", "style", "subject", "success", "sugar", "suit",
	"summer", "summit", "sun", "sunday", "super", "supply", "support", "supreme", "surface",
	"surgery", "survey", "survival", "suspect", "sweet", "swing", "switch", "symbol",
	"system", "table", "tail", "talent", "talk", "tank", "target", "task", "taste", "tax",
	"tea", "teacher", "team", "tech", "technology", "teen", "telephone", "television",
	"temple", "ten", "tennis", "term", "terminal", "terror", "test", "text", "theater",
	"theatre", "theme", "theory", "thing", "thought", "thousand", "threat", "three",
	"thunder", "thursday", "ticket", "tide", "tiger", "timber", "time", "tip", "title",
	"today", "together", "toll", "tomorrow", "tone", "tool", "top", "total", "touch", "tour",
	"tourism", "tower", "town", "toy", "track", "trade", "tradition", "traffic", "trail",
	"train", "training", "transfer", "transport", "trap", "travel", "treasure", "treasury",
	"treaty", "tree", "trend", "trial", "tribe", "trick", "trip", "troop", "trouble", "truck",
	"true", "trust", "truth", "tuesday", "turn", "twin", "two", "type", "union", "unit",
	"united", "unity", "universe", "university", "update", "urban", "user", "valley", "value",
	"van", "variety", "vehicle", "venture", "version", "veteran", "vice", "victim", "victory",
	"video", "view", "village", "violence", "vision", "visit", "visitor", "voice", "volume",
	"vote", "wage", "wall", "war", "ward", "warm", "warning", "wash", "watch", "water",
	"wave", "way", "wealth", "weapon", "weather", "web", "wedding", "wednesday", "week",
	"weekend", "welcome", "welfare", "well", "west", "western", "wheel", "white", "whole",
	"wife", "wild", "will", "win", "wind", "window", "wine", "wing", "winner", "winter",
	"wire", "wisdom", "witness", "woman", "wonder", "wood", "word", "work", "worker", "world",
	"worth", "writer", "yard", "year", "yellow", "yes", "young", "youth", "zero", "zone",
	NULL};

#define LEXICON(var, arr, id)                                                    \
	const xt_lexicon var = {#arr, arr, sizeof arr / sizeof *arr, id}

LEXICON(xt_abbrevs, abbrevs_e, 0);
LEXICON(xt_titles, titles_e, 1);
LEXICON(xt_given, given_e, 2);
LEXICON(xt_outlets, outlets_e, 3);
LEXICON(xt_demonyms, demonyms_e, 4);
LEXICON(xt_common, common_e, 5);
LEXICON(xt_starters, starters_e, 6);
LEXICON(xt_placeheads, placeheads_e, 7);
LEXICON(xt_orgheads, orgheads_e, 8);
LEXICON(xt_actornames, actors_e, 9);
LEXICON(xt_us_states, us_states_e, 10);
LEXICON(xt_trigwords, triggers_e, 11);
LEXICON(xt_world, world_e, 12);
LEXICON(xt_actor_countries, actor_countries_e, 13);

/* In the order of their ids. */
static const xt_lexicon *const all_lists[] = {
	&xt_abbrevs, &xt_titles, &xt_given, &xt_outlets, &xt_demonyms, &xt_common,
	&xt_starters, &xt_placeheads, &xt_orgheads, &xt_actornames, &xt_us_states,
	&xt_trigwords, &xt_world, &xt_actor_countries};

/* ---- sorting and indexing once -------------------------------------------- */

/* Per list: a hash table from the first word of the keys to the run of
 * entries that start with it (the list is sorted, so they are together). */
typedef struct first_slot {
	const char *w; /* the first word (points into a key), NULL: empty */
	uint32_t wl, lo, n;
} first_slot;

typedef struct list_index {
	first_slot *slot;
	size_t mask;
} list_index;

#define N_LISTS (sizeof all_lists / sizeof *all_lists)
static list_index indexes[N_LISTS];

static uint32_t word_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

static void build_index(size_t li)
{
	const xt_lexicon *L = all_lists[li];
	size_t cap = 16;
	while (cap < L->n * 2)
		cap <<= 1;
	list_index *x = &indexes[li];
	x->slot = calloc(cap, sizeof *x->slot);
	if (!x->slot)
		return; /* lookups fall back to the binary search */
	x->mask = cap - 1;
	for (size_t k = 0; k < L->n;) {
		const char *key = L->e[k].k;
		const char *sp = strchr(key, ' ');
		size_t wl = sp ? (size_t)(sp - key) : strlen(key);
		size_t e = k + 1;
		while (e < L->n && strncmp(L->e[e].k, key, wl) == 0 &&
		       (L->e[e].k[wl] == ' ' || L->e[e].k[wl] == '\0'))
			e++;
		for (size_t h = word_hash(key, wl) & x->mask;; h = (h + 1) & x->mask)
			if (!x->slot[h].w) {
				x->slot[h] = (first_slot){key, (uint32_t)wl, (uint32_t)k, (uint32_t)(e - k)};
				break;
			}
		k = e;
	}
}

static size_t list_number(const xt_lexicon *L)
{
	return L->id >= 0 && (size_t)L->id < N_LISTS && all_lists[L->id] == L ? (size_t)L->id : N_LISTS;
}

static pthread_once_t sorted_once = PTHREAD_ONCE_INIT;
static int dup_found; /* a duplicate key in a list, found while sorting */

static int cmp_lex(const void *a, const void *b)
{
	return strcmp(((const xt_lex *)a)->k, ((const xt_lex *)b)->k);
}

static void sort_all(void)
{
	for (size_t i = 0; i < sizeof all_lists / sizeof *all_lists; i++) {
		xt_lex *e = (xt_lex *)all_lists[i]->e;
		qsort(e, all_lists[i]->n, sizeof *e, cmp_lex);
		build_index(i);
		/* Drop duplicates (keeping the first) so lookups stay exact; the
		 * check reports them. */
		size_t n = all_lists[i]->n;
		for (size_t k = 1; k < n; k++)
			if (strcmp(e[k - 1].k, e[k].k) == 0)
				dup_found = 1;
	}
}

static void ensure_sorted(void)
{
	pthread_once(&sorted_once, sort_all);
}

int xt_lex_check(char *msg, size_t cap)
{
	ensure_sorted();
	for (size_t i = 0; i < sizeof all_lists / sizeof *all_lists; i++) {
		const xt_lexicon *L = all_lists[i];
		for (size_t k = 0; k < L->n; k++) {
			const char *s = L->e[k].k;
			if (!*s || s[0] == ' ' || s[strlen(s) - 1] == ' ' || strstr(s, "  ")) {
				snprintf(msg, cap, "%s: bad spacing in '%s'", L->name, s);
				return 1;
			}
			for (const char *p = s; *p; p++)
				if (*p >= 'A' && *p <= 'Z') {
					snprintf(msg, cap, "%s: '%s' is not lower case", L->name, s);
					return 1;
				}
			if (k && strcmp(L->e[k - 1].k, s) == 0) {
				snprintf(msg, cap, "%s: '%s' twice", L->name, s);
				return 1;
			}
		}
	}
	(void)dup_found;
	return 0;
}

/* ---- lookups --------------------------------------------------------------- */

/* First entry whose key is >= key[0..n) (compared as a prefix). */
static size_t lower_bound(const xt_lexicon *L, const char *key, size_t n)
{
	size_t lo = 0, hi = L->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *k = L->e[mid].k;
		int c = strncmp(k, key, n);
		if (c == 0 && strlen(k) < n)
			c = -1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const xt_lex *xt_lex_get(const xt_lexicon *L, const char *s, size_t n)
{
	ensure_sorted();
	size_t i = lower_bound(L, s, n);
	if (i < L->n && strncmp(L->e[i].k, s, n) == 0 && L->e[i].k[n] == '\0')
		return &L->e[i];
	return NULL;
}

size_t xt_lex_match(const xt_lexicon *L, const xt_doc *d, size_t i, size_t end,
		    const xt_lex **hit)
{
	ensure_sorted();
	*hit = NULL;
	if (i >= end || i >= d->ntok || !(d->tok[i].f & XT_WORD))
		return 0;
	const char *w = XT_LOW(d, i);
	size_t n = d->tok[i].ll;
	if (!n || n > 63)
		return 0;
	/* the run of entries whose first word is this token */
	size_t lo, hi;
	size_t li = list_number(L);
	const list_index *x = li < N_LISTS ? &indexes[li] : NULL;
	if (x && x->slot) {
		lo = hi = 0;
		for (size_t h = d->tok[i].h & x->mask; x->slot[h].w; h = (h + 1) & x->mask)
			if (x->slot[h].wl == n && memcmp(x->slot[h].w, w, n) == 0) {
				lo = x->slot[h].lo;
				hi = lo + x->slot[h].n;
				break;
			}
		if (lo == hi)
			return 0;
	} else {
		lo = lower_bound(L, w, n);
		hi = L->n;
	}
	size_t best = 0;
	for (size_t k = lo; k < hi; k++) {
		const char *key = L->e[k].k;
		if (strncmp(key, w, n) != 0)
			break;
		if (key[n] != '\0' && key[n] != ' ')
			continue;
		/* Match the following words of the key. */
		const char *p = key + n;
		size_t j = i + 1;
		int ok = 1;
		while (*p == ' ') {
			p++;
			const char *q = strchr(p, ' ');
			size_t wl = q ? (size_t)(q - p) : strlen(p);
			if (j >= end || d->tok[j].ll != wl || memcmp(XT_LOW(d, j), p, wl) != 0) {
				ok = 0;
				break;
			}
			p += wl;
			j++;
		}
		if (ok && j - i > best) {
			best = j - i;
			*hit = &L->e[k];
		}
	}
	return best;
}


static pthread_once_t english_once = PTHREAD_ONCE_INIT;
static size_t n_english;

static int cmp_word(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void count_english(void)
{
	while (english_words[n_english])
		n_english++;
}

int xt_english_word(const char *s, size_t n)
{
	pthread_once(&english_once, count_english);
	char w[40];
	if (n == 0 || n >= sizeof w)
		return 0;
	for (size_t i = 0; i < n; i++)
		w[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
	w[n] = '\0';
	const char *key = w;
	if (bsearch(&key, english_words, n_english, sizeof *english_words, cmp_word))
		return 1;
	/* plurals: "Schools", "Churches" */
	if (n > 3 && w[n - 1] == 's') {
		w[n - 1] = '\0';
		if (bsearch(&key, english_words, n_english, sizeof *english_words, cmp_word))
			return 1;
		if (n > 4 && w[n - 2] == 'e') {
			w[n - 2] = '\0';
			if (bsearch(&key, english_words, n_english, sizeof *english_words, cmp_word))
				return 1;
		}
	}
	return 0;
}
