/*
 * vinn-gen - realistic customer and invoice files for one Nordic merchant,
 * in the import formats of docs/import-formats.md, for the demo and for
 * imports at scale.
 *
 *   vinn-gen --country CC --customers N --invoices M --today YYYY-MM-DD
 *            [--months K] [--seed S] [--verbose] --out DIR
 *
 * writes DIR/customers.csv and DIR/invoices.csv (DIR and its parents are made
 * if missing):
 * - customers with the country's first and last names (å, ä, ö, ø, æ as
 *   UTF-8), about 15 % companies with a valid organisation number made by
 *   vinn_id_make (NO organisasjonsnummer, SE organisationsnummer, FI
 *   Y-tunnus, DK CVR) and a company name of the country's kind ("Fjellheim
 *   Bygg AS", "Lindqvist Måleri AB", "Virtanen Oy", "Nørgaard ApS"); e-mail
 *   and phone for most, a street address with a postcode and city of the
 *   country, a few tagged key-account;
 * - invoices <CC>-0000001 upwards in date order, spread over the K months
 *   up to today (fewer at weekends), 1 to 4 lines each from a price list in
 *   the country's language at its VAT rates (NO 25/15/12, SE 25/12/6,
 *   FI 25.5/14/10, DK 25), due in 14 days, companies sometimes in 30.
 *
 * Both files are written the way a Nordic spreadsheet or ERP exports them:
 * ';' between fields, a decimal comma, RFC 4180 quotes where a field needs
 * them. E-mail addresses use example domains. The output depends only on
 * the options: the same options give the same bytes (a seeded PRNG; the
 * default seed is fixed).
 *
 * Exit codes: 0 written, 2 bad usage (the message names the option),
 * 1 the files could not be written.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/date.h"
#include "core/ident.h"

#define COUNT(a)         (sizeof(a) / sizeof((a)[0]))
/* A table and its count in designated initializers: .name and .name_count. */
#define LIST_OF(name, a) .name = (a), .name##_count = COUNT(a)

enum {
    CUSTOMERS_MAX = 10000000,
    INVOICES_MAX = 10000000,
    MONTHS_MAX = 120,
    LINES_PER_INVOICE_MAX = 4,
    FIELD_MAX = 256,
    PATH_MAX_BYTES = 4096,
    CUSTOMER_ID_FIRST = 10001,
};

static const uint64_t SEED_DEFAULT = 20261122u;

/* ---- PRNG: splitmix64 (Steele, Lea, Flood 2014), deterministic everywhere */

struct rng {
    uint64_t state;
};

