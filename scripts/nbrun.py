#!/usr/bin/python3
"""Execute notebooks headless under the project's tslab kernel and fail on the first cell that errs.

tslab reports a failing cell only as text on stderr (no `error` output), and plain
`nbconvert --execute` then fails with an empty message or, with --allow-errors, silently aborts
later cells. This runner checks every code cell as it finishes: any `error` output or any stderr
text fails the notebook, naming the notebook, the cell index and what the kernel printed.

Usage: nbrun.py [--html OUTDIR] [--timeout SECONDS] [--json] NOTEBOOK...
Exit status: 0 when every notebook ran clean, 1 otherwise.
"""
import argparse
import json
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


class CellFailed(Exception):
    def __init__(self, index, source, text):
        super().__init__(text)
        self.index = index
        self.source = source
        self.text = text


class StrictClient(NotebookClient):
    async def async_execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
        reply_error = None
        try:
            cell = await super().async_execute_cell(cell, cell_index, execution_count, store_history)
        except CellExecutionError as e:  # the kernel replied "error"; its message is on stderr
            reply_error = str(e)
            cell = self.nb.cells[cell_index]
        if cell.cell_type != "code":
            return cell
        problems = []
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream" and out.get("name") == "stderr":
                problems.append(out.get("text", ""))
            elif out.get("output_type") == "error":
                problems.append("%s: %s\n%s" % (out.get("ename"), out.get("evalue"), "\n".join(out.get("traceback", []))))
        if reply_error is not None and not problems:
            problems.append(reply_error)
        if problems:
            raise CellFailed(cell_index, cell.source, "".join(problems).strip())
        return cell


def run(path, root, html_dir, timeout):
    nb = nbformat.read(path, as_version=4)
    client = StrictClient(nb, timeout=timeout, kernel_name="tslab", resources={"metadata": {"path": root}})
    started = time.time()
    error = None
    try:
        client.execute()
    except CellFailed as e:
        error = {"cell": e.index, "source": e.source, "stderr": e.text}
    except Exception as e:  # kernel died, timeout, …
        error = {"cell": None, "source": "", "stderr": "%s: %s" % (type(e).__name__, e)}
    seconds = time.time() - started
    if html_dir:
        from nbconvert import HTMLExporter

        os.makedirs(html_dir, exist_ok=True)
        body, _ = HTMLExporter().from_notebook_node(nb)
        name = os.path.splitext(os.path.basename(path))[0] + ".html"
        with open(os.path.join(html_dir, name + ".tmp"), "w", encoding="utf-8") as f:
            f.write(body)
        os.replace(os.path.join(html_dir, name + ".tmp"), os.path.join(html_dir, name))
    return {"notebook": path, "ok": error is None, "seconds": round(seconds, 1), "error": error}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("notebooks", nargs="+")
    ap.add_argument("--html", help="write each executed notebook as HTML into this folder")
    ap.add_argument("--timeout", type=int, default=900, help="seconds per cell (default 900)")
    ap.add_argument("--json", action="store_true", help="print one JSON line per notebook")
    args = ap.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    failed = 0
    for path in args.notebooks:
        result = run(path, root, args.html, args.timeout)
        if args.json:
            print(json.dumps(result), flush=True)
        elif result["ok"]:
            print("ok    %s (%.1f s)" % (path, result["seconds"]), flush=True)
        else:
            err = result["error"]
            where = "cell %s" % err["cell"] if err["cell"] is not None else "kernel"
            print("FAIL  %s: %s failed\n--- cell source ---\n%s\n--- kernel stderr ---\n%s\n" % (path, where, err["source"], err["stderr"]), flush=True)
        if not result["ok"]:
            failed += 1
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
