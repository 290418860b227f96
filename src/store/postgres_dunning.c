/*
 * postgres_dunning.c - the day's tables of the PostgreSQL backend: cases
 * and their steps and events, the message outbox, tasks, hand-overs,
 * policies, the tenants' interest rates and day runs, and the due-invoice
 * query of the day run. The SQL is sqlite_dunning.c's in PostgreSQL's
 * dialect; every query that returns rows has a LIMIT.
 */
#include <stdio.h>
#include <string.h>

#include "base/assert.h"
#include "store/dunning_sql.h"
#include "store/postgres_internal.h"

enum dst {
    DST_DUE = PG_DUNNING_FIRST,
    DST_SET_NEXT,
    DST_GET_NEXT,
    DST_SET_DAY,
    DST_CASE_GET,
    DST_CASE_PUT,
    DST_STEP_INSERT,
    DST_STEPS,
    DST_EVENT_INSERT,
    DST_EVENTS,
    DST_MESSAGE_INSERT,
    DST_MESSAGES,
    DST_TASK_INSERT,
    DST_TASKS,
    DST_HANDOVER_INSERT,
    DST_HANDOVERS,
    DST_POLICY_PUT,
    DST_POLICY_DELETE,
    DST_POLICIES,
    DST_RATE_PUT,
    DST_RATES,
    DST_DAY_RUN_PUT,
    DST_OUTBOX_DUE,
    DST_ATTEMPT,
    DST_TEMPLATE_PUT,
    DST_TEMPLATE_GET,
    DST_TEMPLATE_DELETE,
    DST_SENT_DAYS,
    DST_SENT_ON,
    DST_CLAIM,
    DST_CLAIM_PUT,
    DST_CLAIM_FINISH,
    DST_END,
};
_Static_assert((int)DST_END <= (int)PG_STMTS_MAX, "dunning statements fit their ids");

/* A case step that is a letter to the debtor (counted for hand-overs). */
#define LETTER_STEP                                                                                \
    "s.tenant_id = h.tenant_id AND s.invoice_id = h.invoice_id AND s.task = 0 AND "                \
    "s.kind IN ('pre-due', 'reminder', 'notice')"

