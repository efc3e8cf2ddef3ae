"""Standalone checker for w137 narrations: runs each program with sys.settrace,
records per-variable value histories and per-line hit counts, and checks claims/errors."""
import json, sys, copy

def run_case(code, call):
    hist, hits = {}, {}
    global SNAPS
    SNAPS = {}
    def rec(frame):
        for k, v in frame.f_locals.items():
            if k.startswith('__'):
                continue
            try:
                val = copy.deepcopy(v)
            except Exception:
                val = v
            keys = [(k, val)]
            if k == 'self' and hasattr(v, '__dict__'):
                keys = [('self.' + a, copy.deepcopy(b)) for a, b in vars(v).items()]
            for name, val in keys:
                h = hist.setdefault(name, [])
                if not h or not (type(h[-1]) is type(val) and h[-1] == val):
                    h.append(val)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return tracer
        if event == 'line':
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
            snap = {}
            for k, v in frame.f_locals.items():
                try:
                    snap[k] = copy.deepcopy(v)
                except Exception:
                    pass
            SNAPS[(frame.f_lineno, hits[frame.f_lineno])] = snap
        if event in ('line', 'return'):
            rec(frame)
        return tracer
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    sys.settrace(tracer)
    try:
        ret = eval(compile(call, '<call>', 'eval'), g)
    finally:
        sys.settrace(None)
    return ret, hist, hits

def plain_call(code, call):
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    return eval(call, g)

def same(a, b):
    return type(a) is type(b) and a == b or (a == b and not isinstance(a, bool) and not isinstance(b, bool))

def check_false(c, ret, hist, hits, item):
    t = c['t']
    if t == 'arith':
        return eval(c['expr']) != eval(c['stated'])
    if t == 'count':
        return hits.get(c['line'], 0) + c.get('offset', 0) != c['stated']
    if t == 'at':
        h = hist[c['var']]
        return not same(h[c['index']], eval(c['stated']))
    if t == 'at_line':
        return not same(SNAPS[(c['line'], c['n'])][c['var']], eval(c['stated']))
    if t == 'absent':
        return not any(same(x, eval(c['stated'])) for x in hist.get(c['var'], []))
    if t == 'expr':
        return eval(c['expr']) != c['stated']
    if t == 'answer':
        if item['direction'] == 'forward':
            return not same(eval(item['answer']), ret)
        return not same(plain_call(item['code'], item['answer']), ret)
    raise ValueError(t)

def is_subseq(seq, h):
    col = [x for k, x in enumerate(seq) if k == 0 or seq[k - 1] != x]
    j = 0
    for x in h:
        if j < len(col) and same(x, col[j]):
            j += 1
    return j == len(col)

def check_item(item):
    errs = []
    ret, hist, hits = run_case(item['code'], item['call'])
    if repr(ret) != item['returned']:
        errs.append('returned mismatch %r' % (ret,))
    if item['rationale'].strip().splitlines()[-1].strip() != 'Answer: ' + item['answer'] and \
       not item['rationale'].rstrip().endswith(item['answer']):
        errs.append('answer line mismatch')
    if item['function'] not in item['call']:
        errs.append('function not in call')
    for cl in item['claims']:
        if cl['quote'] not in item['rationale']:
            errs.append('claim quote not in rationale: %r' % cl['quote'])
    if item['label'] == 'faithful':
        for cl in item['claims']:
            w, v = cl['what'], eval(cl['value'])
            ok = True
            if w == 'value' and cl.get('sequence'):
                ok = is_subseq(v, hist.get(cl['variable'], []))
            elif w == 'value':
                ok = any(same(x, v) for x in hist.get(cl['variable'], []))
            elif w == 'count':
                ok = hits.get(cl['line'], 0) + cl.get('offset', 0) == v
            elif w in ('comparison', 'arith'):
                ok = eval(cl['expr']) == v
            elif w == 'return':
                ok = same(v, ret)
            elif w == 'call':
                ok = same(plain_call(item['code'], cl['value']), ret) if False else same(plain_call(item['code'], eval(cl['value'])), ret)
            if not ok:
                errs.append('false claim: %r' % cl)
        if item['direction'] == 'forward':
            if not same(eval(item['answer']), ret):
                errs.append('forward answer wrong')
        else:
            if not same(plain_call(item['code'], item['answer']), ret):
                errs.append('backward answer wrong')
    else:
        e = item['error']
        if e['quote'] not in item['rationale']:
            errs.append('error quote not in rationale')
        if e['stated'] not in e['quote']:
            errs.append('stated not in quote')
        for c in e['checks']:
            if not check_false(c, ret, hist, hits, item):
                errs.append('error not false: %r' % c)
        if e.get('held_elsewhere'):
            c = e['checks'][0]
            if c['t'] == 'at_line' and not any(same(x, eval(c['stated'])) for x in hist[c['var']]):
                errs.append('held_elsewhere but value never held')
            if c['t'] == 'at' and not any(same(x, eval(c['stated'])) for x in hist[c['var']]):
                errs.append('held_elsewhere but value never held')
            if c['t'] == 'count' and c['stated'] not in hits.values():
                errs.append('held_elsewhere count not a hit count anywhere')
        if e['kind'] != 'wrong_final_answer' and e['kind'] != 'backward_wrong_input':
            if item['direction'] == 'forward' and not same(eval(item['answer']), ret) and e['kind'] not in ('wrong_final_answer',) and not e.get('carried'):
                errs.append('answer wrong in non-answer error')
    return errs

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl') if l.strip()]
    ids = set(i['id'] for i in items)
    bad = 0
    for it in items:
        errs = check_item(it)
        if it['faithful_id'] and it['faithful_id'] not in ids:
            errs.append('missing faithful')
        print(('PASS ' if not errs else 'FAIL ') + it['id'] + ('' if not errs else ' ' + '; '.join(errs)))
        bad += bool(errs)
    print('%d items, %d failing' % (len(items), bad))
    return bad

if __name__ == '__main__':
    sys.exit(1 if main() else 0)
