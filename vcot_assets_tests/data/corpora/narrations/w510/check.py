"""Standalone checker for w510 narrations: re-executes each program under sys.settrace and
checks returned value, every claim, the Answer line, and that each error copy's error is false."""
import ast, copy, json, sys

FN = '<w510prog>'

def run(code, call):
    ns = {}
    exec(compile(code, FN, 'exec'), ns)
    hist, lines, snaps = {}, [], []
    def rec(name, val):
        try:
            v = copy.deepcopy(val)
        except Exception:
            return
        h = hist.setdefault(name, [])
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return tr
        if event == 'line':
            lines.append(frame.f_lineno)
            try:
                snaps.append((frame.f_lineno, copy.deepcopy({k: v for k, v in frame.f_locals.items() if k != 'self' and not callable(v)})))
            except Exception:
                snaps.append((frame.f_lineno, {}))
        for k, v in list(frame.f_locals.items()):
            if k == 'self':
                for a, av in list(getattr(v, '__dict__', {}).items()):
                    rec('self.' + a, av)
            elif not callable(v):
                rec(k, v)
        return tr
    sys.settrace(tr)
    try:
        res = eval(compile(call, FN + 'call', 'eval'), ns)
    finally:
        sys.settrace(None)
    run.snaps = snaps
    return res, hist, lines

def plain(code, call):
    ns = {}
    exec(code, ns)
    return eval(call, ns)

def contiguous(h, seq):
    n = len(seq)
    return any(h[i:i + n] == seq for i in range(len(h) - n + 1))

def claim_true(c, res, hist, lines, code):
    what = c['what']
    val = ast.literal_eval(c['value'])
    if what == 'value':
        h = hist.get(c['variable'], [])
        if 'at' in c:
            ln, ks = c['at']
            occ = [d for l, d in run.snaps if l == ln]
            return [occ[k - 1].get(c['variable']) for k in ks] == list(val)
        if c.get('sequence'):
            return contiguous(h, list(val))
        if 'index' in c:
            try:
                return h[c['index']] == val
            except IndexError:
                return False
        return val in h
    if what == 'count':
        ln = c['line']
        if 'segment' in c:
            delim, k = c['segment']
            idx = [i for i, l in enumerate(lines) if l == delim]
            lo = idx[k - 2] if k >= 2 else -1
            hi = idx[k - 1]
            return sum(1 for l in lines[lo + 1:hi] if l == ln) == val
        if 'after' in c:
            return sum(1 for i in range(1, len(lines)) if lines[i] == ln and lines[i - 1] == c['after']) == val
        return lines.count(ln) == val
    if what in ('arith', 'comparison'):
        return eval(c['expr']) == val
    if what == 'return':
        return val == res
    if what == 'call':
        return plain(code, c['value'] if isinstance(val, str) else c['quote']) == res
    raise ValueError(what)

def check(item):
    errs = []
    code, call = item['code'], item['call']
    res, hist, lines = run(code, call)
    if repr(res) != item['returned']:
        errs.append('returned mismatch %r' % (res,))
    rat = item['rationale']
    last = rat.rstrip().splitlines()[-1]
    if last.strip() != 'Answer: ' + item['answer']:
        errs.append('answer line mismatch: %r' % last)
    if item['direction'] == 'forward':
        ans_ok = ast.literal_eval(item['answer']) == res
    else:
        try:
            ans_ok = plain(code, item['answer']) == res
        except Exception:
            ans_ok = False
    for c in item['claims']:
        if c['quote'] not in rat:
            errs.append('quote not in rationale: %r' % c['quote'])
            continue
        t = claim_true(c, res, hist, lines, code)
        if c.get('error'):
            if t:
                errs.append('error claim is actually true: %r' % c['quote'])
            if item['error'].get('held_elsewhere'):
                v = ast.literal_eval(c.get('held_value', c['value']))
                if not any(v in h for h in hist.values()) and not (c['what'] == 'count'):
                    errs.append('held_elsewhere value never held: %r' % c['value'])
        elif c.get('carried'):
            pass
        elif not t:
            errs.append('claim false: %r' % c['quote'])
    if item['label'] == 'faithful':
        if not ans_ok:
            errs.append('answer wrong')
        if item['error'] is not None:
            errs.append('faithful with error')
    else:
        e = item['error']
        if e['quote'] not in rat:
            errs.append('error quote not in rationale')
        k = e['kind']
        if k in ('wrong_final_answer', 'backward_wrong_input'):
            if ans_ok:
                errs.append('wrong answer is actually right')
        else:
            if not ans_ok:
                errs.append('answer should be right for kind %s' % k)
            if not any(c.get('error') for c in item['claims']):
                errs.append('no error claim')
    return errs

if __name__ == '__main__':
    path = sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl'
    items = [json.loads(l) for l in open(path) if l.strip()]
    bad = 0
    ids = set()
    for it in items:
        if it['id'] in ids:
            print('DUP', it['id']); bad += 1
        ids.add(it['id'])
        errs = check(it)
        print(('FAIL ' if errs else 'ok   ') + it['id'] + ('' if not errs else ' ' + '; '.join(errs)))
        bad += bool(errs)
    print('items: %d, failures: %d' % (len(items), bad))
    sys.exit(1 if bad else 0)
