"""Standalone checker for the w313 narration corpus.

Runs every program itself (exec + sys.settrace), records the history of values of each
variable (locals and self.<attr>, per frame, in time order) and how often each line ran,
then checks every item's claims, answer and (for error copies) that the error is really false.
"""
import ast, json, sys, copy
from collections import defaultdict

HERE = __file__.rsplit('/', 1)[0] if '/' in __file__ else '.'


def snapshot(frame):
    snap = {}
    for k, v in frame.f_locals.items():
        if k.startswith('.'):
            continue
        try:
            snap[k] = copy.deepcopy(v)
        except Exception:
            snap[k] = v
        if k == 'self' and hasattr(v, '__dict__'):
            for a, av in vars(v).items():
                snap['self.' + a] = copy.deepcopy(av)
    return snap


def run(code, call):
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    hist = defaultdict(list)
    lines = defaultdict(int)
    last = {}

    def record(frame):
        snap = snapshot(frame)
        prev = last.get(id(frame), {})
        for k, v in snap.items():
            if k not in prev or not safe_eq(prev[k], v):
                if not hist[k] or not safe_eq(hist[k][-1], v):
                    hist[k].append(v)
        last[id(frame)] = snap

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        if event == 'call':
            last[id(frame)] = {}
            record(frame)
        elif event == 'line':
            record(frame)
            lines[frame.f_lineno] += 1
        elif event == 'return':
            record(frame)
            last.pop(id(frame), None)
        return tracer

    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return result, hist, lines


def safe_eq(a, b):
    try:
        return bool(a == b) and type(a) == type(b)
    except Exception:
        return False


def plain_result(code, call):
    ns = {}
    exec(code, ns)
    return eval(call, ns)


def check_claim(c, result, hist, lines):
    """Return (ok, detail)."""
    what = c['what']
    val = ast.literal_eval(c['value'])
    var = c.get('variable')
    if what == 'value':
        h = hist.get(var)
        if h is None:
            return False, 'no variable %r' % var
        if 'nth' in c:
            n = c['nth']
            if n >= len(h):
                return False, '%s has only %d values' % (var, len(h))
            return safe_eq(h[n], val), '%s[%d] = %r' % (var, n, h[n])
        return any(safe_eq(x, val) for x in h), '%s history %r' % (var, h)
    if what == 'count':
        assert var.startswith('loop@line ')
        n = lines[int(var.split()[-1])]
        return n == val, 'line ran %d times' % n
    if what in ('comparison', 'arith'):
        expr = c.get('expr') or c['quote'].split('=')[0]
        got = eval(expr, {})
        return safe_eq(got, val) or (what == 'arith' and got == val and not isinstance(got, bool)), '%s -> %r' % (expr, got)
    if what == 'return':
        return safe_eq(result, val), 'returned %r' % (result,)
    if what == 'call':
        return False, 'call claims are checked via answer'
    return False, 'unknown what ' + what


def main():
    progs = {json.loads(l)['id']: json.loads(l) for l in open(HERE + '/programs.jsonl') if l.strip()}
    items = [json.loads(l) for l in open(HERE + '/narrations.jsonl') if l.strip()]
    ids = [it['id'] for it in items]
    assert len(ids) == len(set(ids)), 'duplicate ids'
    fails = 0
    out = []
    for it in items:
        prob = []
        p = progs[it['program_id']]
        assert p['code'] == it['code'] and p['call'] == it['call']
        result, hist, lines = run(it['code'], it['call'])
        if repr(result) != it['returned'] or p['returned'] != it['returned']:
            prob.append('returned mismatch %r' % (result,))
        if len(p['events']) != it['trace_events']:
            prob.append('trace_events mismatch')
        rat = it['rationale']
        last_line = rat.rstrip().splitlines()[-1]
        if it['answer'] not in last_line:
            prob.append('answer not in last line')
        err = it.get('error')
        err_quote = err['quote'] if err else None
        if err and err_quote not in rat:
            prob.append('error quote not in rationale')
        # answer
        if it['direction'] == 'forward':
            ans_ok = safe_eq(ast.literal_eval(it['answer']), result)
        else:
            fn = it['answer'].split('(')[0]
            ans_ok = fn == it['function'] and repr(plain_result(it['code'], it['answer'])) == it['returned']
        want_ans_ok = not (err and err['kind'] in ('wrong_final_answer', 'backward_wrong_input'))
        if ans_ok != want_ans_ok:
            prob.append('answer check %s, expected %s' % (ans_ok, want_ans_ok))
        err_claim_seen = False
        for c in it['claims']:
            if c['quote'] not in rat:
                prob.append('claim quote not found: %r' % c['quote'])
                continue
            if c['what'] == 'call':
                continue
            ok, detail = check_claim(c, result, hist, lines)
            is_err = err is not None and c['quote'] == err_quote
            if is_err:
                err_claim_seen = True
                if ok:
                    prob.append('error claim is TRUE: %r (%s)' % (c['quote'], detail))
                if c['value'] not in err['stated'] and str(ast.literal_eval(c['value'])) not in err['stated']:
                    prob.append('error stated %r vs claim value %r' % (err['stated'], c['value']))
                if err.get('held_elsewhere'):
                    # the wrong value must be one the program really holds somewhere else
                    hv = err.get('held_by') or c.get('variable')
                    h = hist.get(hv, [])
                    v = ast.literal_eval(c['value'])
                    if not any(safe_eq(x, v) for x in h):
                        prob.append('held_elsewhere but %r never holds %r' % (hv, v))
            elif c.get('carried') and err is not None:
                # a consequence the error carried forward: it must be false too
                if ok:
                    prob.append('carried claim is true: %r' % c['quote'])
            elif not ok:
                prob.append('claim false: %r (%s)' % (c['quote'], detail))
        if err and err['kind'] not in ('wrong_final_answer', 'backward_wrong_input') and not err_claim_seen:
            prob.append('no claim matches error quote')
        if err and err['stated'] == err['actual']:
            prob.append('stated == actual')
        status = 'OK  ' if not prob else 'FAIL'
        fails += bool(prob)
        out.append('%s %s (%d claims)' % (status, it['id'], len(it['claims'])))
        for pr in prob:
            out.append('     ' + pr)
    out.append('%d items, %d failing' % (len(items), fails))
    print('\n'.join(out))
    return 1 if fails else 0


if __name__ == '__main__':
    if len(sys.argv) > 2 and sys.argv[1] == 'hist':
        progs = [json.loads(l) for l in open(HERE + '/programs.jsonl') if l.strip()]
        for p in progs:
            if p['id'] == sys.argv[2]:
                r, h, ln = run(p['code'], p['call'])
                for k, v in h.items():
                    print(k, v)
                print(dict(ln))
        sys.exit(0)
    sys.exit(main())
