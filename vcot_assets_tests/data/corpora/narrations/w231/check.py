"""Standalone checker for w231 narrations: re-executes every program with sys.settrace and
checks returned values, claims, answers, and that each error copy's error is really false."""
import ast, copy, json, re, sys
from collections import defaultdict

FN = "<prog>"

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run_traced(code, call):
    ns = {"__name__": "prog"}
    exec(compile(code, FN, "exec"), ns)
    hist = defaultdict(list)          # name -> ordered list of values (on change, per frame)
    last = {}                          # (frame id, name) -> last value
    hits = defaultdict(int)            # line number -> hit count
    calls = defaultdict(int)
    rets = defaultdict(list)
    def record(frame):
        fid = id(frame)
        items = dict(frame.f_locals)
        obj = items.get("self")
        if obj is not None and hasattr(obj, "__dict__"):
            for k, v in vars(obj).items():
                items["self." + k] = v
        for k, v in items.items():
            if k == "self" or callable(v) and not isinstance(v, (list, dict)):
                continue
            s = snap(v)
            # attributes are tracked per object (across method calls), locals per frame
            key = ("obj", id(obj), k) if k.startswith("self.") else (fid, k)
            if key not in last or last[key] != s or type(last[key]) != type(s):
                last[key] = s
                hist[k].append(s)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event == "call":
            calls[frame.f_code.co_name] += 1
            for key in [k for k in last if k[0] == id(frame)]:
                del last[key]          # a new frame may reuse an old frame's id
            record(frame)
        elif event == "line":
            record(frame)
            hits[frame.f_lineno] += 1
        elif event == "return":
            record(frame)
            rets[frame.f_code.co_name].append(snap(arg))
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return result, hist, hits, calls, rets

def plain_eval(call, code):
    ns = {"__name__": "prog"}
    exec(compile(code, FN + "2", "exec"), ns)
    return eval(call, ns)

def lit(s):
    return ast.literal_eval(s)

def hist_of(hist, var):
    """history of a variable, or of a subscript path such as groups['lower'] / self.items[0]"""
    if var in hist:
        return hist[var]
    m = re.match(r"^([\w.]+)(\[.*\])$", var or "")
    if not m or m.group(1) not in hist:
        return []
    out = []
    for v in hist[m.group(1)]:
        try:
            x = eval("_v" + m.group(2), {"_v": v})
        except Exception:
            continue
        if not out or out[-1] != x:
            out.append(x)
    return out

def takes(h, val):
    if any(v == val and (type(v) == type(val) or isinstance(v, (int, float)) and not isinstance(v, bool)) for v in h):
        return True
    if isinstance(val, list) and val:      # a summarised sequence: a contiguous run of the history
        n = len(val)
        return any(h[i:i + n] == val for i in range(len(h) - n + 1))
    return False

def find_line(code, spec):
    spec = spec.split("@", 1)[1].strip()
    if spec.startswith("line "):
        return int(spec[5:])
    nums = [i + 1 for i, l in enumerate(code.splitlines()) if spec in l]
    if len(nums) != 1:
        raise ValueError(f"loop spec {spec!r} matches lines {nums}")
    return nums[0]

def arith_value(expr):
    e = expr.replace("`", "").strip()
    for sep in [" = ", "=", " is ", " gives ", " equals "]:
        if sep in e and "==" not in e:
            e = e.split(sep)[0]
            break
    return eval(e, {})

def count_of(code, var, hits, calls):
    if var.startswith("calls@"):
        return calls[var[6:]]
    return hits[find_line(code, var)]

def check_claim(c, item, ctx):
    what, var, quote = c["what"], c.get("variable"), c["quote"]
    code = item["code"]
    result, hist, hits, calls, rets = ctx
    val = lit(c["value"])
    off = c.get("offset")
    if quote not in item["rationale"] or (off is not None and item["rationale"][off:off + len(quote)] != quote):
        return f"quote not in rationale at its offset: {quote!r}"
    if what == "value":
        if not takes(hist_of(hist, var), val):
            return f"{var} never takes {val!r} (history {hist_of(hist, var)[:30]})"
    elif what == "count":
        n = count_of(code, var, hits, calls)
        if n != val:
            return f"count {var}: stated {val}, real {n}"
    elif what in ("arith", "comparison"):
        e = c.get("expr") or quote
        got = arith_value(e) if what == "arith" else eval(e.replace("`", ""), {})
        if got != val:
            return f"{what} {e!r}: stated {val!r}, evaluates to {got!r}"
    elif what == "return":
        if val != result:
            return f"return stated {val!r}, real {result!r}"
    elif what == "call":
        if plain_eval(c["expr"], code) != val:
            return f"call {c['expr']} does not give {val!r}"
    else:
        return f"unknown claim kind {what}"
    return None

