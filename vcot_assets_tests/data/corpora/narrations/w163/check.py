"""Standalone checker for w163 narrations: runs each program under sys.settrace,
records every variable's value history (locals, and self.<attr> for instances),
per-line execution counts and the return value, then checks each narration's
claims and error annotations against that real execution."""
import ast, json, sys, copy

def run_traced(code, call):
    hist = {}        # var -> list of values in order of change (all frames, in time order)
    lines = {}       # lineno -> number of 'line' events
    last = {}        # id(frame) -> {var: value}
    def snap(frame):
        d = {}
        for k, v in frame.f_locals.items():
            if k == 'self':
                for a, av in vars(v).items():
                    d['self.' + a] = av
            else:
                d[k] = v
        return d
    def record(frame):
        seen = last.setdefault(id(frame), {})
        for k, v in snap(frame).items():
            try:
                v2 = copy.deepcopy(v)
            except Exception:
                v2 = v
            if k not in seen or seen[k] != v2 or type(seen[k]) != type(v2):
                seen[k] = v2
                hist.setdefault(k, []).append(v2)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        def local(frame, event, arg):
            record(frame)
            if event == 'line':
                lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            return local
        record(frame)
        return local
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    sys.settrace(tracer)
    try:
        ret = eval(compile(call, '<call>', 'eval'), g)
    finally:
        sys.settrace(None)
    return ret, hist, lines

def plain_run(code, call):
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    return eval(call, g)

def lit(s):
    return ast.literal_eval(s)

def claim_true(c, ret, hist, lines):
    what = c['what']
    if what == 'value':
        v = lit(c['value'])
        return any(v == x and type(v) == type(x) or (isinstance(v, (int, float)) and not isinstance(v, bool) and isinstance(x, (int, float)) and not isinstance(x, bool) and v == x)
                   for x in hist.get(c['variable'], []))
    if what == 'count':
        n = int(c['variable'].split('line')[-1])
        return lines.get(n, 0) == lit(c['value'])
    if what in ('arith', 'comparison'):
        return eval(c['expr']) == lit(c['value'])
    if what == 'return':
        return lit(c['value']) == ret
    if what == 'call':
        return True
    raise ValueError(what)

def main(path):
    out = []
    ok_all = True
    items = [json.loads(l) for l in open(path) if l.strip()]
    cache = {}
    for it in items:
        probs = []
        key = (it['code'], it['call'])
        if key not in cache:
            cache[key] = run_traced(it['code'], it['call'])
        ret, hist, lines = cache[key]
        if repr(ret) != it['returned']:
            probs.append('returned mismatch %r' % (ret,))
        err = it['error']
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                probs.append('claim quote not in rationale: %r' % c['quote'])
            if err and c['quote'] == err['quote']:
                continue
            try:
                if not claim_true(c, ret, hist, lines):
                    probs.append('claim false: %r' % (c,))
            except Exception as e:
                probs.append('claim error %r: %s' % (c['quote'], e))
        # final answer
        if it['direction'] == 'forward':
            ans_ok = lit(it['answer']) == ret
        else:
            try:
                ans_ok = plain_run(it['code'], it['answer']) == ret
            except Exception:
                ans_ok = False
        if not it['rationale'].rstrip().endswith('Answer: ' + it['answer']) and 'Answer: ' + it['answer'] not in it['rationale'].splitlines()[-1]:
            probs.append('answer not on last line')
        if it['label'] == 'faithful':
            if not ans_ok:
                probs.append('faithful answer wrong')
        else:
            if err['quote'] not in it['rationale']:
                probs.append('error quote missing')
            ck = err['check']
            t = ck['type']
            stated, actual = err['stated'], err['actual']
            if t == 'answer':
                if ans_ok:
                    probs.append('error answer is actually right')
            else:
                if not ans_ok:
                    probs.append('answer should stay right for kind %s' % err['kind'])
                if t == 'hist':
                    h = hist.get(ck['var'], [])
                    truth = h[ck['index']]
                    if truth != lit(actual): probs.append('actual %r != hist %r' % (actual, truth))
                    if truth == lit(stated): probs.append('stated is true at that point')
                    if err.get('held_elsewhere'):
                        allv = [x for k in ck.get('held_vars', [ck['var']]) for x in hist.get(k, [])]
                        if lit(stated) not in allv: probs.append('held_elsewhere but value never held')
                elif t == 'count':
                    n = lines.get(ck['line'], 0)
                    if n != lit(actual): probs.append('count actual %r != %r' % (actual, n))
                    if n == lit(stated): probs.append('stated count is true')
                    if err.get('held_elsewhere'):
                        if lit(stated) not in [x for k in ck['held_vars'] for x in hist.get(k, [])]:
                            probs.append('held_elsewhere count never held')
                elif t == 'expr':
                    v = eval(ck['expr'])
                    if v != lit(actual): probs.append('expr actual mismatch %r' % (v,))
                    if v == lit(stated): probs.append('stated expr is true')
                    if err.get('held_elsewhere'):
                        if lit(stated) not in [x for k in ck['held_vars'] for x in hist.get(k, [])]:
                            probs.append('held_elsewhere expr value never held')
                elif t == 'never':
                    if any(lit(stated) == x for x in hist.get(ck['var'], [])):
                        probs.append('impossible state actually held')
                elif t == 'pair':
                    # swapped: at history indices, var a/b true values are given by actual
                    a, b = ck['vars']; ia, ib = ck['index']
                    ta, tb = hist[a][ia], hist[b][ib]
                    if (ta, tb) != lit(actual): probs.append('pair actual mismatch %r' % ((ta, tb),))
                    if (ta, tb) == lit(stated): probs.append('pair stated true')
                else:
                    probs.append('unknown check type')
        status = 'PASS' if not probs else 'FAIL'
        if probs: ok_all = False
        out.append('%s %s %s' % (status, it['id'], '; '.join(probs)))
    out.append('ALL PASS (%d items)' % len(items) if ok_all else 'SOME FAIL')
    return out, ok_all

if __name__ == '__main__':
    lines_out, ok = main(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl')
    print('\n'.join(lines_out))
    sys.exit(0 if ok else 1)
