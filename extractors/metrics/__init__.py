"""Agency metric files (CSV, XLSX, Parquet; long or wide) -> judged rows, ready to load.

Pure: bytes (or the path of a large CSV polars reads from disk) in, frames out. The stages,
one module each, called in order by ``read.read_judged``:

1. ``formats``  - the format from the bytes, never the file name;
2. ``layout``   - title rows, the header row and each column's role (``vocabulary``);
   XLSX workbooks are checked before they are read (``xlsx``) and read as the agency sees
   them (``as_shown``: hidden columns and rows, merged cells, yes/no and error cells);
3. ``body``     - polars reads the body as text, one row per file row; a wide file is
   unpivoted;
4. ``judge``    - every column is encoded as its distinct values plus a per-row index
   (``encode``), and only the distinct values are judged in Python: numbers, periods,
   agencies and indicators; one boolean pass finds the rows with a problem (blank agency,
   unknown period, a number that is not one, negative numbers, numerator > denominator,
   shares outside 0-100) and one count of distinct keys the duplicated and conflicting
   rows; only those rows get a reason (``reasons``).

The caller (``warehouse.metric_load``) writes the key tables, the facts and the rejects in
the file's transaction.
"""