static uint64_t rng_next(struct rng *r)
{
    r->state += 0x9E3779B97F4A7C15u;
    uint64_t z = r->state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/* Uniform in [0, n); n > 0. The modulo bias is below 2^-40 for our n. */
static uint64_t rng_below(struct rng *r, uint64_t n)
{
    return rng_next(r) % n;
}

static int64_t rng_range(struct rng *r, int64_t lo, int64_t hi)
{
    return lo + (int64_t)rng_below(r, (uint64_t)(hi - lo + 1));
}

/* True with probability per_mille / 1000. */
static bool rng_chance(struct rng *r, unsigned per_mille)
{
    return rng_below(r, 1000) < per_mille;
}

#define PICK(r, a) ((a)[rng_below((r), COUNT(a))])

/* ---- what a country looks like ------------------------------------------ */

enum unit {
    UNIT_ONE,    /* quantity 1: a subscription, a delivery */
    UNIT_PIECES, /* 1 to max_quantity whole units */
    UNIT_HOURS,  /* quarter hours from 0.5 to max_quantity hours */
};

/* A line of the merchant's price list. A fixed price is drawn once per run
 * (the merchant's price list); a variable one per line (materials). */
struct item {
    const char *text;
    int32_t vat_bp; /* basis points: 2550 = 25.5 % */
    int64_t price_min_minor;
    int64_t price_max_minor;
    int64_t step_minor;
    enum unit unit;
    int max_quantity;
    int weight;
    bool variable;
};

/* A city with a range of postcodes: base + k * step for k < count. */
struct place {
    int postcode_base;
    int count;
    int step;
    const char *city;
};

struct company_style {
    const char *const *trades;
    size_t trades_count;
    const char *const *bases; /* farm, place and brand names */
    size_t bases_count;
    const char *suffix;       /* AS, AB, Oy, ApS */
    const char *suffix_other; /* ASA, HB, Ky, A/S: now and then */
    const char *family;       /* "& Sønn AS": a family firm */
};

struct country {
    const char *code;
    const char *lang;
    const char *currency;
    const char *tld;
    const char *mailbox; /* the invoice mailbox of a company */
    const char *const *first;
    size_t first_count;
    const char *const *last;
    size_t last_count;
    const char *const *streets;
    size_t streets_count;
    const struct place *places;
    size_t places_count;
    const struct item *items;
    size_t items_count;
    struct company_style company;
    enum vinn_id_kind org_kind;
    int64_t invoice_min_minor; /* an invoice's net is at least this */
};

/* ---- Norway ------------------------------------------------------------- */

static const char *const no_first[] = {
    "Ola",      "Kari",   "Per",     "Ingrid", "Åse",      "Bjørn",  "Solveig", "Håkon",
    "Sigrid",   "Øyvind", "Marit",   "Knut",   "Ragnhild", "Jørgen", "Astrid",  "Eirik",
    "Tone",     "Lars",   "Hanne",   "Trond",  "Liv",      "Geir",   "Ane",     "Sindre",
    "Mathilde", "Jonas",  "Nora",    "Emil",   "Ida",      "Henrik", "Synnøve", "Tor",
    "Gunnhild", "Magnus", "Kristin", "Espen",  "Turid",    "Ståle",  "Bodil",   "Halvard",
    "Frøydis",  "Kjetil", "Mari",    "Sverre", "Øydis",    "Aslak",  "Torill",  "Even",
};
static const char *const no_last[] = {
    "Hansen",      "Johansen",  "Olsen",       "Larsen",     "Andersen",  "Pedersen",  "Nilsen",
    "Kristiansen", "Jensen",    "Karlsen",     "Johnsen",    "Pettersen", "Eriksen",   "Berg",
    "Haugen",      "Hagen",     "Johannessen", "Andreassen", "Jacobsen",  "Dahl",      "Jørgensen",
    "Halvorsen",   "Henriksen", "Lund",        "Sørensen",   "Moen",      "Gundersen", "Iversen",
    "Strand",      "Solberg",   "Svendsen",    "Martinsen",  "Knutsen",   "Eide",      "Bakken",
    "Mathisen",    "Lie",       "Søreide",     "Bråten",     "Løvås",     "Sæther",    "Haaland",
    "Ødegård",     "Rønning",   "Tveit",       "Aasen",      "Grønli",    "Bø",        "Kvalheim",
    "Fjeldstad",   "Nygård",    "Østby",
};
static const char *const no_streets[] = {
    "Storgata",         "Kirkeveien",     "Bygdøy allé", "Thereses gate", "Møllerveien",
    "Fjordveien",       "Skogveien",      "Solveien",    "Strandgata",    "Kongens gate",
    "Dronningens gate", "Bjørkeveien",    "Granåsen",    "Løkkeveien",    "Sjøgata",
    "Øvre Slottsgate",  "Nedre Storgate", "Tollbodgata", "Hamnevegen",    "Furuveien",
};
static const struct place no_places[] = {
    {150, 45, 1, "Oslo"},         {350, 30, 1, "Oslo"},          {5003, 30, 1, "Bergen"},
    {7010, 40, 1, "Trondheim"},   {4005, 25, 1, "Stavanger"},    {9006, 15, 1, "Tromsø"},
    {3015, 30, 1, "Drammen"},     {4610, 20, 1, "Kristiansand"}, {1606, 20, 1, "Fredrikstad"},
    {2317, 10, 1, "Hamar"},       {6002, 20, 1, "Ålesund"},      {8006, 10, 1, "Bodø"},
    {2609, 10, 1, "Lillehammer"}, {1530, 10, 1, "Moss"},         {3110, 15, 1, "Tønsberg"},
    {5501, 20, 1, "Haugesund"},   {1337, 10, 1, "Sandvika"},     {2000, 10, 1, "Lillestrøm"},
};
static const struct item no_items[] = {
    {"Elektrikertime", 2500, 85000, 115000, 5000, UNIT_HOURS, 8, 18, false},
    {"Rørleggertime", 2500, 90000, 125000, 5000, UNIT_HOURS, 8, 12, false},
    {"Konsulenttime", 2500, 110000, 160000, 10000, UNIT_HOURS, 16, 10, false},
    {"Frakt", 2500, 9900, 24900, 1000, UNIT_ONE, 1, 14, false},
    {"Bredbånd, månedsabonnement", 2500, 49900, 89900, 10000, UNIT_ONE, 1, 10, false},
    {"Serviceavtale varmepumpe", 2500, 149000, 249000, 10000, UNIT_ONE, 1, 5, false},
    {"Vinduspuss", 2500, 69000, 149000, 5000, UNIT_ONE, 1, 5, false},
    {"Materialer", 2500, 15000, 250000, 100, UNIT_ONE, 1, 8, true},
    {"Kabel 3x2,5 mm², per meter", 2500, 1900, 3900, 100, UNIT_PIECES, 50, 4, false},
    {"LED-pære E27", 2500, 4900, 8900, 1000, UNIT_PIECES, 10, 4, false},
    {"Skjerm 27\" 4K", 2500, 249000, 399000, 10000, UNIT_PIECES, 2, 2, false},
    {"Matkasse, uke", 1500, 69000, 129000, 10000, UNIT_PIECES, 2, 6, false},
    {"Kaffe 500 g", 1500, 7900, 13900, 1000, UNIT_PIECES, 6, 4, false},
    {"Frukt og grønt", 1500, 12000, 45000, 100, UNIT_ONE, 1, 3, true},
    {"Hotellovernatting", 1200, 109000, 219000, 10000, UNIT_PIECES, 3, 4, false},
    {"Persontransport, taxi", 1200, 18900, 69000, 100, UNIT_ONE, 1, 3, true},
    {"Kinobillett", 1200, 14500, 17500, 500, UNIT_PIECES, 4, 2, false},
};
static const char *const no_trades[] = {
    "Bygg",      "Rør",        "Elektro",  "Maling",          "Regnskap",
    "Transport", "Eiendom",    "Tak",      "Snekkerverksted", "Blikk",
    "Anlegg",    "Consulting", "Interiør", "Bakeri",
};
static const char *const no_bases[] = {
    "Fjellheim", "Nordvik",  "Solstrand", "Vestbø",   "Havbris",  "Lysaker",   "Bjørkli",
    "Sjøsiden",  "Furulund", "Granly",    "Fjordlys", "Nordlys",  "Skogly",    "Heimdal",
    "Vikane",    "Bakkely",  "Åsly",      "Østerhus", "Kystbygg", "Trollheim",
};

/* ---- Sweden ------------------------------------------------------------- */

static const char *const se_first[] = {
    "Anna",     "Erik",  "Karin",    "Lars",     "Maria",  "Johan",   "Eva",   "Anders",
    "Kristina", "Per",   "Birgitta", "Nils",     "Ingrid", "Björn",   "Åsa",   "Göran",
    "Märta",    "Sven",  "Linnéa",   "Oskar",    "Elsa",   "Gustav",  "Maja",  "Olof",
    "Sofia",    "Axel",  "Ebba",     "Hugo",     "Astrid", "Viktor",  "Ylva",  "Mats",
    "Agneta",   "Håkan", "Lena",     "Torbjörn", "Malin",  "Pär",     "Stina", "Örjan",
    "Ulla",     "Leif",  "Saga",     "Elias",    "Signe",  "Josefin", "Kjell", "Sören",
};
static const char *const se_last[] = {
    "Andersson", "Johansson", "Karlsson",   "Nilsson",    "Eriksson",    "Larsson",   "Olsson",
    "Persson",   "Svensson",  "Gustafsson", "Pettersson", "Jonsson",     "Jansson",   "Hansson",
    "Bengtsson", "Jönsson",   "Lindberg",   "Jakobsson",  "Magnusson",   "Olofsson",  "Lindström",
    "Lindqvist", "Lindgren",  "Berg",       "Axelsson",   "Bergström",   "Lundberg",  "Lind",
    "Lundgren",  "Lundqvist", "Mattsson",   "Berglund",   "Fredriksson", "Sandberg",  "Forsberg",
    "Sjöberg",   "Wallin",    "Engström",   "Eklund",     "Danielsson",  "Håkansson", "Lundin",
    "Björk",     "Åberg",     "Öberg",      "Ström",      "Hedlund",     "Sundström", "Nyström",
    "Holmström", "Löfgren",   "Ekström",
};
static const char *const se_streets[] = {
    "Storgatan",       "Kungsgatan",       "Drottninggatan", "Södra vägen", "Björkvägen",
    "Skolgatan",       "Järnvägsgatan",    "Kyrkogatan",     "Nygatan",     "Parkvägen",
    "Östra Hamngatan", "Västra Långgatan", "Ringvägen",      "Sveavägen",   "Hornsgatan",
    "Götgatan",        "Ängsvägen",        "Lärkvägen",      "Bäckvägen",   "Strandvägen",
};
static const struct place se_places[] = {
    {11120, 40, 1, "Stockholm"}, {11350, 30, 1, "Stockholm"}, {41101, 40, 1, "Göteborg"},
    {21111, 40, 1, "Malmö"},     {75310, 20, 1, "Uppsala"},   {72211, 20, 1, "Västerås"},
    {70210, 20, 1, "Örebro"},    {58183, 20, 1, "Linköping"}, {25221, 20, 1, "Helsingborg"},
    {55316, 20, 1, "Jönköping"}, {90326, 20, 1, "Umeå"},      {97231, 10, 1, "Luleå"},
    {45131, 10, 1, "Uddevalla"}, {35231, 10, 1, "Växjö"},     {65224, 10, 1, "Karlstad"},
    {80250, 10, 1, "Gävle"},     {85230, 10, 1, "Sundsvall"}, {17141, 20, 1, "Solna"},
};
static const struct item se_items[] = {
    {"Konsulttimme", 2500, 95000, 150000, 5000, UNIT_HOURS, 16, 12, false},
    {"Målning, per timme", 2500, 55000, 75000, 2500, UNIT_HOURS, 8, 10, false},
    {"Elinstallation, per timme", 2500, 65000, 85000, 2500, UNIT_HOURS, 8, 12, false},
    {"Frakt", 2500, 7900, 19900, 1000, UNIT_ONE, 1, 14, false},
    {"Bredband, månadsavgift", 2500, 29900, 59900, 10000, UNIT_ONE, 1, 10, false},
    {"Router", 2500, 89900, 149900, 10000, UNIT_PIECES, 2, 3, false},
    {"Hyra av skylift, per dag", 2500, 180000, 320000, 10000, UNIT_PIECES, 3, 3, false},
    {"Färg, 10 liter", 2500, 89000, 149000, 5000, UNIT_PIECES, 4, 5, false},
    {"Material", 2500, 15000, 250000, 100, UNIT_ONE, 1, 7, true},
    {"Skärm 27\" 4K", 2500, 249000, 399000, 10000, UNIT_PIECES, 2, 2, false},
    {"Hotellnatt", 1200, 119000, 229000, 10000, UNIT_PIECES, 3, 4, false},
    {"Lunch, restaurang", 1200, 11500, 16500, 500, UNIT_PIECES, 12, 4, false},
    {"Livsmedel", 600, 20000, 150000, 100, UNIT_ONE, 1, 5, true},
    {"Böcker", 600, 14900, 34900, 1000, UNIT_PIECES, 3, 3, false},
    {"Tidningsprenumeration, månad", 600, 24900, 39900, 1000, UNIT_ONE, 1, 3, false},
    {"Konsertbiljett", 600, 39500, 89500, 5000, UNIT_PIECES, 4, 2, false},
    {"Persontransport, taxi", 600, 18900, 59000, 100, UNIT_ONE, 1, 3, true},
};
static const char *const se_trades[] = {
    "Bygg",    "Måleri",   "El",   "VVS",      "Redovisning", "Transport", "Fastigheter",
    "Konsult", "Snickeri", "Plåt", "Trädgård", "Städ",        "Bageri",    "Flytt",
};
static const char *const se_bases[] = {
    "Norrlands", "Mälardalens", "Västkustens", "Sjöbris",   "Björkdal",    "Ekbacken",
    "Solvik",    "Granudden",   "Älvdalens",   "Österlens", "Skärgårdens", "Fjällvindens",
    "Lövsta",    "Havsbandet",  "Smålands",    "Roslagens",
};

/* ---- Finland ------------------------------------------------------------ */

static const char *const fi_first[] = {
    "Matti", "Liisa", "Juha",   "Anna",     "Mikko",  "Päivi",    "Timo",   "Sari",
    "Jari",  "Tiina", "Kari",   "Minna",    "Antti",  "Sanna",    "Pekka",  "Hanna",
    "Ville", "Katja", "Jukka",  "Riikka",   "Heikki", "Eeva",     "Tuomas", "Aino",
    "Lauri", "Elina", "Väinö",  "Helmi",    "Eino",   "Kyllikki", "Onni",   "Siiri",
    "Ilkka", "Pirjo", "Jyrki",  "Marjatta", "Sakari", "Leena",    "Hannu",  "Tarja",
    "Seppo", "Ritva", "Ilmari", "Sirkka",   "Jaana",  "Säde",     "Olli",   "Kaisa",
};
static const char *const fi_last[] = {
    "Korhonen",  "Virtanen", "Mäkinen",  "Nieminen",    "Mäkelä",   "Hämäläinen", "Laine",
    "Heikkinen", "Koskinen", "Järvinen", "Lehtonen",    "Lehtinen", "Saarinen",   "Salminen",
    "Heinonen",  "Niemi",    "Heikkilä", "Kinnunen",    "Salonen",  "Turunen",    "Salo",
    "Laitinen",  "Tuominen", "Rantanen", "Karjalainen", "Jokinen",  "Mattila",    "Savolainen",
    "Lahtinen",  "Ahonen",   "Hyvönen",  "Kärkkäinen",  "Räsänen",  "Väisänen",   "Pöllänen",
    "Kettunen",  "Peltonen", "Ylönen",
};
/* Finland-Swedes get Swedish first names and these surnames, and "sv". */
static const char *const fi_sv_last[] = {
    "Lindholm", "Sjöblom",  "Wikström",  "Nyberg",  "Grönroos",
    "Lindroos", "Holmberg", "Österlund", "Forsman", "Åström",
};
static const char *const fi_streets[] = {
    "Mannerheimintie", "Hämeenkatu",       "Kauppakatu",     "Koivukuja",         "Rantatie",
    "Asemakatu",       "Aleksanterinkatu", "Puistokatu",     "Kirkkokatu",        "Myllytie",
    "Pähkinätie",      "Sääksjärventie",   "Yliopistonkatu", "Mäntytie",          "Kuusitie",
    "Sepänkatu",       "Hämeentie",        "Länsiväylä",     "Itäinen Pitkäkatu", "Satamakatu",
};
static const struct place fi_places[] = {
    {100, 90, 10, "Helsinki"},    {2100, 20, 10, "Espoo"},         {33100, 30, 10, "Tampere"},
    {1300, 20, 10, "Vantaa"},     {90100, 20, 10, "Oulu"},         {20100, 30, 10, "Turku"},
    {40100, 20, 10, "Jyväskylä"}, {15110, 10, 10, "Lahti"},        {70100, 10, 10, "Kuopio"},
    {28100, 10, 10, "Pori"},      {65100, 10, 10, "Vaasa"},        {96100, 10, 10, "Rovaniemi"},
    {80100, 10, 10, "Joensuu"},   {53100, 10, 10, "Lappeenranta"}, {13100, 10, 10, "Hämeenlinna"},
    {60100, 10, 10, "Seinäjoki"},
};
static const struct item fi_items[] = {
    {"Konsultointi, tunti", 2550, 8500, 14000, 500, UNIT_HOURS, 16, 12, false},
    {"Sähkötyö, tunti", 2550, 5500, 7800, 100, UNIT_HOURS, 8, 12, false},
    {"Siivous, tunti", 2550, 3500, 4800, 100, UNIT_HOURS, 6, 8, false},
    {"Maalaus, tunti", 2550, 4500, 6000, 100, UNIT_HOURS, 8, 8, false},
    {"Rahti", 2550, 990, 2490, 100, UNIT_ONE, 1, 14, false},
    {"Laajakaista, kuukausimaksu", 2550, 2490, 4990, 100, UNIT_ONE, 1, 10, false},
    {"Tarvikkeet", 2550, 1500, 25000, 5, UNIT_ONE, 1, 7, true},
    {"Näyttö 27\" 4K", 2550, 24900, 39900, 1000, UNIT_PIECES, 2, 2, false},
    {"Elintarvikkeet", 1400, 2000, 18000, 5, UNIT_ONE, 1, 5, true},
    {"Lounas", 1400, 1150, 1590, 10, UNIT_PIECES, 10, 5, false},
    {"Kahvi ja pulla", 1400, 450, 750, 10, UNIT_PIECES, 10, 3, false},
    {"Sanomalehti, kuukausitilaus", 1000, 2990, 3990, 100, UNIT_ONE, 1, 4, false},
    {"Aikakauslehti, vuositilaus", 1000, 5900, 11900, 100, UNIT_ONE, 1, 3, false},
};
static const char *const fi_trades[] = {
    "Rakennus", "Sähkö",        "Maalaus", "Kuljetus", "Tilitoimisto", "Kiinteistöt",
    "Putki",    "Konsultointi", "Siivous", "Puutarha", "Leipomo",      "Kattotyö",
};
static const char *const fi_bases[] = {
    "Pohjolan",      "Järvisen",   "Kuusiston", "Lapin",    "Saimaan",     "Hämeen",
    "Aurinkorannan", "Revontulen", "Kalevan",   "Metsälän", "Koivurannan", "Pihlajan",
};

/* ---- Denmark ------------------------------------------------------------ */

static const char *const dk_first[] = {
    "Jens",   "Mette",   "Søren",  "Hanne", "Lars",     "Anne",      "Niels",  "Kirsten",
    "Peter",  "Susanne", "Henrik", "Lone",  "Morten",   "Pia",       "Rasmus", "Camilla",
    "Mads",   "Line",    "Jesper", "Maja",  "Frederik", "Ida",       "Anders", "Sofie",
    "Mikkel", "Freja",   "Bjørn",  "Asger", "Ditte",    "Thorbjørn", "Signe",  "Jørgen",
    "Birthe", "Kåre",    "Bodil",  "Åge",   "Inger",    "Troels",    "Malene", "Søs",
    "Poul",   "Grethe",  "Dorthe", "Ulrik", "Karen",    "Knud",      "Tove",   "Ejnar",
};
static const char *const dk_last[] = {
    "Nielsen",    "Jensen",    "Hansen",     "Pedersen",     "Andersen",    "Christensen",
    "Larsen",     "Sørensen",  "Rasmussen",  "Jørgensen",    "Petersen",    "Madsen",
    "Kristensen", "Olsen",     "Thomsen",    "Christiansen", "Poulsen",     "Johansen",
    "Møller",     "Mortensen", "Østergaard", "Nørgaard",     "Dalgaard",    "Kjær",
    "Bøgh",       "Lund",      "Holm",       "Schmidt",      "Søndergaard", "Laursen",
    "Frandsen",   "Bech",      "Skov",       "Friis",        "Vestergaard", "Damgaard",
    "Høj",        "Ravn",      "Bæk",        "Kjærsgaard",   "Lykke",
};
static const char *const dk_streets[] = {
    "Vestergade",   "Nørregade",    "Østerbrogade", "Strandvejen",        "Søndergade",
    "Algade",       "Jernbanegade", "Kirkevej",     "Skolevej",           "Bredgade",
    "Åboulevarden", "Møllevej",     "Ryesgade",     "Frederiksberg Allé", "Vesterbrogade",
    "Bøgevej",      "Egevej",       "Havnegade",    "Klostergade",        "Ørstedsvej",
};
static const struct place dk_places[] = {
    {1050, 20, 1, "København K"}, {2100, 1, 1, "København Ø"},    {2200, 1, 1, "København N"},
    {1620, 20, 1, "København V"}, {8000, 1, 1, "Aarhus C"},       {8200, 1, 1, "Aarhus N"},
    {5000, 1, 1, "Odense C"},     {9000, 1, 1, "Aalborg"},        {6700, 1, 1, "Esbjerg"},
    {8900, 1, 1, "Randers"},      {6000, 1, 1, "Kolding"},        {8700, 1, 1, "Horsens"},
    {7100, 1, 1, "Vejle"},        {2800, 1, 1, "Kongens Lyngby"}, {4000, 1, 1, "Roskilde"},
    {3000, 1, 1, "Helsingør"},    {2000, 1, 1, "Frederiksberg"},  {8600, 1, 1, "Silkeborg"},
    {4700, 1, 1, "Næstved"},      {7400, 1, 1, "Herning"},
};
static const struct item dk_items[] = {
    {"Konsulenttime", 2500, 85000, 130000, 5000, UNIT_HOURS, 16, 12, false},
    {"Tømrertime", 2500, 45000, 59500, 500, UNIT_HOURS, 8, 12, false},
    {"VVS-arbejde, time", 2500, 49500, 65000, 500, UNIT_HOURS, 8, 10, false},
    {"Fragt", 2500, 4900, 14900, 1000, UNIT_ONE, 1, 14, false},
    {"Bredbånd, månedligt abonnement", 2500, 19900, 39900, 1000, UNIT_ONE, 1, 10, false},
    {"Vinduespudsning", 2500, 19500, 49500, 5000, UNIT_ONE, 1, 6, false},
    {"Materialer", 2500, 10000, 180000, 100, UNIT_ONE, 1, 8, true},
    {"Servicebesøg", 2500, 49500, 89500, 5000, UNIT_ONE, 1, 5, false},
    {"Skærm 27\" 4K", 2500, 199500, 299500, 10000, UNIT_PIECES, 2, 2, false},
    {"Overnatning, hotel", 2500, 89500, 149500, 5000, UNIT_PIECES, 3, 4, false},
    {"Frokostbuffet", 2500, 12500, 19500, 500, UNIT_PIECES, 10, 4, false},
    {"Kaffe og kage", 2500, 4500, 7500, 500, UNIT_PIECES, 10, 3, false},
};
static const char *const dk_trades[] = {
    "Byg",    "VVS",   "El",  "Maler",     "Revision", "Transport", "Ejendomme",
    "Tømrer", "Anlæg", "Tag", "Rengøring", "Bageri",   "Smedje",    "Have",
};
static const char *const dk_bases[] = {
    "Kystlys", "Vesterhav", "Fjordbyen",  "Bøgely", "Skovbrynet", "Havnens",
    "Nordsø",  "Østkyst",   "Lyngbakken", "Åløkke", "Søholm",     "Strandlyst",
};

static const struct country countries[] = {
    {
        .code = "NO",
        .lang = "nb",
        .currency = "NOK",
        .tld = "no",
        .mailbox = "faktura",
        LIST_OF(first, no_first),
        LIST_OF(last, no_last),
        LIST_OF(streets, no_streets),
        LIST_OF(places, no_places),
        LIST_OF(items, no_items),
        .company = {LIST_OF(trades, no_trades), LIST_OF(bases, no_bases), .suffix = "AS",
                    .suffix_other = "AS", .family = "& Sønn AS"},
        .org_kind = VINN_ID_NO_ORG,
        .invoice_min_minor = 20000,
    },
    {
        .code = "SE",
        .lang = "sv",
        .currency = "SEK",
        .tld = "se",
        .mailbox = "faktura",
        LIST_OF(first, se_first),
        LIST_OF(last, se_last),
        LIST_OF(streets, se_streets),
        LIST_OF(places, se_places),
        LIST_OF(items, se_items),
        .company = {LIST_OF(trades, se_trades), LIST_OF(bases, se_bases), .suffix = "AB",
                    .suffix_other = "HB", .family = "& Söner AB"},
        .org_kind = VINN_ID_SE_ORG,
        .invoice_min_minor = 20000,
    },
    {
        .code = "FI",
        .lang = "fi",
        .currency = "EUR",
        .tld = "fi",
        .mailbox = "laskutus",
        LIST_OF(first, fi_first),
        LIST_OF(last, fi_last),
        LIST_OF(streets, fi_streets),
        LIST_OF(places, fi_places),
        LIST_OF(items, fi_items),
        .company = {LIST_OF(trades, fi_trades), LIST_OF(bases, fi_bases), .suffix = "Oy",
                    .suffix_other = "Ky", .family = "& Pojat Oy"},
        .org_kind = VINN_ID_FI_BUSINESS,
        .invoice_min_minor = 2000,
    },
    {
        .code = "DK",
        .lang = "da",
        .currency = "DKK",
        .tld = "dk",
        .mailbox = "faktura",
        LIST_OF(first, dk_first),
        LIST_OF(last, dk_last),
        LIST_OF(streets, dk_streets),
        LIST_OF(places, dk_places),
        LIST_OF(items, dk_items),
        .company = {LIST_OF(trades, dk_trades), LIST_OF(bases, dk_bases), .suffix = "ApS",
                    .suffix_other = "A/S", .family = "& Søn I/S"},
        .org_kind = VINN_ID_DK_CVR,
        .invoice_min_minor = 15000,
    },
};

/* ---- CSV out ------------------------------------------------------------ */

static const char DELIMITER = ';';

/* One field as RFC 4180 wants it: quoted, with quotes doubled, when it holds
 * the delimiter, a quote or a line break, or starts or ends with a blank
 * (which a reader trims); as formats/csv.c vinn_csv_write_field does. */
static void csv_field(FILE *fp, const char *value)
{
    size_t len = strlen(value);
    bool quote = len > 0 && (value[0] == ' ' || value[0] == '\t' || value[len - 1] == ' ' ||
                             value[len - 1] == '\t');
    for (size_t i = 0; i < len && !quote; i++) {
        quote = value[i] == DELIMITER || value[i] == '"' || value[i] == '\r' || value[i] == '\n';
    }
    if (!quote) {
        fputs(value, fp);
        return;
    }
    fputc('"', fp);
    for (size_t i = 0; i < len; i++) {
        if (value[i] == '"') {
            fputc('"', fp);
        }
        fputc(value[i], fp);
    }
    fputc('"', fp);
}

static void csv_row(FILE *fp, const char *const *fields, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (i > 0) {
            fputc(DELIMITER, fp);
        }
        csv_field(fp, fields[i]);
    }
    fputc('\n', fp);
}