static const char *const dst_sql[] = {
    /* The run's query: the partial index invoices_next_action gives the due
     * rows in order; the case and the customer come by primary key. */
    [DST_DUE - PG_DUNNING_FIRST] =
        "SELECT " PG_INVOICE_COLUMNS_SELECT ", c.kind, c.country, c.lang, c.email, c.phone, "
        "c.tags, c.channel, c.direct_debit, (c.kind = 'company' AND c.org_no <> '')::int, "
        "(k.invoice_id IS NOT NULL)::int, " CASE_COLUMNS
        "FROM invoices i JOIN customers c ON c.tenant_id = i.tenant_id AND "
        "c.customer_id = i.customer_id LEFT JOIN cases k ON k.tenant_id = i.tenant_id AND "
        "k.invoice_id = i.invoice_id WHERE i.tenant_id = $1 AND i.next_action IS NOT NULL AND "
        "i.next_action <= $2 ORDER BY i.next_action, i.invoice_id LIMIT $3",
    [DST_SET_NEXT - PG_DUNNING_FIRST] =
        "UPDATE invoices SET next_action = $1 WHERE tenant_id = $2 AND invoice_id = $3",
    [DST_SET_DAY - PG_DUNNING_FIRST] =
        "UPDATE invoices SET outstanding_minor = $1, status = $2, next_action = $3 WHERE "
        "tenant_id = $4 AND invoice_id = $5",
    [DST_GET_NEXT - PG_DUNNING_FIRST] =
        "SELECT next_action FROM invoices WHERE tenant_id = $1 AND invoice_id = $2",
    [DST_CASE_GET - PG_DUNNING_FIRST] =
        "SELECT " CASE_COLUMNS "FROM cases k WHERE k.tenant_id = $1 AND k.invoice_id = $2",
    [DST_CASE_PUT - PG_DUNNING_FIRST] =
        "INSERT INTO cases (tenant_id, invoice_id, policy, state, step_index, steps_taken, "
        "fee_letters, last_step_day, last_fee_day, last_fee_deadline, last_fee_deadline_days, "
        "notice_deadline, compensation_claimed, interest_through, pause_reason, promise_until, "
        "fees_minor, interest_minor, updated_at, reminder_fees) VALUES ($1, $2, $3, $4, $5, $6, "
        "$7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) "
        "ON CONFLICT (tenant_id, invoice_id) DO UPDATE SET policy = excluded.policy, "
        "state = excluded.state, step_index = excluded.step_index, steps_taken = "
        "excluded.steps_taken, fee_letters = excluded.fee_letters, last_step_day = "
        "excluded.last_step_day, last_fee_day = excluded.last_fee_day, last_fee_deadline = "
        "excluded.last_fee_deadline, last_fee_deadline_days = excluded.last_fee_deadline_days, "
        "notice_deadline = excluded.notice_deadline, compensation_claimed = "
        "excluded.compensation_claimed, interest_through = excluded.interest_through, "
        "pause_reason = excluded.pause_reason, promise_until = excluded.promise_until, "
        "fees_minor = excluded.fees_minor, interest_minor = excluded.interest_minor, "
        "updated_at = excluded.updated_at, reminder_fees = excluded.reminder_fees",
    [DST_STEP_INSERT - PG_DUNNING_FIRST] =
        "INSERT INTO case_steps (tenant_id, invoice_id, seq, day, kind, task, fee_minor, "
        "compensation_minor, interest_minor, deadline, tone, channel, law, total_minor, "
        "message_id, run_day) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
        "$14, $15, $16) ON CONFLICT DO NOTHING",
    [DST_STEPS - PG_DUNNING_FIRST] =
        "SELECT seq, day, kind, task, fee_minor, compensation_minor, interest_minor, deadline, "
        "tone, channel, law, total_minor, message_id, run_day FROM case_steps WHERE "
        "tenant_id = $1 AND invoice_id = $2 ORDER BY seq LIMIT 1000",
    [DST_EVENT_INSERT - PG_DUNNING_FIRST] =
        "INSERT INTO case_events (tenant_id, invoice_id, seq, at, day, kind, detail) VALUES "
        "($1, $2, (SELECT COUNT(*) + 1 FROM case_events WHERE tenant_id = $1 AND "
        "invoice_id = $2), $3, $4, $5, $6)",
    [DST_EVENTS - PG_DUNNING_FIRST] =
        "SELECT at, day, kind, detail FROM case_events WHERE tenant_id = $1 AND invoice_id = $2 "
        "ORDER BY seq LIMIT 1000",
    [DST_MESSAGE_INSERT - PG_DUNNING_FIRST] =
        "INSERT INTO messages (tenant_id, message_id, idem_key, invoice_id, customer_id, kind, "
        "lang, tone, channel, recipient, day, deadline, currency, principal_minor, fees_minor, "
        "interest_minor, total_minor, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, "
        "$8, $9, $10, $11, $12, $13, $14, $15, $16, $17, 'queued', $18) ON CONFLICT DO NOTHING",
    [DST_MESSAGES - PG_DUNNING_FIRST] =
        "SELECT " MESSAGE_COLUMNS_SELECT " FROM messages m WHERE m.tenant_id = $1 AND "
        "($2::bigint = 0 OR m.invoice_id = $2::bigint) AND m.message_id > $3 "
        "ORDER BY m.message_id LIMIT $4",
    [DST_TASK_INSERT - PG_DUNNING_FIRST] =
        "INSERT INTO tasks (tenant_id, task_id, invoice_id, customer_id, day, kind, owner, text, "
        "status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9) "
        "ON CONFLICT DO NOTHING",
    [DST_TASKS - PG_DUNNING_FIRST] =
        "SELECT task_id, invoice_id, customer_id, day, kind, owner, text, created_at FROM tasks "
        "WHERE tenant_id = $1 AND ($2::bigint = 0 OR invoice_id = $2::bigint) AND task_id > $3 "
        "ORDER BY task_id LIMIT $4",
    [DST_HANDOVER_INSERT - PG_DUNNING_FIRST] =
        "INSERT INTO handovers (tenant_id, invoice_id, day, currency, principal_minor, "
        "fees_minor, interest_minor, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
        "ON CONFLICT DO NOTHING",
    [DST_HANDOVERS - PG_DUNNING_FIRST] =
        "SELECT " PG_INVOICE_COLUMNS_SELECT ", h.day, h.principal_minor, h.fees_minor, "
        "h.interest_minor, (SELECT COUNT(*) FROM case_steps s WHERE " LETTER_STEP "), "
        "(SELECT MIN(day) FROM case_steps s WHERE " LETTER_STEP "), "
        "(SELECT MAX(day) FROM case_steps s WHERE " LETTER_STEP ") "
        "FROM handovers h JOIN invoices i ON i.tenant_id = h.tenant_id AND "
        "i.invoice_id = h.invoice_id JOIN customers c ON c.tenant_id = i.tenant_id AND "
        "c.customer_id = i.customer_id WHERE h.tenant_id = $1 AND h.day = $2 ORDER BY i.number "
        "LIMIT 10000000",
    [DST_POLICY_PUT - PG_DUNNING_FIRST] =
        "INSERT INTO policies (tenant_id, name, priority, spec, created_at) VALUES "
        "($1, $2, $3, $4, $5) ON CONFLICT (tenant_id, name) DO UPDATE SET priority = "
        "excluded.priority, spec = excluded.spec",
    [DST_POLICY_DELETE - PG_DUNNING_FIRST] =
        "DELETE FROM policies WHERE tenant_id = $1 AND name = $2",
    [DST_POLICIES - PG_DUNNING_FIRST] =
        "SELECT name, priority, spec, created_at FROM policies WHERE tenant_id = $1 "
        "ORDER BY priority, name LIMIT 1000",
    [DST_RATE_PUT - PG_DUNNING_FIRST] =
        "INSERT INTO interest_rates (tenant_id, country, business, from_day, rate_bp) VALUES "
        "($1, $2, $3, $4, $5) ON CONFLICT (tenant_id, country, business, from_day) DO UPDATE "
        "SET rate_bp = excluded.rate_bp",
    [DST_RATES - PG_DUNNING_FIRST] =
        "SELECT country, business, from_day, rate_bp FROM interest_rates WHERE tenant_id = $1 "
        "AND country = $2 AND business = $3 ORDER BY from_day LIMIT $4",
    [DST_DAY_RUN_PUT - PG_DUNNING_FIRST] =
        "INSERT INTO day_runs (tenant_id, day, considered, steps, finished_at) VALUES "
        "($1, $2, $3, $4, $5) ON CONFLICT (tenant_id, day) DO UPDATE SET considered = "
        "day_runs.considered + excluded.considered, steps = day_runs.steps + excluded.steps, "
        "finished_at = excluded.finished_at",
    [DST_OUTBOX_DUE - PG_DUNNING_FIRST] =
        OUTBOX_ITEMS "WHERE m.tenant_id = $1 AND m.status = 'queued' AND m.message_id > $4 AND "
        "m.next_attempt_at <= $2 ORDER BY m.message_id LIMIT $3",
    [DST_SENT_DAYS - PG_DUNNING_FIRST] =
        "SELECT DISTINCT day FROM messages WHERE tenant_id = $1 AND channel = $2 AND "
        "status = 'sent' AND sent_at >= $3 ORDER BY day LIMIT $4",
    [DST_SENT_ON - PG_DUNNING_FIRST] =
        OUTBOX_ITEMS "WHERE m.tenant_id = $1 AND m.channel = $2 AND m.status = 'sent' AND "
        "m.day = $3 AND m.message_id > $4 ORDER BY m.message_id LIMIT $5",
    [DST_ATTEMPT - PG_DUNNING_FIRST] =
        "UPDATE messages SET status = $1, attempts = $2, last_error = $3, next_attempt_at = $4, "
        "sent_at = $5, receipt = $6 WHERE tenant_id = $7 AND message_id = $8",
    [DST_TEMPLATE_PUT - PG_DUNNING_FIRST] =
        "INSERT INTO templates (tenant_id, kind, lang, tone, subject, body, sms, updated_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (tenant_id, kind, lang, tone) DO "
        "UPDATE SET subject = excluded.subject, body = excluded.body, sms = excluded.sms, "
        "updated_at = excluded.updated_at",
    [DST_TEMPLATE_GET - PG_DUNNING_FIRST] =
        "SELECT subject, body, sms, updated_at FROM templates WHERE tenant_id = $1 AND kind = $2 "
        "AND lang = $3 AND tone = $4",
    [DST_TEMPLATE_DELETE - PG_DUNNING_FIRST] =
        "DELETE FROM templates WHERE tenant_id = $1 AND kind = $2 AND lang = $3 AND tone = $4",
    [DST_CLAIM - PG_DUNNING_FIRST] =
        "SELECT t.name FROM tenants t WHERE NOT EXISTS (SELECT 1 FROM day_claims c WHERE "
        "c.tenant_id = t.tenant_id AND c.day = $1 AND (c.finished_at <> 0 OR c.claimed_at > $2)) "
        "ORDER BY t.tenant_id LIMIT 1 FOR UPDATE OF t SKIP LOCKED",
    /* The claim itself decides: a worker whose SELECT saw the tenant free
     * before another's claim was committed finds it here (the insert waits
     * for that commit, then the WHERE refuses) and writes nothing. */
    [DST_CLAIM_PUT - PG_DUNNING_FIRST] =
        "INSERT INTO day_claims (tenant_id, day, worker, claimed_at) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT (tenant_id, day) DO UPDATE SET worker = excluded.worker, "
        "claimed_at = excluded.claimed_at WHERE day_claims.finished_at = 0 AND "
        "day_claims.claimed_at <= $5",
    [DST_CLAIM_FINISH - PG_DUNNING_FIRST] =
        "UPDATE day_claims SET finished_at = $1 WHERE tenant_id = $2 AND day = $3",
};

