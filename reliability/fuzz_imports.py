"""Fuzzers for the file imports: catalogue CSV/XLSX, orders, the accounts
ledger and documents. Each import is all or nothing, so a refused file must
leave every table exactly as it was."""

from __future__ import annotations

from hypothesis import strategies as st

from reliability.fuzz_kit import demo_db, refused_or_applied, run_fuzzer, table_bytes, write_xlsx


def _setup(tmp):
    db, owner = demo_db(tmp)
    words = [r[0] for r in db.execute("SELECT sku FROM products UNION ALL SELECT code FROM materials"
                                      " UNION ALL SELECT name FROM parties UNION ALL SELECT code FROM accounts"
                                      " UNION ALL SELECT name FROM routing_steps")]
    return {"db": db, "owner": owner, "words": words[:60]}


def fuzz_catalogue(examples: int):
    from smedesk.production import imports

    def strategy(ctx):
        return st.tuples(st.sampled_from(list(imports.KINDS)), st.booleans(), st.data())

    def one(ctx, example):
        kind, as_xlsx, data = example
        headers = imports.HEADERS[kind] + list(imports.OPTIONAL[kind])
        payload = data.draw(table_bytes(headers, ctx["words"] + ["1.5", "10", "5", "PEN", "kg"]))
        path = ctx["tmp"] / "catalogo.csv"
        path.write_bytes(payload)
        if as_xlsx and write_xlsx(ctx["tmp"] / "catalogo.xlsx", payload):
            path = ctx["tmp"] / "catalogo.xlsx"
        return refused_or_applied(ctx["db"], lambda: imports.import_file(ctx["db"], kind, path, actor=ctx["owner"]))

    return run_fuzzer("catalogue import CSV/XLSX", examples, _setup, strategy, one)


def fuzz_orders(examples: int):
    from smedesk.tracking import orderimport

    headers = ["order_no", "customer", "sku", "qty", "unit_price", "due_date", "size", "colour", "currency"]

    def strategy(ctx):
        return table_bytes(headers, ctx["words"] + ["P-900", "P-901", "3", "25.50", "2027-01-15", "M", "Rojo"])

    def one(ctx, payload):
        path = ctx["tmp"] / "pedidos.csv"
        path.write_bytes(payload)
        return refused_or_applied(ctx["db"], lambda: orderimport.import_file(ctx["db"], path, actor=ctx["owner"]))

    return run_fuzzer("order import CSV", examples, _setup, strategy, one)


def fuzz_accounts(examples: int):
    from smedesk.accounts import imports

    def strategy(ctx):
        return st.tuples(st.booleans(), st.data())

    def one(ctx, example):
        ledger, data = example
        columns = list(imports.LEDGER_COLUMNS if ledger else imports.DOC_COLUMNS)
        extra = ctx["words"] + ["A1", "2026-11-03", "100.00", "sale", "purchase", "01", "03", "F001", "B001",
                                "20100123453", "yes", "no", "igv", "exempt", "3.75"]
        path = ctx["tmp"] / "libro.csv"
        path.write_bytes(data.draw(table_bytes(columns, extra)))
        run = imports.import_ledger if ledger else imports.import_documents
        return refused_or_applied(ctx["db"], lambda: run(ctx["db"], path, actor=ctx["owner"]))

    return run_fuzzer("accounts ledger/documents import", examples, _setup, strategy, one)


FUZZERS = {"catalogue": fuzz_catalogue, "orders": fuzz_orders, "accounts": fuzz_accounts}
