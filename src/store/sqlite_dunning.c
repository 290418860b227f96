/*
 * sqlite_dunning.c - the day's tables of the SQLite backend: cases and their
 * steps and events, the message outbox, tasks, hand-overs, policies, the
 * tenants' interest rates and day runs, and the due-invoice query of the
 * day run.
 *
 * Every statement is prepared once (sqlite_ext_stmt) and every query that
 * returns rows has a LIMIT.
 */
#include <stdio.h>
#include <string.h>

#include "base/assert.h"
#include "store/dunning_sql.h"
#include "store/sqlite_internal.h"

enum dst {
    DST_DUE = SQLITE_EXT_DUNNING_FIRST,
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
    DST_SENT_DAYS,
    DST_SENT_ON,
    DST_TEMPLATE_PUT,
    DST_TEMPLATE_GET,
    DST_TEMPLATE_DELETE,
    DST_CLAIM,
    DST_CLAIM_PUT,
    DST_CLAIM_FINISH,
    DST_END,
};

#define MESSAGE_COLUMNS MESSAGE_COLUMNS_SELECT " FROM messages m "

static const char *const dst_sql[] = {
    /* The run's query: the partial index invoices_next_action gives the due
     * rows in order; the case and the customer come by primary key. */
    [DST_DUE - SQLITE_EXT_DUNNING_FIRST] =
        "SELECT " INVOICE_COLUMNS_SELECT ", c.kind, c.country, c.lang, c.email, c.phone, c.tags, "
        "c.channel, c.direct_debit, c.kind = 'company' AND c.org_no <> '', "
        "k.invoice_id IS NOT NULL, " CASE_COLUMNS
        "FROM invoices i JOIN customers c ON c.tenant_id = i.tenant_id AND "
        "c.customer_id = i.customer_id LEFT JOIN cases k ON k.tenant_id = i.tenant_id AND "
        "k.invoice_id = i.invoice_id WHERE i.tenant_id = ? AND i.next_action IS NOT NULL AND "
        "i.next_action <= ? ORDER BY i.next_action, i.invoice_id LIMIT ?",
    [DST_SET_NEXT - SQLITE_EXT_DUNNING_FIRST] =
        "UPDATE invoices SET next_action = ? WHERE tenant_id = ? AND invoice_id = ?",
    [DST_SET_DAY - SQLITE_EXT_DUNNING_FIRST] =
        "UPDATE invoices SET outstanding_minor = ?, status = ?, next_action = ? WHERE "
        "tenant_id = ? AND invoice_id = ?",
    [DST_GET_NEXT - SQLITE_EXT_DUNNING_FIRST] =
        "SELECT next_action FROM invoices WHERE tenant_id = ? AND invoice_id = ?",
    [DST_CASE_GET - SQLITE_EXT_DUNNING_FIRST] =
        "SELECT " CASE_COLUMNS "FROM cases k WHERE k.tenant_id = ? AND k.invoice_id = ?",
    [DST_CASE_PUT - SQLITE_EXT_DUNNING_FIRST] =
        "INSERT OR REPLACE INTO cases (tenant_id, invoice_id, policy, state, step_index, "
        "steps_taken, fee_letters, last_step_day, last_fee_day, last_fee_deadline, "
        "last_fee_deadline_days, notice_deadline, compensation_claimed, interest_through, "
        "pause_reason, promise_until, fees_minor, interest_minor, updated_at, reminder_fees) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    [DST_STEP_INSERT - SQLITE_EXT_DUNNING_FIRST] =
        "INSERT INTO case_steps (tenant_id, invoice_id, seq, day, kind, task, fee_minor, "
        "compensation_minor, interest_minor, deadline, tone, channel, law, total_minor, "
        "message_id, run_day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    [DST_STEPS - SQLITE_EXT_DUNNING_FIRST] =
        "SELECT seq, day, kind, task, fee_minor, compensation_minor, interest_minor, deadline, "
        "tone, channel, law, total_minor, message_id, run_day FROM case_steps WHERE "
        "tenant_id = ? AND invoice_id = ? ORDER BY seq LIMIT 1000",
    [DST_EVENT_INSERT - SQLITE_EXT_DUNNING_FIRST] =
        "INSERT INTO case_events (tenant_id, invoice_id, seq, at, day, kind, detail) VALUES "
        "(?1, ?2, (SELECT COUNT(*) + 1 FROM case_events WHERE tenant_id = ?1 AND "
        "invoice_id = ?2), ?3, ?4, ?5, ?6)",
    [DST_EVENTS - SQLITE_EXT_DUNNING_FIRST] =
        "SELECT at, day, kind, detail FROM case_events WHERE tenant_id = ? AND invoice_id = ? "
        "ORDER BY seq LIMIT 1000",
    [DST_MESSAGE_INSERT - SQLITE_EXT_DUNNING_FIRST] =
        "INSERT INTO messages (tenant_id, message_id, idem_key, invoice_id, customer_id, kind, "
        "lang, tone, channel, recipient, day, deadline, currency, principal_minor, fees_minor, "
        "interest_minor, total_minor, status, created_at) VALUES "
        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?)",
    [DST_MESSAGES - SQLITE_EXT_DUNNING_FIRST] =
        "SELECT " MESSAGE_COLUMNS "WHERE m.tenant_id = ?1 AND (?2 = 0 OR m.invoice_id = ?2) AND "
        "m.message_id > ?3 ORDER BY m.message_id LIMIT ?4",
    [DST_TASK_INSERT - SQLITE_EXT_DUNNING_FIRST] =
        "INSERT INTO tasks (tenant_id, task_id, invoice_id, customer_id, day, kind, owner, text, "
        "status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)",
    [DST_TASKS - SQLITE_EXT_DUNNING_FIRST] =
        "SELECT task_id, invoice_id, customer_id, day, kind, owner, text, created_at FROM tasks "
        "WHERE tenant_id = ?1 AND (?2 = 0 OR invoice_id = ?2) AND task_id > ?3 "
        "ORDER BY task_id LIMIT ?4",
    [DST_HANDOVER_INSERT - SQLITE_EXT_DUNNING_FIRST] =
        "INSERT INTO handovers (tenant_id, invoice_id, day, currency, principal_minor, "
        "fees_minor, interest_minor, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    [DST_HANDOVERS - SQLITE_EXT_DUNNING_FIRST] =
        "SELECT " INVOICE_COLUMNS_SELECT ", h.day, h.principal_minor, h.fees_minor, "
        "h.interest_minor, (SELECT COUNT(*) FROM case_steps s WHERE s.tenant_id = h.tenant_id "
        "AND s.invoice_id = h.invoice_id AND s.task = 0 AND s.kind IN ('pre-due', 'reminder', "
        "'notice')), (SELECT MIN(day) FROM case_steps s WHERE s.tenant_id = h.tenant_id AND "
        "s.invoice_id = h.invoice_id AND s.task = 0 AND s.kind IN ('pre-due', 'reminder', "
        "'notice')), (SELECT MAX(day) FROM case_steps s WHERE s.tenant_id = h.tenant_id AND "
        "s.invoice_id = h.invoice_id AND s.task = 0 AND s.kind IN ('pre-due', 'reminder', "
        "'notice')) FROM handovers h JOIN invoices i ON i.tenant_id = h.tenant_id AND "
        "i.invoice_id = h.invoice_id JOIN customers c ON c.tenant_id = i.tenant_id AND "
        "c.customer_id = i.customer_id WHERE h.tenant_id = ? AND h.day = ? ORDER BY i.number "
        "LIMIT 10000000",
    [DST_POLICY_PUT - SQLITE_EXT_DUNNING_FIRST] =
        "INSERT INTO policies (tenant_id, name, priority, spec, created_at) VALUES "
        "(?, ?, ?, ?, ?) ON CONFLICT (tenant_id, name) DO UPDATE SET priority = "
        "excluded.priority, spec = excluded.spec",
    [DST_POLICY_DELETE - SQLITE_EXT_DUNNING_FIRST] =
        "DELETE FROM policies WHERE tenant_id = ? AND name = ?",
    [DST_POLICIES - SQLITE_EXT_DUNNING_FIRST] =
        "SELECT name, priority, spec, created_at FROM policies WHERE tenant_id = ? "
        "ORDER BY priority, name LIMIT 1000",
    [DST_RATE_PUT - SQLITE_EXT_DUNNING_FIRST] =
        "INSERT INTO interest_rates (tenant_id, country, business, from_day, rate_bp) VALUES "
        "(?, ?, ?, ?, ?) ON CONFLICT (tenant_id, country, business, from_day) DO UPDATE SET "
        "rate_bp = excluded.rate_bp",
    [DST_RATES - SQLITE_EXT_DUNNING_FIRST] =
        "SELECT country, business, from_day, rate_bp FROM interest_rates WHERE tenant_id = ? "
        "AND country = ? AND business = ? ORDER BY from_day LIMIT ?",
    [DST_DAY_RUN_PUT - SQLITE_EXT_DUNNING_FIRST] =
        "INSERT INTO day_runs (tenant_id, day, considered, steps, finished_at) VALUES "
        "(?, ?, ?, ?, ?) ON CONFLICT (tenant_id, day) DO UPDATE SET considered = "
        "considered + excluded.considered, steps = steps + excluded.steps, finished_at = "
        "excluded.finished_at",
    [DST_OUTBOX_DUE - SQLITE_EXT_DUNNING_FIRST] =
        OUTBOX_ITEMS "WHERE m.tenant_id = ?1 AND m.status = 'queued' AND m.message_id > ?4 AND "
        "m.next_attempt_at <= ?2 ORDER BY m.message_id LIMIT ?3",
    /* The print batch's queries: the tenant's messages through its primary
     * key, the sent ones of one channel picked out (no index of their own:
     * a new index is a schema version, and the outbox reads these once a
     * run). */
    [DST_SENT_DAYS - SQLITE_EXT_DUNNING_FIRST] =
        "SELECT DISTINCT day FROM messages WHERE tenant_id = ? AND channel = ? AND "
        "status = 'sent' AND sent_at >= ? ORDER BY day LIMIT ?",
    [DST_SENT_ON - SQLITE_EXT_DUNNING_FIRST] =
        OUTBOX_ITEMS "WHERE m.tenant_id = ?1 AND m.channel = ?2 AND m.status = 'sent' AND "
        "m.day = ?3 AND m.message_id > ?4 ORDER BY m.message_id LIMIT ?5",
    [DST_TEMPLATE_PUT - SQLITE_EXT_DUNNING_FIRST] =
        "INSERT INTO templates (tenant_id, kind, lang, tone, subject, body, sms, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, kind, lang, tone) DO UPDATE SET "
        "subject = excluded.subject, body = excluded.body, sms = excluded.sms, "
        "updated_at = excluded.updated_at",
    [DST_TEMPLATE_GET - SQLITE_EXT_DUNNING_FIRST] =
        "SELECT subject, body, sms, updated_at FROM templates WHERE tenant_id = ? AND kind = ? "
        "AND lang = ? AND tone = ?",
    [DST_TEMPLATE_DELETE - SQLITE_EXT_DUNNING_FIRST] =
        "DELETE FROM templates WHERE tenant_id = ? AND kind = ? AND lang = ? AND tone = ?",
    [DST_CLAIM - SQLITE_EXT_DUNNING_FIRST] =
        "SELECT t.name FROM tenants t WHERE NOT EXISTS (SELECT 1 FROM day_claims c WHERE "
        "c.tenant_id = t.tenant_id AND c.day = ?1 AND (c.finished_at <> 0 OR c.claimed_at > ?2)) "
        "ORDER BY t.tenant_id LIMIT 1",
    [DST_CLAIM_PUT - SQLITE_EXT_DUNNING_FIRST] =
        "INSERT INTO day_claims (tenant_id, day, worker, claimed_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (tenant_id, day) DO UPDATE SET worker = excluded.worker, "
        "claimed_at = excluded.claimed_at",
    [DST_CLAIM_FINISH - SQLITE_EXT_DUNNING_FIRST] =
        "UPDATE day_claims SET finished_at = ? WHERE tenant_id = ? AND day = ?",
    [DST_ATTEMPT - SQLITE_EXT_DUNNING_FIRST] =
        "UPDATE messages SET status = ?, attempts = ?, last_error = ?, next_attempt_at = ?, "
        "sent_at = ?, receipt = ? WHERE tenant_id = ? AND message_id = ?",
};