/* ---- text helpers ------------------------------------------------------- */

/* ASCII for e-mail addresses: å ä → a, æ → ae, ö ø → o, é → e, ü → u, lower
 * case; letters and digits kept, sep (or nothing when 0) for a space or a
 * hyphen, anything else dropped. */
static void ascii_slug(const char *in, char sep, char *out, size_t cap)
{
    static const struct {
        unsigned char second; /* the byte after 0xC3 */
        const char *ascii;
    } folds[] = {
        {0xA5, "a"}, {0x85, "a"}, {0xA4, "a"}, {0x84, "a"}, {0xA6, "ae"}, {0x86, "ae"}, {0xB6, "o"},
        {0x96, "o"}, {0xB8, "o"}, {0x98, "o"}, {0xA9, "e"}, {0x89, "e"},  {0xBC, "u"},  {0x9C, "u"},
    };
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)in; *p != '\0' && n + 3 < cap; p++) {
        if (*p == 0xC3 && p[1] != '\0') {
            for (size_t k = 0; k < COUNT(folds); k++) {
                if (folds[k].second == p[1]) {
                    for (const char *a = folds[k].ascii; *a != '\0'; a++) {
                        out[n++] = *a;
                    }
                }
            }
            p++;
        } else if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')) {
            out[n++] = (char)*p;
        } else if (*p >= 'A' && *p <= 'Z') {
            out[n++] = (char)(*p - 'A' + 'a');
        } else if ((*p == ' ' || *p == '-') && sep != 0 && n > 0 && out[n - 1] != sep) {
            out[n++] = sep;
        }
    }
    out[n] = '\0';
}

