#!/usr/bin/env python3
"""The columnar rollup against DuckDB and Polars on the same data, in one run.

    python3 -m pip install duckdb polars pyarrow numpy   # dev only
    python3 benches/compare.py [--rows 10000000] [--threads 2] [--runs 5]

Runs `cargo run --release --example scale -- --rows N --threads T --json --dump DIR`, which
generates the rows (fixed seed: 2024 项 codes, three columns of 分) and times the crate's
columnar rollup (best of 5); then loads the very same columns from DIR into DuckDB (a native
table, DECIMAL(18,2)) and Polars (Decimal(18,2)) and times, on T threads:

- DuckDB: SELECT 类, 款, 项, sum(a), sum(b), sum(c) FROM t GROUP BY ROLLUP (类, 款, 项)
- Polars: group_by 项 over all rows, then 款, 类 and the total from the 项 sums

Each engine's grand totals are checked against numpy's exact integer sums. Prints best and
median per engine and the ratios to the crate (best against best: the example's contract
reports the best of 5).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    # Polars reads its thread count at import.
    os.environ["POLARS_MAX_THREADS"] = str(args.threads)
    import duckdb
    import numpy as np
    import polars as pl
    import pyarrow as pa

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    with tempfile.TemporaryDirectory() as tmp:
        cmd = ["cargo", "run", "--quiet", "--release", "--example", "scale", "--",
               "--rows", str(args.rows), "--threads", str(args.threads), "--json", "--dump", tmp]
        out = subprocess.run(cmd, cwd=root, check=True, capture_output=True, text=True).stdout
        lines = out.strip().splitlines()
        assert len(lines) == 1, f"scale printed {len(lines)} lines"
        crate = json.loads(lines[0])
        codes = np.fromfile(os.path.join(tmp, "codes.u32"), dtype="<u4")
        amounts = [np.fromfile(os.path.join(tmp, f"amount{i}.i64"), dtype="<i8") for i in range(3)]
    assert len(codes) == args.rows

    def decimal_column(values):
        # Decimal128(18, 2) from the 分: low 64 bits, then the sign extension.
        words = np.empty((len(values), 2), dtype="<i8")
        words[:, 0] = values
        words[:, 1] = values >> 63
        return pa.Array.from_buffers(pa.decimal128(18, 2), len(values),
                                     [None, pa.py_buffer(words.tobytes())])

    table = pa.table({
        "类": pa.array(codes // 10000, pa.int32()),
        "款": pa.array(codes // 100, pa.int32()),
        "项": pa.array(codes, pa.int32()),
        "a": decimal_column(amounts[0]),
        "b": decimal_column(amounts[1]),
        "c": decimal_column(amounts[2]),
    })
    exact = [Decimal(int(v.sum(dtype=np.int64))).scaleb(-2) for v in amounts]

    con = duckdb.connect()
    con.execute(f"SET threads = {args.threads}")
    con.register("arrow_rows", table)
    con.execute("CREATE TABLE t AS SELECT * FROM arrow_rows")
    con.unregister("arrow_rows")
    sql = ('SELECT "类", "款", "项", sum(a), sum(b), sum(c) FROM t '
           'GROUP BY ROLLUP ("类", "款", "项")')

    def duck():
        return con.execute(sql).fetchall()

    df = pl.from_arrow(table)

    def polars():
        items = df.group_by("项").agg(pl.col("a").sum(), pl.col("b").sum(), pl.col("c").sum(),
                                     pl.col("款").first(), pl.col("类").first())
        sections = items.group_by("款").agg(pl.col("a").sum(), pl.col("b").sum(), pl.col("c").sum())
        classes = items.group_by("类").agg(pl.col("a").sum(), pl.col("b").sum(), pl.col("c").sum())
        total = items.select(pl.col("a").sum(), pl.col("b").sum(), pl.col("c").sum())
        return items, sections, classes, total

    def timed(f):
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            result = f()
            times.append(time.perf_counter() - start)
        return result, times

    rows, duck_times = timed(duck)
    grand = [r for r in rows if r[0] is None][0][3:]
    assert list(grand) == exact, f"DuckDB grand total {grand} != {exact}"
    (_, _, _, total), polars_times = timed(polars)
    assert [Decimal(str(total[c][0])) for c in "abc"] == exact, "Polars grand total differs"

    load = os.getloadavg()
    print(f"{args.rows} rows × 3 columns, {args.threads} threads, "
          f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; "
          f"duckdb {duckdb.__version__}, polars {pl.__version__}")
    crate_s = crate["rollup_seconds"]
    print(f"cn-budget rollup_columns: best {crate_s * 1e3:8.1f} ms "
          f"(one read of the columns: {crate['read_seconds'] * 1e3:.1f} ms)")
    for name, times in [("DuckDB GROUP BY ROLLUP", duck_times), ("Polars group_by", polars_times)]:
        best, median = min(times), statistics.median(times)
        print(f"{name:24}: best {best * 1e3:8.1f} ms, median {median * 1e3:8.1f} ms; "
              f"best / cn-budget best = {best / crate_s:.2f}×")
    print(json.dumps({"rows": args.rows, "threads": args.threads, "cn_budget_best": crate_s,
                      "duckdb_best": min(duck_times), "duckdb_median": statistics.median(duck_times),
                      "polars_best": min(polars_times),
                      "polars_median": statistics.median(polars_times),
                      "load_average": load[0]}))


if __name__ == "__main__":
    sys.exit(main())
