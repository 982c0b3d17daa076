#!/usr/bin/env python3
"""akn against its peers, side by side, in one run on one machine.

Run through Benchmarks/run.sh (it builds akn and akn-bench in release mode and sets up the peers'
venv); this driver then:

  * generates the corpus with ../shared/peers/bench_peers.py gen (seed-sized and ~100 KB
    resolutions, in akn's text form and in bluebell's markup) into the work folder (--work,
    /dev/shm/akn-bench by default: tmpfs, so that the VM's disk is not measured), plus copies
    of the seed (Examples/A_RES_67_27.txt) and the real ../shared/corpus/bulk sets;
  * runs each measurement as its own step, several times, and keeps the medians; a step whose
    command does not exist yet (e.g. `akn batch` or `akn validate`) prints "not available: ..."
    and is skipped;
  * measures child processes with os.wait4 (their own CPU seconds and peak RSS), and in-process
    loops with the tools' own clocks;
  * rewrites the results section of Benchmarks/README.md (between the marker comments) and writes
    the raw figures to results.json in the work folder.

Standard library only; lxml is used when importable (run.sh runs this with the venv's python).
"""
import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BEGIN = "<!-- results:begin (written by Benchmarks/bench.py; do not edit by hand) -->"
END = "<!-- results:end -->"


def rel(path):
    """A path as shown in the results: relative to the repository, or ../shared/..."""
    r = os.path.relpath(path, ROOT)
    return r


def log(msg):
    print(msg, flush=True)


# ---------------------------------------------------------------------------------------------
# running and measuring child processes
# ---------------------------------------------------------------------------------------------

class Child:
    def __init__(self, rc, out, err, wall, cpu, rss_kib):
        self.rc, self.out, self.err, self.wall, self.cpu, self.rss_kib = rc, out, err, wall, cpu, rss_kib