/* Minor units with a decimal comma: 124950 -> "1249,50", or with a space
 * between thousands "1 249,50" (as people type it). */
static void format_price(int64_t minor, bool grouped, char *out, size_t cap)
{
    int64_t major = minor / 100;
    int cents = (int)(minor % 100);
    if (grouped && major >= 1000) {
        snprintf(out, cap, "%" PRId64 " %03" PRId64 ",%02d", major / 1000, major % 1000, cents);
    } else {
        snprintf(out, cap, "%" PRId64 ",%02d", major, cents);
    }
}

/* Thousandths with a decimal comma and no trailing zeros: 2500 -> "2,5". */
static void format_quantity(int64_t milli, char *out, size_t cap)
{
    int n = snprintf(out, cap, "%" PRId64, milli / 1000);
    int64_t frac = milli % 1000;
    if (frac != 0 && n > 0 && (size_t)n < cap) {
        char digits[8];
        snprintf(digits, sizeof(digits), "%03" PRId64, frac);
        size_t len = 3;
        while (len > 0 && digits[len - 1] == '0') {
            len--;
        }
        digits[len] = '\0';
        snprintf(out + n, cap - (size_t)n, ",%s", digits);
    }
}

/* Basis points as percent: 2500 -> "25", 2550 -> "25,5". */
static void format_rate(int32_t bp, char *out, size_t cap)
{
    if (bp % 100 == 0) {
        snprintf(out, cap, "%d", (int)(bp / 100));
    } else if (bp % 10 == 0) {
        snprintf(out, cap, "%d,%d", (int)(bp / 100), (int)(bp % 100 / 10));
    } else {
        snprintf(out, cap, "%d,%02d", (int)(bp / 100), (int)(bp % 100));
    }
}