_Static_assert((int)DST_END <= (int)SQLITE_EXT_STMTS_MAX, "dunning statements fit their slots");

static sqlite3_stmt *dst(struct sqlite_store *s, enum dst id, struct vinn_error *error)
{
    const char *sql = dst_sql[id - SQLITE_EXT_DUNNING_FIRST];
    VINN_ASSERT(sql != NULL);
    return sqlite_ext_stmt(s, (int)id, sql, error);
}

vinn_err sqlite_done(struct sqlite_store *s, sqlite3_stmt *st, const char *what,
                     struct vinn_error *error)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE) {
        return VINN_OK;
    }
    if ((rc & 0xff) == SQLITE_CONSTRAINT) {
        return vinn_fail(error, VINN_E_EXISTS, "", "%s: already exists", what);
    }
    return sqlite_fail(s, error, what);
}

static void bind_day(sqlite3_stmt *st, int i, vinn_day day)
{
    if (day == VINN_NO_DAY) {
        sqlite3_bind_null(st, i);
    } else {
        sqlite3_bind_int(st, i, day);
    }
}

static vinn_day col_day(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? VINN_NO_DAY : sqlite3_column_int(st, i);
}

TRAMPOLINE(call_due, vinn_due_fn, struct vinn_due_invoice)
TRAMPOLINE(call_step, vinn_case_step_fn, struct vinn_case_step)
TRAMPOLINE(call_event, vinn_case_event_fn, struct vinn_case_event)
TRAMPOLINE(call_message, vinn_message_fn, struct vinn_message)
TRAMPOLINE(call_task, vinn_task_fn, struct vinn_task)
TRAMPOLINE(call_policy, vinn_policy_fn, struct vinn_policy_record)