static vinn_err query(struct vinn_store *store, enum dst id, const struct pg_args *a,
                      PGresult **res, const char *what, struct vinn_error *error)
{
    const char *sql = dst_sql[id - PG_DUNNING_FIRST];
    VINN_ASSERT(sql != NULL);
    return pg_query(pg_of(store), (int)id, sql, a, res, what, error);
}

/* A write; *changed its row count (may be NULL). */
static vinn_err command(struct vinn_store *store, enum dst id, const struct pg_args *a,
                        int64_t *changed, const char *what, struct vinn_error *error)
{
    const char *sql = dst_sql[id - PG_DUNNING_FIRST];
    VINN_ASSERT(sql != NULL);
    return pg_command(pg_of(store), (int)id, sql, a, changed, what, error);
}

/* An insert that says ON CONFLICT DO NOTHING: VINN_E_EXISTS when it wrote
 * nothing, as SQLite's constraint failure gives it (sqlite_dunning.c). */
static vinn_err insert(struct vinn_store *store, enum dst id, const struct pg_args *a,
                       const char *what, struct vinn_error *error)
{
    VINN_ASSERT(pg_in_txn(pg_of(store)));
    int64_t added = 0;
    vinn_err rc = command(store, id, a, &added, what, error);
    if (rc == VINN_OK && added == 0) {
        return vinn_fail(error, VINN_E_EXISTS, "", "%s: already exists", what);
    }
    return rc;
}

static struct pg_args invoice_key(int64_t tenant_id, int64_t invoice_id)
{
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_int(&a, invoice_id);
    return a;
}

static bool case_state_parse(const char *name, enum vinn_case_state *out)
{
    for (int i = VINN_CASE_ACTIVE; i <= VINN_CASE_WRITTEN_OFF; i++) {
        if (strcmp(name, vinn_case_state_name((enum vinn_case_state)i)) == 0) {
            *out = (enum vinn_case_state)i;
            return true;
        }
    }
    return false;
}

/* Read CASE_COLUMNS starting at column first. */
static bool case_read(const PGresult *res, int row, int first, struct vinn_case_record *r)
{
    char state[16] = "";
    memset(r, 0, sizeof(*r));
    vinn_case_init(&r->c);
    r->invoice_id = pg_int(res, row, first);
    bool ok = pg_text(res, row, first + 1, r->policy, sizeof(r->policy)) &&
              pg_text(res, row, first + 2, state, sizeof(state)) &&
              case_state_parse(state, &r->state) &&
              pg_text(res, row, first + 13, r->pause_reason, sizeof(r->pause_reason));
    r->c.step_index = (uint32_t)pg_int(res, row, first + 3);
    r->c.steps_taken = (uint32_t)pg_int(res, row, first + 4);
    r->c.fee_letters = (uint32_t)pg_int(res, row, first + 5);
    r->c.last_step_day = pg_day(res, row, first + 6);
    r->c.last_fee_day = pg_day(res, row, first + 7);
    r->c.last_fee_deadline = pg_day(res, row, first + 8);
    r->c.last_fee_deadline_days = (int32_t)pg_int(res, row, first + 9);
    r->c.notice_deadline = pg_day(res, row, first + 10);
    r->c.compensation_claimed = pg_int(res, row, first + 11) != 0;
    r->c.interest_through = pg_day(res, row, first + 12);
    r->c.promise_until = pg_day(res, row, first + 14);
    r->c.paused = r->state == VINN_CASE_PAUSED;
    r->fees_minor = pg_int(res, row, first + 15);
    r->interest_minor = pg_int(res, row, first + 16);
    r->updated_at_us = pg_int(res, row, first + 17);
    r->c.reminder_fees = (uint32_t)pg_int(res, row, first + 18);
    return ok;
}

/* ---- the run's query ----------------------------------------------------------- */

static bool due_read(const PGresult *res, int row, struct vinn_due_invoice *d)
{
    char kind[16] = "";
    memset(d, 0, sizeof(*d));
    int c = PG_INVOICE_COLUMNS_COUNT;
    bool ok = pg_invoice_read(res, row, &d->invoice) &&
              pg_text(res, row, c, kind, sizeof(kind)) &&
              pg_text(res, row, c + 1, d->country, sizeof(d->country)) &&
              pg_text(res, row, c + 2, d->lang, sizeof(d->lang)) &&
              pg_text(res, row, c + 3, d->email, sizeof(d->email)) &&
              pg_text(res, row, c + 4, d->phone, sizeof(d->phone)) &&
              pg_text(res, row, c + 5, d->tags, sizeof(d->tags)) &&
              pg_text(res, row, c + 6, d->channel, sizeof(d->channel));
    d->direct_debit = pg_int(res, row, c + 7) != 0;
    d->einvoice_address = pg_int(res, row, c + 8) != 0;
    d->next_action = d->invoice.next_action;
    d->customer_kind = strcmp(kind, "company") == 0 ? VINN_CUSTOMER_COMPANY : VINN_CUSTOMER_PERSON;
    d->has_case = pg_int(res, row, c + 9) != 0;
    if (ok && d->has_case) {
        ok = case_read(res, row, c + 10, &d->rec);
    } else {
        vinn_case_init(&d->rec.c);
    }
    return ok;
}