/* ---- customers ---------------------------------------------------------- */

struct customer_row {
    char id[16];
    char name[FIELD_MAX];
    char lang[4];
    const char *kind;
    char email[FIELD_MAX];
    char phone[32];
    char org_no[32];
    char address[FIELD_MAX];
    char postcode[16];
    char city[64];
    const char *tags;
};

/* Organisation number of the country, made with its check digit and typed
 * the way people write it. */
static void make_org_no(const struct country *c, struct rng *r, char *out, size_t cap)
{
    char base[16];
    char number[VINN_ID_TEXT_MAX] = "";
    /* About one MOD11 base in eleven has no check digit: draw again. 64
     * draws that all fail have a probability below 10^-66. */
    for (int attempt = 0; attempt < 64 && number[0] == '\0'; attempt++) {
        switch (c->org_kind) {
        case VINN_ID_NO_ORG: /* registered companies start with 8 or 9 */
            snprintf(base, sizeof(base), "%d%07d", rng_chance(r, 800) ? 9 : 8,
                     (int)rng_below(r, 10000000));
            break;
        case VINN_ID_SE_ORG: /* aktiebolag: 556 and 559 */
            snprintf(base, sizeof(base), "55%d%06d", rng_chance(r, 700) ? 6 : 9,
                     (int)rng_below(r, 1000000));
            break;
        case VINN_ID_FI_BUSINESS:
            snprintf(base, sizeof(base), "%d%06d", (int)rng_range(r, 1, 3),
                     (int)rng_below(r, 1000000));
            break;
        default: /* VINN_ID_DK_CVR never starts with 0 */
            snprintf(base, sizeof(base), "%d%06d", (int)rng_range(r, 1, 4),
                     (int)rng_below(r, 1000000));
            break;
        }
        if (vinn_id_make(c->org_kind, base, number, sizeof(number), NULL) != VINN_OK) {
            number[0] = '\0';
        }
    }
    if (number[0] == '\0') {
        out[0] = '\0';
    } else if (c->org_kind == VINN_ID_NO_ORG && rng_chance(r, 300)) {
        snprintf(out, cap, "%.3s %.3s %.3s", number, number + 3, number + 6);
    } else if (c->org_kind == VINN_ID_NO_ORG && rng_chance(r, 100)) {
        snprintf(out, cap, "NO%sMVA", number);
    } else if (c->org_kind == VINN_ID_SE_ORG) {
        snprintf(out, cap, "%.6s-%.4s", number, number + 6);
    } else {
        snprintf(out, cap, "%s", number);
    }
}

static void make_company_name(const struct country *c, struct rng *r, const char *surname,
                              char *out, size_t cap)
{
    const struct company_style *s = &c->company;
    const char *trade = s->trades[rng_below(r, s->trades_count)];
    const char *base = s->bases[rng_below(r, s->bases_count)];
    const char *suffix = rng_chance(r, 120) ? s->suffix_other : s->suffix;
    uint64_t style = rng_below(r, 100);
    bool fi = strcmp(c->code, "FI") == 0;
    if (style < 35) {
        snprintf(out, cap, "%s %s %s", base, trade, suffix); /* Fjellheim Bygg AS */
    } else if (style < 65) {
        snprintf(out, cap, "%s %s %s", surname, trade, suffix); /* Lindqvist Måleri AB */
    } else if (style < 85) {
        snprintf(out, cap, "%s %s", surname, suffix); /* Virtanen Oy, Nørgaard ApS */
    } else if (style < 93 || fi) {
        snprintf(out, cap, "%s %s", surname, s->family); /* Berg & Söner AB */
    } else {
        snprintf(out, cap, "%s %s", base, suffix);
    }
}

/* A phone number as people type it: mobiles for people, landlines or
 * mobiles for companies, with or without the country code. */
