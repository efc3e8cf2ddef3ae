"""Standalone checker for w107 narrations: re-executes each program with sys.settrace,
records per-variable value histories (locals and self.<attr>) and per-line hit counts,
then checks every claim of faithful items and confirms the planted error of error copies."""
import copy, json, sys, re

def run_traced(code, call):
    hist, hits = {}, {}
    def rec(frame):
        for k, v in frame.f_locals.items():
            if k == 'self':
                for a, av in vars(v).items():
                    push('self.' + a, av)
            elif not k.startswith('.') and not callable(v):
                push(k, v)
    def push(k, v):
        try:
            v = copy.deepcopy(v)
        except Exception:
            pass
        h = hist.setdefault(k, [])
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        if event == 'line':
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        rec(frame)
        return tr
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    sys.settrace(tr)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, hits

def plain_call(code, call):
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    return eval(call, g)

def lit(s):
    return eval(s, {})

def loop_count(hits, label):
    m = re.match(r'loop@line (\d+)', label)
    return hits.get(int(m.group(1)), 0)

def check_claim(c, ret, hist, hits):
    w = c['what']
    if w == 'call':
        return c['value'] in c['quote'], None
    v = lit(c['value'])
    if w == 'value':
        var = c['variable']
        if '[' in var:
            base, sub = var[:var.index('[')], var[var.index('['):]
            seq = []
            for x in hist.get(base, []):
                try:
                    seq.append(eval('x' + sub, {'x': x}))
                except Exception:
                    pass
            return v in seq, seq
        return v in hist.get(var, []), hist.get(var)
    if w == 'count':
        n = loop_count(hits, c['variable'])
        return n == v, n
    if w in ('arith', 'comparison'):
        e = c.get('expr') or c['quote'].split('=')[0]
        r = eval(e, {})
        return r == v, r
    if w == 'return':
        return ret == v, ret
    if w == 'call':
        return True, None
    return False, 'unknown claim kind'

def check_error(it, ret, hist, hits):
    e = it['error']; ck = e.get('check', {}); k = e['kind']
    stated = lit(e['stated']) if k not in ('backward_wrong_input',) else None
    if e['quote'] not in it['rationale']:
        return False, 'quote missing'
    if k == 'wrong_final_answer':
        return lit(it['answer']) != ret, 'answer vs return'
    if k == 'backward_wrong_input':
        return plain_call(it['code'], it['answer']) != ret, 'call output'
    if 'expr' in ck:
        r = eval(ck['expr'], {})
        ok = r != stated and r == lit(e['actual'])
        if e.get('held_elsewhere') and 'variable' in ck:
            ok = ok and stated in hist.get(ck['variable'], [])
        return ok, f'{ck["expr"]} -> {r!r}'
    if 'loop' in ck:
        n = loop_count(hits, ck['loop'])
        return n != stated, f'loop runs {n}'
    var = ck['variable']; h = hist.get(var, [])
    if k == 'impossible_state':
        return stated not in h, f'{var} history {h}'
    idx = ck['index']
    sub = ck.get('sub', '')
    def pick(x):
        try:
            return eval('x' + sub, {'x': x})
        except Exception:
            return None
    seq = [pick(x) for x in h] if sub else h
    ok = seq[idx] != stated and lit(e['actual']) == seq[idx]
    if e.get('held_elsewhere'):
        ok = ok and stated in seq
    return ok, f'{var}{sub}[{idx}] = {seq[idx]!r}; history {seq}'

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl') if l.strip()]
    bad = 0
    out = []
    for it in items:
        ret, hist, hits = run_traced(it['code'], it['call'])
        probs = []
        if repr(ret) != it['returned']:
            probs.append(f'returned {ret!r} != {it["returned"]}')
        last = it['rationale'].rstrip().splitlines()[-1]
        if not last.startswith('Answer:') or last[len('Answer:'):].strip() != it['answer']:
            probs.append('answer line mismatch')
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                probs.append('claim quote missing: ' + c['quote'])
                continue
            if it['label'] == 'error' and c['quote'] == it['error']['quote']:
                continue
            ok, info = check_claim(c, ret, hist, hits)
            if not ok:
                probs.append(f'claim false: {c["quote"]!r} ({info})')
        if it['label'] == 'faithful':
            if it['direction'] == 'forward':
                if lit(it['answer']) != ret:
                    probs.append('forward answer wrong')
            else:
                if plain_call(it['code'], it['answer']) != ret:
                    probs.append('backward answer does not reproduce output')
        else:
            ok, info = check_error(it, ret, hist, hits)
            if not ok:
                probs.append('planted error not false: ' + info)
            if it['error']['kind'] not in ('wrong_final_answer', 'backward_wrong_input'):
                if it['direction'] == 'forward' and lit(it['answer']) != ret and not it['error'].get('carried'):
                    probs.append('error copy answer changed without carried')
                if it['direction'] == 'backward' and plain_call(it['code'], it['answer']) != ret and not it['error'].get('carried'):
                    probs.append('error copy backward answer broken')
        status = 'PASS' if not probs else 'FAIL'
        bad += bool(probs)
        out.append(f'{status} {it["id"]} ({it["label"]}{"/" + it["error"]["kind"] if it["error"] else ""}, {len(it["claims"])} claims)')
        out += ['    ' + p for p in probs]
    out.append(f'{len(items)} items, {len(items) - bad} pass, {bad} fail')
    print('\n'.join(out))
    return 1 if bad else 0

if __name__ == '__main__':
    sys.exit(main())
