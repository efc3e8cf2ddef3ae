"""Standalone checker for w30 narrations: runs each call under sys.settrace and checks claims."""
import json, sys, ast, re, copy

def run_traced(code, call):
    hist = {}      # name -> list of values (all frames)
    returns = {}   # funcname -> list of return values
    lines = {}     # line number -> hits (program code only)
    def rec(name, val):
        try:
            v = copy.deepcopy(val)
        except Exception:
            v = val
        h = hist.setdefault(name, [])
        if not h or h[-1] != v:
            h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == 'self':
                for a, av in getattr(v, '__dict__', {}).items():
                    rec('self.' + a, av)
            else:
                rec(k, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        snap(frame)
        if event == 'line':
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        if event == 'return':
            returns.setdefault(frame.f_code.co_name, []).append(arg)
        return tracer
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    sys.settrace(tracer)
    try:
        res = eval(call, g)
    finally:
        sys.settrace(None)
    return res, hist, returns, lines

def plain_run(code, call):
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    return eval(call, g)

def eval_arith(q, env=None):
    env = env or {}
    s = q.replace('`', '').strip()
    if ' is ' in s:
        left, right = s.rsplit(' is ', 1)
    else:
        left, right = s.rsplit('=', 1)
    return eval(left, {}, dict(env)), ast.literal_eval(right.strip().rstrip('.,'))

def check_claim(c, res, hist, returns, lines):
    w, val = c['what'], c['value']
    if w == 'value':
        v = ast.literal_eval(val)
        return v in hist.get(c['variable'], [])
    if w == 'count':
        m = re.match(r'loop@line (\d+)', c['variable'])
        if not m:  # loop variable name: number of successive values it took
            return len(hist.get(c['variable'], [])) == int(val)
        n = int(m.group(1))
        return lines.get(n + 1, 0) == int(val)
    if w == 'arith':
        env = {k: v[-1] for k, v in hist.items() if k.isidentifier()}
        got, stated = eval_arith(c['quote'], env)
        return got == stated == ast.literal_eval(val)
    if w == 'comparison':
        q = c['quote'].replace('`', '').strip()
        q = re.sub(r'\s+is (True|False|true|false)$', '', q)
        return bool(eval(q)) == ast.literal_eval(val)
    if w == 'return':
        v = ast.literal_eval(val)
        if c.get('variable') and c['variable'] in returns:
            return v in returns[c['variable']]
        return v == res
    if w == 'call':
        return True
    raise ValueError(w)

def main():
    items = [json.loads(l) for l in open('narrations.jsonl')]
    ok_all = True
    out = []
    for it in items:
        probs = []
        res, hist, returns, lines = run_traced(it['code'], it['call'])
        if repr(res) != it['returned']:
            probs.append('returned mismatch %r' % (res,))
        if not it['rationale'].rstrip().endswith('Answer: ' + it['answer']):
            probs.append('answer line mismatch')
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                probs.append('quote not in rationale: %r' % c['quote'])
        # answer
        if it['direction'] == 'forward':
            ans_ok = ast.literal_eval(it['answer']) == res
        else:
            try:
                ans_ok = plain_run(it['code'], it['answer']) == res
            except Exception:
                ans_ok = False
        err = it['error']
        errq = err['quote'] if err else None
        if it['label'] == 'faithful':
            if not ans_ok:
                probs.append('answer wrong')
            for c in it['claims']:
                if not check_claim(c, res, hist, returns, lines):
                    probs.append('false claim %r' % c)
        else:
            if err['quote'] not in it['rationale']:
                probs.append('error quote missing')
            if err['kind'] in ('wrong_final_answer', 'backward_wrong_input'):
                if ans_ok:
                    probs.append('error answer is actually right')
            else:
                if not ans_ok and not err.get('carried'):
                    probs.append('answer wrong in non-answer error copy')
                ec = [c for c in it['claims'] if c['quote'] == errq]
                if not ec:
                    probs.append('no claim for error quote')
                for c in ec:
                    if check_claim(c, res, hist, returns, lines):
                        probs.append('error claim is actually true %r' % c)
            for c in it['claims']:
                if c['quote'] == errq:
                    continue
                if not check_claim(c, res, hist, returns, lines) and not err.get('carried'):
                    probs.append('other false claim %r' % c)
        status = 'PASS' if not probs else 'FAIL'
        if probs:
            ok_all = False
        out.append('%s %s %s' % (status, it['id'], '; '.join(probs)))
    out.append('ALL PASS (%d items)' % len(items) if ok_all else 'FAILURES PRESENT')
    txt = '\n'.join(out) + '\n'
    open('check_report.txt', 'w').write(txt)
    print(txt)

if __name__ == '__main__':
    main()