vinn_err pg_store_due_invoices(struct vinn_store *store, int64_t tenant_id, vinn_day today,
                               uint32_t limit, vinn_due_fn fn, void *ctx,
                               struct vinn_error *error)
{
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_int(&a, today);
    pg_arg_int(&a, limit);
    PGresult *res = NULL;
    vinn_err rc = query(store, DST_DUE, &a, &res, "reading the due invoices", error);
    for (int i = 0; rc == VINN_OK && i < PQntuples(res); i++) {
        struct vinn_due_invoice d;
        rc = due_read(res, i, &d) ? fn(ctx, &d) : pg_corrupt(error, "invoices");
    }
    PQclear(res);
    return rc;
}

vinn_err pg_store_invoice_set_next_action(struct vinn_store *store, int64_t tenant_id,
                                          int64_t invoice_id, vinn_day day,
                                          struct vinn_error *error)
{
    VINN_ASSERT(pg_in_txn(pg_of(store)));
    struct pg_args a = {0};
    pg_arg_day(&a, day);
    pg_arg_int(&a, tenant_id);
    pg_arg_int(&a, invoice_id);
    return command(store, DST_SET_NEXT, &a, NULL, "setting the next action", error);
}

vinn_err pg_store_invoice_set_day(struct vinn_store *store, int64_t tenant_id,
                                  int64_t invoice_id, int64_t outstanding,
                                  enum vinn_invoice_status status, vinn_day next_action,
                                  struct vinn_error *error)
{
    VINN_ASSERT(pg_in_txn(pg_of(store)));
    struct pg_args a = {0};
    pg_arg_int(&a, outstanding);
    pg_arg_text(&a, vinn_invoice_status_name(status));
    pg_arg_day(&a, next_action);
    pg_arg_int(&a, tenant_id);
    pg_arg_int(&a, invoice_id);
    return command(store, DST_SET_DAY, &a, NULL, "updating an invoice", error);
}

vinn_err pg_store_invoice_next_action(struct vinn_store *store, int64_t tenant_id,
                                      int64_t invoice_id, vinn_day *out,
                                      struct vinn_error *error)
{
    struct pg_args a = invoice_key(tenant_id, invoice_id);
    PGresult *res = NULL;
    vinn_err rc = query(store, DST_GET_NEXT, &a, &res, "reading the next action", error);
    if (rc == VINN_OK && PQntuples(res) == 0) {
        rc = vinn_fail(error, VINN_E_INVOICE_NOT_FOUND, "invoice", "invoice not found");
    } else if (rc == VINN_OK) {
        *out = pg_day(res, 0, 0);
    }
    PQclear(res);
    return rc;
}

/* ---- cases ------------------------------------------------------------------- */

vinn_err pg_store_case_get(struct vinn_store *store, int64_t tenant_id, int64_t invoice_id,
                           struct vinn_case_record *out, struct vinn_error *error)
{
    struct pg_args a = invoice_key(tenant_id, invoice_id);
    PGresult *res = NULL;
    vinn_err rc = query(store, DST_CASE_GET, &a, &res, "reading a case", error);
    if (rc == VINN_OK && PQntuples(res) == 0) {
        rc = vinn_fail(error, VINN_E_NOT_FOUND, "invoice", "the invoice has no case");
    } else if (rc == VINN_OK && !case_read(res, 0, 0, out)) {
        rc = pg_corrupt(error, "cases");
    }
    PQclear(res);
    return rc;
}

vinn_err pg_store_case_put(struct vinn_store *store, int64_t tenant_id,
                           const struct vinn_case_record *r, struct vinn_error *error)
{
    VINN_ASSERT(pg_in_txn(pg_of(store)));
    struct pg_args a = invoice_key(tenant_id, r->invoice_id);
    pg_arg_text(&a, r->policy);
    pg_arg_text(&a, vinn_case_state_name(r->state));
    pg_arg_int(&a, r->c.step_index);
    pg_arg_int(&a, r->c.steps_taken);
    pg_arg_int(&a, r->c.fee_letters);
    pg_arg_day(&a, r->c.last_step_day);
    pg_arg_day(&a, r->c.last_fee_day);
    pg_arg_day(&a, r->c.last_fee_deadline);
    pg_arg_int(&a, r->c.last_fee_deadline_days);
    pg_arg_day(&a, r->c.notice_deadline);
    pg_arg_int(&a, r->c.compensation_claimed ? 1 : 0);
    pg_arg_day(&a, r->c.interest_through);
    pg_arg_text(&a, r->pause_reason);
    pg_arg_day(&a, r->c.promise_until);
    pg_arg_int(&a, r->fees_minor);
    pg_arg_int(&a, r->interest_minor);
    pg_arg_int(&a, r->updated_at_us);
    pg_arg_int(&a, r->c.reminder_fees);
    return command(store, DST_CASE_PUT, &a, NULL, "saving a case", error);
}

vinn_err pg_store_case_step_insert(struct vinn_store *store, int64_t tenant_id,
                                   int64_t invoice_id, const struct vinn_case_step *step,
                                   struct vinn_error *error)
{
    struct pg_args a = invoice_key(tenant_id, invoice_id);
    pg_arg_int(&a, step->seq);
    pg_arg_int(&a, step->day);
    pg_arg_text(&a, vinn_step_kind_name(step->kind));
    pg_arg_int(&a, step->task ? 1 : 0);
    pg_arg_int(&a, step->fee_minor);
    pg_arg_int(&a, step->compensation_minor);
    pg_arg_int(&a, step->interest_minor);
    pg_arg_day(&a, step->deadline);
    pg_arg_text(&a, vinn_tone_name(step->tone));
    pg_arg_text(&a, vinn_channel_name(step->channel));
    pg_arg_int(&a, step->law);
    pg_arg_int(&a, step->total_minor);
    pg_arg_int(&a, step->message_id);
    pg_arg_int(&a, step->run_day);
    return insert(store, DST_STEP_INSERT, &a, "recording a case step", error);
}

static bool step_read(const PGresult *res, int row, struct vinn_case_step *p)
{
    char kind[16] = "";
    char tone[16] = "";
    char channel[16] = "";
    memset(p, 0, sizeof(*p));
    p->seq = (uint32_t)pg_int(res, row, 0);
    p->day = (vinn_day)pg_int(res, row, 1);
    p->task = pg_int(res, row, 3) != 0;
    p->fee_minor = pg_int(res, row, 4);
    p->compensation_minor = pg_int(res, row, 5);
    p->interest_minor = pg_int(res, row, 6);
    p->deadline = pg_day(res, row, 7);
    p->law = (uint32_t)pg_int(res, row, 10);
    p->total_minor = pg_int(res, row, 11);
    p->message_id = pg_int(res, row, 12);
    p->run_day = (vinn_day)pg_int(res, row, 13);
    return pg_text(res, row, 2, kind, sizeof(kind)) &&
           pg_text(res, row, 8, tone, sizeof(tone)) &&
           pg_text(res, row, 9, channel, sizeof(channel)) &&
           vinn_step_kind_parse(kind, "kind", &p->kind, NULL) == VINN_OK &&
           vinn_tone_parse(tone, "tone", &p->tone, NULL) == VINN_OK &&
           vinn_channel_parse(channel, "channel", &p->channel, NULL) == VINN_OK;
}

