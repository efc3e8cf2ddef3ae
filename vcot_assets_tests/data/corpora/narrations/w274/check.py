"""Standalone checker for w274 narrations: re-executes each program with sys.settrace."""
import sys, json, copy, ast

def run(code, call):
    hist = {}      # name -> list of distinct successive values (per frame, merged in order)
    lines = {}     # line number -> hit count
    def rec(name, val):
        try:
            v = copy.deepcopy(val)
        except Exception:
            v = val
        h = hist.setdefault(name, [])
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)
    def snap(frame):
        for k, v in list(frame.f_locals.items()):
            if k == 'self':
                for ak, av in vars(v).items():
                    rec('self.' + ak, av)
            elif not k.startswith('.'):
                rec(k, v)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return tr
        if event == 'line':
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        if event in ('line', 'return'):
            snap(frame)
        return tr
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    sys.settrace(tr)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, lines

def plain_eval(code, call):
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    return eval(call, ns)

def lit(s):
    return ast.literal_eval(s)

def claim_true(c, ret, hist, lines):
    what = c['what']
    val = lit(c['value'])
    if what == 'value' and c.get('seq'):
        # a summarised sequence: must appear, in order, within the variable's history
        want = [v for i, v in enumerate(val) if i == 0 or val[i - 1] != v]
        h = hist.get(c['variable'], [])
        pos = 0
        for v in want:
            while pos < len(h) and h[pos] != v:
                pos += 1
            if pos == len(h):
                return False
            pos += 1
        return True
    if what == 'value':
        return val in hist.get(c['variable'], [])
    if what == 'count':
        ln = int(c['variable'].split('@line')[1])
        return lines.get(ln, 0) == val
    if what in ('arith', 'comparison'):
        expr = c.get('expr') or c['quote']
        return eval(expr) == val
    if what == 'return':
        return val == ret
    if what == 'call':
        return True
    raise ValueError(what)

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl')]
    fails = 0
    out = []
    byid = {it['id']: it for it in items}
    for it in items:
        errs = []
        ret, hist, lines = run(it['code'], it['call'])
        if repr(ret) != it['returned']:
            errs.append('returned mismatch %r' % (ret,))
        r = it['rationale']
        if not r.rstrip().splitlines()[-1].startswith(('Answer:', 'Predicted Output:')):
            errs.append('last line not an answer line')
        for c in it['claims']:
            if c['quote'] not in r:
                errs.append('quote not in rationale: %r' % c['quote'])
        if it['label'] == 'faithful':
            for c in it['claims']:
                if not claim_true(c, ret, hist, lines):
                    errs.append('false claim: %r' % c)
            if it['direction'] == 'forward':
                if lit(it['answer']) != ret:
                    errs.append('forward answer wrong')
            else:
                if plain_eval(it['code'], it['answer']) != ret:
                    errs.append('backward answer does not reproduce output')
        else:
            e = it['error']
            if e['quote'] not in r:
                errs.append('error quote missing')
            f = byid.get(it['faithful_id'])
            if f is None:
                errs.append('no faithful')
            chk = e['check']
            t = chk['type']
            if t == 'answer':
                if it['direction'] == 'forward':
                    if lit(it['answer']) == ret:
                        errs.append('wrong_final_answer is actually right')
                else:
                    try:
                        got = plain_eval(it['code'], it['answer'])
                    except Exception:
                        got = object()
                    if got == ret:
                        errs.append('backward_wrong_input reproduces output')
            elif t == 'value_at':
                h = hist.get(chk['variable'], [])
                k = chk['index']
                if not (k < len(h) and h[k] == lit(e['actual']) and h[k] != lit(e['stated'])):
                    errs.append('value_at check failed %r (hist %r)' % (chk, h))
            elif t == 'count':
                ln = int(chk['variable'].split('@line')[1])
                n = lines.get(ln, 0)
                if not (n == lit(e['actual']) and n != lit(e['stated'])):
                    errs.append('count check failed %d' % n)
            elif t in ('arith', 'comparison'):
                v = eval(chk['expr'])
                if not (v == lit(e['actual']) and v != lit(e['stated'])):
                    errs.append('arith/comparison check failed %r' % v)
            else:
                errs.append('unknown check')
            if e.get('held_elsewhere'):
                sv = lit(e['stated'])
                if not any(sv in h for h in hist.values()):
                    errs.append('held_elsewhere but stated value never held')
            # every other annotated claim of the copy must still be true (one error per copy)
            for c in it['claims']:
                if c['quote'] == e['quote']:
                    continue
                if not claim_true(c, ret, hist, lines):
                    errs.append('extra false claim in error copy: %r' % c)
            # the error copy must differ from faithful
            if f is not None and f['rationale'] == r:
                errs.append('identical to faithful')
        status = 'PASS' if not errs else 'FAIL'
        fails += bool(errs)
        out.append('%s %s %s' % (status, it['id'], '; '.join(errs)))
    out.append('items=%d failures=%d' % (len(items), fails))
    print('\n'.join(out))
    return fails

if __name__ == '__main__':
    sys.exit(1 if main() else 0)
