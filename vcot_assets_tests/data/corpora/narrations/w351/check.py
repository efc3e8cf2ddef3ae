"""Standalone checker for w351 narrations: re-executes each program with sys.settrace and checks
every claim, the return value, answers, and that each error copy's error is really false."""
import ast, json, sys, re

def lit(s):
    return ast.literal_eval(s) if isinstance(s, str) else s

def run(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = {}        # (func, var) -> list of reprs, consecutive duplicates collapsed
    lines = {}       # line number -> hit count
    snaps = {}       # frame id -> {var: repr}
    def note(frame):
        fn = frame.f_code.co_name
        cur = {}
        for k, v in frame.f_locals.items():
            cur[k] = repr(v)
            if k == 'self' and hasattr(v, '__dict__'):
                for a, av in vars(v).items():
                    cur['self.' + a] = repr(av)
        prev = snaps.get(id(frame), {})
        for k, r in cur.items():
            if prev.get(k) != r:
                h = hist.setdefault((fn, k), [])
                if not h or h[-1] != r:
                    h.append(r)
        snaps[id(frame)] = cur
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == 'call':
            snaps.pop(id(frame), None)
            note(frame)
        elif event == 'line':
            note(frame)
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        elif event == 'return':
            note(frame)
            snaps.pop(id(frame), None)
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return ns, result, hist, lines

def same(rep, v):
    try:
        return ast.literal_eval(rep) == v
    except Exception:
        return rep == repr(v)

def history(hist, func, var, default_func):
    if func:
        return hist.get((func, var), [])
    if (default_func, var) in hist:
        return hist[(default_func, var)]
    out = []
    for (f, v), h in hist.items():
        if v == var:
            out += h
    return out

def claim_ok(c, item, ns, result, hist, lines):
    what = c['what']; val = c['value']
    if what == 'value':
        h = history(hist, c.get('func'), c['variable'], item['function'])
        if 'seq_at' in c:
            seq = [repr(x) for x in lit(val)]
            k = c['seq_at']
            return h[k:k + len(seq)] == seq, f"history {h}"
        v = lit(val)
        if 'at' in c:
            return len(h) > c['at'] and same(h[c['at']], v), f"history {h}"
        return any(same(x, v) for x in h), f"history {h}"
    if what == 'count' and 'count_var' in c:
        n = len(history(hist, c.get('func'), c['count_var'], item['function']))
        return n == lit(val), f"count {n}"
    if what == 'count':
        n = sum(lines.get(l, 0) for l in c['lines']) - c.get('offset', 0)
        return n == lit(val), f"count {n}"
    if what in ('arith', 'comparison'):
        v = eval(c['expr'], {})
        return v == lit(val), f"eval {v!r}"
    if what == 'call':
        v = eval(c['expr'], ns)
        return v == lit(val), f"call gives {v!r}"
    if what == 'return':
        return result == lit(val), f"returned {result!r}"
    return False, "unknown what"

def answer_ok(item, ns, result):
    if item['direction'] == 'forward':
        return lit(item['answer']) == result
    ns2 = {}
    exec(compile(item['code'], "<prog2>", "exec"), ns2)
    return eval(item['answer'], ns2) == result

def error_is_false(item, ns, result, hist, lines):
    e = item['error']; ch = e['check']; t = ch['type']
    if t == 'answer':
        return not answer_ok(item, ns, result), "answer"
    if t in ('arith', 'comparison'):
        v = eval(ch['expr'], {})
        ok = v != lit(e['stated']) and v == lit(e['actual'])
        if e.get('held_elsewhere'):
            ok = ok and any(same(x, lit(e['stated'])) for hh in hist.values() for x in hh)
        return ok, f"eval {v!r}"
    if t == 'count':
        n = sum(lines.get(l, 0) for l in ch['lines'])
        return n != lit(ch['stated']) and n == lit(e['actual']), f"count {n}"
    if t == 'history':
        h = history(hist, ch['func'], ch['variable'], item['function'])
        at_point = h[ch['at']] if len(h) > ch['at'] else None
        ok = at_point != repr(lit(ch['stated']))
        if e.get('held_elsewhere'):
            allv = {r for hh in hist.values() for r in hh}
            ok = ok and repr(lit(ch['stated'])) in allv and at_point == repr(lit(e['actual']))
        return ok, f"value at point {at_point}"
    if t == 'never':
        h = history(hist, ch['func'], ch['variable'], item['function'])
        return not any(same(x, lit(ch['stated'])) for x in h), f"history {h}"
    return False, "unknown check"

def main(path):
    items = [json.loads(l) for l in open(path)]
    fails = 0; out = []
    for it in items:
        probs = []
        ns, result, hist, lines = run(it['code'], it['call'])
        if repr(result) != it['returned']:
            probs.append(f"returned mismatch {result!r} vs {it['returned']}")
        last = it['rationale'].strip().splitlines()[-1]
        if last.strip() != f"Answer: {it['answer']}":
            probs.append(f"last line is not the Answer line: {last!r}")
        eq = it['error']['quote'] if it['error'] else None
        if eq is not None and eq not in it['rationale']:
            probs.append("error quote not in rationale")
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                probs.append(f"claim quote missing: {c['quote']!r}")
                continue
            ok, info = claim_ok(c, it, ns, result, hist, lines)
            is_err_claim = eq is not None and (eq in c['quote'] or c['quote'] in eq)
            if is_err_claim and it['error']['check']['type'] != 'answer':
                if ok:
                    probs.append(f"error claim unexpectedly true: {c['quote']!r} ({info})")
            elif not ok:
                probs.append(f"claim false: {c['quote']!r} value {c['value']} ({info})")
        if it['label'] == 'faithful':
            if not answer_ok(it, ns, result):
                probs.append("faithful answer wrong")
        else:
            ok, info = error_is_false(it, ns, result, hist, lines)
            if not ok:
                probs.append(f"error not confirmed false ({info})")
            if it['error']['kind'] not in ('wrong_final_answer', 'backward_wrong_input') and not answer_ok(it, ns, result):
                probs.append("answer wrong in a non-answer error copy")
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        out.append(f"{status} {it['id']} ({it['label']}{', ' + it['error']['kind'] if it['error'] else ''}; {len(it['claims'])} claims)")
        out += ["    " + p for p in probs]
    out.append(f"\n{len(items)} items, {len(items) - fails} pass, {fails} fail")
    print("\n".join(out))
    return fails

if __name__ == '__main__':
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl') else 0)
