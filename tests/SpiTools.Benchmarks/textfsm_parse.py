#!/usr/bin/env python3
"""The TextFSM side of the `process` benchmark: what an engineer runs with ntc-templates.

    textfsm_parse.py TEMPLATE CAPTURE

Parses CAPTURE with the TextFSM TEMPLATE and prints the records as a JSON array of objects (one per row, keyed
by the template's value names), as ntc-templates' parse_output followed by json.dumps gives them. The number of
rows goes to standard error.
"""
import json
import sys

import textfsm


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as template:
        fsm = textfsm.TextFSM(template)
    with open(sys.argv[2], encoding="utf-8", errors="replace") as capture:
        rows = fsm.ParseText(capture.read())
    keys = [k.lower() for k in fsm.header]
    json.dump([dict(zip(keys, row)) for row in rows], sys.stdout, indent=2)
    sys.stdout.write("\n")
    print(f"{len(rows)} rows", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