/* Run a query to its end, calling row for each row; row returns false for a
 * row that does not fit (the table is named corrupt). */
vinn_err sqlite_each_row(struct sqlite_store *s, sqlite3_stmt *st, const char *table,
                         bool (*row)(sqlite3_stmt *st, void *out), void *out,
                         vinn_err (*fn)(void *ctx, const void *item), void *ctx,
                         struct vinn_error *error)
{
    vinn_err result = VINN_OK;
    int rc;
    while (result == VINN_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (!row(st, out)) {
            result = sqlite_corrupt(error, table);
        } else {
            result = fn(ctx, out);
        }
    }
    if (result == VINN_OK && rc != SQLITE_DONE) {
        result = sqlite_fail(s, error, table);
    }
    sqlite3_reset(st);
    return result;
}

static const char *const case_state_names[] = {"active",     "paused",     "promised",
                                               "closed",     "collection", "written_off"};

const char *vinn_case_state_name(enum vinn_case_state state)
{
    VINN_ASSERT((size_t)state < sizeof(case_state_names) / sizeof(case_state_names[0]));
    return case_state_names[state];
}

static bool case_state_parse(const char *name, enum vinn_case_state *out)
{
    for (size_t i = 0; i < sizeof(case_state_names) / sizeof(case_state_names[0]); i++) {
        if (strcmp(name, case_state_names[i]) == 0) {
            *out = (enum vinn_case_state)i;
            return true;
        }
    }
    return false;
}

/* Read CASE_COLUMNS starting at column first. */
static bool case_read(sqlite3_stmt *st, int first, struct vinn_case_record *r)
{
    char state[16] = "";
    memset(r, 0, sizeof(*r));
    vinn_case_init(&r->c);
    r->invoice_id = sqlite3_column_int64(st, first);
    bool ok = sqlite_col_text(st, first + 1, r->policy, sizeof(r->policy)) &&
              sqlite_col_text(st, first + 2, state, sizeof(state)) &&
              case_state_parse(state, &r->state) &&
              sqlite_col_text(st, first + 13, r->pause_reason, sizeof(r->pause_reason));
    r->c.step_index = (uint32_t)sqlite3_column_int(st, first + 3);
    r->c.steps_taken = (uint32_t)sqlite3_column_int(st, first + 4);
    r->c.fee_letters = (uint32_t)sqlite3_column_int(st, first + 5);
    r->c.last_step_day = col_day(st, first + 6);
    r->c.last_fee_day = col_day(st, first + 7);
    r->c.last_fee_deadline = col_day(st, first + 8);
    r->c.last_fee_deadline_days = sqlite3_column_int(st, first + 9);
    r->c.notice_deadline = col_day(st, first + 10);
    r->c.compensation_claimed = sqlite3_column_int(st, first + 11) != 0;
    r->c.interest_through = col_day(st, first + 12);
    r->c.promise_until = col_day(st, first + 14);
    r->c.paused = r->state == VINN_CASE_PAUSED;
    r->fees_minor = sqlite3_column_int64(st, first + 15);
    r->interest_minor = sqlite3_column_int64(st, first + 16);
    r->updated_at_us = sqlite3_column_int64(st, first + 17);
    r->c.reminder_fees = (uint32_t)sqlite3_column_int(st, first + 18);
    return ok;
}

/* ---- the run's query ----------------------------------------------------- */

static bool due_read(sqlite3_stmt *st, void *out)
{
    struct vinn_due_invoice *d = out;
    char kind[16] = "";
    memset(d, 0, sizeof(*d));
    int c = INVOICE_COLUMNS_COUNT;
    bool ok = sqlite_invoice_read(st, &d->invoice) &&
              sqlite_col_text(st, c, kind, sizeof(kind)) &&
              sqlite_col_text(st, c + 1, d->country, sizeof(d->country)) &&
              sqlite_col_text(st, c + 2, d->lang, sizeof(d->lang)) &&
              sqlite_col_text(st, c + 3, d->email, sizeof(d->email)) &&
              sqlite_col_text(st, c + 4, d->phone, sizeof(d->phone)) &&
              sqlite_col_text(st, c + 5, d->tags, sizeof(d->tags)) &&
              sqlite_col_text(st, c + 6, d->channel, sizeof(d->channel));
    d->direct_debit = sqlite3_column_int(st, c + 7) != 0;
    d->einvoice_address = sqlite3_column_int(st, c + 8) != 0;
    d->next_action = d->invoice.next_action;
    d->customer_kind = strcmp(kind, "company") == 0 ? VINN_CUSTOMER_COMPANY : VINN_CUSTOMER_PERSON;
    d->has_case = sqlite3_column_int(st, c + 9) != 0;
    if (ok && d->has_case) {
        ok = case_read(st, c + 10, &d->rec);
    } else {
        vinn_case_init(&d->rec.c);
    }
    return ok;
}

