#!/usr/bin/env python3
"""Derives data/gazetteer/{provinces,districts}.tsv from shared/data/admin-units (MIT; GSO unit list;
2025 merger compiled from Nghị quyết 202/2025/QH15). Facts only: names, types, codes, the merger map.
Usage: build_gazetteer.py SHARED_DIR OUT_DIR
"""
import csv
import sys


def main(shared, out):
    base = f"{shared}/data/admin-units"
    merger = {}
    with open(f"{base}/provinces_2025_merger.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            merger[row["old_code"]] = row["new_name"]
    with open(f"{base}/provinces_63.csv", encoding="utf-8") as f, \
         open(f"{out}/provinces.tsv", "w", encoding="utf-8") as o:
        o.write("# code\tname\ttype\tprovince_2025 (derived from admin-units, see data/SOURCES.md)\n")
        for row in csv.DictReader(f):
            o.write(f"{row['code']}\t{row['name']}\t{row['type']}\t{merger[row['code']]}\n")
    with open(f"{base}/districts_63.csv", encoding="utf-8") as f, \
         open(f"{out}/districts.tsv", "w", encoding="utf-8") as o:
        o.write("# code\tname\ttype\tprovince_code\n")
        for row in csv.DictReader(f):
            o.write(f"{row['code']}\t{row['name']}\t{row['type']}\t{row['province_code']}\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
