/* commands.c - the table of `vinn` commands with their help. */
#include "cli/cli.h"

const struct command vinn_commands[] = {
    {"init", cmd_init, "vinn init", "create the database, or bring its schema up to date",
     "The database is --db PATH, $VINN_DB or ./vinn.db. A postgresql:// URL names a\n"
     "PostgreSQL database (it must exist; docs/scaling.md). Running init again is safe.\n",
     false},
    {"tenant add", cmd_tenant_add,
     "vinn tenant add NAME --country CC --currency CUR [--org ORGNR] [--account ACCOUNT | --iban "
     "IBAN] [--kid mod10|mod11] [--ref KIND] [--due-days N]",
     "add a tenant (a merchant that sends invoices)",
     "  --country CC      ISO 3166 country: NO, SE, FI, DK (or any other, with RF references)\n"
     "  --currency CUR    ISO 4217 currency of its invoices (NOK, SEK, EUR, DKK, ...)\n"
     "  --org ORGNR       organisation number, checked by the country's rule\n"
     "  --account ACCOUNT domestic account: NO kontonummer (MOD11) or SE bankgiro\n"
     "  --iban IBAN       IBAN (checked, with the country's length)\n"
     "  --kid mod10|mod11 Norwegian KID algorithm of the OCR agreement (default mod10)\n"
     "  --ref KIND        reference kind: kid10 kid11 ocr ocr-len fi rf (default by country:\n"
     "                    NO kid10, SE ocr, FI fi, others rf)\n"
     "  --due-days N      default payment term in days (default 14)\n",
     true},
    {"tenant list", cmd_tenant_list, "vinn tenant list", "list the tenants", "", true},
    {"tenant show", cmd_tenant_show, "vinn tenant show [NAME]", "show a tenant", "", true},
    {"tenant set", cmd_tenant_set, "vinn tenant set KEY [VALUE]",
     "show or change a setting of the tenant",
     "  allocation_order  the order a payment pays an invoice's parts in\n"
     "                    (default fees,interest,principal)\n"
     "  match_threshold   confidence 0-100 a match needs to be applied without a person\n"
     "                    (default 70); below it the payment waits in the unmatched queue\n"
     "  reminder_fee_agreed  yes when the customers agreed to reminder fees (SE law)\n"
     "  key_account_tag   customers with this tag get tasks, not letters (key-account)\n"
     "  account_owner     the e-mail of the person the tasks go to\n",
     true},
    {"customer add", cmd_customer_add,
     "vinn customer add ID --name NAME --country CC [--lang L] [--email E] [--phone P] [--kind "
     "person|company] [--org ORGNR | --national-id ID] [--address A] [--postcode P] [--city C] "
     "[--tags T] [--channel CH] [--direct-debit]",
     "add a customer of the tenant",
     "  ID                the merchant's own customer id (unique per tenant)\n"
     "  --lang L          nb, sv, fi, da or en (default: the country's language)\n"
     "  --kind K          person (default) or company\n"
     "  --org ORGNR       company number, checked by the country's rule\n"
     "  --national-id ID  NO fødselsnummer/D-number, SE personnummer, FI HETU (checked)\n"
     "  --tags T          tags separated by '|' or ',', e.g. key-account\n"
     "  --channel CH      the channel she asked for: email (needs --email), sms (needs\n"
     "                    --phone), letter, einvoice or mailbox (default: none stated)\n"
     "  --direct-debit    she pays by direct debit: she is never sent paper\n"
     "Her messages go by her channel, else by the sale's, else e-mail, else SMS, else\n"
     "paper; never paper on e-invoice or direct debit (docs/messages.md).\n",
     true},
    {"customer list", cmd_customer_list, "vinn customer list [--after ID] [--limit N]",
     "list customers in id order",
     "  --after ID   start after this id (the cursor of the previous page)\n"
     "  --limit N    at most N customers (default 100, at most 10000)\n",
     true},
    {"customer show", cmd_customer_show, "vinn customer show ID",
     "show a customer and its ledger balances", "", true},
    {"invoice create", cmd_invoice_create,
     "vinn invoice create NUMBER --customer ID [--date D] [--due-days N | --due D] [--currency "
     "CUR] [--sale-channel S] --line \"text;qty;unit price;vat%\"...",
     "create an invoice, assign its payment reference and post it",
     "  --line SPEC   one line: text;quantity;unit price excl. VAT;VAT percent, e.g.\n"
     "                \"Elektrikertime;1,5;850,00;25\" (repeat for more lines)\n"
     "  --date D      invoice date (default today)\n"
     "  --due-days N  payment term (default the tenant's); --due D an exact due date\n"
     "  --sale-channel S  where it was sold: web, email, app, sms, pos, phone, einvoice,\n"
     "                mail; its messages go by it when the customer stated no channel\n"
     "The due date moves forward to a business day in the customer's country. The\n"
     "reference is the tenant's kind (KID, OCR, Finnish reference or RF).\n",
     true},
    {"invoice list", cmd_invoice_list,
     "vinn invoice list [--status open|paid|credited|issued|overdue] [--customer ID] [--after "
     "NUMBER] [--limit N]",
     "list invoices in number order", "", true},
    {"invoice show", cmd_invoice_show, "vinn invoice show NUMBER", "show an invoice with its lines",
     "", true},
    {"invoice credit", cmd_invoice_credit, "vinn invoice credit NUMBER [--amount A] [--number CN]",
     "credit an invoice in full or in part with a credit note",
     "  --amount A   credit this amount incl. VAT (default: all that is left to credit)\n"
     "  --number CN  the credit note's number (default NUMBER-K1, -K2, ...)\n"
     "A credit beyond what is outstanding becomes the customer's credit balance.\n",
     true},
    {"invoice ehf", cmd_invoice_ehf, "vinn invoice ehf NUMBER [-o|--output FILE]",
     "the invoice or credit note as EHF / Peppol BIS Billing 3.0 (UBL 2.1)",
     "The KID or reference goes in PaymentID; Norwegian sellers get NO<orgnr>MVA\n"
     "(NO-R-001). Written to standard output, or to FILE (nothing on failure).\n",
     true},
    {"invoice pdf", cmd_invoice_pdf, "vinn invoice pdf NUMBER [--step N] [-o|--output FILE]",
     "an invoice, credit note or case letter as a PDF in the customer's language",
     "The amount due in large type, the reference and how to pay; euro invoices get the\n"
     "EPC QR code, Finnish ones the virtual bank barcode. Lines beyond the first page\n"
     "flow onto further pages. Default FILE: NUMBER.pdf.\n"
     "  --step N   the letter of step N of the invoice's case (vinn case show): the\n"
     "             reminder or notice with the original invoice, the fee, the interest,\n"
     "             the total to pay and the deadline (default FILE: NUMBER-N.pdf)\n",
     true},
    {"import customers", cmd_import_customers, "vinn import customers FILE.csv",
     "import customers from CSV, all or nothing", "Columns: see docs/import-formats.md.\n", true},
    {"import invoices", cmd_import_invoices, "vinn import invoices FILE.csv",
     "import invoices from CSV, all or nothing",
     "One row per invoice line; see docs/import-formats.md.\n", true},
    {"payments import", cmd_payments_import,
     "vinn payments import FILE [--format auto|camt054|camt053|ocr|bgmax|csv]",
     "import a bank file: match each payment to its invoice, apply it, post it",
     "  FILE         the bank file, or - for standard input (a pipe works, auto too)\n"
     "  --format F   the file's format (default auto: detected from its content)\n"
     "Matching: a structured reference (KID, OCR, Finnish, RF) that checks and exists;\n"
     "a reference in the free text; the exact amount with a payer name like the\n"
     "customer's; up to 5 open invoices of one customer summing to the amount. Below\n"
     "the tenant's match_threshold the payment waits in the unmatched queue. Payments\n"
     "pay fees, then interest, then principal (tenant setting allocation_order), the\n"
     "oldest due invoice first; what is left is the customer's credit balance. The same\n"
     "entry imported again (same file or an overlapping one) changes nothing. A bad\n"
     "file writes nothing. Formats: docs/payments.md.\n",
     true},
    {"payments list", cmd_payments_list,
     "vinn payments list [--unmatched] [--status S] [--customer ID] [--after ID] [--limit N]",
     "list payments, or the unmatched queue",
     "  --unmatched    the queue: payments waiting for a person\n"
     "  --status S     unmatched, matched, partial, overpaid, reversed, reversal, refunded\n"
     "  --customer ID  the payments that went to one customer\n"
     "  --after ID     start after this payment id; --limit N at most N (default 100)\n",
     true},
    {"payments show", cmd_payments_show, "vinn payments show ID",
     "show a payment with what it paid and its history", "", true},
    {"payments assign", cmd_payments_assign, "vinn payments assign ID INVOICE...",
     "apply an unmatched payment to invoices of one customer (a person's decision)",
     "The invoices are paid oldest due first; what is left becomes the customer's\n"
     "credit balance. The decision is posted and recorded in the payment's history.\n",
     true},
    {"payments refund", cmd_payments_refund, "vinn payments refund ID [--account ACCOUNT]",
     "pay back an unmatched payment, or the credit balance an overpayment left",
     "Prints the payment order line (payout;date;amount;currency;payee_name;\n"
     "payee_account;message). --account overrides the payer's account.\n",
     true},
    {"run", cmd_run, "vinn run [--today D] [--tenant T] [--worker [--worker-id ID] [--lease S]]",
     "do the day: reminders, notices, hand-overs, tasks, fees and interest that are due",
     "Looks only at invoices whose next action is due (an index), for every tenant\n"
     "unless --tenant is given. Each step happens on its own step day: days skipped\n"
     "are caught up, each step once. Running a day again does nothing. The law of\n"
     "the debtor's country wins over the policy (docs/dunning.md).\n"
     "  --worker       one of several workers on one database: claim a tenant's day no\n"
     "                 other worker holds (SELECT ... FOR UPDATE SKIP LOCKED on\n"
     "                 PostgreSQL), run it, and on to the next until all are done\n"
     "  --worker-id ID the name the claims carry (default HOST:PID)\n"
     "  --lease S      a claim unfinished after S seconds is taken over (600)\n",
     true},
    {"simulate", cmd_simulate, "vinn simulate --from D1 --to D2 [--seed N]",
     "run the days D1..D2 in order with customers who pay on time, late, after a reminder or "
     "never",
     "Each day the customers who pay that day (a deterministic model drawn from --seed)\n"
     "pay what they owe through a bank file and the real import, then the day runs.\n"
     "It writes to the database: simulate on a copy to try a policy change.\n",
     true},
    {"case show", cmd_case_show, "vinn case show INVOICE",
     "show an invoice's case: steps taken, fees, interest, deadlines, the next action", "",
     true},
    {"case pause", cmd_case_pause, "vinn case pause INVOICE --reason R",
     "stop the steps of a case (a dispute, ...) until it is resumed", "", true},
    {"case resume", cmd_case_resume, "vinn case resume INVOICE",
     "let a paused or promised case go on from today", "", true},
    {"case promise", cmd_case_promise, "vinn case promise INVOICE --until D",
     "the customer promised to pay by D: no steps until then plus the policy's grace",
     "A promise not kept lets the steps go on where they were.\n", true},
    {"case writeoff", cmd_case_writeoff, "vinn case writeoff INVOICE",
     "post what is left of an invoice as a credit loss", "", true},
    {"collection export", cmd_collection_export,
     "vinn collection export [--today D] [--format csv|json]",
     "the claims handed over to collection that day, with the debtor and the letters sent", "",
     true},
    {"policy list", cmd_policy_list, "vinn policy list",
     "the tenant's dunning policies, then the built-in lawful defaults", "", true},
    {"policy show", cmd_policy_show, "vinn policy show NAME", "a dunning policy as JSON", "",
     true},
    {"policy set", cmd_policy_set, "vinn policy set NAME --file FILE.json",
     "add or replace a dunning policy; one that breaks the law is refused",
     "The JSON format and the law checked: docs/dunning.md. '-' reads standard input.\n",
     true},
    {"policy check", cmd_policy_check, "vinn policy check NAME | --file FILE.json",
     "check a policy against the law; exit 1 and the rules it breaks when it does", "", true},
    {"policy delete", cmd_policy_delete, "vinn policy delete NAME", "delete a dunning policy",
     "", true},
    {"rates list", cmd_rates_list, "vinn rates list [--country CC] [--kind person|company]",
     "the late-interest rate table: the law's, with the tenant's own over it", "", true},
    {"rates set", cmd_rates_set, "vinn rates set COUNTRY FROM RATE [--kind person|company]",
     "a late-interest rate (percent a year) in force from a day",
     "Use it when the half-yearly rate changes, e.g. vinn rates set NO 2026-07-01 12.25\n",
     true},
    {"outbox send", cmd_outbox_send,
     "vinn outbox send [--smtp smtp://HOST:PORT] [--smtp-user U] [--sms-url URL] [--drop DIR] "
     "[--from ADDRESS] [--limit N]",
     "deliver the queued messages that are due: e-mail, SMS, letters and e-invoices",
     "Each message is rendered in the customer's language and the step's tone and sent\n"
     "on its channel; letters, e-invoices and digital-mailbox messages are files in\n"
     "DIR/<channel>/. Each day's letters are also one print batch,\n"
     "DIR/letter/batch-<tenant>-<day>.pdf with a manifest .json beside it, made again\n"
     "when the day's letters changed. A temporary failure is retried later with a\n"
     "growing delay; a permanent one fails with its reason. A channel without its\n"
     "option waits.\n"
     "Secrets from the environment: VINN_SMTP_PASSWORD, VINN_SMS_TOKEN.\n",
     true},
    {"template show", cmd_template_show, "vinn template show KIND --lang L [--tone T]",
     "the text a message kind is sent with: the tenant's own, or the built-in one",
     "KIND: invoice pre-due reminder notice receipt payment-plan checkout-link;\n"
     "--lang nb sv fi da en; --tone friendly (default) neutral firm.\n",
     true},
    {"template set", cmd_template_set,
     "vinn template set KIND --lang L [--tone T] --file FILE.json",
     "use the tenant's own text for a message kind, language and tone",
     "FILE.json: {\"subject\": ..., \"body\": ..., \"sms\": ...}. Placeholders:\n"
     "{{customer_name}} {{tenant_name}} {{invoice_number}} {{amount}} {{due_date}}\n"
     "{{deadline}} {{reference}} {{account}} {{fees}} {{interest}} {{total}} {{link}};\n"
     "an unknown one is refused (docs/messages.md).\n",
     true},
    {"template reset", cmd_template_reset, "vinn template reset KIND --lang L [--tone T]",
     "go back to the built-in text", "", true},
    {"messages list", cmd_messages_list,
     "vinn messages list [--invoice NUMBER] [--after ID] [--limit N]",
     "the messages queued for the customers (the outbox)", "", true},
    {"tasks list", cmd_tasks_list, "vinn tasks list",
     "the personal follow-ups the day made for key accounts and task steps", "", true},
    {"serve", cmd_serve,
     "vinn serve [--listen HOST:PORT] [--threads N] [--rate N] [--burst N] [--body-max MIB] "
     "[--timeout S] [--request-timeout S] [--webhooks-every MS] [--log-pages N] "
     "[--writers N] [--quiet] [--ready-file FILE]",
     "the HTTP API (docs/api.md) until SIGTERM or SIGINT",
     "  --listen HOST:PORT  address to listen on (default 127.0.0.1:8080; port 0: any free)\n"
     "  --threads N         worker threads (default 2 per core)\n"
     "  --rate N            requests a second per API key (default 100; 0: no limit);\n"
     "                      --burst N requests at once (default: the rate)\n"
     "  --body-max MIB      largest request body (default 16; bank files)\n"
     "  --timeout S         an idle or slow connection is closed after S seconds (30)\n"
     "  --request-timeout S a request's database work stops after S seconds (30): 503\n"
     "  --webhooks-every MS deliver queued webhook events this often (1000; 0: never)\n"
     "  --log-pages N       SQLite: past N pages (32768, 128 MiB) the log is copied into the\n"
     "                      database and written from its start again\n"
     "  --writers N         PostgreSQL: writer threads (default 4; 1 to 32), each with\n"
     "                      its share of the tenants; SQLite has one\n"
     "  --ready-file FILE   write the port to FILE once listening\n"
     "Writes go through a writer that commits the requests waiting together (group\n"
     "commit). On SIGTERM it stops taking connections and finishes those in flight.\n",
     true},
    {"key create", cmd_key_create, "vinn key create [--scopes read,write] [--name NAME]",
     "make an API key for the tenant: printed once, alone on standard output",
     "Only its hash is stored. Scopes: read (GET), write (POST, PUT, DELETE).\n", true},
    {"key revoke", cmd_key_revoke, "vinn key revoke KEY",
     "revoke an API key (the key or its 16-digit id)", "", true},
    {"key list", cmd_key_list, "vinn key list", "the tenant's API keys (their ids, never the keys)",
     "", true},
    {"webhooks send", cmd_webhooks_send, "vinn webhooks send [--limit N] [--timeout S]",
     "deliver the webhook events that are due (vinn serve does it every second)",
     "Each is a POST with Vinn-Signature: t=UNIX,v1=HEX(HMAC-SHA256(secret, \"UNIX.BODY\")).\n"
     "A 2xx is delivered; else it is retried with a growing delay, at most 8 times.\n",
     true},
    {"ledger balance", cmd_ledger_balance, "vinn ledger balance [--customer ID]",
     "show account balances of the tenant or of one customer", "", true},
    {"ledger verify", cmd_ledger_verify, "vinn ledger verify",
     "recompute every balance from the postings and check every transaction balances",
     "Checks all tenants unless --tenant is given. Exit 0 when all hold, 1 when not.\n", true},
    {"ref make", cmd_ref_make, "vinn ref make TYPE BASE",
     "make a payment reference (TYPE: kid10 kid11 kid ocr ocr-len fi rf)", "", false},
    {"ref check", cmd_ref_check, "vinn ref check TYPE REFERENCE",
     "check a payment reference; exit 1 when it is not valid", "", false},
    {"id check", cmd_id_check, "vinn id check TYPE VALUE",
     "check an identifier; exit 1 when it is not valid",
     "TYPE: iban no-account no-org se-org fi-business dk-cvr no-person se-person fi-person\n"
     "se-bankgiro\n",
     false},
    {"calendar", cmd_calendar, "vinn calendar COUNTRY YEAR",
     "list the bank holidays of NO, SE, FI or DK in a year (1900-2199)", "", false},
};

const int vinn_commands_count = (int)(sizeof(vinn_commands) / sizeof(vinn_commands[0]));
