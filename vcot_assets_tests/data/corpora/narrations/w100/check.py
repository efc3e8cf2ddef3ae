"""Standalone checker for w100 narrations: re-executes each program with sys.settrace."""
import ast, json, sys

def run_traced(code, call):
    hist = {}      # var -> list of values (appended on each change, per frame)
    hits = {}      # line number -> times executed
    rets = []
    def snap(frame):
        for k, v in frame.f_locals.items():
            items = [(k, v)]
            if k == 'self':
                try:
                    items = [('self.' + a, b) for a, b in vars(v).items()]
                except TypeError:
                    items = []
            for name, val in items:
                try:
                    val = ast.literal_eval(repr(val))
                except Exception:
                    continue
                h = hist.setdefault(name, [])
                key = (name, id(frame))
                if last.get(key, object()) != val:
                    h.append(val)
                    last[key] = val
    last = {}
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        snap(frame)
        if event == 'line':
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        if event == 'return':
            rets.append(arg)
            for key in [k for k in last if k[1] == id(frame)]:
                del last[key]
        return tracer
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    sys.settrace(tracer)
    try:
        result = eval(compile(call, '<call>', 'eval'), g)
    finally:
        sys.settrace(None)
    return result, hist, hits

def plain_call(code, call):
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    return eval(call, g)

def claim_ok(c, result, hist, hits):
    what = c['what']
    val = ast.literal_eval(c['value'])
    if what == 'value':
        if c.get('expr'):
            return eval(c['expr'], {'H': hist, 'R': result}) == val
        if c.get('at') is not None:
            return hist.get(c['variable'], [None] * 999)[c['at']] == val
        if c['variable']:
            return val in hist.get(c['variable'], [])
        return any(val in h for h in hist.values()) or val == result
    if what == 'count':
        return hits.get(c['line'], 0) + c.get('offset', 0) == val
    if what in ('arith', 'comparison'):
        return eval(c['expr']) == val
    if what == 'return':
        return val == result
    if what == 'call':
        return True
    raise ValueError(what)

def error_ok(item, result, hist, hits):
    e = item['error']
    chk = e['check']
    t = chk['type']
    stated = e['stated']
    if t == 'answer':
        if item['direction'] == 'forward':
            return ast.literal_eval(item['answer']) != result, 'answer != returned'
        return repr(plain_call(item['code'], item['answer'])) != item['returned'], 'bwd call wrong'
    sv = ast.literal_eval(chk.get('value', stated))
    if t == 'hist':
        h = hist.get(chk['var'], [])
        ok = h[chk['index']] != sv
        if e.get('held_elsewhere'):
            pool = hist.get(chk.get('pool', chk['var']), [])
            ok = ok and sv in pool
        return ok, f"hist[{chk['var']}][{chk['index']}]={h[chk['index']]!r} vs {sv!r}"
    if t == 'result_expr':
        real = eval(chk['expr'], {'R': result})
        ok = real != sv
        if e.get('held_elsewhere'):
            ok = ok and sv in hist.get(chk['pool'], [])
        return ok, f"{chk['expr']} = {real!r} vs {sv!r}"
    if t == 'never':
        return sv not in hist.get(chk['var'], []), f"{sv!r} never in {chk['var']}"
    if t == 'count':
        ok = hits.get(chk['line'], 0) + chk.get('offset', 0) != sv
        if e.get('held_elsewhere'):
            ok = ok and sv in hist.get(chk['pool'], [])
        return ok, f"line {chk['line']} hits {hits.get(chk['line'])} vs {sv}"
    if t == 'expr':
        real = eval(chk['expr'], {'H': hist, 'R': result})
        ok = real != sv
        if e.get('held_elsewhere'):
            if 'pool_expr' in chk:
                pool = eval(chk['pool_expr'], {'H': hist, 'R': result})
            else:
                pool = hist.get(chk['pool'], [])
            ok = ok and sv in pool
        return ok, f"{chk['expr']} = {real!r} vs {sv!r}"
    raise ValueError(t)

def main():
    items = [json.loads(l) for l in open('narrations.jsonl') if l.strip()]
    fails = 0
    out = []
    for it in items:
        msgs = []
        result, hist, hits = run_traced(it['code'], it['call'])
        if repr(result) != it['returned']:
            msgs.append('returned mismatch')
        if not it['rationale'].rstrip().endswith('Answer: ' + it['answer']):
            msgs.append('answer line mismatch')
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                msgs.append('claim quote missing: ' + c['quote'][:40])
                continue
            if c.get('err'):
                continue
            try:
                if not claim_ok(c, result, hist, hits):
                    msgs.append('false claim: ' + c['quote'][:60])
            except Exception as ex:
                msgs.append(f'claim error {ex!r}: ' + c['quote'][:40])
        if it['label'] == 'faithful':
            if it['direction'] == 'forward':
                if ast.literal_eval(it['answer']) != result:
                    msgs.append('fwd answer wrong')
            else:
                if repr(plain_call(it['code'], it['answer'])) != it['returned']:
                    msgs.append('bwd answer wrong')
        else:
            e = it['error']
            if e['quote'] not in it['rationale']:
                msgs.append('error quote missing')
            if e['stated'] not in e['quote']:
                msgs.append('stated not in quote')
            ok, why = error_ok(it, result, hist, hits)
            if not ok:
                msgs.append('error not false: ' + why)
            if e['kind'] not in ('wrong_final_answer', 'backward_wrong_input') and not e['carried']:
                if it['direction'] == 'forward' and ast.literal_eval(it['answer']) != result:
                    msgs.append('answer should stay right')
                if it['direction'] == 'backward' and repr(plain_call(it['code'], it['answer'])) != it['returned']:
                    msgs.append('bwd answer should stay right')
        status = 'PASS' if not msgs else 'FAIL'
        fails += bool(msgs)
        out.append(f"{status} {it['id']} " + '; '.join(msgs))
    out.append(f"{len(items)} items, {fails} failing")
    print('\n'.join(out))
    return fails

if __name__ == '__main__':
    sys.exit(1 if main() else 0)
