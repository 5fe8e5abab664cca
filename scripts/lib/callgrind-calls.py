#!/usr/bin/env python3
"""Counts the calls to the named functions in a callgrind output file (scripts/profile uses
it for allocations: calls to malloc, calloc and realloc, whoever made them).

  callgrind-calls.py FILE NAME...      prints the total number of calls"""
import re
import sys

path, wanted = sys.argv[1], set(sys.argv[2:])
names = {}  # callgrind compresses names: "(12) malloc" first, "(12)" after
target = None
total = 0
spec = re.compile(r"^cfn=\((\d+)\)(?: (.*))?$")
with open(path, errors="replace") as f:
    for line in f:
        if line.startswith("cfn="):
            m = spec.match(line.rstrip("\n"))
            if m:
                if m.group(2) is not None:
                    names[m.group(1)] = m.group(2)
                target = names.get(m.group(1))
            else:
                target = line[4:].rstrip("\n")
        elif line.startswith("calls=") and target is not None:
            if target in wanted:
                total += int(line[6:].split()[0])
            target = None
        elif line.startswith("fn="):
            m = re.match(r"^fn=\((\d+)\)(?: (.*))?$", line.rstrip("\n"))
            if m and m.group(2) is not None:
                names[m.group(1)] = m.group(2)
print(total)
