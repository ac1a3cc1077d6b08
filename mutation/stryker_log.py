"""Read a Stryker.NET debug log (mutation/reports/<project>-<level>/logs/log-*.txt) for what its report would have said.

A run stopped before its end writes no report, but its log names every mutant it created (in which file, the original
and the mutated text), every mutant it rolled back after a compile error (so not in the instrumented assembly), and the
verdict of every mutant it tested. Stryker mutates every file of the project, whatever `--mutate` says, and numbers the
mutants in one sequence, so one run's instrumented assembly holds every compiled mutant of every file, and
`recheck.py --log` can test any of them, the untested ones of a stopped run included.
"""
import re
from dataclasses import dataclass

MUTATING = re.compile(r'Mutating "(.*?)"')
CREATED = re.compile(r'Mutant (\d+) created "(.*?)" -> "(.*?)" using "(?:[\w.]+\.)?(\w+)"', re.S)
ROLLBACK = re.compile(r'RollBacking mutations from "(.*?)"')
FOUND = re.compile(r'Found mutant (-?\d+) of type')
VERDICT = re.compile(r'Test run for "(\d+): [^"]*" is "(\w+)"')
ENTRY = re.compile(r'^\d{4}-\d\d-\d\dT')


@dataclass
class LoggedMutant:
    id: int
    file: str          # path below src/, e.g. Optimized/Kernels/Gemm.Job.cs
    original: str
    replacement: str
    mutator: str
    compiled: bool = True    # False: rolled back after a compile error, absent from the instrumented assembly
    verdict: str = None      # Stryker's last test-run verdict ("success", "failed", ...), None if never tested
    line: int = 0            # approximate source line, set by locate(); 0 when not found

    @property
    def status(self):
        """The report's name for the log's state: Untested, Survived, Killed, Timeout or CompileError."""
        if not self.compiled:
            return "CompileError"
        if self.verdict is None:
            return "Untested"
        return {"success": "Survived", "failed": "Killed"}.get(self.verdict, self.verdict.title())


def entries(path):
    """The log's entries: one per timestamp, a created mutant's multi-line text joined to its entry."""
    entry = None
    for line in open(path, errors="replace"):
        if ENTRY.match(line):
            if entry is not None:
                yield entry
            entry = line
        elif entry is not None:
            entry += line
    if entry is not None:
        yield entry


def unquote(text):
    """The source text of a logged mutant: the log escapes the quotes of a string literal."""
    return text.replace('\\"', '"')


def read(path):
    """Every mutant the log created, by id."""
    mutants, file, rolling_back = {}, None, False
    for entry in entries(path):
        if m := MUTATING.search(entry):
            file = m.group(1).split("/src/", 1)[-1]
        elif m := CREATED.search(entry):
            i = int(m.group(1))
            mutants[i] = LoggedMutant(i, file, unquote(m.group(2)), unquote(m.group(3)), m.group(4))
        elif ROLLBACK.search(entry):
            rolling_back = True
            continue
        elif rolling_back and (m := FOUND.search(entry)):
            if int(m.group(1)) in mutants:
                mutants[int(m.group(1))].compiled = False
            continue
        elif m := VERDICT.search(entry):
            mutants[int(m.group(1))].verdict = m.group(2)
        rolling_back = False
    return mutants


def locate(mutants, source_root):
    """Approximate line of each mutant: where its original text first occurs at or after the previous mutant's line
    of the same file (Stryker creates a file's mutants roughly in source order); 0 when the text is not found."""
    lines, cursor = {}, {}
    for m in sorted(mutants, key=lambda m: m.id):
        if m.file not in lines:
            try:
                lines[m.file] = open(f"{source_root}/{m.file}", errors="replace").read().splitlines()
            except OSError:
                lines[m.file] = []
        text, first = lines[m.file], m.original.strip().splitlines()[0].strip() if m.original.strip() else ""
        start = cursor.get(m.file, 0)
        found = next((n for n in list(range(start, len(text))) + list(range(0, start)) if first and first in text[n]), -1)
        m.line = found + 1
        if found >= 0:
            cursor[m.file] = found
    return mutants
