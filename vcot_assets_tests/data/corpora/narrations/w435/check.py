"""Standalone checker for w435 narrations: re-executes each program under sys.settrace
and checks every claim (faithful: true; error copies: the marked error is false at its point)."""
import ast, copy, json, sys
from collections import defaultdict

FN = '<w435-prog>'

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run_traced(code, call):
    hist = defaultdict(list)          # var -> consecutive-distinct values, time order
    at_line = defaultdict(lambda: defaultdict(list))   # line -> var -> values at each hit
    line_hits = []                    # sequence of line numbers hit (time order)
    rets = defaultdict(list)
    def record(frame):
        for k, v in list(frame.f_locals.items()):
            names = [(k, v)]
            if k == 'self' and hasattr(v, '__dict__'):
                names += [('self.' + a, b) for a, b in vars(v).items()]
            for name, val in names:
                if isinstance(val, type) or callable(val) and not isinstance(val, (list, dict)):
                    continue
                s = snap(val)
                h = hist[name]
                if not h or h[-1] != s or type(h[-1]) != type(s):
                    h.append(s)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        record(frame)
        if event == 'line':
            line_hits.append(frame.f_lineno)
            for k, v in frame.f_locals.items():
                at_line[frame.f_lineno][k].append(snap(v))
        elif event == 'return':
            rets[frame.f_code.co_name].append(snap(arg))
        return tracer
    ns = {}
    exec(compile(code, FN, 'exec'), ns)
    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return result, hist, at_line, line_hits, rets

def plain_call(code, call):
    ns = {}
    exec(compile(code, FN, 'exec'), ns)
    return eval(call, ns)

def lit(s):
    return ast.literal_eval(s)

def count_of(claim, line_hits):
    n = claim['line']
    if 'between' in claim:
        m, k = claim['between']
        seen, c = 0, 0
        for ln in line_hits:
            if ln == m:
                seen += 1
                if seen > k:
                    break
            elif ln == n and seen == k:
                c += 1
        return c
    return sum(1 for ln in line_hits if ln == n)

def arith_expr(claim):
    if 'expr' in claim:
        return claim['expr']
    q = claim['quote'].replace('`', '')
    lhs = q.rsplit(' = ', 1)[0] if ' = ' in q else q.rsplit('=', 1)[0]
    return lhs

def actual_of(claim, T):
    """Return (ok, actual) for a claim: ok means claim's stated value is true."""
    result, hist, at_line, line_hits, rets = T
    what = claim['what']; val = lit(claim['value'])
    chk = claim.get('check')
    if what == 'value':
        var = claim['variable']
        if chk and chk['type'] == 'never':
            return (val in hist[var]), hist[var]
        if chk and chk['type'] == 'history_index':
            a = hist[var][chk['index']]
            return a == val, a
        if chk and chk['type'] == 'at_line_index':
            a = at_line[chk['line']][var][chk['index']]
            return a == val, a
        if claim.get('sublist'):
            h = hist[var]
            return any(h[i:i + len(val)] == val for i in range(len(h))), h
        if claim.get('history'):
            return hist[var] == val, hist[var]
        if 'at_line' in claim:
            a = at_line[claim['at_line']][var]
            return a == val, a
        return (val in hist[var]), hist[var]
    if what == 'count':
        a = count_of(claim, line_hits)
        return a == val, a
    if what in ('arith', 'comparison'):
        a = eval(arith_expr(claim), {})
        return a == val and type(a) == type(val), a
    if what == 'return':
        if 'function' in claim:
            return val in rets[claim['function']], rets[claim['function']]
        return val == result, result
    raise ValueError(what)

def check_item(it):
    probs = []
    T = run_traced(it['code'], it['call'])
    result = T[0]
    if repr(result) != it['returned']:
        probs.append(f"returned mismatch {result!r} vs {it['returned']}")
    r = it['rationale']
    last = r.strip().splitlines()[-1]
    if not last.startswith('Answer:') or last[len('Answer:'):].strip() != it['answer']:
        probs.append('answer field does not match Answer line')
    # answer truth
    if it['direction'] == 'forward':
        ans_ok = lit(it['answer']) == result
    else:
        got = plain_call(it['code'], it['answer'])
        ans_ok = got == result
    for c in it['claims']:
        if c['quote'] not in r:
            probs.append(f"claim quote missing: {c['quote']!r}")
            continue
        ok, a = actual_of(c, T)
        if c.get('is_error'):
            if ok:
                probs.append(f"error claim is actually TRUE: {c['quote']!r}")
        elif not ok:
            probs.append(f"claim false: {c['quote']!r} stated {c['value']} actual {a!r}")
    if it['label'] == 'faithful':
        if it['error'] is not None: probs.append('faithful with error')
        if not ans_ok: probs.append('faithful answer wrong')
    else:
        e = it['error']
        if e['quote'] not in r: probs.append('error quote missing')
        errc = [c for c in it['claims'] if c.get('is_error')]
        if e['kind'] in ('wrong_final_answer', 'backward_wrong_input'):
            if ans_ok: probs.append('wrong-answer copy has a correct answer')
            if e['kind'] == 'backward_wrong_input':
                if it['direction'] != 'backward': probs.append('bwd kind on forward')
                if repr(plain_call(it['code'], it['answer'])) != e['actual']: probs.append('actual of wrong input mismatch')
            elif it['direction'] != 'forward': probs.append('fwd kind on backward')
        else:
            if not ans_ok: probs.append('error copy answer should stay right')
            if len(errc) != 1:
                probs.append('need exactly one error claim')
            else:
                ec = errc[0]
                if ec['quote'] != e['quote'] and ec['quote'] not in e['quote']: probs.append('error claim/quote mismatch')
                if lit(ec['value']) != lit(e['stated']): probs.append('stated mismatch')
                ok, a = actual_of(ec, T)
                chk = ec.get('check', {})
                if chk.get('type') != 'never' and not isinstance(a, list) and a != lit(e['actual']):
                    probs.append(f"actual mismatch: {a!r} vs {e['actual']}")
                if e.get('held_elsewhere'):
                    st = lit(e['stated'])
                    everywhere = [v for h in T[1].values() for v in h]
                    if st not in everywhere:
                        probs.append('held_elsewhere but value never held')
                    if ec['what'] == 'value' and (not chk or chk.get('type') == 'never'):
                        probs.append('held_elsewhere needs a positional check')
    return probs

def main(path):
    items = [json.loads(l) for l in open(path)]
    ids = set(); bad = 0; lines = []
    for it in items:
        p = check_item(it)
        if it['id'] in ids: p.append('duplicate id')
        ids.add(it['id'])
        lines.append(f"{'PASS' if not p else 'FAIL'} {it['id']} ({len(it['claims'])} claims)" + ''.join('\n    - ' + x for x in p))
        bad += bool(p)
    lines.append(f"\n{len(items)} items, {len(items) - bad} pass, {bad} fail")
    print('\n'.join(lines))
    return bad

if __name__ == '__main__':
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl') else 0)