vinn_err pg_store_case_steps(struct vinn_store *store, int64_t tenant_id, int64_t invoice_id,
                             vinn_case_step_fn fn, void *ctx, struct vinn_error *error)
{
    struct pg_args a = invoice_key(tenant_id, invoice_id);
    PGresult *res = NULL;
    vinn_err rc = query(store, DST_STEPS, &a, &res, "reading case steps", error);
    for (int i = 0; rc == VINN_OK && i < PQntuples(res); i++) {
        struct vinn_case_step step;
        rc = step_read(res, i, &step) ? fn(ctx, &step) : pg_corrupt(error, "case_steps");
    }
    PQclear(res);
    return rc;
}

vinn_err pg_store_case_event(struct vinn_store *store, int64_t tenant_id, int64_t invoice_id,
                             const struct vinn_case_event *event, struct vinn_error *error)
{
    VINN_ASSERT(pg_in_txn(pg_of(store)));
    struct pg_args a = invoice_key(tenant_id, invoice_id);
    pg_arg_int(&a, event->at_us);
    pg_arg_int(&a, event->day);
    pg_arg_text(&a, event->kind);
    pg_arg_text(&a, event->detail);
    return command(store, DST_EVENT_INSERT, &a, NULL, "recording a case event", error);
}

vinn_err pg_store_case_events(struct vinn_store *store, int64_t tenant_id, int64_t invoice_id,
                              vinn_case_event_fn fn, void *ctx, struct vinn_error *error)
{
    struct pg_args a = invoice_key(tenant_id, invoice_id);
    PGresult *res = NULL;
    vinn_err rc = query(store, DST_EVENTS, &a, &res, "reading case events", error);
    for (int i = 0; rc == VINN_OK && i < PQntuples(res); i++) {
        struct vinn_case_event e;
        memset(&e, 0, sizeof(e));
        e.at_us = pg_int(res, i, 0);
        e.day = (vinn_day)pg_int(res, i, 1);
        bool ok = pg_text(res, i, 2, e.kind, sizeof(e.kind)) &&
                  pg_text(res, i, 3, e.detail, sizeof(e.detail));
        rc = ok ? fn(ctx, &e) : pg_corrupt(error, "case_events");
    }
    PQclear(res);
    return rc;
}

/* ---- messages and tasks ---------------------------------------------------------- */

vinn_err pg_store_message_insert(struct vinn_store *store, int64_t tenant_id,
                                 struct vinn_message *m, struct vinn_error *error)
{
    vinn_err rc = pg_store_next_id(store, tenant_id, VINN_SEQ_MESSAGE, &m->id, error);
    if (rc != VINN_OK) {
        return rc;
    }
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_int(&a, m->id);
    pg_arg_text(&a, m->idem_key);
    pg_arg_int(&a, m->invoice_id);
    pg_arg_int(&a, m->customer_id);
    pg_arg_text(&a, m->kind);
    pg_arg_text(&a, m->lang);
    pg_arg_text(&a, vinn_tone_name(m->tone));
    pg_arg_text(&a, vinn_channel_name(m->channel));
    pg_arg_text(&a, m->recipient);
    pg_arg_int(&a, m->day);
    pg_arg_day(&a, m->deadline);
    pg_arg_text(&a, m->currency);
    pg_arg_int(&a, m->principal_minor);
    pg_arg_int(&a, m->fees_minor);
    pg_arg_int(&a, m->interest_minor);
    pg_arg_int(&a, m->total_minor);
    pg_arg_int(&a, m->created_at_us);
    memcpy(m->status, "queued", 7);
    return insert(store, DST_MESSAGE_INSERT, &a, "queueing a message", error);
}

static bool message_read(const PGresult *res, int row, struct vinn_message *m)
{
    char tone[16] = "";
    char channel[16] = "";
    memset(m, 0, sizeof(*m));
    m->id = pg_int(res, row, 0);
    m->invoice_id = pg_int(res, row, 2);
    m->customer_id = pg_int(res, row, 3);
    m->day = (vinn_day)pg_int(res, row, 9);
    m->deadline = pg_day(res, row, 10);
    m->principal_minor = pg_int(res, row, 12);
    m->fees_minor = pg_int(res, row, 13);
    m->interest_minor = pg_int(res, row, 14);
    m->total_minor = pg_int(res, row, 15);
    m->created_at_us = pg_int(res, row, 17);
    m->attempts = (int)pg_int(res, row, 18);
    m->next_attempt_at_us = pg_int(res, row, 20);
    m->sent_at_us = pg_int(res, row, 21);
    struct {
        int col;
        char *out;
        size_t cap;
    } texts[] = {
        {1, m->idem_key, sizeof(m->idem_key)},     {4, m->kind, sizeof(m->kind)},
        {5, m->lang, sizeof(m->lang)},             {6, tone, sizeof(tone)},
        {7, channel, sizeof(channel)},             {8, m->recipient, sizeof(m->recipient)},
        {11, m->currency, sizeof(m->currency)},    {16, m->status, sizeof(m->status)},
        {19, m->last_error, sizeof(m->last_error)},
    };
    bool ok = true;
    for (size_t i = 0; ok && i < sizeof(texts) / sizeof(texts[0]); i++) {
        ok = pg_text(res, row, texts[i].col, texts[i].out, texts[i].cap);
    }
    return ok && vinn_tone_parse(tone, "tone", &m->tone, NULL) == VINN_OK &&
           vinn_channel_parse(channel, "channel", &m->channel, NULL) == VINN_OK;
}

/* (tenant, invoice or 0, after id, limit): the key of the message and task lists. */
static struct pg_args page_key(int64_t tenant_id, int64_t invoice_id, int64_t after_id,
                               uint32_t limit)
{
    struct pg_args a = invoice_key(tenant_id, invoice_id);
    pg_arg_int(&a, after_id);
    pg_arg_int(&a, limit);
    return a;
}

