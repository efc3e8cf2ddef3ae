#!/usr/bin/env python3
"""Standalone checker for w11 narrations: runs each program under sys.settrace and
verifies returned values, claims, answers and that error copies are really wrong."""
import ast, copy, json, re, sys
from collections import defaultdict

FN = '<w11>'

def run(code, call):
    ns = {}
    exec(compile(code, FN, 'exec'), ns)
    hist = defaultdict(list)
    hits = defaultdict(int)

    def rec(name, val):
        try:
            val = copy.deepcopy(val)
        except Exception:
            return
        h = hist[name]
        if not h or h[-1] != val or type(h[-1]) != type(val):
            h.append(val)

    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == 'self':
                for a, av in vars(v).items():
                    rec('self.' + a, av)
            elif not k.startswith('.'):
                rec(k, v)

    def tr(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event == 'line':
            hits[frame.f_lineno] += 1
        snap(frame)
        return tr

    sys.settrace(tr)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return result, hist, hits, ns

def lit(s):
    try:
        return ast.literal_eval(s)
    except Exception:
        return s

def clean(q):
    return q.replace('`', '').strip().rstrip('.').strip()

def check_claim(c, result, hist, hits, ns):
    """Return (ok, detail)."""
    w = c['what']; v = lit(c['value']); var = c.get('variable')
    if w == 'value':
        m = re.match(r'^(\w+)\[(.+)\]$', var or '')
        if m:
            key = lit(m.group(2)); h = []
            for d in hist.get(m.group(1), []):
                if key in d and (not h or h[-1] != d[key]):
                    h.append(d[key])
        else:
            h = hist.get(var)
        if h is None:
            return False, f'variable {var} never seen'
        if c.get('sequence'):
            ok = any(h[i:i+len(v)] == v for i in range(len(h)))
            return ok, f'{var} sequence {h!r}'
        return (v in h), f'{var} history {h!r}'
    if w == 'count':
        m = re.match(r'loop@line (\d+)', var or '')
        if not m:
            return False, 'bad count label'
        n = hits.get(int(m.group(1)), 0)
        return n == v, f'line {m.group(1)} ran {n} times'
    if w == 'comparison':
        q = c['quote']
        if '`' in q:
            q = q.split('`')[1]
        else:
            q = re.split(r',| is | holds| returns', q)[0]
        got = bool(eval(q.strip(), {}))
        return got == bool(v), f'{q} -> {got}'
    if w == 'arith':
        q = c['quote']
        if '`' in q:
            q = q.split('`')[1]
        q = q.replace(' is ', ' = ')
        parts = q.split('=')
        lhs = parts[-2]
        got = eval(lhs.strip(), {})
        return got == v, f'{lhs} -> {got!r}'
    if w == 'return':
        return result == v, f'returned {result!r}'
    if w == 'call':
        got = eval(clean(c['quote']).split(' returns')[0], ns)
        return got == v, f'call -> {got!r}'
    return False, 'unknown what'

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl')]
    ids = {it['id'] for it in items}
    fails = 0; lines = []
    for it in items:
        errs = []
        result, hist, hits, ns = run(it['code'], it['call'])
        if repr(result) != it['returned']:
            errs.append(f'returned mismatch {result!r} vs {it["returned"]}')
        rat = it['rationale']
        last = rat.rstrip().splitlines()[-1]
        if not last.startswith('Answer:') or last[len('Answer:'):].strip() != it['answer']:
            errs.append('answer field does not match last Answer line')
        for c in it['claims']:
            if c['quote'] not in rat:
                errs.append(f'claim quote not in rationale: {c["quote"]!r}')
        err = it.get('error')
        err_quote = err['quote'] if err else None
        if err and err['quote'] not in rat:
            errs.append('error quote not in rationale')
        # answer
        if it['direction'] == 'forward':
            ans_ok = lit(it['answer']) == result
        else:
            if not it['answer'].startswith(it['function'] + '(') and it['kind'] == 'function':
                errs.append('backward answer does not call the function')
            try:
                r2, *_ = run(it['code'], it['answer'])
                ans_ok = r2 == result
            except Exception as e:
                ans_ok = False
        answer_wrong_expected = err and err['kind'] in ('wrong_final_answer', 'backward_wrong_input')
        if answer_wrong_expected:
            if ans_ok:
                errs.append('error copy answer is actually right')
        elif not ans_ok:
            errs.append(f'answer wrong: {it["answer"]}')
        # claims
        err_claim_seen = False
        for c in it['claims']:
            ok, det = check_claim(c, result, hist, hits, ns)
            is_err = err is not None and err_quote is not None and c['quote'] == err_quote and not answer_wrong_expected
            if is_err:
                err_claim_seen = True
                if ok:
                    errs.append(f'error claim is actually true: {c["quote"]!r} ({det})')
            elif not ok:
                if err and err.get('carried') and c.get('carried'):
                    continue
                errs.append(f'false claim: {c["quote"]!r} ({det})')
        if err and not answer_wrong_expected and not err_claim_seen:
            errs.append('error has no matching claim')
        if it['label'] == 'error':
            if it['faithful_id'] not in ids:
                errs.append('faithful_id missing')
        status = 'PASS' if not errs else 'FAIL'
        if errs: fails += 1
        lines.append(f'{status} {it["id"]}' + ''.join('\n    ' + e for e in errs))
    lines.append(f'\n{len(items)} items, {len(items)-fails} pass, {fails} fail')
    print('\n'.join(lines))
    return 1 if fails else 0

if __name__ == '__main__':
    sys.exit(main())