static void make_phone(const struct country *c, struct rng *r, bool company, char *out, size_t cap)
{
    bool intl = rng_chance(r, 500);
    unsigned a = (unsigned)rng_below(r, 1000);
    unsigned b = (unsigned)rng_below(r, 100);
    unsigned d = (unsigned)rng_below(r, 1000);
    unsigned e = (unsigned)rng_below(r, 10000);
    if (strcmp(c->code, "NO") == 0) {
        unsigned lead = company && rng_chance(r, 500) ? 22 : (rng_chance(r, 500) ? 41 : 92);
        snprintf(out, cap, "%s%02u %02u %02u %02u", intl ? "+47 " : "", lead, b, a % 100, d % 100);
    } else if (strcmp(c->code, "SE") == 0) {
        unsigned lead = rng_chance(r, 500) ? 70 : 73;
        if (company && rng_chance(r, 500)) {
            snprintf(out, cap, "%s8-%03u %02u %02u", intl ? "+46 " : "0", a, b, d % 100);
        } else {
            snprintf(out, cap, "%s%02u-%03u %02u %02u", intl ? "+46 " : "0", lead, a, b, d % 100);
        }
    } else if (strcmp(c->code, "FI") == 0) {
        unsigned lead = rng_chance(r, 500) ? 40 : 50;
        snprintf(out, cap, "%s%02u %03u %04u", intl ? "+358 " : "0", lead, a, e);
    } else {
        unsigned lead = company && rng_chance(r, 500) ? 33 : (rng_chance(r, 500) ? 20 : 61);
        snprintf(out, cap, "%s%02u %02u %02u %02u", intl ? "+45 " : "", lead, b, a % 100, d % 100);
    }
}

static void make_address(const struct country *c, struct rng *r, struct customer_row *row)
{
    const char *street = c->streets[rng_below(r, c->streets_count)];
    int number = (int)rng_range(r, 1, rng_chance(r, 700) ? 40 : 160);
    char extra[24] = "";
    if (strcmp(c->code, "NO") == 0 && rng_chance(r, 150)) {
        snprintf(extra, sizeof(extra), "%c", (char)('A' + rng_below(r, 4)));
    } else if (strcmp(c->code, "SE") == 0 && rng_chance(r, 300)) {
        snprintf(extra, sizeof(extra), ", lgh %d", (int)rng_range(r, 1001, 1503));
    } else if (strcmp(c->code, "FI") == 0 && rng_chance(r, 450)) {
        snprintf(extra, sizeof(extra), " %c %d", (char)('A' + rng_below(r, 3)),
                 (int)rng_range(r, 1, 40));
    } else if (strcmp(c->code, "DK") == 0 && rng_chance(r, 350)) {
        static const char *const sides[] = {"th.", "tv.", "mf."};
        snprintf(extra, sizeof(extra), ", %d. %s", (int)rng_range(r, 1, 5), PICK(r, sides));
    }
    snprintf(row->address, sizeof(row->address), "%s %d%s", street, number, extra);

    const struct place *p = &c->places[rng_below(r, c->places_count)];
    int code = p->postcode_base + p->step * (int)rng_below(r, (uint64_t)p->count);
    if (strcmp(c->code, "SE") == 0) {
        snprintf(row->postcode, sizeof(row->postcode), "%03d %02d", code / 100, code % 100);
    } else if (strcmp(c->code, "FI") == 0) {
        snprintf(row->postcode, sizeof(row->postcode), "%05d", code);
    } else {
        snprintf(row->postcode, sizeof(row->postcode), "%04d", code);
    }
    snprintf(row->city, sizeof(row->city), "%s", p->city);
}

static void make_email(const struct country *c, struct rng *r, const char *first, const char *last,
                       const char *company, char *out, size_t cap)
{
    char a[FIELD_MAX];
    char b[FIELD_MAX];
    if (company != NULL) {
        /* The domain is the name without its legal form: Fjellheim Bygg. */
        snprintf(b, sizeof(b), "%s", company);
        char *space = strrchr(b, ' ');
        if (space != NULL) {
            *space = '\0';
        }
        ascii_slug(b, 0, a, sizeof(a));
        const char *mailbox = rng_chance(r, 600) ? c->mailbox : "post";
        snprintf(out, cap, "%s@%s.example.%s", mailbox, a, c->tld);
        return;
    }
    ascii_slug(first, '-', a, sizeof(a));
    ascii_slug(last, '-', b, sizeof(b));
    uint64_t style = rng_below(r, 10);
    if (style < 6) {
        snprintf(out, cap, "%s.%s@example.%s", a, b, c->tld);
    } else if (style < 8) {
        snprintf(out, cap, "%s%s%d@example.%s", a, b, (int)rng_range(r, 1, 99), c->tld);
    } else {
        snprintf(out, cap, "%c.%s@example.%s", a[0], b, c->tld);
    }
}

/* One customer: a person most of the time, a company about 15 %. */
static bool make_customer(const struct country *c, struct rng *r, long index,
                          struct customer_row *row)
{
    memset(row, 0, sizeof(*row));
    snprintf(row->id, sizeof(row->id), "%ld", CUSTOMER_ID_FIRST + index);
    bool company = rng_chance(r, 150);
    bool finland_swede = strcmp(c->code, "FI") == 0 && rng_chance(r, 55);
    const char *first = finland_swede ? PICK(r, se_first) : c->first[rng_below(r, c->first_count)];
    const char *last = finland_swede ? PICK(r, fi_sv_last) : c->last[rng_below(r, c->last_count)];
    snprintf(row->lang, sizeof(row->lang), "%s",
             finland_swede ? "sv" : (rng_chance(r, 20) ? "en" : c->lang));
    row->kind = company ? "company" : "person";
    if (company) {
        make_company_name(c, r, last, row->name, sizeof(row->name));
        make_org_no(c, r, row->org_no, sizeof(row->org_no));
    } else {
        snprintf(row->name, sizeof(row->name), "%s %s", first, last);
    }
    if (rng_chance(r, company ? 950 : 850)) {
        make_email(c, r, first, last, company ? row->name : NULL, row->email, sizeof(row->email));
    }
    if (rng_chance(r, company ? 900 : 750)) {
        make_phone(c, r, company, row->phone, sizeof(row->phone));
    }
    if (rng_chance(r, 970)) {
        make_address(c, r, row);
    }
    row->tags = rng_chance(r, company ? 180 : 5) ? "key-account" : "";
    return company;
}

/* ---- invoices ----------------------------------------------------------- */

/* The merchant's prices: a fixed price per item, drawn once. */
static int64_t price_draw(const struct item *it, struct rng *r)
{
    int64_t steps = (it->price_max_minor - it->price_min_minor) / it->step_minor;
    return it->price_min_minor + it->step_minor * rng_range(r, 0, steps);
}

static int64_t quantity_draw(const struct item *it, struct rng *r)
{
    switch (it->unit) {
    case UNIT_HOURS: /* mostly short jobs: 0.5 to 4 hours, now and then longer */
        return 250 * rng_range(r, 2, rng_chance(r, 800) ? 16 : 4 * it->max_quantity);
    case UNIT_PIECES:
        return 1000 * rng_range(r, 1, rng_chance(r, 600) ? 1 : it->max_quantity);
    default:
        return 1000;
    }
}

static size_t item_pick(const struct country *c, struct rng *r, int weight_total)
{
    int64_t w = rng_range(r, 0, weight_total - 1);
    for (size_t i = 0; i < c->items_count; i++) {
        w -= c->items[i].weight;
        if (w < 0) {
            return i;
        }
    }
    return c->items_count - 1;
}

/* Net of a line in minor units, rounded half up as the engine does. */
static int64_t line_net(int64_t quantity_milli, int64_t price_minor)
{
    return (quantity_milli * price_minor + 500) / 1000;
}

