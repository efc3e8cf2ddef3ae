"""Standalone checker for w378 narrations: re-executes each program under sys.settrace."""
import ast, json, sys, copy

def run_traced(code, call):
    hist = {}      # var name -> list of successive distinct values (all frames)
    lines = {}     # line number -> hit count (program frames)
    rets = {}      # function name -> list of return values
    last = {}
    def rec(name, v):
        try:
            v = copy.deepcopy(v)
        except Exception:
            return
        h = hist.setdefault(name, [])
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == 'self':
                for a, av in vars(v).items():
                    rec('self.' + a, av)
            elif not callable(v):
                rec(k, v)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        if event == 'line':
            snap(frame)
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        elif event == 'return':
            snap(frame)
            rets.setdefault(frame.f_code.co_name, []).append(copy.deepcopy(arg))
        elif event == 'call':
            snap(frame)
        return tr
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    sys.settrace(tr)
    try:
        res = eval(call, g)
    finally:
        sys.settrace(None)
    return res, hist, lines, rets

def plain(code, call):
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    return eval(call, g)

WORDS = {w: i for i, w in enumerate('zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty'.split())}

def lit(s):
    t = s.strip().lower()
    if t in WORDS:
        return WORDS[t]
    if t.startswith('negative ') and t[9:] in WORDS:
        return -WORDS[t[9:]]
    return ast.literal_eval(s)

def values_of(var, hist):
    """History of a variable, or of an expression over one variable (e.g. counts['t'])."""
    if var in hist:
        return hist[var]
    import re
    m = re.match(r'(self\.\w+|\w+)', var)
    base = m.group(1)
    out = []
    for v in hist.get(base, []):
        try:
            r = eval(var.replace(base, '_b', 1), {'_b': v})
        except Exception:
            continue
        if not out or out[-1] != r:
            out.append(r)
    return out

def count_of(var, lines):
    # 'loop@line 4': iterations = loop-header hits - 1; 'hits@line 8': times line 8 ran
    n = int(var.split('line')[-1])
    if var.startswith('hits@'):
        return lines.get(n, 0)
    return lines.get(n, 0) - 1

def check_claim(c, res, hist, lines, rets):
    w = c['what']
    if w == 'value':
        v = lit(c['value']); h = values_of(c['variable'], hist)
        if c.get('seq'):
            n = len(v)
            return any(h[i:i + n] == v for i in range(len(h))), f"{c['variable']} history {h}"
        return v in h, f"{c['variable']} history {h}"
    if w == 'count':
        return count_of(c['variable'], lines) == lit(c['value']), f"count {count_of(c['variable'], lines)}"
    if w in ('arith', 'comparison'):
        return eval(c['expr']) == lit(c['value']), f"eval {c['expr']} = {eval(c['expr'])}"
    if w == 'return':
        return res == lit(c['value']), f"returned {res!r}"
    if w == 'call':
        return lit(c['value']) in rets.get(c['variable'], []), f"returns of {c['variable']}: {rets.get(c['variable'])}"
    return False, 'unknown what'

def check_error(item, res, hist, lines, rets):
    e = item['error']; ck = e['check']; t = ck['type']
    assert e['quote'] in item['rationale'], 'error quote not in rationale'
    stated = lit(e['stated']) if t != 'answer' else None
    if t == 'history':
        h = values_of(ck['variable'], hist)
        actual = h[ck['index']]
        ok = actual != stated and actual == lit(e['actual'])
        if e.get('held_elsewhere'):
            ok = ok and stated in h
        return ok, f"{ck['variable']}[{ck['index']}]={actual!r} stated {stated!r} hist {h}"
    if t == 'absent':
        h = values_of(ck['variable'], hist)
        return stated not in h, f"{ck['variable']} hist {h}"
    if t == 'expr':
        v = eval(ck['expr'])
        ok = v != stated and v == lit(e['actual'])
        if e.get('held_elsewhere'):
            ok = ok and stated in values_of(ck['variable'], hist)
        return ok, f"eval {ck['expr']} = {v!r}"
    if t == 'count':
        n = count_of(ck['variable'], lines)
        return n != stated and n == lit(e['actual']), f"count {n}"
    if t == 'answer':
        if item['direction'] == 'forward':
            return lit(item['answer']) != res, f"answer {item['answer']} vs {res!r}"
        other = plain(item['code'], item['answer'])
        return other != res, f"{item['answer']} -> {other!r} vs {res!r}"
    return False, 'unknown check'

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    fails = 0; out = []
    by_id = {i['id']: i for i in items}
    for it in items:
        res, hist, lines, rets = run_traced(it['code'], it['call'])
        probs = []
        if repr(res) != it['returned']:
            probs.append(f"returned {res!r} != {it['returned']}")
        last = it['rationale'].rstrip().splitlines()[-1]
        if not last.startswith('Answer:') or last[len('Answer:'):].strip() != it['answer']:
            probs.append('last line / answer mismatch')
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                probs.append(f"claim quote missing: {c['quote']!r}")
        if it['label'] == 'faithful':
            for c in it['claims']:
                ok, why = check_claim(c, res, hist, lines, rets)
                if not ok:
                    probs.append(f"claim false: {c['quote']!r} ({why})")
            if it['direction'] == 'forward':
                if lit(it['answer']) != res: probs.append('forward answer wrong')
            else:
                if plain(it['code'], it['answer']) != res: probs.append('backward answer wrong')
        else:
            f = by_id.get(it['faithful_id'])
            if f is None: probs.append('no faithful')
            ok, why = check_error(it, res, hist, lines, rets)
            if not ok: probs.append(f"error not confirmed false: {why}")
            k = it['error']['kind']
            if k not in ('wrong_final_answer', 'backward_wrong_input'):
                if it['direction'] == 'forward' and lit(it['answer']) != res: probs.append('answer should stay right')
                if it['direction'] == 'backward' and plain(it['code'], it['answer']) != res: probs.append('answer should stay right')
            # every other claim must still hold
            for c in it['claims']:
                if c['quote'] == it['error']['quote'] or c.get('is_error'): continue
                ok, why = check_claim(c, res, hist, lines, rets)
                if not ok and not it['error'].get('carried'):
                    probs.append(f"non-error claim false: {c['quote']!r} ({why})")
        status = 'PASS' if not probs else 'FAIL'
        if probs: fails += 1
        out.append(f"{status} {it['id']} [{it['label']}{'/' + it['error']['kind'] if it['error'] else ''}] claims={len(it['claims'])}" + ''.join('\n    ' + p for p in probs))
    out.append(f"\n{len(items)} items, {fails} failing")
    print('\n'.join(out))
    return fails

if __name__ == '__main__':
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl') else 0)
