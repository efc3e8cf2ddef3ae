"""Standalone checker for w115 narrations: runs each program under sys.settrace,
records per-variable value histories and line hit counts, and checks claims/errors."""
import ast, json, sys
from collections import Counter, defaultdict

FN = '<w115prog>'

def snap(v):
    try:
        return ast.literal_eval(repr(v))
    except Exception:
        return repr(v)

def run(code, call):
    ns = {}
    exec(compile(code, FN, 'exec'), ns)
    hist = defaultdict(list)
    hits = Counter()
    def rec(frame):
        for k, v in frame.f_locals.items():
            if k == 'self':
                for ak, av in vars(v).items():
                    s = snap(av)
                    h = hist['self.' + ak]
                    if not h or h[-1] != s:
                        h.append(s)
                continue
            s = snap(v)
            h = hist[k]
            if not h or h[-1] != s:
                h.append(s)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        rec(frame)
        if event == 'line':
            hits[frame.f_lineno] += 1
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, hits

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, ret, hist, hits):
    what = c['what']
    val = lit(c['value'])
    if what == 'value':
        v = c['variable']
        if v is None:
            return any(val in h for h in hist.values()) or val == ret
        return val in hist.get(v, [])
    if what == 'count':
        return hits[c['line']] == val
    if what in ('comparison', 'arith'):
        return eval(c['expr']) == val
    if what == 'return':
        return val == ret
    if what == 'call':
        return True
    raise ValueError(what)

def check_error(item, ret, hist, hits):
    e = item['error']
    ck = e['check']
    t = ck['type']
    stated = None if t.startswith('answer') else lit(e['stated'])
    if t == 'hist_index':
        h = hist[ck['variable']]
        ok = h[ck['index']] != stated and h[ck['index']] == lit(e['actual'])
        if e.get('held_elsewhere'):
            ok = ok and any(stated in hh for hh in hist.values())
        return ok
    if t == 'never':
        return stated not in hist.get(ck['variable'], [])
    if t in ('arith', 'eval'):
        ok = eval(ck['expr']) != stated
        if e.get('held_elsewhere'):
            # the wrong result must be a value the run really holds somewhere else
            ok = ok and any(stated in hh for hh in hist.values())
        return ok
    if t == 'count':
        ok = hits[ck['line']] != stated and hits[ck['line']] == lit(e['actual'])
        return ok
    if t == 'answer_fwd':
        return lit(item['answer']) != ret
    if t == 'answer_bwd':
        ns = {}
        exec(compile(item['code'], FN, 'exec'), ns)
        try:
            return eval(item['answer'], ns) != ret
        except Exception:
            return True
    raise ValueError(t)

def main():
    items = [json.loads(l) for l in open('narrations.jsonl') if l.strip()]
    out, bad = [], 0
    for it in items:
        probs = []
        ret, hist, hits = run(it['code'], it['call'])
        if repr(ret) != it['returned']:
            probs.append('returned mismatch %r' % (ret,))
        r = it['rationale']
        last = r.strip().splitlines()[-1]
        if not last.startswith('Answer:') or last[len('Answer:'):].strip() != it['answer']:
            probs.append('answer line mismatch')
        for c in it['claims']:
            if c['quote'] not in r:
                probs.append('quote missing: ' + c['quote'])
                continue
            is_err = it['label'] == 'error' and c['quote'] == it['error']['quote'] and lit(c['value']) == lit(it['error']['stated'])
            if is_err:
                continue
            if not check_claim(c, ret, hist, hits):
                probs.append('claim false: %s' % c['quote'])
        if it['label'] == 'faithful':
            if it['direction'] == 'forward':
                if lit(it['answer']) != ret:
                    probs.append('forward answer wrong')
            else:
                ns = {}
                exec(compile(it['code'], FN, 'exec'), ns)
                if eval(it['answer'], ns) != ret:
                    probs.append('backward answer wrong')
        else:
            e = it['error']
            if e['quote'] not in r:
                probs.append('error quote missing')
            elif not check_error(it, ret, hist, hits):
                probs.append('error not actually false')
            if e['kind'] not in ('wrong_final_answer', 'backward_wrong_input'):
                # the answer must still be right for non-answer errors
                if it['direction'] == 'forward':
                    if not e.get('carried') and lit(it['answer']) != ret:
                        probs.append('answer should be right')
                else:
                    ns = {}
                    exec(compile(it['code'], FN, 'exec'), ns)
                    if not e.get('carried') and eval(it['answer'], ns) != ret:
                        probs.append('backward answer should be right')
        status = 'OK' if not probs else 'FAIL'
        if probs:
            bad += 1
        out.append('%s %s %s' % (status, it['id'], '; '.join(probs)))
    out.append('items=%d failures=%d' % (len(items), bad))
    open('check_report.txt', 'w').write('\n'.join(out) + '\n')
    print('\n'.join(out))
    return bad

if __name__ == '__main__':
    sys.exit(1 if main() else 0)
