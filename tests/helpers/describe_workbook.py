"""What openpyxl sees of a workbook's structure: merges, panes, validations, conditional formats,
print setup, notes, fills, links, defined names, sheet states, column widths, and cell by cell the
values, formats, bold and wrapped cells of the first rows. tests/test_writer_samples.py checks with
it what a real client makes of the workbooks Jixiao's writer and template filler wrote.

Usage: describe_workbook.py FILE [ROWS] — prints the description as JSON (ROWS rows described cell
by cell, 5 unless given)."""

import json
import sys

import openpyxl


def describe(path, limit=5):
    """The description of the workbook at `path`, with its first `limit` rows cell by cell."""
    wb = openpyxl.load_workbook(path)
    out = {"sheets": {}, "definedNames": sorted(wb.defined_names.keys()),
           "definedNameValues": {k: v.attr_text for k, v in wb.defined_names.items()}}
    for ws in wb.worksheets:
        out["sheets"][ws.title] = {
            "state": ws.sheet_state,
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "freeze": ws.freeze_panes,
            "autoFilter": ws.auto_filter.ref,
            "validations": [{"sqref": str(v.sqref), "type": v.type, "formula1": v.formula1} for v in ws.data_validations.dataValidation],
            "conditional": [{"sqref": str(r.sqref), "rules": [{"type": x.type, "operator": x.operator, "formula": x.formula} for x in r.rules]}
                            for r in ws.conditional_formatting],
            "orientation": ws.page_setup.orientation,
            "paperSize": ws.page_setup.paperSize,
            "fitToWidth": ws.page_setup.fitToWidth,
            "printTitleRows": ws.print_title_rows,
            "comments": {c.coordinate: c.comment.text for row in ws.iter_rows() for c in row if c.comment},
            "fills": {c.coordinate: c.fill.fgColor.rgb for row in ws.iter_rows() for c in row
                      if c.fill is not None and c.fill.fill_type == "solid"},
            "links": {c.coordinate: c.hyperlink.location for row in ws.iter_rows() for c in row if c.hyperlink},
            "heights": {str(k): v.height for k, v in ws.row_dimensions.items() if v.height and k <= limit},
            "widths": {k: v.width for k, v in ws.column_dimensions.items() if v.width},
            "values": {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value is not None and c.row <= limit},
            "formats": {c.coordinate: c.number_format for row in ws.iter_rows() for c in row if c.number_format != "General" and c.row <= limit},
            "bold": sorted(c.coordinate for row in ws.iter_rows() for c in row if c.font and c.font.b and c.row <= limit),
            "wrap": sorted(c.coordinate for row in ws.iter_rows() for c in row if c.alignment and c.alignment.wrap_text and c.row <= limit),
        }
    return out


if __name__ == "__main__":
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    print(json.dumps(describe(sys.argv[1], rows), ensure_ascii=False, default=str))
