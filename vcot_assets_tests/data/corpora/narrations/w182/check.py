#!/usr/bin/env python3
"""Standalone checker for w182 narrations: re-executes each program with sys.settrace,
records per-function variable histories and line hit counts, and checks claims/errors."""
import json, sys, copy, re

def run(code, call):
    hist = {}   # (func, var) -> list of values (changes only)
    lines = {}  # line_no -> hits
    atline = {}  # (line_no, var) -> values each time the line is reached
    def snap(frame):
        fn = frame.f_code.co_name
        for k, v in list(frame.f_locals.items()):
            items = [(k, v)]
            if k == 'self' and hasattr(v, '__dict__'):
                items += [('self.' + a, b) for a, b in vars(v).items()]
            for name, val in items:
                try:
                    val = copy.deepcopy(val)
                except Exception:
                    val = repr(val)
                h = hist.setdefault((fn, name), [])
                if not h or h[-1] != val or type(h[-1]) != type(val):
                    h.append(val)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        snap(frame)
        if event == 'line':
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            for k, v in frame.f_locals.items():
                try:
                    atline.setdefault((frame.f_lineno, k), []).append(copy.deepcopy(v))
                except Exception:
                    pass
        return tracer
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    global ATLINE
    ATLINE = atline
    return ret, hist, lines

def values_of(hist, var, func=None):
    out = []
    for (fn, name), h in hist.items():
        if name == var and (func is None or fn == func):
            out.extend(h)
    return out

def lit(s):
    return eval(s, {})

def check_claim(c, hist, lines, ret):
    what = c['what']
    if c['quote'] not in RAT:
        return 'quote not in rationale'
    if what == 'value':
        v = lit(c['value'])
        vals = values_of(hist, c['variable'], c.get('func'))
        if c.get('at_line'):
            seen = ATLINE.get((c['at_line'], c['variable']), [])
            if (seen != v) if c.get('seq') else (v not in seen):
                return f"at line {c['at_line']} {c['variable']} = {seen}, stated {v}"
            return None
        if c.get('seq'):
            k = len(v)
            v = [x for i, x in enumerate(v) if i == 0 or v[i - 1] != x]
            k = len(v)
            if not any(vals[i:i + k] == v for i in range(len(vals))):
                return f"sequence {v} not in history {vals}"
            return None
        if not any(x == v and type(x) == type(v) for x in vals) and v not in vals:
            return f"{c['variable']} never {v!r} (history {vals[:12]})"
    elif what == 'count':
        n = lines.get(c['line'], 0)
        if n != lit(c['value']):
            return f"count line {c['line']} = {n}, stated {c['value']}"
    elif what == 'arith':
        if eval(c['expr'], {}) != lit(c['value']):
            return f"arith {c['expr']} = {eval(c['expr'], {})}, stated {c['value']}"
    elif what == 'comparison':
        if bool(eval(c['expr'], {})) != lit(c['value']):
            return f"comparison {c['expr']} wrong"
    elif what == 'return':
        if lit(c['value']) != ret:
            return f"return {c['value']} != {ret!r}"
    elif what == 'call':
        return None
    return None

def error_is_false(item, hist, lines, ret, g_code):
    e = item['error']; at = e['at']; t = at['type']
    stated = lit(e['stated']) if t not in ('answer',) else None
    if e['quote'] not in item['rationale']:
        return 'error quote not in rationale'
    if t == 'hist':
        h = [x for (fn, n), hh in hist.items() if n == at['variable'] and fn == at.get('func', fn) for x in hh] if False else hist.get((at['func'], at['variable']), [])
        if at['index'] >= len(h):
            return f"history too short {h}"
        truth = h[at['index']]
        if truth == stated:
            return f"stated value is true at that point ({truth!r})"
        if lit(e['actual']) != truth:
            return f"actual {e['actual']} != history value {truth!r}"
        if e.get('held_elsewhere'):
            if stated not in values_of(hist, at['variable'], at['func']) and stated not in [x for hh in hist.values() for x in hh if type(x) == type(stated)]:
                return 'held_elsewhere but value never held'
    elif t == 'atline':
        seen = ATLINE.get((at['line'], at['variable']), [])
        truth = seen[at['index']]
        if truth == stated:
            return 'stated value true at that point'
        if truth != lit(e['actual']):
            return f'actual mismatch {truth!r}'
        if e.get('held_elsewhere') and stated not in values_of(hist, at['variable']):
            return 'held_elsewhere but never held'
    elif t == 'arith':
        if eval(at['expr'], {}) == stated:
            return 'arith actually right'
        if eval(at['expr'], {}) != lit(e['actual']):
            return 'actual mismatch'
        if e.get('held_elsewhere') and stated not in [x for hh in hist.values() for x in hh]:
            return 'held_elsewhere but value never held'
    elif t == 'count':
        n = lines.get(at['line'], 0)
        if n == stated:
            return 'count actually right'
        if n != lit(e['actual']):
            return 'actual mismatch'
    elif t == 'cmp':
        if bool(eval(at['expr'], {})) == stated:
            return 'comparison actually right'
    elif t == 'answer':
        if item['direction'] == 'forward':
            if lit(item['answer']) == ret:
                return 'forward answer actually right'
        else:
            g = {}
            exec(compile(g_code, '<prog2>', 'exec'), g)
            try:
                r2 = eval(item['answer'], g)
            except Exception as ex:
                r2 = ex
            if r2 == ret:
                return 'backward answer actually returns output'
    return None

items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl')]
fails = 0
report = []
for it in items:
    RAT = it['rationale']
    ret, hist, lines = run(it['code'], it['call'])
    probs = []
    if repr(ret) != it['returned']:
        probs.append(f"returned {ret!r} != {it['returned']}")
    last = RAT.strip().splitlines()[-1]
    if not last.startswith('Answer:') and not last.startswith('Predicted Output:'):
        probs.append('no Answer line')
    elif last.split(':', 1)[1].strip() != it['answer']:
        probs.append('answer field differs from Answer line')
    if it['label'] == 'faithful':
        for c in it['claims']:
            p = check_claim(c, hist, lines, ret)
            if p: probs.append(f"claim {c['quote']!r}: {p}")
        if it['direction'] == 'forward':
            if lit(it['answer']) != ret: probs.append('forward answer wrong')
        else:
            g = {}; exec(compile(it['code'], '<prog2>', 'exec'), g)
            if eval(it['answer'], g) != ret: probs.append('backward answer does not return output')
    else:
        p = error_is_false(it, hist, lines, ret, it['code'])
        if p: probs.append('error not false: ' + p)
        if it['error']['kind'] != 'wrong_final_answer' and it['error']['kind'] != 'backward_wrong_input':
            # answer must still be right
            if it['direction'] == 'forward' and lit(it['answer']) != ret: probs.append('answer wrong in non-answer error copy')
        # other claims (not the erroneous one) still true
        for c in it['claims']:
            if c['quote'] == it['error']['quote'] or c.get('err'):
                continue
            p = check_claim(c, hist, lines, ret)
            if p: probs.append(f"claim {c['quote']!r}: {p}")
    status = 'PASS' if not probs else 'FAIL'
    if probs: fails += 1
    report.append(f"{status} {it['id']} ({it['label']}, {it['direction']}, {it['style']}, claims={len(it['claims'])})")
    for p in probs: report.append('    ' + p)
report.append(f"\n{len(items)} items, {fails} failing")
print('\n'.join(report))
sys.exit(1 if fails else 0)
