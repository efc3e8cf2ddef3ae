"""Standalone checker for w436 narrations: real execution via sys.settrace."""
import json, sys, ast, copy

def run_traced(code, call):
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    codes = set()
    for v in list(g.values()):
        if hasattr(v, '__code__'):
            codes.add(v.__code__)
        if isinstance(v, type):
            for a in vars(v).values():
                if hasattr(a, '__code__'):
                    codes.add(a.__code__)
    hist = {}   # name -> list of distinct successive values
    lines = {}  # line number -> hits
    def rec(name, val):
        h = hist.setdefault(name, [])
        try:
            val = copy.deepcopy(val)
        except Exception:
            pass
        if not h or h[-1] != val or type(h[-1]) != type(val):
            h.append(val)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == 'self':
                for ak, av in vars(v).items():
                    rec('self.' + ak, av)
            else:
                rec(k, v)
    def tracer(frame, event, arg):
        if frame.f_code not in codes:
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
        res = eval(call, g)
    finally:
        sys.settrace(None)
    return res, hist, lines, g

def lit(s):
    return ast.literal_eval(s)

def claim_true(c, hist, lines, res):
    w = c['what']; val = lit(c['value'])
    if w == 'value':
        h = hist.get(c['variable'])
        if h is None:
            return False, 'no such variable %r' % c['variable']
        if 'index' in c:
            return (c['index'] < len(h) and h[c['index']] == val), 'history %r' % h
        return (val in h), 'history %r' % h
    if w == 'count':
        ln = int(c['variable'].split('@line')[1])
        return lines.get(ln, 0) == val, 'line %d hit %d' % (ln, lines.get(ln, 0))
    if w in ('arith', 'comparison'):
        expr = c.get('expr', c['quote'])
        r = eval(expr, {})
        return r == val, '%s -> %r' % (expr, r)
    if w == 'return':
        return res == val, 'returned %r' % (res,)
    if w == 'call':
        return True, ''
    return False, 'unknown what'

def main():
    items = [json.loads(l) for l in open('narrations.jsonl')]
    fails = 0; out = []
    for it in items:
        probs = []
        res, hist, lines, g = run_traced(it['code'], it['call'])
        if repr(res) != it['returned']:
            probs.append('returned mismatch %r' % (res,))
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                probs.append('quote not in rationale: %r' % c['quote'])
        last = it['rationale'].rstrip().splitlines()[-1]
        if it['answer'] not in last:
            probs.append('answer not on last line')
        if it['label'] == 'faithful':
            for c in it['claims']:
                ok, why = claim_true(c, hist, lines, res)
                if not ok:
                    probs.append('false claim %r: %s' % (c['quote'], why))
        else:
            e = it['error']
            if e['quote'] not in it['rationale']:
                probs.append('error quote missing')
            wrong = [c for c in it['claims'] if c.get('is_error')]
            for c in it['claims']:
                if c.get('is_error'):
                    continue
                ok, why = claim_true(c, hist, lines, res)
                if not ok:
                    probs.append('false non-error claim %r: %s' % (c['quote'], why))
            if e['kind'] in ('wrong_final_answer',):
                if lit(it['answer']) == res:
                    probs.append('wrong_final_answer equals return')
            elif e['kind'] == 'backward_wrong_input':
                if eval(it['answer'], g) == res:
                    probs.append('backward wrong input actually returns output')
            else:
                if not wrong:
                    probs.append('no error claim')
                for c in wrong:
                    ok, why = claim_true(c, hist, lines, res)
                    if ok:
                        probs.append('error claim is actually true %r: %s' % (c['quote'], why))
                    if e.get('held_elsewhere'):
                        h = hist.get(c['variable'], [])
                        if lit(c['value']) not in h:
                            probs.append('held_elsewhere but value never held')
        if it['label'] == 'faithful' or it['error']['kind'] != 'backward_wrong_input':
            if it['direction'] == 'forward':
                if lit(it['answer']) != res and not (it['label'] == 'error' and it['error']['kind'] == 'wrong_final_answer'):
                    probs.append('forward answer wrong')
            else:
                if eval(it['answer'], g) != res:
                    probs.append('backward answer does not give output')
        status = 'PASS' if not probs else 'FAIL'
        if probs: fails += 1
        out.append('%s %s %s' % (status, it['id'], '; '.join(probs)))
    out.append('items=%d failures=%d' % (len(items), fails))
    print('\n'.join(out))
    return fails

if __name__ == '__main__':
    sys.exit(1 if main() else 0)