vinn_err sqlite_store_due_invoices(struct vinn_store *store, int64_t tenant_id, vinn_day today,
                                   uint32_t limit, vinn_due_fn fn, void *ctx,
                                   struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = dst(s, DST_DUE, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int(st, 2, today);
    sqlite3_bind_int64(st, 3, limit);
    struct vinn_due_invoice row;
    struct fwd f = {(void (*)(void))fn, ctx};
    return sqlite_each_row(s, st, "invoices", due_read, &row, call_due, &f, error);
}

vinn_err sqlite_store_invoice_set_next_action(struct vinn_store *store, int64_t tenant_id,
                                              int64_t invoice_id, vinn_day day,
                                              struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    VINN_ASSERT(sqlite_in_txn(s));
    sqlite3_stmt *st = dst(s, DST_SET_NEXT, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    bind_day(st, 1, day);
    sqlite3_bind_int64(st, 2, tenant_id);
    sqlite3_bind_int64(st, 3, invoice_id);
    return sqlite_done(s, st, "setting the next action", error);
}

vinn_err sqlite_store_invoice_set_day(struct vinn_store *store, int64_t tenant_id,
                                      int64_t invoice_id, int64_t outstanding,
                                      enum vinn_invoice_status status, vinn_day next_action,
                                      struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    VINN_ASSERT(sqlite_in_txn(s));
    sqlite3_stmt *st = dst(s, DST_SET_DAY, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, outstanding);
    sqlite_bind_text(st, 2, vinn_invoice_status_name(status));
    bind_day(st, 3, next_action);
    sqlite3_bind_int64(st, 4, tenant_id);
    sqlite3_bind_int64(st, 5, invoice_id);
    return sqlite_done(s, st, "updating an invoice", error);
}

vinn_err sqlite_store_invoice_next_action(struct vinn_store *store, int64_t tenant_id,
                                          int64_t invoice_id, vinn_day *out,
                                          struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = dst(s, DST_GET_NEXT, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int64(st, 2, invoice_id);
    int rc = sqlite3_step(st);
    vinn_err result = VINN_OK;
    if (rc == SQLITE_ROW) {
        *out = col_day(st, 0);
    } else if (rc == SQLITE_DONE) {
        result = vinn_fail(error, VINN_E_INVOICE_NOT_FOUND, "invoice", "invoice not found");
    } else {
        result = sqlite_fail(s, error, "reading the next action");
    }
    sqlite3_reset(st);
    return result;
}

/* ---- cases --------------------------------------------------------------- */

vinn_err sqlite_store_case_get(struct vinn_store *store, int64_t tenant_id, int64_t invoice_id,
                               struct vinn_case_record *out, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = dst(s, DST_CASE_GET, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int64(st, 2, invoice_id);
    int rc = sqlite3_step(st);
    vinn_err result = VINN_OK;
    if (rc == SQLITE_ROW) {
        if (!case_read(st, 0, out)) {
            result = sqlite_corrupt(error, "cases");
        }
    } else if (rc == SQLITE_DONE) {
        result = vinn_fail(error, VINN_E_NOT_FOUND, "invoice", "the invoice has no case");
    } else {
        result = sqlite_fail(s, error, "reading a case");
    }
    sqlite3_reset(st);
    return result;
}

vinn_err sqlite_store_case_put(struct vinn_store *store, int64_t tenant_id,
                               const struct vinn_case_record *r, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    VINN_ASSERT(sqlite_in_txn(s));
    sqlite3_stmt *st = dst(s, DST_CASE_PUT, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int64(st, 2, r->invoice_id);
    sqlite_bind_text(st, 3, r->policy);
    sqlite_bind_text(st, 4, vinn_case_state_name(r->state));
    sqlite3_bind_int(st, 5, (int)r->c.step_index);
    sqlite3_bind_int(st, 6, (int)r->c.steps_taken);
    sqlite3_bind_int(st, 7, (int)r->c.fee_letters);
    bind_day(st, 8, r->c.last_step_day);
    bind_day(st, 9, r->c.last_fee_day);
    bind_day(st, 10, r->c.last_fee_deadline);
    sqlite3_bind_int(st, 11, r->c.last_fee_deadline_days);
    bind_day(st, 12, r->c.notice_deadline);
    sqlite3_bind_int(st, 13, r->c.compensation_claimed ? 1 : 0);
    bind_day(st, 14, r->c.interest_through);
    sqlite_bind_text(st, 15, r->pause_reason);
    bind_day(st, 16, r->c.promise_until);
    sqlite3_bind_int64(st, 17, r->fees_minor);
    sqlite3_bind_int64(st, 18, r->interest_minor);
    sqlite3_bind_int64(st, 19, r->updated_at_us);
    sqlite3_bind_int(st, 20, (int)r->c.reminder_fees);
    return sqlite_done(s, st, "saving a case", error);
}

vinn_err sqlite_store_case_step_insert(struct vinn_store *store, int64_t tenant_id,
                                       int64_t invoice_id, const struct vinn_case_step *step,
                                       struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    VINN_ASSERT(sqlite_in_txn(s));
    sqlite3_stmt *st = dst(s, DST_STEP_INSERT, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int64(st, 2, invoice_id);
    sqlite3_bind_int(st, 3, (int)step->seq);
    sqlite3_bind_int(st, 4, step->day);
    sqlite_bind_text(st, 5, vinn_step_kind_name(step->kind));
    sqlite3_bind_int(st, 6, step->task ? 1 : 0);
    sqlite3_bind_int64(st, 7, step->fee_minor);
    sqlite3_bind_int64(st, 8, step->compensation_minor);
    sqlite3_bind_int64(st, 9, step->interest_minor);
    bind_day(st, 10, step->deadline);
    sqlite_bind_text(st, 11, vinn_tone_name(step->tone));
    sqlite_bind_text(st, 12, vinn_channel_name(step->channel));
    sqlite3_bind_int64(st, 13, step->law);
    sqlite3_bind_int64(st, 14, step->total_minor);
    sqlite3_bind_int64(st, 15, step->message_id);
    sqlite3_bind_int(st, 16, step->run_day);
    return sqlite_done(s, st, "recording a case step", error);
}

static bool step_read(sqlite3_stmt *st, void *out)
{
    struct vinn_case_step *p = out;
    char kind[16] = "";
    char tone[16] = "";
    char channel[16] = "";
    memset(p, 0, sizeof(*p));
    p->seq = (uint32_t)sqlite3_column_int(st, 0);
    p->day = sqlite3_column_int(st, 1);
    p->task = sqlite3_column_int(st, 3) != 0;
    p->fee_minor = sqlite3_column_int64(st, 4);
    p->compensation_minor = sqlite3_column_int64(st, 5);
    p->interest_minor = sqlite3_column_int64(st, 6);
    p->deadline = col_day(st, 7);
    p->law = (uint32_t)sqlite3_column_int64(st, 10);
    p->total_minor = sqlite3_column_int64(st, 11);
    p->message_id = sqlite3_column_int64(st, 12);
    p->run_day = sqlite3_column_int(st, 13);
    return sqlite_col_text(st, 2, kind, sizeof(kind)) &&
           sqlite_col_text(st, 8, tone, sizeof(tone)) &&
           sqlite_col_text(st, 9, channel, sizeof(channel)) &&
           vinn_step_kind_parse(kind, "kind", &p->kind, NULL) == VINN_OK &&
           vinn_tone_parse(tone, "tone", &p->tone, NULL) == VINN_OK &&
           vinn_channel_parse(channel, "channel", &p->channel, NULL) == VINN_OK;
}

vinn_err sqlite_store_case_steps(struct vinn_store *store, int64_t tenant_id, int64_t invoice_id,
                                 vinn_case_step_fn fn, void *ctx, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = dst(s, DST_STEPS, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int64(st, 2, invoice_id);
    struct vinn_case_step row;
    struct fwd f = {(void (*)(void))fn, ctx};
    return sqlite_each_row(s, st, "case_steps", step_read, &row, call_step, &f, error);
}

vinn_err sqlite_store_case_event(struct vinn_store *store, int64_t tenant_id, int64_t invoice_id,
                                 const struct vinn_case_event *event, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    VINN_ASSERT(sqlite_in_txn(s));
    sqlite3_stmt *st = dst(s, DST_EVENT_INSERT, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int64(st, 2, invoice_id);
    sqlite3_bind_int64(st, 3, event->at_us);
    sqlite3_bind_int(st, 4, event->day);
    sqlite_bind_text(st, 5, event->kind);
    sqlite_bind_text(st, 6, event->detail);
    return sqlite_done(s, st, "recording a case event", error);
}

static bool event_read(sqlite3_stmt *st, void *out)
{
    struct vinn_case_event *e = out;
    memset(e, 0, sizeof(*e));
    e->at_us = sqlite3_column_int64(st, 0);
    e->day = sqlite3_column_int(st, 1);
    return sqlite_col_text(st, 2, e->kind, sizeof(e->kind)) &&
           sqlite_col_text(st, 3, e->detail, sizeof(e->detail));
}

vinn_err sqlite_store_case_events(struct vinn_store *store, int64_t tenant_id, int64_t invoice_id,
                                  vinn_case_event_fn fn, void *ctx, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = dst(s, DST_EVENTS, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int64(st, 2, invoice_id);
    struct vinn_case_event row;
    struct fwd f = {(void (*)(void))fn, ctx};
    return sqlite_each_row(s, st, "case_events", event_read, &row, call_event, &f, error);
}

/* ---- messages and tasks -------------------------------------------------- */

vinn_err sqlite_store_message_insert(struct vinn_store *store, int64_t tenant_id,
                                     struct vinn_message *m, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    VINN_ASSERT(sqlite_in_txn(s));
    vinn_err rc = sqlite_store_next_id(store, tenant_id, VINN_SEQ_MESSAGE, &m->id, error);
    sqlite3_stmt *st = rc == VINN_OK ? dst(s, DST_MESSAGE_INSERT, error) : NULL;
    if (st == NULL) {
        return rc != VINN_OK ? rc : VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int64(st, 2, m->id);
    sqlite_bind_text(st, 3, m->idem_key);
    sqlite3_bind_int64(st, 4, m->invoice_id);
    sqlite3_bind_int64(st, 5, m->customer_id);
    sqlite_bind_text(st, 6, m->kind);
    sqlite_bind_text(st, 7, m->lang);
    sqlite_bind_text(st, 8, vinn_tone_name(m->tone));
    sqlite_bind_text(st, 9, vinn_channel_name(m->channel));
    sqlite_bind_text(st, 10, m->recipient);
    sqlite3_bind_int(st, 11, m->day);
    bind_day(st, 12, m->deadline);
    sqlite_bind_text(st, 13, m->currency);
    sqlite3_bind_int64(st, 14, m->principal_minor);
    sqlite3_bind_int64(st, 15, m->fees_minor);
    sqlite3_bind_int64(st, 16, m->interest_minor);
    sqlite3_bind_int64(st, 17, m->total_minor);
    sqlite3_bind_int64(st, 18, m->created_at_us);
    memcpy(m->status, "queued", 7);
    return sqlite_done(s, st, "queueing a message", error);
}

static bool message_read(sqlite3_stmt *st, void *out)
{
    struct vinn_message *m = out;
    char tone[16] = "";
    char channel[16] = "";
    memset(m, 0, sizeof(*m));
    m->id = sqlite3_column_int64(st, 0);
    m->invoice_id = sqlite3_column_int64(st, 2);
    m->customer_id = sqlite3_column_int64(st, 3);
    m->day = sqlite3_column_int(st, 9);
    m->deadline = col_day(st, 10);
    m->principal_minor = sqlite3_column_int64(st, 12);
    m->fees_minor = sqlite3_column_int64(st, 13);
    m->interest_minor = sqlite3_column_int64(st, 14);
    m->total_minor = sqlite3_column_int64(st, 15);
    m->created_at_us = sqlite3_column_int64(st, 17);
    m->attempts = sqlite3_column_int(st, 18);
    m->next_attempt_at_us = sqlite3_column_int64(st, 20);
    m->sent_at_us = sqlite3_column_int64(st, 21);
    return sqlite_col_text(st, 1, m->idem_key, sizeof(m->idem_key)) &&
           sqlite_col_text(st, 19, m->last_error, sizeof(m->last_error)) &&
           sqlite_col_text(st, 4, m->kind, sizeof(m->kind)) &&
           sqlite_col_text(st, 5, m->lang, sizeof(m->lang)) &&
           sqlite_col_text(st, 6, tone, sizeof(tone)) &&
           sqlite_col_text(st, 7, channel, sizeof(channel)) &&
           sqlite_col_text(st, 8, m->recipient, sizeof(m->recipient)) &&
           sqlite_col_text(st, 11, m->currency, sizeof(m->currency)) &&
           sqlite_col_text(st, 16, m->status, sizeof(m->status)) &&
           vinn_tone_parse(tone, "tone", &m->tone, NULL) == VINN_OK &&
           vinn_channel_parse(channel, "channel", &m->channel, NULL) == VINN_OK;
}

vinn_err sqlite_store_messages(struct vinn_store *store, int64_t tenant_id, int64_t invoice_id,
                               int64_t after_id, uint32_t limit, vinn_message_fn fn, void *ctx,
                               struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = dst(s, DST_MESSAGES, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int64(st, 2, invoice_id);
    sqlite3_bind_int64(st, 3, after_id);
    sqlite3_bind_int64(st, 4, limit);
    struct vinn_message row;
    struct fwd f = {(void (*)(void))fn, ctx};
    return sqlite_each_row(s, st, "messages", message_read, &row, call_message, &f, error);
}

vinn_err sqlite_store_task_insert(struct vinn_store *store, int64_t tenant_id, struct vinn_task *t,
                                  struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    VINN_ASSERT(sqlite_in_txn(s));
    vinn_err rc = sqlite_store_next_id(store, tenant_id, VINN_SEQ_TASK, &t->id, error);
    sqlite3_stmt *st = rc == VINN_OK ? dst(s, DST_TASK_INSERT, error) : NULL;
    if (st == NULL) {
        return rc != VINN_OK ? rc : VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int64(st, 2, t->id);
    sqlite3_bind_int64(st, 3, t->invoice_id);
    sqlite3_bind_int64(st, 4, t->customer_id);
    sqlite3_bind_int(st, 5, t->day);
    sqlite_bind_text(st, 6, t->kind);
    sqlite_bind_text(st, 7, t->owner);
    sqlite_bind_text(st, 8, t->text);
    sqlite3_bind_int64(st, 9, t->created_at_us);
    return sqlite_done(s, st, "recording a task", error);
}

static bool task_read(sqlite3_stmt *st, void *out)
{
    struct vinn_task *t = out;
    memset(t, 0, sizeof(*t));
    t->id = sqlite3_column_int64(st, 0);
    t->invoice_id = sqlite3_column_int64(st, 1);
    t->customer_id = sqlite3_column_int64(st, 2);
    t->day = sqlite3_column_int(st, 3);
    t->created_at_us = sqlite3_column_int64(st, 7);
    return sqlite_col_text(st, 4, t->kind, sizeof(t->kind)) &&
           sqlite_col_text(st, 5, t->owner, sizeof(t->owner)) &&
           sqlite_col_text(st, 6, t->text, sizeof(t->text));
}

vinn_err sqlite_store_tasks(struct vinn_store *store, int64_t tenant_id, int64_t invoice_id,
                            int64_t after_id, uint32_t limit, vinn_task_fn fn, void *ctx,
                            struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = dst(s, DST_TASKS, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int64(st, 2, invoice_id);
    sqlite3_bind_int64(st, 3, after_id);
    sqlite3_bind_int64(st, 4, limit);
    struct vinn_task row;
    struct fwd f = {(void (*)(void))fn, ctx};
    return sqlite_each_row(s, st, "tasks", task_read, &row, call_task, &f, error);
}

/* ---- hand-overs ---------------------------------------------------------- */

vinn_err sqlite_store_handover_insert(struct vinn_store *store, int64_t tenant_id,
                                      int64_t invoice_id, vinn_day day, const char *currency,
                                      int64_t principal, int64_t fees, int64_t interest,
                                      int64_t created_at_us, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    VINN_ASSERT(sqlite_in_txn(s));
    sqlite3_stmt *st = dst(s, DST_HANDOVER_INSERT, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int64(st, 2, invoice_id);
    sqlite3_bind_int(st, 3, day);
    sqlite_bind_text(st, 4, currency);
    sqlite3_bind_int64(st, 5, principal);
    sqlite3_bind_int64(st, 6, fees);
    sqlite3_bind_int64(st, 7, interest);
    sqlite3_bind_int64(st, 8, created_at_us);
    return sqlite_done(s, st, "recording a hand-over", error);
}

struct handover_ctx {
    struct vinn_store *store;
    vinn_handover_fn fn;
    void *ctx;
    int64_t tenant_id;
    struct vinn_error *error;
};

static bool handover_read(sqlite3_stmt *st, void *out)
{
    struct vinn_handover *h = out;
    memset(h, 0, sizeof(*h));
    int c = INVOICE_COLUMNS_COUNT;
    h->day = sqlite3_column_int(st, c);
    h->principal_minor = sqlite3_column_int64(st, c + 1);
    h->fees_minor = sqlite3_column_int64(st, c + 2);
    h->interest_minor = sqlite3_column_int64(st, c + 3);
    h->letters = (uint32_t)sqlite3_column_int(st, c + 4);
    h->first_letter = col_day(st, c + 5);
    h->last_letter = col_day(st, c + 6);
    return sqlite_invoice_read(st, &h->invoice);
}

static vinn_err handover_with_customer(void *ctx, const void *item)
{
    struct handover_ctx *hc = ctx;
    struct vinn_handover *h = (struct vinn_handover *)item;
    vinn_err rc = sqlite_store_customer_get_by_id(hc->store, hc->tenant_id, h->invoice.customer_id,
                                                  &h->customer, hc->error);
    return rc == VINN_OK ? hc->fn(hc->ctx, h) : rc;
}

vinn_err sqlite_store_handovers(struct vinn_store *store, int64_t tenant_id, vinn_day day,
                                vinn_handover_fn fn, void *ctx, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = dst(s, DST_HANDOVERS, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int(st, 2, day);
    struct vinn_handover row;
    struct handover_ctx hc = {store, fn, ctx, tenant_id, error};
    return sqlite_each_row(s, st, "handovers", handover_read, &row, handover_with_customer, &hc, error);
}

/* ---- policies, rates, day runs ------------------------------------------- */

vinn_err sqlite_store_policy_put(struct vinn_store *store, int64_t tenant_id,
                                 const struct vinn_policy_record *p, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    VINN_ASSERT(sqlite_in_txn(s));
    sqlite3_stmt *st = dst(s, DST_POLICY_PUT, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite_bind_text(st, 2, p->name);
    sqlite3_bind_int(st, 3, p->priority);
    sqlite_bind_text(st, 4, p->spec);
    sqlite3_bind_int64(st, 5, p->created_at_us);
    return sqlite_done(s, st, "saving a policy", error);
}

vinn_err sqlite_store_policy_delete(struct vinn_store *store, int64_t tenant_id, const char *name,
                                    struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    VINN_ASSERT(sqlite_in_txn(s));
    sqlite3_stmt *st = dst(s, DST_POLICY_DELETE, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite_bind_text(st, 2, name);
    vinn_err rc = sqlite_done(s, st, "deleting a policy", error);
    if (rc == VINN_OK && sqlite3_changes(sqlite_db(s)) == 0) {
        return vinn_fail(error, VINN_E_POLICY_NOT_FOUND, "name", "policy '%s' does not exist",
                         name);
    }
    return rc;
}

static bool policy_read(sqlite3_stmt *st, void *out)
{
    struct vinn_policy_record *p = out;
    memset(p, 0, sizeof(*p));
    p->priority = sqlite3_column_int(st, 1);
    p->created_at_us = sqlite3_column_int64(st, 3);
    return sqlite_col_text(st, 0, p->name, sizeof(p->name)) &&
           sqlite_col_text(st, 2, p->spec, sizeof(p->spec));
}

vinn_err sqlite_store_policies(struct vinn_store *store, int64_t tenant_id, vinn_policy_fn fn,
                               void *ctx, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = dst(s, DST_POLICIES, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    struct vinn_policy_record row;
    struct fwd f = {(void (*)(void))fn, ctx};
    return sqlite_each_row(s, st, "policies", policy_read, &row, call_policy, &f, error);
}

vinn_err sqlite_store_rate_put(struct vinn_store *store, int64_t tenant_id,
                               const struct vinn_rate_record *r, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    VINN_ASSERT(sqlite_in_txn(s));
    sqlite3_stmt *st = dst(s, DST_RATE_PUT, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite_bind_text(st, 2, r->country);
    sqlite3_bind_int(st, 3, r->business ? 1 : 0);
    sqlite3_bind_int(st, 4, r->from);
    sqlite3_bind_int(st, 5, r->rate_bp);
    return sqlite_done(s, st, "saving an interest rate", error);
}

vinn_err sqlite_store_rates(struct vinn_store *store, int64_t tenant_id, const char *country,
                            bool business, struct vinn_rate_record *out, uint32_t max,
                            uint32_t *count, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = dst(s, DST_RATES, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite_bind_text(st, 2, country);
    sqlite3_bind_int(st, 3, business ? 1 : 0);
    sqlite3_bind_int64(st, 4, (int64_t)max + 1);
    uint32_t n = 0;
    vinn_err result = VINN_OK;
    int rc;
    while (result == VINN_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == max) {
            result = vinn_fail(error, VINN_E_LIMIT_EXCEEDED, "rates",
                               "more than %u interest rates", max);
            break;
        }
        struct vinn_rate_record *r = &out[n++];
        memset(r, 0, sizeof(*r));
        r->business = sqlite3_column_int(st, 1) != 0;
        r->from = sqlite3_column_int(st, 2);
        r->rate_bp = sqlite3_column_int(st, 3);
        if (!sqlite_col_text(st, 0, r->country, sizeof(r->country))) {
            result = sqlite_corrupt(error, "interest_rates");
        }
    }
    if (result == VINN_OK && rc != SQLITE_DONE) {
        result = sqlite_fail(s, error, "reading interest rates");
    }
    sqlite3_reset(st);
    if (result == VINN_OK) {
        *count = n;
    }
    return result;
}

vinn_err sqlite_store_day_run_put(struct vinn_store *store, int64_t tenant_id, vinn_day day,
                                  int64_t considered, int64_t steps, int64_t finished_at_us,
                                  struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    VINN_ASSERT(sqlite_in_txn(s));
    sqlite3_stmt *st = dst(s, DST_DAY_RUN_PUT, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int(st, 2, day);
    sqlite3_bind_int64(st, 3, considered);
    sqlite3_bind_int64(st, 4, steps);
    sqlite3_bind_int64(st, 5, finished_at_us);
    return sqlite_done(s, st, "recording a day run", error);
}

/* ---- workers' claims of a tenant's day ------------------------------------ */

vinn_err sqlite_store_tenant_claim(struct vinn_store *store, vinn_day day, const char *worker,
                                   int64_t now_us, int64_t lease_us, struct vinn_tenant *out,
                                   bool *found, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    VINN_ASSERT(sqlite_in_txn(s));
    *found = false;
    sqlite3_stmt *st = dst(s, DST_CLAIM, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int(st, 1, day);
    sqlite3_bind_int64(st, 2, now_us - lease_us);
    char name[VINN_TENANT_NAME_MAX + 1] = "";
    int rc = sqlite3_step(st);
    bool ok = rc != SQLITE_ROW || sqlite_col_text(st, 0, name, sizeof(name));
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        return sqlite_fail(s, error, "claiming a tenant's day");
    }
    if (!ok) {
        return sqlite_corrupt(error, "tenants");
    }
    if (rc == SQLITE_DONE) {
        return VINN_OK;
    }
    vinn_err result = vinn_store_tenant_get(store, name, out, error);
    if (result == VINN_OK && (st = dst(s, DST_CLAIM_PUT, error)) == NULL) {
        return VINN_E_STORE;
    }
    if (result == VINN_OK) {
        sqlite3_bind_int64(st, 1, out->id);
        sqlite3_bind_int(st, 2, day);
        sqlite_bind_text(st, 3, worker);
        sqlite3_bind_int64(st, 4, now_us);
        result = sqlite_done(s, st, "claiming a tenant's day", error);
    }
    *found = result == VINN_OK;
    return result;
}

vinn_err sqlite_store_tenant_claim_finish(struct vinn_store *store, int64_t tenant_id,
                                          vinn_day day, int64_t now_us, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    VINN_ASSERT(sqlite_in_txn(s));
    sqlite3_stmt *st = dst(s, DST_CLAIM_FINISH, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, now_us);
    sqlite3_bind_int64(st, 2, tenant_id);
    sqlite3_bind_int(st, 3, day);
    return sqlite_done(s, st, "finishing a tenant's day", error);
}

/* ---- the outbox ----------------------------------------------------------- */

TRAMPOLINE(call_outbox, vinn_outbox_fn, struct vinn_outbox_item)

static bool outbox_read(sqlite3_stmt *st, void *out)
{
    struct vinn_outbox_item *o = out;
    memset(o, 0, sizeof(*o));
    int c = MESSAGE_COLUMNS_COUNT;
    bool ok = message_read(st, &o->message);
    o->due_date = sqlite3_column_int(st, c + 2);
    o->gross_minor = sqlite3_column_int64(st, c + 3);
    return ok && sqlite_col_text(st, c, o->invoice_number, sizeof(o->invoice_number)) &&
           sqlite_col_text(st, c + 1, o->reference, sizeof(o->reference)) &&
           sqlite_col_text(st, c + 4, o->customer_name, sizeof(o->customer_name)) &&
           sqlite_col_text(st, c + 5, o->email, sizeof(o->email)) &&
           sqlite_col_text(st, c + 6, o->phone, sizeof(o->phone));
}

vinn_err sqlite_store_outbox_due(struct vinn_store *store, int64_t tenant_id, int64_t now_us,
                                 int64_t after_id, uint32_t limit, vinn_outbox_fn fn, void *ctx,
                                 struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = dst(s, DST_OUTBOX_DUE, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite3_bind_int64(st, 2, now_us);
    sqlite3_bind_int64(st, 3, limit);
    sqlite3_bind_int64(st, 4, after_id);
    struct vinn_outbox_item row;
    struct fwd f = {(void (*)(void))fn, ctx};
    return sqlite_each_row(s, st, "messages", outbox_read, &row, call_outbox, &f, error);
}

struct days {
    vinn_day *days;
    uint32_t max;
    uint32_t count;
};

static bool day_read(sqlite3_stmt *st, void *out)
{
    *(vinn_day *)out = sqlite3_column_int(st, 0);
    return true;
}

static vinn_err day_add(void *ctx, const void *item)
{
    struct days *d = ctx;
    VINN_ASSERT(d->count < d->max); /* the query's LIMIT */
    d->days[d->count++] = *(const vinn_day *)item;
    return VINN_OK;
}

vinn_err sqlite_store_message_days_sent(struct vinn_store *store, int64_t tenant_id,
                                      enum vinn_channel channel, int64_t since_us,
                                      vinn_day *days, uint32_t days_max, uint32_t *count,
                                      struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = dst(s, DST_SENT_DAYS, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite_bind_text(st, 2, vinn_channel_name(channel));
    sqlite3_bind_int64(st, 3, since_us);
    sqlite3_bind_int64(st, 4, days_max);
    struct days d = {days, days_max, 0};
    vinn_day row = 0;
    vinn_err rc = sqlite_each_row(s, st, "messages", day_read, &row, day_add, &d, error);
    *count = rc == VINN_OK ? d.count : 0;
    return rc;
}

vinn_err sqlite_store_messages_sent_on(struct vinn_store *store, int64_t tenant_id,
                                     enum vinn_channel channel, vinn_day day, int64_t after_id,
                                     uint32_t limit, vinn_outbox_fn fn, void *ctx,
                                     struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = dst(s, DST_SENT_ON, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite_bind_text(st, 2, vinn_channel_name(channel));
    sqlite3_bind_int(st, 3, day);
    sqlite3_bind_int64(st, 4, after_id);
    sqlite3_bind_int64(st, 5, limit);
    struct vinn_outbox_item row;
    struct fwd f = {(void (*)(void))fn, ctx};
    return sqlite_each_row(s, st, "messages", outbox_read, &row, call_outbox, &f, error);
}

vinn_err sqlite_store_message_attempt(struct vinn_store *store, int64_t tenant_id,
                                      const struct vinn_message *m, const char *receipt,
                                      struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    VINN_ASSERT(sqlite_in_txn(s));
    sqlite3_stmt *st = dst(s, DST_ATTEMPT, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    sqlite_bind_text(st, 1, m->status);
    sqlite3_bind_int(st, 2, m->attempts);
    sqlite_bind_text(st, 3, m->last_error);
    sqlite3_bind_int64(st, 4, m->next_attempt_at_us);
    sqlite3_bind_int64(st, 5, m->sent_at_us);
    sqlite_bind_text(st, 6, receipt != NULL ? receipt : "");
    sqlite3_bind_int64(st, 7, tenant_id);
    sqlite3_bind_int64(st, 8, m->id);
    return sqlite_done(s, st, "recording a delivery attempt", error);
}

/* ---- a tenant's own templates ---------------------------------------------- */

static void bind_template_key(sqlite3_stmt *st, int64_t tenant_id, const char *kind,
                              const char *lang, const char *tone)
{
    sqlite3_bind_int64(st, 1, tenant_id);
    sqlite_bind_text(st, 2, kind);
    sqlite_bind_text(st, 3, lang);
    sqlite_bind_text(st, 4, tone);
}

vinn_err sqlite_store_template_put(struct vinn_store *store, int64_t tenant_id,
                                   const struct vinn_template_record *t, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    VINN_ASSERT(sqlite_in_txn(s));
    sqlite3_stmt *st = dst(s, DST_TEMPLATE_PUT, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    bind_template_key(st, tenant_id, t->kind, t->lang, t->tone);
    sqlite_bind_text(st, 5, t->subject);
    sqlite_bind_text(st, 6, t->body);
    sqlite_bind_text(st, 7, t->sms);
    sqlite3_bind_int64(st, 8, t->updated_at_us);
    return sqlite_done(s, st, "saving a template", error);
}

vinn_err sqlite_store_template_get(struct vinn_store *store, int64_t tenant_id, const char *kind,
                                   const char *lang, const char *tone,
                                   struct vinn_template_record *out, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    sqlite3_stmt *st = dst(s, DST_TEMPLATE_GET, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    bind_template_key(st, tenant_id, kind, lang, tone);
    int rc = sqlite3_step(st);
    vinn_err result = VINN_OK;
    if (rc == SQLITE_ROW) {
        memset(out, 0, sizeof(*out));
        snprintf(out->kind, sizeof(out->kind), "%s", kind);
        snprintf(out->lang, sizeof(out->lang), "%s", lang);
        snprintf(out->tone, sizeof(out->tone), "%s", tone);
        out->updated_at_us = sqlite3_column_int64(st, 3);
        if (!sqlite_col_text(st, 0, out->subject, sizeof(out->subject)) ||
            !sqlite_col_text(st, 1, out->body, sizeof(out->body)) ||
            !sqlite_col_text(st, 2, out->sms, sizeof(out->sms))) {
            result = sqlite_corrupt(error, "templates");
        }
    } else if (rc == SQLITE_DONE) {
        result = vinn_fail(error, VINN_E_NOT_FOUND, "template", "the tenant has no own template");
    } else {
        result = sqlite_fail(s, error, "reading a template");
    }
    sqlite3_reset(st);
    return result;
}

vinn_err sqlite_store_template_delete(struct vinn_store *store, int64_t tenant_id, const char *kind,
                                      const char *lang, const char *tone, struct vinn_error *error)
{
    struct sqlite_store *s = sqlite_of(store);
    VINN_ASSERT(sqlite_in_txn(s));
    sqlite3_stmt *st = dst(s, DST_TEMPLATE_DELETE, error);
    if (st == NULL) {
        return VINN_E_STORE;
    }
    bind_template_key(st, tenant_id, kind, lang, tone);
    vinn_err rc = sqlite_done(s, st, "deleting a template", error);
    if (rc == VINN_OK && sqlite3_changes(sqlite_db(s)) == 0) {
        return vinn_fail(error, VINN_E_NOT_FOUND, "template", "the tenant has no own template");
    }
    return rc;
}
