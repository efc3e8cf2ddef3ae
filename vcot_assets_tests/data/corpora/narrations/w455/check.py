"""Standalone checker for w455 narrations. Runs each call under sys.settrace,
records per-variable value histories (locals of every frame plus self.<attr>),
line hit counts, and verifies claims / errors."""
import sys, json, ast, re, copy

def run_traced(code, call):
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    hist = {}      # var -> list of values (consecutive duplicates collapsed, per frame)
    lines = {}     # lineno -> hits
    last = {}
    def rec(name, val, key):
        try:
            v = copy.deepcopy(val)
        except Exception:
            v = val
        if last.get(key, object()) != v or key not in last:
            last[key] = v
            hist.setdefault(name, []).append(v)
    def snap(frame):
        fid = id(frame)
        for k, v in frame.f_locals.items():
            if k == 'self':
                for a, av in getattr(v, '__dict__', {}).items():
                    rec('self.' + a, av, (id(v), 'self.' + a))
            elif not callable(v):
                rec(k, v, (fid, k))
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        def local(frame, event, arg):
            snap(frame)
            if event == 'line':
                lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            return local
        snap(frame)
        return local
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, lines

def plain_eval(code, call):
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    return eval(call, g)

def lit(s):
    return ast.literal_eval(s)

def check_item(it, fails):
    iid = it['id']
    def bad(msg):
        fails.append(f"{iid}: {msg}")
    ret, hist, lines = run_traced(it['code'], it['call'])
    if repr(ret) != it['returned']:
        bad(f"returned {it['returned']} != real {ret!r}")
    rat = it['rationale']
    last_line = rat.strip().splitlines()[-1]
    if not last_line.startswith('Answer:') or last_line[len('Answer:'):].strip() != it['answer']:
        bad(f"last line mismatch: {last_line!r}")
    if it['function'] not in it['call']:
        bad("function not in call")
    err = it['error']
    errq = err['quote'] if err else None
    for c in it['claims']:
        if c['quote'] not in rat:
            bad(f"claim quote not in rationale: {c['quote']!r}")
            continue
        if err and c['quote'] == errq:
            continue  # the wrong claim is checked below as an error
        ok = claim_true(c, hist, lines, ret)
        if ok is not True:
            bad(f"claim false: {c} ({ok})")
    # answer
    if it['direction'] == 'forward':
        ans_ok = (lit(it['answer']) == ret)
    else:
        fn = it['function']
        if not it['answer'].startswith(fn + '('):
            bad("backward answer does not call function")
        try:
            ans_ok = plain_eval(it['code'], it['answer']) == ret
        except Exception as e:
            ans_ok = False
    if err is None:
        if not ans_ok:
            bad(f"faithful answer wrong: {it['answer']}")
        return
    # error copies
    if err['quote'] not in rat:
        bad("error quote not in rationale")
    if err['stated'] not in err['quote']:
        bad("stated not in quote")
    k = err['kind']
    if k in ('wrong_final_answer', 'backward_wrong_input'):
        if ans_ok:
            bad("error answer is actually right")
        return
    if not ans_ok:
        bad("non-answer error but answer wrong")
    chk = err['check']
    stated = lit(err['stated_value'])
    actual = lit(err['actual_value'])
    if stated == actual:
        bad("stated == actual")
    t = chk['type']
    if err.get('held_elsewhere'):
        ov = chk.get('other_var') or chk.get('var')
        if stated not in (derived(hist, ov) or []):
            bad(f"held_elsewhere but {ov} never holds {stated!r}")
    if t == 'history_at':
        h = derived(hist, chk['var']) or []
        if chk['at'] >= len(h) or h[chk['at']] != actual:
            bad(f"actual not at history[{chk['at']}] of {chk['var']}: {h}")
        elif h[chk['at']] == stated:
            bad("stated true at that point")
    elif t == 'never':
        if stated in hist.get(chk['var'], []):
            bad(f"impossible_state value actually occurs for {chk['var']}")
        if chk.get('at') is not None and hist[chk['var']][chk['at']] != actual:
            bad("actual mismatch for never")
    elif t == 'arith':
        if eval(chk['expr']) != actual:
            bad(f"arith actual wrong: {chk['expr']}")
    elif t == 'count':
        n = lines.get(chk['line'], 0) - chk.get('offset', 0)
        if n != actual:
            bad(f"count actual wrong {n} vs {actual}")
    elif t == 'comparison':
        if eval(chk['expr']) != actual:
            bad("comparison actual wrong")
    elif t == 'return':
        if ret != actual:
            bad("return actual wrong")
    else:
        bad(f"unknown check {t}")

def derived(hist, var):
    if var and '[' in var and var.split('[')[0] in hist:
        base, idx = var.split('[', 1)
        out = []
        for x in hist[base]:
            v = eval('x[' + idx, {'x': x})
            if not out or out[-1] != v:
                out.append(v)
        return out
    return hist.get(var)

def claim_true(c, hist, lines, ret):
    w = c['what']
    v = lit(c['value'])
    if w == 'value':
        h = derived(hist, c['variable'])
        if h is None:
            return f"no such variable {c['variable']}"
        if 'seq_from' in c:
            k = c['seq_from']
            return True if h[k:k + len(v)] == v else f"history slice {h[k:k+len(v)]}"
        if 'at' in c:
            return True if h[c['at']] == v else f"history[{c['at']}]={h[c['at']]!r}"
        return True if v in h else f"not in history {h}"
    if w == 'count':
        n = lines.get(c['line'], 0) - c.get('offset', 0)
        return True if n == v else f"count {n}"
    if w in ('arith', 'comparison'):
        r = eval(c['expr'])
        return True if r == v else f"eval {r!r}"
    if w == 'return':
        return True if ret == v else f"ret {ret!r}"
    if w == 'call':
        return True
    return f"unknown what {w}"

if __name__ == '__main__':
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl')]
    fails = []
    for it in items:
        try:
            check_item(it, fails)
        except Exception as e:
            fails.append(f"{it['id']}: exception {e!r}")
    nf = sum(1 for i in items if i['label'] == 'faithful')
    print(f"items={len(items)} faithful={nf} errors={len(items)-nf} programs={len(set(i['program_id'] for i in items))}")
    print("claims checked:", sum(len(i['claims']) for i in items))
    for f in fails:
        print("FAIL", f)
    print("RESULT:", "PASS" if not fails else f"FAIL ({len(fails)})")