vinn_err pg_store_messages(struct vinn_store *store, int64_t tenant_id, int64_t invoice_id,
                           int64_t after_id, uint32_t limit, vinn_message_fn fn, void *ctx,
                           struct vinn_error *error)
{
    struct pg_args a = page_key(tenant_id, invoice_id, after_id, limit);
    PGresult *res = NULL;
    vinn_err rc = query(store, DST_MESSAGES, &a, &res, "reading messages", error);
    for (int i = 0; rc == VINN_OK && i < PQntuples(res); i++) {
        struct vinn_message m;
        rc = message_read(res, i, &m) ? fn(ctx, &m) : pg_corrupt(error, "messages");
    }
    PQclear(res);
    return rc;
}

vinn_err pg_store_task_insert(struct vinn_store *store, int64_t tenant_id, struct vinn_task *t,
                              struct vinn_error *error)
{
    vinn_err rc = pg_store_next_id(store, tenant_id, VINN_SEQ_TASK, &t->id, error);
    if (rc != VINN_OK) {
        return rc;
    }
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_int(&a, t->id);
    pg_arg_int(&a, t->invoice_id);
    pg_arg_int(&a, t->customer_id);
    pg_arg_int(&a, t->day);
    pg_arg_text(&a, t->kind);
    pg_arg_text(&a, t->owner);
    pg_arg_text(&a, t->text);
    pg_arg_int(&a, t->created_at_us);
    return insert(store, DST_TASK_INSERT, &a, "recording a task", error);
}

vinn_err pg_store_tasks(struct vinn_store *store, int64_t tenant_id, int64_t invoice_id,
                        int64_t after_id, uint32_t limit, vinn_task_fn fn, void *ctx,
                        struct vinn_error *error)
{
    struct pg_args a = page_key(tenant_id, invoice_id, after_id, limit);
    PGresult *res = NULL;
    vinn_err rc = query(store, DST_TASKS, &a, &res, "reading tasks", error);
    for (int i = 0; rc == VINN_OK && i < PQntuples(res); i++) {
        struct vinn_task t;
        memset(&t, 0, sizeof(t));
        t.id = pg_int(res, i, 0);
        t.invoice_id = pg_int(res, i, 1);
        t.customer_id = pg_int(res, i, 2);
        t.day = (vinn_day)pg_int(res, i, 3);
        t.created_at_us = pg_int(res, i, 7);
        bool ok = pg_text(res, i, 4, t.kind, sizeof(t.kind)) &&
                  pg_text(res, i, 5, t.owner, sizeof(t.owner)) &&
                  pg_text(res, i, 6, t.text, sizeof(t.text));
        rc = ok ? fn(ctx, &t) : pg_corrupt(error, "tasks");
    }
    PQclear(res);
    return rc;
}

/* ---- hand-overs ---------------------------------------------------------------- */

vinn_err pg_store_handover_insert(struct vinn_store *store, int64_t tenant_id, int64_t invoice_id,
                                  vinn_day day, const char *currency, int64_t principal,
                                  int64_t fees, int64_t interest, int64_t created_at_us,
                                  struct vinn_error *error)
{
    struct pg_args a = invoice_key(tenant_id, invoice_id);
    pg_arg_int(&a, day);
    pg_arg_text(&a, currency);
    pg_arg_int(&a, principal);
    pg_arg_int(&a, fees);
    pg_arg_int(&a, interest);
    pg_arg_int(&a, created_at_us);
    return insert(store, DST_HANDOVER_INSERT, &a, "recording a hand-over", error);
}

static bool handover_read(const PGresult *res, int row, struct vinn_handover *h)
{
    memset(h, 0, sizeof(*h));
    int c = PG_INVOICE_COLUMNS_COUNT;
    h->day = (vinn_day)pg_int(res, row, c);
    h->principal_minor = pg_int(res, row, c + 1);
    h->fees_minor = pg_int(res, row, c + 2);
    h->interest_minor = pg_int(res, row, c + 3);
    h->letters = (uint32_t)pg_int(res, row, c + 4);
    h->first_letter = pg_day(res, row, c + 5);
    h->last_letter = pg_day(res, row, c + 6);
    return pg_invoice_read(res, row, &h->invoice);
}

vinn_err pg_store_handovers(struct vinn_store *store, int64_t tenant_id, vinn_day day,
                            vinn_handover_fn fn, void *ctx, struct vinn_error *error)
{
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_int(&a, day);
    PGresult *res = NULL;
    vinn_err rc = query(store, DST_HANDOVERS, &a, &res, "reading hand-overs", error);
    for (int i = 0; rc == VINN_OK && i < PQntuples(res); i++) {
        struct vinn_handover h;
        rc = handover_read(res, i, &h) ? VINN_OK : pg_corrupt(error, "handovers");
        if (rc == VINN_OK) {
            /* The whole result is read already: the connection is free. */
            rc = pg_store_customer_get_by_id(store, tenant_id, h.invoice.customer_id,
                                             &h.customer, error);
        }
        if (rc == VINN_OK) {
            rc = fn(ctx, &h);
        }
    }
    PQclear(res);
    return rc;
}

/* ---- policies, rates, day runs --------------------------------------------------- */

vinn_err pg_store_policy_put(struct vinn_store *store, int64_t tenant_id,
                             const struct vinn_policy_record *p, struct vinn_error *error)
{
    VINN_ASSERT(pg_in_txn(pg_of(store)));
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_text(&a, p->name);
    pg_arg_int(&a, p->priority);
    pg_arg_text(&a, p->spec);
    pg_arg_int(&a, p->created_at_us);
    vinn_err rc = command(store, DST_POLICY_PUT, &a, NULL, "saving a policy", error);
    return rc == VINN_OK ? pg_config_changed(pg_of(store), error) : rc;
}

vinn_err pg_store_policy_delete(struct vinn_store *store, int64_t tenant_id, const char *name,
                                struct vinn_error *error)
{
    VINN_ASSERT(pg_in_txn(pg_of(store)));
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_text(&a, name);
    int64_t deleted = 0;
    vinn_err rc = command(store, DST_POLICY_DELETE, &a, &deleted, "deleting a policy", error);
    if (rc == VINN_OK && deleted == 0) {
        return vinn_fail(error, VINN_E_POLICY_NOT_FOUND, "name", "policy '%s' does not exist",
                         name);
    }
    return rc == VINN_OK ? pg_config_changed(pg_of(store), error) : rc;
}