struct generator {
    const struct country *country;
    struct rng rng;
    long customers;
    long invoices;
    vinn_day today;
    int months;
    const char *out_dir;
    bool *is_company; /* per customer */
    long *companies;  /* indexes of companies */
    long companies_count;
    int64_t *prices; /* per item */
    int weight_total;
    long lines_written;
};

static vinn_day *invoice_dates(struct generator *g, vinn_day first, vinn_day last)
{
    vinn_day *dates = malloc((size_t)(g->invoices > 0 ? g->invoices : 1) * sizeof(*dates));
    long *per_day = calloc((size_t)(last - first + 1), sizeof(*per_day));
    if (dates == NULL || per_day == NULL) {
        free(dates);
        free(per_day);
        return NULL;
    }
    for (long i = 0; i < g->invoices; i++) {
        vinn_day d = (vinn_day)rng_range(&g->rng, first, last);
        /* Most invoicing runs on weekdays: a weekend date is drawn again,
         * mostly. */
        if (vinn_day_is_weekend(d) && rng_chance(&g->rng, 850)) {
            d = (vinn_day)rng_range(&g->rng, first, last);
        }
        per_day[d - first]++;
    }
    /* In date order, so that numbers rise with dates. */
    long n = 0;
    for (vinn_day d = first; d <= last; d++) {
        for (long k = 0; k < per_day[d - first]; k++) {
            dates[n++] = d;
        }
    }
    free(per_day);
    return dates;
}

static long invoice_customer(struct generator *g)
{
    if (g->companies_count > 0 && rng_chance(&g->rng, 300)) {
        return g->companies[rng_below(&g->rng, (uint64_t)g->companies_count)];
    }
    return (long)rng_below(&g->rng, (uint64_t)g->customers);
}

static void write_invoice(struct generator *g, FILE *fp, long index, vinn_day date)
{
    const struct country *c = g->country;
    struct rng *r = &g->rng;
    long customer = invoice_customer(g);
    bool company = g->is_company[customer];
    char number[24];
    char customer_id[16];
    char day[VINN_DATE_ISO_SIZE];
    const char *due_days = company && rng_chance(r, 450) ? "30" : "14";
    snprintf(number, sizeof(number), "%s-%07ld", c->code, index + 1);
    snprintf(customer_id, sizeof(customer_id), "%ld", CUSTOMER_ID_FIRST + customer);
    vinn_day_format(date, day);

    static const unsigned lines_per_mille[LINES_PER_INVOICE_MAX] = {400, 300, 200, 100};
    uint64_t roll = rng_below(r, 1000);
    int lines = 1;
    for (unsigned acc = lines_per_mille[0]; roll >= acc && lines < LINES_PER_INVOICE_MAX;) {
        acc += lines_per_mille[lines++];
    }
    size_t used[LINES_PER_INVOICE_MAX];
    int64_t net = 0;
    /* Lines up to the count, and more (at most the maximum) while the
     * invoice is below the smallest amount a merchant bills. */
    for (int k = 0; k < LINES_PER_INVOICE_MAX && (k < lines || net < c->invoice_min_minor); k++) {
        size_t item = item_pick(c, r, g->weight_total);
        for (int j = 0; j < k; j++) {
            if (used[j] == item) {
                item = (item + 1) % c->items_count; /* each item once per invoice */
                j = -1;
            }
        }
        used[k] = item;
        const struct item *it = &c->items[item];
        int64_t price = it->variable ? price_draw(it, r) : g->prices[item];
        int64_t quantity = quantity_draw(it, r);
        if (k == LINES_PER_INVOICE_MAX - 1 &&
            net + line_net(quantity, price) < c->invoice_min_minor) {
            quantity = 1000 * ((c->invoice_min_minor - net) / price + 1);
        }
        net += line_net(quantity, price);
        char q[32];
        char p[32];
        char v[16];
        format_quantity(quantity, q, sizeof(q));
        format_price(price, rng_chance(r, 250), p, sizeof(p));
        format_rate(it->vat_bp, v, sizeof(v));
        const char *fields[] = {number, customer_id, day, due_days, c->currency, it->text, q, p, v};
        csv_row(fp, fields, COUNT(fields));
        g->lines_written++;
    }
}

/* ---- files -------------------------------------------------------------- */

static FILE *open_out(const char *dir, const char *name, char *path, size_t cap)
{
    snprintf(path, cap, "%s/%s", dir, name);
    FILE *fp = fopen(path, "w");
    if (fp == NULL) {
        fprintf(stderr, "vinn-gen: cannot write '%s': %s\n", path, strerror(errno));
    }
    return fp;
}

static bool close_out(FILE *fp, const char *path)
{
    bool ok = !ferror(fp);
    ok = fclose(fp) == 0 && ok;
    if (!ok) {
        fprintf(stderr, "vinn-gen: cannot write '%s': %s\n", path, strerror(errno));
    }
    return ok;
}

static bool write_customers(struct generator *g)
{
    char path[PATH_MAX_BYTES];
    FILE *fp = open_out(g->out_dir, "customers.csv", path, sizeof(path));
    if (fp == NULL) {
        return false;
    }
    static const char *const header[] = {"id",    "name",   "country", "lang",     "kind", "email",
                                         "phone", "org_no", "address", "postcode", "city", "tags"};
    csv_row(fp, header, COUNT(header));
    for (long i = 0; i < g->customers; i++) {
        struct customer_row row;
        g->is_company[i] = make_customer(g->country, &g->rng, i, &row);
        if (g->is_company[i]) {
            g->companies[g->companies_count++] = i;
        }
        const char *fields[] = {row.id,      row.name,     g->country->code, row.lang,
                                row.kind,    row.email,    row.phone,        row.org_no,
                                row.address, row.postcode, row.city,         row.tags};
        csv_row(fp, fields, COUNT(fields));
    }
    return close_out(fp, path);
}

static bool write_invoices(struct generator *g)
{
    vinn_day first = g->today;
    if (vinn_day_add_months(g->today, -g->months, VINN_EOM_CLAMP, &first) != VINN_OK) {
        fprintf(stderr, "vinn-gen: --months %d reaches before 1900\n", g->months);
        return false;
    }
    first += 1; /* the months up to and including today */
    vinn_day *dates = invoice_dates(g, first, g->today);
    char path[PATH_MAX_BYTES];
    FILE *fp = dates != NULL ? open_out(g->out_dir, "invoices.csv", path, sizeof(path)) : NULL;
    if (fp == NULL) {
        if (dates == NULL) {
            fprintf(stderr, "vinn-gen: out of memory\n");
        }
        free(dates);
        return false;
    }
    static const char *const header[] = {"number", "customer", "date",       "due_days", "currency",
                                         "text",   "quantity", "unit_price", "vat_rate"};
    csv_row(fp, header, COUNT(header));
    for (long i = 0; i < g->invoices; i++) {
        write_invoice(g, fp, i, dates[i]);
    }
    free(dates);
    return close_out(fp, path);
}

/* ---- options ------------------------------------------------------------ */

static const char USAGE[] =
    "usage: vinn-gen --country CC --customers N --invoices M --today YYYY-MM-DD\n"
    "                [--months K] [--seed S] [--verbose] --out DIR\n"
    "Writes DIR/customers.csv and DIR/invoices.csv for `vinn import`.\n"
    "  --country    NO, SE, FI or DK\n"
    "  --customers  1 to 10000000\n"
    "  --invoices   0 to 10000000, numbered CC-0000001 upwards in date order\n"
    "  --today      the last invoice date\n"
    "  --months     months of invoices up to today, 1 to 120 (default 6)\n"
    "  --seed       any whole number (default 20261122); same options, same files\n"
    "  --verbose    print what was written\n"
    "  --out        the directory (made with its parents if missing)\n";

