"""Standalone checker for w405 narrations: re-executes each program with sys.settrace and
checks returned values, every claim of faithful items, and that each error copy's error is false."""
import ast, copy, json, sys
from collections import defaultdict

def lit(s):
    if not isinstance(s, str):
        return s
    try:
        return ast.literal_eval(s)
    except Exception:
        pass
    try:
        return eval(s, {"__builtins__": {}, "set": set})
    except Exception:
        return s

def is_subseq(seq, hist):
    seq = [x for k, x in enumerate(seq) if k == 0 or seq[k - 1] != x]
    it = iter(hist)
    return all(any(x == y for y in it) for x in seq)

def run(code, call):
    hist = defaultdict(list)      # var -> list of values (consecutive duplicates dropped)
    rets = defaultdict(list)      # function name -> returned values
    lines = defaultdict(int)      # line number -> times executed
    def snap(frame):
        loc = dict(frame.f_locals)
        if 'self' in loc and hasattr(loc['self'], '__dict__'):
            for k, v in vars(loc['self']).items():
                loc['self.' + k] = v
            del loc['self']
        for k, v in loc.items():
            if k.startswith('.') or callable(v):
                continue
            try:
                v = copy.deepcopy(v)
            except Exception:
                v = repr(v)
            h = hist[k]
            if not h or h[-1] != v or type(h[-1]) != type(v):
                h.append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return tracer
        if frame.f_code.co_name in ('<genexpr>', '<listcomp>', '<setcomp>', '<dictcomp>'):
            return tracer
        if event == 'line':
            snap(frame)
            lines[frame.f_lineno] += 1
        elif event == 'return':
            snap(frame)
            rets[frame.f_code.co_name].append(copy.deepcopy(arg))
        return tracer
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    sys.settrace(tracer)
    try:
        result = eval(compile(call, '<call>', 'eval'), ns)
    finally:
        sys.settrace(None)
    return result, hist, rets, lines

def plain_eval(code, call):
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    return eval(call, ns)

def check_claim(c, res, hist, rets, lines):
    w, v = c['what'], lit(c['value'])
    if w == 'value' and c.get('seq'):
        return is_subseq(v, hist.get(c['variable'], []))
    if w == 'value':
        return any(x == v for x in hist.get(c['variable'], []))
    if w == 'return':
        return v == res
    if w == 'call':
        return any(x == v for x in rets.get(c['variable'], []))
    if w == 'count':
        if 'line' in c:
            return lines[int(c['line'])] == v
        return eval(c['expr']) == v
    if w == 'arith':
        return eval(c['expr']) == v
    if w == 'comparison':
        return bool(eval(c['expr'])) == v
    return False

def check_error(e, item, res, hist, rets, lines):
    """Return True when the stated value is really false at that point."""
    k = e['kind']
    chk = e.get('check', {})
    stated, actual = lit(e['stated']), lit(e['actual'])
    if k == 'wrong_final_answer':
        return lit(item['answer']) != res and actual == res
    if k == 'backward_wrong_input':
        try:
            out = plain_eval(item['code'], item['answer'])
        except Exception:
            return True
        return out != res
    t = chk.get('type')
    ok = stated != actual
    if t == 'hist':
        h = hist[chk['var']]
        ok = ok and h[chk['index']] == actual and h[chk['index']] != stated
    elif t == 'arith':
        ok = ok and eval(chk['expr']) == actual
    elif t == 'count':
        ok = ok and lines[int(chk['line'])] == actual
    elif t == 'cmp':
        ok = ok and bool(eval(chk['expr'])) == actual
    elif t == 'ret':
        ok = ok and rets[chk['func']][chk['index']] == actual
    elif t == 'result':
        ok = ok and res == actual
    else:
        return False
    if k == 'impossible_state':
        ok = ok and all(x != stated for x in hist.get(chk.get('var'), []))
    if e.get('held_elsewhere'):
        elsewhere = any(x == stated for h in hist.values() for x in h) or \
            any(x == stated for r in rets.values() for x in r)
        ok = ok and elsewhere
    return ok

def main(path='narrations.jsonl'):
    items = [json.loads(l) for l in open(path) if l.strip()]
    fails, out = 0, []
    for it in items:
        msgs = []
        res, hist, rets, lines = run(it['code'], it['call'])
        if repr(res) != it['returned']:
            msgs.append('returned mismatch %r' % (res,))
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                msgs.append('quote not in rationale: %r' % c['quote'])
        if it['label'] == 'faithful':
            for c in it['claims']:
                if not check_claim(c, res, hist, rets, lines):
                    msgs.append('false claim: %r' % c)
            if it['direction'] == 'forward':
                if lit(it['answer']) != res:
                    msgs.append('forward answer wrong')
            else:
                if plain_eval(it['code'], it['answer']) != res:
                    msgs.append('backward answer does not return output')
        else:
            e = it['error']
            if e['quote'] not in it['rationale']:
                msgs.append('error quote missing')
            if not check_error(e, it, res, hist, rets, lines):
                msgs.append('error not confirmed false: %r' % e)
            bad = [c for c in it['claims'] if c['quote'] == e['quote']]
            if e['kind'] not in ('wrong_final_answer', 'backward_wrong_input') and not bad:
                msgs.append('error claim missing from claims')
            for c in it['claims']:
                if c['quote'] == e['quote'] or c.get('carried'):
                    continue
                if not check_claim(c, res, hist, rets, lines):
                    msgs.append('other claim false: %r' % c)
            if it['direction'] == 'forward' and e['kind'] != 'wrong_final_answer' and not e.get('carried'):
                if lit(it['answer']) != res:
                    msgs.append('forward answer wrong in non-final error copy')
            if it['direction'] == 'backward' and e['kind'] != 'backward_wrong_input':
                if plain_eval(it['code'], it['answer']) != res:
                    msgs.append('backward answer wrong in error copy')
        status = 'PASS' if not msgs else 'FAIL'
        if msgs:
            fails += 1
        out.append('%s %s %s' % (status, it['id'], '; '.join(msgs)))
    out.append('items: %d, failures: %d' % (len(items), fails))
    print('\n'.join(out))
    return fails

if __name__ == '__main__':
    sys.exit(1 if main(*sys.argv[1:]) else 0)
