"""Fills the downloaded Temps 1 template as a user would: rows of text under each sheet's headers.

Usage: fill_template.py TEMPLATE OUTPUT < rows.json   ({"Entités": [["Escale", "732829320"]], ...})
"""
import json
import sys

import openpyxl

template, output = sys.argv[1], sys.argv[2]
book = openpyxl.load_workbook(template)
for sheet, rows in json.load(sys.stdin).items():
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            if value != "":
                book[sheet].cell(row=r, column=c, value=value)
book.save(output)