def check_error(item, ctx):
    e = item["error"]
    kind, code = e["kind"], item["code"]
    result, hist, hits, calls, rets = ctx
    if item["rationale"].count(e["quote"]) != 1:
        return "error quote not found exactly once in rationale"
    if item["rationale"][e["offset"]:e["offset"] + len(e["quote"])] != e["quote"]:
        return "error offset does not point at the quote"
    errs = [c for c in item["claims"] if c.get("err")]
    if kind == "wrong_final_answer":
        if lit(item["answer"]) == result:
            return "final answer is actually right"
        return None
    if kind == "backward_wrong_input":
        try:
            got = plain_eval(item["answer"], code)
        except Exception as ex:
            return None
        if repr(got) == item["returned"]:
            return "backward answer really returns the output"
        return None
    if not errs:
        return "no claim marked err"
    c = errs[0]
    if c["quote"] != e["quote"]:
        return "err claim quote differs from error quote"
    stated = lit(e["stated_value"]) if "stated_value" in e else lit(c["value"])
    actual = lit(e["actual"])
    if kind == "wrong_arithmetic":
        real = arith_value(c.get("expr") or c["quote"])
        if real == stated or real != actual:
            return f"arith not wrong / actual mismatch: {real!r}"
    elif kind == "off_by_one_loop_count":
        real = count_of(code, c["variable"], hits, calls)
        if real != actual or abs(real - stated) != 1:
            return f"count real {real}, stated {stated}, actual {actual}"
    elif kind == "branch_not_taken":
        real = eval((c.get("expr") or c["quote"]).replace("`", ""), {})
        if real == stated or real != actual:
            return f"comparison real {real}"
    elif kind == "impossible_state":
        if takes(hist_of(hist, c["variable"]), stated):
            return f"{c['variable']} does take {stated!r}"
    elif kind in ("wrong_loop_summary_value", "wrong_intermediate_right_answer", "swapped_variables"):
        pt = e.get("point")
        if not pt:
            return "no point given"
        h = hist_of(hist, pt["variable"])
        real = h[pt["nth"]]
        if real != actual or real == stated:
            return f"at point {pt}: real {real!r}, stated {stated!r}, actual {actual!r}"
        if kind == "wrong_intermediate_right_answer" and item["direction"] == "forward" and lit(item["answer"]) != result:
            return "final answer not right"
        if kind == "swapped_variables":
            pt2 = e.get("point2")
            h2 = hist_of(hist, pt2["variable"])
            if h2[pt2["nth"]] != stated:
                return "swapped: other variable doesn't hold stated value there"
    else:
        return f"unknown error kind {kind}"
    if e.get("held_elsewhere"):
        allv = [v for vs in hist.values() for v in vs]
        if kind == "off_by_one_loop_count":
            if stated not in list(hits.values()) + allv:
                return "held_elsewhere but count value never held"
        elif stated not in allv and not (e.get("point") and takes(hist_of(hist, e["point"]["variable"]), stated)):
            return "held_elsewhere but value never held anywhere"
    return None

def main(path, report):
    items = [json.loads(l) for l in open(path) if l.strip()]
    import os
    progs = {}
    ppath = os.path.join(os.path.dirname(os.path.abspath(path)), "programs.jsonl")
    if os.path.exists(ppath):
        for l in open(ppath):
            r = json.loads(l)
            progs[r["id"]] = r
    ids = set()
    fails = 0
    out = []
    for it in items:
        probs = []
        if it["id"] in ids:
            probs.append("duplicate id")
        ids.add(it["id"])
        try:
            ctx = run_traced(it["code"], it["call"])
        except Exception as ex:
            probs.append(f"exec failed {ex!r}")
            ctx = None
        p = progs.get(it["program_id"])
        if p is None:
            probs.append("program not in programs.jsonl")
        elif p["code"] != it["code"] or p["call"] != it["call"] or len(p["events"]) != it["trace_events"] or p["returned"] != it["returned"]:
            probs.append("item disagrees with programs.jsonl (code/call/events/returned)")
        if not re.search(r"\b(def|class) " + re.escape(it["function"]) + r"\b", it["code"]) or it["function"] + "(" not in it["call"]:
            probs.append("function name not defined in code or not in call")
        if ctx:
            if repr(ctx[0]) != it["returned"]:
                probs.append(f"returned mismatch {ctx[0]!r} vs {it['returned']}")
            if not it["rationale"].rstrip().endswith("Answer: " + it["answer"]) and \
               not it["rationale"].rstrip().endswith(it["answer"]):
                probs.append("rationale does not end with answer")
            for c in it["claims"]:
                if c.get("err") or c.get("carried"):
                    continue
                try:
                    p = check_claim(c, it, ctx)
                except Exception as ex:
                    p = f"claim check crashed {ex!r} on {c}"
                if p:
                    probs.append(p)
            if it["label"] == "faithful" or (it["error"]["kind"] not in ("wrong_final_answer", "backward_wrong_input")
                                             and not it["error"].get("carried")):
                if it["direction"] == "forward":
                    if lit(it["answer"]) != ctx[0]:
                        probs.append("forward answer wrong")
                else:
                    if repr(plain_eval(it["answer"], it["code"])) != it["returned"]:
                        probs.append("backward answer does not return output")
            if it["label"] == "error":
                try:
                    p = check_error(it, ctx)
                except Exception as ex:
                    p = f"error check crashed {ex!r}"
                if p:
                    probs.append("ERRORCOPY: " + p)
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        out.append(f"{status} {it['id']} ({len(it['claims'])} claims)" + "".join("\n    - " + p for p in probs))
    out.append(f"\n{len(items)} items, {len(items) - fails} pass, {fails} fail")
    text = "\n".join(out)
    if report:
        open(report, "w").write(text + "\n")
    print(text)
    return fails

if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl",
                       sys.argv[2] if len(sys.argv) > 2 else None) else 0)
