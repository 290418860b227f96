/*
 * dunning_sql.h - the column lists and joins of the dunning queries that
 * the two backends share (sqlite_dunning.c, postgres_dunning.c), one text
 * so that they read the same columns in the same order.
 */
#ifndef VINN_STORE_DUNNING_SQL_H
#define VINN_STORE_DUNNING_SQL_H

#define CASE_COLUMNS                                                                               \
    "k.invoice_id, k.policy, k.state, k.step_index, k.steps_taken, k.fee_letters, "                \
    "k.last_step_day, k.last_fee_day, k.last_fee_deadline, k.last_fee_deadline_days, "             \
    "k.notice_deadline, k.compensation_claimed, k.interest_through, k.pause_reason, "              \
    "k.promise_until, k.fees_minor, k.interest_minor, k.updated_at, k.reminder_fees "

#define MESSAGE_COLUMNS_SELECT                                                                     \
    "m.message_id, m.idem_key, m.invoice_id, m.customer_id, m.kind, m.lang, m.tone, m.channel, "   \
    "m.recipient, m.day, m.deadline, m.currency, m.principal_minor, m.fees_minor, "                \
    "m.interest_minor, m.total_minor, m.status, m.created_at, m.attempts, m.last_error, "          \
    "m.next_attempt_at, m.sent_at"

enum { MESSAGE_COLUMNS_COUNT = 22 };

/* A message with what the outbox needs to send it (outbox_read). */
#define OUTBOX_ITEMS                                                                               \
    "SELECT " MESSAGE_COLUMNS_SELECT ", COALESCE(i.number, ''), COALESCE(i.reference, ''), "      \
    "COALESCE(i.due_date, 0), COALESCE(i.gross_minor, 0), c.name, c.email, c.phone "              \
    "FROM messages m JOIN customers c ON c.tenant_id = m.tenant_id AND c.customer_id = "          \
    "m.customer_id LEFT JOIN invoices i ON i.tenant_id = m.tenant_id AND i.invoice_id = "         \
    "m.invoice_id "

#endif
