"""Standalone checker for w173 narrations: re-executes each program under sys.settrace and
checks returned values, faithful claims, answers, and that each error copy's error is false."""
import ast, copy, json, re, sys
from collections import defaultdict

FN = '<w173prog>'

def run(code, call):
    g = {'__name__': 'w173prog'}
    exec(compile(code, FN, 'exec'), g)
    hist = defaultdict(list)          # var -> list of distinct successive values
    hits = defaultdict(int)           # line -> times executed
    at = {}                           # (line, hit) -> snapshot of vars before the line runs

    def snap(frame):
        d = {}
        for k, v in frame.f_locals.items():
            d[k] = v
            if k == 'self' and hasattr(v, '__dict__'):
                for a, av in vars(v).items():
                    d['self.' + a] = av
        out = {}
        for k, v in d.items():
            try:
                out[k] = copy.deepcopy(v)
            except Exception:
                out[k] = v
        return out

    def record(s):
        for k, v in s.items():
            h = hist[k]
            if not h or h[-1] != v or type(h[-1]) != type(v):
                h.append(v)

    def tr(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        s = snap(frame)
        record(s)
        if event == 'line':
            ln = frame.f_lineno
            at[(ln, hits[ln])] = s
            hits[ln] += 1
        return tr

    sys.settrace(tr)
    try:
        res = eval(call, g)
    finally:
        sys.settrace(None)
    return res, hist, hits, at

def plain(code, call):
    g = {}
    exec(code, g)
    return eval(call, g)

def lit(s):
    return ast.literal_eval(s)

def arith_expr(quote):
    q = quote.replace('`', '')
    return q.rsplit('=', 1)[0].strip() if '=' in q else None

def count_of(label, hits):
    nums = [int(x) for x in re.findall(r'\d+', label.split('@line', 1)[1])]
    return sum(hits.get(n, 0) for n in nums)

def check_claim(c, hist, hits, res, item):
    w = c['what']
    if w == 'value':
        v = lit(c['value'])
        return any(h == v and type(h) == type(v) for h in hist.get(c['variable'], []))
    if w == 'sequence':
        seq = lit(c['value']); h = hist.get(c['variable'], [])
        return any(h[k:k + len(seq)] == seq for k in range(len(h)))
    if w == 'count':
        return count_of(c['variable'], hits) == int(c['value'])
    if w == 'arith':
        e = c.get('expr') or arith_expr(c['quote'])
        return eval(e) == lit(c['value'])
    if w == 'comparison':
        return bool(eval(c['expr'])) == lit(c['value'])
    if w == 'return':
        return repr(res) == repr(lit(c['value']))
    if w == 'call':
        return repr(plain(item['code'], c['value'])) == item['returned']
    return False

def check_error(e, item, hist, hits, at, res):
    ck = e['check']; t = ck['type']
    if t == 'answer':
        if item['direction'] == 'forward':
            return repr(lit(item['answer'])) != item['returned']
        return repr(plain(item['code'], item['answer'])) != item['returned']
    if t == 'arith':
        real = eval(ck['expr'])
        return real != lit(e['stated']) and real == lit(e['actual'])
    if t == 'cmp':
        real = bool(eval(ck['expr']))
        return real != lit(e['stated']) and real == lit(e['actual'])
    if t == 'count':
        n = sum(hits.get(l, 0) for l in ck['lines'])
        return n != lit(e['stated']) and n == lit(e['actual'])
    if t == 'at_line':
        real = at[(ck['line'], ck['hit'])][ck['var']]
        return real != lit(e['stated']) and real == lit(e['actual'])
    if t == 'absent':
        v = lit(e['stated'])
        return all(h != v for h in hist.get(ck['var'], []))
    return False

def main():
    items = [json.loads(l) for l in open('narrations.jsonl')]
    ids = {it['id'] for it in items}
    fails = []; lines = []
    for it in items:
        probs = []
        res, hist, hits, at = run(it['code'], it['call'])
        if repr(res) != it['returned']:
            probs.append('returned mismatch')
        if not it['rationale'].rstrip().splitlines()[-1].startswith('Answer: ' + it['answer']):
            probs.append('answer line mismatch')
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                probs.append('quote missing: ' + c['quote'])
        if it['label'] == 'faithful':
            if it['error'] is not None or it['faithful_id'] is not None:
                probs.append('faithful has error')
            for c in it['claims']:
                try:
                    ok = check_claim(c, hist, hits, res, it)
                except Exception as ex:
                    ok = False
                if not ok:
                    probs.append('false claim: %r' % c)
            if it['direction'] == 'forward':
                if repr(lit(it['answer'])) != it['returned']:
                    probs.append('forward answer wrong')
            else:
                if repr(plain(it['code'], it['answer'])) != it['returned']:
                    probs.append('backward answer does not reproduce output')
        else:
            e = it['error']
            if it['faithful_id'] not in ids:
                probs.append('faithful_id missing')
            if e['quote'] not in it['rationale']:
                probs.append('error quote missing')
            try:
                if not check_error(e, it, hist, hits, at, res):
                    probs.append('error is not false: %r' % e)
            except Exception as ex:
                probs.append('error check crashed: %r' % ex)
            # every other claim in the error copy must still be true
            for c in it['claims']:
                if c['quote'] in e['quote'] or e['quote'] in c['quote']:
                    continue
                try:
                    ok = check_claim(c, hist, hits, res, it)
                except Exception:
                    ok = False
                if not ok:
                    probs.append('unrelated false claim: %r' % c)
            if e['kind'] != 'wrong_final_answer' and e['kind'] != 'backward_wrong_input' and not e.get('carried'):
                ok = (repr(lit(it['answer'])) == it['returned']) if it['direction'] == 'forward' else \
                     (repr(plain(it['code'], it['answer'])) == it['returned'])
                if not ok:
                    probs.append('answer changed without carried')
        lines.append(('PASS ' if not probs else 'FAIL ') + it['id'] + ('' if not probs else ' :: ' + '; '.join(probs)))
        if probs:
            fails.append(it['id'])
    lines.append('%d items, %d failed' % (len(items), len(fails)))
    print('\n'.join(lines))
    return 1 if fails else 0

if __name__ == '__main__':
    sys.exit(main())
