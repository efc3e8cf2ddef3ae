"""Standalone checker for w202 narrations: re-executes each program under sys.settrace
and checks every claim of faithful items, and that each error copy's error really is false."""
import ast, copy, json, sys
from collections import defaultdict

FN = '<prog>'

def lit(s):
    return ast.literal_eval(s)

def run(code, call):
    ns = {}
    exec(compile(code, FN, 'exec'), ns)
    hist = defaultdict(list)          # var -> successive distinct values (all frames, time order)
    counts = defaultdict(int)         # line -> times executed
    after = defaultdict(lambda: defaultdict(list))  # line -> var -> values right after that line ran
    prev = {}

    def snap(frame):
        d = {}
        for k, v in frame.f_locals.items():
            if k == 'self':
                for a, av in getattr(v, '__dict__', {}).items():
                    d['self.' + a] = av
            elif not k.startswith('__'):
                d[k] = v
        d = {k: copy.deepcopy(v) for k, v in d.items()}
        for k, v in d.items():
            if not hist[k] or hist[k][-1] != v:
                hist[k].append(v)
        return d

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event in ('line', 'return'):
            d = snap(frame)
            p = prev.get(id(frame))
            if p is not None:
                for k, v in d.items():
                    after[p][k].append(v)
            if event == 'line':
                counts[frame.f_lineno] += 1
                prev[id(frame)] = frame.f_lineno
            else:
                prev.pop(id(frame), None)
        return tracer

    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return ns, result, hist, counts, after

def call_result(code, call):
    ns = {}
    exec(compile(code, FN, 'exec'), ns)
    return eval(call, ns)

def claim_ok(c, ns, result, hist, counts, after):
    w = c['what']
    if w == 'value':
        val = lit(c['value'])
        if c.get('seq'):
            s = after[c['after_line']][c['variable']]
            o = c['offset']
            return s[o:o + len(val)] == val
        return val in hist.get(c['variable'], [])
    if w == 'count':
        return counts[c['line']] == int(lit(c['value']))
    if w in ('arith', 'comparison'):
        expr = c.get('expr')
        if expr is None:
            expr = c['quote'].split('=')[0].strip(' `')
        return eval(expr, dict(ns)) == lit(c['value'])
    if w == 'return':
        return lit(c['value']) == result
    if w == 'call':
        return call_result_ns(ns, c['value']) == result
    raise ValueError(w)

def call_result_ns(ns, call):
    return eval(call, dict(ns))

def all_values(hist):
    for vs in hist.values():
        for v in vs:
            yield v

def error_ok(item, ns, result, hist, counts, after):
    e = item['error']; ck = e['check']; t = ck['type']
    stated = lit(ck.get('stated_value', e['stated'])) if t not in ('answer',) else None
    msgs = []
    if t == 'count':
        ok = counts[ck['line']] == int(e['actual']) and counts[ck['line']] != int(e['stated'])
    elif t in ('arith', 'cmp'):
        v = eval(ck['expr'], dict(ns))
        ok = v == lit(e['actual']) and v != stated
    elif t == 'hist':
        v = hist[ck['var']][ck['nth']]
        ok = v != stated
    elif t == 'never':
        ok = stated not in hist[ck['var']]
    elif t == 'seq':
        v = after[ck['after_line']][ck['var']][ck['index']]
        ok = v == lit(e['actual']) and v != stated
    elif t == 'answer':
        if item['direction'] == 'forward':
            ok = lit(item['answer']) != result
        else:
            ok = call_result_ns(ns, item['answer']) != result
    else:
        raise ValueError(t)
    if not ok:
        msgs.append('error is not false at its point')
    if e.get('held_elsewhere'):
        if not any(stated == v for v in all_values(hist)):
            msgs.append('held_elsewhere but stated value never held')
    if e['kind'] == 'impossible_state' and t == 'never':
        pass
    return msgs

def spans(text, q):
    i = text.find(q)
    return (i, i + len(q))

def main(path='narrations.jsonl'):
    items = [json.loads(l) for l in open(path) if l.strip()]
    byid = {it['id']: it for it in items}
    fails = 0
    lines = []
    for it in items:
        probs = []
        ns, result, hist, counts, after = run(it['code'], it['call'])
        if repr(result) != it['returned']:
            probs.append(f"returned mismatch {result!r}")
        if it['function'] not in it['call']:
            probs.append('function name not in call')
        r = it['rationale']
        last = r.strip().splitlines()[-1]
        if last != 'Answer: ' + it['answer']:
            probs.append('last line is not the Answer line')
        err_span = spans(r, it['error']['quote']) if it['error'] else None
        if it['error'] and err_span[0] < 0:
            probs.append('error quote not in rationale')
        for c in it['claims']:
            if c['quote'] not in r:
                probs.append(f"claim quote missing: {c['quote']!r}")
                continue
            good = claim_ok(c, ns, result, hist, counts, after)
            if it['label'] == 'faithful':
                if not good:
                    probs.append(f"false claim in faithful: {c['quote']!r}")
            else:
                s = spans(r, c['quote'])
                overlaps = s[0] < err_span[1] and err_span[0] < s[1]
                is_ans = c['what'] in ('return', 'call') and it['error']['kind'] in ('wrong_final_answer', 'backward_wrong_input')
                if not good and not (overlaps or is_ans):
                    probs.append(f"unexpected false claim: {c['quote']!r}")
        if it['label'] == 'faithful':
            if it['direction'] == 'forward':
                if lit(it['answer']) != result:
                    probs.append('forward answer wrong')
            else:
                if call_result_ns(ns, it['answer']) != result:
                    probs.append('backward answer does not reproduce output')
        else:
            f = byid.get(it['faithful_id'])
            if f is None:
                probs.append('faithful_id missing')
            probs += error_ok(it, ns, result, hist, counts, after)
            # error claim is present and false
            ec = [c for c in it['claims'] if spans(r, c['quote'])[0] < err_span[1] and err_span[0] < spans(r, c['quote'])[1]]
            if it['error']['kind'] not in ('wrong_final_answer', 'backward_wrong_input') and not ec:
                probs.append('no claim covers the error')
            if it['error']['kind'] in ('wrong_final_answer',) and lit(it['answer']) == result:
                probs.append('wrong_final_answer but answer is right')
        status = 'PASS' if not probs else 'FAIL'
        fails += bool(probs)
        lines.append(f"{status} {it['id']} ({it['label']}, {it['direction']}, {it['style']}, events={it['trace_events']})" + ''.join('\n    ' + p for p in probs))
    lines.append(f"\n{len(items) - fails}/{len(items)} items pass")
    out = '\n'.join(lines)
    print(out)
    return fails

if __name__ == '__main__':
    sys.exit(1 if main(*sys.argv[1:]) else 0)