def run_child(cmd, cwd=ROOT, env=None):
    """Runs `cmd` (a list) to completion; returns its exit code, output, wall seconds, CPU seconds
    (user + system of the child and the children it waited for) and peak RSS (KiB), from wait4."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Child(p.returncode, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                     wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss)


class Failed(Exception):
    pass


class NotAvailable(Exception):
    pass


def measure(cmd, runs, warmup=1, ok=(0,), parse_json=False, before=None):
    """Median wall, CPU and peak RSS of `runs` runs of `cmd` after `warmup` untimed ones; `before`
    runs (untimed) before each."""
    spec = {"cmd": cmd, "ok": ok, "parse_json": parse_json, "before": before}
    return measure_interleaved([spec], runs, warmup)[0]


def busy_seconds():
    """CPU seconds the whole machine has spent busy (all CPUs, from /proc/stat), or None."""
    try:
        with open("/proc/stat") as f:
            fields = f.readline().split()[1:]
        user, nice, system, idle, iowait, irq, softirq, steal = (int(x) for x in fields[:8])
        return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError):
        return None


def measure_interleaved(specs, runs, warmup=1):
    """Like `measure` for several commands whose ratio matters (1 core against all): one run of
    each in turn, round after round, so that a change in the machine's other load touches all of
    them alike. Each spec: {"cmd", "ok", "before", "parse_json"}. Adds "walls" (per round)."""
    acc = [{"walls": [], "cpus": [], "rsss": [], "jsons": []} for _ in specs]
    busy0, wall0, ours = None, None, 0.0
    for i in range(warmup + runs):
        if i == warmup:
            busy0, wall0 = busy_seconds(), time.perf_counter()
        for spec, a in zip(specs, acc):
            if spec.get("before"):
                spec["before"]()
            # Untimed: write back what earlier runs left in the page cache, so that no run pays
            # for another's files (the runs write and replace thousands of files).
            os.sync()
            c = run_child(spec["cmd"])
            if c.rc not in spec.get("ok", (0,)):
                shown = " ".join(str(x).replace(ROOT + "/", "") for x in spec["cmd"][:5])
                raise Failed(f"exit code {c.rc} from `{shown} ...`: {(c.err or c.out).strip()[:300]}")
            if i < warmup:
                continue
            a["walls"].append(c.wall)
            a["cpus"].append(c.cpu)
            a["rsss"].append(c.rss_kib)
            ours += c.cpu
            if spec.get("parse_json"):
                a["jsons"].append(json.loads(c.out.strip().splitlines()[-1]))
    busy1, wall1 = busy_seconds(), time.perf_counter()
    other = None
    if busy0 is not None and busy1 is not None and wall1 > wall0:
        # cores kept busy by everything else on the machine while these runs went on
        other = max(0.0, (busy1 - busy0 - ours) / (wall1 - wall0))
    return [{"runs": runs, "other_load": other, "wall_s": statistics.median(a["walls"]), "cpu_s": statistics.median(a["cpus"]),
             "wall_min_s": min(a["walls"]), "wall_max_s": max(a["walls"]), "max_rss_kib": max(a["rsss"]),
             "walls": a["walls"], "json": a["jsons"]} for a in acc]


def paired_speedup(one, alls):
    """Median over rounds of (one-core wall / all-core wall), the rounds being interleaved."""
    return statistics.median(a / b for a, b in zip(one, alls))


def med(values):
    return statistics.median(values)


def shell_join(cmd):
    out = []
    for a in cmd:
        a = str(a)
        out.append(a if re.fullmatch(r"[\w@%+=:,./{}*-]+", a) else "'" + a.replace("'", "'\\''") + "'")
    return " ".join(out)


# ---------------------------------------------------------------------------------------------
# the benchmark
# ---------------------------------------------------------------------------------------------

class Bench:
    def __init__(self, args):
        self.a = args
        self.quick = args.quick
        self.runs = args.runs or (3 if args.quick else 5)
        self.ncpu = os.cpu_count() or 1
        self.work = os.path.abspath(args.work)
        self.akn = os.path.abspath(args.akn)
        self.tool = os.path.abspath(args.bench_tool)
        self.schema_dir = os.path.abspath(args.schema)
        self.xsd = os.path.join(self.schema_dir, "akomantoso30.xsd")
        self.shared = args.shared
        self.peers = os.path.join(self.shared, "peers", "bench_peers.py") if self.shared else None
        self.venv_python = args.peers_python
        self.rows = {}        # section -> list of dict rows
        self.notes = []       # (section, text)
        self.commands = []    # (label, command)
        self.targets = []     # (target, measured, status)
        self.results = {}     # raw figures for results.json
        self.help = {}

    # -- helpers -------------------------------------------------------------------------------

    def note(self, section, text):
        log(f"  {section}: {text}")
        self.notes.append((section, text))

    def cmd(self, label, cmd):
        s = shell_join([rel(c) if isinstance(c, str) and c.startswith(ROOT + "/") else
                        (c.replace(ROOT + "/", "") if isinstance(c, str) else str(c)) for c in cmd])
        if self.shared:
            s = s.replace(os.path.abspath(self.shared).rstrip("/") + "/", "../shared/")
        s = s.replace(self.work + "/", "$WORK/")
        if self.venv_python:
            s = s.replace(self.venv_python, "$VENV/bin/python")
        if not any(label == l for l, _ in self.commands):
            self.commands.append((label, s))

    def row(self, section, **kw):
        self.rows.setdefault(section, []).append(kw)

    def target(self, name, measured, ok):
        status = "n/a" if ok is None else ("PASS" if ok else "MISS")
        self.targets.append((name, measured, status))
        log(f"  target {name}: {measured} -> {status}")

    def subcommand_help(self, name):
        """The `akn NAME --help` text, or None when akn has no such subcommand."""
        if name not in self.help:
            if not os.path.exists(self.akn):
                self.help[name] = None
            else:
                c = run_child([self.akn, name, "--help"])
                text = c.out + c.err
                self.help[name] = text if c.rc == 0 and re.search(r"USAGE: \S*akn " + name + r"\b", text) else None
        return self.help[name]

    def jobs_flag(self, help_text):
        for flag in ("--jobs", "-j"):
            if re.search(r"(^|[\s,])" + re.escape(flag) + r"\b", help_text):
                return flag
        return None

    def output_flag(self, help_text):
        for flag in ("--output", "-o", "--out", "--output-dir"):
            if re.search(r"(^|[\s,])" + re.escape(flag) + r"\b", help_text):
                return flag
        return None

    def file_list(self, name, files):
        path = os.path.join(self.work, "lists", name + ".txt")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write("\n".join(files) + "\n")
        return path

    def folder_of(self, name, src, count):
        """A folder of `count` copies of `src` (seed-sized documents), made once."""
        d = os.path.join(self.work, "sets", name)
        have = sorted(os.listdir(d)) if os.path.isdir(d) else []
        if len(have) != count:
            shutil.rmtree(d, ignore_errors=True)
            os.makedirs(d)
            for i in range(count):
                shutil.copyfile(src, os.path.join(d, f"doc-{i:05d}.txt"))
        return d

    # -- steps ---------------------------------------------------------------------------------

    def step(self, title, fn):
        log(f"== {title}")
        t0 = time.perf_counter()
        try:
            fn()
        except NotAvailable as e:
            self.note(title, f"not available: {e}")
        except Failed as e:
            self.note(title, f"failed: {e}")
        log(f"   ({time.perf_counter() - t0:.1f} s)")

    def corpus(self):
        n = 50 if self.quick else 200
        n_large = 4 if self.quick else 20
        self.corpus_dir = os.path.join(self.work, "corpus")
        shutil.rmtree(self.corpus_dir, ignore_errors=True)  # no stale files from a run with other counts
        if not self.peers or not os.path.exists(self.peers):
            raise SystemExit("bench.py: ../shared/peers/bench_peers.py not found: set AKN_SHARED or pass --shared")
        c = run_child([sys.executable, self.peers, "gen", "--corpus", self.corpus_dir, "--n", str(n),
                       "--n-large", str(n_large)])
        if c.rc != 0:
            raise SystemExit(f"bench_peers.py gen failed: {c.err}")
        self.cmd("corpus", ["python3", self.peers, "gen", "--corpus",
                            self.corpus_dir, "--n", str(n), "--n-large", str(n_large)])
        seed = os.path.join(ROOT, "Examples", "A_RES_67_27.txt")
        self.seed = seed
        seed_dir = self.folder_of(f"seed-{n}", seed, n)

        def raw(size):
            return sorted(os.path.join(self.corpus_dir, "raw", f) for f in os.listdir(os.path.join(self.corpus_dir, "raw"))
                          if f.startswith(size + "-") and int(f[len(size) + 1:-4]) < (n if size == "small" else n_large))

        self.sets = {
            "seed": sorted(os.path.join(seed_dir, f) for f in os.listdir(seed_dir)),
            "gen-small": raw("small"),
            "gen-large": raw("large"),
        }
        bulk = os.path.join(self.shared, "corpus", "bulk")
        limit = 60 if self.quick else None
        for name, sub in (("bulk-ga-78", "ga-78"), ("bulk-sc-0001-0450", "sc-0001-0450")):
            d = os.path.join(bulk, sub)
            if os.path.isdir(d):
                files = sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".txt"))
                self.sets[name] = files[:limit] if limit else files
        for name, files in self.sets.items():
            log(f"  {name}: {len(files)} documents, {sum(os.path.getsize(f) for f in files) / 1e6:.2f} MB")
        self.results["sets"] = {k: {"docs": len(v), "bytes": sum(os.path.getsize(f) for f in v)}
                                for k, v in self.sets.items()}

    def akn_inprocess(self):
        if not os.path.exists(self.tool):
            raise NotAvailable(f"{rel(self.tool)} is not built (cd Benchmarks && swift build -c release)")
        self.conv = {}
        for name, files in self.sets.items():
            out = os.path.join(self.work, "out", name)
            shutil.rmtree(out, ignore_errors=True)
            lst = self.file_list(name, files)
            cmd = [self.tool, "convert", "--schema", self.schema_dir, "--out", out, "--list", lst]
            self.cmd(f"akn in-process, {name}", cmd)
            runs = self.runs if not name.startswith("bulk") else max(1, self.runs // 2)
            m = measure(cmd, runs, parse_json=True)
            js = m["json"]
            j = js[-1]
            loop_cpu = med([x["loop_cpu_s"] for x in js])
            loop_wall = med([x["loop_wall_s"] for x in js])
            conv = j["converted"]
            docs = j["docs"]
            r = {"docs": docs, "converted": conv, "loop_cpu_s": loop_cpu, "loop_wall_s": loop_wall,
                 "process_cpu_s": m["cpu_s"], "process_wall_s": m["wall_s"], "input_bytes": j["input_bytes"],
                 "compile_cpu_s": med([x["schema_compile_cpu_s"] for x in js]), "max_rss_kib": m["max_rss_kib"],
                 "first_failure": j["first_failure"], "out": out}
            self.conv[name] = r
            rate = docs / loop_cpu if loop_cpu and conv else None
            label = "akn (in-process, convert + validate + write)"
            extra = "" if conv == docs else (
                f"{conv} of {docs} converted (see the notes); " + ("rate over all attempted" if conv else "no rate"))
            self.row("conversion", set=name, tool=label, docs=docs, ok=conv, cpu_rate=rate,
                     mbps=j["input_bytes"] / 1e6 / loop_wall if loop_wall and rate else None,
                     wall=loop_wall, note=extra)
            if conv != docs:
                self.note("conversion", f"{name}: akn converted {conv} of {docs}; first failure: {(j['first_failure'] or '')[:240]}")
        self.results["akn_inprocess"] = {k: {kk: vv for kk, vv in v.items()} for k, v in self.conv.items()}

    def bluebell(self):
        if not self.venv_python:
            raise NotAvailable("no peers venv (run through Benchmarks/run.sh, or pass --peers-python)")
        self.bb = {}
        for engine in ("rust", "python"):
            cmd = [self.venv_python, self.peers, "bluebell", "--engine", engine, "--corpus", self.corpus_dir,
                   "--runs", str(self.runs), "--sizes", "small", "large"]
            if self.quick:
                cmd += ["--runs-large-py", "1"]
            self.cmd(f"bluebell {engine}", cmd)
            c = run_child(cmd)
            if c.rc != 0:
                raise Failed(f"bluebell {engine}: {c.err.strip()[-600:]}")
            for line in c.out.splitlines():
                if not line.startswith("{"):
                    continue
                r = json.loads(line)
                size = "gen-small" if r["bench"].endswith("-small") else "gen-large"
                self.bb[(engine, size)] = r
                label = f"bluebell {r.get('bluebell_version', '?')} " + (
                    "with Rust extension" if engine == "rust" else "pure Python") + " (parse own markup, no validation)"
                self.row("conversion", set=size, tool=label, docs=r["docs"], ok=r["docs"],
                         cpu_rate=r.get("docs_per_cpu_s") or 0, mbps=r["MB_per_s"], wall=r["median_s"], note="")
        self.results["bluebell"] = {f"{k[0]}-{k[1]}": v for k, v in self.bb.items()}

    def batch_gen_small(self):
        """`akn batch --jobs 1` as a whole process (start-up, schema compile, convert, validate,
        hash, write, report), pinned to one core, over 2,000 gen-small documents (10 copies of the
        200): the figure issue 24 sets against bluebell's Rust engine on the same documents."""
        if self.subcommand_help("batch") is None:
            raise NotAvailable("`akn batch` (not on this branch yet)")
        files = self.sets.get("gen-small") or []
        if not files:
            raise NotAvailable("no gen-small set")
        copies = 2 if self.quick else 10
        folder = os.path.join(self.work, "sets", f"gen-small-x{copies}")
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
        for k in range(copies):
            for f in files:
                shutil.copyfile(f, os.path.join(folder, f"c{k:02d}-{os.path.basename(f)}"))
        n = copies * len(files)
        nbytes = copies * sum(os.path.getsize(f) for f in files)
        out = os.path.join(self.work, "out", "batch-gen-small")
        cmd = self.one_core(self.batch_cmd(folder, out, 1))
        self.cmd(f"akn batch --jobs 1, gen-small ×{copies}", cmd)
        m = measure(cmd, self.runs, ok=(0, 1), before=lambda: shutil.rmtree(out, ignore_errors=True))
        done = len([f for f in os.listdir(out) if f.endswith(".xml")]) if os.path.isdir(out) else 0
        floor_cpu = self.floor["cpu_s"] if getattr(self, "floor", None) else None
        net = m["cpu_s"] - floor_cpu if floor_cpu else None
        self.batch_small = {"docs": n, "converted": done, "cpu_s": m["cpu_s"], "rate": n / m["cpu_s"]}
        self.results["batch_gen_small"] = self.batch_small
        self.row("conversion", set=f"gen-small ×{copies}", tool="akn batch --jobs 1 on 1 core, whole process",
                 docs=n, ok=done, cpu_rate=n / m["cpu_s"], mbps=nbytes / 1e6 / m["wall_s"], wall=m["wall_s"],
                 note="start-up and schema compile included" + (
                     f"; net of them ({floor_cpu:.2f} CPU-s): {n / net:,.0f} docs/CPU-s" if net and net > 0 else ""))

    def conversion_targets(self):
        """Issue 24's conversion targets: in-process rates, and the whole `akn batch --jobs 1`
        process against bluebell's Rust engine on the same generated documents."""
        conv = getattr(self, "conv", {})
        bb = getattr(self, "bb", {})
        for name, want in (("gen-small", 2000), ("seed", 1300)):
            r = conv.get(name)
            what = f"in-process conversion ≥ {want:,} {name} docs per CPU-second (convert + validate + write)"
            if not r or not r["docs"]:
                self.target(what, f"no {name} set measured", None)
            elif r["converted"] != r["docs"]:
                self.target(what, f"akn converted {r['converted']} of {r['docs']}", False)
            else:
                rate = r["docs"] / r["loop_cpu_s"]
                self.target(what, f"{rate:,.0f} docs/CPU-s", rate >= want)
        bs = getattr(self, "batch_small", None)
        rust = bb.get(("rust", "gen-small"))
        what = "`akn batch --jobs 1`, whole process, 2,000 gen-small docs ≥ 1.5× bluebell-rs (docs per CPU-second)"
        if not bs or not rust or not rust.get("docs_per_cpu_s"):
            self.target(what, "not measured (see the notes)", None)
        elif bs["converted"] != bs["docs"]:
            self.target(what, f"akn converted {bs['converted']} of {bs['docs']}", False)
        else:
            ratio = bs["rate"] / rust["docs_per_cpu_s"]
            self.target(what, f"{ratio:.2f}× ({bs['rate']:,.0f} vs {rust['docs_per_cpu_s']:,.0f} docs/CPU-s)",
                        ratio >= 1.5)
        small = conv.get("gen-small")
        py = bb.get(("python", "gen-small"))
        if small and small["converted"] == small["docs"] and py and py.get("docs_per_cpu_s"):
            rate = small["docs"] / small["loop_cpu_s"]
            self.note("conversion", f"seed-sized documents in-process: akn {rate:,.0f} docs/CPU-s, bluebell pure "
                                    f"Python {py['docs_per_cpu_s']:,.0f} ({rate / py['docs_per_cpu_s']:.2f}×)")
        large = conv.get("gen-large")
        for engine, what in (("rust", "with Rust extension"), ("python", "pure Python")):
            r = bb.get((engine, "gen-large"))
            if large and large["converted"] == large["docs"] and r and r.get("docs_per_cpu_s"):
                lr = large["docs"] / large["loop_cpu_s"]
                self.note("conversion", f"~100 KB documents: akn {lr:,.1f} docs/CPU-s, bluebell {what} "
                                        f"{r['docs_per_cpu_s']:,.1f} ({lr / r['docs_per_cpu_s']:.2f}×)")

    def compile_floor(self):
        if not os.path.exists(self.tool):
            raise NotAvailable(f"{rel(self.tool)} is not built")
        cmd = [self.tool, "compile", "--schema", self.schema_dir]
        self.cmd("schema compile alone (floor)", cmd)
        m = measure(cmd, max(self.runs, 5) * 2)
        self.floor = m
        self.row("latency", what="schema compile alone, whole process (the floor)", wall=m["wall_s"], cpu=m["cpu_s"],
                 rss=m["max_rss_kib"])

    def latency(self):
        if not os.path.exists(self.akn):
            raise NotAvailable(f"{rel(self.akn)} is not built")
        out = os.path.join(self.work, "out", "latency.xml")
        cmd = [self.akn, "convert", self.seed, "-o", out, "--quiet", "--markup-date", "2026-01-01"]
        self.cmd("one-file convert", cmd)
        m = measure(cmd, max(self.runs, 5) * 2)
        self.row("latency", what="`akn convert` of the seed, whole process", wall=m["wall_s"], cpu=m["cpu_s"],
                 rss=m["max_rss_kib"])
        floor = getattr(self, "floor", None)
        if floor:
            ratio = m["wall_s"] / floor["wall_s"]
            self.target("one-file convert within 1.1× the schema-compile floor (wall)",
                        f"{ratio:.2f}× ({m['wall_s'] * 1000:.0f} ms vs {floor['wall_s'] * 1000:.0f} ms)", ratio <= 1.1)

    def validation(self):
        files = []
        for name in ("seed", "gen-small"):
            r = getattr(self, "conv", {}).get(name)
            if r and r["converted"]:
                files = sorted(os.path.join(r["out"], f) for f in os.listdir(r["out"]) if f.endswith(".xml"))
                vset = name
                break
        if not files:  # e.g. --only validation: the outputs of an earlier run
            d = os.path.join(self.work, "out", "seed")
            files = sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".xml")) if os.path.isdir(d) else []
            vset = "seed, an earlier run"
        if not files:
            raise NotAvailable("no AKN files: akn converted no seed-sized set")
        # enough files that the schema compile (~0.1-0.3 s in every tool) does not hide the throughput
        files = self.copies(files, 200 if self.quick else 1000, "validate-set")
        nbytes = sum(os.path.getsize(f) for f in files)
        self.row("validation", tool=f"**{len(files)} copies of the AKN files akn wrote from `{vset}`, "
                                    f"{nbytes / 1e6:.2f} MB**", docs="", cpu_rate="", wall="", note="")
        self.peer_validators(files)
        # akn validate: schema only (--profile none) when it has profiles, as xmllint and lxml do
        h = self.subcommand_help("validate")
        if h is None:
            raise NotAvailable("`akn validate` (not on this branch yet)")
        jf = self.jobs_flag(h)
        floor_cpu = self.floor["cpu_s"] if getattr(self, "floor", None) else None
        shown = f"{rel(os.path.dirname(files[0]))}/*.xml"
        profiles = [["--profile", "none"], []] if "--profile" in h else [[]]
        res = {}
        for prof in profiles:
            what = "schema only" if prof else ("default profile (schema + AKN4UN rules)" if "--profile" in h else "")
            core_counts = [self.ncpu] if (prof == [] and len(profiles) > 1) else sorted({1, self.ncpu})
            specs = []
            for jobs in core_counts:
                base = [self.akn, "validate"] + prof + ([jf, str(jobs)] if jf else [])
                if "--quiet" in h:
                    base.append("--quiet")
                cmd = self.one_core(base + files) if jobs == 1 else base + files
                shown_cmd = (self.one_core(base) if jobs == 1 else base) + [shown]
                self.cmd(f"akn validate {' '.join(prof)} on {jobs} core(s)", shown_cmd)
                specs.append({"cmd": cmd})
            for jobs, m in zip(core_counts, measure_interleaved(specs, self.runs)):
                if prof == profiles[0]:
                    res[jobs] = m
                net = m["cpu_s"] - floor_cpu if floor_cpu else None
                self.row("validation", tool=f"akn validate {what}, {jobs} core(s), whole process", docs=len(files),
                         cpu_rate=len(files) / m["cpu_s"], wall=m["wall_s"],
                         note=(f"net of start-up + schema compile ({floor_cpu:.2f} CPU-s): "
                               f"{len(files) / net:,.0f} docs/CPU-s" if net and net > 0 else ""))
        self.validate_runs = res
        if 1 in res and self.lxml_rate and floor_cpu:
            net = res[1]["cpu_s"] - floor_cpu
            rate = len(files) / net if net > 0 else float("inf")
            self.target("validation per core ≥ lxml (docs per CPU-second, compile excluded)",
                        f"{rate / self.lxml_rate:.2f}× ({rate:,.0f} vs {self.lxml_rate:,.0f})", rate >= self.lxml_rate)
        top = res.get(self.ncpu)
        if top and self.xmllint:
            speed = self.xmllint["wall_s"] / top["wall_s"]
            self.target(f"`akn validate --profile none`, {len(files):,} files, {self.ncpu} cores ≥ 1.5× xmllint's one "
                        "process (wall)",
                        f"{speed:.2f}× ({top['wall_s']:.3f} s vs {self.xmllint['wall_s']:.3f} s)" + (
                            f"; other processes kept {top['other_load']:.2f} cores busy meanwhile"
                            if top.get("other_load") is not None else ""), speed >= 1.5)
        if 1 in res and self.ncpu in res and self.ncpu > 1:
            self.row("scaling", what=f"akn validate, {len(files)} files, whole process (1 core = taskset -c 0)",
                     one=res[1]["wall_s"], alls=res[self.ncpu]["wall_s"],
                     speedup=paired_speedup(res[1]["walls"], res[self.ncpu]["walls"]),
                     other=res[1]["other_load"])

    def peer_validators(self, files):
        """xmllint (one process, all files) and lxml (in this process) on `files`: rows, and
        self.xmllint / self.lxml_rate for the targets."""
        xl = shutil.which("xmllint")
        self.xmllint = None
        if xl:
            cmd = [xl, "--noout", "--schema", self.xsd] + files
            self.cmd(f"xmllint, one process, {os.path.basename(os.path.dirname(files[0]))}", [xl, "--noout", "--schema", self.xsd, f"{rel(os.path.dirname(files[0]))}/*.xml"])
            m = measure(cmd, self.runs)
            self.xmllint = m
            self.row("validation", tool="xmllint --noout --schema (one process, schema compile included)",
                     docs=len(files), cpu_rate=len(files) / m["cpu_s"], wall=m["wall_s"], note="")
        else:
            self.note("validation", "not available: xmllint (apt-get install libxml2-utils)")
        # lxml in this process
        self.lxml_rate = None
        try:
            from lxml import etree
            t0 = time.process_time()
            schema = etree.XMLSchema(etree.parse(self.xsd))
            compile_cpu = time.process_time() - t0
            cpus, walls = [], []
            for i in range(self.runs + 1):
                c0, w0 = time.process_time(), time.perf_counter()
                bad = 0
                for f in files:
                    if not schema.validate(etree.parse(f)):
                        bad += 1
                if i:
                    cpus.append(time.process_time() - c0)
                    walls.append(time.perf_counter() - w0)
            if bad:
                self.note("validation", f"lxml found {bad} of {len(files)} files invalid")
            self.lxml_rate = len(files) / med(cpus)
            self.cmd(f"lxml, {os.path.basename(os.path.dirname(files[0]))}", ["python", "-c", "schema = etree.XMLSchema(etree.parse(XSD)); "
                                              "[schema.validate(etree.parse(f)) for f in FILES]"])
            self.row("validation", tool=f"lxml {etree.__version__} XMLSchema (libxml2 "
                                        f"{'.'.join(map(str, etree.LIBXML_VERSION))}), in-process, compile excluded",
                     docs=len(files), cpu_rate=self.lxml_rate, wall=med(walls),
                     note=f"compile {compile_cpu:.2f} CPU-s")
        except ImportError:
            self.note("validation", "not available: lxml (run with the peers venv's python, see run.sh)")

    def copies(self, files, want, name):
        """`want` files (at least all of `files`) in the work folder's NAME/, copies of `files` in turn."""
        folder = os.path.join(self.work, name)
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
        out = []
        for i in range(max(want, len(files))):
            dst = os.path.join(folder, f"doc-{i:05d}.xml")
            shutil.copyfile(files[i % len(files)], dst)
            out.append(dst)
        return out

    def validation_real(self):
        d = os.path.join(self.shared, "akn", "valid")
        real = sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".xml")) if os.path.isdir(d) else []
        if not real:
            raise NotAvailable(f"no real AKN files in {d}")
        files = self.copies(real, 8 * (5 if self.quick else 25), "validate-real")
        nbytes = sum(os.path.getsize(f) for f in files)
        self.row("validation", tool=f"**{len(files)} copies of the {len(real)} real AKN documents of "
                                    f"../shared/akn/valid (acts, bills, debates; 2–204 KB), {nbytes / 1e6:.2f} MB**",
                 docs="", cpu_rate="", wall="", note="")
        self.peer_validators(files)
        h = self.subcommand_help("validate")
        if h is None:
            raise NotAvailable("`akn validate` (not on this branch yet)")
        base = [self.akn, "validate"] + (["--profile", "none"] if "--profile" in h else []) + (
            ["--quiet"] if "--quiet" in h else [])
        self.cmd("akn validate, real AKN files", base + [f"{rel(os.path.dirname(files[0]))}/*.xml"])
        m = measure(base + files, self.runs)
        self.row("validation", tool=f"akn validate schema only, {self.ncpu} core(s), whole process", docs=len(files),
                 cpu_rate=len(files) / m["cpu_s"], wall=m["wall_s"], note="")

    def one_core(self, cmd):
        """`cmd` pinned to one CPU (taskset), so that "1 job" means one core whatever threads it starts."""
        ts = shutil.which("taskset")
        return ([ts, "-c", "0"] + cmd) if ts else cmd

    def batch_cmd(self, folder, out, jobs):
        h = self.subcommand_help("batch")
        if h is None:
            raise NotAvailable("`akn batch` (not on this branch yet)")
        jf, of = self.jobs_flag(h), self.output_flag(h)
        cmd = [self.akn, "batch", folder]
        if of:
            cmd += [of, out]
        else:
            cmd += [out]
        if jf:
            cmd += [jf, str(jobs)]
        if "--quiet" in h:
            cmd += ["--quiet"]
        if "--markup-date" in h:
            cmd += ["--markup-date", "2026-01-01"]
        return cmd

    def scaling(self):
        # in-process first (the library on all cores), then `akn batch`
        if os.path.exists(self.tool) and self.ncpu > 1:
            files = self.sets["seed"]
            lst = self.file_list("seed", files)
            specs = []
            for jobs in (1, self.ncpu):
                out = os.path.join(self.work, "out", f"scale-{jobs}")
                cmd = [self.tool, "convert", "--schema", self.schema_dir, "--out", out, "--list", lst,
                       "--jobs", str(jobs)]
                if jobs == 1:
                    cmd = self.one_core(cmd)
                self.cmd(f"akn in-process, {jobs} thread(s)", cmd)
                specs.append({"cmd": cmd, "parse_json": True})
            ms = measure_interleaved(specs, self.runs)
            loops = [[x["loop_wall_s"] for x in m["json"]] for m in ms]
            self.row("scaling", what=f"akn-bench (library, threads), {len(files)} seed docs, loop only "
                                     "(1 core = taskset -c 0)",
                     one=med(loops[0]), alls=med(loops[1]), speedup=paired_speedup(loops[0], loops[1]),
                     other=ms[0]["other_load"])
        h = self.subcommand_help("batch")
        if h is None:
            raise NotAvailable("`akn batch` (not on this branch yet)")
        # 8,000 documents (issue 24), so that start-up and the schema compile (serial, ~0.15 s)
        # weigh little against the conversions the cores share
        n = 200 if self.quick else 8000
        folder = self.folder_of(f"seed-{n}", self.seed, n)
        nbytes = os.path.getsize(self.seed) * n
        floor_cpu = self.floor["cpu_s"] if getattr(self, "floor", None) else None
        counts = sorted({1, self.ncpu})
        specs, outs = [], []
        for jobs in counts:
            out = os.path.join(self.work, "out", f"batch-{jobs}")
            cmd = self.batch_cmd(folder, out, jobs)
            if jobs == 1:
                cmd = self.one_core(cmd)
            self.cmd(f"akn batch on {jobs} core(s)", cmd)
            specs.append({"cmd": cmd, "ok": (0, 1), "before": (lambda o=out: shutil.rmtree(o, ignore_errors=True))})
            outs.append(out)
        res = {}
        for jobs, out, m in zip(counts, outs, measure_interleaved(specs, self.runs)):
            res[jobs] = m
            net = m["cpu_s"] - floor_cpu if floor_cpu else None
            self.row("conversion", set=f"seed ×{n}", tool=f"akn batch on {jobs} core(s), whole process",
                     docs=n, ok=len([f for f in os.listdir(out) if f.endswith(".xml")]),
                     cpu_rate=n / m["cpu_s"], mbps=nbytes / 1e6 / m["wall_s"], wall=m["wall_s"],
                     note="start-up and schema compile included" + (
                         f"; net of them ({floor_cpu:.2f} CPU-s): {n / net:,.0f} docs/CPU-s" if net and net > 0 else ""))
        if 1 in res and self.ncpu in res and self.ncpu > 1:
            sp = paired_speedup(res[1]["walls"], res[self.ncpu]["walls"])
            self.row("scaling", what=f"akn batch, {n} seed docs, whole process (1 core = taskset -c 0)",
                     one=res[1]["wall_s"], alls=res[self.ncpu]["wall_s"], speedup=sp, other=res[1]["other_load"])
            self.target(f"batch on {self.ncpu} cores ≥ 1.8× one core (wall, median of interleaved pairs)",
                        f"{sp:.2f}×" + (f" (other processes kept {res[1]['other_load']:.2f} of the {self.ncpu} "
                                        f"cores busy meanwhile)" if res[1]["other_load"] is not None else ""), sp >= 1.8)

    def batch_bulk(self):
        """`akn batch` on all cores over the real texts (what a user runs on an archive's folder)."""
        if self.subcommand_help("batch") is None:
            raise NotAvailable("`akn batch` (not on this branch yet)")
        for name, files in self.sets.items():
            if not name.startswith("bulk-"):
                continue
            folder = os.path.dirname(files[0])
            if len(files) != len([f for f in os.listdir(folder) if f.endswith(".txt")]):  # --quick: a subset
                folder = os.path.join(self.work, "sets", name)
                shutil.rmtree(folder, ignore_errors=True)
                os.makedirs(folder)
                for f in files:
                    shutil.copyfile(f, os.path.join(folder, os.path.basename(f)))
            out = os.path.join(self.work, "out", f"batch-{name}")
            cmd = self.batch_cmd(folder, out, self.ncpu)
            self.cmd(f"akn batch, {name}", cmd)
            m = measure(cmd, max(1, self.runs // 2), ok=(0, 1), before=lambda o=out: shutil.rmtree(o, ignore_errors=True))
            done = len([f for f in os.listdir(out) if f.endswith(".xml")]) if os.path.isdir(out) else 0
            nbytes = sum(os.path.getsize(f) for f in files)
            self.row("conversion", set=name, tool=f"akn batch on {self.ncpu} core(s), whole process", docs=len(files),
                     ok=done, cpu_rate=len(files) / m["cpu_s"] if done else None,
                     mbps=nbytes / 1e6 / m["wall_s"] if done else None, wall=m["wall_s"],
                     note="start-up and schema compile included" + (
                         "" if done == len(files) else f"; {len(files) - done} not converted (report in the output folder)"))

    def pdfs(self):
        """The PDF path: the official PDFs of ../shared/corpus/dev-pdf through `akn batch` (one
        job, CPU of akn and its pdftohtml children) against pdftohtml alone on the same PDFs and
        against `akn batch` on the same documents' texts; then peak memory over 100 and 1,000."""
        src = os.path.join(self.shared or "", "corpus", "dev-pdf")
        if not os.path.isdir(src):
            raise NotAvailable("../shared/corpus/dev-pdf")
        if not shutil.which("pdftohtml"):
            raise NotAvailable("pdftohtml (apt-get install poppler-utils)")
        if self.subcommand_help("batch") is None or ".pdf" not in self.subcommand_help("batch"):
            raise NotAvailable("`akn batch` without PDF input on this branch")
        pdfs = sorted(f for f in os.listdir(src) if f.endswith(".pdf"))
        texts_dir = os.path.join(self.work, "sets", "pdf-texts")
        shutil.rmtree(texts_dir, ignore_errors=True)
        os.makedirs(texts_dir)
        for f in pdfs:
            name = f[:-4] + ".txt"
            for folder in ("dev", os.path.join("bulk", "ga-78")):
                path = os.path.join(self.shared, "corpus", folder, name)
                if os.path.exists(path):
                    shutil.copyfile(path, os.path.join(texts_dir, name))
                    break
        # pdftohtml alone, as akn runs it, one process per PDF (a shell loop; its children's CPU).
        loop = ("for f in \"$0\"/*.pdf; do pdftohtml -xml -i -hidden -wbt 20 -stdout -q fd://0 x "
                "< \"$f\" > /dev/null || exit 1; done")
        extract = ["sh", "-c", loop, src]
        pdf_out = os.path.join(self.work, "out", "pdf-batch")
        text_out = os.path.join(self.work, "out", "pdf-texts-batch")
        pdf_batch = self.batch_cmd(src, pdf_out, 1)
        text_batch = self.batch_cmd(texts_dir, text_out, 1)
        self.cmd("pdftohtml alone, dev-pdf", extract)
        self.cmd("akn batch, dev-pdf, 1 job", pdf_batch)
        self.cmd("akn batch, their texts, 1 job", text_batch)
        runs = max(1, self.runs // 2)
        m_extract = measure(extract, runs)
        m_pdf = measure(pdf_batch, runs, ok=(0, 1), before=lambda: shutil.rmtree(pdf_out, ignore_errors=True))
        m_text = measure(text_batch, runs, ok=(0, 1), before=lambda: shutil.rmtree(text_out, ignore_errors=True))
        done = len([f for f in os.listdir(pdf_out) if f.endswith(".xml")]) if os.path.isdir(pdf_out) else 0
        n = len(pdfs)
        self.row("conversion", set="dev-pdf", tool="pdftohtml alone (the extraction akn runs), one process per PDF",
                 docs=n, ok=n, cpu_rate=n / m_extract["cpu_s"], wall=m_extract["wall_s"], note="")
        self.row("conversion", set="dev-pdf", tool="akn batch on the PDFs, 1 job, whole process", docs=n, ok=done,
                 cpu_rate=n / m_pdf["cpu_s"] if done else None, wall=m_pdf["wall_s"],
                 note="CPU of akn and of its pdftohtml children; start-up and schema compile included")
        self.row("conversion", set="dev-pdf texts", tool="akn batch on the same documents' texts, 1 job, whole process",
                 docs=n, ok=n, cpu_rate=n / m_text["cpu_s"], wall=m_text["wall_s"],
                 note="dev/ and bulk/ga-78 texts of the same resolutions")
        ratio = m_pdf["cpu_s"] / m_extract["cpu_s"]
        own = m_pdf["cpu_s"] - m_extract["cpu_s"]
        floor_cpu = self.floor["cpu_s"] if getattr(self, "floor", None) else None
        self.target("akn's own work on the PDFs (the whole path less pdftohtml's extraction, start-up and schema "
                    "compile included) ≤ 1× the extraction (CPU)",
                    f"{own:.2f} s against {m_extract['cpu_s']:.2f} s ({own / m_extract['cpu_s']:.2f}×)" + (
                        f"; net of start-up and schema compile ({floor_cpu:.2f} s): "
                        f"{(own - floor_cpu) / m_extract['cpu_s']:.2f}×" if floor_cpu else ""),
                    own <= m_extract["cpu_s"])
        self.target("the whole PDF path within 2× pdftohtml's own extraction (CPU)",
                    f"{m_pdf['cpu_s']:.2f} s against {m_extract['cpu_s']:.2f} s ({ratio:.2f}×)", ratio <= 2.0)
        self.results["pdf"] = {"extract_cpu_s": m_extract["cpu_s"], "akn_pdf_cpu_s": m_pdf["cpu_s"],
                               "akn_text_cpu_s": m_text["cpu_s"], "docs": n, "converted": done}
        # Memory flat over a batch of PDFs: copies of the 42.
        small, big = (100, 300) if self.quick else (100, 1000)
        peaks = {}
        for count in (small, big):
            folder = os.path.join(self.work, "sets", f"pdf-{count}")
            if not os.path.isdir(folder) or len(os.listdir(folder)) != count:
                shutil.rmtree(folder, ignore_errors=True)
                os.makedirs(folder)
                for i in range(count):
                    shutil.copyfile(os.path.join(src, pdfs[i % n]), os.path.join(folder, f"doc-{i:05d}.pdf"))
            out = os.path.join(self.work, "out", f"pdf-mem-{count}")
            shutil.rmtree(out, ignore_errors=True)
            cmd = self.batch_cmd(folder, out, self.ncpu)
            self.cmd(f"memory, {count} PDFs", cmd)
            m = measure(cmd, 1, warmup=0, ok=(0, 1))
            peaks[count] = m["max_rss_kib"]
            self.row("memory", what=f"akn batch, {count} PDFs, {self.ncpu} jobs", rss=m["max_rss_kib"],
                     wall=m["wall_s"], cpu=m["cpu_s"], other=m["other_load"])
        growth = peaks[big] / peaks[small]
        self.target(f"peak memory the same at {small} and {big} PDFs (within 10%)",
                    f"{peaks[small] / 1024:.1f} MiB vs {peaks[big] / 1024:.1f} MiB ({growth:.2f}×)", growth <= 1.10)

    def memory(self):
        small, big = (100, 1000) if self.quick else (800, 8000)
        peaks = {}
        use_batch = self.subcommand_help("batch") is not None
        for n in (small, big):
            folder = self.folder_of(f"seed-{n}", self.seed, n)
            out = os.path.join(self.work, "out", f"mem-{n}")
            shutil.rmtree(out, ignore_errors=True)
            if use_batch:
                cmd = self.batch_cmd(folder, out, self.ncpu)
                label = "akn batch"
            else:
                if not os.path.exists(self.tool):
                    raise NotAvailable("neither `akn batch` nor akn-bench")
                lst = self.file_list(f"seed-{n}", sorted(os.path.join(folder, f) for f in os.listdir(folder)))
                cmd = [self.tool, "convert", "--schema", self.schema_dir, "--out", out, "--list", lst,
                       "--jobs", str(self.ncpu)]
                label = "akn in-process (akn-bench; `akn batch` not available yet)"
            self.cmd(f"memory {n}", cmd)
            m = measure(cmd, 1, warmup=0, ok=(0, 1))
            peaks[n] = m["max_rss_kib"]
            self.row("memory", what=f"{label}, {n} seed docs, {self.ncpu} jobs", rss=m["max_rss_kib"],
                     wall=m["wall_s"], cpu=m["cpu_s"], other=m["other_load"])
        growth = peaks[big] / peaks[small]
        self.target(f"peak memory the same at {small} and {big} documents (within 10%)",
                    f"{peaks[small] / 1024:.1f} MiB vs {peaks[big] / 1024:.1f} MiB ({growth:.2f}×)"
                    + ("" if use_batch else " — akn-bench, not `akn batch`"), growth <= 1.10)

    def sizes(self):
        """Cost against size (issue 24): the generated resolution at ~10 KB, ~100 KB, ~1 MB and
        ~5 MB (Benchmarks/gen_sizes.py: paragraphs and notes growing together), each converted by
        `akn batch --jobs 1` on one core as copies making ~5 MB, so that every size converts the
        same bytes; CPU seconds per MB net of the start-up and schema compile (the floor), and the
        peak RSS of one document's whole process."""
        if self.subcommand_help("batch") is None:
            raise NotAvailable("`akn batch` (not on this branch yet)")
        sizes = [10_000, 100_000, 1_000_000] if self.quick else [10_000, 100_000, 1_000_000, 5_000_000]
        total = 1_000_000 if self.quick else 5_000_000
        gen = os.path.join(self.work, "sizes")
        shutil.rmtree(gen, ignore_errors=True)
        env = dict(os.environ, AKN_SHARED=self.shared or "")
        c = run_child([sys.executable, os.path.join(HERE, "gen_sizes.py"), gen, "--sizes"] + [str(x) for x in sizes],
                      env=env)
        if c.rc != 0:
            raise Failed(f"gen_sizes.py: {c.err.strip()[-300:]}")
        self.cmd("documents of growing size", ["python3", os.path.join(HERE, "gen_sizes.py"), gen, "--sizes"]
                 + [str(x) for x in sizes])
        floor_cpu = self.floor["cpu_s"] if getattr(self, "floor", None) else 0.0
        per_mb = {}
        for size in sizes:
            src = os.path.join(gen, f"size-{size}.txt")
            nbytes = os.path.getsize(src)
            copies = max(1, round(total / nbytes))
            folder = os.path.join(self.work, "sets", f"size-{size}")
            one = os.path.join(self.work, "sets", f"size-{size}-one")
            for d, k in ((folder, copies), (one, 1)):
                shutil.rmtree(d, ignore_errors=True)
                os.makedirs(d)
                for i in range(k):
                    shutil.copyfile(src, os.path.join(d, f"doc-{i:04d}.txt"))
            out = os.path.join(self.work, "out", f"size-{size}")
            cmd = self.one_core(self.batch_cmd(folder, out, 1))
            self.cmd(f"akn batch --jobs 1, ~{size:,} bytes ×{copies}", cmd)
            m = measure(cmd, max(1, self.runs // 2) + 1, ok=(0,), before=lambda o=out: shutil.rmtree(o, ignore_errors=True))
            out1 = os.path.join(self.work, "out", f"size-{size}-one")
            m1 = measure(self.batch_cmd(one, out1, 1), 1, warmup=0, ok=(0,),
                         before=lambda o=out1: shutil.rmtree(o, ignore_errors=True))
            net = m["cpu_s"] - floor_cpu
            per_mb[size] = net / (nbytes * copies / 1e6)
            self.row("sizes", what=f"~{size:,} bytes ({nbytes:,}), {copies} cop{'y' if copies == 1 else 'ies'}",
                     cpu=m["cpu_s"], per_mb=per_mb[size], rss=m1["max_rss_kib"])
        spread = max(per_mb.values()) / min(per_mb.values())
        self.results["sizes"] = {"per_mb_cpu_s": per_mb, "floor_cpu_s": floor_cpu}
        self.target(f"cost linear in size: CPU per byte within 1.3× from ~10 KB to ~{max(sizes) / 1e6:g} MB",
                    f"{spread:.2f}× (" + ", ".join(f"{v:.3f}" for v in per_mb.values()) + " CPU-s per MB)",
                    spread <= 1.3)

    def profile(self):
        vg = shutil.which("valgrind")
        if not vg:
            raise NotAvailable("valgrind (apt-get install valgrind)")
        if not os.path.exists(self.tool):
            raise NotAvailable("akn-bench is not built")
        n = 10 if self.quick else 50
        files = self.sets["seed"][:n]
        lst = self.file_list(f"profile-{n}", files)
        out = os.path.join(self.work, "callgrind.out")
        cmd = [vg, "--tool=callgrind", f"--callgrind-out-file={out}", "--toggle-collect=*convertAllDocuments*",
               self.tool, "convert", "--schema", self.schema_dir, "--out", os.path.join(self.work, "out", "profile"),
               "--list", lst]
        self.cmd("profile", cmd)
        c = run_child(cmd)
        if c.rc != 0:
            raise Failed(c.err[-600:])
        total = re.search(r"Collected : (\d+)", c.err)
        self.read_profile(out, n, int(total.group(1)) if total else None)

    def read_profile(self, out, n, total):
        """The profile's tables from callgrind's file `out` (`n` documents, `total` instructions):
        inclusive counts of the project's own functions (every library target under Sources/),
        self counts of every function."""
        ann = run_child(["callgrind_annotate", "--auto=no", "--inclusive=yes", out]).out
        self_ann = run_child(["callgrind_annotate", "--auto=no", out]).out
        dem = shutil.which("swift-demangle") or None

        def demangle(text):
            if dem:
                p = subprocess.run([dem, "--simplified"], input=text, capture_output=True, text=True)
                return p.stdout
            p = subprocess.run(["swift", "demangle", "--simplified"], input=text, capture_output=True, text=True)
            return p.stdout if p.returncode == 0 else text

        def parse(text, only_ours):
            rows = []
            for line in demangle(text).splitlines():
                m = re.match(r"\s*([\d,]+) \(\s*[\d.]+%\)\s+(.*?):(.*?)(?: \[(.*)\])?$", line)
                if not m:
                    continue
                count = int(m.group(1).replace(",", ""))
                src, fn, obj = m.group(2), m.group(3), m.group(4) or m.group(2)
                if only_ours and not re.search(r"/Sources/(AkomaNtoso|AKN\w*)/", src):
                    continue
                where = src.split("/Sources/")[-1] if "/Sources/" in src else os.path.basename(obj)
                rows.append((count, where, fn.strip()))
            return rows

        inclusive = parse(ann, True)[:22]
        selfc = parse(self_ann, False)[:12]
        self.profile_data = {"docs": n, "total": total, "inclusive": inclusive, "self": selfc}
        self.results["profile"] = self.profile_data

    # -- report --------------------------------------------------------------------------------

    def machine(self):
        def first(cmd):
            try:
                p = subprocess.run(cmd, capture_output=True, text=True)
                return ((p.stdout or p.stderr).strip().splitlines() or ["?"])[0]
            except OSError:
                return "not installed"

        cpu = "?"
        mem = "?"
        try:
            with open("/proc/cpuinfo") as f:
                cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "?")
            with open("/proc/meminfo") as f:
                kb = int(next(l.split()[1] for l in f if l.startswith("MemTotal")))
                mem = f"{kb / 1024 / 1024:.1f} GiB"
        except OSError:
            pass
        v = {
            "machine": f"{self.ncpu} CPUs ({cpu}), {mem} memory, {platform.system()} {platform.release()}",
            "akn": f"{first([self.akn, '--version']) if os.path.exists(self.akn) else 'not built'} "
                   f"(git {first(['git', '-C', ROOT, 'rev-parse', '--short', 'HEAD'])}), release build",
            "swift": first(["swift", "--version"]),
            "libxml2 (akn, xmllint)": first(["pkg-config", "--modversion", "libxml-2.0"]) + "; " + first(["xmllint", "--version"]),
            "python (driver, peers)": sys.version.split()[0],
        }
        if self.venv_python:
            p = subprocess.run([self.venv_python, "-c",
                                "import importlib.metadata as m, lxml.etree as e;"
                                "print('bluebell-akn', m.version('bluebell-akn'), '/ bluebell-akn-rs',"
                                " m.version('bluebell-akn-rs'), '/ cobalt', m.version('cobalt'), '/ lxml',"
                                " m.version('lxml'), '(libxml2 %s)' % '.'.join(map(str, e.LIBXML_VERSION)))"],
                               capture_output=True, text=True)
            v["peers"] = p.stdout.strip() or p.stderr.strip()[-200:]
        la0 = getattr(self, "load_start", None)
        la1 = os.getloadavg()
        if la0:
            v["load average (1 min)"] = (f"{la0[0]:.2f} at the start, {la1[0]:.2f} at the end, on {self.ncpu} CPUs "
                                         "(other work on the machine makes wall-clock figures noisy; CPU-second "
                                         "figures much less so)")
        v["mode"] = (f"{'--quick' if self.quick else 'full'}: {self.runs} timed runs per measurement after 1 "
                     f"warm-up, medians; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
        self.versions = v

    def report(self):
        L = []
        L.append(BEGIN)
        L.append("")
        L.append("### Machine and versions")
        L.append("")
        L.append("| | |")
        L.append("| --- | --- |")
        for k, val in self.versions.items():
            L.append(f"| {k} | {val} |")
        L.append("")
        L.append("### Targets")
        L.append("")
        L.append("| target | measured (same run) | |")
        L.append("| --- | --- | --- |")
        for name, measured, status in self.targets:
            L.append(f"| {name} | {measured} | **{status}** |")
        L.append("")
        def table(title, header, rows, before=None, after=None):
            """A Markdown section: title, optional text, a table (numbers right-aligned), optional text."""
            L.extend([f"### {title}", ""] + ([before, ""] if before else []))
            L.append("| " + " | ".join(h for h, _ in header) + " |")
            L.append("| " + " | ".join("---:" if right else "---" for _, right in header) + " |")
            L.extend("| " + " | ".join(str(c) for c in row) + " |" for row in rows)
            L.extend([""] + ([after, ""] if after else []))

        def num(value, fmt):
            return "—" if value is None or value == "" else format(value, fmt)

        def other(r):
            return num(r.get("other"), ".2f") if r.get("other") is not None else "?"

        table("Conversion throughput",
              [("set", 0), ("tool", 0), ("docs", 1), ("converted", 1), ("docs / CPU-s", 1), ("MB/s", 1),
               ("median wall s", 1), ("note", 0)],
              [(r["set"], r["tool"], r["docs"], r["ok"], num(r["cpu_rate"], ",.1f"), num(r.get("mbps"), ".2f"),
                num(r["wall"], ".3f"), r["note"][:200]) for r in self.rows.get("conversion", [])],
              before="Docs per CPU-second: CPU seconds of the conversion loop (akn-bench and bluebell time their "
                     "own loop; schema compile and imports excluded); `akn batch` rows are whole processes. "
                     "MB/s: input megabytes per wall second.")
        table("Validation throughput",
              [("tool", 0), ("docs", 1), ("docs / CPU-s", 1), ("median wall s", 1), ("note", 0)],
              [(r["tool"], r["docs"], "" if r["cpu_rate"] == "" else num(r["cpu_rate"], ",.0f"),
                "" if r["wall"] == "" else num(r["wall"], ".3f"), r["note"]) for r in self.rows.get("validation", [])])
        table("Scaling (1 job vs all cores)",
              [("what", 0), ("1 core, median wall s", 1), ("all cores, median wall s", 1), ("speed-up", 1),
               ("other load, cores", 1)],
              [(r["what"], num(r["one"], ".3f"), num(r["alls"], ".3f"), num(r["speedup"], ".2f") + "×", other(r))
               for r in self.rows.get("scaling", [])],
              before="Runs on one core and on all cores alternate, round after round; the speed-up is the median "
                     "of the rounds' ratios.",
              after="Other load: CPU time of everything else on the machine during those runs (from /proc/stat, "
                    "less the benchmark's own), in cores; a speed-up can only show on cores nothing else uses.")
        table("One-file latency", [("what", 0), ("median wall ms", 1), ("CPU ms", 1), ("peak RSS MiB", 1)],
              [(r["what"], num(r["wall"] * 1000, ".0f"), num(r["cpu"] * 1000, ".0f"), num(r["rss"] / 1024, ".1f"))
               for r in self.rows.get("latency", [])])
        table("Peak memory", [("what", 0), ("peak RSS MiB", 1), ("wall s", 1), ("CPU s", 1), ("other load, cores", 1)],
              [(r["what"], num(r["rss"] / 1024, ".1f"), num(r["wall"], ".2f"), num(r["cpu"], ".2f"), other(r))
               for r in self.rows.get("memory", [])])
        table("Cost against size", [("document", 0), ("CPU s, whole batch", 1), ("CPU s per MB, net of the floor", 1),
                                     ("peak RSS MiB, one document's process", 1)],
              [(r["what"], num(r["cpu"], ".2f"), num(r["per_mb"], ".3f"), num(r["rss"] / 1024, ".1f"))
               for r in self.rows.get("sizes", [])],
              before=f"`akn batch --jobs 1` on one core over copies of each generated size making "
                     f"~{1 if self.quick else 5} MB; the floor is the start-up and schema compile of one process.")
        if self.notes:
            L.append("### Notes from this run")
            L.append("")
            for section, text in self.notes:
                L.append(f"- {section}: {text[:400]}")
            L.append("")
        pd = getattr(self, "profile_data", None)
        if pd:
            L.append(f"### Profile (callgrind, instructions, {pd['docs']} seed documents in one process, "
                     f"conversion loop only)")
            L.append("")
            if pd["total"]:
                L.append(f"{pd['total']:,} instructions in all, {pd['total'] // pd['docs']:,} per document.")
                L.append("")
            for title, rows in (("Inclusive, the library's own functions:", pd["inclusive"]),
                                ("Self cost, every function:", pd["self"])):
                L += [title, ""]
                L += ["| instructions | % | where | function |", "| ---: | ---: | --- | --- |"]
                L += [f"| {count:,} | {100 * count / pd['total'] if pd['total'] else 0:.1f} | {where} | `{fn[:110]}` |"
                      for count, where, fn in rows]
                L.append("")
        L.append("### Commands")
        L.append("")
        L.append("```")
        for label, c in self.commands:
            L.append(f"# {label}")
            L.append(c if len(c) < 400 else c[:400] + " …")
        L.append("```")
        L.append("")
        L.append(END)
        text = "\n".join(L)
        readme = self.a.readme
        if readme:
            old = open(readme).read() if os.path.exists(readme) else ""
            if BEGIN in old and END in old:
                new = old[:old.index(BEGIN)] + text + old[old.index(END) + len(END):]
            else:
                new = old.rstrip("\n") + "\n\n" + text + "\n"
            with open(readme, "w") as f:
                f.write(new)
            log(f"wrote the results into {rel(readme)}")
        self.results.update({"versions": self.versions, "targets": self.targets, "rows": self.rows,
                             "notes": self.notes, "commands": self.commands})
        os.makedirs(self.work, exist_ok=True)
        with open(os.path.join(self.work, "results.json"), "w") as f:
            json.dump(self.results, f, indent=1, default=str)


def default_work():
    """/dev/shm/akn-bench when /dev/shm is a writable tmpfs, else Benchmarks/work."""
    if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK):
        return "/dev/shm/akn-bench"
    return os.path.join(HERE, "work")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="smoke run: fewer documents and runs (a few minutes)")
    ap.add_argument("--runs", type=int, help="timed runs per measurement (default 5, --quick 3)")
    ap.add_argument("--akn", default=os.path.join(ROOT, ".build", "release", "akn"))
    ap.add_argument("--bench-tool", default=os.path.join(HERE, ".build", "release", "akn-bench"))
    ap.add_argument("--schema", default=os.path.join(ROOT, "Schemas"))
    ap.add_argument("--shared", default=os.environ.get("AKN_SHARED") or os.path.join(os.path.dirname(ROOT), "shared"))
    ap.add_argument("--peers-python", default=os.environ.get("AKN_PEERS_PYTHON"),
                    help="python of the peers' venv (bluebell, lxml); default $AKN_PEERS_PYTHON")
    ap.add_argument("--work", default=default_work(),
                    help="where generated sets and outputs go (default /dev/shm/akn-bench, on tmpfs so that "
                         "the VM's disk is not measured; Benchmarks/work without /dev/shm)")
    ap.add_argument("--readme", default=os.path.join(HERE, "README.md"), help="README to rewrite ('' for none)")
    ap.add_argument("--only", nargs="*", help="run only these steps (corpus always runs)")
    ap.add_argument("--no-profile", action="store_true")
    args = ap.parse_args()
    if args.peers_python:
        args.peers_python = os.path.abspath(args.peers_python)
    if not os.path.exists(os.path.join(args.schema, "akomantoso30.xsd")):
        raise SystemExit(f"bench.py: no schema in {args.schema}: run `make schema`")
    b = Bench(args)
    b.load_start = os.getloadavg()
    t0 = time.perf_counter()
    b.step("corpus", b.corpus)
    steps = [("conversion: akn in-process", b.akn_inprocess), ("conversion: bluebell", b.bluebell),
             ("schema compile floor", b.compile_floor), ("conversion: akn batch, gen-small", b.batch_gen_small),
             ("conversion targets", b.conversion_targets),
             ("one-file latency", b.latency), ("validation", b.validation),
             ("validation: real AKN files", b.validation_real), ("scaling", b.scaling),
             ("conversion: akn batch on the real texts", b.batch_bulk),
             ("peak memory", b.memory), ("cost against size", b.sizes), ("conversion: PDFs", b.pdfs)]
    if not args.no_profile:
        steps.append(("profile", b.profile))
    for title, fn in steps:
        if args.only and not any(o in title for o in args.only):
            continue
        b.step(title, fn)
    b.machine()
    b.report()
    log(f"done in {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
