"""Standalone checker for w438 narrations: re-executes each program under sys.settrace
and checks every claim, the answer, and that each error copy's error is really false."""
import ast, copy, json, sys

def run_traced(code, call):
    hist, rets, lines = {}, {}, {}
    last = {}
    def note(name, val):
        try:
            v = copy.deepcopy(val)
        except Exception:
            return
        h = hist.setdefault(name, [])
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)
    def snap(frame):
        for k, v in list(frame.f_locals.items()):
            if k == 'self':
                for a, av in vars(v).items():
                    note('self.' + a, av)
            elif not k.startswith('__'):
                note(k, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return tracer
        if event == 'line':
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        snap(frame)
        if event == 'return':
            rets.setdefault(frame.f_code.co_name, []).append(copy.deepcopy(arg))
        return tracer
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    sys.settrace(tracer)
    try:
        result = eval(compile(call, '<prog>', 'eval'), g)
    finally:
        sys.settrace(None)
    return result, hist, rets, lines

def plain_call(code, call):
    g = {}
    exec(code, g)
    return eval(call, g)

def claim_ok(c, hist, rets, lines):
    """Return (ok, why) for one claim against the real run."""
    what = c['what']
    val = ast.literal_eval(c['value'])
    if what == 'value':
        h = hist.get(c['variable'])
        if h is None:
            return False, 'no such variable %s' % c['variable']
        if c.get('seq'):
            n = len(val); st = c.get('at')
            starts = [st] if st is not None else range(len(h) - n + 1)
            return any(h[i:i + n] == val for i in starts), 'history=%r' % (h,)
        if 'at' in c:
            at = c['at']
            return (at < len(h) and h[at] == val), 'history[%d]=%r' % (at, h[at] if at < len(h) else None)
        return val in h, 'history=%r' % (h,)
    if what == 'count':
        ln = int(c['variable'].split('@line')[1])
        return lines.get(ln, 0) == val, 'line %d ran %d' % (ln, lines.get(ln, 0))
    if what in ('arith', 'comparison'):
        got = eval(c['expr'])
        return got == val, 'eval(%s)=%r' % (c['expr'], got)
    if what == 'return':
        r = rets.get(c['variable'], [])
        if 'at' in c:
            return c['at'] < len(r) and r[c['at']] == val, 'returns=%r' % (r,)
        return val in r, 'returns=%r' % (r,)
    if what == 'call':
        try:
            got = plain_call(CODE[0], c['expr'])
        except Exception as ex:
            return False, 'call raised %r' % (ex,)
        return got == val, '%s -> %r' % (c['expr'], got)
    return False, 'unknown what'

CODE = [None]

def check_item(it):
    errs = []
    CODE[0] = it['code']
    result, hist, rets, lines = run_traced(it['code'], it['call'])
    if repr(result) != it['returned']:
        errs.append('returned mismatch %r vs %s' % (result, it['returned']))
    if not it['rationale'].rstrip().endswith(it['rationale'].rstrip().splitlines()[-1]) or \
            'Answer: ' + it['answer'] not in it['rationale'].rstrip().splitlines()[-1]:
        errs.append('answer line mismatch')
    # answer
    if it['direction'] == 'forward':
        ans_ok = ast.literal_eval(it['answer']) == result
    else:
        try:
            ans_ok = repr(plain_call(it['code'], it['answer'])) == it['returned']
        except Exception:
            ans_ok = False
    err = it['error']
    want_ans_ok = not (err and err['kind'] in ('wrong_final_answer', 'backward_wrong_input'))
    if ans_ok != want_ans_ok:
        errs.append('answer check %s, expected %s' % (ans_ok, want_ans_ok))
    found_err_claim = False
    for c in it['claims']:
        if c['quote'] not in it['rationale']:
            errs.append('quote not in rationale: %r' % c['quote'])
            continue
        ok, why = claim_ok(c, hist, rets, lines)
        is_err = bool(err) and c.get('is_error')
        if is_err:
            found_err_claim = True
            if ok:
                errs.append('error claim is actually TRUE: %r (%s)' % (c['quote'], why))
            if err.get('held_elsewhere'):
                h = hist.get(c['variable'], [])
                v = ast.literal_eval(c['value'])
                allv = [x for hh in hist.values() for x in hh]
                if c['what'] == 'count':
                    pass
                elif c.get('seq'):
                    if not all(x in allv for x in v):
                        errs.append('held_elsewhere but seq %r not all held' % (v,))
                elif v not in h and v not in [x for r in rets.values() for x in r] and \
                        v not in [x for hh in hist.values() for x in hh]:
                    errs.append('held_elsewhere but %r never held' % (v,))
        elif c.get('carried'):
            continue
        elif not ok:
            errs.append('claim false: %r (%s)' % (c['quote'], why))
    if err:
        if err['quote'] not in it['rationale']:
            errs.append('error quote missing')
        if err['kind'] not in ('wrong_final_answer', 'backward_wrong_input') and not found_err_claim:
            errs.append('no claim marks the error')
    return errs

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    out, bad = [], 0
    ids = set()
    for it in items:
        if it['id'] in ids:
            out.append('DUPLICATE id ' + it['id']); bad += 1
        ids.add(it['id'])
        try:
            errs = check_item(it)
        except Exception as e:
            errs = ['exception: %r' % (e,)]
        if it['faithful_id'] and it['faithful_id'] not in ids:
            errs.append('faithful_id not seen before')
        out.append('%s %s %s' % ('PASS' if not errs else 'FAIL', it['id'], '; '.join(errs)))
        bad += bool(errs)
    out.append('items=%d failed=%d' % (len(items), bad))
    return out, bad

if __name__ == '__main__':
    lines, bad = main(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl')
    print('\n'.join(lines))
    sys.exit(1 if bad else 0)
