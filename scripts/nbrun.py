#!/usr/bin/python3
"""Execute notebooks headless under the project's tslab kernel and fail on the first cell that errs.

tslab reports a failing cell only as text on stderr (no `error` output), and plain
`nbconvert --execute` then fails with an empty message or, with --allow-errors, silently aborts
later cells. This runner checks every code cell as it finishes: any `error` output or any stderr
text fails the notebook, naming the notebook, the cell index and what the kernel printed.

Sizes (papermill's convention): a notebook may tag one code cell "parameters" holding its sizes (seeds,
replications, runs) as `const name = value;` lines. `-p name=value` injects a cell right after it that
declares the name again with the new value, so every later cell uses it; the notebook itself is not changed.

Usage: nbrun.py [--html OUTDIR] [--timeout SECONDS] [--json] [-p NAME=VALUE]... NOTEBOOK...
Exit status: 0 when every notebook ran clean, 1 otherwise, 2 for a bad -p.
"""
import argparse
import json
import os
import re
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


class BadParameter(Exception):
    pass


def parse_parameter(text):
    """NAME=VALUE, VALUE a JSON literal (4, 0.5, true, "text"); anything else is taken as a string."""
    name, sep, raw = text.partition("=")
    if not sep or not re.fullmatch(r"[A-Za-z_$][\w$]*", name):
        raise BadParameter("-p %r: expected NAME=VALUE, e.g. -p validationSeeds=3" % text)
    try:
        value = json.loads(raw)
    except ValueError:
        value = raw
    if isinstance(value, (dict, list)) or value is None:
        raise BadParameter("-p %s: VALUE must be a number, true/false or a string, got %r" % (name, raw))
    return name, value


def inject_parameters(nb, path, parameters):
    """Insert a cell redeclaring `parameters` right after the cell tagged "parameters"."""
    if not parameters:
        return None
    tagged = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and "parameters" in c.get("metadata", {}).get("tags", [])]
    if len(tagged) != 1:
        raise BadParameter("%s: -p needs exactly one code cell tagged \"parameters\", found %d" % (path, len(tagged)))
    declared = re.findall(r"^\s*(?:const|let|var)\s+([A-Za-z_$][\w$]*)", nb.cells[tagged[0]].source, re.M)
    unknown = [n for n in parameters if n not in declared]
    if unknown:
        raise BadParameter("%s: -p %s: not declared in the parameters cell (it declares: %s)" % (path, ", ".join(unknown), ", ".join(declared) or "nothing"))
    lines = ["// injected by scripts/nbrun.py -p: these values replace the parameters cell's"]
    lines += ["const %s = %s;" % (n, json.dumps(v, ensure_ascii=False)) for n, v in parameters.items()]
    cell = nbformat.v4.new_code_cell("\n".join(lines), metadata={"tags": ["injected-parameters"]})
    nb.cells.insert(tagged[0] + 1, cell)
    return tagged[0] + 1


def stdout_text(nb):
    return "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.get("output_type") == "stream" and o.get("name") == "stdout")


def run(path, root, html_dir, timeout, parameters=None):
    nb = nbformat.read(path, as_version=4)
    injected = inject_parameters(nb, path, parameters)
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
    if error and injected is not None and error["cell"] is not None:  # name cells by their index in the notebook file
        if error["cell"] == injected:
            error["source"] = "(cell injected by -p after cell %d)\n%s" % (injected - 1, error["source"])
            error["cell"] = injected - 1
        elif error["cell"] > injected:
            error["cell"] -= 1
    if html_dir:
        from nbconvert import HTMLExporter

        os.makedirs(html_dir, exist_ok=True)
        body, _ = HTMLExporter().from_notebook_node(nb)
        name = os.path.splitext(os.path.basename(path))[0] + ".html"
        with open(os.path.join(html_dir, name + ".tmp"), "w", encoding="utf-8") as f:
            f.write(body)
        os.replace(os.path.join(html_dir, name + ".tmp"), os.path.join(html_dir, name))
    return {"notebook": path, "ok": error is None, "seconds": round(seconds, 1), "error": error, "parameters": parameters or {}, "stdout": stdout_text(nb)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("notebooks", nargs="+")
    ap.add_argument("--html", help="write each executed notebook as HTML into this folder")
    ap.add_argument("--timeout", type=int, default=900, help="seconds per cell (default 900)")
    ap.add_argument("--json", action="store_true", help="print one JSON line per notebook (with the stdout of its cells)")
    ap.add_argument("-p", "--parameter", action="append", default=[], metavar="NAME=VALUE", help="replace a size declared in the notebook's \"parameters\" cell (repeatable)")
    args = ap.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    try:
        parameters = dict(parse_parameter(p) for p in args.parameter)
        for path in args.notebooks:  # every notebook must declare every name, before any kernel starts
            inject_parameters(nbformat.read(path, as_version=4), path, parameters)
    except BadParameter as e:
        print("nbrun.py: %s" % e, file=sys.stderr)
        sys.exit(2)
    failed = 0
    for path in args.notebooks:
        result = run(path, root, args.html, args.timeout, parameters)
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