struct options {
    const char *country;
    long customers;
    long invoices;
    vinn_day today;
    int months;
    uint64_t seed;
    const char *out;
    bool verbose;
    bool has_customers;
    bool has_invoices;
    bool has_today;
};

static int usage_error(const char *fmt, const char *option, const char *value)
{
    fprintf(stderr, "vinn-gen: ");
    fprintf(stderr, fmt, option, value);
    fprintf(stderr, "\n%s", USAGE);
    return 2;
}

static bool parse_whole(const char *text, long long lo, long long hi, long long *out)
{
    if (text[0] < '0' || text[0] > '9') {
        return false;
    }
    char *end = NULL;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (errno != 0 || *end != '\0' || v < lo || v > hi) {
        return false;
    }
    *out = v;
    return true;
}

static int option_set(struct options *o, const char *name, const char *value)
{
    long long v = 0;
    if (strcmp(name, "--country") == 0) {
        for (size_t i = 0; i < COUNT(countries); i++) {
            if (strcmp(value, countries[i].code) == 0) {
                o->country = countries[i].code;
                return 0;
            }
        }
        return usage_error("%s '%s' must be NO, SE, FI or DK", name, value);
    }
    if (strcmp(name, "--customers") == 0) {
        if (!parse_whole(value, 1, CUSTOMERS_MAX, &v)) {
            return usage_error("%s '%s' must be a whole number from 1 to 10000000", name, value);
        }
        o->customers = (long)v;
        o->has_customers = true;
        return 0;
    }
    if (strcmp(name, "--invoices") == 0) {
        if (!parse_whole(value, 0, INVOICES_MAX, &v)) {
            return usage_error("%s '%s' must be a whole number from 0 to 10000000", name, value);
        }
        o->invoices = (long)v;
        o->has_invoices = true;
        return 0;
    }
    if (strcmp(name, "--months") == 0) {
        if (!parse_whole(value, 1, MONTHS_MAX, &v)) {
            return usage_error("%s '%s' must be a whole number from 1 to 120", name, value);
        }
        o->months = (int)v;
        return 0;
    }
    if (strcmp(name, "--seed") == 0) {
        char *end = NULL;
        errno = 0;
        unsigned long long s = strtoull(value, &end, 10);
        if (value[0] < '0' || value[0] > '9' || errno != 0 || *end != '\0') {
            return usage_error("%s '%s' must be a whole number", name, value);
        }
        o->seed = (uint64_t)s;
        return 0;
    }
    if (strcmp(name, "--today") == 0) {
        if (vinn_day_parse(value, "today", &o->today, NULL) != VINN_OK) {
            return usage_error("%s '%s' must be a date YYYY-MM-DD", name, value);
        }
        o->has_today = true;
        return 0;
    }
    if (strcmp(name, "--out") == 0) {
        if (value[0] == '\0') {
            return usage_error("%s '%s' must name a directory", name, value);
        }
        o->out = value;
        return 0;
    }
    return usage_error("%s is not an option%s", name, "");
}

/* "--name value" or "--name=value". */
static int options_parse(int argc, char **argv, struct options *o)
{
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            fputs(USAGE, stdout);
            return -1;
        }
        if (strcmp(arg, "--verbose") == 0) {
            o->verbose = true;
            continue;
        }
        if (strncmp(arg, "--", 2) != 0) {
            return usage_error("unexpected argument '%s'%s", arg, "");
        }
        char name[32];
        const char *eq = strchr(arg, '=');
        const char *value = NULL;
        if (eq != NULL) {
            snprintf(name, sizeof(name), "%.*s", (int)(eq - arg), arg);
            value = eq + 1;
        } else if (i + 1 < argc) {
            snprintf(name, sizeof(name), "%s", arg);
            value = argv[++i];
        } else {
            snprintf(name, sizeof(name), "%s", arg);
            return usage_error("%s needs a value%s", name, "");
        }
        int rc = option_set(o, name, value);
        if (rc != 0) {
            return rc;
        }
    }
    return 0;
}

static int options_check(const struct options *o)
{
    static const char missing[] = "%s is required%s";
    if (o->country == NULL) {
        return usage_error(missing, "--country", "");
    }
    if (!o->has_customers) {
        return usage_error(missing, "--customers", "");
    }
    if (!o->has_invoices) {
        return usage_error(missing, "--invoices", "");
    }
    if (!o->has_today) {
        return usage_error(missing, "--today", "");
    }
    if (o->out == NULL) {
        return usage_error(missing, "--out", "");
    }
    return 0;
}

/* mkdir -p: each missing directory on the path, then the last. */
static bool make_dir(const char *dir)
{
    char path[PATH_MAX_BYTES];
    size_t len = strlen(dir);
    if (len >= sizeof(path)) {
        fprintf(stderr, "vinn-gen: --out '%.40s...' is too long\n", dir);
        return false;
    }
    memcpy(path, dir, len + 1);
    for (size_t i = 1; i <= len; i++) {
        if (path[i] != '/' && path[i] != '\0') {
            continue;
        }
        char saved = path[i];
        path[i] = '\0';
        struct stat st;
        bool exists = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
        if (!exists && mkdir(path, 0777) != 0 && errno != EEXIST) {
            fprintf(stderr, "vinn-gen: cannot make directory '%s': %s\n", path, strerror(errno));
            return false;
        }
        path[i] = saved;
    }
    return true;
}

/* The country's stream: the seed mixed with the country, so that one seed
 * gives four different merchants. */
static uint64_t seed_for(uint64_t seed, const char *code)
{
    uint64_t tag = ((uint64_t)(unsigned char)code[0] << 8) | (unsigned char)code[1];
    return (seed * 0x100000001B3u) ^ tag;
}

static bool generate(const struct options *o)
{
    const struct country *c = NULL;
    for (size_t i = 0; i < COUNT(countries); i++) {
        c = strcmp(o->country, countries[i].code) == 0 ? &countries[i] : c;
    }
    struct generator g = {
        .country = c,
        .rng = {seed_for(o->seed, c->code)},
        .customers = o->customers,
        .invoices = o->invoices,
        .today = o->today,
        .months = o->months,
        .out_dir = o->out,
    };
    g.is_company = calloc((size_t)g.customers, sizeof(*g.is_company));
    g.companies = calloc((size_t)g.customers, sizeof(*g.companies));
    g.prices = calloc(c->items_count, sizeof(*g.prices));
    bool ok = g.is_company != NULL && g.companies != NULL && g.prices != NULL;
    if (!ok) {
        fprintf(stderr, "vinn-gen: out of memory\n");
    }
    for (size_t i = 0; ok && i < c->items_count; i++) {
        g.prices[i] = price_draw(&c->items[i], &g.rng);
        g.weight_total += c->items[i].weight;
    }
    ok = ok && make_dir(o->out) && write_customers(&g) && write_invoices(&g);
    if (ok && o->verbose) {
        printf("vinn-gen: %s: %ld customers (%ld companies), %ld invoices with %ld lines in %s\n",
               c->code, g.customers, g.companies_count, g.invoices, g.lines_written, o->out);
    }
    free(g.is_company);
    free(g.companies);
    free(g.prices);
    return ok;
}

int main(int argc, char **argv)
{
    struct options o = {.months = 6, .seed = SEED_DEFAULT};
    int rc = options_parse(argc, argv, &o);
    if (rc < 0) {
        return 0;
    }
    if (rc == 0) {
        rc = options_check(&o);
    }
    if (rc != 0) {
        return rc;
    }
    return generate(&o) ? 0 : 1;
}
