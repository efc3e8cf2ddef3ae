#!/usr/bin/env python3
"""Standalone checker for w92 narrations: re-executes each program with sys.settrace and
verifies returned values, claims, answers, and that each error copy's error is really false."""
import ast, copy, json, re, sys

HERE = __file__.rsplit('/', 1)[0] if '/' in __file__ else '.'
FN = '<w92prog>'


def run_traced(code, call):
    hist = {}            # name -> list of successive values (change points)
    lines = {}           # line number -> hit count
    last = {}            # frame id -> {name: value}

    def snap(frame):
        d = last.setdefault(id(frame), {})
        items = dict(frame.f_locals)
        if 'self' in items and hasattr(items['self'], '__dict__'):
            for k, v in vars(items['self']).items():
                items['self.' + k] = v
        for k, v in items.items():
            if k == 'self' or k.startswith('.'):
                continue
            try:
                v2 = copy.deepcopy(v)
            except Exception:
                v2 = v
            if k not in d or d[k] != v2 or type(d[k]) != type(v2):
                d[k] = v2
                h = hist.setdefault(k, [])
                if not h or h[-1] != v2 or type(h[-1]) != type(v2):
                    h.append(v2)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return tracer
        if event == 'line':
            snap(frame)
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        elif event == 'return':
            snap(frame)
        return tracer

    g = {}
    exec(compile(code, FN, 'exec'), g)
    callc = compile(call, '<call>', 'eval')
    sys.settrace(tracer)
    try:
        ret = eval(callc, g)
    finally:
        sys.settrace(None)
    return ret, hist, lines, g


def plain_call(code, call):
    g = {}
    exec(compile(code, FN + 'p', 'exec'), g)
    return eval(call, g)


def claim_truth(c, ret, hist, lines, item):
    """Return (ok, detail) for whether claim c is true of the execution."""
    w = c['what']
    val = ast.literal_eval(c['value']) if isinstance(c['value'], str) else c['value']
    if w == 'value':
        h = hist.get(c['variable'])
        if h is None:
            return False, 'no such variable %r' % c['variable']
        if c.get('index'):
            h2 = []
            for x in h:
                try:
                    h2.append(eval('x' + c['index'], {'x': x}))
                except Exception:
                    pass
            h = h2
        if c.get('seq'):
            k = c.get('at', 0)
            return h[k:k + len(val)] == list(val), 'history slice=%r' % (h[k:k + len(val)],)
        if 'at' in c:
            k = c['at']
            ok = k < len(h) and h[k] == val and type(h[k]) == type(val)
            return ok, 'history[%d]=%r' % (k, h[k] if k < len(h) else None)
        return any(x == val and type(x) == type(val) for x in h), 'history=%r' % (h,)
    if w == 'count':
        m = re.match(r'loop@line (\d+)$', c['variable'] or '')
        mv = re.match(r'loop@var (\w+)$', c['variable'] or '')
        if mv:
            n = len(hist.get(mv.group(1), []))
            return n == val, 'assignments of %s=%d' % (mv.group(1), n)
        if not m:
            return False, 'bad count label'
        n = lines.get(int(m.group(1)), 0)
        return n == val, 'line hits=%d' % n
    if w in ('comparison', 'arith'):
        expr = c.get('expr') or c['quote'].split('=')[0]
        got = eval(expr, {})
        return got == val and type(got) == type(val), '%s -> %r' % (expr, got)
    if w == 'return':
        return ret == val, 'returned %r' % (ret,)
    if w == 'call':
        got = plain_call(item['code'], c['value'] if isinstance(c['value'], str) else item['call'])
        return got == ret, 'call gives %r' % (got,)
    return False, 'unknown claim kind'


def main():
    items = [json.loads(l) for l in open(HERE + '/narrations.jsonl') if l.strip()]
    progs = {}
    for l in open(HERE + '/programs.jsonl'):
        if l.strip():
            d = json.loads(l)
            progs[d['id']] = d
    ids = {it['id'] for it in items}
    fails = 0
    out = []
    for it in items:
        probs = []
        ret, hist, lines, g = run_traced(it['code'], it['call'])
        if repr(ret) != it['returned']:
            probs.append('returned mismatch %r vs %s' % (ret, it['returned']))
        p = progs.get(it['program_id'])
        if not p or p['code'] != it['code'] or p['call'] != it['call']:
            probs.append('program mismatch')
        elif len(p['events']) != it['trace_events']:
            probs.append('trace_events mismatch')
        lastline = it['rationale'].rstrip().splitlines()[-1]
        if lastline.strip() != 'Answer: ' + it['answer'] and not lastline.strip().startswith('Predicted Output: '):
            probs.append('last line is not the Answer line: %r' % lastline)
        if it['answer'] not in lastline:
            probs.append('answer not in last line')
        err = it['error']
        errq = err['quote'] if err else None
        if err and errq not in it['rationale']:
            probs.append('error quote not in rationale')
        if it['label'] == 'error' and it['faithful_id'] not in ids:
            probs.append('faithful_id missing')
        wrong_claims = 0
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                probs.append('claim quote not found: %r' % c['quote'])
                continue
            ok, det = claim_truth(c, ret, hist, lines, it)
            is_err_claim = err is not None and bool(c.get('is_error'))
            if is_err_claim:
                wrong_claims += 1
                if ok:
                    probs.append('error claim is actually TRUE: %r (%s)' % (c['quote'], det))
                if err.get('held_elsewhere'):
                    hv = err.get('held_in') or c['variable']
                    h = hist.get(hv, [])
                    sv = ast.literal_eval(err['stated'])
                    if sv not in h:
                        probs.append('held_elsewhere value %r not held by %s' % (sv, hv))
                if err['kind'] == 'impossible_state':
                    h = hist.get(c['variable'], [])
                    if ast.literal_eval(c['value']) in h:
                        probs.append('impossible_state value IS held somewhere')
            elif not ok:
                probs.append('claim false: %r (%s)' % (c['quote'], det))
        # answers
        if it['direction'] == 'forward':
            a_ok = ast.literal_eval(it['answer']) == ret
        else:
            try:
                a_ok = plain_call(it['code'], it['answer']) == ret
            except Exception as e:
                a_ok = False
        if it['label'] == 'faithful':
            if not a_ok:
                probs.append('faithful answer wrong')
            if err is not None:
                probs.append('faithful has error')
        else:
            k = err['kind']
            if k in ('wrong_final_answer', 'backward_wrong_input'):
                if a_ok:
                    probs.append('answer error but answer is right')
                if k == 'wrong_final_answer' and it['direction'] != 'forward':
                    probs.append('wrong_final_answer on backward')
                if k == 'backward_wrong_input' and it['direction'] != 'backward':
                    probs.append('backward_wrong_input on forward')
            else:
                if not a_ok:
                    probs.append('answer wrong in non-answer error copy')
                if wrong_claims < 1 or (wrong_claims > 1 and not err.get('carried')):
                    probs.append('expected one error claim (more only if carried), got %d' % wrong_claims)
            if str(err['stated']) == str(err['actual']):
                probs.append('stated == actual')
        status = 'PASS' if not probs else 'FAIL'
        fails += bool(probs)
        out.append('%s %s %s' % (status, it['id'], '; '.join(probs)))
    out.append('TOTAL %d items, %d failing' % (len(items), fails))
    txt = '\n'.join(out) + '\n'
    open(HERE + '/check_report.txt', 'w').write(txt)
    print(txt)
    return 1 if fails else 0


if __name__ == '__main__':
    sys.exit(main())
