#!/usr/bin/env python3
"""balie beside taskwarrior, the closest terminal tool for commitments.

For each size, generates a balie desk with that many promises (`balie bench
--generate-into`), loads the very same promises into a fresh taskwarrior, and times,
as a shell user would run them, adding one commitment and the overdue report in each.
Every figure is the median of several runs of a new process; the two tools' runs
alternate, so that a busy moment of a shared machine falls on both.

    cargo build --release
    sudo apt-get install taskwarrior      # Debian's package
    python3 benches/compare-taskwarrior.py [--sizes 1000 10000 100000] [--runs 5]

Nothing outside a temporary folder is touched: both tools get their own data folder and
settings file there.
"""

import argparse
import datetime
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BALIE = os.path.join(ROOT, "target", "release", "balie")


def run(args, env=None, stdin=None):
    """Runs a command to completion and returns its wall time in milliseconds."""
    started = time.perf_counter()
    done = subprocess.run(
        args, env=env, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    took = (time.perf_counter() - started) * 1000
    if done.returncode != 0:
        sys.exit(f"{' '.join(args[:4])} … failed: {done.stderr.decode(errors='replace')}")
    return took


def medians(first, second, runs):
    """Medians of `runs` runs of two commands, alternating, so that both meet the same
    moments of a shared machine. Each command is `(args, env)`."""
    times = ([], [])
    for _ in range(runs):
        for (args, env), took in zip((first, second), times):
            took.append(run(args, env))
    return statistics.median(times[0]), statistics.median(times[1])


def taskwarrior_date(text):
    """balie stores RFC 3339 in UTC; taskwarrior imports its own compact UTC form."""
    at = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return at.astimezone(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")


# A promise's state in balie and the status taskwarrior gives the same commitment.
STATUS = {
    "open": "pending",
    "kept": "completed",
    "cancelled": "deleted",
    "rescheduled": "deleted",
}


def same_commitments(db):
    """Every promise of the balie desk as a taskwarrior task, owner as project."""
    con = sqlite3.connect(db)
    tasks = []
    for what, due, state, owner, created, closed in con.execute(
        "SELECT what, due_at, state, owner, created_at, closed_at FROM promises"
    ):
        task = {
            "description": what,
            "due": taskwarrior_date(due),
            "entry": taskwarrior_date(created),
            "status": STATUS[state],
            "project": owner.replace(" ", "_"),
        }
        if closed:
            task["end"] = taskwarrior_date(closed)
        tasks.append(task)
    con.close()
    return tasks


def measure(size, runs, folder):
    db = os.path.join(folder, "desk.db")
    config = os.path.join(folder, "balie.toml")
    with open(config, "w") as f:
        f.write('agent = "Anna de Wit"\ntime_zone = "Europe/Amsterdam"\n')
    run([BALIE, "bench", "--generate-into", db, "--callers", str(max(2, size // 10)),
         "--tickets", str(size), "--promises", str(size)])
    tasks = same_commitments(db)

    taskdata = os.path.join(folder, "task")
    taskrc = os.path.join(folder, "taskrc")
    with open(taskrc, "w") as f:
        f.write(f"data.location={taskdata}\nconfirmation=off\nverbose=nothing\n"
                "hooks=off\nnews.version=99\n")
    env = dict(os.environ, TASKRC=taskrc, TASKDATA=taskdata)
    tasks_file = os.path.join(folder, "tasks.json")
    with open(tasks_file, "w") as f:
        json.dump(tasks, f)
    with open(tasks_file) as f:
        imported = run(["task", "import"], env=env, stdin=f)

    balie = [BALIE, "--db", db, "--config", config]
    balie_add, task_add = medians(
        (balie + ["promise", "T-1001", "--due", "+2h", "call back"], None),
        (["task", "add", "call back", "due:now+2h"], env),
        runs,
    )
    balie_overdue, task_overdue = medians(
        (balie + ["overdue"], None), (["task", "overdue"], env), runs
    )
    return {
        "size": size,
        "taskwarrior import ms": imported,
        "balie add ms": balie_add,
        "task add ms": task_add,
        "balie overdue ms": balie_overdue,
        "task overdue ms": task_overdue,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not os.path.exists(BALIE):
        sys.exit("build balie first: cargo build --release")
    if shutil.which("task") is None:
        sys.exit("taskwarrior is not installed (Debian: apt-get install taskwarrior)")
    version = subprocess.run(["task", "--version"], capture_output=True, text=True).stdout
    print(f"taskwarrior {version.strip()}; median of {args.runs} runs, wall clock per process, "
          "the two tools alternating")
    print()
    header = ("promises", "add: balie", "taskwarrior", "ratio",
              "overdue: balie", "taskwarrior", "ratio")
    print("{:>9}  {:>11}  {:>11}  {:>6}  {:>14}  {:>11}  {:>6}".format(*header))
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="balie-vs-task-") as folder:
            r = measure(size, args.runs, folder)
        print("{:>9}  {:>8.1f} ms  {:>8.1f} ms  {:>5.1f}x  {:>11.1f} ms  {:>8.1f} ms  {:>5.1f}x".format(
            size,
            r["balie add ms"], r["task add ms"], r["task add ms"] / r["balie add ms"],
            r["balie overdue ms"], r["task overdue ms"],
            r["task overdue ms"] / r["balie overdue ms"],
        ), flush=True)


if __name__ == "__main__":
    main()
