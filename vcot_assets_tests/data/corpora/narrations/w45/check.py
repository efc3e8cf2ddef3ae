"""Standalone checker for w45 narrations: runs each program with sys.settrace and checks
returned values, every claim of faithful items, answers, and that error copies are wrong."""
import ast, copy, json, re, sys
from collections import defaultdict

FN = '<prog>'

def run_traced(code, call):
    hist = defaultdict(list)      # var -> values seen (locals and self.attrs)
    lines = defaultdict(int)      # lineno -> times executed
    rets = defaultdict(list)      # function name -> returned values
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == 'self':
                for a, av in getattr(v, '__dict__', {}).items():
                    rec('self.' + a, av)
            else:
                rec(k, v)
    def rec(k, v):
        try:
            v = copy.deepcopy(v)
        except Exception:
            pass
        h = hist[k]
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event == 'call':
            snap(frame)
        elif event == 'line':
            lines[frame.f_lineno] += 1
            snap(frame)
        elif event == 'return':
            snap(frame)
            rets[frame.f_code.co_name].append(copy.deepcopy(arg))
        return tracer
    ns = {}
    exec(compile(code, FN, 'exec'), ns)
    sys.settrace(tracer)
    try:
        result = eval(compile(call, FN + 'call', 'eval'), ns)
    finally:
        sys.settrace(None)
    return result, hist, lines, rets

def plain_call(code, call):
    ns = {}
    exec(compile(code, FN, 'exec'), ns)
    return eval(call, ns)

def same(a, b):
    return a == b and type(a) == type(b) or (isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) and not isinstance(b, bool) and a == b)

def claim_true(c, result, hist, lines, rets):
    what, var, val = c['what'], c['variable'], ast.literal_eval(c['value'])
    q = c['quote'].strip().strip('`').strip()
    if what == 'value':
        if var is None:
            return any(same(val, x) for h in hist.values() for x in h)
        return any(same(val, x) for x in hist.get(var, []))
    if what == 'count':
        m = re.match(r'loop@line (\d+)$', var)
        return lines.get(int(m.group(1)), 0) == val
    if what in ('comparison', 'arith'):
        try:
            got = eval(q, {})
        except Exception:
            return False
        return same(got, val) or got == val
    if what == 'return':
        return same(result, val) or result == val
    if what == 'call':
        return any(x == val for x in rets.get(var, []))
    raise ValueError(what)

def check_item(it):
    probs = []
    result, hist, lines, rets = run_traced(it['code'], it['call'])
    if repr(result) != it['returned']:
        probs.append('returned mismatch %r vs %s' % (result, it['returned']))
    r = it['rationale']
    if not r.rstrip().splitlines()[-1].startswith('Answer:') and 'Answer:' not in r.rstrip().splitlines()[-1]:
        probs.append('last line is not Answer:')
    if it['answer'] not in r.rstrip().splitlines()[-1]:
        probs.append('answer not in last line')
    for c in it['claims']:
        if c['quote'] not in r:
            probs.append('quote not in rationale: %r' % c['quote'])
    falses = [c for c in it['claims'] if not claim_true(c, result, hist, lines, rets)]
    if it['direction'] == 'forward':
        ans_ok = ast.literal_eval(it['answer']) == result
    else:
        try:
            ans_ok = repr(plain_call(it['code'], it['answer'])) == it['returned']
        except Exception:
            ans_ok = False
    if it['label'] == 'faithful':
        for c in falses:
            probs.append('false claim in faithful: %r' % (c,))
        if not ans_ok:
            probs.append('faithful answer wrong: %s' % it['answer'])
    else:
        e = it['error']
        if e['quote'] not in r:
            probs.append('error quote not in rationale')
        if e['kind'] in ('wrong_final_answer', 'backward_wrong_input'):
            if ans_ok:
                probs.append('error answer is actually right')
            if falses:
                probs.append('answer-error copy has false claims: %r' % falses)
        else:
            if not ans_ok and e['kind'] == 'wrong_intermediate_right_answer':
                probs.append('answer should stay right')
            own = [c for c in falses if c['quote'] in e['quote'] or e['quote'] in c['quote']]
            if not own:
                probs.append('error not confirmed false by any claim')
            other = [c for c in falses if c not in own]
            if other and not e.get('carried'):
                probs.append('other false claims without carried: %r' % other)
            if not ans_ok and not e.get('carried'):
                probs.append('answer wrong but error not carried')
    return probs

def main(path):
    items = [json.loads(l) for l in open(path)]
    bad = 0
    out = []
    for it in items:
        p = check_item(it)
        status = 'OK' if not p else 'FAIL'
        bad += bool(p)
        out.append('%s %s %s' % (status, it['id'], '; '.join(p)))
    out.append('items: %d  failing: %d' % (len(items), bad))
    # negative control: corrupting a faithful item (a claim value, the answer) must be detected
    missed = 0
    for it in items:
        if it['label'] != 'faithful':
            continue
        for mut in ('claim', 'answer'):
            m = json.loads(json.dumps(it))
            if mut == 'claim':
                m['claims'][0]['value'] = repr('<<never>>')
            else:
                m['answer'] = m['answer'] + ' + 1' if m['direction'] == 'backward' else repr('<<never>>')
            if not check_item(m):
                missed += 1
    out.append('negative controls missed: %d' % missed)
    bad += missed
    print('\n'.join(out))
    return bad

if __name__ == '__main__':
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl') else 0)
