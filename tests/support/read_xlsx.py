#!/usr/bin/python3
"""Prints an XLSX workbook as JSON, read with openpyxl, for the export tests.

    read_xlsx.py FILE          every sheet: name, freeze panes, autofilter range, and every
                               row as cells {"value", "type", "format"}; a date as "YYYY-MM-DD"
    read_xlsx.py --count FILE  every sheet: name, number of rows and the last row (streaming, for
                               big files)
"""
import datetime
import json
import sys

import openpyxl


def cell_json(cell):
    value = cell.value
    if value is None:
        kind = "blank"
    elif isinstance(value, datetime.datetime):
        kind, value = "date", value.date().isoformat()
    elif isinstance(value, datetime.date):
        kind, value = "date", value.isoformat()
    elif isinstance(value, (int, float)):
        kind = "number"
    else:
        kind = "text"
    return {"value": value, "type": kind, "format": cell.number_format}


def main(args):
    if args[0] == "--count":
        workbook = openpyxl.load_workbook(args[1], read_only=True)
        sheets = []
        for ws in workbook.worksheets:
            rows, last = 0, []
            for row in ws.iter_rows():
                rows, last = rows + 1, row
            sheets.append({"name": ws.title, "rows": rows, "last": [cell_json(c) for c in last]})
    else:
        workbook = openpyxl.load_workbook(args[0])
        sheets = []
        for ws in workbook.worksheets:
            sheets.append({
                "name": ws.title,
                "freeze_panes": ws.freeze_panes,
                "auto_filter": ws.auto_filter.ref,
                "bold_header": all(c.font.b for c in ws[1]) if ws.max_row >= 1 else False,
                "rows": [[cell_json(c) for c in row] for row in ws.iter_rows()],
            })
    json.dump({"sheets": sheets}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1:])