vinn_err pg_store_policies(struct vinn_store *store, int64_t tenant_id, vinn_policy_fn fn,
                           void *ctx, struct vinn_error *error)
{
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    PGresult *res = NULL;
    vinn_err rc = query(store, DST_POLICIES, &a, &res, "reading policies", error);
    for (int i = 0; rc == VINN_OK && i < PQntuples(res); i++) {
        struct vinn_policy_record p;
        memset(&p, 0, sizeof(p));
        p.priority = (int32_t)pg_int(res, i, 1);
        p.created_at_us = pg_int(res, i, 3);
        bool ok = pg_text(res, i, 0, p.name, sizeof(p.name)) &&
                  pg_text(res, i, 2, p.spec, sizeof(p.spec));
        rc = ok ? fn(ctx, &p) : pg_corrupt(error, "policies");
    }
    PQclear(res);
    return rc;
}

vinn_err pg_store_rate_put(struct vinn_store *store, int64_t tenant_id,
                           const struct vinn_rate_record *r, struct vinn_error *error)
{
    VINN_ASSERT(pg_in_txn(pg_of(store)));
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_text(&a, r->country);
    pg_arg_int(&a, r->business ? 1 : 0);
    pg_arg_int(&a, r->from);
    pg_arg_int(&a, r->rate_bp);
    return command(store, DST_RATE_PUT, &a, NULL, "saving an interest rate", error);
}

vinn_err pg_store_rates(struct vinn_store *store, int64_t tenant_id, const char *country,
                        bool business, struct vinn_rate_record *out, uint32_t max,
                        uint32_t *count, struct vinn_error *error)
{
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_text(&a, country);
    pg_arg_int(&a, business ? 1 : 0);
    pg_arg_int(&a, (int64_t)max + 1);
    PGresult *res = NULL;
    vinn_err rc = query(store, DST_RATES, &a, &res, "reading interest rates", error);
    if (rc != VINN_OK) {
        return rc;
    }
    uint32_t n = (uint32_t)PQntuples(res);
    if (n > max) {
        rc = vinn_fail(error, VINN_E_LIMIT_EXCEEDED, "rates", "more than %u interest rates", max);
    }
    for (uint32_t i = 0; rc == VINN_OK && i < n; i++) {
        struct vinn_rate_record *r = &out[i];
        memset(r, 0, sizeof(*r));
        r->business = pg_int(res, (int)i, 1) != 0;
        r->from = (vinn_day)pg_int(res, (int)i, 2);
        r->rate_bp = (int32_t)pg_int(res, (int)i, 3);
        if (!pg_text(res, (int)i, 0, r->country, sizeof(r->country))) {
            rc = pg_corrupt(error, "interest_rates");
        }
    }
    PQclear(res);
    if (rc == VINN_OK) {
        *count = n;
    }
    return rc;
}

vinn_err pg_store_day_run_put(struct vinn_store *store, int64_t tenant_id, vinn_day day,
                              int64_t considered, int64_t steps, int64_t finished_at_us,
                              struct vinn_error *error)
{
    VINN_ASSERT(pg_in_txn(pg_of(store)));
    struct pg_args a = {0};
    int64_t numbers[] = {tenant_id, day, considered, steps, finished_at_us};
    for (int i = 0; i < 5; i++) {
        pg_arg_int(&a, numbers[i]);
    }
    return command(store, DST_DAY_RUN_PUT, &a, NULL, "recording a day run", error);
}

/* ---- workers' claims of a tenant's day ---------------------------------------- */

/* One try: the first free tenant, claimed; *raced when another worker's
 * claim of it committed between the look and the claim. */
static vinn_err claim_once(struct vinn_store *store, vinn_day day, const char *worker,
                           int64_t now_us, int64_t lease_us, struct vinn_tenant *out,
                           bool *found, bool *raced, struct vinn_error *error)
{
    *found = false;
    *raced = false;
    struct pg_args a = {0};
    pg_arg_int(&a, day);
    pg_arg_int(&a, now_us - lease_us);
    PGresult *res = NULL;
    vinn_err rc = query(store, DST_CLAIM, &a, &res, "claiming a tenant's day", error);
    char name[VINN_TENANT_NAME_MAX + 1] = "";
    bool any = rc == VINN_OK && PQntuples(res) > 0;
    if (any && !pg_text(res, 0, 0, name, sizeof(name))) {
        rc = pg_corrupt(error, "tenants");
    }
    PQclear(res);
    if (rc != VINN_OK || !any) {
        return rc;
    }
    rc = pg_store_tenant_get(store, name, out, error);
    int64_t claimed = 0;
    if (rc == VINN_OK) {
        struct pg_args b = {0};
        pg_arg_int(&b, out->id);
        pg_arg_int(&b, day);
        pg_arg_text(&b, worker);
        pg_arg_int(&b, now_us);
        pg_arg_int(&b, now_us - lease_us);
        rc = command(store, DST_CLAIM_PUT, &b, &claimed, "claiming a tenant's day", error);
    }
    *found = rc == VINN_OK && claimed == 1;
    *raced = rc == VINN_OK && claimed == 0;
    return rc;
}

vinn_err pg_store_tenant_claim(struct vinn_store *store, vinn_day day, const char *worker,
                               int64_t now_us, int64_t lease_us, struct vinn_tenant *out,
                               bool *found, struct vinn_error *error)
{
    VINN_ASSERT(pg_in_txn(pg_of(store)));
    bool raced = true;
    vinn_err rc = VINN_OK;
    /* Each lost race makes the next look see that claim: the tries end. */
    for (int tries = 0; rc == VINN_OK && raced && tries < 10000; tries++) {
        rc = claim_once(store, day, worker, now_us, lease_us, out, found, &raced, error);
    }
    return rc;
}

vinn_err pg_store_tenant_claim_finish(struct vinn_store *store, int64_t tenant_id, vinn_day day,
                                      int64_t now_us, struct vinn_error *error)
{
    VINN_ASSERT(pg_in_txn(pg_of(store)));
    struct pg_args a = {0};
    pg_arg_int(&a, now_us);
    pg_arg_int(&a, tenant_id);
    pg_arg_int(&a, day);
    return command(store, DST_CLAIM_FINISH, &a, NULL, "finishing a tenant's day", error);
}

/* ---- the outbox ---------------------------------------------------------------- */

static bool outbox_read(const PGresult *res, int row, struct vinn_outbox_item *o)
{
    memset(o, 0, sizeof(*o));
    int c = MESSAGE_COLUMNS_COUNT;
    bool ok = message_read(res, row, &o->message);
    o->due_date = (vinn_day)pg_int(res, row, c + 2);
    o->gross_minor = pg_int(res, row, c + 3);
    return ok && pg_text(res, row, c, o->invoice_number, sizeof(o->invoice_number)) &&
           pg_text(res, row, c + 1, o->reference, sizeof(o->reference)) &&
           pg_text(res, row, c + 4, o->customer_name, sizeof(o->customer_name)) &&
           pg_text(res, row, c + 5, o->email, sizeof(o->email)) &&
           pg_text(res, row, c + 6, o->phone, sizeof(o->phone));
}

