#!/bin/sh
# CSV imports: all or nothing per file, errors naming file, line and column,
# a second import of the same file refused as a conflict.
. "$(dirname "$0")/lib.sh"

run init
run tenant add acme --country SE --currency SEK
cat >customers.csv <<'CSV'
id;name;country;lang;kind;email;phone;org_no;address;postcode;city;tags
K1;Karin Lindqvist;SE;;person;karin@example.se;+46701234567;;Kungsgatan 5;111 43;Stockholm;
K2;"Björk & Åberg AB";SE;sv;company;;;556036-0793;Storgatan 1;411 38;Göteborg;key-account|vip
K3;Jussi Mäkinen;FI;fi;person;jussi@example.fi;;;Mannerheimintie 22;00100;Helsinki;
CSV
run import customers customers.csv --json
expect_rc 0 "customers imported"
expect_json .customers 3 "three customers"
run customer show K2 --json
expect_json .org 5560360793 "org number checked and normalised"
expect_json '.tags | join(",")' "key-account,vip" "tags"
expect_json .lang sv "language"

cat >invoices.csv <<'CSV'
number,customer,date,due_days,currency,text,quantity,unit_price,vat_rate
SE-1,K1,2026-06-05,14,SEK,Månadsavgift bredband,1,399.00,25
SE-1,K1,2026-06-05,14,SEK,Router,1,"1 249,50",25
SE-2,K2,2026-06-10,30,,Böcker,3,120,6
CSV
run import invoices invoices.csv --json
expect_rc 0 "invoices imported"
expect_json .invoices 2 "two invoices"
expect_json .lines 3 "three lines"
expect_json .amount 244223 "total: 2060.63 + 381.60"
run invoice show SE-1 --json
expect_json .amount 206063 "SE-1: 1648.50 + 25 % = 2060.625 -> 2060.63"
expect_json .due_date 2026-06-22 "due 19 June is Midsummer Eve: banks closed until Monday 22"
expect_json .reference 000000018 "Swedish OCR (Luhn) of invoice id 1"
run invoice show SE-2 --json
expect_json .vat 2160 "6 % VAT on books"

count() { db_scalar "SELECT COUNT(*) FROM invoices"; }
run import invoices invoices.csv --json
expect_rc 4 "importing the same file again is a conflict"
expect_json .error.code invoice_exists "invoice_exists"
expect_out_contains "invoices.csv line 2: invoice 'SE-1' already exists" "names file and line"
expect_eq "$(count)" 2 "nothing written"

cat >bad.csv <<'CSV'
number,customer,date,due_days,currency,text,quantity,unit_price,vat_rate
SE-3,K1,2026-06-10,14,SEK,Vara,1,100,25
SE-4,K1,2026-06-10,14,SEK,Vara,1,100,25
SE-4,K1,2026-06-10,14,SEK,Vara,1,100,125
CSV
run import invoices bad.csv --json
expect_rc 2 "a bad VAT rate on line 4"
expect_json .error.field vat_rate "names the column"
expect_out_contains "bad.csv line 4" "names the file and line"
expect_eq "$(count)" 2 "SE-3 from the same file was not written either"

printf 'number,customer,text,quantity,unit_price,vat_rate,amout\n' >unknown.csv
run import invoices unknown.csv
expect_rc 2 "unknown column"
expect_err_contains "unknown column 'amout'" "names it"

printf 'number,text,quantity,unit_price,vat_rate\nX,a,1,1,25\n' >missing.csv
run import invoices missing.csv
expect_rc 2 "missing required column"
expect_err_contains "'customer'" "names it"

printf 'number,customer,text,quantity,unit_price,vat_rate\nX-1,NOBODY,a,1,1,25\n' >nobody.csv
run import invoices nobody.csv --json
expect_rc 2 "unknown customer"
expect_json .error.code customer_unknown "customer_unknown"

printf 'id,name,country\nK9,Ok,SE\nK10,Bad,SWE\n' >badcust.csv
run import customers badcust.csv --json
expect_rc 2 "bad country on line 3"
expect_out_contains "badcust.csv line 3" "names the line"
expect_eq "$(db_scalar 'SELECT COUNT(*) FROM customers')" 3 "K9 not written"

run import invoices no-such-file.csv
expect_rc 2 "missing file"
expect_err_contains "no-such-file.csv" "names the file"

run ledger verify
expect_rc 0 "the ledger holds"
done_testing
