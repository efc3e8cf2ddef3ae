"""Standalone checker for w484 narrations: re-executes each program with sys.settrace."""
import ast, copy, json, sys
from collections import defaultdict

def run(code, call):
    hist = defaultdict(list)
    lines = defaultdict(int)
    def rec(name, val):
        try:
            v = copy.deepcopy(val)
        except Exception:
            return
        h = hist[name]
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
        def local(frame, event, arg):
            snap(frame)
            if event == 'line':
                lines[frame.f_lineno] += 1
            if event == 'return':
                rec('<return:%s>' % frame.f_code.co_name, arg)
            return local
        snap(frame)
        return local
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    sys.settrace(tr)
    try:
        res = eval(call, ns)
    finally:
        sys.settrace(None)
    return res, hist, lines

def plain(code, call):
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    return eval(call, ns)

def claim_ok(c, hist, lines, res):
    """Return True when the claim is true of the execution."""
    w = c['what']
    val = ast.literal_eval(c['value']) if isinstance(c['value'], str) else c['value']
    if w == 'value':
        h = hist.get(c['variable'], [])
        if 'nth' in c:
            return c['nth'] < len(h) and h[c['nth']] == val
        return val in h
    if w == 'count':
        return lines[c['line']] == val
    if w in ('comparison', 'arith'):
        return eval(c['expr']) == val
    if w == 'return':
        return res == val
    if w == 'call':
        return True
    raise ValueError(w)

def held_somewhere(c, hist):
    val = ast.literal_eval(c['value'])
    if c['what'] == 'value':
        return val in hist.get(c['variable'], [])
    if c['what'] == 'count':
        return True
    if c['what'] == 'arith':
        return any(val in h for h in hist.values())
    return True

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl')]
    fails = 0
    out = []
    for it in items:
        probs = []
        res, hist, lines = run(it['code'], it['call'])
        if repr(res) != it['returned']:
            probs.append('returned mismatch %r' % (res,))
        if it['rationale'].rstrip().splitlines()[-1].strip() != 'Answer: ' + it['answer']:
            probs.append('last line is not Answer: <answer>')
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                probs.append('quote not in rationale: %r' % c['quote'])
            ok = claim_ok(c, hist, lines, res)
            if c.get('is_error'):
                if ok:
                    probs.append('error claim is actually true: %r' % c['quote'])
                if it['error'].get('held_elsewhere') and not held_somewhere(c, hist):
                    probs.append('held_elsewhere but value never held: %r' % c['quote'])
            elif c.get('carried'):
                pass
            elif not ok:
                probs.append('false claim: %r (%s)' % (c['quote'], c['value']))
        # answer
        if it['direction'] == 'forward':
            ans_ok = ast.literal_eval(it['answer']) == res
        else:
            try:
                ans_ok = plain(it['code'], it['answer']) == res
            except Exception:
                ans_ok = False
        ek = it['error']['kind'] if it['error'] else None
        if ek in ('wrong_final_answer', 'backward_wrong_input'):
            if ans_ok:
                probs.append('answer should be wrong but is right')
        elif not ans_ok:
            probs.append('answer wrong')
        if it['error']:
            if it['error']['quote'] not in it['rationale']:
                probs.append('error quote not in rationale')
            if ek not in ('wrong_final_answer', 'backward_wrong_input') and not any(c.get('is_error') for c in it['claims']):
                probs.append('no is_error claim')
        status = 'PASS' if not probs else 'FAIL'
        fails += bool(probs)
        out.append('%s %s %s' % (status, it['id'], '; '.join(probs)))
    out.append('items=%d failures=%d' % (len(items), fails))
    print('\n'.join(out))
    return 1 if fails else 0

if __name__ == '__main__':
    if len(sys.argv) > 2 and sys.argv[1] == '--dump':
        for l in open(sys.argv[2]):
            d = json.loads(l)
            res, hist, lines = run(d['code'], d['call'])
            print('==', d['id'], repr(res))
            for k, v in hist.items():
                print('  ', k, v)
            print('   lines', dict(lines))
        sys.exit(0)
    sys.exit(main())
