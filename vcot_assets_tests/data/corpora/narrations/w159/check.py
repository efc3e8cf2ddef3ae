#!/usr/bin/env python3
"""Standalone checker for w159 narrations: re-executes every program with sys.settrace
and checks claims, answers and error copies against the real execution."""
import ast, json, sys, copy

def run_traced(code, call):
    hist = {}          # name -> list of values (each change, across frames)
    lines = {}         # line number -> hit count (in program code)
    last = {}          # (frame id, name) -> last repr
    def snap(frame):
        fid = id(frame)
        for k, v in list(frame.f_locals.items()):
            if k.startswith('__'):
                continue
            items = [(k, v)]
            if k == 'self' and hasattr(v, '__dict__'):
                items = [('self.' + a, b) for a, b in vars(v).items()]
            for name, val in items:
                try:
                    val_c = copy.deepcopy(val)
                except Exception:
                    val_c = val
                r = repr(val_c)
                if last.get((fid, name)) != r:
                    last[(fid, name)] = r
                    hist.setdefault(name, []).append(val_c)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        if event == 'line':
            snap(frame)
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        elif event == 'return':
            snap(frame)
        return tracer
    g = {'__name__': '__prog__'}
    exec(compile(code, '<prog>', 'exec'), g)
    sys.settrace(tracer)
    try:
        res = eval(compile(call, '<prog>', 'eval'), g)
    finally:
        sys.settrace(None)
    return res, hist, lines, g

def plain_eval(code, call):
    g = {'__name__': '__prog__'}
    exec(compile(code, '<x>', 'exec'), g)
    return eval(call, g)

def arith_value(quote):
    q = quote.strip('` ')
    for sep in (' is ', '=='):
        pass
    if ' is ' in q:
        lhs = q.rsplit(' is ', 1)[0]
    else:
        lhs = q.rsplit('=', 1)[0]
    return eval(lhs.strip('` '), {})

def check_claim(c, hist, lines, ret, item):
    """Return (truth, detail). truth True means the claim is true of execution."""
    what, var = c['what'], c.get('variable')
    val = ast.literal_eval(c['value'])
    if 'at' in c:   # positional check: k-th value in variable's history
        h = hist.get(c['at']['var'], [])
        k = c['at']['k']
        actual = h[k] if k < len(h) else None
        return actual == val, f"{c['at']['var']}[{k}]={actual!r}"
    if what == 'value' and c.get('seq'):
        h = hist.get(var, [])
        n = len(val)
        return any(h[i:i+n] == val for i in range(len(h) - n + 1)), f"{var} history={h[:40]!r}"
    if what == 'value':
        h = hist.get(var, [])
        return val in h, f"{var} history={h[:40]!r}"
    if what == 'count':
        ln = int(var.split('@line')[1]) if '@line' in var else c['line']
        n = lines.get(ln, 0)
        if 'per_line' in c:   # iterations per pass of an enclosing loop
            n = n / lines.get(c['per_line'], 1)
        return n == val, f"line {ln} hit {n}"
    if what == 'arith':
        got = arith_value(c['quote'])
        return got == val, f"eval={got!r}"
    if what == 'comparison':
        got = bool(eval(c['expr'], {}))
        return got == val, f"eval={got!r}"
    if what == 'return':
        return val == ret, f"ret={ret!r}"
    if what == 'call':
        got = plain_eval(item['code'], c['value'] if isinstance(val, str) else c['quote'])
        return got == ret, f"call gives {got!r}"
    return False, 'unknown claim kind'

def main(path):
    items = [json.loads(l) for l in open(path)]
    out, fails = [], 0
    byid = {it['id']: it for it in items}
    for it in items:
        probs = []
        res, hist, lines, g = run_traced(it['code'], it['call'])
        if repr(res) != it['returned']:
            probs.append(f"returned mismatch {res!r} vs {it['returned']}")
        r = it['rationale']
        last = r.strip().splitlines()[-1]
        if not last.startswith('Answer:') or last[len('Answer:'):].strip() != it['answer']:
            probs.append('last line/answer mismatch')
        if it['direction'] == 'forward':
            ans_ok = ast.literal_eval(it['answer']) == res
        else:
            try:
                ans_ok = plain_eval(it['code'], it['answer']) == res
            except Exception as e:
                ans_ok = False
        err = it['error']
        for c in it['claims']:
            if c['quote'] not in r:
                probs.append(f"claim quote not in rationale: {c['quote']!r}")
                continue
            ok, det = check_claim(c, hist, lines, res, it)
            is_err_claim = err is not None and c['quote'] == err['quote']
            if is_err_claim:
                if ok:
                    probs.append(f"error claim is TRUE: {c['quote']!r} ({det})")
                if err.get('held_elsewhere'):
                    sv = ast.literal_eval(c.get('held_value', c['value']))
                    if not any(sv in h for h in hist.values()):
                        probs.append(f"held_elsewhere but value never held anywhere: {c['quote']!r}")
            elif not ok:
                probs.append(f"claim false: {c['quote']!r} value={c['value']} ({det})")
        if err is None:
            if not ans_ok:
                probs.append('faithful answer wrong')
            if it['faithful_id'] is not None:
                probs.append('faithful has faithful_id')
        else:
            if err['quote'] not in r:
                probs.append('error quote not in rationale')
            f = byid.get(it['faithful_id'])
            if f is None:
                probs.append('missing faithful')
            if err['kind'] in ('wrong_final_answer', 'backward_wrong_input'):
                if ans_ok:
                    probs.append('wrong answer is actually right')
            else:
                if not ans_ok and not err.get('carried'):
                    probs.append('answer should be right for this error kind')
                if not any(c['quote'] == err['quote'] for c in it['claims']):
                    probs.append('error has no matching claim')
        status = 'PASS' if not probs else 'FAIL'
        fails += bool(probs)
        out.append(f"{status} {it['id']} ({len(it['claims'])} claims)" + ''.join('\n    ' + p for p in probs))
    out.append(f"\n{len(items)} items, {fails} failing")
    return '\n'.join(out), fails

if __name__ == '__main__':
    rep, fails = main(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl')
    print(rep)
    sys.exit(1 if fails else 0)
