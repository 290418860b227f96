/*
 * verify_sql.h - the checks of vinn_store_ledger_verify, one text for both
 * backends so they cannot drift. $1 is the tenant: a numbered parameter in
 * PostgreSQL and a named one in SQLite, where it binds as parameter 1. Each
 * row of a check but the counts is a problem; the backends describe it by
 * its columns, in the order given here.
 */
#ifndef VINN_STORE_VERIFY_SQL_H
#define VINN_STORE_VERIFY_SQL_H

/* transactions, postings, accounts, invoices */
#define VINN_VERIFY_SQL_COUNTS                                                                     \
    "SELECT (SELECT COUNT(*) FROM ledger_txns WHERE tenant_id = $1),"                              \
    " (SELECT COUNT(*) FROM postings WHERE tenant_id = $1),"                                       \
    " (SELECT COUNT(*) FROM accounts WHERE tenant_id = $1),"                                       \
    " (SELECT COUNT(*) FROM invoices WHERE tenant_id = $1)"

/* txn_id, currency, sum: a transaction that does not sum to zero */
#define VINN_VERIFY_SQL_UNBALANCED                                                                 \
    "SELECT txn_id, currency, SUM(amount_minor) FROM postings WHERE tenant_id = $1"                \
    " GROUP BY txn_id, currency HAVING SUM(amount_minor) <> 0"                                     \
    " UNION ALL SELECT t.txn_id, t.currency, 0 FROM ledger_txns t WHERE t.tenant_id = $1"          \
    " AND NOT EXISTS (SELECT 1 FROM postings p WHERE p.tenant_id = $1"                             \
    " AND p.txn_id = t.txn_id) LIMIT 10000000"

/* customer, kind, currency, cached, summed: a cached balance its postings disown */
#define VINN_VERIFY_SQL_ACCOUNTS                                                                   \
    "WITH sums AS (SELECT customer_id, account_kind AS kind, currency, SUM(amount_minor) AS s"     \
    " FROM postings WHERE tenant_id = $1 GROUP BY customer_id, account_kind, currency)"            \
    " SELECT a.customer_id, a.kind, a.currency, a.balance_minor, COALESCE(m.s, 0)"                 \
    " FROM accounts a LEFT JOIN sums m ON m.customer_id = a.customer_id AND m.kind = a.kind"       \
    " AND m.currency = a.currency WHERE a.tenant_id = $1"                                          \
    " AND a.balance_minor <> COALESCE(m.s, 0)"                                                     \
    " UNION ALL SELECT m.customer_id, m.kind, m.currency, 0, m.s FROM sums m WHERE NOT EXISTS"     \
    " (SELECT 1 FROM accounts a WHERE a.tenant_id = $1 AND a.customer_id = m.customer_id"          \
    " AND a.kind = m.kind AND a.currency = m.currency) LIMIT 10000000"

/* number, cached outstanding, summed receivables. "p.invoice_id <> 0" and
 * "p.account_kind <= 3" let SQLite use the partial index postings_invoice:
 * without them each invoice scans the tenant's postings (30,000 invoices:
 * minutes, not 0.1 s). */
#define VINN_VERIFY_SQL_INVOICES                                                                   \
    "SELECT i.number, i.outstanding_minor, COALESCE(SUM(p.amount_minor), 0) FROM invoices i"       \
    " LEFT JOIN postings p ON p.tenant_id = i.tenant_id AND p.invoice_id = i.invoice_id"           \
    " AND p.invoice_id <> 0 AND p.account_kind <= 3 AND p.account_kind >= 1"                       \
    " WHERE i.tenant_id = $1"                                                                      \
    " GROUP BY i.tenant_id, i.invoice_id"                                                          \
    " HAVING i.outstanding_minor <> COALESCE(SUM(p.amount_minor), 0) LIMIT 10000000"

/* number, status, outstanding: a status its outstanding contradicts */
#define VINN_VERIFY_SQL_STATUSES                                                                   \
    "SELECT number, status, outstanding_minor FROM invoices WHERE tenant_id = $1 AND ("            \
    " (status = 'open' AND outstanding_minor <= 0) OR"                                             \
    " (status IN ('paid', 'credited', 'issued', 'written_off') AND outstanding_minor <> 0) OR"     \
    " (kind = 'credit_note') <> (status = 'issued')) LIMIT 10000000"

/* currency, queue, account: every unmatched payment waits on the unmatched
 * account (credit-normal); a reversal that matched nothing waits there as a
 * debit */
#define VINN_VERIFY_SQL_QUEUE                                                                      \
    "SELECT currency, SUM(q), SUM(a) FROM ("                                                       \
    " SELECT currency, CASE WHEN reversal = 1 THEN -unmatched_minor ELSE unmatched_minor END"      \
    " AS q, 0 AS a FROM payments WHERE tenant_id = $1 AND status = 'unmatched'"                    \
    " UNION ALL SELECT currency, 0, -balance_minor FROM accounts WHERE tenant_id = $1"             \
    " AND customer_id = 0 AND kind = 16) AS u GROUP BY currency HAVING SUM(q) <> SUM(a)"           \
    " LIMIT 10000000"

/* payment, amount, accounted: every payment that is not undone is all
 * accounted for, by what it paid of invoices, what went to the credit
 * balance and what waits in the queue */
#define VINN_VERIFY_SQL_PAYMENTS                                                                   \
    "SELECT p.payment_id, p.amount_minor, COALESCE(SUM(a.fees_minor + a.interest_minor +"          \
    " a.principal_minor), 0) + p.credit_minor + p.unmatched_minor FROM payments p"                 \
    " LEFT JOIN payment_allocations a ON a.tenant_id = p.tenant_id AND a.payment_id ="             \
    " p.payment_id WHERE p.tenant_id = $1 AND p.status IN ('matched', 'partial', 'overpaid',"      \
    " 'unmatched') GROUP BY p.tenant_id, p.payment_id"                                             \
    " HAVING COALESCE(SUM(a.fees_minor + a.interest_minor + a.principal_minor), 0) +"              \
    " p.credit_minor + p.unmatched_minor <> p.amount_minor LIMIT 10000000"

#endif
