#!/usr/bin/env python3
"""Standalone checker for w167 narrations: runs each program under sys.settrace,
records per-variable value histories and line hit counts, and checks every claim."""
import ast, copy, json, sys, collections

def run_traced(code, call):
    hist = collections.defaultdict(list)   # name -> chronological list of distinct values
    last = {}                               # (frame id, name) -> last value
    lines = collections.Counter()
    def snap(frame):
        loc = dict(frame.f_locals)
        items = list(loc.items())
        if 'self' in loc and hasattr(loc['self'], '__dict__'):
            items += [('self.' + k, v) for k, v in vars(loc['self']).items()]
        for k, v in items:
            if k == 'self':
                continue
            try:
                v = copy.deepcopy(v)
            except Exception:
                continue
            key = k if k.startswith('self.') else (frame.f_code.co_name, k)
            if key not in last or last[key] != v or type(last[key]) != type(v):
                last[key] = v
                hist[k].append(v)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        snap(frame)
        if event == 'line':
            lines[frame.f_lineno] += 1
        return tr
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    sys.settrace(tr)
    try:
        ret = eval(compile(call, '<call>', 'eval'), g)
    finally:
        sys.settrace(None)
    return ret, hist, lines

def plain(code, call):
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    return eval(call, g)

def claim_truth(c, ret, hist, lines, code):
    """Return (is_true, detail)."""
    w = c['what']
    v = ast.literal_eval(c['value'])
    if w == 'value':
        h = hist.get(c['variable'], [])
        if 'at' in c:
            k = c['at']
            ok = k < len(h) and h[k] == v
            return ok, f"{c['variable']}[{k}] = {h[k] if k < len(h) else None!r}"
        return v in h, f"{c['variable']} history {h!r}"
    if w == 'count':
        lab = c['variable']
        n = int(lab.split('@line')[1]) if '@line' in lab else c['line']
        # loop@line N: N is the loop header, iterations = header hits - 1 (loop exits normally)
        # body@line N: N is a body line, iterations = its hits
        actual = lines[n] if lab.startswith('body@') else lines[n] - 1
        return actual == v, f"loop line {n}: {actual} iterations"
    if w in ('arith', 'comparison'):
        expr = c.get('expr')
        if expr is None:
            import re
            expr = re.split(r'\s+(?:=|is|gives|equals)\s+', c['quote'])[0]
        r = eval(expr, {})
        return r == v and type(r) == type(v) if w == 'comparison' else r == v, f"{expr} -> {r!r}"
    if w == 'return':
        return v == ret, f"returned {ret!r}"
    if w == 'call':
        # the Answer call of a backward item: value is what the call really returns
        # (verified in check_item); the claim is true when that equals the output
        return v == ret, f"call returns {v!r}, output {ret!r}"
    raise ValueError(w)

def check_item(it, out):
    errs = []
    ret, hist, lines = run_traced(it['code'], it['call'])
    if repr(ret) != it['returned']:
        errs.append(f"returned {ret!r} != {it['returned']}")
    rat = it['rationale']
    lastline = rat.strip().splitlines()[-1]
    if not lastline.startswith('Answer:') and 'Answer:' not in lastline:
        errs.append('last line is not an Answer line')
    if it['answer'] not in lastline:
        errs.append('answer not in last line')
    err = it.get('error')
    # answer check
    if it['direction'] == 'forward':
        ans_ok = ast.literal_eval(it['answer']) == ret
    else:
        try:
            ans_ok = plain(it['code'], it['answer']) == ret
        except Exception as e:
            ans_ok = False
    want_ans_wrong = err is not None and err['kind'] in ('wrong_final_answer', 'backward_wrong_input')
    if ans_ok == want_ans_wrong:
        errs.append(f"answer {it['answer']} correctness={ans_ok} but expected {not want_ans_wrong}")
    n_err_claims = 0
    for c in it['claims']:
        if c['quote'] not in rat:
            errs.append(f"quote not in rationale: {c['quote']!r}")
        if c['what'] == 'call':
            got = plain(it['code'], it['answer'])
            if repr(got) != c['value']:
                errs.append(f"call claim value {c['value']} but {it['answer']} returns {got!r}")
        ok, det = claim_truth(c, ret, hist, lines, it['code'])
        if c.get('error'):
            n_err_claims += 1
            if ok:
                errs.append(f"error claim is actually TRUE: {c['quote']!r} ({det})")
            if err and err.get('held_elsewhere'):
                v = ast.literal_eval(c['value'])
                if c['what'] == 'value' or c['what'] == 'arith' or c['what'] == 'count':
                    anywhere = any(v in h for h in hist.values()) or (c['what'] == 'count' and any(lines[k] - 1 == v or lines[k] == v for k in lines))
                    if not anywhere:
                        errs.append(f"held_elsewhere but {v!r} never held: {c['quote']!r}")
        elif c.get('carried'):
            continue
        else:
            if not ok:
                errs.append(f"claim false: {c['quote']!r} value {c['value']} ({det})")
    if err is not None:
        if err['quote'] not in rat:
            errs.append('error quote not in rationale')
        if err['kind'] not in ('wrong_final_answer', 'backward_wrong_input') and n_err_claims != 1:
            errs.append(f'expected exactly one error claim, got {n_err_claims}')
    return errs

def main():
    items = [json.loads(l) for l in open('narrations.jsonl') if l.strip()]
    byid = {it['id']: it for it in items}
    bad = 0
    out = []
    for it in items:
        e = check_item(it, out)
        if it['label'] == 'error':
            f = byid.get(it['faithful_id'])
            if f is None:
                e.append('faithful_id missing')
        status = 'PASS' if not e else 'FAIL'
        bad += bool(e)
        out.append(f"{status} {it['id']} ({it['direction']}, {it['style']}, {it['family']}, {it['label']}"
                   + (f", {it['error']['kind']}" if it['error'] else '') + ")")
        out.extend('    ' + x for x in e)
    out.append(f"{len(items)} items, {len(items) - bad} pass, {bad} fail")
    txt = '\n'.join(out)
    print(txt)
    open('check_report.txt', 'w').write(txt + '\n')
    return 1 if bad else 0

if __name__ == '__main__':
    sys.exit(main())
