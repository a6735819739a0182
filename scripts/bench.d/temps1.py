"""Writes a Temps 1 file of ROWS rows (a fifth entités, three fifths dispositifs, a fifth financements) into
the downloaded template, for the import benchmark.

Usage: temps1.py TEMPLATE OUTPUT ROWS
"""
import subprocess
import sys
import json
import os


def siren(n):
    base = f"{99000000 + n:08d}"
    for k in range(10):
        s = base + str(k)
        total = 0
        for i, d in enumerate(reversed(s)):
            d = int(d)
            if i % 2:
                d = d * 2 - 9 if d * 2 > 9 else d * 2
            total += d
        if total % 10 == 0:
            return s
    raise ValueError(n)


template, output, rows = sys.argv[1], sys.argv[2], int(sys.argv[3])
entites = rows // 5
data = {"Entités": [], "Dispositifs": [], "Financement": []}
for i in range(entites):
    name = f"Entité import {i}"
    data["Entités"].append([name, siren(i), "0299000000", f"contact{i}@exemple.fr", "Autre", "1234"])
    for j in range(3):
        data["Dispositifs"].append([name, f"CHRS {i}-{j}", "Hébergement", "CHRS", "Oui", "Familles; Hommes seuls"])
    data["Financement"].append([name, f"CHRS {i}-0", "BOP 177 (État)", "2026", "20", "125000"])
fill = os.path.join(os.path.dirname(__file__), "..", "..", "end2end", "fill_template.py")
subprocess.run([sys.executable, fill, template, output], input=json.dumps(data).encode(), check=True)