vinn_err pg_store_outbox_due(struct vinn_store *store, int64_t tenant_id, int64_t now_us,
                             int64_t after_id, uint32_t limit, vinn_outbox_fn fn, void *ctx,
                             struct vinn_error *error)
{
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_int(&a, now_us);
    pg_arg_int(&a, limit);
    pg_arg_int(&a, after_id);
    PGresult *res = NULL;
    vinn_err rc = query(store, DST_OUTBOX_DUE, &a, &res, "reading the outbox", error);
    for (int i = 0; rc == VINN_OK && i < PQntuples(res); i++) {
        struct vinn_outbox_item o;
        rc = outbox_read(res, i, &o) ? fn(ctx, &o) : pg_corrupt(error, "messages");
    }
    PQclear(res);
    return rc;
}

vinn_err pg_store_message_days_sent(struct vinn_store *store, int64_t tenant_id,
                                    enum vinn_channel channel, int64_t since_us, vinn_day *days,
                                    uint32_t days_max, uint32_t *count, struct vinn_error *error)
{
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_text(&a, vinn_channel_name(channel));
    pg_arg_int(&a, since_us);
    pg_arg_int(&a, days_max);
    PGresult *res = NULL;
    vinn_err rc = query(store, DST_SENT_DAYS, &a, &res, "reading the days letters were sent",
                        error);
    *count = 0;
    for (int i = 0; rc == VINN_OK && i < PQntuples(res) && *count < days_max; i++) {
        days[(*count)++] = (vinn_day)pg_int(res, i, 0);
    }
    PQclear(res);
    return rc;
}

vinn_err pg_store_messages_sent_on(struct vinn_store *store, int64_t tenant_id,
                                   enum vinn_channel channel, vinn_day day, int64_t after_id,
                                   uint32_t limit, vinn_outbox_fn fn, void *ctx,
                                   struct vinn_error *error)
{
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_text(&a, vinn_channel_name(channel));
    pg_arg_int(&a, day);
    pg_arg_int(&a, after_id);
    pg_arg_int(&a, limit);
    PGresult *res = NULL;
    vinn_err rc = query(store, DST_SENT_ON, &a, &res, "reading the letters sent", error);
    for (int i = 0; rc == VINN_OK && i < PQntuples(res); i++) {
        struct vinn_outbox_item o;
        rc = outbox_read(res, i, &o) ? fn(ctx, &o) : pg_corrupt(error, "messages");
    }
    PQclear(res);
    return rc;
}

vinn_err pg_store_message_attempt(struct vinn_store *store, int64_t tenant_id,
                                  const struct vinn_message *m, const char *receipt,
                                  struct vinn_error *error)
{
    VINN_ASSERT(pg_in_txn(pg_of(store)));
    struct pg_args a = {0};
    pg_arg_text(&a, m->status);
    pg_arg_int(&a, m->attempts);
    pg_arg_text(&a, m->last_error);
    pg_arg_int(&a, m->next_attempt_at_us);
    pg_arg_int(&a, m->sent_at_us);
    pg_arg_text(&a, receipt);
    pg_arg_int(&a, tenant_id);
    pg_arg_int(&a, m->id);
    return command(store, DST_ATTEMPT, &a, NULL, "recording a delivery attempt", error);
}

/* ---- a tenant's own templates ------------------------------------------------------ */

static struct pg_args template_key(int64_t tenant_id, const char *kind, const char *lang,
                                   const char *tone)
{
    struct pg_args a = {0};
    pg_arg_int(&a, tenant_id);
    pg_arg_text(&a, kind);
    pg_arg_text(&a, lang);
    pg_arg_text(&a, tone);
    return a;
}

vinn_err pg_store_template_put(struct vinn_store *store, int64_t tenant_id,
                               const struct vinn_template_record *t, struct vinn_error *error)
{
    VINN_ASSERT(pg_in_txn(pg_of(store)));
    struct pg_args a = template_key(tenant_id, t->kind, t->lang, t->tone);
    pg_arg_text(&a, t->subject);
    pg_arg_text(&a, t->body);
    pg_arg_text(&a, t->sms);
    pg_arg_int(&a, t->updated_at_us);
    return command(store, DST_TEMPLATE_PUT, &a, NULL, "saving a template", error);
}

vinn_err pg_store_template_get(struct vinn_store *store, int64_t tenant_id, const char *kind,
                               const char *lang, const char *tone,
                               struct vinn_template_record *out, struct vinn_error *error)
{
    struct pg_args a = template_key(tenant_id, kind, lang, tone);
    PGresult *res = NULL;
    vinn_err rc = query(store, DST_TEMPLATE_GET, &a, &res, "reading a template", error);
    if (rc != VINN_OK) {
        return rc;
    }
    if (PQntuples(res) == 0) {
        rc = vinn_fail(error, VINN_E_NOT_FOUND, "template", "the tenant has no own template");
    } else {
        memset(out, 0, sizeof(*out));
        snprintf(out->kind, sizeof(out->kind), "%s", kind);
        snprintf(out->lang, sizeof(out->lang), "%s", lang);
        snprintf(out->tone, sizeof(out->tone), "%s", tone);
        out->updated_at_us = pg_int(res, 0, 3);
        if (!pg_text(res, 0, 0, out->subject, sizeof(out->subject)) ||
            !pg_text(res, 0, 1, out->body, sizeof(out->body)) ||
            !pg_text(res, 0, 2, out->sms, sizeof(out->sms))) {
            rc = pg_corrupt(error, "templates");
        }
    }
    PQclear(res);
    return rc;
}

vinn_err pg_store_template_delete(struct vinn_store *store, int64_t tenant_id, const char *kind,
                                  const char *lang, const char *tone, struct vinn_error *error)
{
    VINN_ASSERT(pg_in_txn(pg_of(store)));
    struct pg_args a = template_key(tenant_id, kind, lang, tone);
    int64_t deleted = 0;
    vinn_err rc = command(store, DST_TEMPLATE_DELETE, &a, &deleted, "deleting a template", error);
    if (rc == VINN_OK && deleted == 0) {
        return vinn_fail(error, VINN_E_NOT_FOUND, "template", "the tenant has no own template");
    }
    return rc;
}
