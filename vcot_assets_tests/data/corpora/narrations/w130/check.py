"""Standalone checker for w130 narrations: re-runs every call under sys.settrace and
checks returned values, claims of faithful items, and that each error copy's error is false."""
import ast, copy, json, sys

def snap(frame):
    out = {}
    for k, v in frame.f_locals.items():
        if k.startswith('.'):
            continue
        if k == 'self':
            for a, av in vars(v).items():
                try: out['self.' + a] = copy.deepcopy(av)
                except Exception: out['self.' + a] = repr(av)
            continue
        try: out[k] = copy.deepcopy(v)
        except Exception: out[k] = repr(v)
    return out

def run(code, call):
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    lines, hist = [], {}
    def rec(s):
        for k, v in s.items():
            h = hist.setdefault(k, [])
            if not h or h[-1] != v:
                h.append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        s = snap(frame)
        rec(s)
        if event == 'return':
            hist.setdefault('return:' + frame.f_code.co_name, []).append(copy.deepcopy(arg))
        if event == 'line':
            lines.append((frame.f_lineno, frame.f_code.co_name, s))
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ns, ret, lines, hist

def matches(s, when):
    return all(k in s and s[k] == v for k, v in (when or {}).items())

def count_line(lines, line, when):
    return sum(1 for ln, _, s in lines if ln == line and matches(s, when))

def cmp_value(lines, c):
    if c.get('line') is None:
        return bool(eval(c['expr']))
    for ln, _, s in lines:
        if ln == c['line'] and matches(s, c.get('when')):
            env = {k.replace('self.', 'self_'): v for k, v in s.items()}
            return bool(eval(c['expr'], {}, env))
    raise AssertionError('no line event for comparison %r' % c)

def truth(c, ctx):
    """Return (ok, detail) saying whether claim c is true of the run."""
    ns, ret, lines, hist = ctx
    w = c['what']
    val = None if w == 'call' else ast.literal_eval(c['value'])
    if w == 'value':
        h = hist.get(c['variable'], [])
        if c.get('seq'):
            # a summarised run of values: must appear consecutively in the variable's history
            n = len(val)
            return (any(h[j:j + n] == val for j in range(len(h) - n + 1)), 'history=%r' % h[:40])
        if 'at' in c:
            return (len(h) > c['at'] and h[c['at']] == val, 'history[%d]=%r' % (c['at'], h[c['at']] if len(h) > c['at'] else None))
        return (val in h, 'history=%r' % h[:30])
    if w == 'count':
        n = count_line(lines, c['line'], c.get('when'))
        return (n == val, 'count=%d' % n)
    if w == 'comparison':
        r = cmp_value(lines, c)
        return (r == val, 'evaluates %r' % (r,))
    if w == 'arith':
        r = eval(c['expr'])
        return (r == val, 'evaluates %r' % (r,))
    if w == 'return':
        return (ret == val, 'returned %r' % (ret,))
    if w == 'call':
        r = eval(c['value'], ns)
        return (r == ret, 'call gives %r' % (r,))
    raise ValueError(w)

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl') if l.strip()]
    by_id = {it['id']: it for it in items}
    cache, fails, nclaims = {}, [], 0
    for it in items:
        key = (it['code'], it['call'])
        if key not in cache:
            cache[key] = run(it['code'], it['call'])
        ctx = cache[key]
        ns, ret, lines, hist = ctx
        probs = []
        if repr(ret) != it['returned']:
            probs.append('returned mismatch %r vs %r' % (ret, it['returned']))
        last = it['rationale'].rstrip().splitlines()[-1]
        if not last.startswith('Answer:') or last[len('Answer:'):].strip() != it['answer']:
            probs.append('answer field does not match last line')
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                probs.append('quote not in rationale: %r' % c['quote'])
        err = it['error']
        if it['label'] == 'faithful':
            for c in it['claims']:
                nclaims += 1
                ok, d = truth(c, ctx)
                if not ok:
                    probs.append('false claim %r: %s' % (c['quote'], d))
            if it['direction'] == 'forward':
                if ast.literal_eval(it['answer']) != ret:
                    probs.append('forward answer wrong')
            else:
                if eval(it['answer'], ns) != ret:
                    probs.append('backward answer does not reproduce output')
        else:
            fa = by_id.get(it['faithful_id'])
            if fa is None:
                probs.append('missing faithful')
            if err['quote'] not in it['rationale']:
                probs.append('error quote not in rationale')
            k = err['kind']
            if k == 'wrong_final_answer':
                if ast.literal_eval(it['answer']) == ret:
                    probs.append('wrong_final_answer equals return')
            elif k == 'backward_wrong_input':
                if eval(it['answer'], ns) == ret:
                    probs.append('backward_wrong_input reproduces output')
            else:
                ec = [c for c in it['claims'] if c.get('is_error')]
                if len(ec) != 1:
                    probs.append('need exactly one error claim')
                else:
                    c = ec[0]
                    ok, d = truth(c, ctx)
                    if ok:
                        probs.append('error claim is actually true: %s' % d)
                    # the actual value must be what the run gives at that point
                    ca = dict(c); ca['value'] = err['actual']
                    ok2, d2 = truth(ca, ctx)
                    if not ok2:
                        probs.append('error actual %r not confirmed: %s' % (err['actual'], d2))
                    if k == 'impossible_state':
                        if ast.literal_eval(c['value']) in hist.get(c['variable'], []):
                            probs.append('impossible_state value is held somewhere')
                    if err.get('held_elsewhere'):
                        sv = ast.literal_eval(c['value'])
                        if c['what'] == 'count':
                            # the stated count is the count of that line in some other scope
                            held = any(count_line(lines, c['line'], {kk: vv}) == sv
                                       for kk, h in hist.items() for vv in h if isinstance(vv, (int, str)))
                        elif c.get('seq'):
                            held = all(x in hist.get(c['variable'], []) for x in sv)
                        elif c['what'] == 'arith':
                            held = any(sv in h for h in hist.values())
                        else:
                            held = sv in hist.get(c['variable'], [])
                        if not held:
                            probs.append('held_elsewhere but value never held')
            # every other (non-carried) claim of the copy must still be true
            for c in it['claims']:
                if c.get('is_error'):
                    continue
                ok, d = truth(c, ctx)
                if not ok:
                    probs.append('non-error claim false %r: %s' % (c['quote'], d))
            if it['direction'] == 'forward' and k != 'wrong_final_answer' and not err.get('carried') and ast.literal_eval(it['answer']) != ret:
                probs.append('forward copy answer changed')
            if it['direction'] == 'backward' and k != 'backward_wrong_input' and eval(it['answer'], ns) != ret:
                probs.append('backward copy answer changed')
        status = 'PASS' if not probs else 'FAIL'
        if probs:
            fails.append(it['id'])
        print('%s %s (%s, %s)' % (status, it['id'], it['label'], err['kind'] if err else '-'))
        for p in probs:
            print('    ' + p)
    print('items: %d, faithful claims checked: %d, failures: %d' % (len(items), nclaims, len(fails)))
    return 1 if fails else 0

if __name__ == '__main__':
    sys.exit(main())
