/* cmd_tools.c - reference numbers, identifiers and bank calendars. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/json.h"
#include "cli/cli.h"
#include "core/calendar.h"
#include "core/country.h"
#include "core/ident.h"
#include "core/refno.h"

static int two_args(struct cli *cli, const char *cmd, int argc, char **argv, const char **pos,
                    const char *what)
{
    int np = 0;
    int rc = cli_parse(cli, cmd, argc, argv, NULL, 0, pos, 2, &np);
    if (rc == 0 && np != 2) {
        rc = cli_usage(cli, cmd, "give %s", what);
    }
    return rc;
}

int cmd_ref_make(struct cli *cli, int argc, char **argv)
{
    const char *pos[2];
    int rc = two_args(cli, "ref make", argc, argv, pos, "TYPE and BASE");
    if (rc != 0) {
        return rc;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    enum vinn_ref_kind kind;
    char ref[VINN_REF_TEXT_MAX];
    char human[VINN_REF_TEXT_MAX];
    if (vinn_ref_kind_parse(pos[0], &kind, &e) != VINN_OK ||
        vinn_ref_make(kind, pos[1], ref, sizeof(ref), &e) != VINN_OK ||
        vinn_ref_format_human(kind == VINN_REF_KID ? VINN_REF_KID10 : kind, ref, human,
                              sizeof(human)) != VINN_OK) {
        return cli_fail(cli, &e);
    }
    if (cli->json) {
        return cli_print_json(
            json_pack("{s:s, s:s, s:s}", "type", pos[0], "reference", ref, "printed", human));
    }
    printf("%s\n", ref);
    return 0;
}

int cmd_ref_check(struct cli *cli, int argc, char **argv)
{
    const char *pos[2];
    int rc = two_args(cli, "ref check", argc, argv, pos, "TYPE and REFERENCE");
    if (rc != 0) {
        return rc;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    enum vinn_ref_kind kind;
    if (vinn_ref_kind_parse(pos[0], &kind, &e) != VINN_OK) {
        return cli_fail(cli, &e);
    }
    char normalized[VINN_REF_TEXT_MAX];
    vinn_err err = vinn_ref_check(kind, pos[1], normalized, sizeof(normalized), &e);
    bool valid = err == VINN_OK;
    if (cli->json) {
        cli_print_json(json_pack("{s:s, s:b, s:s, s:s?}", "type", pos[0], "valid", valid,
                                 "reference", valid ? normalized : pos[1], "reason",
                                 valid ? NULL : e.message));
    } else if (valid) {
        printf("valid %s %s\n", vinn_ref_kind_name(kind), normalized);
    } else {
        printf("invalid: %s\n", e.message);
    }
    return valid ? 0 : EXIT_NO;
}

int cmd_id_check(struct cli *cli, int argc, char **argv)
{
    const char *pos[2];
    int rc = two_args(cli, "id check", argc, argv, pos, "TYPE and VALUE");
    if (rc != 0) {
        return rc;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    enum vinn_id_kind kind;
    if (vinn_id_kind_parse(pos[0], &kind, &e) != VINN_OK) {
        return cli_fail(cli, &e);
    }
    char normalized[VINN_ID_TEXT_MAX];
    vinn_err err = vinn_id_check(kind, pos[1], cli->today, "value", normalized,
                                 sizeof(normalized), &e);
    bool valid = err == VINN_OK;
    if (cli->json) {
        cli_print_json(json_pack("{s:s, s:b, s:s, s:s?}", "type", pos[0], "valid", valid, "value",
                                 valid ? normalized : pos[1], "reason", valid ? NULL : e.message));
    } else if (valid) {
        printf("valid %s %s\n", vinn_id_kind_name(kind), normalized);
    } else {
        printf("invalid: %s\n", e.message);
    }
    return valid ? 0 : EXIT_NO;
}

/* Characters, not bytes, for aligning columns of UTF-8 names. */
static int utf8_width(const char *s)
{
    int n = 0;
    for (; *s != '\0'; s++) {
        n += ((unsigned char)*s & 0xc0) != 0x80;
    }
    return n;
}

int cmd_calendar(struct cli *cli, int argc, char **argv)
{
    const char *pos[2];
    int rc = two_args(cli, "calendar", argc, argv, pos, "COUNTRY and YEAR");
    if (rc != 0) {
        return rc;
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    enum vinn_country country;
    char *end = NULL;
    long year = strtol(pos[1], &end, 10);
    if (vinn_country_parse(pos[0], &country, &e) != VINN_OK) {
        return cli_fail(cli, &e);
    }
    if (end == pos[1] || *end != '\0' || year < VINN_YEAR_MIN || year > VINN_YEAR_MAX) {
        vinn_fail(&e, VINN_E_DATE_OUT_OF_RANGE, "year", "year '%s' must be from %d to %d",
                  pos[1], VINN_YEAR_MIN, VINN_YEAR_MAX);
        return cli_fail(cli, &e);
    }
    struct vinn_holiday days[VINN_HOLIDAYS_PER_YEAR_MAX];
    size_t n = 0;
    vinn_err err = vinn_calendar_holidays(country, (int32_t)year, days,
                                          VINN_HOLIDAYS_PER_YEAR_MAX, &n);
    if (err != VINN_OK) {
        vinn_fail(&e, err, "year", "cannot list the holidays of %ld", year);
        return cli_fail(cli, &e);
    }
    json_t *list = cli->json ? json_array() : NULL;
    static const char *const weekdays[] = {"", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    for (size_t i = 0; i < n; i++) {
        char iso[VINN_DATE_ISO_SIZE];
        vinn_day_format(days[i].day, iso);
        if (list != NULL) {
            json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:b}", "date", iso, "name",
                                                  days[i].name_en, "local_name",
                                                  days[i].name_local, "bank_only",
                                                  days[i].bank_only));
        } else {
            printf("%s %s  %s%*s %s%s\n", iso, weekdays[vinn_day_weekday(days[i].day)],
                   days[i].name_local, 28 - utf8_width(days[i].name_local), "", days[i].name_en,
                   days[i].bank_only ? " (banks closed)" : "");
        }
    }
    if (list != NULL) {
        return cli_print_json(json_pack("{s:s, s:i, s:o}", "country", pos[0], "year", (int)year,
                                        "holidays", list));
    }
    return 0;
}
