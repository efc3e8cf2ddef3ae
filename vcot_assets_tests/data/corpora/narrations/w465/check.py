"""Standalone checker for the w465 narration corpus.
Runs each program's call under sys.settrace, records per-variable value histories (locals and
self.<attr>), per-line execution counts, and checks every item's claims and error annotations."""
import ast, copy, json, sys
from collections import defaultdict

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run(code, call):
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    hist = defaultdict(list)
    lines = defaultdict(int)
    def record(frame):
        for k, v in frame.f_locals.items():
            if k == 'self':
                for a, av in getattr(v, '__dict__', {}).items():
                    h = hist['self.' + a]
                    if not h or h[-1] != av:
                        h.append(snap(av))
                continue
            h = hist[k]
            if not h or h[-1] != v or type(h[-1]) is not type(v):
                h.append(snap(v))
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        def local(frame, event, arg):
            if event == 'line':
                lines[frame.f_lineno] += 1
            record(frame)
            return local
        record(frame)
        return local
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ns, ret, hist, lines

def lit(s):
    return ast.literal_eval(s)

def gethist(hist, name):
    if name.startswith('len(') and name.endswith(')'):
        return [len(x) for x in hist.get(name[4:-1], [])]
    return hist.get(name, [])

def claim_ok(c, ns, ret, hist, lines):
    w = c['what']
    if w == 'call':
        return eval(c['value'], ns) == ret
    v = lit(c['value'])
    if c.get('seq'):
        h = gethist(hist, c['variable'])
        n = len(v)
        return any(h[i:i + n] == v for i in range(len(h) - n + 1))
    if c.get('subseq'):
        it = iter(hist.get(c['variable'], []))
        return all(any(x == y for y in it) for x in v)
    if w == 'value':
        if c['variable'] is None:
            return any(v in h for h in hist.values()) or v == ret
        return v in gethist(hist, c['variable'])
    if w == 'count' and c['variable'].startswith('iters:'):
        return len(hist.get(c['variable'][6:], [])) == v
    if w == 'count':
        line = int(c['variable'].split('@line')[1])
        return lines[line] == v
    if w in ('comparison', 'arith'):
        return eval(c['expr'], {}) == v
    if w == 'return':
        return v == ret
    raise ValueError(w)

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl')]
    progs = {}
    fails = []
    counts = defaultdict(int)
    for it in items:
        pid = it['program_id']
        if pid not in progs:
            progs[pid] = run(it['code'], it['call'])
        ns, ret, hist, lines = progs[pid]
        errs = []
        if repr(ret) != it['returned']:
            errs.append('returned mismatch %r' % (ret,))
        if it['direction'] == 'forward' and it['rationale'].strip().splitlines()[-1] != 'Answer: ' + it['answer']:
            errs.append('last line is not the Answer line')
        if it['direction'] == 'backward' and it['rationale'].strip().splitlines()[-1] != 'Answer: ' + it['answer']:
            errs.append('last line is not the Answer line')
        # answer
        if it['direction'] == 'forward':
            ans_ok = lit(it['answer']) == ret
        else:
            ans_ok = eval(it['answer'], ns) == ret
        err = it['error']
        if it['label'] == 'faithful' or (err['kind'] not in ('wrong_final_answer', 'backward_wrong_input') and not err.get('carried')):
            if not ans_ok:
                errs.append('answer wrong')
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                errs.append('claim quote not in rationale: %r' % c['quote'])
                continue
            if err is not None and c['quote'] in err['quote']:
                continue
            try:
                ok = claim_ok(c, ns, ret, hist, lines)
            except Exception as e:
                ok = False
            if not ok:
                errs.append('false claim: %r' % (c,))
        if err is not None:
            counts[err['kind']] += 1
            if err['quote'] not in it['rationale']:
                errs.append('error quote missing')
            if err['stated'] not in err['quote']:
                errs.append('stated not in quote')
            if it['faithful_id'] is None:
                errs.append('no faithful_id')
            if not any(c['quote'] == err['quote'] for c in it['claims']) and err['kind'] not in ('wrong_final_answer', 'backward_wrong_input'):
                errs.append('error claim not among claims')
            ck = err['check']
            t = ck['type']
            stated = lit(err['stated_value']) if t != 'answer' else None
            if t == 'hist_at':
                h = gethist(hist, ck['variable'])
                actual = h[ck['index']]
                if actual == stated:
                    errs.append('error not false at that point')
                if actual != lit(err['actual_value']):
                    errs.append('actual mismatch: %r' % (actual,))
                if err.get('held_elsewhere') and stated not in h and not any(stated in hh for hh in hist.values()):
                    errs.append('held_elsewhere but value never held')
            elif t == 'absent':
                if stated in hist[ck['variable']]:
                    errs.append('impossible_state value is held')
            elif t == 'arith':
                if eval(ck['expr'], {}) == stated:
                    errs.append('arith error not wrong')
            elif t == 'count':
                if lines[ck['line']] == stated or lines[ck['line']] != lit(err['actual_value']):
                    errs.append('count error check failed (%d)' % lines[ck['line']])
            elif t == 'comparison':
                if eval(ck['expr'], {}) == stated:
                    errs.append('comparison error not wrong')
            elif t == 'answer':
                if ans_ok:
                    errs.append('answer error but answer right')
                if it['direction'] == 'backward' and repr(eval(it['answer'], ns)) != err['actual']:
                    errs.append('backward_wrong_input actual mismatch')
            else:
                errs.append('unknown check')
            if err['kind'] == 'wrong_intermediate_right_answer' and not ans_ok:
                errs.append('wrong_intermediate but answer wrong')
        status = 'PASS' if not errs else 'FAIL'
        print('%s %s %s' % (status, it['id'], '; '.join(errs)))
        if errs:
            fails.append(it['id'])
    print('items: %d, programs: %d, failures: %d' % (len(items), len(progs), len(fails)))
    print('error kinds: ' + json.dumps(dict(counts), sort_keys=True))
    return 1 if fails else 0

if __name__ == '__main__':
    sys.exit(main())
